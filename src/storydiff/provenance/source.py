"""Which of two documents is more likely the source of the other.

Four heuristic signals, each a vote for a side with a weight and one checkable sentence:

- publication dates: the earlier text is more likely the source (equal or missing: no vote);
- claim coverage: a copy is built from the source's claims, so the side whose claims are mostly
  found in the other (and clearly more so than the other way round) is more likely the copy;
- reused wording: the side whose words sit mostly inside passages shared with the other is more
  likely the copy (a rewrite lifts passages and adds little; the source holds more of its own);
- a shorter text whose claims are nearly all in the other is an excerpt, so the copy.

The votes add up; a weak total or votes that disagree give 'unknown'. The confidence is heuristic
(0.5 to 0.9, growing with the total and the agreement), not a calibrated probability.
"""

from __future__ import annotations

import math
from dataclasses import dataclass

from ..align.alignment import Alignment
from ..document import Document
from ..text import tokenize
from .evidence import LikelySource, ReusedPassage

__all__ = ["likely_source"]

#: Smallest net vote that decides a side.
_DECIDE = 0.4
#: Smallest share of the votes that must agree with the net direction.
_AGREEMENT = 0.6


@dataclass(frozen=True)
class _Signal:
    """A vote: +1 for 'a is the source', -1 for 'b', 0 for none; its weight and its sentence."""

    direction: int
    weight: float
    reason: str


def _date_signal(a: Document, b: Document) -> _Signal | None:
    """Earlier publication is more likely the source."""
    if a.published is None and b.published is None:
        return None
    if a.published is None or b.published is None:
        side, date, other = ("A", a.published, "B") if a.published else ("B", b.published, "A")
        return _Signal(0, 0.0, f"{side} was published on {date}; {other} has no date.")
    n = min(len(a.published), len(b.published))
    pa, pb = a.published[:n], b.published[:n]
    if pa == pb:
        return _Signal(0, 0.0, f"Both were published on {pa}.")
    direction = 1 if pa < pb else -1
    first, second = ("A", "B") if direction == 1 else ("B", "A")
    return _Signal(direction, 0.8, f"{first} was published on {min(pa, pb)}, "
                                   f"{second} later, on {max(pa, pb)}.")


def _coverage(doc_claims: int, linked: set[int]) -> float:
    """Share of a document's claims that have a partner."""
    return len(linked) / doc_claims if doc_claims else 0.0


def _coverage_signal(a: Document, b: Document, alignment: Alignment) -> _Signal | None:
    """The side whose claims are mostly found in the other is more likely the copy."""
    if not a.claims or not b.claims:
        return None
    cov_a = _coverage(len(a.claims), {link.a for link in alignment.links})
    cov_b = _coverage(len(b.claims), {link.b for link in alignment.links})
    diff = cov_b - cov_a
    if abs(diff) < 0.15 or max(cov_a, cov_b) < 0.5:
        return _Signal(0, 0.0, f"{cov_a:.0%} of A's claims match B and {cov_b:.0%} of B's "
                               "match A.")
    high, low, hi_side, lo_side = ((cov_b, cov_a, "B", "A") if diff > 0
                                   else (cov_a, cov_b, "A", "B"))
    return _Signal(1 if diff > 0 else -1, 0.8 * min(1.0, 2 * abs(diff)),
                   f"{high:.0%} of {hi_side}'s claims match {lo_side}, only {low:.0%} of "
                   f"{lo_side}'s match {hi_side}.")


def _reuse_signal(a: Document, b: Document, reuse: list[ReusedPassage]) -> _Signal | None:
    """The side made mostly of shared passages is more likely the copy."""
    if not reuse:
        return None
    words_a, words_b = len(tokenize(a.clean_text)), len(tokenize(b.clean_text))
    share_a = sum(len(tokenize(p.a.text)) for p in reuse) / max(1, words_a)
    share_b = sum(len(tokenize(p.b.text)) for p in reuse) / max(1, words_b)
    longest = max(p.words for p in reuse)
    diff = share_b - share_a
    facts = (f"{share_a:.0%} of A's words and {share_b:.0%} of B's sit in shared passages "
             f"(the longest runs {longest} words).")
    if abs(diff) < 0.15:
        return _Signal(0, 0.0, facts)
    return _Signal(1 if diff > 0 else -1, 0.6 * min(1.0, 2 * abs(diff)), facts)


def _subset_signal(a: Document, b: Document, alignment: Alignment) -> _Signal | None:
    """A shorter text whose claims are nearly all in the other is an excerpt of it."""
    if not a.claims or not b.claims:
        return None
    words_a, words_b = len(tokenize(a.clean_text)), len(tokenize(b.clean_text))
    cov_a = _coverage(len(a.claims), {link.a for link in alignment.links})
    cov_b = _coverage(len(b.claims), {link.b for link in alignment.links})
    if words_b < 0.8 * words_a and cov_b >= 0.8:
        return _Signal(1, 0.4, f"B is shorter ({words_b} vs {words_a} words) and "
                               f"{cov_b:.0%} of its claims are in A.")
    if words_a < 0.8 * words_b and cov_a >= 0.8:
        return _Signal(-1, 0.4, f"A is shorter ({words_a} vs {words_b} words) and "
                                f"{cov_a:.0%} of its claims are in B.")
    return None


def _verdict(signals: list[_Signal]) -> LikelySource:
    """Add the votes up into a side, a confidence and the reasons."""
    reasons = [s.reason for s in signals]
    net = sum(s.direction * s.weight for s in signals)
    total = sum(s.weight for s in signals if s.direction)
    agreement = abs(net) / total if total else 0.0
    if abs(net) < _DECIDE or agreement < _AGREEMENT:
        why = "The signals disagree." if total and agreement < _AGREEMENT else \
            "The signals are too weak to tell."
        return LikelySource("unknown", 0.0, [*reasons, why])
    confidence = 0.5 + 0.4 * math.tanh(abs(net)) * agreement
    return LikelySource("a" if net > 0 else "b", round(confidence, 4), reasons)


def likely_source(a: Document, b: Document, alignment: Alignment,
                  reuse: list[ReusedPassage]) -> LikelySource:
    """Judge which side is more likely the original, with reasons a reader can check.

    Args:
        a, b: the analysed documents (``published``, ``claims``, ``clean_text`` are read).
        alignment: the claim links between them.
        reuse: the passages ``find_reuse`` found.

    Returns:
        ``LikelySource``: side 'a', 'b' or 'unknown'; a heuristic confidence (0.0 for
        'unknown'); one sentence per signal, e.g. "62% of B's claims match A, only 35% of A's
        match B.". Texts that share neither claims nor passages give 'unknown'.

    Example:
        >>> likely_source(doc_a, doc_b, alignment, reuse).side  # doctest: +SKIP
        'a'
    """
    if not alignment.links and not reuse:
        return LikelySource("unknown", 0.0, ["The texts share no claims and no passages."])
    found = [_date_signal(a, b), _coverage_signal(a, b, alignment), _reuse_signal(a, b, reuse),
             _subset_signal(a, b, alignment)]
    return _verdict([s for s in found if s is not None])
