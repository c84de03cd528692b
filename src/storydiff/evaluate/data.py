"""Where the labelled data lives: the one place that works it out.

The evaluation commands, the benchmarks, the training scripts and the tests read files from
``../shared/data`` beside a source checkout (the README's layout). ``STORYDIFF_DATA`` names
another folder; an installed package without a checkout has no default and says so when a file
is missing.
"""

from __future__ import annotations

import csv
import os
import re
import sys
from pathlib import Path

import numpy as np

__all__ = ["DATA_ENV", "NLI_DEV", "SEMEVAL_TRAIN", "STS_MULTI", "data_dir", "data_file",
           "semeval_sentences"]

DATA_ENV = "STORYDIFF_DATA"
#: Paths of the files the project reads, relative to the data folder.
SEMEVAL_TRAIN = ("semeval2022-task8", "train.csv")
NLI_DEV = ("nli", "nli-dev.csv")
STS_MULTI = ("sts", "stsb-multi.csv")

_CHECKOUT = Path(__file__).resolve().parents[3]  # src/storydiff/evaluate/data.py → the repo


def data_dir() -> Path:
    """``$STORYDIFF_DATA``, else ``../shared/data`` beside the source checkout.

    Example:
        >>> data_dir().name
        'data'
    """
    override = os.environ.get(DATA_ENV)
    return Path(override) if override else _CHECKOUT.parent / "shared" / "data"


def data_file(*parts: str) -> Path:
    """A file under ``data_dir()``: ``data_file(*SEMEVAL_TRAIN)``."""
    return data_dir().joinpath(*parts)


_SENTENCE_END = re.compile(r"(?<=[.!?؟])\s+|(?<=[。！？])")


def semeval_sentences(per_language: int, path: Path | None = None) -> list[str]:
    """``per_language`` sentence-like pieces (20-400 characters, split after . ! ? and their
    CJK and Arabic forms) of each language of the SemEval-2022 Task 8 texts, evenly spread over
    the file, in a fixed order: real sentences for checks that compare two encoders.

    Raises:
        FileNotFoundError: the file is missing.
    """
    csv.field_size_limit(sys.maxsize)
    by_language: dict[str, list[str]] = {}
    with (path or data_file(*SEMEVAL_TRAIN)).open(encoding="utf-8", newline="") as fh:
        for row in csv.DictReader(fh):
            for lang, text in ((row["lang1"], row["text1"]), (row["lang2"], row["text2"])):
                parts = (part.strip() for part in _SENTENCE_END.split(text))
                by_language.setdefault(lang, []).extend(
                    part for part in parts if 20 <= len(part) <= 400)
    out: list[str] = []
    for lang in sorted(by_language):
        found = list(dict.fromkeys(by_language[lang]))
        picks = np.linspace(0, len(found) - 1, num=min(per_language, len(found))).astype(int)
        out.extend(found[i] for i in picks)
    return out
