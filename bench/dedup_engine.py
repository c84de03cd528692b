"""``storydiff dedup`` in one process against ``--engine daft`` on the same JSONL file (see
bench/README.md, "dedup_engine.py").

    python bench/dedup_engine.py [--sizes 10000 100000] [--engine local daft] [--workers 2]
    python bench/dedup_engine.py --bulk 2000 [--stores sqlite postgresql:///db]

At each size, the generated near-duplicate families of bench/corpus.py (``families``) are
written as JSONL records once; each engine then dedups the file in a fresh process: wall
time, CPU time (its finished workers' included), the machine's load average, peak memory of
that (driver) process and of its largest worker, the LSH band rows and their bytes (held in
memory by one process; shuffled by the engine), candidate and verified pairs,
connected-component rounds, time per stage; and whether the kept records and the clusters
file are byte for byte those of the single process.

Writes bench/out/dedup_engine.json.

``--bulk N``: the ingest of N real articles (bench/corpus.py ``_ingest_records``, dated 100 a
day, a light variant a day or two after its original) on the daft engine into an empty store,
once by the bulk path (the story job, then one bulk load) and once committed article by article
from the same shard files (so the map stage runs once): the ingesting process's time after the
map stage (job, load and index save; or the commits), the time spent in store calls, and
whether the two stores hold the same groups and stories. The hashing encoder stands in for the
story encoder (the map stage is not what is measured). Writes bench/out/bulk_ingest.json.
"""

from __future__ import annotations

import argparse
import filecmp
import json
import os
import resource
import sys
import tempfile
import time
from pathlib import Path
from typing import Any

sys.path.insert(0, str(Path(__file__).resolve().parent))

OUT = Path(__file__).resolve().parent / "out"


def _peak_mb(who: int = resource.RUSAGE_SELF) -> float:
    """Peak resident memory of this process (or of its largest child), in MB."""
    return round(resource.getrusage(who).ru_maxrss / 1024, 1)


def write_corpus(n_docs: int, path: Path) -> None:
    """``n_docs`` generated records (bench/corpus.py ``families``) as JSONL."""
    from corpus import families

    texts, _ = families(n_docs)
    with path.open("w", encoding="utf-8") as out:
        for i, text in enumerate(texts):
            out.write(json.dumps({"id": i, "text": text}, ensure_ascii=False) + "\n")


def dedup_child(engine: str, source: Path, out: Path, workers: int) -> dict[str, Any]:
    """One dedup of ``source`` into ``out`` (and ``out``.groups) in this fresh process."""
    from storydiff.corpus import CorpusConfig, dedup_records
    from storydiff.corpus.minhash import lsh_params
    from storydiff.settings import Settings

    config = CorpusConfig()
    bands, _ = lsh_params(config.dedup_threshold, config.num_perm)
    started = time.perf_counter()
    row: dict[str, Any] = {"engine": engine if engine == "local" else f"{engine} ({workers})"}
    with out.open("w", encoding="utf-8") as kept, \
            out.with_suffix(".groups").open("w", encoding="utf-8") as groups:
        if engine == "local":
            summary = dedup_records(source, kept, clusters=groups, config=config)
            row["band_rows"] = summary.records * bands
            row["band_mb"] = round(summary.records * bands * 8 / 1e6, 1)  # the keys matrix
        else:
            from storydiff.corpus.dedup_engine import dedup_on_engine
            from storydiff.corpus.engine import open_engine

            done = dedup_on_engine(source, kept, open_engine(engine, workers=workers),
                                   clusters=groups, config=config, settings=Settings(),
                                   job_folder=out.parent / "jobs")
            summary = done.summary
            row |= {"band_rows": done.band_rows,
                    "band_mb": round(done.band_rows * 24 / 1e6, 1),  # band, key, line
                    "candidate_pairs": done.candidate_pairs,
                    "verified_pairs": done.verified_pairs, "rounds": done.rounds,
                    "stage_s": done.seconds}
    seconds = time.perf_counter() - started
    return row | {"docs": summary.records, "seconds": round(seconds, 2),
                  "docs_per_s": round(summary.records / seconds, 1), "kept": summary.kept,
                  "cpu_s": round(_cpu_s(resource.RUSAGE_SELF) + _cpu_s(resource.RUSAGE_CHILDREN),
                                 1),
                  "load_average": round(os.getloadavg()[0], 2),
                  "driver_peak_mb": _peak_mb(),
                  "worker_peak_mb": _peak_mb(resource.RUSAGE_CHILDREN)}


