"""Where the labelled data lives: the one place that works it out.

The evaluation commands, the benchmarks, the training scripts and the tests read files from
``../shared/data`` beside a source checkout (the README's layout). ``STORYDIFF_DATA`` names
another folder; an installed package without a checkout has no default and says so when a file
is missing.
"""

from __future__ import annotations

import os
from pathlib import Path

__all__ = ["DATA_ENV", "NLI_DEV", "SEMEVAL_TRAIN", "STS_MULTI", "data_dir", "data_file"]

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
