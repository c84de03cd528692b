"""Many pairs: the analysis cache, ``Comparer.compare_many`` (in process and in workers) and the
resumable ``storydiff compare-pairs`` command. Every cached or parallel path must give the very
reports the plain path gives, byte for byte."""

from __future__ import annotations

import json
from collections.abc import Sequence
from pathlib import Path
from typing import Any

import numpy as np
import pytest
from typer.testing import CliRunner

import storydiff
from storydiff import AnalysisCache, Comparer, PairFailure, SettingsError
from storydiff.cli.main import app
from storydiff.document import CleanText
from storydiff.embed import HashingEncoder, default_encoder
from storydiff.pipeline import run_pairs_file
from storydiff.pipeline.cache import CachingEncoder, document_key
from storydiff.pipeline.pairs_file import finished_pairs, parse_pair, read_pairs
from storydiff.report.report import Report
from storydiff.settings import Settings
from tests.conftest import EXAMPLES

ORIGINAL, REWRITE = EXAMPLES / "original.txt", EXAMPLES / "rewrite.txt"
FLOOD = ("Storm floods Norland harbour\n\nA storm flooded 40 homes in Norland on Monday, officials "
         "said. \"We were not ready,\" said Mayor Anna Berg. The government approved aid.")
OTHERS = [
    "Norland storm\n\nMayor Anna Berg said 60 homes were flooded in Norland on Tuesday. The "
    "government refused to approve aid.",
    "Chess final ends\n\nA grandmaster won the title after six hours of play in Oslo.",
    "Harbour reopens\n\nThe Norland harbour reopened on Friday after the storm, officials said.",
]


def as_json(report: Report) -> str:
    """The report as ``compare --json`` writes it, plus the unrounded numbers behind it."""
    raw = repr((report.similarity, report.alignment.links, report.alignment.sim,
                [(d.type, d.confidence) for d in report.discrepancies]))
    return json.dumps(report.to_dict(), ensure_ascii=False) + raw


class SpyEncoder:
    """Wraps the real model and records every call's texts."""

    def __init__(self) -> None:
        inner = default_encoder().inner
        self.inner, self.name, self.dim = inner, inner.name, inner.dim
        self.calls: list[list[str]] = []

    def encode(self, texts: Sequence[str]) -> np.ndarray:
        self.calls.append(list(texts))
        return self.inner.encode(texts)


def count_analyses(monkeypatch: pytest.MonkeyPatch) -> list[str]:
    """Spy on ``storydiff.analyse.analyse``: the texts it is called on."""
    from storydiff import analyse as analysis

    real, seen = analysis.analyse, []

    def spy(clean: CleanText, **kwargs: Any) -> storydiff.Document:
        seen.append(clean.text)
        return real(clean, **kwargs)

    monkeypatch.setattr(analysis, "analyse", spy)
    return seen


# --- the cache -------------------------------------------------------------------------------

def test_default_encoder_vectors_do_not_depend_on_the_call(encoder: Any) -> None:
    """What makes caching claim vectors safe: a text's vector is the same alone or in a batch."""
    texts = [FLOOD, *OTHERS, FLOOD[:40]]
    together = encoder.inner.encode(texts)
    alone = np.stack([encoder.inner.encode([t])[0] for t in texts])
    assert np.array_equal(together, alone)


def test_one_article_against_several_is_analysed_and_embedded_once(
        monkeypatch: pytest.MonkeyPatch) -> None:
    analysed = count_analyses(monkeypatch)
    spy = SpyEncoder()
    cache = AnalysisCache()
    comparer = Comparer(cache=cache, encoder=CachingEncoder(spy, cache))
    for other in OTHERS:
        comparer.compare(FLOOD, other)
    assert analysed.count(FLOOD) == 1 and len(analysed) == 1 + len(OTHERS)
    assert cache.stats.documents_reused == len(OTHERS) - 1
    encoded = [text for call in spy.calls for text in call]
    assert len(encoded) == len(set(encoded))  # no text embedded twice
    assert {claim.text for claim in comparer.prepare(FLOOD).claims} <= set(encoded)


