"""``Comparer.compare`` embeds side A in a background thread while side B is analysed
(``_budget.Background``). The report must be the one the plain path gives, byte for byte; a bad
side B must stop that work and raise its own error; the thread runs under the comparison's
time budget."""

from __future__ import annotations

import threading
import time
from collections.abc import Sequence

import numpy as np
import pytest

from storydiff import AnalysisCache, Comparer, InputError, TimeBudgetError
from storydiff._budget import Background, check_budget, time_budget
from storydiff.pipeline.comparer import _label
from storydiff.similarity.features import encoder_texts
from tests.conftest import EXAMPLES
from tests.pipeline.test_batch import FLOOD, OTHERS, SpyEncoder, as_json

ORIGINAL, REWRITE = EXAMPLES / "original.txt", EXAMPLES / "rewrite.txt"


@pytest.mark.parametrize("pair", [(ORIGINAL, REWRITE), (FLOOD, OTHERS[0]), (REWRITE, FLOOD)])
def test_the_report_is_the_plain_paths_to_the_bit(pair: tuple[object, object]) -> None:
    ahead = Comparer(cache=AnalysisCache())
    plain = Comparer(cache=AnalysisCache())
    a, b = pair
    report = ahead.compare(a, b)
    expected = plain.compare_documents(plain.prepare(a, name=_label(a, "A")),  # nothing ahead
                                       plain.prepare(b, name=_label(b, "B")))
    assert as_json(report) == as_json(expected)
    # nothing is embedded twice, and nothing the comparison does not use
    stats, expected_stats = ahead.cache.stats, plain.cache.stats
    assert stats.vectors_encoded == expected_stats.vectors_encoded
    assert stats.documents_analysed == expected_stats.documents_analysed


def test_side_a_is_embedded_while_side_b_is_analysed(monkeypatch: pytest.MonkeyPatch) -> None:
    """A's encoding waits until B's analysis has begun: done in line, it would wait in vain."""
    from storydiff.pipeline.cache import CachingEncoder

    b_begun, waited = threading.Event(), []

    class Waiting(SpyEncoder):
        def encode(self, texts: Sequence[str]) -> np.ndarray:
            if not self.calls:
                waited.append(b_begun.wait(10))
            return super().encode(texts)

    spy = Waiting()
    comparer = Comparer(cache=AnalysisCache())
    comparer.encoder = CachingEncoder(spy, comparer.cache)  # type: ignore[assignment]
    comparer.scorer.encoder = comparer.encoder  # type: ignore[attr-defined]
    real_prepare = comparer.prepare

    def prepare(source: object, **kwargs: object) -> object:
        if source is OTHERS[0]:
            b_begun.set()
        return real_prepare(source, **kwargs)  # type: ignore[arg-type]

    monkeypatch.setattr(comparer, "prepare", prepare)
    comparer.compare(FLOOD, OTHERS[0])
    assert waited == [True]
    doc_a, doc_b = real_prepare(FLOOD), real_prepare(OTHERS[0])
    assert spy.calls[:2] == [encoder_texts(doc_a), encoder_texts(doc_b)]  # each lead first


def test_a_bad_side_b_stops_the_work_and_raises_its_own_error(comparer: Comparer) -> None:
    before = {t.name for t in threading.enumerate()}
    with pytest.raises(InputError):
        comparer.compare(FLOOD, "   ")
    time.sleep(0.05)
    assert "storydiff-encode-ahead" not in {t.name for t in threading.enumerate()} - before
    assert comparer.compare(FLOOD, OTHERS[0]).similarity.same_story > 0.5  # and it goes on


def test_background_returns_and_raises_what_its_work_does() -> None:
    assert Background(lambda: 41 + 1, name="t").result() == 42

    def fail() -> None:
        raise ValueError("broken")

    with pytest.raises(ValueError, match="broken"):
        Background(fail, name="t").result()


def test_background_work_stops_at_its_next_budget_check() -> None:
    started, checks = threading.Event(), []

    def loop() -> None:
        started.set()
        while True:
            check_budget("loop")
            checks.append(1)
            time.sleep(0.001)

    work = Background(loop, name="t")
    started.wait(5)
    work.stop()  # returns: the loop ended at a check, and its error is dropped
    count = len(checks)
    time.sleep(0.02)
    assert len(checks) == count


