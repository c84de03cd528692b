"""Polarity rule: the same statement affirmed on one side and negated on the other."""

from __future__ import annotations

from ...document import Claim, Document, Span, within
from ..discrepancy import Discrepancy
from ..polarity import PolarityFlip, polarity_flip_heuristic
from ..reuse import tokenize
from ..rules_contradiction import (
    is_content_word,
    same_stem,
)
from .entities import mentioned
from .pair import ClaimPair, claim_span, cue_language, shift

__all__ = ["polarity_rule_heuristic"]


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
    return any(mentioned(e.text, pair.claim_b.text) for e in ents_a) or any(
        mentioned(e.text, pair.claim_a.text) for e in ents_b)


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
    return shift(doc, claim, rel) if rel else claim_span(doc, claim)


def polarity_rule_heuristic(pair: ClaimPair) -> list[Discrepancy]:
    """Claims that say the same thing with opposite polarity → "polarity".

    Uses ``polarity_flip_heuristic``: negation parity ("denied" vs "refusing to deny") or
    opposite predicates ("granted" vs "denied"); non-committal claims ("refused to confirm or
    deny") never flip. Spans are the cues; on a side with none, the word the other side's cue
    negates ('approved' against 'refused to approve'), else the whole claim.
    """
    ca, cb = pair.claim_a, pair.claim_b
    flip = polarity_flip_heuristic(ca.text, cb.text, cue_language(pair.a), cue_language(pair.b))
    confidence = None if flip is None else _polarity_confidence(pair, flip)
    if flip is None or confidence is None:
        return []
    sa = _side_span(pair.a, ca, flip.a, _negated_in_other(pair, flip.b, cb, ca))
    sb = _side_span(pair.b, cb, flip.b, _negated_in_other(pair, flip.a, ca, cb))
    return [pair.found("polarity", sa, sb, _polarity_reason(sa, sb, flip), confidence,
                       "polarity_rule_heuristic")]
