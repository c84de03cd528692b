"""Typed disagreements between aligned claims: numbers, dates, names, speakers, quotes, polarity.

``find_discrepancies`` runs every rule below on each linked claim pair. Each rule is a heuristic
(its name ends in ``_heuristic``) that returns ``Discrepancy`` records whose spans are exact
offsets into each document's clean text. Confidences are heuristic too: simple sums of the pair's
alignment similarity and the rule's own evidence (a shared counted noun, shared context words,
...), capped at 0.95; they rank findings and feed ``Settings.discrepancy_min_confidence``, but are
not calibrated probabilities. An optional ``ContradictionModel`` re-weights polarity findings and
adds the contradictions the rules cannot name.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterator
from dataclasses import dataclass, replace

from ..document import Claim, DateMention, Document, Entity, Quantity, Quote, Span, within
from ..settings import Settings
from .align import Alignment, Link
from .contradiction import ContradictionModel
from .discrepancy import Discrepancy, DiscrepancyType
from .polarity import PolarityFlip, polarity_flip_heuristic, polarity_heuristic
from .reuse import fold, tokenize
from .rules_contradiction import (
    content_words,
    is_content_word,
    number_mismatch_heuristic,
    same_stem,
)

__all__ = [
    "ClaimPair",
    "date_heuristic",
    "entity_heuristic",
    "find_discrepancies",
    "number_heuristic",
    "polarity_rule_heuristic",
    "quote_heuristic",
    "same_entity",
]

_CAP = 0.95
_MODEL_ONLY_MIN = 0.9


@dataclass(frozen=True)
class ClaimPair:
    """Two linked claims and their documents: what every rule reads."""

    a: Document
    b: Document
    link: Link
    settings: Settings

    @property
    def claim_a(self) -> Claim:
        """The claim of ``a``."""
        return self.a.claims[self.link.a]

    @property
    def claim_b(self) -> Claim:
        """The claim of ``b``."""
        return self.b.claims[self.link.b]

    @property
    def same_language(self) -> bool:
        """Whether both documents are in the same (known or unknown) language."""
        return self.a.language == self.b.language

    def found(self, kind: DiscrepancyType, span_a: Span, span_b: Span, reason: str,
              confidence: float, method: str) -> Discrepancy:
        """A ``Discrepancy`` for this pair, its confidence clipped to [0, 0.95]."""
        return Discrepancy(kind, span_a, span_b, self.link.a, self.link.b, reason,
                           min(_CAP, max(0.0, confidence)), method)


def _language(doc: Document) -> str | None:
    """The document's language for the cue lists (``None`` when unknown)."""
    return None if doc.language in ("", "und") else doc.language


def _shift(doc: Document, claim: Claim, rel: Span) -> Span:
    """A span relative to the claim text, as offsets into the clean text."""
    return doc.span(claim.start + rel.start, claim.start + rel.end)


def _claim_span(doc: Document, claim: Claim) -> Span:
    """The whole claim as a span of the clean text."""
    return doc.span(claim.start, claim.end)


def _dice(x: set[str], y: set[str]) -> float:
    """Dice coefficient of two word sets (0 when both are empty)."""
    return 2 * len(x & y) / (len(x) + len(y)) if x or y else 0.0


# --- numbers -------------------------------------------------------------------------------

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


# --- dates ---------------------------------------------------------------------------------

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


# --- entities ------------------------------------------------------------------------------

_ALIAS_GROUPS = {
    "us": "us|u s|usa|u s a|united states|united states of america|america|etats unis|"
          "vereinigte staaten|estados unidos|eeuu|ee uu|stati uniti|verenigde staten",
    "uk": "uk|u k|united kingdom|britain|great britain|royaume uni|grande bretagne|"
          "grossbritannien|vereinigtes konigreich|reino unido|regno unito|gran bretana",
    "russia": "russia|russian federation|russie|federation de russie|russland|"
              "russische foderation|rusia|federacion rusa|russia federation|rusland",
    "un": "un|u n|united nations|onu|nations unies|vereinte nationen|naciones unidas|vn",
    "eu": "eu|e u|european union|ue|union europeenne|europaische union|union europea",
    "germany": "germany|allemagne|deutschland|alemania|germania|duitsland",
    "france": "france|frankreich|francia|frankrijk|franca",
    "china": "china|chine|cina|prc|people s republic of china",
    "spain": "spain|espagne|spanien|espana|spagna|spanje",
    "italy": "italy|italie|italien|italia|italie",
    "chechnya": "chechnya|tchetchenie|tschetschenien|chechenia|cecenia|chechen republic|"
                "republic of chechnya|tsjetsjenie",
    "ukraine": "ukraine|ucrania|ucraina|oekraine",
    "uk_pm": "downing street|number 10|no 10",
}
_ALIASES = {variant: canon for canon, group in _ALIAS_GROUPS.items()
            for variant in group.split("|")}
