"""Quote rules: the same words given to another speaker, or a quote changed."""

from __future__ import annotations

from ...document import Claim, Document, Quote
from ...text import covered, dice, tokenize
from ..negation import polarity_heuristic
from ..record import Discrepancy
from ..rules_baseline import (
    number_mismatch_heuristic,
)
from .entities import same_entity
from .pair import ClaimPair, cue_language

__all__ = ["quote_heuristic"]


def _quotes(doc: Document, claim: Claim) -> list[Quote]:
    """Quotes that overlap a claim."""
    return [q for q in doc.quotes if q.start < claim.end and claim.start < q.end]


def _words(text: str) -> set[str]:
    """The folded words of a text, as a set."""
    return {w.norm for w in tokenize(text)}


def _changed_inside(pair: ClaimPair, x: Quote, y: Quote) -> bool:
    """Whether a number or the polarity changed inside two near-identical quotes."""
    if number_mismatch_heuristic(x.text, y.text) is not None:
        return True
    return polarity_heuristic(x.text, cue_language(pair.a)) != polarity_heuristic(
        y.text, cue_language(pair.b))


def _excerpt(x: set[str], y: set[str]) -> bool:
    """Whether one quote is (nearly) a part of the other: all its words but two, or 80 % (a
    quote trimmed, with a "(sic)" or a pronoun of its own)."""
    small, large = (x, y) if len(x) <= len(y) else (y, x)
    missing = len(small - large)
    return bool(small) and (missing <= 2 or covered(small, large) >= 0.8)


def _attribution(pair: ClaimPair, x: Quote, y: Quote, overlap: float) -> Discrepancy | None:
    """The same words given to two different speakers."""
    if overlap < 0.8 or x.speaker is None or y.speaker is None \
            or same_entity(x.speaker.text, y.speaker.text):
        return None
    sa = pair.a.span(x.speaker.start, x.speaker.end)
    sb = pair.b.span(y.speaker.start, y.speaker.end)
    return pair.found("attribution", sa, sb,
                      f"the same quote is attributed to {sa.text} in A and to {sb.text} in B",
                      0.5 + 0.3 * overlap + 0.1 * pair.link.similarity, "quote_heuristic")


def _speakers(x: Quote, y: Quote) -> int:
    """1: the same speaker, 0: one or both unknown, -1: different speakers."""
    if x.speaker is None or y.speaker is None:
        return 0
    return 1 if same_entity(x.speaker.text, y.speaker.text) else -1


#: Confidence of a quote reworded without a number or negation changed: under the default
#: ``discrepancy_min_confidence`` (0.5). On the audited real pairs (``bench/findings_audit.py``)
#: all three such findings were one quote in two translations or two different quotes; a
#: user who wants them lowers the threshold.
_REWORDED = 0.35


def _reworded(pair: ClaimPair, x: Quote, y: Quote, overlap: float) -> Discrepancy | None:
    """The same speaker's quote with materially different words."""
    speakers = _speakers(x, y)
    if speakers < 0:
        return None
    changed = overlap >= 0.8 and _changed_inside(pair, x, y)
    reworded = 0.5 <= overlap < 0.8 and not _excerpt(_words(x.text), _words(y.text))
    if not (changed or reworded):
        return None
    confidence = (0.7 + 0.1 * speakers + 0.1 * pair.link.similarity if changed
                  else _REWORDED + 0.05 * speakers + 0.05 * pair.link.similarity)
    reason = "a number or negation changed inside the quote" if changed else \
        f"the quote's words differ ({overlap:.0%} in common)"
    return pair.found("quote", pair.a.span(x.start, x.end), pair.b.span(y.start, y.end),
                      reason, confidence, "quote_heuristic")


def _quote_finding(pair: ClaimPair, x: Quote, y: Quote) -> Discrepancy | None:
    """The attribution or quote discrepancy between two quotes, if any."""
    overlap = dice(_words(x.text), _words(y.text))
    return _attribution(pair, x, y, overlap) or _reworded(pair, x, y, overlap)


def _same(x: Quote, y: Quote) -> bool:
    """The same words from the same (or an unknown) speaker: nothing to report."""
    return _words(x.text) == _words(y.text) and _speakers(x, y) >= 0


def _paired(xs: list[Quote], ys: list[Quote]) -> list[tuple[Quote, Quote]]:
    """Quotes paired one to one, the most alike first; quotes with an identical twin on the
    other side are set aside (a claim quoting two titles compares each with its own twin)."""
    open_x = [x for x in xs if not any(_same(x, y) for y in ys)]
    open_y = [y for y in ys if not any(_same(x, y) for x in xs)]
    scored = sorted(((dice(_words(x.text), _words(y.text)), i, j)
                     for i, x in enumerate(open_x) for j, y in enumerate(open_y)),
                    key=lambda t: (-t[0], *sorted((open_x[t[1]].start, open_y[t[2]].start))))
    used_x: set[int] = set()
    used_y: set[int] = set()
    pairs = []
    for _, i, j in scored:
        if i not in used_x and j not in used_y:
            used_x.add(i)
            used_y.add(j)
            pairs.append((open_x[i], open_y[j]))
    return pairs


def quote_heuristic(pair: ClaimPair) -> list[Discrepancy]:
    """Quotes of the two claims compared word by word (same language only).

    Quotes repeated word for word on the other side are set aside; the others are paired one
    to one, the most alike first. The same words (Dice ≥ 0.8) from different speakers →
    "attribution" (the speaker spans); the same speaker (or an unknown one) with words that
    changed materially (Dice in [0.5, 0.8) and not an excerpt, or a number or negation
    changed) → "quote" (the quote spans), the reworded ones at a confidence under the default
    threshold (``_REWORDED``).
    """
    if not pair.same_language:
        return []
    found = []
    for x, y in _paired(_quotes(pair.a, pair.claim_a), _quotes(pair.b, pair.claim_b)):
        finding = _quote_finding(pair, x, y)
        if finding is not None:
            found.append(finding)
    return found
