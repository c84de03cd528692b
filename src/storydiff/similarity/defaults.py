"""Which scorer ``compare`` uses when none is given."""

from __future__ import annotations

from ..embed import Encoder
from .heuristic import HeuristicScorer
from .scorer import Scorer

__all__ = ["default_scorer"]


def default_scorer(encoder: Encoder) -> Scorer:
    """The shipped scorer for the given encoder."""
    del encoder  # the heuristic needs no encoder; the trained scorer will
    return HeuristicScorer()