def test_results_are_identical_with_and_without_the_cache(tmp_path: Path) -> None:
    plain = Comparer(encoder=default_encoder())  # the path before the cache existed
    expected = as_json(plain.compare_documents(storydiff.prepare(ORIGINAL),
                                               storydiff.prepare(REWRITE)))
    uncached = Comparer(cache=AnalysisCache(documents=0, vectors=0))
    assert as_json(uncached.compare(ORIGINAL, REWRITE)) == expected
    memory = Comparer(cache=AnalysisCache())
    assert as_json(memory.compare(ORIGINAL, REWRITE)) == expected
    assert as_json(memory.compare(ORIGINAL, REWRITE)) == expected  # every part from the cache
    Comparer(cache=AnalysisCache(tmp_path)).compare(ORIGINAL, REWRITE)
    from_disk = Comparer(cache=AnalysisCache(tmp_path))
    assert as_json(from_disk.compare(ORIGINAL, REWRITE)) == expected
    assert from_disk.cache.stats.documents_analysed == 0
    assert from_disk.cache.stats.vectors_encoded == 0


def test_a_cached_document_keeps_each_source_name() -> None:
    comparer = Comparer(cache=AnalysisCache())
    report = comparer.compare(FLOOD, FLOOD)
    assert (report.a.source, report.b.source) == ("<article A>", "<article B>")
    assert report.identical and comparer.cache.stats.documents_reused == 1


def test_the_key_covers_content_settings_and_the_analyser() -> None:
    clean = CleanText(text=FLOOD, source="x", title="Storm")
    key = document_key(clean, Settings(), storydiff.analyse.analyse)
    assert key == document_key(CleanText(text=FLOOD, source="y", title="Storm"), Settings(),
                               storydiff.analyse.analyse)
    assert key != document_key(CleanText(text=FLOOD, source="x"), Settings(),
                               storydiff.analyse.analyse)
    assert key != document_key(clean, Settings(reuse_min_words=9), storydiff.analyse.analyse)

    def other_analyser(clean: CleanText, **_: Any) -> storydiff.Document:
        return storydiff.analyse.analyse(clean)

    assert key != document_key(clean, Settings(), other_analyser)


def test_the_memory_part_is_bounded() -> None:
    cache = AnalysisCache(documents=1, vectors=2)
    calls: list[list[str]] = []

    def encode(texts: Sequence[str]) -> np.ndarray:
        calls.append(list(texts))
        return HashingEncoder(8).encode(texts)

    cache.vectors("m", ["a", "b", "c"], encode)
    cache.vectors("m", ["c", "a"], encode)
    assert calls == [["a", "b", "c"], ["a"]] and len(cache) == 2


def test_an_unusable_cache_folder_is_a_settings_error(tmp_path: Path) -> None:
    blocker = tmp_path / "file"
    blocker.write_text("not a folder")
    with pytest.raises(SettingsError, match="cannot use the cache folder"):
        AnalysisCache(blocker)
    (tmp_path / "bad").mkdir()
    (tmp_path / "bad" / "storydiff-cache.sqlite3").write_bytes(b"not a database" * 100)
    with pytest.raises(SettingsError, match="delete this one"):
        AnalysisCache(tmp_path / "bad")


# --- compare_many ----------------------------------------------------------------------------

def test_compare_many_keeps_order_and_goes_on_after_a_bad_pair(comparer: Comparer) -> None:
    pairs = [(FLOOD, OTHERS[0]), ("   ", OTHERS[1]), (ORIGINAL, REWRITE)]
    results = list(comparer.compare_many(pairs))
    assert isinstance(results[1], PairFailure)
    assert results[1].index == 1 and results[1].type == "EmptyInputError"
    assert not results[1].internal and "<article A>" in results[1].message
    for (a, b), result in zip(pairs[::2], results[::2], strict=True):
        assert isinstance(result, Report)
        assert as_json(result) == as_json(comparer.compare(a, b))


