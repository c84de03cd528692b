"""Ingests on the daft engine on a Ray cluster, whose workers can be killed: run as a script
by tests/corpus/test_engine_ray.py (``python ray_driver.py JOB.json``), with the repository root
on PYTHONPATH.

The encoder is defined here, in ``__main__``, so that it travels to the cluster's workers by
value (cloudpickle), as no worker can import the tests. It is the hashing encoder of the other
engine tests, which logs the process id of each worker the first time the worker uses it (the
worker's "model load") and kills its own worker process (SIGKILL, as the kernel's OOM killer
does) when a batch holds ``MARK``: every time (``poison``) or the first time only (``once``,
remembered in a flag file). The job's runs share one process (one connection to the cluster,
as the engine's runner is set once a process); what each run did goes to a JSON file.
"""

from __future__ import annotations

import json
import os
import signal
import sys
from collections.abc import Sequence
from pathlib import Path
from typing import Any

import numpy as np

import storydiff.corpus.corpus as corpus_module
import storydiff.corpus.engine_daft as engine_daft
from storydiff import StorydiffError
from storydiff.corpus import Corpus
from storydiff.corpus.engine import open_engine
from storydiff.embed import HashingEncoder
from tests.corpus.conftest import HASHING_CONFIG

#: What the text of the record whose batch kills its worker says (the fixture's rewrite).
MARK = "rescued 12 people"


class FaultEncoder(HashingEncoder):
    """The hashing encoder, logging each worker's first use and killing workers on ``MARK``."""

    def __init__(self, mode: str, flag: str, log: str) -> None:
        super().__init__()
        self.mode, self.flag, self.log = mode, flag, log
        self.used = False

    def encode(self, texts: Sequence[str]) -> np.ndarray:
        if not self.used:
            self.used = True
            with open(self.log, "a", encoding="utf-8") as out:
                out.write(f"{os.getpid()}\n")
        marked = any(MARK in text for text in texts)
        if marked and (self.mode == "poison" or
                       (self.mode == "once" and not os.path.exists(self.flag))):
            Path(self.flag).touch()
            os.kill(os.getpid(), signal.SIGKILL)
        return super().encode(texts)


def main(job_file: str) -> None:
    job = json.loads(Path(job_file).read_text(encoding="utf-8"))
    corpus_module.SHARD_BATCHES = job["shard_batches"]
    engine = open_engine("daft", address=job["address"], workers=job["workers"])
    results: list[dict[str, Any]] = []
    for run in job["runs"]:
        corpus_module.WAVE_SHARDS = run["wave_shards"]
        engine_daft.RAY_RETRIES = run["retries"]
        Path(job["flag"]).unlink(missing_ok=True)
        encoder = FaultEncoder(run["mode"], job["flag"], job["log"])
        result: dict[str, Any] = {}
        with Corpus(job["store"], encoder=encoder, claim_encoder=HashingEncoder(),
                    config=HASHING_CONFIG.with_(batch_size=2)) as corpus:
            try:
                summary = corpus.add([Path(job["input"])], engine=engine)
                result["summary"] = [summary.added, summary.duplicates, summary.failed]
            except StorydiffError as exc:
                result["error"] = f"{type(exc).__name__}: {exc}"
            result["articles"] = corpus.stats()["articles"]
        result["shards"] = sorted(p.name for p in
                                  Path(job["store"]).glob("engine-shards/*/*.parquet"))
        result["loads"] = Path(job["log"]).read_text(encoding="utf-8").split()
        Path(job["log"]).unlink()
        results.append(result)
    Path(job["result"]).write_text(json.dumps(results), encoding="utf-8")


if __name__ == "__main__":
    main(sys.argv[1])
