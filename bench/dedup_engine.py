"""``storydiff dedup`` in one process against ``--engine daft`` on the same JSONL file (see
bench/README.md, "dedup_engine.py").

    python bench/dedup_engine.py [--sizes 10000 100000] [--engine local daft] [--workers 2]

At each size, the generated near-duplicate families of bench/corpus.py (``families``) are
written as JSONL records once; each engine then dedups the file in a fresh process: wall
time, CPU time (its finished workers' included), the machine's load average, peak memory of
that (driver) process and of its largest worker, the LSH band rows and their bytes (held in
memory by one process; shuffled by the engine), candidate and verified pairs,
connected-component rounds, time per stage; and whether the kept records and the clusters
file are byte for byte those of the single process.

Writes bench/out/dedup_engine.json.
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
    args = parser.parse_args()
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


if __name__ == "__main__":
    main()
