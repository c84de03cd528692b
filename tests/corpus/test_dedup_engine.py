"""``storydiff dedup --engine daft``: byte for byte the output of the single-process dedup (the
fixtures with copies and bad lines, awkward files, the SemEval articles, a generated corpus),
a killed job resumes from its finished stages, and the connected components of the
large-star/small-star rounds are scipy's."""

from __future__ import annotations

import io
import itertools
import json
import os
import random
import shutil
import subprocess
import sys
from pathlib import Path
from typing import Any

import numpy as np
import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from typer.testing import CliRunner

from storydiff.corpus import CorpusConfig, dedup_records
from storydiff.corpus.engine import EngineError, open_engine
from tests.conftest import shared_path

from .conftest import RECORDS, write_jsonl

pytest.importorskip("daft", reason="the engine extra is not installed")

from storydiff.corpus import dedup_engine  # (needs daft)
from storydiff.corpus.dedup_job import (
    JobFolder,
    plan_chunks,
    read_chunk,
    write_outputs,
    write_whole,
)

# Daft's worker pool leaves a pipe of a finished worker process to the garbage collector.
pytestmark = [pytest.mark.filterwarnings("ignore::pytest.PytestUnraisableExceptionWarning"),
              pytest.mark.filterwarnings("ignore::ResourceWarning")]

#: The fixture's records with extra fields, copies under other ids, ids of every JSON type,
#: and bad lines: every path of dedup.
INPUT = [*[r | {"extra": i} for i, r in enumerate(RECORDS)],
         RECORDS[0] | {"id": "storm-copy"}, RECORDS[3] | {"id": 7},
         RECORDS[5] | {"id": None}, RECORDS[1] | {"id": {"nested": ["é", 1.5]}},
         {k: v for k, v in RECORDS[6].items() if k != "id"}]  # no id: named by its line
BAD = ["{broken", "", "   ", json.dumps({"id": "empty", "text": ""}), "[1, 2]"]


def _single(source: Path, **options: Any) -> tuple[str, str, Any]:
    """The kept records, the clusters file and the summary of the single-process dedup."""
    out, clusters = io.StringIO(), io.StringIO()
    summary = dedup_records(source, out, clusters=clusters, **options)
    return out.getvalue(), clusters.getvalue(), summary


def _engine(source: Path, jobs: Path, workers: int = 1, **options: Any
            ) -> tuple[str, str, dedup_engine.EngineDedup]:
    """The same from the daft engine, with the figures of its stages (``progress``: a list
    that gets the progress reports)."""
    from storydiff.settings import Settings

    out, clusters = io.StringIO(), io.StringIO()
    reports = options.get("progress")
    done = dedup_engine.dedup_on_engine(
        source, out, open_engine("daft", workers=workers), clusters=clusters,
        config=options.get("config", CorpusConfig()), settings=Settings(), job_folder=jobs,
        progress=reports.append if reports is not None else None)
    return out.getvalue(), clusters.getvalue(), done


def _assert_same(source: Path, jobs: Path, workers: int = 1, removed: bool = True,
                 progress: list[int] | None = None) -> dedup_engine.EngineDedup:
    kept, clusters, summary = _single(source)
    engine_kept, engine_clusters, done = _engine(source, jobs, workers, progress=progress)
    assert engine_kept == kept
    assert engine_clusters == clusters
    assert (done.summary.records, done.summary.kept, done.summary.groups_with_duplicates,
            done.summary.failed, done.summary.errors) == (
        summary.records, summary.kept, summary.groups_with_duplicates, summary.failed,
        summary.errors)
    assert removed is not jobs.exists()  # done: the job's files are removed
    return done