def test_workers_give_the_same_reports_as_one_process(comparer: Comparer) -> None:
    pairs = [(ORIGINAL, REWRITE), (FLOOD, b"\x00\x01binary"), (FLOOD, OTHERS[0]),
             (OTHERS[2], FLOOD)]
    results = list(Comparer().compare_many(pairs, workers=2))
    assert [type(r).__name__ for r in results] == ["Report", "PairFailure", "Report", "Report"]
    assert isinstance(results[1], PairFailure) and results[1].type == "BinaryInputError"
    for (a, b), result in zip(pairs[::2] + pairs[3:], results[::2] + results[3:], strict=True):
        assert isinstance(result, Report)
        assert as_json(result) == as_json(comparer.compare(a, b))


def test_workers_need_the_default_models() -> None:
    own = Comparer(encoder=HashingEncoder())
    with pytest.raises(SettingsError, match="workers=1"):
        own.compare_many([(FLOOD, FLOOD)] * 2, workers=2)
    with pytest.raises(SettingsError, match="at least 1"):
        own.compare_many([(FLOOD, FLOOD)], workers=0)


# --- the JSONL runner and the command --------------------------------------------------------

def test_pair_lines_accept_paths_and_records_and_name_what_is_wrong() -> None:
    settings = Settings()
    pair = parse_pair(json.dumps({"id": "x", "a": "a.txt", "b": {"text": FLOOD,
                                                               "published": "2025-03-03"}}),
                      1, settings)
    assert pair.error is None and pair.a == Path("a.txt")
    assert isinstance(pair.b, storydiff.document.Article) and pair.b.published == "2025-03-03"
    lines = ["not json", '{"a": "x.txt"}', '{"id": true, "a": "x", "b": "y"}',
             '{"id": 7, "a": 5, "b": "y"}', '{"id": 8, "a": {"text": " "}, "b": "y"}',
             '{"id": 8, "a": "x", "b": "y"}', "", '{"a": "x", "b": "y"}']
    parsed = list(read_pairs(lines, settings))
    errors = [p.error.message if p.error else None for p in parsed]
    assert [p.id for p in parsed] == [1, 2, 3, 7, 8, 8, 8]
    assert "not JSON" in str(errors[0]) and "has no b" in str(errors[1])
    assert "string or an integer" in str(errors[2]) and "file path or an article" in str(errors[3])
    assert parsed[4].error is not None and parsed[4].error.type == "EmptyInputError"
    assert "used before" in str(errors[5]) and "used before" in str(errors[6])


def test_finished_pairs_cuts_a_half_written_line_and_refuses_other_files(tmp_path: Path) -> None:
    out = tmp_path / "out.jsonl"
    out.write_bytes(b'{"id": "a", "schema_version": "1.0"}\n{"id": 2, "error": {"type": "X"}}\n'
                    b'{"id": "c", "sche')
    assert finished_pairs(out) == {'"a"': False, "2": True}
    assert out.read_bytes().endswith(b'"X"}}\n')
    other = tmp_path / "other.jsonl"
    other.write_text('{"a": 1}\n')
    with pytest.raises(SettingsError, match="not a compare-pairs output line"):
        finished_pairs(other)


def write_pairs(path: Path, pairs: list[dict[str, Any]]) -> Path:
    path.write_text("".join(json.dumps(p) + "\n" for p in pairs), encoding="utf-8")
    return path


