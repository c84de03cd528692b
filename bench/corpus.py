"""Corpus mode benchmarks, side by side in one run (see bench/README.md, "corpus.py").

    python bench/corpus.py [--dedup-sizes 10000 100000] [--ingest-docs 1000 ...] [--skip-stories]

1. dedup alone: storydiff (rensa signatures + numpy LSH + connected components) against
   datasketch ``MinHash.bulk`` + ``MinHashLSH`` on the same shingles and parameters, at each
   size: documents per second, peak extra memory (each run in a fresh process), and pairwise
   precision/recall against generated near-duplicate families with known ground truth.
2. full default ingest (clean, analyse, USE title+lead embedding, MinHash, linking, SQLite
   commit) of real SemEval articles and their variants: documents per second, time per stage.
3. story quality: every article of the SemEval-2022 Task 8 training file in one corpus;
   pairwise precision/recall/F1 of "same story" (Overall <= 2) on its labelled pairs.

Writes bench/out/corpus.json. Texts come from ../shared/data at run time.
"""

from __future__ import annotations

import argparse
import json
import os
import random
import re
import resource
import subprocess
import sys
import tempfile
import time
from pathlib import Path
from typing import Any

sys.path.insert(0, str(Path(__file__).resolve().parent))

from _data import semeval_rows

OUT = Path(__file__).resolve().parent / "out"
THRESHOLD, NUM_PERM, SEED = 0.7, 128, 1
_SENTENCE = re.compile(r"(?<=[.!?。])\s+")


# -- data -------------------------------------------------------------------------------------

def semeval_articles() -> dict[str, tuple[str, str]]:
    """Every distinct SemEval article: id -> (text, language)."""
    out: dict[str, tuple[str, str]] = {}
    for row in semeval_rows():
        first, second = row["pair_id"].split("_")
        out[first] = (row["text1"], row["lang1"])
        out[second] = (row["text2"], row["lang2"])
    return out


def _mutate(words: list[str], rate: float, rng: random.Random, vocabulary: list[str]) -> str:
    """Substitute, delete or insert about ``rate`` of the words."""
    out: list[str] = []
    for word in words:
        roll = rng.random()
        if roll < rate / 3:
            continue
        out.append(rng.choice(vocabulary) if roll < 2 * rate / 3 else word)
        if rate * 2 / 3 <= roll < rate:
            out.append(rng.choice(vocabulary))
    return " ".join(out)


def families(n_docs: int, seed: int = 7) -> tuple[list[str], list[int]]:
    """``n_docs`` texts in families of 1-9 (an original and light variants, 1-6% of words
    edited). The first families start from real SemEval texts; later ones from 8 sentences
    drawn from all texts. Returns the texts and each text's family number (ground truth)."""
    rng = random.Random(seed)
    real = [t for t, _ in semeval_articles().values()]
    pool = [s for t in real for s in _SENTENCE.split(t) if len(s.split()) >= 6]
    vocabulary = sorted({w for t in real[:300] for w in t.split()})
    texts: list[str] = []
    truth: list[int] = []
    family = 0
    while len(texts) < n_docs:
        base = real[family] if family < len(real) else " ".join(rng.sample(pool, 8))
        words = base.split()
        for copy in range(min(rng.randint(1, 9), n_docs - len(texts))):
            texts.append(base if copy == 0 else _mutate(words, rng.uniform(0.01, 0.06), rng,
                                                        vocabulary))
            truth.append(family)
        family += 1
    return texts, truth


# -- dedup -------------------------------------------------------------------------------------