def _same_pairs(jobs: Path) -> None:
    """The candidate pairs and the verified pairs of the job left in ``jobs`` are those of
    ``groups.candidate_pairs`` and ``groups._verified`` on the job's signatures (the output
    tests show that the signatures are the single process's)."""
    from storydiff.corpus.groups import _verified, candidate_pairs
    from storydiff.corpus.minhash import lsh_params

    config = CorpusConfig()
    (job,) = jobs.iterdir()
    signed = dedup_engine._records(JobFolder(job)).sort("line").to_pydict()
    lines = signed["line"]
    sigs = np.vstack([np.frombuffer(x, dtype=np.uint32) for x in signed["signature"]])
    pairs = candidate_pairs(sigs, *lsh_params(config.dedup_threshold, config.num_perm))
    verified = pairs[_verified(sigs, pairs, config.dedup_threshold)]
    found = dedup_engine._read(job / "candidates").to_pydict()
    edges = dedup_engine._read(job / "edges").to_pydict()
    assert set(zip(found["a"], found["b"], strict=True)) == {(lines[i], lines[j])
                                                              for i, j in pairs}
    assert set(zip(edges["lo"], edges["hi"], strict=True)) == {(lines[i], lines[j])
                                                                for i, j in verified}


# -- the same output as one process ---------------------------------------------------------------

