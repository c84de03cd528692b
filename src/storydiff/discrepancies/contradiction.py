"""Decides whether two aligned claims really disagree, behind ``ContradictionModel``.

The rules in ``discrepancies.find`` explain *what kind* of disagreement two claims show (a
number, a date, a name, a speaker, polarity); a ``ContradictionModel`` gives the probability that a
real disagreement exists.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from typing import Protocol

__all__ = ["ContradictionModel", "NLIProbabilities"]


@dataclass(frozen=True)
class NLIProbabilities:
    """Probabilities that ``b`` is entailed by, neutral to, or contradicts ``a``; they sum to 1."""

    entailment: float
    neutral: float
    contradiction: float


class ContradictionModel(Protocol):
    """Three-way natural-language-inference judgement for pairs of claims, in any language."""

    name: str

    def predict(self, pairs: Sequence[tuple[str, str]]) -> list[NLIProbabilities]:
        """One judgement per ``(premise, hypothesis)`` pair."""
        ...