def bulk_records(n_docs: int, path: Path) -> None:
    """``n_docs`` real articles and variants as JSONL, dated 100 a day over a year, each
    variant one or two days after the article before it."""
    import random
    from datetime import date, timedelta

    from corpus import _ingest_records

    rng = random.Random(5)
    with path.open("w", encoding="utf-8") as out:
        day = 0
        for n, record in enumerate(_ingest_records(n_docs)):
            day = day + rng.randint(1, 2) if "-" in str(record["id"]) else n // 100
            published = (date(2023, 1, 1) + timedelta(days=day % 365)).isoformat()
            out.write(json.dumps(record | {"date": published}, ensure_ascii=False) + "\n")


class _Timed:
    """A store whose method calls are timed (``seconds``), else the store itself."""

    def __init__(self, store: Any) -> None:
        self._store, self.seconds = store, 0.0

    def __getattr__(self, name: str) -> Any:
        value = getattr(self._store, name)
        if not callable(value) or name in ("write_batch", "lock", "unlock", "close"):
            return value

        def timed(*args: Any, **kwargs: Any) -> Any:
            started = time.perf_counter()
            try:
                return value(*args, **kwargs)
            finally:
                self.seconds += time.perf_counter() - started

        return timed


def bulk_child(source: Path, folder: Path, store: str, workers: int) -> list[dict[str, Any]]:
    """The bulk path, then the per-article path from the same shard files (see the module)."""
    import shutil

    from storydiff.corpus import Corpus, CorpusConfig, bulk, story_job
    from storydiff.corpus.engine import ShardFolder, open_engine
    from storydiff.embed import HashingEncoder

    engine = open_engine("daft", workers=workers)
    config = CorpusConfig(candidate_cosine=0.5, story_threshold=0.6)
    spent: dict[str, float] = {}

    def timing(name: str, call: Any) -> Any:
        def run(*args: Any) -> Any:
            started = time.perf_counter()
            try:
                return call(*args)
            finally:
                spent[name] = spent.get(name, 0.0) + time.perf_counter() - started
        return run

    remove, originals = ShardFolder.remove, (bulk.run_job, bulk.load, bulk.bulk_applies)
    ShardFolder.remove = lambda self: None  # type: ignore[method-assign]  # kept for run 2
    bulk.run_job = timing("job", bulk.run_job)
    job_figures: list[dict[str, Any]] = []
    run_story_job = story_job.run_story_job

    def keeping(*args: Any) -> dict[str, Any]:
        figures = run_story_job(*args)
        job_figures.append(figures | {"largest": story_job.largest_component(args[0])})
        return figures

    story_job.run_story_job = keeping
    bulk.load = timing("load", bulk.load)
    rows: list[dict[str, Any]] = []
    address = {"sqlite": str(folder / "bulk")}.get(store, store)
    with Corpus(address, encoder=HashingEncoder(), config=config) as corpus:
        timed = _Timed(corpus._store)
        corpus._store = timed
        started = time.perf_counter()
        summary = corpus.add([source], engine=engine)
        total = time.perf_counter() - started
        shards = next(corpus.path.glob("engine-shards/*"))
        after_map = spent["job"] + spent["load"]
        rows.append({"path": "bulk", "store": store.split("?")[0], "docs": summary.added,
                     "wall_s": round(total, 2), "after_map_s": round(after_map, 2),
                     "job_s": round(spent["job"], 2), "load_s": round(spent["load"], 2),
                     "store_calls_s": round(timed.seconds, 2),
                     "stages_s": {stage: round(seconds, 2) for stage, seconds in
                                  job_figures[-1]["seconds"].items()},
                     "largest_component": job_figures[-1]["largest"],
                     "stats": corpus.stats()})
    ShardFolder.remove = remove  # type: ignore[method-assign]
    bulk.bulk_applies = lambda *args: False  # the per-article path, from the same shards
    second = {"sqlite": str(folder / "single")}.get(store, store + "2")
    with Corpus(second, encoder=HashingEncoder(), config=config) as corpus:
        target = corpus.path / "engine-shards" / shards.name
        shutil.copytree(shards, target)
        timed = _Timed(corpus._store)
        corpus._store = timed
        commit = corpus._commit
        corpus._commit = timing("commit", commit)  # type: ignore[method-assign]
        started = time.perf_counter()
        corpus.add([source], engine=engine)
        rows.append({"path": "per-article", "store": store.split("?")[0],
                     "docs": summary.added, "wall_s": round(time.perf_counter() - started, 2),
                     "after_map_s": round(spent["commit"], 2),
                     "store_calls_s": round(timed.seconds, 2), "stats": corpus.stats()})
    bulk.run_job, bulk.load, bulk.bulk_applies = originals
    story_job.run_story_job = run_story_job
    first, second_stats = (row.pop("stats") for row in rows)
    differ = {k: (v, second_stats[k]) for k, v in first.items()
              if k not in _SIZES and v != second_stats[k]}
    return [row | {"same_counts": not differ, "differ": differ} for row in rows]


