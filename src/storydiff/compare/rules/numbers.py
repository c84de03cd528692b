"""Number rule: the same quantity with a different value ("40 survivors" vs "12")."""

from __future__ import annotations

import re
from dataclasses import dataclass

from ...document import Claim, Document, Quantity, Span, within
from ..discrepancy import Discrepancy
from ..reuse import fold, tokenize
from ..rules_contradiction import (
    content_words,
    same_stem,
)
from .pair import ClaimPair

__all__ = ["number_heuristic"]


_LOWER = re.compile(r"\b(?:at least|more than|over|above|au moins|plus de|mindestens|mehr als|"
                    r"uber|al menos|mas de|almeno|oltre|pelo menos|mais de|minstens|meer dan)\s*$")
_UPPER = re.compile(r"\b(?:at most|up to|fewer than|less than|under|below|au plus|moins de|"
                    r"jusqu'a|hochstens|weniger als|bis zu|como maximo|menos de|hasta|"
                    r"al massimo|meno di|fino a|no maximo|hoogstens|minder dan)\s*$")
_NOT_CONTEXT = frozenset({"least", "more", "than", "about", "around", "approximately", "nearly",
                          "almost", "moins", "plus", "environ", "mindestens", "etwa", "menos"})


def _bound(doc: Document, q: Quantity) -> int:
    """+1 for "at least N", -1 for "at most N", 0 for a plain number."""
    before = fold(doc.clean_text[max(0, q.start - 16):q.start])
    return 1 if _LOWER.search(before) else -1 if _UPPER.search(before) else 0


def _values_differ(pair: ClaimPair, qa: Quantity, qb: Quantity) -> bool:
    """Whether two quantities of the same thing disagree, given bounds and approximations."""
    if qa.value == qb.value:
        return False
    low, high = (qa, qb) if qa.value < qb.value else (qb, qa)
    doc_low, doc_high = (pair.a, pair.b) if low is qa else (pair.b, pair.a)
    if _bound(doc_low, low) > 0 or _bound(doc_high, high) < 0:
        return False  # "at least 40" allows 45; "up to 50" allows 45
    if _vague(qa) or _vague(qb):
        return high.value > 3 * low.value  # "dozens" (24) fits 40, not 400
    if qa.approximate or qb.approximate:
        return high.value - low.value > 0.25 * abs(high.value)
    return True


def _vague(q: Quantity) -> bool:
    """An amount in words only ("dozens", "des centaines"): an order of magnitude."""
    return q.approximate and not any(ch.isdigit() for ch in q.text)


def _context(doc: Document, claim: Claim, q: Quantity) -> set[str]:
    """Content words within six words of a quantity, inside its claim."""
    words = tokenize(doc.clean_text[claim.start:claim.end])
    inside = [i for i, w in enumerate(words) if claim.start + w.start < q.end
              and claim.start + w.end > q.start]
    if not inside:
        return set()
    lo, hi = max(0, inside[0] - 6), min(len(words), inside[-1] + 7)
    window = {w.norm for w in words[lo:inside[0]] + words[inside[-1] + 1:hi]}
    counted = fold(q.counted) if q.counted else None
    return {w for w in window & content_words(doc.clean_text[claim.start:claim.end])
            if w not in _NOT_CONTEXT and not w.isdigit()
            and not (counted and same_stem(w, counted))}


@dataclass(frozen=True)
class _Counted:
    """A quantity of a claim with what it counts and the words around it."""

    q: Quantity
    context: set[str]


def _anchored(x: Quantity, y: Quantity) -> bool | None:
    """True when counted noun or unit match, None when they clash, False when absent."""
    if x.counted and y.counted and not same_stem(fold(x.counted), fold(y.counted)):
        return None
    if x.unit and y.unit and fold(x.unit) != fold(y.unit):
        return None
    return bool(x.counted and y.counted) or bool(x.unit and y.unit)


def _same_thing(pair: ClaimPair, x: _Counted, y: _Counted) -> bool:
    """Whether two quantities count the same thing (see ``number_heuristic``)."""
    anchored = _anchored(x.q, y.q)
    if anchored is None:
        return False
    if not pair.same_language:
        return anchored
    shared = len(x.context & y.context)
    if anchored:
        return shared >= 1 or not x.context or not y.context or pair.link.lexical >= 0.5
    return shared >= 2


def _counted(doc: Document, claim: Claim) -> list[_Counted]:
    """The quantities of a claim that are not part of a date ("2017")."""
    dates = within(doc.dates, claim.start, claim.end)
    return [_Counted(q, _context(doc, claim, q)) for q in within(doc.quantities, claim.start,
                                                                   claim.end)
            if not any(d.start < q.end and q.start < d.end for d in dates)]


def _number_span(doc: Document, claim: Claim, q: Quantity) -> Span:
    """The number plus its counted noun when the noun follows within the claim."""
    if q.counted and fold(q.counted) not in fold(q.text):
        tail = doc.clean_text[q.end:min(claim.end, q.end + 40)]
        m = re.search(rf"\b{re.escape(q.counted)}\b", tail, re.IGNORECASE)
        if m:
            return doc.span(q.start, q.end + m.end())
    return doc.span(q.start, q.end)


def _number_confidence(pair: ClaimPair, x: _Counted, y: _Counted) -> float:
    """Heuristic confidence of a number mismatch."""
    shared = min(1.0, len(x.context & y.context) / 2)
    anchored = 1.0 if _anchored(x.q, y.q) else 0.0
    approximate = 0.1 if x.q.approximate or y.q.approximate else 0.0
    return 0.45 + 0.2 * anchored + 0.15 * shared + 0.2 * pair.link.similarity - approximate


def _agreed(pair: ClaimPair, x: _Counted, others: list[_Counted], x_in_a: bool) -> bool:
    """Whether some quantity of the other claim counts the same thing with an agreeing value."""
    for y in others:
        qa, qb = (x, y) if x_in_a else (y, x)
        if _same_thing(pair, qa, qb) and not _values_differ(pair, qa.q, qb.q):
            return True
    return False


def number_heuristic(pair: ClaimPair) -> list[Discrepancy]:
    """Two quantities that count the same thing with different values → "number".

    Quantities count the same thing when their counted nouns (or units) match and, within one
    language, the words around them overlap; a clash of counted nouns or units rules a pair out.
    "about 40" agrees with "42", "at least 100" with "120". Symmetric in ``a`` and ``b``.
    """
    qa_all = _counted(pair.a, pair.claim_a)
    qb_all = _counted(pair.b, pair.claim_b)
    open_a = [x for x in qa_all if not _agreed(pair, x, qb_all, True)]
    open_b = [y for y in qb_all if not _agreed(pair, y, qa_all, False)]
    found = []
    for x in open_a:
        for y in open_b:
            if _same_thing(pair, x, y) and _values_differ(pair, x.q, y.q):
                sa = _number_span(pair.a, pair.claim_a, x.q)
                sb = _number_span(pair.b, pair.claim_b, y.q)
                found.append(pair.found("number", sa, sb, f"A says {sa.text}, B says {sb.text}",
                                        _number_confidence(pair, x, y), "number_heuristic"))
    return found
