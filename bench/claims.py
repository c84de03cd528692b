"""Discrepancy rules on the edit suite: the release (git HEAD) beside this checkout, in one run.

Usage: ``python bench/claims.py [--per-kind 10] [--benign 8] [--seed 0] [--release HEAD]
[--no-release] [--examples 0] [--languages en de …]``

The edit suite (``storydiff.evaluate.edits``): real SemEval-2022 Task 8 articles from ../shared
(en, de, es, fr, it, pl, ru, tr, ar; ``--languages zh`` draws Chinese articles, for the kinds
its word lists allow: dates, weekdays, counts, percentages, years, names), each A against B = A
with ONE edit in one sentence (numbers, dates, negations, opposite predicates, swapped names,
quotes), benign edits that must raise nothing (reordered or deleted sentences, synonyms, tense,
boilerplate lines) and identical pairs. Every pair goes through the real pipeline as two texts
(``storydiff.Comparer().compare(a, b)``: read, clean, analyse, align, discrepancies), once with
the release's code and once with this checkout's, each in its own process
(``bench/_edit_worker.py``; the release's ``src`` is extracted with ``git archive`` into a
temporary folder, git's state is left alone). Both are judged by this checkout's
``evaluate.edits.judge``.

Prints, per edit kind and per language: recall (a finding of a fitting type with spans inside
the edited sentence on both sides), findings per pair outside the edited sentence, findings
per benign pair, findings on identical pairs. Goals (issue #12): recall >= 0.9 per kind,
<= 0.1 findings per pair outside edits and on benign pairs, 0 on identical pairs. Writes
bench/out/claims_edits.json (figures only) and caches the release's findings in bench/out.
"""

from __future__ import annotations

import argparse
import hashlib
import json
import os
import subprocess
import sys
import tarfile
import tempfile
import time
from collections.abc import Sequence
from dataclasses import asdict
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "bench"))

from _data import SEMEVAL  # noqa: E402

from storydiff.evaluate._edit_lexicon import LANGUAGES, MORE_LANGUAGES  # noqa: E402
from storydiff.evaluate.edits import (  # noqa: E402
    BENIGN_KINDS,
    EDIT_KINDS,
    EditCase,
    Found,
    Outcome,
    Summary,
    build_edit_suite,
    judge,
    summarise,
)
from storydiff.evaluate.invariants import semeval_articles  # noqa: E402
from storydiff.evaluate.semeval import load_semeval  # noqa: E402

OUT = ROOT / "bench" / "out"
WORKER = ROOT / "bench" / "_edit_worker.py"
GOALS = {"recall": 0.9, "outside_per_pair": 0.1, "benign_per_pair": 0.1, "identical": 0.0}
SIDES = ("release", "this checkout")


def suite(per_kind: int, benign: int, seed: int,
          languages: Sequence[str] = LANGUAGES) -> list[EditCase]:
    """The edit cases, from the SemEval articles in ../shared."""
    if not SEMEVAL.exists():
        sys.exit(f"benchmark data missing: {SEMEVAL}")
    articles = semeval_articles(load_semeval(SEMEVAL))
    return build_edit_suite(articles, per_kind=per_kind, benign_per_kind=benign, seed=seed,
                            languages=languages)


def release_src(ref: str, into: Path) -> tuple[Path, str]:
    """The release's ``src`` folder, extracted from git (``git archive``), and its commit."""
    commit = subprocess.run(["git", "rev-parse", ref], cwd=ROOT, check=True, capture_output=True,
                            text=True).stdout.strip()
    archive = into / "release.tar"
    with archive.open("wb") as fh:
        subprocess.run(["git", "archive", "--format=tar", commit, "src"], cwd=ROOT, check=True,
                       stdout=fh)
    with tarfile.open(archive) as tar:
        tar.extractall(into, filter="data")
    return into / "src", commit


def start_worker(src: Path, pairs: Path, out: Path) -> subprocess.Popen[bytes]:
    """A worker process comparing every pair with the code in ``src``."""
    env = {**os.environ, "OMP_NUM_THREADS": "1", "PYTHONPATH": str(src)}
    return subprocess.Popen([sys.executable, str(WORKER), "--src", str(src), "--pairs",
                             str(pairs), "--out", str(out)], env=env)


def digest(cases: Sequence[EditCase]) -> str:
    """A short hash of the suite's texts (names the release cache)."""
    h = hashlib.sha1()
    for c in cases:
        h.update(c.a.encode())
        h.update(c.b.encode())
    return h.hexdigest()[:12]


def run_sides(cases: Sequence[EditCase], ref: str | None) -> dict[str, dict[str, Any]]:
    """Findings of the release and of this checkout, the two workers running side by side."""
    results: dict[str, dict[str, Any]] = {}
    with tempfile.TemporaryDirectory(prefix="storydiff-claims-") as tmp:
        folder = Path(tmp)
        pairs = folder / "pairs.json"
        pairs.write_text(json.dumps([[c.a, c.b] for c in cases], ensure_ascii=False))
        jobs = {SIDES[1]: (ROOT / "src", folder / "new.json", None)}
        if ref is not None:
            src, commit = release_src(ref, folder)
            cache = OUT / f"claims_edits_release_{commit[:10]}_{digest(cases)}.json"
            jobs[SIDES[0]] = (src, folder / "old.json", cache)
        running = {}
        for side, (src, out, cache) in jobs.items():
            if cache is not None and cache.exists():
                results[side] = json.loads(cache.read_text())
            else:
                running[side] = (start_worker(src, pairs, out), out, cache)
        for side, (proc, out, cache) in running.items():
            if proc.wait() != 0:
                sys.exit(f"the {side} worker failed")
            results[side] = json.loads(out.read_text())
            if cache is not None:
                cache.write_text(out.read_text())
    return results


