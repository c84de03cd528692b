"""Which scorer ``compare`` uses when none is given."""

from __future__ import annotations

from ..embed import Encoder
from ..settings import Settings
from .scorer import Scorer
from .trained import TrainedScorer, preload_story_encoder

__all__ = ["default_scorer"]


def default_scorer(encoder: Encoder, settings: Settings | None = None) -> Scorer:
    """The shipped trained scorer (``similarity/weights/scorer.npz``) on the given encoder,
    aligning the readings of a second story with ``settings`` (``stories.readings``).

    Raises:
        storydiff.ModelError: the weights file is missing or corrupt.
    """
    scorer = TrainedScorer(encoder, settings=settings)
    preload_story_encoder()  # its second encoder, in the background
    return scorer