_GENERIC = frozenset({"united", "republic", "state", "states", "national", "federal", "new",
                      "north", "south", "east", "west", "the", "of", "and", "de", "la", "le",
                      "del", "der", "die", "city", "saint", "san", "group", "party", "news"})
_LABEL_GROUP = {"GPE": "place", "LOC": "place"}


def _canonical(name: str) -> str:
    """A name folded, without punctuation or a leading article, mapped through the aliases."""
    text = " ".join(re.sub(r"[^\w\s]", " ", fold(name)).split())
    text = re.sub(r"^(?:the|le|la|les|l|der|die|das|el|los|las|il|lo)\s+", "", text)
    return _ALIASES.get(text, text)


def same_entity(x: str, y: str) -> bool:
    """Whether two names denote the same entity: equal after folding and the alias table
    ("U.S" / "United States" / "Etats-Unis"), or sharing a distinctive word ("Zakharova" /
    "Svetlana Zakharova")."""
    cx, cy = _canonical(x), _canonical(y)
    if cx == cy:
        return True
    words_x = {w for w in cx.split() if len(w) >= 3 and w not in _GENERIC}
    return bool(words_x & {w for w in cy.split() if len(w) >= 3 and w not in _GENERIC})


def _acronym(variant: str) -> re.Pattern[str] | None:
    """A case-sensitive pattern for a short alias ("u s a" → U.S.A, USA), else None."""
    parts = variant.split()
    if not (all(len(p) == 1 for p in parts) or (len(parts) == 1 and len(variant) <= 3)):
        return None
    return re.compile(r"\b" + r"\.?\s?".join("".join(parts).upper()) + r"\b")


def _mentioned(name: str, text: str) -> bool:
    """Whether ``text`` names the entity even where no entity was tagged.

    Short aliases ("US", "UN", "EU") must appear in capitals, so "told us" names no country.
    """
    canon = _canonical(name)
    folded = " ".join(re.sub(r"[^\w\s]", " ", fold(text)).split())
    variants = [v for v, c in _ALIASES.items() if c == canon] or [canon]
    words = [w for w in canon.split() if len(w) >= 4 and w not in _GENERIC]
    for variant in variants + words:
        acronym = _acronym(variant)
        pattern = acronym or re.compile(rf"\b{re.escape(variant)}\b")
        if pattern.search(text if acronym else folded):
            return True
    return False


def _unmatched(ents: list[Entity], others: list[Entity], other_text: str) -> list[Entity]:
    """Entities with no counterpart among ``others`` nor in the other claim's text."""
    return [e for e in ents if not any(same_entity(e.text, o.text) for o in others)
            and not _mentioned(e.text, other_text)]


def _rest_overlap(pair: ClaimPair, x: Entity, y: Entity) -> float:
    """Word overlap of the two claims once the two names are taken out (same language)."""
    words_a = content_words(pair.claim_a.text) - content_words(x.text)
    words_b = content_words(pair.claim_b.text) - content_words(y.text)
    return _dice(words_a, words_b)


def _neighbour(doc: Document, e: Entity) -> tuple[str, str]:
    """The folded words right before and right after an entity."""
    before = tokenize(doc.clean_text[max(0, e.start - 30):e.start])
    after = tokenize(doc.clean_text[e.end:e.end + 30])
    return (before[-1].norm if before else "", after[0].norm if after else "")


