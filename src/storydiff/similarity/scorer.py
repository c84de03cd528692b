"""The ``Similarity`` verdict and the ``Scorer`` interface."""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING, Protocol

if TYPE_CHECKING:
    from ..align.alignment import Alignment
    from ..document import Document

__all__ = ["DIMENSIONS", "Scorer", "Similarity"]

#: SemEval-2022 Task 8 dimensions, on the task's scale: 1 = most similar … 4 = least similar.
DIMENSIONS = ("geography", "entities", "time", "narrative", "overall", "style", "tone")


@dataclass(frozen=True)
class Similarity:
    """A verdict: ``same_story`` is P(Overall ≤ 2); ``dimensions`` maps each of ``DIMENSIONS``
    to a score in [1, 4]; ``method`` names the scorer that produced it."""

    same_story: float
    dimensions: dict[str, float]
    method: str


class Scorer(Protocol):
    """Scores how alike two analysed documents are."""

    name: str

    def score(self, a: Document, b: Document, alignment: Alignment) -> Similarity:
        """Return the verdict for the pair (symmetric in ``a`` and ``b``)."""
        ...