def test_a_killed_run_resumes_without_redoing_finished_pairs(
        tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    pairs = write_pairs(tmp_path / "pairs.jsonl", [
        {"id": "one", "a": {"text": FLOOD}, "b": {"text": OTHERS[0]}},
        {"id": "two", "a": str(tmp_path / "missing.txt"), "b": {"text": FLOOD}},
        {"id": "three", "a": {"text": OTHERS[1]}, "b": {"text": OTHERS[2]}},
    ])
    out = tmp_path / "out.jsonl"
    first = run_pairs_file(pairs, out, workers=1, settings=Settings())
    assert (first.compared, first.failed, first.any_failed) == (2, 1, True)
    complete = out.read_text(encoding="utf-8")
    lines = complete.splitlines(keepends=True)
    out.write_text(lines[0] + lines[1][:50], encoding="utf-8")  # killed while writing line 2
    analysed = count_analyses(monkeypatch)
    second = run_pairs_file(pairs, out, workers=1, settings=Settings(),
                            cache_folder=tmp_path / "cache")
    assert (second.skipped, second.compared, second.failed) == (1, 1, 1)
    assert FLOOD not in analysed  # pair "one" was not redone
    assert out.read_text(encoding="utf-8") == complete
    error = json.loads(out.read_text(encoding="utf-8").splitlines()[1])
    assert error["id"] == "two" and error["error"]["type"] == "InputFormatError"


def test_compare_pairs_command_exit_codes(tmp_path: Path) -> None:
    runner = CliRunner()
    good = write_pairs(tmp_path / "good.jsonl", [{"a": str(ORIGINAL), "b": str(REWRITE)}])
    result = runner.invoke(app, ["compare-pairs", str(good), "--out", str(tmp_path / "g.jsonl"),
                                 "--workers", "1"])
    assert result.exit_code == 0, result.output
    line = json.loads((tmp_path / "g.jsonl").read_text(encoding="utf-8"))
    report = storydiff.compare(ORIGINAL, REWRITE).to_dict()
    assert line == {"id": 1, **json.loads(json.dumps(report))}
    bad = write_pairs(tmp_path / "bad.jsonl", [{"id": "x", "a": {"text": ""}, "b": "y.txt"}])
    result = runner.invoke(app, ["compare-pairs", str(bad), "--out", str(tmp_path / "b.jsonl"),
                                 "--workers", "1"])
    assert result.exit_code == 2 and "1 failed" in result.output
    foreign = tmp_path / "foreign.jsonl"
    foreign.write_text("[1, 2]\n")
    result = runner.invoke(app, ["compare-pairs", str(good), "--out", str(foreign)])
    assert result.exit_code == 4 and "not a compare-pairs output line" in result.output


@pytest.mark.slow(seconds=55)
def test_kill_9_mid_run_leaves_no_workers_and_resumes_to_the_same_file(tmp_path: Path) -> None:
    import signal
    import subprocess
    import sys
    import time

    base = ORIGINAL.read_text(encoding="utf-8")
    pairs = write_pairs(tmp_path / "pairs.jsonl", [
        {"id": i, "a": {"text": f"{base}\n\nThe council will meet again in week {i}."},
         "b": str(REWRITE)} for i in range(12)])
    out, reference = tmp_path / "out.jsonl", tmp_path / "reference.jsonl"
    command = [sys.executable, "-m", "storydiff", "compare-pairs", str(pairs), "--workers", "2"]
    run = subprocess.Popen([*command, "--out", str(out)], stdout=subprocess.PIPE,
                           stderr=subprocess.STDOUT)
    while not out.exists() or not out.read_bytes():  # killed once a pair is written
        assert run.poll() is None, "the run ended before it could be killed"
        time.sleep(0.2)
    run.send_signal(signal.SIGKILL)
    run.communicate(timeout=300)  # end of file once no worker holds the pipe any more
    assert subprocess.run([*command, "--out", str(out)], capture_output=True).returncode == 0
    assert subprocess.run([*command, "--out", str(reference), "--workers", "1"],
                          capture_output=True).returncode == 0
    assert out.read_bytes() == reference.read_bytes()