def outcomes(cases: Sequence[EditCase], result: dict[str, Any]) -> list[Outcome]:
    """Every case judged from a worker's findings."""
    judged = []
    for case, res in zip(cases, result["results"], strict=True):
        found = [Found(f[0], f[1], f[2], f[3], f[4]) for f in res["findings"]]
        judged.append(judge(case, found, res["clean_a"], res["clean_b"]))
    return judged


def _fmt(value: float, digits: int = 2) -> str:
    """A figure, or a dash when undefined."""
    return "–" if value != value else f"{value:.{digits}f}"


def _row(name: str, sums: Sequence[Summary], benign: bool) -> str:
    """One table row: each side's recall (or findings per pair) and findings outside edits."""
    cells = [name, str(sums[-1].pairs)]
    for s in sums:
        cells += ([_fmt(s.outside_per_pair)] if benign else
                  [_fmt(s.recall), _fmt(s.outside_per_pair), _fmt(s.wrong_type_per_pair)])
    return "| " + " | ".join(cells) + " |"


def print_table(title: str, by_side: dict[str, dict[str, Summary]], benign: bool) -> None:
    """A Markdown table: one row per group, the sides side by side."""
    sides = list(by_side)
    head = ["findings/pair"] if benign else ["recall", "outside/pair", "wrong type/pair"]
    print(f"\n{title}\n")
    print("| group | pairs | " + " | ".join(f"{h} ({s})" for s in sides for h in head) + " |")
    print("|---|---|" + "---|" * (len(head) * len(sides)))
    for name in by_side[sides[-1]]:
        print(_row(name, [by_side[s][name] for s in sides], benign))


def tables(judged: dict[str, list[Outcome]]) -> dict[str, Any]:
    """Print every table; return the figures."""
    edits = {s: [o for o in os_ if o.kind in EDIT_KINDS] for s, os_ in judged.items()}
    benign = {s: [o for o in os_ if o.kind in BENIGN_KINDS] for s, os_ in judged.items()}
    views = {
        "per edit kind": (edits, lambda o: o.kind, False),
        "per edit family": (edits, lambda o: o.kind.split(".")[0], False),
        "edits per language": (edits, lambda o: o.language, False),
        "benign and identical pairs per kind": (benign, lambda o: o.kind, True),
        "benign and identical pairs per language": (benign, lambda o: o.language, True),
        "all edits": (edits, lambda o: "all", False),
        "all benign (identical apart)": (
            {s: [o for o in v if o.kind != "identical"] for s, v in benign.items()},
            lambda o: "all", True),
    }
    figures: dict[str, Any] = {}
    for title, (groups, key, is_benign) in views.items():
        by_side = {s: summarise(v, key) for s, v in groups.items()}
        print_table(title, by_side, is_benign)
        figures[title] = {s: {k: asdict(v) for k, v in d.items()} for s, d in by_side.items()}
    return figures


def examples(cases: Sequence[EditCase], result: dict[str, Any], judged: Sequence[Outcome],
             limit: int) -> None:
    """Print the misses and the findings outside edits, for reading."""
    shown = 0
    for case, res, o in zip(cases, result["results"], judged, strict=True):
        if shown >= limit or (o.detected is not False and not o.outside):
            continue
        shown += 1
        print(f"\n[{case.kind} {case.language}] detected={o.detected} outside={o.outside}")
        print(f"  A: {case.sentence_a}\n  B: {case.sentence_b}")
        for f in res["findings"]:
            print(f"  - {f[0]} {f[5]!r} <> {f[6]!r} ({f[8]:.2f}) {f[7]}")


def main(argv: list[str] | None = None) -> None:
    """Build the suite, run both sides, print the tables, write the figures."""
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--per-kind", type=int, default=10)
    parser.add_argument("--benign", type=int, default=8)
    parser.add_argument("--seed", type=int, default=0)
    parser.add_argument("--release", default="HEAD", help="git ref of the release to compare")
    parser.add_argument("--no-release", action="store_true", help="run this checkout only")
    parser.add_argument("--examples", type=int, default=0, help="print this many misses")
    parser.add_argument("--languages", nargs="+", default=list(LANGUAGES),
                        choices=[*LANGUAGES, *MORE_LANGUAGES],
                        help="languages drawn from, in turn (default: the suite's nine; zh "
                             "has dates, weekdays, counts, percentages and years only)")
    args = parser.parse_args(argv)
    started = time.perf_counter()
    cases = suite(args.per_kind, args.benign, args.seed, args.languages)
    print(f"{len(cases)} pairs ({len(EDIT_KINDS)} edit kinds, {len(BENIGN_KINDS)} benign kinds)")
    results = run_sides(cases, None if args.no_release else args.release)
    judged = {side: outcomes(cases, results[side]) for side in SIDES if side in results}
    figures = tables(judged)
    if args.examples:
        examples(cases, results[SIDES[1]], judged[SIDES[1]], args.examples)
    seconds = {side: round(res["seconds"], 1) for side, res in results.items()}
    print(f"\nworker seconds: {seconds}; total {time.perf_counter() - started:.0f} s")
    OUT.mkdir(exist_ok=True)
    (OUT / "claims_edits.json").write_text(json.dumps(
        {"pairs": len(cases), "seed": args.seed, "goals": GOALS, "figures": figures,
         "seconds": seconds}, indent=1))


if __name__ == "__main__":
    main()
