"""Typed disagreements between aligned claims: numbers, dates and times, names, speakers, quotes,
polarity.

``find_discrepancies`` runs every rule of ``discrepancies.rules`` on each linked claim pair. Each
rule is a heuristic (its name ends in ``_heuristic``) that returns ``Discrepancy`` records whose
spans are exact offsets into each document's clean text. Confidences are heuristic too: the rule's
own evidence (a shared counted noun, shared context words, ...) weighed by the pair's alignment
similarity, capped at 0.95, so the same mismatch counts for less between loosely linked claims;
dates and polarity need a paraphrase-strength link at all. They rank findings and feed
``Settings.discrepancy_min_confidence``, but are not calibrated probabilities. On the same two spans
the more specific finding wins (an attribution over a swapped name). An optional
``ContradictionModel`` re-weights polarity findings and adds, when very sure, contradictions the
rules cannot name. A pair no rule found anything in gets a last look for a name or a figure
changed in otherwise the same words (``rules.copies.edited_copy_heuristic``)."""

from __future__ import annotations

from collections.abc import Callable, Iterator
from dataclasses import replace

from ..align.alignment import Alignment
from ..document import Document
from ..settings import Settings
from .contradiction import ContradictionModel
from .record import Discrepancy
from .rules import (
    ClaimPair,
    date_heuristic,
    direction_heuristic,
    entity_heuristic,
    number_heuristic,
    polarity_rule_heuristic,
    quote_heuristic,
    same_entity,
    time_heuristic,
)
from .rules.copies import edited_copy_heuristic
from .rules.pair import CAP, claim_span

__all__ = [
    "ClaimPair",
    "date_heuristic",
    "direction_heuristic",
    "entity_heuristic",
    "find_discrepancies",
    "number_heuristic",
    "polarity_rule_heuristic",
    "quote_heuristic",
    "same_entity",
    "time_heuristic",
]

_MODEL_ONLY_MIN = 0.9

Rule = Callable[[ClaimPair], list[Discrepancy]]
RULES: tuple[Rule, ...] = (number_heuristic, date_heuristic, time_heuristic, entity_heuristic,
                           quote_heuristic, polarity_rule_heuristic, direction_heuristic)


def _with_model(found: list[Discrepancy], pair: ClaimPair, p: float,
                model: ContradictionModel) -> list[Discrepancy]:
    """Re-weight polarity findings by the model, or add the model's own finding where no rule
    fired: only on a paraphrase-strength link and at p >= 0.9, since the model's false-alarm
    rate on faithful paraphrases (6.7%) is four times the rules' (see training/README.md)."""
    strong = pair.link.similarity >= pair.settings.paraphrase_threshold
    if not found and p >= _MODEL_ONLY_MIN and strong:
        reason = f"{model.name} judges the claims contradictory (p={p:.2f})"
        return [pair.found("polarity", claim_span(pair.a, pair.claim_a),
                           claim_span(pair.b, pair.claim_b), reason, p, model.name)]
    return [replace(d, confidence=min(CAP, 0.3 * d.confidence + 0.7 * p),
                    method=f"{d.method}+{model.name}") if d.type == "polarity" else d
            for d in found]


def _pairs(a: Document, b: Document, alignment: Alignment,
           settings: Settings) -> Iterator[ClaimPair]:
    """One ``ClaimPair`` per link."""
    for link in alignment.links:
        yield ClaimPair(a, b, link, settings)


#: On the same two spans, the more specific reading wins: a speaker swapped in a quote is an
#: attribution, a weekday or month read as a name is a date, before "a name was swapped".
_SPECIFIC = {"attribution": 2, "date": 1, "number": 1, "quote": 1, "polarity": 1, "entity": 0}


def _strongest(found: list[Discrepancy]) -> list[Discrepancy]:
    """One finding per pair of spans (the most specific type, then the most confident), in the
    order of ``a``."""
    best: dict[tuple[int, int, int, int], Discrepancy] = {}
    for d in found:
        key = (d.a.start, d.a.end, d.b.start, d.b.end)
        rank = (_SPECIFIC.get(d.type, 0), d.confidence)
        if key not in best or rank > (_SPECIFIC.get(best[key].type, 0), best[key].confidence):
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
        Discrepancies sorted by position in ``a``, one per pair of spans (the most specific
        type, then the most confident) and one per disagreement (the same words on both sides
        found again elsewhere count once);
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
    found_per_pair = [[d for rule in RULES for d in rule(pair)] or edited_copy_heuristic(pair)
                      for pair in pairs]
    if model is not None and pairs:
        probs = model.predict([(p.claim_a.text, p.claim_b.text) for p in pairs])
        found_per_pair = [_with_model(found, pair, prob.contradiction, model)
                          for found, pair, prob in zip(found_per_pair, pairs, probs, strict=True)]
    kept = [d for found in found_per_pair for d in found
            if d.confidence >= settings.discrepancy_min_confidence]
    return _once(_strongest(kept))


def _once(found: list[Discrepancy]) -> list[Discrepancy]:
    """One finding per disagreement: of findings of one type naming the same words on both
    sides ("A says 350 Euro, B says 510 Euro" from a headline printed twice and from the body),
    the most confident, then the earliest in the two texts (read the same whichever side is
    A), in the order of ``a``."""
    best: dict[tuple[str, str, str], Discrepancy] = {}
    for d in found:
        key = (d.type, " ".join(d.a.text.casefold().split()), " ".join(d.b.text.casefold().split()))
        if key not in best or _rank(d) < _rank(best[key]):
            best[key] = d
    kept = set(map(id, best.values()))
    return [d for d in found if id(d) in kept]


def _rank(d: Discrepancy) -> tuple[float, tuple[int, int]]:
    """Most confident first, then the earliest pair of positions, the same from either side."""
    first, second = sorted((d.a.start, d.b.start))
    return -d.confidence, (first, second)
