"""Date rule: the same event given a different date."""

from __future__ import annotations

from ...document import Claim, DateMention, Document, within
from ..discrepancy import Discrepancy
from ..reuse import fold
from .pair import ClaimPair

__all__ = ["date_heuristic"]


_PRECISION = {4: 4, 7: 7, 10: 10}


def _dates_agree(x: str, y: str) -> bool:
    """Whether two ISO dates agree at their shared precision ('2017-05' vs '2017-05-19')."""
    n = min(_PRECISION.get(len(x), 10), _PRECISION.get(len(y), 10))
    return x[:n] == y[:n]


def _resolved(doc: Document, claim: Claim) -> list[DateMention]:
    """The claim's dates that resolved to a value, in order."""
    return sorted((d for d in within(doc.dates, claim.start, claim.end) if d.value),
                  key=lambda d: d.start)


def _date_confidence(pair: ClaimPair, x: DateMention, y: DateMention) -> float:
    """Heuristic confidence of a date mismatch: lower for relative dates."""
    relative = x.granularity == "relative" or y.granularity == "relative"
    return 0.5 + 0.3 * pair.link.similarity + (0.0 if relative else 0.15)


def date_heuristic(pair: ClaimPair) -> list[Discrepancy]:
    """Resolved dates of the two claims that differ at their shared precision → "date".

    Dates agreeing with some date of the other claim are set aside; the rest pair up in order
    when both claims have the same number left. The same relative words on both sides ("last
    month") are skipped: they differ only through the publication dates. Only strong links
    (similarity at or above the paraphrase threshold) count: two dates in loosely linked claims
    usually belong to different events. Symmetric.
    """
    if pair.link.similarity < pair.settings.paraphrase_threshold:
        return []
    da, db = _resolved(pair.a, pair.claim_a), _resolved(pair.b, pair.claim_b)
    open_a = [x for x in da if not any(_dates_agree(x.value or "", y.value or "") for y in db)]
    open_b = [y for y in db if not any(_dates_agree(y.value or "", x.value or "") for x in da)]
    if len(open_a) != len(open_b):
        return []
    found = []
    for x, y in zip(open_a, open_b, strict=True):
        if x.granularity == y.granularity == "relative" and fold(x.text) == fold(y.text):
            continue
        reason = f"A dates it {x.value} ({x.text}), B {y.value} ({y.text})"
        found.append(pair.found("date", pair.a.span(x.start, x.end), pair.b.span(y.start, y.end),
                                reason, _date_confidence(pair, x, y), "date_heuristic"))
    return found