_SIZES = ("path", "database_bytes", "index_bytes", "vector_index", "store")


def _cpu_s(who: int) -> float:
    """User and system CPU seconds of this process (or of its finished children)."""
    usage = resource.getrusage(who)
    return usage.ru_utime + usage.ru_stime


def _child(*args: str) -> dict[str, Any]:
    """One measurement of this script in a fresh interpreter (``corpus._in_child``)."""
    from corpus import _in_child

    return _in_child(*args, script=__file__)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--sizes", type=int, nargs="*", default=[10_000, 100_000])
    parser.add_argument("--engine", nargs="*", default=["local", "daft"],
                        choices=["local", "daft"])
    parser.add_argument("--workers", type=int, default=2)
    parser.add_argument("--child", nargs=4, help=argparse.SUPPRESS)
    parser.add_argument("--bulk", type=int, help="measure the bulk ingest on N records")
    parser.add_argument("--stores", nargs="*", default=["sqlite"],
                        help="sqlite, or PostgreSQL addresses (two schemas: ADDRESS and "
                             "ADDRESS + '2' must name empty stores)")
    args = parser.parse_args()
    if args.bulk:
        _bulk_main(args.bulk, args.stores, args.workers)
        return
    if args.child:
        engine, source, out, workers = args.child
        print(json.dumps(dedup_child(engine, Path(source), Path(out), int(workers))))
        return
    rows: list[dict[str, Any]] = []
    for size in args.sizes:
        with tempfile.TemporaryDirectory() as tmp:
            source = Path(tmp) / "in.jsonl"
            write_corpus(size, source)
            outs = {}
            for engine in args.engine:
                outs[engine] = Path(tmp) / engine / "kept.jsonl"
                outs[engine].parent.mkdir()
                rows.append(_child(engine, str(source), str(outs[engine]),
                                      str(args.workers)))
                first = outs[args.engine[0]]
                rows[-1]["same_output"] = filecmp.cmp(first, outs[engine], shallow=False) and \
                    filecmp.cmp(first.with_suffix(".groups"),
                                outs[engine].with_suffix(".groups"), shallow=False)
                print(rows[-1], flush=True)
    OUT.mkdir(exist_ok=True)
    (OUT / "dedup_engine.json").write_text(json.dumps(rows, indent=2) + "\n", encoding="utf-8")
    from corpus import _table

    print("\n" + _table(rows, ["engine", "docs", "seconds", "docs_per_s", "cpu_s",
                               "load_average", "driver_peak_mb",
                               "worker_peak_mb", "band_rows", "band_mb", "candidate_pairs",
                               "verified_pairs", "rounds", "kept", "same_output"]))


def _bulk_main(n_docs: int, stores: list[str], workers: int) -> None:
    """``--bulk``: one run a store; a table and bench/out/bulk_ingest.json (whose rows of
    other sizes are kept)."""
    rows: list[dict[str, Any]] = []
    with tempfile.TemporaryDirectory() as tmp:
        source = Path(tmp) / "in.jsonl"
        bulk_records(n_docs, source)
        for n, store in enumerate(stores):
            folder = Path(tmp) / f"run{n}"
            folder.mkdir()
            rows += [{"records": n_docs} | row for row in bulk_child(source, folder, store,
                                                                     workers)]
            print(rows[-2:], flush=True)
    OUT.mkdir(exist_ok=True)
    path = OUT / "bulk_ingest.json"
    before = json.loads(path.read_text(encoding="utf-8")) if path.exists() else []
    kept = [row for row in before if row.get("records", 2000) != n_docs]
    path.write_text(json.dumps(kept + rows, indent=2) + "\n", encoding="utf-8")
    from corpus import _table

    print("\n" + _table(rows, ["records", "path", "store", "docs", "wall_s", "after_map_s",
                               "job_s", "load_s", "store_calls_s", "same_counts"]))


if __name__ == "__main__":
    main()
