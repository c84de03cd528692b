"""The daft engine's jobs on a Ray cluster of several nodes (issue #15), on this one machine:
bench/README.md, "ray_nodes.py".

    python bench/ray_nodes.py [--nodes 2] [--dedup 5000] [--ingest 200]

Starts a Ray cluster of ``--nodes`` nodes of one CPU each (``ray.cluster_utils.Cluster``: each
node is its own raylet with its own object store, so the jobs' data crosses between nodes as
on several machines; the job folders are on this machine's disk, which every node reaches, as
a shared file system would be on a real cluster). Then, through the cluster's address and
through a Ray Client address (``ray://``), and once without an engine:

- ``storydiff dedup --engine daft`` on ``--dedup`` generated records (bench/corpus.py
  ``families``): the kept records and the clusters file must be byte for byte those of the
  single process;
- ``storydiff ingest --engine daft`` of ``--ingest`` real records (bench/corpus.py
  ``_ingest_records``) into a fresh store: the same near-duplicate groups and stories (by
  source) as the single-process ingest.

Prints the wall times and whether the results agree; writes
bench/out/ray_nodes.json. Exits 1 when a result differs.
"""

from __future__ import annotations

import argparse
import json
import os
import socket
import sqlite3
import subprocess
import sys
import tempfile
import time
from pathlib import Path
from typing import Any

sys.path.insert(0, str(Path(__file__).parent))

from dedup_engine import write_corpus

from corpus import _ingest_records, _table

STORYDIFF = Path(sys.executable).with_name("storydiff")


def _free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return int(probe.getsockname()[1])


def _run(*args: str) -> tuple[float, subprocess.CompletedProcess[str]]:
    """A storydiff command in a fresh process: its wall time and result."""
    started = time.perf_counter()
    done = subprocess.run([str(STORYDIFF), *args], capture_output=True, text=True,
                          env=os.environ | {"OMP_NUM_THREADS": "1"}, check=False)
    return round(time.perf_counter() - started, 1), done


def _partition(store: Path) -> list[list[list[str]]]:
    """The near-duplicate groups and the stories of a SQLite store, as sorted lists of sources."""
    with sqlite3.connect(store / "corpus.sqlite") as db:
        out = []
        for column in ("dup_group", "story_id"):
            groups: dict[int, list[str]] = {}
            for source, value in db.execute(f"SELECT source, {column} FROM articles"):
                groups.setdefault(int(value), []).append(source)
            out.append(sorted(sorted(g) for g in groups.values()))
        return out


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--nodes", type=int, default=2)
    parser.add_argument("--dedup", type=int, default=5000, help="generated records to dedup")
    parser.add_argument("--ingest", type=int, default=200, help="real records to ingest")
    options = parser.parse_args()
    os.environ.setdefault("RAY_USAGE_STATS_ENABLED", "0")
    import ray
    from ray.cluster_utils import Cluster

    work = Path(tempfile.mkdtemp(prefix="sd-nodes-"))
    dedup_in, ingest_in = work / "dedup.jsonl", work / "ingest.jsonl"
    write_corpus(options.dedup, dedup_in)
    with ingest_in.open("w", encoding="utf-8") as out:
        for record in _ingest_records(options.ingest):
            out.write(json.dumps(record, ensure_ascii=False) + "\n")
    client_port = _free_port()
    started = time.perf_counter()
    cluster = Cluster(initialize_head=True, head_node_args={
        "num_cpus": 1, "object_store_memory": 150 * 2**20, "include_dashboard": False,
        "ray_client_server_port": client_port})
    for _ in range(options.nodes - 1):
        cluster.add_node(num_cpus=1, object_store_memory=150 * 2**20)
    cluster.wait_for_nodes()
    up = round(time.perf_counter() - started, 1)
    addresses = {"one process": None, "cluster address": cluster.address,
                 "Ray Client": f"ray://127.0.0.1:{client_port}"}
    rows: list[dict[str, Any]] = []
    try:
        reference: dict[str, Any] = {}
        for how, address in addresses.items():
            engine = ["--engine", "daft", "--address", address] if address else []
            kept = work / f"kept-{len(rows)}.jsonl"
            seconds, done = _run("dedup", str(dedup_in), "--out", str(kept), "--clusters",
                                 f"{kept}.groups", *engine)
            result = (kept.read_bytes(), Path(f"{kept}.groups").read_bytes()) \
                if done.returncode == 0 else done.stderr[-500:]
            reference.setdefault("dedup", result)
            rows.append({"job": f"dedup {options.dedup:,}", "run": how, "exit": done.returncode,
                         "wall s": seconds, "same as one process": result == reference["dedup"]})
            store = work / f"store-{len(rows)}"
            seconds, done = _run("ingest", str(ingest_in), "--store", str(store), *engine)
            stored = _partition(store) if done.returncode in (0, 2) else done.stderr[-500:]
            reference.setdefault("ingest", stored)
            rows.append({"job": f"ingest {options.ingest:,}", "run": how,
                         "exit": done.returncode, "wall s": seconds,
                         "same as one process": stored == reference["ingest"]})
        ray.init(address=cluster.address, logging_level="ERROR")
        nodes = len([n for n in ray.nodes() if n["Alive"]])
    finally:
        ray.shutdown()
        cluster.shutdown()
    print(f"\n{nodes} live nodes of one CPU each (cluster up in {up} s)\n")
    print(_table(rows, ["job", "run", "exit", "wall s", "same as one process"]))
    out = Path(__file__).parent / "out" / "ray_nodes.json"
    out.parent.mkdir(exist_ok=True)
    out.write_text(json.dumps({"nodes": nodes, "cluster_up_s": up, "rows": rows}, indent=1),
                   encoding="utf-8")
    if not all(row["same as one process"] for row in rows):
        sys.exit(1)


if __name__ == "__main__":
    main()
