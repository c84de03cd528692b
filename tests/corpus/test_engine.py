"""The daft engine: the same store as the single-process ingest, resumable shard files, typed
errors; the same reports as one process for many pairs (``compare-pairs --engine daft``); the
embedded default never imports it."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path
from typing import Any

import pytest
from typer.testing import CliRunner

from storydiff import SettingsError, StoreError
from storydiff.corpus.batches import Outcome
from storydiff.corpus.engine import EngineError, ShardFolder, open_engine
from storydiff.embed import HashingEncoder
from tests.conftest import EXAMPLES

from .conftest import ENGINE_INPUT, RECORDS, open_corpus, partition, write_jsonl

pytest.importorskip("daft", reason="the engine extra is not installed")

# Daft's worker pool leaves a pipe of a finished worker process to the garbage collector.
pytestmark = [pytest.mark.filterwarnings("ignore::pytest.PytestUnraisableExceptionWarning"),
              pytest.mark.filterwarnings("ignore::ResourceWarning")]

#: With a bad line added where a test writes it: every path of ingest.
INPUT = ENGINE_INPUT


def _state(corpus: Any) -> tuple[Any, ...]:
    stats = corpus.stats()
    return (partition(corpus), stats["articles"], stats["stories"], stats["duplicate_groups"],
            stats["duplicate_links"], stats["story_links"])


class CountingEngine:
    """The daft engine, counting the batches it is asked to prepare (and failing on demand)."""

    name = "counting"

    def __init__(self, fail_on_call: int | None = None) -> None:
        self.inner = open_engine("daft", workers=2)
        self.calls: list[int] = []
        self.fail_on_call = fail_on_call

    def prepare(self, batches: list[Any], *args: Any) -> list[list[Outcome]]:
        self.calls.append(len(batches))
        if self.fail_on_call == len(self.calls):
            raise KeyboardInterrupt  # a killed job
        return self.inner.prepare(batches, *args)


def test_the_engine_gives_the_store_of_the_single_process_ingest(tmp_path: Path) -> None:
    source = write_jsonl(tmp_path / "in.jsonl", INPUT, extra=["{not json"])
    with open_corpus(tmp_path / "single", batch_size=2) as single:
        expected = single.add([source])
        state = _state(single)
    with open_corpus(tmp_path / "engine", batch_size=2) as corpus:
        summary = corpus.add([source], engine=open_engine("daft", workers=2))
        assert _state(corpus) == state
        assert not (tmp_path / "engine" / "engine-shards").exists()  # done: removed
    assert (summary.added, summary.duplicates, summary.failed, summary.errors) == (
        expected.added, expected.duplicates, expected.failed, expected.errors)
    assert summary.failed == 2


def test_a_killed_job_resumes_from_its_shards(tmp_path: Path, monkeypatch: pytest.MonkeyPatch
                                              ) -> None:
    import storydiff.corpus.corpus as corpus_module

    monkeypatch.setattr(corpus_module, "SHARD_BATCHES", 1)
    monkeypatch.setattr(corpus_module, "WAVE_SHARDS", 2)
    source = write_jsonl(tmp_path / "in.jsonl", INPUT)
    with open_corpus(tmp_path / "single", batch_size=2) as single:
        single.add([source])
        state = _state(single)
    killed = CountingEngine(fail_on_call=2)
    with open_corpus(tmp_path / "engine", batch_size=2) as corpus:
        with pytest.raises(KeyboardInterrupt):
            corpus.add([source], engine=killed)  # type: ignore[arg-type]
        assert corpus.stats()["articles"] == 4  # the first wave (two batches) was committed
    shards = sorted((tmp_path / "engine").glob("engine-shards/*/*.parquet"))
    assert [p.name for p in shards] == ["000000.parquet", "000001.parquet"]
    again = CountingEngine()
    with open_corpus(tmp_path / "engine", batch_size=2) as corpus:
        corpus.add([source], engine=again)  # type: ignore[arg-type]
        assert _state(corpus) == state
    assert sum(again.calls) == -(-len(INPUT) // 2) - 2  # the two finished shards not redone


def test_shard_files_are_whole_and_read_back_exactly(tmp_path: Path) -> None:
    from storydiff.corpus.batches import prepare_each
    from storydiff.embed import HashingEncoder
    from storydiff.ingest.items import load_items
    from storydiff.settings import Settings

    from .conftest import HASHING_CONFIG

    items = list(load_items([*RECORDS[:3], {"id": "empty", "text": ""}], Settings()))
    outcomes = prepare_each(items, HashingEncoder(), HASHING_CONFIG, Settings())
    shards = ShardFolder(tmp_path / "job")
    shards.write(0, outcomes)
    back = shards.read(0)
    assert [o.label for o in back] == [o.label for o in outcomes]
    assert back[3].prepared is None and back[3].stage == "clean" and back[3].error
    for first, second in zip(outcomes[:3], back[:3], strict=True):
        assert first.prepared is not None and second.prepared is not None
        assert second.prepared.doc == first.prepared.doc
        assert (second.prepared.signature == first.prepared.signature).all()
        assert (second.prepared.vector == first.prepared.vector).all()
        assert second.prepared.entities == first.prepared.entities
    assert not list((tmp_path / "job").glob("*.tmp"))
    shards.remove()
    assert not (tmp_path / "job").exists()


def test_engine_errors_are_typed(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    with pytest.raises(EngineError, match="unknown engine"):
        open_engine("spark")
    with pytest.raises(EngineError, match="--engine daft"):
        open_engine("local")
    assert issubclass(EngineError, StoreError)
    with open_corpus(tmp_path / "store") as corpus, pytest.raises(EngineError, match="standard"):
        corpus.add(["-"], engine=open_engine("daft", workers=1))
    monkeypatch.setitem(sys.modules, "daft", None)
    monkeypatch.delitem(sys.modules, "storydiff.corpus.engine_daft", raising=False)
    with pytest.raises(EngineError, match=r"storydiff\[engine\]"):
        open_engine("daft")


def test_the_cli_runs_the_engine(tmp_path: Path) -> None:
    from storydiff.cli import app

    source = write_jsonl(tmp_path / "in.jsonl", RECORDS)
    runner = CliRunner()
    result = runner.invoke(app, ["ingest", str(source), "--store", str(tmp_path / "store"),
                                 "--engine", "daft", "--workers", "2"])
    assert result.exit_code == 0, result.output
    assert f"added {len(RECORDS)}" in result.output
    bad = runner.invoke(app, ["ingest", str(source), "--store", str(tmp_path / "store"),
                              "--engine", "spark"])
    assert bad.exit_code != 0 and "unknown engine" in bad.output
    assert "Traceback" not in bad.output


def test_the_embedded_default_never_imports_an_engine(tmp_path: Path) -> None:
    code = ("import sys, json\n"
            "from storydiff.corpus import Corpus\n"
            "from storydiff.embed import HashingEncoder\n"
            f"c = Corpus({str(tmp_path / 's')!r}, encoder=HashingEncoder())\n"
            f"c.add({json.dumps(RECORDS[:2])})\n"
            "print(sorted(m for m in sys.modules if m.split('.')[0] in ('daft', 'ray')))\n")
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True,
                         check=True)
    assert out.stdout.strip().splitlines()[-1] == "[]"


def test_a_damaged_or_foreign_shard_is_prepared_again(tmp_path: Path,
                                                      monkeypatch: pytest.MonkeyPatch) -> None:
    import storydiff.corpus.corpus as corpus_module
    from storydiff.corpus.engine import job_key

    from .conftest import HASHING_CONFIG

    monkeypatch.setattr(corpus_module, "SHARD_BATCHES", 1)
    source = write_jsonl(tmp_path / "in.jsonl", INPUT)
    with open_corpus(tmp_path / "single", batch_size=2) as single:
        single.add([source])
        state = _state(single)
    # a previous job's leftovers: shard 0 damaged, shard 1 holding other records
    from storydiff.embed import HashingEncoder
    from storydiff.settings import Settings

    key = job_key([source], HASHING_CONFIG.with_(batch_size=2), Settings(), HashingEncoder())
    folder = tmp_path / "engine" / "engine-shards" / key
    folder.mkdir(parents=True)
    (folder / "000000.parquet").write_bytes(b"PAR1 torn")
    ShardFolder(folder).write(1, [Outcome("<other> 1", None, None, "x", "clean")])
    engine = CountingEngine()
    with open_corpus(tmp_path / "engine", batch_size=2) as corpus:
        corpus.add([source], engine=engine)  # type: ignore[arg-type]
        assert _state(corpus) == state
    assert sum(engine.calls) == -(-len(INPUT) // 2)  # every batch prepared
    assert not folder.exists()  # this job's folder: used, then removed


# -- many pairs on the engine (issue #16) -------------------------------------------------------

FLOOD = ("Storm floods Norland harbour\n\nA storm flooded 40 homes in Norland on Monday, officials "
         "said. The government approved aid.")
STORM = ("Norland storm\n\nMayor Anna Berg said 60 homes were flooded in Norland on Tuesday. The "
         "government refused to approve aid.")


def test_the_engine_compares_pairs_as_one_process_does() -> None:
    from storydiff import AnalysisCache, Comparer, PairFailure, Report

    pairs = [(EXAMPLES / "original.txt", EXAMPLES / "rewrite.txt"), (FLOOD, b"\x00\x01binary"),
             (FLOOD, STORM)]
    # a cache of its own, here and below: this process's shared cache stays as other tests
    # left it
    comparer = Comparer(cache=AnalysisCache())
    results = list(comparer.compare_many(pairs, engine=open_engine("daft", workers=2)))
    assert [type(r).__name__ for r in results] == ["Report", "PairFailure", "Report"]
    assert isinstance(results[1], PairFailure) and results[1].type == "BinaryInputError"
    for (a, b), result in zip(pairs[::2], results[::2], strict=True):
        assert isinstance(result, Report)
        assert result.to_dict() == comparer.compare(a, b).to_dict()
    own = Comparer(encoder=HashingEncoder())
    with pytest.raises(SettingsError, match="without the engine"):
        own.compare_many(pairs, engine=open_engine("daft", workers=1))


def test_compare_pairs_runs_on_the_engine_and_resumes(tmp_path: Path) -> None:
    from storydiff.cli import app

    pairs = tmp_path / "pairs.jsonl"
    pairs.write_text("".join(json.dumps(p) + "\n" for p in [
        {"id": "one", "a": {"text": FLOOD}, "b": {"text": STORM}},
        {"id": "two", "a": str(EXAMPLES / "original.txt"), "b": str(EXAMPLES / "rewrite.txt")},
    ]), encoding="utf-8")
    runner = CliRunner()
    plain, engine = tmp_path / "plain.jsonl", tmp_path / "engine.jsonl"
    cache = ["--cache", str(tmp_path / "cache")]
    result = runner.invoke(app, ["compare-pairs", str(pairs), "--out", str(plain),
                                 "--workers", "1", *cache])
    assert result.exit_code == 0, result.output
    result = runner.invoke(app, ["compare-pairs", str(pairs), "--out", str(engine),
                                 "--engine", "daft", "--workers", "1", *cache])
    assert result.exit_code == 0, result.output
    assert engine.read_text(encoding="utf-8") == plain.read_text(encoding="utf-8")
    engine.write_text(plain.read_text(encoding="utf-8").splitlines(keepends=True)[0])
    result = runner.invoke(app, ["compare-pairs", str(pairs), "--out", str(engine),
                                 "--engine", "daft", "--workers", "1", *cache])
    assert result.exit_code == 0 and "1 already done" in result.output, result.output
    assert engine.read_text(encoding="utf-8") == plain.read_text(encoding="utf-8")
    bad = runner.invoke(app, ["compare-pairs", str(pairs), "--out", str(engine),
                              "--engine", "spark"])
    assert bad.exit_code != 0 and "unknown engine" in bad.output