def _entity_confidence(pair: ClaimPair, x: Entity, y: Entity) -> float | None:
    """Heuristic confidence that ``y`` replaced ``x``; None when the rest does not match."""
    if not pair.same_language:
        ok = pair.link.similarity >= pair.settings.paraphrase_threshold
        return 0.45 + 0.3 * pair.link.similarity if ok else None
    rest = _rest_overlap(pair, x, y)
    if rest < 0.5:
        return None
    around_a, around_b = _neighbour(pair.a, x), _neighbour(pair.b, y)
    same_role = any(u and u == v for u, v in zip(around_a, around_b, strict=True))
    return 0.35 + 0.3 * rest + 0.2 * pair.link.similarity + (0.1 if same_role else 0.0)


def entity_heuristic(pair: ClaimPair) -> list[Discrepancy]:
    """A name replaced by a different name of the same kind while the rest matches → "entity".

    Names with a counterpart on the other side (folded, alias table, a shared distinctive word,
    or merely mentioned there untagged) are set aside. A kind (PERSON, ORG, place…) left with
    exactly one name on each side is a replacement when, in one language, the claims' other
    words overlap (Dice ≥ 0.5) or, across languages, the link's similarity reaches
    ``paraphrase_threshold``. A name the other claim simply lacks is never reported. Symmetric.
    """
    ents_a = within(pair.a.entities, pair.claim_a.start, pair.claim_a.end)
    ents_b = within(pair.b.entities, pair.claim_b.start, pair.claim_b.end)
    open_a = _unmatched(ents_a, ents_b, pair.claim_b.text)
    open_b = _unmatched(ents_b, ents_a, pair.claim_a.text)
    found = []
    for group in sorted({_LABEL_GROUP.get(e.label, e.label) for e in open_a}):
        xs = [e for e in open_a if _LABEL_GROUP.get(e.label, e.label) == group]
        ys = [e for e in open_b if _LABEL_GROUP.get(e.label, e.label) == group]
        if len(xs) != 1 or len(ys) != 1:
            continue
        confidence = _entity_confidence(pair, xs[0], ys[0])
        if confidence is not None:
            sa, sb = pair.a.span(xs[0].start, xs[0].end), pair.b.span(ys[0].start, ys[0].end)
            found.append(pair.found("entity", sa, sb, f"A names {sa.text}, B names {sb.text}",
                                    confidence, "entity_heuristic"))
    return found


# --- quotes and attribution -----------------------------------------------------------------


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
    return polarity_heuristic(x.text, _language(pair.a)) != polarity_heuristic(
        y.text, _language(pair.b))


def _excerpt(x: set[str], y: set[str]) -> bool:
    """Whether one quote is (nearly) a part of the other."""
    small, large = (x, y) if len(x) <= len(y) else (y, x)
    return bool(small) and len(small & large) / len(small) >= 0.9


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


def _reworded(pair: ClaimPair, x: Quote, y: Quote, overlap: float) -> Discrepancy | None:
    """The same speaker's quote with materially different words."""
    speakers = _speakers(x, y)
    if speakers < 0:
        return None
    changed = overlap >= 0.8 and _changed_inside(pair, x, y)
    reworded = 0.5 <= overlap < 0.8 and not _excerpt(_words(x.text), _words(y.text))
    if not (changed or reworded):
        return None
    confidence = (0.7 if changed else 0.55) + 0.1 * speakers + 0.1 * pair.link.similarity
    reason = "a number or negation changed inside the quote" if changed else \
        f"the quote's words differ ({overlap:.0%} in common)"
    return pair.found("quote", pair.a.span(x.start, x.end), pair.b.span(y.start, y.end),
                      reason, confidence, "quote_heuristic")


def _quote_finding(pair: ClaimPair, x: Quote, y: Quote) -> Discrepancy | None:
    """The attribution or quote discrepancy between two quotes, if any."""
    overlap = _dice(_words(x.text), _words(y.text))
    return _attribution(pair, x, y, overlap) or _reworded(pair, x, y, overlap)


def quote_heuristic(pair: ClaimPair) -> list[Discrepancy]:
    """Quotes of the two claims compared word by word (same language only).

    The same words (Dice ≥ 0.8) from different speakers → "attribution" (the speaker spans);
    the same speaker (or an unknown one) with words that changed materially (Dice in [0.5, 0.8)
    and not an excerpt, or a number or negation changed) → "quote" (the quote spans).
    """
    if not pair.same_language:
        return []
    found = []
    for x in _quotes(pair.a, pair.claim_a):
        for y in _quotes(pair.b, pair.claim_b):
            finding = _quote_finding(pair, x, y)
            if finding is not None:
                found.append(finding)
    return found


