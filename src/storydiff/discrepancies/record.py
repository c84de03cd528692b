"""The ``Discrepancy`` record: a typed disagreement between two aligned claims."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Literal

from ..document import Span

__all__ = ["Discrepancy", "DiscrepancyType"]

DiscrepancyType = Literal["number", "date", "entity", "attribution", "quote", "polarity"]


@dataclass(frozen=True)
class Discrepancy:
    """``a`` and ``b`` are the disagreeing spans (offsets into each document's clean text);
    ``claim_a``/``claim_b`` the claim indices they come from; ``method`` names the rule or model
    that decided it (rule names end in ``_heuristic``)."""

    type: DiscrepancyType
    a: Span
    b: Span
    claim_a: int
    claim_b: int
    reason: str
    confidence: float
    method: str
