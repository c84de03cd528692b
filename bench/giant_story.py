"""One story of many rewrites: the per-article ingest's cost an article as the story grows.

Usage: ``python bench/giant_story.py [--articles 1600] [--step 400] [--rev REV]``

The worst shape for the single process (docs/scale.md, "Not built yet"): rewrites of one real
article (the first English SemEval text over 1,100 characters), each with 40% of its words
replaced by words of other articles (seeded), all published on one day. None is a
near-duplicate of another, every one links to every earlier one, so the store holds n²/2
story links and every batch of 50 re-clusters the whole story. Ingested with the hashing
encoder (no model: the cost measured is the store's and the clustering's, not encoding), in
batches of 50, into a fresh folder store; prints ms an article for each ``--step`` articles.

``--rev REV`` runs the same records through git revision ``REV`` as well (a temporary
worktree of it, its ``src/`` first on the path), one process after the other, and prints both
side by side with their ratio and whether every article ended in the same story (stories
compared by content hash). Each run is a child process: ``--child SRC`` is that child.
"""

from __future__ import annotations

import argparse
import json
import os
import random
import subprocess
import sys
import tempfile
import time
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parents[1]


def records(n: int) -> list[dict[str, Any]]:
    """``n`` rewrites of one English SemEval text, 40% of the words replaced (seed 0)."""
    sys.path.insert(0, str(ROOT / "bench"))
    from _data import SEMEVAL

    from storydiff.evaluate.semeval import load_semeval
    from storydiff.text import word_runs

    pairs = load_semeval(SEMEVAL)
    base = next(p.text1 for p in pairs if p.lang1 == "en" and len(p.text1) > 1100)
    vocabulary = sorted({w for p in pairs[:200] if p.lang1 == "en" for w in word_runs(p.text1)})
    rng = random.Random(0)
    words = base.split(" ")
    out = []
    for i in range(n):
        changed = [rng.choice(vocabulary) if rng.random() < 0.4 else w for w in words]
        out.append({"id": f"r{i}", "title": "Rewrite " + " ".join(changed[:8]),
                    "text": " ".join(changed), "published": "2020-01-02", "language": "en"})
    return out


def child(source: Path, step: int) -> dict[str, Any]:
    """Ingest the records of ``source`` (JSONL) in batches of 50; ms an article per
    ``step``, the stories."""
    import sqlite3

    from storydiff.corpus import Corpus
    from storydiff.corpus.store import DB_NAME
    from storydiff.embed import HashingEncoder

    items = [json.loads(line) for line in source.read_text(encoding="utf-8").splitlines()]
    n = len(items)
    folder = Path(tempfile.mkdtemp(prefix="giant-story-"))
    per_step, started = [], time.perf_counter()
    last = started
    with Corpus(folder, encoder=HashingEncoder(), claim_encoder=HashingEncoder()) as corpus:
        for start in range(0, n, 50):
            corpus.add(items[start:start + 50])
            if (start + 50) % step == 0 or start + 50 >= n:
                now = time.perf_counter()
                done = min(start + 50, n)
                per_step.append({"articles": done,
                                 "ms_per_article": round(1000 * (now - last)
                                                         / (done - (per_step[-1]["articles"]
                                                                    if per_step else 0)), 1)})
                last = now
        stats = corpus.stats()
    db = sqlite3.connect(folder / DB_NAME)
    stories = sorted(db.execute("SELECT a.content_hash, s.content_hash FROM articles a "
                                "JOIN articles s ON s.id = a.story_id").fetchall())
    db.close()
    return {"steps": per_step, "seconds": round(time.perf_counter() - started, 1),
            "story_links": stats["story_links"], "stories": stats["stories"],
            "story_of": stories}


def run(src: Path, source: Path, step: int) -> dict[str, Any]:
    """One child process on the ``src`` tree, ingesting the records of ``source``."""
    env = dict(os.environ, PYTHONPATH=str(src), OMP_NUM_THREADS="1")
    out = subprocess.run([sys.executable, __file__, "--child", str(source), "--step",
                          str(step)], env=env, capture_output=True, text=True)
    if out.returncode:
        sys.exit(f"the run on {src} failed:\n{out.stderr[-3000:]}")
    result: dict[str, Any] = json.loads(out.stdout.splitlines()[-1])
    return result


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--articles", type=int, default=1600)
    parser.add_argument("--step", type=int, default=400)
    parser.add_argument("--rev", help="also run this git revision (the release before)")
    parser.add_argument("--child", help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.child:
        print(json.dumps(child(Path(args.child), args.step)))
        return
    with tempfile.TemporaryDirectory() as tmp:
        source = Path(tmp) / "records.jsonl"
        source.write_text("".join(json.dumps(r) + "\n" for r in records(args.articles)),
                          encoding="utf-8")
        runs = {"this tree": run(ROOT / "src", source, args.step)}
        if args.rev:
            tree = Path(tmp) / "tree"
            subprocess.run(["git", "-C", str(ROOT), "worktree", "add", "--detach", "-q",
                            str(tree), args.rev], check=True)
            try:
                runs[args.rev] = run(tree / "src", source, args.step)
            finally:
                subprocess.run(["git", "-C", str(ROOT), "worktree", "remove", "--force",
                                str(tree)], check=True)
    names = list(runs)
    print("ms an article over each step (batches of 50, hashing encoder, one process)")
    print(f"{'articles':>9}" + "".join(f"{name:>14}" for name in names)
          + (f"{'ratio':>8}" if len(names) == 2 else ""))
    for rows in zip(*(runs[name]["steps"] for name in names), strict=True):
        line = f"{rows[0]['articles']:>9}" + "".join(f"{r['ms_per_article']:>14}" for r in rows)
        if len(rows) == 2:
            line += f"{rows[1]['ms_per_article'] / rows[0]['ms_per_article']:>7.2f}×"
        print(line)
    for name in names:
        r = runs[name]
        print(f"{name}: {r['seconds']} s in all, {r['story_links']:,} story links, "
              f"{r['stories']} stor{'y' if r['stories'] == 1 else 'ies'}")
    if len(names) == 2:
        same = runs[names[0]]["story_of"] == runs[names[1]]["story_of"]
        print(f"every article in the same story in both: {'yes' if same else 'NO'}")


if __name__ == "__main__":
    main()