# --- polarity ------------------------------------------------------------------------------


def _negated_in_other(pair: ClaimPair, cue: Span | None, claim: Claim,
                      other: Claim) -> Span | None:
    """The word of ``other`` (offsets relative to it) that shares a stem with what the cue
    negates, i.e. the content words right after the cue: 'approved' for 'refused to approve'."""
    if cue is None or not pair.same_language:
        return None
    after = [w.norm for w in tokenize(claim.text[cue.end:]) if is_content_word(w.norm)][:3]
    words = [w for w in tokenize(other.text) if is_content_word(w.norm)]
    for negated in after:  # the nearest negated word first
        for word in words:
            if same_stem(word.norm, negated):
                return Span(word.start, word.end, other.text[word.start:word.end])
    return None


def _scope_shared(pair: ClaimPair, cue: Span | None, claim: Claim, other: Claim) -> bool:
    """Whether the content words right after a cue (what it negates) appear in the other claim."""
    return _negated_in_other(pair, cue, claim, other) is not None


def _shared_entity(pair: ClaimPair) -> bool:
    """Whether both claims name a common entity (tagged on one side, named on the other)."""
    ents_a = within(pair.a.entities, pair.claim_a.start, pair.claim_a.end)
    ents_b = within(pair.b.entities, pair.claim_b.start, pair.claim_b.end)
    return any(_mentioned(e.text, pair.claim_b.text) for e in ents_a) or any(
        _mentioned(e.text, pair.claim_a.text) for e in ents_b)


def _polarity_reason(sa: Span, sb: Span, flip: PolarityFlip) -> str:
    """One sentence saying which side negates."""
    if flip.opposite:
        return f"opposite predicates: A says {sa.text}, B says {sb.text}"
    word = {1: "affirmative", -1: "negative"}
    side_a = f"A is {word[flip.sign_a]}" + (f" ({sa.text})" if flip.a else "")
    side_b = f"B is {word[flip.sign_b]}" + (f" ({sb.text})" if flip.b else "")
    return f"{side_a}, {side_b}"


def _polarity_confidence(pair: ClaimPair, flip: PolarityFlip) -> float | None:
    """Heuristic confidence of a polarity flip; None when nothing ties the two statements.

    A flip with a cue on one side only counts when what the cue negates also appears on the
    other side (or, across languages, when the claims are paraphrases); a flip with cues on
    both sides (or opposite predicates) needs a shared name, a shared negated word or a
    paraphrase-strength link.
    """
    ca, cb, sim = pair.claim_a, pair.claim_b, pair.link.similarity
    scope = _scope_shared(pair, flip.a, ca, cb) or _scope_shared(pair, flip.b, cb, ca)
    two_sided = flip.opposite or (flip.a is not None and flip.b is not None)
    if two_sided:
        anchored = scope or _shared_entity(pair) or sim >= pair.settings.paraphrase_threshold
    else:
        anchored = scope or (not pair.same_language
                             and sim >= pair.settings.paraphrase_threshold)
    if not anchored:
        return None
    return 0.25 + 0.5 * sim + (0.1 if two_sided else 0.0) + (0.1 if scope else 0.0) \
        + (0.05 if flip.opposite else 0.0)


def _side_span(doc: Document, claim: Claim, cue: Span | None,
               negated: Span | None) -> Span:
    """A side's evidence: its cue, else the word the other side negates, else the claim."""
    rel = cue or negated
    return _shift(doc, claim, rel) if rel else _claim_span(doc, claim)


def polarity_rule_heuristic(pair: ClaimPair) -> list[Discrepancy]:
    """Claims that say the same thing with opposite polarity → "polarity".

    Uses ``polarity_flip_heuristic``: negation parity ("denied" vs "refusing to deny") or
    opposite predicates ("granted" vs "denied"); non-committal claims ("refused to confirm or
    deny") never flip. Spans are the cues; on a side with none, the word the other side's cue
    negates ('approved' against 'refused to approve'), else the whole claim.
    """
    ca, cb = pair.claim_a, pair.claim_b
    flip = polarity_flip_heuristic(ca.text, cb.text, _language(pair.a), _language(pair.b))
    confidence = None if flip is None else _polarity_confidence(pair, flip)
    if flip is None or confidence is None:
        return []
    sa = _side_span(pair.a, ca, flip.a, _negated_in_other(pair, flip.b, cb, ca))
    sb = _side_span(pair.b, cb, flip.b, _negated_in_other(pair, flip.a, ca, cb))
    return [pair.found("polarity", sa, sb, _polarity_reason(sa, sb, flip), confidence,
                       "polarity_rule_heuristic")]


