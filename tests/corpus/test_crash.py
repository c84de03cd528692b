"""kill -9 in the middle of an ingest, then ingest again: nothing lost, nothing duplicated."""

from __future__ import annotations

import json
import os
import signal
import sqlite3
import subprocess
import sys
import time
from pathlib import Path

import pytest

from .conftest import RECORDS

_SCRIPT = """
import sys
from storydiff.corpus import Corpus, CorpusConfig
from storydiff.embed import HashingEncoder
config = CorpusConfig(candidate_cosine=0.5, story_threshold=0.6, batch_size=2)
with Corpus(sys.argv[1], encoder=HashingEncoder(), config=config) as corpus:
    corpus.add([sys.argv[2]], progress=lambda done, total: print(done, flush=True))
"""


def _records(count: int) -> list[dict[str, object]]:
    """``count`` distinct records built from the fixture texts."""
    out = []
    for i in range(count):
        base = RECORDS[i % len(RECORDS)]
        out.append(base | {"id": f"r{i}", "text": f"{base['text']} Update number {i} of the "
                                                  f"day, issued at {i % 24} hours."})
    return out


def _counts(store: Path) -> tuple[int, int, str]:
    db = sqlite3.connect(store / "corpus.sqlite")
    try:
        articles = db.execute("SELECT COUNT(*) FROM articles").fetchone()[0]
        hashes = db.execute("SELECT COUNT(DISTINCT content_hash) FROM articles").fetchone()[0]
        check = db.execute("PRAGMA integrity_check").fetchone()[0]
        orphans = db.execute("SELECT COUNT(*) FROM articles a LEFT JOIN stories s "
                             "ON s.id = a.story_id WHERE s.id IS NULL").fetchone()[0]
    finally:
        db.close()
    assert orphans == 0, "every article belongs to a summarised story"
    return articles, hashes, check


@pytest.mark.slow(seconds=22)  # two interpreters load the analysis models: about a minute
def test_kill_9_mid_ingest_then_resume(tmp_path: Path) -> None:
    source = tmp_path / "in.jsonl"
    records = _records(40)
    source.write_text("\n".join(json.dumps(r) for r in records) + "\n", encoding="utf-8")
    store = tmp_path / "store"
    env = os.environ | {"OMP_NUM_THREADS": "1"}
    proc = subprocess.Popen([sys.executable, "-c", _SCRIPT, str(store), str(source)],
                            stdout=subprocess.PIPE, text=True, env=env)
    assert proc.stdout is not None
    deadline = time.monotonic() + 120
    while time.monotonic() < deadline:
        line = proc.stdout.readline()
        if not line or int(line) >= 10:
            break
    proc.send_signal(signal.SIGKILL)
    proc.wait()
    proc.stdout.close()
    partial, _, check = _counts(store)
    assert check == "ok" and 0 < partial < len(records)
    resumed = subprocess.run([sys.executable, "-c", _SCRIPT, str(store), str(source)],
                             env=env, capture_output=True, text=True, timeout=300)
    assert resumed.returncode == 0, resumed.stderr
    articles, distinct, check = _counts(store)
    assert check == "ok"
    assert articles == distinct == len(records)
