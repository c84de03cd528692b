"""Time and memory of the pipeline on hostile input shapes (see bench/README.md, "hostile.py").

    python bench/hostile.py [--sizes 100000 1000000 2000000] [--shapes prose ...] [--no-compare]
                            [--timeout 120] [--profile SHAPE SIZE]

Each measurement runs ``storydiff.prepare`` (read, clean, analyse) on one generated text in a
fresh interpreter (``OMP_NUM_THREADS=1``), so its peak memory (``resource.getrusage`` maxrss) is
its own; at the smallest size a full ``compare`` of the text against a slightly changed copy is
timed too. The limits that stop huge inputs early (``max_claims``, ``time_budget_s``) are lifted
for the ``prepare`` rows, so they measure the work itself; the ``default`` column says what the
default settings do with the same input (the typed error they raise, or "ok").

``--profile SHAPE SIZE`` runs cProfile on one prepare and prints the 25 costliest functions.
Writes bench/out/hostile.json (``--out`` names another file) and prints a table with the
growth from 1 MB to 2 MB. Run it on an older checkout with ``PYTHONPATH=<old>/src`` for the
"before" figures (the limits an old checkout lacks are simply not set).
"""

from __future__ import annotations

import argparse
import json
import os
import random
import subprocess
import sys
import time
from collections.abc import Callable
from pathlib import Path
from typing import Any

OUT = Path(__file__).resolve().parent / "out"
SEED = 7

_NAMES = ["Riverton", "Helen Okafor", "Daniel Brandt", "the council", "Anna Lewis", "Marlow",
          "the ministry", "Eastfield", "Dr. Jones", "St. Clair", "the U.S. agency"]
_VERBS = ["said", "reported", "announced", "denied", "confirmed", "warned", "added"]
_NOUNS = ["residents", "homes", "workers", "schools", "bridges", "votes", "tonnes", "patients"]
_MONTHS = ["Jan.", "March", "Sept.", "May", "October", "Dec."]
_FILLER = ["after a long meeting", "despite the rain", "in the old town", "on the east bank",
           "according to a statement", "for the third time", "without further notice"]


def _prose_sentence(rng: random.Random) -> str:
    """One generated news-like sentence: names, numbers, dates, sometimes a quote."""
    who, verb = rng.choice(_NAMES), rng.choice(_VERBS)
    count, noun = rng.randint(2, 9000), rng.choice(_NOUNS)
    when = f"on {rng.choice(_MONTHS)} {rng.randint(1, 28)}, {rng.randint(1990, 2024)}"
    filler = rng.choice(_FILLER)
    forms = [
        f"{who.capitalize()} {verb} that {count:,} {noun} were moved {when} {filler}.",
        f'"We moved {count} {noun} {filler}," {who} {verb} {when}.',
        f"{who.capitalize()} {verb} {count} {noun} {filler}; the rest stayed {when}.",
    ]
    return rng.choice(forms)


def _fill(size: int, piece: Callable[[random.Random], str], sep: str) -> str:
    """Join generated pieces with ``sep`` until the text holds ``size`` characters."""
    rng = random.Random(SEED)
    parts: list[str] = []
    total = 0
    while total < size:
        part = piece(rng)
        parts.append(part)
        total += len(part) + len(sep)
    return sep.join(parts)[:size]


def _letters(rng: random.Random) -> str:
    return "".join(rng.choice("abcdefghijklmnopqrstuvwxyz") for _ in range(63)) + rng.choice(".,")


def _cjk(rng: random.Random) -> str:
    return "".join(chr(rng.randint(0x4E00, 0x9FA5)) for _ in range(30)) + rng.choice("。，")


def _range_sentence(rng: random.Random) -> str:
    """A sentence of eight ranges of figures ("12-17 Leute", "300–340 homes"), the shape that
    once made range reading and the number rule's neighbour search quadratic."""
    noun = rng.choice(["Leute", "homes", "personnes", "osób", *_NOUNS])
    dash = rng.choice("-–")
    figures = ", ".join(f"{low}{dash}{low + rng.randint(1, 9)} {noun}"
                        for low in (rng.randint(2, 900) for _ in range(8)))
    return f"{rng.choice(_NAMES).capitalize()} {rng.choice(_VERBS)} {figures}."


