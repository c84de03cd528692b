"""Many-to-many, cross-lingual alignment of the claims of two documents."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Literal

__all__ = ["Alignment", "Link", "Relation"]

Relation = Literal["same_wording", "paraphrase", "partial"]


@dataclass(frozen=True)
class Link:
    """Claim ``a`` (index into ``doc_a.claims``) is linked to claim ``b`` of ``doc_b``.

    ``similarity`` is the calibrated semantic similarity in [0, 1]; ``lexical`` the word
    overlap in [0, 1] (same-language only; 0 across languages).
    """

    a: int
    b: int
    relation: Relation
    similarity: float
    lexical: float


@dataclass
class Alignment:
    """Links between the claims of two documents and the claims found on one side only.

    ``sim`` is the full calibrated claim-by-claim similarity matrix (shape len(a) × len(b)); the
    scorer and the report use it for coverage statistics.
    """

    links: list[Link] = field(default_factory=list)
    only_a: list[int] = field(default_factory=list)
    only_b: list[int] = field(default_factory=list)
    sim: list[list[float]] = field(default_factory=list)