def _pair_scores(groups: list[int], truth: list[int]) -> dict[str, float]:
    """Pairwise precision and recall of predicted groups against true families."""
    from collections import Counter

    both = Counter(zip(groups, truth, strict=True))
    pred, true = Counter(groups), Counter(truth)
    pairs = sum(c * (c - 1) // 2 for c in both.values())
    predicted = sum(c * (c - 1) // 2 for c in pred.values())
    actual = sum(c * (c - 1) // 2 for c in true.values())
    precision = pairs / predicted if predicted else 1.0
    recall = pairs / actual if actual else 1.0
    return {"precision": round(precision, 4), "recall": round(recall, 4)}


def dedup_storydiff(texts: list[str]) -> list[int]:
    """storydiff: shingles, rensa signatures, numpy LSH, verified pairs, components."""
    import numpy as np

    from storydiff.corpus.groups import duplicate_groups
    from storydiff.corpus.minhash import shingle_hashes, signatures

    sigs = np.vstack([signatures([shingle_hashes(t) for t in texts[i:i + 1000]], NUM_PERM, SEED)
                      for i in range(0, len(texts), 1000)])
    return [int(g) for g in duplicate_groups(sigs, THRESHOLD)]


def dedup_datasketch(texts: list[str]) -> list[int]:
    """datasketch: the same shingles, MinHash.bulk, MinHashLSH insert + query, the same pair
    check (estimated Jaccard >= threshold) and components."""
    import numpy as np
    from datasketch import MinHash, MinHashLSH
    from scipy.sparse import coo_matrix
    from scipy.sparse.csgraph import connected_components

    from storydiff.corpus.minhash import shingles

    hashes = [h for i in range(0, len(texts), 1000) for h in MinHash.bulk(
        [[s.encode("utf-8") for s in shingles(t)] for t in texts[i:i + 1000]],
        num_perm=NUM_PERM, seed=SEED)]
    lsh = MinHashLSH(threshold=THRESHOLD, num_perm=NUM_PERM)
    for i, sketch in enumerate(hashes):
        lsh.insert(i, sketch)
    rows, cols = [], []
    for i, sketch in enumerate(hashes):
        for j in lsh.query(sketch):
            if j > i and sketch.jaccard(hashes[j]) >= THRESHOLD:
                rows.append(i)
                cols.append(j)
    n = len(texts)
    graph = coo_matrix((np.ones(len(rows)), (rows, cols)), shape=(n, n))
    return [int(x) for x in connected_components(graph, directed=False)[1]]


def _peak_mb() -> float:
    """Peak resident memory of this process, in MB."""
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024


def dedup_child(method: str, n_docs: int) -> dict[str, Any]:
    """One dedup run (in a fresh process): time, peak extra memory, quality."""
    texts, truth = families(n_docs)
    before = _peak_mb()
    run = dedup_storydiff if method == "storydiff" else dedup_datasketch
    started = time.perf_counter()
    groups = run(texts)
    seconds = time.perf_counter() - started
    return {"method": method, "docs": n_docs, "seconds": round(seconds, 2),
            "docs_per_s": round(n_docs / seconds, 1),
            "extra_peak_mb": round(_peak_mb() - before, 1), **_pair_scores(groups, truth)}


def dedup_cli_child(n_docs: int) -> dict[str, Any]:
    """``storydiff dedup`` end to end (JSONL in, JSONL out, JSON parsing included)."""
    from storydiff.corpus import dedup_records

    texts, _ = families(n_docs)
    with tempfile.TemporaryDirectory() as tmp:
        source = Path(tmp) / "in.jsonl"
        source.write_text("".join(json.dumps({"id": i, "text": t}) + "\n"
                                  for i, t in enumerate(texts)), encoding="utf-8")
        before = _peak_mb()
        started = time.perf_counter()
        with (Path(tmp) / "out.jsonl").open("w") as out:
            summary = dedup_records(source, out)
        seconds = time.perf_counter() - started
    return {"method": "storydiff dedup (JSONL)", "docs": n_docs, "seconds": round(seconds, 2),
            "docs_per_s": round(n_docs / seconds, 1),
            "extra_peak_mb": round(_peak_mb() - before, 1), "kept": summary.kept}


def _in_child(*args: str, script: str = __file__) -> dict[str, Any]:
    """Run one measurement of ``script`` (``--child ARGS``) in a fresh interpreter (clean
    memory figures); the last line it prints, as JSON."""
    env = os.environ | {"OMP_NUM_THREADS": "1"}
    done = subprocess.run([sys.executable, script, "--child", *args], env=env,
                          capture_output=True, text=True, check=True)
    result: dict[str, Any] = json.loads(done.stdout.strip().splitlines()[-1])
    return result


# -- full ingest -----------------------------------------------------------------------------

def ingest_child(n_docs: int) -> dict[str, Any]:
    """The full default ingest of ``n_docs`` real articles plus variants (30% of them), read
    from a JSONL file as ``storydiff ingest FILE`` reads it (streamed, never all in memory)."""
    from storydiff.corpus import Corpus

    records = _ingest_records(n_docs)
    stages = _stage_times(records[:100])
    with tempfile.TemporaryDirectory() as tmp, Corpus(Path(tmp) / "store") as corpus:
        source = Path(tmp) / "records.jsonl"
        with source.open("w", encoding="utf-8") as out:
            out.writelines(json.dumps(r) + "\n" for r in records[8:])
        corpus.add(records[:8])  # load the models outside the timing
        del records
        before = _peak_mb()
        started, cpu = time.perf_counter(), _cpu_seconds()
        summary = corpus.add([source])
        seconds, cpu = time.perf_counter() - started, _cpu_seconds() - cpu
        stats = corpus.stats()
        store_mb = sum(f.stat().st_size for f in (Path(tmp) / "store").iterdir()) / 2**20
    done = summary.added + summary.duplicates
    return {"docs": done, "seconds": round(seconds, 1), "docs_per_s": round(done / seconds, 2),
            "cpu_ms_per_doc": round(1000 * cpu / done, 1), "load_average": os.getloadavg()[0],
            "peak_mb": round(_peak_mb(), 1), "peak_mb_before_ingest": round(before, 1),
            "store_mb": round(store_mb, 1), "failed": summary.failed,
            "stories": stats["stories"], "stage_ms_per_doc": stages}


def _cpu_seconds() -> float:
    """CPU time of this process so far, all threads."""
    usage = resource.getrusage(resource.RUSAGE_SELF)
    return usage.ru_utime + usage.ru_stime


def _ingest_records(n_docs: int) -> list[dict[str, Any]]:
    """Real articles, with a light variant after every third one; past the ~3,200 this gives,
    further rounds of variants (5% of words changed) of every article."""
    rng = random.Random(3)
    articles = list(semeval_articles().items())
    vocabulary = sorted({w for _, (t, _) in articles[:300] for w in t.split()})
    out: list[dict[str, Any]] = []
    for key, (text, lang) in articles:
        out.append({"id": key, "text": text, "lang": lang})
        if len(out) % 3 == 0:
            out.append({"id": f"{key}-v", "text": _mutate(text.split(), 0.03, rng, vocabulary),
                        "lang": lang})
    round_ = 0
    while len(out) < n_docs:
        round_ += 1
        out += [{"id": f"{key}-r{round_}", "text": _mutate(text.split(), 0.05, rng, vocabulary),
                 "lang": lang} for key, (text, lang) in articles]
    return out[:n_docs]


def _stage_times(records: list[dict[str, Any]]) -> dict[str, float]:
    """Milliseconds per document of each ingest stage, measured apart on a sample."""
    from storydiff.analyse import analyse
    from storydiff.corpus import CorpusConfig
    from storydiff.corpus.features import lead_text
    from storydiff.corpus.minhash import text_signature
    from storydiff.embed import default_story_encoder
    from storydiff.ingest import clean
    from storydiff.ingest.records import parse_record

    encoder, lead_chars = default_story_encoder(), CorpusConfig().lead_chars
    warm = clean(parse_record(json.dumps(records[0]), "w"))
    analyse(warm)
    encoder.encode(["warm up"])
    times = dict.fromkeys(("read+clean", "analyse", "embed title+lead", "minhash"), 0.0)
    for record in records:
        t0 = time.perf_counter()
        cleaned = clean(parse_record(json.dumps(record), "r"))
        t1 = time.perf_counter()
        doc = analyse(cleaned)
        t2 = time.perf_counter()
        encoder.encode([lead_text(doc.clean_text, lead_chars)])
        t3 = time.perf_counter()
        text_signature(doc.clean_text, NUM_PERM, SEED)
        t4 = time.perf_counter()
        for name, spent in zip(times, (t1 - t0, t2 - t1, t3 - t2, t4 - t3), strict=True):
            times[name] += spent
    return {k: round(1000 * v / len(records), 1) for k, v in times.items()}


# -- story quality ---------------------------------------------------------------------------

def stories_child() -> dict[str, Any]:
    """All SemEval articles in one corpus; pairwise same-story scores on the labelled pairs."""
    from storydiff.corpus import Corpus

    articles = semeval_articles()
    records = [{"id": k, "text": t, "lang": lang} for k, (t, lang) in articles.items()]
    with tempfile.TemporaryDirectory() as tmp, Corpus(Path(tmp) / "store") as corpus:
        started = time.perf_counter()
        summary = corpus.add(records)
        seconds = time.perf_counter() - started
        story_of = _story_by_source(corpus, len(records))
        stats = corpus.stats()
    counts = {"tp": 0, "fp": 0, "fn": 0, "tn": 0, "missing": 0}
    for row in semeval_rows():
        first, second = row["pair_id"].split("_")
        if first not in story_of or second not in story_of:
            counts["missing"] += 1
            continue
        truth = float(row["Overall"]) <= 2
        predicted = story_of[first] == story_of[second]
        counts[("t" if truth == predicted else "f") + ("p" if predicted else "n")] += 1
    precision = counts["tp"] / max(1, counts["tp"] + counts["fp"])
    recall = counts["tp"] / max(1, counts["tp"] + counts["fn"])
    return {"articles": summary.added, "failed": summary.failed, "seconds": round(seconds, 1),
            "docs_per_s": round(summary.added / seconds, 2), "stories": stats["stories"],
            "largest_story": stats["largest_story"], **counts,
            "precision": round(precision, 4), "recall": round(recall, 4),
            "f1": round(2 * precision * recall / max(1e-9, precision + recall), 4)}


def _story_by_source(corpus: Any, n: int) -> dict[str, int]:
    """SemEval article id -> story id, through the records' labels ("<record N>")."""
    rows = corpus._store.query("SELECT source, story_id FROM articles")
    ids = list(semeval_articles())
    out = {}
    for source, story in rows:
        number = int(source.strip("<>").split()[-1])
        out[ids[number - 1]] = int(story)
    return out


# -- table -------------------------------------------------------------------------------------

def _table(rows: list[dict[str, Any]], columns: list[str]) -> str:
    """A Markdown table."""
    lines = ["| " + " | ".join(columns) + " |", "|" + "---|" * len(columns)]
    lines += ["| " + " | ".join(str(r.get(c, "")) for c in columns) + " |" for r in rows]
    return "\n".join(lines)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--dedup-sizes", type=int, nargs="*", default=[10_000, 100_000])
    parser.add_argument("--ingest-docs", type=int, nargs="*", default=[1000])
    parser.add_argument("--skip-stories", action="store_true")
    parser.add_argument("--child", nargs="+", help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.child:
        kind, *rest = args.child
        result = {"dedup": lambda: dedup_child(rest[0], int(rest[1])),
                  "dedup-cli": lambda: dedup_cli_child(int(rest[0])),
                  "ingest": lambda: ingest_child(int(rest[0])),
                  "stories": stories_child}[kind]()
        print(json.dumps(result))
        return
    report: dict[str, Any] = {"dedup": [], "ingest": [], "stories": None}
    for size in args.dedup_sizes:
        for method in ("storydiff", "datasketch"):
            report["dedup"].append(_in_child("dedup", method, str(size)))
            print(report["dedup"][-1], flush=True)
        report["dedup"].append(_in_child("dedup-cli", str(size)))
        print(report["dedup"][-1], flush=True)
    for size in args.ingest_docs:
        report["ingest"].append(_in_child("ingest", str(size)))
        print(report["ingest"][-1], flush=True)
    if not args.skip_stories:
        report["stories"] = _in_child("stories")
        print(report["stories"], flush=True)
    OUT.mkdir(exist_ok=True)
    (OUT / "corpus.json").write_text(json.dumps(report, indent=2) + "\n", encoding="utf-8")
    print("\n" + _table(report["dedup"], ["method", "docs", "seconds", "docs_per_s",
                                          "extra_peak_mb", "precision", "recall"]))
    if report["ingest"]:
        print("\nfull ingest\n" + _table(report["ingest"], [
            "docs", "seconds", "docs_per_s", "cpu_ms_per_doc", "peak_mb", "store_mb", "failed",
            "stories", "load_average"]))
    if report["stories"]:
        print("\nstories: " + json.dumps(report["stories"]))


if __name__ == "__main__":
    main()
