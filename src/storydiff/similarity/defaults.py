"""Which scorer ``compare`` uses when none is given."""

from __future__ import annotations

from ..embed import Encoder
from .scorer import Scorer
from .trained import TrainedScorer

__all__ = ["default_scorer"]


def default_scorer(encoder: Encoder) -> Scorer:
    """The shipped trained scorer (``similarity/weights/scorer.npz``) on the given encoder.

    Raises:
        storydiff.ModelError: the weights file is missing or corrupt.
    """
    return TrainedScorer(encoder)