def test_the_fixtures_with_copies_and_bad_lines(tmp_path: Path,
                                                monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(dedup_engine, "CHUNK_LINES", 4)  # several ranges, bad lines in two
    lines = [json.dumps(r, ensure_ascii=False) for r in INPUT]
    source = write_jsonl(tmp_path / "in.jsonl", [], extra=lines[:5] + BAD + lines[5:] + BAD)
    monkeypatch.setattr(JobFolder, "remove", lambda self: None)  # to look at the stages
    reports: list[int] = []
    done = _assert_same(source, tmp_path / "jobs", workers=2, removed=False,  # processes
                        progress=reports)
    assert done.summary.failed == 6 and done.summary.groups_with_duplicates >= 2
    assert done.ran[:2] == ["plan.json", "signatures"]
    assert reports == sorted(reports) and reports[-1] == len(INPUT) + 2 * 3  # non-blank lines
    _same_pairs(tmp_path / "jobs")


def test_awkward_files(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """Carriage returns alone and in pairs, bad UTF-8, a byte order mark, no final newline."""
    monkeypatch.setattr(dedup_engine, "CHUNK_LINES", 3)
    lines = [json.dumps(r, ensure_ascii=False).encode() for r in INPUT]
    data = (b"\xef\xbb\xbf" + lines[0] + b"\r\n" + lines[1] + b"\r" + lines[2] + b"\n\r\n"
            + lines[3][:-2] + b"\xff\xfe" + lines[3][-2:] + b"\n" + b"\r\n".join(lines[4:])
            + b"\r" + lines[0])
    source = tmp_path / "in.jsonl"
    source.write_bytes(data)
    _assert_same(source, tmp_path / "jobs")
    # the planned ranges read back exactly the lines of the file, as text mode numbers them
    with source.open(encoding="utf-8", errors="replace") as handle:
        whole = list(handle)
    for chunks in (plan_chunks(source, 3), plan_chunks(source, 1000, max_bytes=200)):
        assert len(chunks) > 2
        assert [line for c in chunks for line in read_chunk(source, c)] == whole
        assert [c.first for c in chunks] == [
            1 + sum(len(list(read_chunk(source, b))) for b in chunks[:n])
            for n in range(len(chunks))]


def test_an_empty_file_and_a_file_of_bad_lines(tmp_path: Path) -> None:
    empty = tmp_path / "empty.jsonl"
    empty.write_bytes(b"")
    _assert_same(empty, tmp_path / "jobs")
    bad = write_jsonl(tmp_path / "bad.jsonl", [], extra=BAD)
    assert _assert_same(bad, tmp_path / "jobs").summary.failed == 3


def test_the_cli_runs_dedup_on_the_engine(tmp_path: Path) -> None:
    from storydiff.cli import app

    source = write_jsonl(tmp_path / "in.jsonl", INPUT, extra=BAD)
    runner = CliRunner()
    results = {}
    for name, extra in (("single", []), ("daft", ["--engine", "daft", "--workers", "1"])):
        out, clusters = tmp_path / f"{name}.jsonl", tmp_path / f"{name}-groups.jsonl"
        result = runner.invoke(app, ["dedup", str(source), "--out", str(out), "--clusters",
                                     str(clusters), *extra])
        assert result.exit_code == 2, result.output  # bad records: exit 2, as one process
        results[name] = (out.read_bytes(), clusters.read_bytes(),
                         [x for x in result.output.splitlines() if x.startswith("skipped:")])
    assert results["daft"] == results["single"]
    assert not (tmp_path / "daft.jsonl.dedup-jobs").exists()
    bad = runner.invoke(app, ["dedup", str(source), "--out", str(tmp_path / "x.jsonl"),
                              "--engine", "spark"])
    assert bad.exit_code != 0 and "unknown engine" in bad.output
    missing = runner.invoke(app, ["dedup", str(tmp_path / "none.jsonl"), "--out",
                                  str(tmp_path / "x.jsonl"), "--engine", "daft"])
    assert missing.exit_code == 2 and "cannot read the file" in missing.output


def test_only_the_daft_engine_runs_dedup(tmp_path: Path) -> None:
    source = write_jsonl(tmp_path / "in.jsonl", RECORDS)
    with pytest.raises(EngineError, match="daft engine"):
        dedup_records(source, io.StringIO(), engine=object())  # type: ignore[arg-type]


def test_the_default_dedup_never_imports_daft(tmp_path: Path) -> None:
    source = write_jsonl(tmp_path / "in.jsonl", RECORDS)
    code = ("import sys\n"
            "from storydiff.cli import app\n"
            "from typer.testing import CliRunner\n"
            f"r = CliRunner().invoke(app, ['dedup', {str(source)!r}, '--out', "
            f"{str(tmp_path / 'o.jsonl')!r}])\n"
            "assert r.exit_code == 0, r.output\n"
            "print(sorted(m for m in sys.modules if m.split('.')[0] in ('daft', 'ray')))\n")
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True,
                         check=True)
    assert out.stdout.strip().splitlines()[-1] == "[]"


# -- a killed job resumes ------------------------------------------------------------------------

class Killed(BaseException):
    """A job killed in the middle (not an error the engine turns into EngineError)."""


def _kill(*args: Any) -> Any:
    raise Killed


def _shards(jobs: Path) -> dict[str, int]:
    """The signature shards of the one job under ``jobs``, with their modification times."""
    return {p.name: p.stat().st_mtime_ns for p in jobs.glob("*/signatures/*.parquet")}


def test_a_killed_job_resumes_from_its_finished_stages(tmp_path: Path,
                                                       monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(dedup_engine, "CHUNK_LINES", 4)
    source = write_jsonl(tmp_path / "in.jsonl", INPUT * 2, extra=BAD)
    jobs = tmp_path / "jobs"
    real = dedup_engine._small_star
    monkeypatch.setattr(dedup_engine, "_small_star", _kill)
    with pytest.raises(Killed):
        _engine(source, jobs)
    signed = _shards(jobs)
    assert len(signed) == len(plan_chunks(source, 4)) == 8 and not list(jobs.rglob("*.tmp"))
    monkeypatch.setattr(dedup_engine, "_small_star", real)
    done = _assert_same(source, jobs)
    assert done.ran == ["components/round-0001", "labels"]  # the rest was found done
    assert done.rounds == 1

    # killed again, in the output pass; then a shard and a later stage are lost
    monkeypatch.setattr(dedup_engine, "write_outputs", _kill)
    with pytest.raises(Killed):
        _engine(source, jobs)
    signed = _shards(jobs)
    (job,) = jobs.iterdir()
    (job / "signatures" / "000001.parquet").unlink()
    shutil.rmtree(job / "edges")
    monkeypatch.setattr(dedup_engine, "write_outputs", write_outputs)
    monkeypatch.setattr(JobFolder, "remove", lambda self: None)  # to look at the shards
    done = _assert_same(source, jobs, removed=False)
    assert done.ran == ["signatures", "edges"]  # that shard and that stage, nothing else
    again = _shards(jobs)
    assert again.pop("000001.parquet") > signed.pop("000001.parquet")
    assert again == signed  # the other shards were not written again


def test_a_changed_input_starts_a_new_job(tmp_path: Path, monkeypatch: pytest.MonkeyPatch
                                          ) -> None:
    source = write_jsonl(tmp_path / "in.jsonl", INPUT)
    jobs = tmp_path / "jobs"
    monkeypatch.setattr(dedup_engine, "_labels", _kill)
    with pytest.raises(Killed):
        _engine(source, jobs)
    (old,) = jobs.iterdir()
    monkeypatch.undo()
    write_jsonl(source, [*INPUT, RECORDS[2] | {"id": "late copy"}])
    kept, clusters, _ = _single(source)
    assert _engine(source, jobs)[:2] == (kept, clusters)
    assert list(jobs.iterdir()) == [old]  # a new job, done and removed; the old one left alone
    # so does a changed option, or the same file under another name (its ids name its lines)
    from storydiff.settings import Settings

    folders = {dedup_engine._open_job(path, config, Settings(), jobs).folder
               for path, config in ((source, CorpusConfig()),
                                    (source, CorpusConfig(dedup_threshold=0.8)),
                                    (source, CorpusConfig(num_perm=64)),
                                    (Path(os.path.relpath(source)), CorpusConfig()))}
    assert len(folders) == 4


# -- larger inputs -----------------------------------------------------------------------------

def _semeval_records() -> list[dict[str, Any]]:
    """Every distinct SemEval training article, a light copy of every fifth and an exact copy
    of every seventh, in a fixed shuffled order."""
    from storydiff.evaluate.semeval import load_semeval

    articles: dict[str, str] = {}
    for pair in load_semeval(shared_path("data", "semeval2022-task8", "train.csv")):
        first, second = pair.pair_id.split("_")
        articles[first], articles[second] = pair.text1, pair.text2
    records = [{"id": k, "text": v} for k, v in articles.items()]
    copies = [{"id": f"{r['id']}-edit", "text": r["text"].replace(" the ", " a ", 2)}
              for r in records[::5]]
    copies += [{"id": f"{r['id']}-copy", "text": r["text"]} for r in records[::7]]
    records += copies
    random.Random(3).shuffle(records)
    return records


def test_the_semeval_articles(tmp_path: Path) -> None:
    source = write_jsonl(tmp_path / "in.jsonl", _semeval_records())
    done = _assert_same(source, tmp_path / "jobs")
    assert done.summary.groups_with_duplicates > 300


def generated_records(n: int, seed: int = 5) -> list[dict[str, Any]]:
    """``n`` records in families of 1-9 (an original and copies with 1-6% of the words
    edited); one family of 40 exact copies makes buckets bigger than ``groups._FULL_BUCKET``."""
    rng = random.Random(seed)
    vocabulary = [f"w{rng.randrange(10**6)}" for _ in range(4000)]
    records: list[dict[str, Any]] = []
    family = 0
    while len(records) < n:
        words = rng.choices(vocabulary, k=rng.randint(60, 200))
        size = 40 if family == 3 else rng.randint(1, 9)
        for copy in range(min(size, n - len(records))):
            edited = [w if copy == 0 or rng.random() > 0.04 else rng.choice(vocabulary)
                      for w in words]
            records.append({"id": f"f{family}-{copy}", "text": " ".join(edited)})
        family += 1
    rng.shuffle(records)
    return records


@pytest.mark.slow(seconds=15)
def test_a_generated_10k_corpus(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    source = write_jsonl(tmp_path / "in.jsonl", generated_records(10_000))
    monkeypatch.setattr(JobFolder, "remove", lambda self: None)
    done = _assert_same(source, tmp_path / "jobs", workers=2, removed=False)
    assert done.summary.groups_with_duplicates > 1000
    _same_pairs(tmp_path / "jobs")  # big buckets included


# -- connected components ------------------------------------------------------------------------

def _star_forest(tmp_path: Path, edges: list[tuple[int, int]]) -> tuple[dict[int, int], int]:
    """Each node's smallest node by ``star_forest``, and its rounds."""
    import pyarrow as pa

    job = JobFolder(tmp_path / f"cc-{len(list(tmp_path.glob('cc-*')))}")
    unique = sorted({(max(a, b), min(a, b)) for a, b in edges if a != b})
    table = pa.table({"hi": [h for h, _ in unique], "lo": [lo for _, lo in unique]},
                     schema=pa.schema([("hi", pa.int64()), ("lo", pa.int64())]))
    write_whole(table, job.path("edges") / "0.parquet")
    rounds = dedup_engine.star_forest(job, "edges")
    final = f"components/round-{rounds:04d}" if rounds else "edges"
    stars = dedup_engine._read(job.path(final)).to_pydict()
    assert len(set(stars["hi"])) == len(stars["hi"])  # each node in one star
    nodes = {n for e in unique for n in e}
    labels = {n: n for n in nodes} | dict(zip(stars["hi"], stars["lo"], strict=True))
    return labels, rounds


def _scipy(edges: list[tuple[int, int]]) -> dict[int, int]:
    """Each node's smallest node, from scipy's connected components."""
    from scipy.sparse import coo_matrix
    from scipy.sparse.csgraph import connected_components

    nodes = sorted({n for e in edges for n in e if e[0] != e[1]})
    index = {n: i for i, n in enumerate(nodes)}
    rows = [index[a] for a, b in edges if a != b]
    cols = [index[b] for a, b in edges if a != b]
    graph = coo_matrix((np.ones(len(rows)), (rows, cols)), shape=(len(nodes), len(nodes)))
    _, labels = connected_components(graph, directed=False)
    smallest: dict[int, int] = {}
    for node, label in zip(nodes, labels, strict=True):
        smallest.setdefault(int(label), node)
    return {node: smallest[int(label)] for node, label in zip(nodes, labels, strict=True)}


def _shuffled_chain(n: int, seed: int) -> list[tuple[int, int]]:
    order = list(range(n))
    random.Random(seed).shuffle(order)
    return list(itertools.pairwise(order))


def _random_graph(nodes: int, edges: int, seed: int) -> list[tuple[int, int]]:
    rng = random.Random(seed)
    return [(rng.randrange(nodes), rng.randrange(nodes)) for _ in range(edges)]


GRAPHS = {
    "chain in order": [(i, i + 1) for i in range(60)],
    "chain in shuffled order": _shuffled_chain(60, 1),
    "star around the largest": [(99, i) for i in range(40)],
    "star around the smallest": [(0, i) for i in range(1, 40)],
    "many components": [(3 * i + a, 3 * i + b) for i in range(50) for a, b in ((0, 1), (1, 2))],
    "two chains joined at the end": [(i, i + 1) for i in range(0, 20)] + [(40 + i, 41 + i)
                                                                           for i in range(20)]
    + [(60, 20)],
    "random sparse graph": _random_graph(200, 180, 2),
}


@pytest.mark.parametrize("name", GRAPHS)
def test_components_are_scipys(tmp_path: Path, name: str) -> None:
    labels, _ = _star_forest(tmp_path, GRAPHS[name])
    assert labels == _scipy(GRAPHS[name])


def test_a_long_shuffled_chain_takes_few_rounds(tmp_path: Path) -> None:
    """Min-label propagation would need about 2,000 rounds here."""
    edges = _shuffled_chain(2000, 7)
    labels, rounds = _star_forest(tmp_path, edges)
    assert labels == _scipy(edges)
    assert 1 < rounds < 40


def test_pairs_that_are_already_stars_take_no_round(tmp_path: Path) -> None:
    labels, rounds = _star_forest(tmp_path, [(1, 2), (1, 3), (5, 4)])
    assert rounds == 0 and labels == {1: 1, 2: 1, 3: 1, 4: 4, 5: 4}


@settings(max_examples=12, deadline=None,
          suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(st.lists(st.tuples(st.integers(0, 40), st.integers(0, 40)), min_size=1, max_size=60))
def test_components_of_any_graph_are_scipys(tmp_path: Path, edges: list[tuple[int, int]]
                                            ) -> None:
    if all(a == b for a, b in edges):
        return
    assert _star_forest(tmp_path, edges)[0] == _scipy(edges)