def test_background_work_runs_under_the_callers_budget() -> None:
    def loop() -> None:
        while True:
            check_budget("loop")
            time.sleep(0.001)

    with time_budget(0.05, source="pair"):
        work = Background(loop, name="t")
    with pytest.raises(TimeBudgetError, match="pair"):
        work.result()


_EXITING = """
import sys, time
from pathlib import Path
from storydiff._budget import Background, check_budget

def slow():  # native work that never checks the budget: runs to its end
    time.sleep(0.5)
    Path(sys.argv[1]).write_text("done")

def endless():  # stopped at its next budget check
    while True:
        check_budget("loop")
        time.sleep(0.01)

Background(slow, name="load")
Background(endless, name="ahead")
sys.exit(3)
"""


def test_a_process_exiting_first_waits_for_its_background_work(tmp_path) -> None:  # type: ignore[no-untyped-def]
    """An input error ends ``compare`` while the encoder's session may still be built in a
    background thread; the interpreter must not finalise under it (CI once saw exit status
    -6, "terminate called without an active exception", instead of 2). The exit waits: the
    slow work finishes, the endless one stops at its budget check, the status is kept."""
    import subprocess
    import sys

    marker = tmp_path / "marker"
    proc = subprocess.run([sys.executable, "-c", _EXITING, str(marker)], capture_output=True,
                          text=True, timeout=60, check=False)
    assert proc.returncode == 3, proc.stderr
    assert marker.read_text() == "done"
    assert "Traceback" not in proc.stderr


def test_side_a_is_embedded_while_its_own_entities_are_found(
        monkeypatch: pytest.MonkeyPatch) -> None:
    """The claims of side A are known in a few milliseconds, its entities in tens: A's
    encoding begins (from ``sentences_and_claims``) before its entity step ends, and embeds
    what the finished analysis gives (``encoder_texts``)."""
    import storydiff.analyse.core as core
    from storydiff.pipeline.cache import CachingEncoder

    encoding, waited = threading.Event(), []

    class Signalling(SpyEncoder):
        def encode(self, texts: Sequence[str]) -> np.ndarray:
            encoding.set()
            return super().encode(texts)

    real_entities = core.find_entities

    def find_entities(text: str, language: str) -> object:
        if text.startswith("Storm floods") and not waited:  # side A's analysis
            waited.append(encoding.wait(10))
        return real_entities(text, language)

    spy = Signalling()
    comparer = Comparer(cache=AnalysisCache())
    comparer.encoder = CachingEncoder(spy, comparer.cache)  # type: ignore[assignment]
    comparer.scorer.encoder = comparer.encoder  # type: ignore[attr-defined]
    monkeypatch.setattr(core, "find_entities", find_entities)
    comparer.compare(FLOOD, OTHERS[0])
    assert waited == [True]
    assert spy.calls[0] == encoder_texts(comparer.prepare(FLOOD))


def test_the_scorers_second_view_is_embedded_ahead_and_read_back(
        monkeypatch: pytest.MonkeyPatch, comparer: Comparer) -> None:
    """``TrainedScorer.encode_ahead`` embeds every text the scorer's second encoder (USE)
    will be asked for on the pair as given: scoring then embeds nothing new, and gives the
    score of a scorer that embedded nothing ahead, to the bit."""
    import storydiff.similarity.trained as trained
    from storydiff.align.alignment import align_claims
    from storydiff.embed.encoder import CachedEncoder
    from storydiff.embed.use import default_story_encoder

    asked: list[str] = []

    class Counting(trained._OneByOne):
        def encode(self, texts: Sequence[str]) -> np.ndarray:
            asked.extend(texts)
            return super().encode(texts)

    def fresh() -> CachedEncoder:
        return CachedEncoder(Counting(default_story_encoder()))

    doc_a, doc_b = comparer.prepare(FLOOD), comparer.prepare(OTHERS[0])
    alignment = align_claims(doc_a, doc_b, comparer.encoder, comparer.settings)
    scorer = trained.TrainedScorer(comparer.encoder, second_stories=False)
    monkeypatch.setattr(trained, "_story_encoder", fresh)
    plain = scorer.score(doc_a, doc_b, alignment)
    ahead_encoder = fresh()
    monkeypatch.setattr(trained, "_story_encoder", lambda: ahead_encoder)
    asked.clear()
    scorer.encode_ahead(doc_a, doc_b)
    embedded = len(asked)
    assert embedded > 2
    assert scorer.score(doc_a, doc_b, alignment) == plain
    assert len(asked) == embedded  # nothing new
