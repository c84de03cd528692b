"""Records for reused text and for the likely-source judgement."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Literal

from ..document import Span

__all__ = ["LikelySource", "ReusedPassage"]


@dataclass(frozen=True)
class ReusedPassage:
    """A passage found in both texts. ``kind`` is 'verbatim' (the same words in the same order)
    or 'near_verbatim' (light edits: a changed word, punctuation, case). ``overlap`` is the share
    of the passage's words found in the same order on the other side."""

    a: Span
    b: Span
    kind: Literal["verbatim", "near_verbatim"]
    words: int
    overlap: float


@dataclass(frozen=True)
class LikelySource:
    """Which side is more likely the original: 'a', 'b' or 'unknown', with a confidence in
    [0, 1] and the reasons, each one sentence a reader can check."""

    side: Literal["a", "b", "unknown"]
    confidence: float
    reasons: list[str] = field(default_factory=list)
