"""Polarity rule: the same statement affirmed on one side and negated on the other."""

from __future__ import annotations

import re

from ...document import Claim, Document, Span, within
from ...text import Word, char_pairs, fold, is_content_word, same_stem, tokenize
from ..negation import PolarityFlip, negates_by_affix, polarity_flip_heuristic
from ..record import Discrepancy
from .dates import different_occasions
from .entities import mentioned
from .pair import CLAUSE_END, ClaimPair, claim_span, cue_language, shift

__all__ = ["polarity_rule_heuristic"]



def _content(text: str) -> list[Word]:
    """The content words of ``text`` in order; in a script written without spaces, where each
    character is a word and ``is_content_word`` keeps none, each pair of neighbouring
    characters stands for a word ("不会出席" → "会出", "出席")."""
    words = tokenize(text)
    return sorted([*(w for w in words if is_content_word(w.norm)), *char_pairs(words)],
                  key=lambda w: w.start)


def _word_span(other: Claim, word: Word) -> Span:
    """A word of ``other`` as a span relative to it."""
    return Span(word.start, word.end, other.text[word.start:word.end])


def _negated_in_other(pair: ClaimPair, cue: Span | None, claim: Claim,
                      other: Claim) -> Span | None:
    """The word of ``other`` (offsets relative to it) that shares a stem with what the cue
    negates: the first content words right after the cue, in its clause ('approved' for
    'refused to approve'; 'critical', not 'police', in 'not critical, police said'), or right
    before it when nothing follows ('… documents", he denied'); for a word negated by an
    affix ('impossible', 'gelmedi'), its bare form ('possible', 'geldi')."""
    if cue is None or not pair.same_language:
        return None
    words = _content(other.text)
    folded = fold(cue.text)
    bare = [w for w in words if negates_by_affix(w.norm, folded, pair.a.language)]
    if bare:
        return _word_span(other, bare[0])
    after = _governed(cue, claim)[:2]
    before = [w.norm for w in _content(claim.text[:cue.start])]
    found = _stated(words, after or before[::-1][:3])  # the nearest negated word first
    return None if found is None else _word_span(other, found)


def _negated_clause(cue: Span, claim: Claim) -> str:
    """The text after ``cue`` up to the end of its clause (what it negates), relative to the
    claim from ``cue.end``."""
    return CLAUSE_END.split(claim.text[cue.end:], maxsplit=1)[0]


def _governed(cue: Span, claim: Claim) -> list[str]:
    """The content words after ``cue`` in its clause, in order (what it negates)."""
    return [w.norm for w in _content(_negated_clause(cue, claim))]


def _stated(words: list[Word], negated: list[str]) -> Word | None:
    """The first of ``words`` sharing a stem with a word of ``negated`` (tried in order)."""
    for norm in negated:
        for word in words:
            if same_stem(word.norm, norm):
                return word
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


def _same_predicate(a: Span, b: Span) -> bool:
    """Whether two cues negate with the same verb ('denied' / 'refusing to deny')."""
    words_a = [w.norm for w in tokenize(a.text) if is_content_word(w.norm) and len(w.norm) >= 4]
    words_b = [w.norm for w in tokenize(b.text) if is_content_word(w.norm) and len(w.norm) >= 4]
    return any(x[:3] == y[:3] for x in words_a for y in words_b)


def _loose_confidence(pair: ClaimPair, flip: PolarityFlip) -> float | None:
    """A flip on a link below ``paraphrase_threshold``, within one language and about a shared
    name, at a lower confidence: the same predicate negated on both sides, or a cue on one
    side whose negated word the other side states plainly ('did not approve the plan' /
    'approved the plan')."""
    if not pair.same_language or flip.opposite \
            or pair.link.similarity < pair.settings.partial_threshold \
            or not _shared_entity(pair):
        return None
    if flip.a is not None and flip.b is not None:
        return 0.3 + 0.5 * pair.link.similarity if _same_predicate(flip.a, flip.b) else None
    one_sided = (_predicate_shared(flip.a, pair.claim_a, pair.claim_b)
                 or _predicate_shared(flip.b, pair.claim_b, pair.claim_a))
    return 0.25 + 0.5 * pair.link.similarity if one_sided else None


#: Copulas (folded): after one, the predicate a negation denies is a phrase, not a verb.
_COPULAS = frozenset({"is", "was", "are", "were", "be", "es", "son", "era", "fue", "esta",
                      "est", "sont", "etait", "ist", "sind", "war", "waren", "e", "sono",
                      "jest", "sa", "byl", "byla", "bylo"})


