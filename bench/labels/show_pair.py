"""Print SemEval pairs sentence by sentence with offsets into the *raw* CSV texts, for labelling.

Usage: ``python bench/labels/show_pair.py PAIR_ID [PAIR_ID ...] [--data CSV]``

Each raw text (exactly the ``text1``/``text2`` string ``load_semeval`` returns) is cut at its
first double space (title | body, as the task's crawler joined them), each part is split with
the project's ``split_sentences``, and every sentence is printed as ``A3 [start,end) text`` with
offsets into the raw text. The texts are only printed, never stored: labels keep offsets only
(see GUIDE.md).
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

from storydiff.analyse import split_sentences
from storydiff.evaluate.data import SEMEVAL_TRAIN, data_file
from storydiff.evaluate.semeval import SemevalPair, load_semeval

DATA = data_file(*SEMEVAL_TRAIN)


def raw_sentences(text: str, language: str) -> list[tuple[int, int]]:
    """Sentence spans ``[start, end)`` of a raw task text (title split off at the first double
    space), trimmed of white space, in text order."""
    cut = text.find("  ", len(text) - len(text.lstrip()))
    parts = [(0, cut), (cut, len(text))] if cut > 0 else [(0, len(text))]
    spans: list[tuple[int, int]] = []
    for start, end in parts:
        for s in split_sentences(text[start:end], language):
            spans.append((start + s.start, start + s.end))
    return spans


def show(pair: SemevalPair) -> None:
    """Print one pair."""
    print(f"=== {pair.pair_id} {pair.lang_pair} overall={pair.labels['overall']:.2f}")
    for side, text, lang in (("A", pair.text1, pair.lang1), ("B", pair.text2, pair.lang2)):
        print(f"--- {side} ({lang}, {len(text)} chars)")
        for i, (s, e) in enumerate(raw_sentences(text, lang)):
            print(f"{side}{i} [{s},{e}) {text[s:e]}")
    print()


def main(argv: list[str] | None = None) -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("pair_ids", nargs="+")
    parser.add_argument("--data", type=Path, default=DATA)
    args = parser.parse_args(argv)
    pairs = {p.pair_id: p for p in load_semeval(args.data)}
    for pid in args.pair_ids:
        if pid not in pairs:
            sys.exit(f"no pair {pid} in {args.data}")
        show(pairs[pid])


if __name__ == "__main__":
    main()