def _short_word(rng: random.Random) -> str:
    return rng.choice(["ab", "Cd", "ef.", "Gh", "x", "ok", "No."])


SHAPES: dict[str, Callable[[int], str]] = {
    "prose_one_line": lambda n: _fill(n, _prose_sentence, " "),
    "prose_paragraphs": lambda n: _fill(n, lambda r: " ".join(
        _prose_sentence(r) for _ in range(5)), "\n\n"),
    "ranges": lambda n: _fill(n, _range_sentence, " "),
    "short_lines": lambda n: _fill(n, _short_word, "\n"),
    "no_spaces": lambda n: _fill(n - 1, _letters, "") + ".",
    "cjk_no_spaces": lambda n: _fill(n // 3, _cjk, ""),
    "word_repeated": lambda n: ("word " * (n // 5 + 1))[:n],
    "a_b_lines": lambda n: ("a b\n" * (n // 4 + 1))[:n],
    "dots": lambda n: ("a. " * (n // 3 + 1))[:n],
    "nested_html": lambda n: (lambda depth: "<html><body>" + "<div>" * depth
                              + "<p>" + _fill(n // 2, _prose_sentence, " ") + "</p>"
                              + "</div>" * depth + "</body></html>")(n // 22),
}
"""Each hostile shape: a function from a size in characters to the text."""

_CHILD = r"""
import dataclasses, json, os, resource, sys, time
shape, size, mode, path = sys.argv[1], int(sys.argv[2]), sys.argv[3], sys.argv[4]
sys.path.insert(0, os.path.dirname(path))
import storydiff
from storydiff import Settings
from hostile import SHAPES
text = SHAPES[shape](size)
kind = "html" if shape.endswith("html") else "text"
known = {f.name for f in dataclasses.fields(Settings)}  # older checkouts lack the new limits
lifted = {"max_claims": 10**9, "time_budget_s": None, "max_text_bytes": 4 * size + 10}
unlimited = Settings(**{k: v for k, v in lifted.items() if k in known})
result = {"shape": shape, "size": size, "mode": mode}
t0 = time.perf_counter()
try:
    if mode == "prepare":
        doc = storydiff.prepare(text, settings=unlimited)
        result.update(claims=len(doc.claims), sentences=len(doc.sentences),
                      longest_claim=max((len(c.text) for c in doc.claims), default=0))
    elif mode == "default":
        doc = storydiff.prepare(text, settings=Settings(max_text_bytes=4 * size + 10))
        result.update(claims=len(doc.claims))
    else:
        other = text.replace("7", "8", 3)
        report = storydiff.compare(text, other, settings=Settings(max_text_bytes=4 * size + 10))
        result.update(claims=len(report.a.claims))
    result["outcome"] = "ok"
except storydiff.StorydiffError as exc:
    result["outcome"] = type(exc).__name__
result["seconds"] = round(time.perf_counter() - t0, 3)
result["peak_mb"] = round(resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024, 1)
print(json.dumps(result))
"""


def measure(shape: str, size: int, mode: str, timeout: float) -> dict[str, Any]:
    """One measurement in a fresh interpreter; a run past ``timeout`` is reported as such."""
    env = {**os.environ, "OMP_NUM_THREADS": "1", "TOKENIZERS_PARALLELISM": "false"}
    command = [sys.executable, "-c", _CHILD, shape, str(size), mode, str(Path(__file__).resolve())]
    try:
        done = subprocess.run(command, capture_output=True, text=True, timeout=timeout, env=env,
                              check=False)
    except subprocess.TimeoutExpired:
        return {"shape": shape, "size": size, "mode": mode, "outcome": f">{timeout:.0f} s",
                "seconds": None, "peak_mb": None}
    lines = [ln for ln in done.stdout.splitlines() if ln.startswith("{")]
    if not lines:
        tail = done.stderr.strip().splitlines()[-1:] or ["no output"]
        return {"shape": shape, "size": size, "mode": mode, "outcome": f"crash: {tail[0]}",
                "seconds": None, "peak_mb": None}
    return dict(json.loads(lines[-1]))


def profile(shape: str, size: int) -> None:
    """cProfile of one prepare of ``shape`` at ``size`` characters (limits lifted)."""
    import cProfile
    import pstats

    import storydiff
    from storydiff import Settings

    text = SHAPES[shape](size)
    unlimited = Settings(max_claims=10**9, time_budget_s=None, max_text_bytes=4 * size + 10)
    profiler = cProfile.Profile()
    profiler.enable()
    storydiff.prepare(text, settings=unlimited)
    profiler.disable()
    pstats.Stats(profiler).sort_stats("cumulative").print_stats(25)


def _cell(row: dict[str, Any] | None) -> str:
    """'1.23 s / 210 MB', or the outcome when the run did not finish."""
    if row is None:
        return "-"
    if row.get("seconds") is None:
        return str(row["outcome"])
    text = f"{row['seconds']:.2f} s / {row['peak_mb']:.0f} MB"
    return text if row["outcome"] == "ok" else f"{text} ({row['outcome']})"


def table(rows: list[dict[str, Any]], sizes: list[int]) -> str:
    """The Markdown table: prepare per size, growth between the two largest, compare, default."""
    by = {(r["shape"], r["size"], r["mode"]): r for r in rows}
    shapes = list(dict.fromkeys(r["shape"] for r in rows))
    head = [f"prepare {s // 1000:,} KB" for s in sizes]
    lines = ["| shape | " + " | ".join(head) + " | growth | claims (largest) | longest claim "
             f"| compare {sizes[0] // 1000} KB | defaults, largest |",
             "|---" * (len(sizes) + 6) + "|"]
    for shape in shapes:
        cells = [_cell(by.get((shape, s, "prepare"))) for s in sizes]
        growth = "-"  # also with one size: no growth to tell
        if len(sizes) > 1:
            big, bigger = (by.get((shape, s, "prepare")) for s in sizes[-2:])
            if big and bigger and big.get("seconds") and bigger.get("seconds"):
                growth = f"{bigger['seconds'] / max(big['seconds'], 1e-3):.2f}×"
        largest = by.get((shape, sizes[-1], "prepare")) or {}
        lines.append(f"| {shape} | " + " | ".join(cells) + f" | {growth} "
                     f"| {largest.get('claims', '-')} | {largest.get('longest_claim', '-')} "
                     f"| {_cell(by.get((shape, sizes[0], 'compare')))} "
                     f"| {_cell(by.get((shape, sizes[-1], 'default')))} |")
    return "\n".join(lines)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--sizes", type=int, nargs="+", default=[100_000, 1_000_000, 2_000_000])
    parser.add_argument("--shapes", nargs="+", default=list(SHAPES))
    parser.add_argument("--no-compare", action="store_true")
    parser.add_argument("--timeout", type=float, default=120.0)
    parser.add_argument("--profile", nargs=2, metavar=("SHAPE", "SIZE"))
    parser.add_argument("--modes", nargs="+", default=["prepare", "default", "compare"])
    parser.add_argument("--out", type=Path, default=OUT / "hostile.json")
    args = parser.parse_args()
    if args.profile:
        profile(args.profile[0], int(args.profile[1]))
        return
    modes = [m for m in args.modes if m != "compare" or not args.no_compare]
    rows: list[dict[str, Any]] = []
    for shape in args.shapes:
        runs = [(size, "prepare") for size in args.sizes if "prepare" in modes]
        runs += [(args.sizes[-1], "default")] if "default" in modes else []
        runs += [(args.sizes[0], "compare")] if "compare" in modes else []
        for size, mode in runs:
            rows.append(measure(shape, size, mode, args.timeout))
            print(json.dumps(rows[-1]), flush=True)
    args.out.parent.mkdir(exist_ok=True)
    args.out.write_text(json.dumps(rows, indent=1), encoding="utf-8")
    print(table(rows, args.sizes))


if __name__ == "__main__":
    start = time.perf_counter()
    main()
    print(f"({time.perf_counter() - start:.0f} s)", file=sys.stderr)