def _predicate_shared(cue: Span | None, claim: Claim, other: Claim) -> bool:
    """Whether the first content word after ``cue`` in its clause (the predicate it negates:
    'approve' in 'did not approve the budget', not 'talks' in 'did not attend the talks')
    shares a stem with a content word of ``other``; after a copula, the first two content
    words ('no es un medicamento nuevo' denies 'nuevo' of 'medicamento': a claim naming the
    medicine without calling it new is no opposite)."""
    if cue is None:
        return False
    words = _content(other.text)
    following = tokenize(claim.text[cue.end:cue.end + 24])
    needed = _governed(cue, claim)[:2 if following and following[0].norm in _COPULAS else 1]
    return bool(needed) and all(_stated(words, [norm]) is not None for norm in needed)


def _clause_anchored(doc: Document, claim: Claim, cue: Span | None, other: Claim) -> bool:
    """Whether the clause a cue negates names something ``other`` names too: a tagged name
    (``entities.mentioned``) or a figure whose digits ``other`` gives. Across languages the
    negated predicate cannot be matched word for word; a name or a figure in its clause ties
    the negation to the other side's statement ("will not close its factory in Lyon" / "va
    fermer son usine de Lyon"), where "non sono riusciti a sostenere i primi guadagni" (failed
    to hold early gains) against "cayeron en territorio negativo" (fell into negative
    territory) ties nothing: both say the markets fell (read on a real pair)."""
    if cue is None:
        return False
    start = claim.start + cue.end
    end = start + len(_negated_clause(cue, claim))
    digits = set(re.findall(r"\d+", other.text))
    return any(mentioned(e.text, other.text) for e in within(doc.entities, start, end)) \
        or any(set(re.findall(r"\d+", q.text)) & digits
               for q in within(doc.quantities, start, end))


def _polarity_confidence(pair: ClaimPair, flip: PolarityFlip) -> float | None:
    """Heuristic confidence of a polarity flip; None when nothing ties the two statements.

    A paraphrase-strength link is needed: negations in loosely linked claims belong to
    different statements ("isn't just a new year" / "Happy New Year!"). The exceptions, within
    one language and about a shared name, count at a lower confidence: a negation of the same
    predicate on both sides ("the U.S. denied the visas" / "the USA is refusing to deny them
    entry"), and a negation on one side of a word the other side states ("the council did
    not approve the plan" / "the council approved the plan on Monday"). On a paraphrase-strength
    link, a flip with a cue on one side only also needs what the cue negates on the other side
    (the same predicate), or across languages a name or figure the other side gives in the
    negated clause (``_clause_anchored``); a flip with cues on both sides (or opposite
    predicates) needs a shared negated word or a shared name, within one language. The
    confidence grows with the link.
    """
    ca, cb, sim = pair.claim_a, pair.claim_b, pair.link.similarity
    if sim < pair.settings.paraphrase_threshold:
        return _loose_confidence(pair, flip)
    scope = _scope_shared(pair, flip.a, ca, cb) or _scope_shared(pair, flip.b, cb, ca)
    two_sided = flip.opposite or (flip.a is not None and flip.b is not None)
    if pair.same_language and not scope and not (two_sided and _shared_entity(pair)):
        return None
    if not pair.same_language and not two_sided and not (
            _clause_anchored(pair.a, ca, flip.a, cb) or _clause_anchored(pair.b, cb, flip.b, ca)):
        return None
    return 0.15 + 0.65 * sim + (0.05 if two_sided else 0.0) + (0.1 if scope else 0.0) \
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
    deny") never flip, and neither do claims dated to different occasions
    (``dates.different_occasions``). Spans are the cues; on a side with none, the word the
    other side's cue negates ('approved' against 'refused to approve'), else the whole claim.
    """
    ca, cb = pair.claim_a, pair.claim_b
    if different_occasions(pair):
        return []
    flip = polarity_flip_heuristic(ca.text, cb.text, cue_language(pair.a), cue_language(pair.b))
    confidence = None if flip is None else _polarity_confidence(pair, flip)
    if flip is None or confidence is None:
        return []
    sa = _side_span(pair.a, ca, flip.a, _negated_in_other(pair, flip.b, cb, ca))
    sb = _side_span(pair.b, cb, flip.b, _negated_in_other(pair, flip.a, ca, cb))
    return [pair.found("polarity", sa, sb, _polarity_reason(sa, sb, flip), confidence,
                       "polarity_rule_heuristic")]