# --- orchestration -------------------------------------------------------------------------

Rule = Callable[[ClaimPair], list[Discrepancy]]
RULES: tuple[Rule, ...] = (number_heuristic, date_heuristic, entity_heuristic, quote_heuristic,
                           polarity_rule_heuristic)


def _with_model(found: list[Discrepancy], pair: ClaimPair, p: float,
                model: ContradictionModel) -> list[Discrepancy]:
    """Re-weight polarity findings by the model, or add the model's own finding where no rule
    fired: only on a paraphrase-strength link and at p >= 0.9, since the model's false-alarm
    rate on faithful paraphrases (6.7%) is four times the rules' (see training/README.md)."""
    strong = pair.link.similarity >= pair.settings.paraphrase_threshold
    if not found and p >= _MODEL_ONLY_MIN and strong:
        reason = f"{model.name} judges the claims contradictory (p={p:.2f})"
        return [pair.found("polarity", _claim_span(pair.a, pair.claim_a),
                           _claim_span(pair.b, pair.claim_b), reason, p, model.name)]
    return [replace(d, confidence=min(_CAP, 0.3 * d.confidence + 0.7 * p),
                    method=f"{d.method}+{model.name}") if d.type == "polarity" else d
            for d in found]


def _pairs(a: Document, b: Document, alignment: Alignment,
           settings: Settings) -> Iterator[ClaimPair]:
    """One ``ClaimPair`` per link."""
    for link in alignment.links:
        yield ClaimPair(a, b, link, settings)


def _strongest(found: list[Discrepancy]) -> list[Discrepancy]:
    """One finding per pair of spans (the most confident), in the order of ``a``."""
    best: dict[tuple[int, int, int, int], Discrepancy] = {}
    for d in found:
        key = (d.a.start, d.a.end, d.b.start, d.b.end)
        if key not in best or d.confidence > best[key].confidence:
            best[key] = d
    return sorted(best.values(), key=lambda d: (d.a.start, d.a.end, d.b.start, d.type))


def find_discrepancies(a: Document, b: Document, alignment: Alignment, *,
                       model: ContradictionModel | None = None,
                       settings: Settings | None = None) -> list[Discrepancy]:
    """Typed disagreements between the linked claims of ``a`` and ``b``.

    Args:
        a, b: analysed documents (claims, entities, quantities, dates, quotes).
        alignment: links between ``a.claims`` and ``b.claims``.
        model: an optional ``ContradictionModel``; when given, its contradiction probability
            sets the confidence of polarity findings (70 % model, 30 % rule) and a pair no rule
            flagged becomes a "polarity" finding when that probability is at least 0.5.
        settings: options; ``discrepancy_min_confidence`` drops weaker findings.

    Returns:
        Discrepancies sorted by position in ``a``, one per pair of spans (the most confident);
        every span holds exact offsets into ``a.clean_text`` / ``b.clean_text``. Identical
        texts give none.

    Example:
        >>> find_discrepancies(doc, doc, alignment)  # doctest: +SKIP
        []
    """
    settings = settings or Settings()
    if a.clean_text == b.clean_text:
        return []
    pairs = list(_pairs(a, b, alignment, settings))
    found_per_pair = [[d for rule in RULES for d in rule(pair)] for pair in pairs]
    if model is not None and pairs:
        probs = model.predict([(p.claim_a.text, p.claim_b.text) for p in pairs])
        found_per_pair = [_with_model(found, pair, prob.contradiction, model)
                          for found, pair, prob in zip(found_per_pair, pairs, probs, strict=True)]
    kept = [d for found in found_per_pair for d in found
            if d.confidence >= settings.discrepancy_min_confidence]
    return _strongest(kept)
