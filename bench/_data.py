"""Benchmark inputs built from ../shared/data (read at run time, never copied into the repo)."""

from __future__ import annotations

import csv
import sys
from pathlib import Path

from storydiff.evaluate.data import SEMEVAL_TRAIN, data_dir, data_file

ROOT = Path(__file__).resolve().parents[1]
SHARED = data_dir()
SEMEVAL = data_file(*SEMEVAL_TRAIN)

csv.field_size_limit(sys.maxsize)


def semeval_rows(path: Path = SEMEVAL) -> list[dict[str, str]]:
    """Rows of a SemEval-2022 Task 8 CSV."""
    if not path.exists():
        sys.exit(f"benchmark data missing: {path} (the benchmarks need ../shared beside the repo)")
    with path.open(encoding="utf-8", newline="") as fh:
        return list(csv.DictReader(fh))


def article_pairs(n: int, words: int = 700, lang: str = "en") -> list[tuple[str, str]]:
    """``n`` pairs of ~``words``-word articles: each side joins the texts of consecutive
    same-language SemEval pairs (side A their text1, side B their text2), so both sides share
    stories the way a real pair does. SemEval texts are cut to ~256 tokens, hence the joining."""
    rows = [r for r in semeval_rows() if r["lang1"] == lang == r["lang2"]]
    pairs, i = [], 0
    while len(pairs) < n and i < len(rows):
        side_a, side_b = [], []
        while i < len(rows) and sum(len(t.split()) for t in side_a) < words:
            side_a.append(rows[i]["text1"])
            side_b.append(rows[i]["text2"])
            i += 1
        pairs.append(("\n\n".join(side_a), "\n\n".join(side_b)))
    return pairs
