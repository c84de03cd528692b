"""What every discrepancy rule reads: a linked claim pair, and span helpers."""

from __future__ import annotations

import re
from dataclasses import dataclass

from ...align.alignment import Link
from ...document import Claim, Document, Span
from ...settings import Settings
from ..record import Discrepancy, DiscrepancyType

__all__ = ["CAP", "CLAUSE_END", "ClaimPair", "claim_span", "cue_language", "shift"]


#: Highest confidence a rule may claim: rules are heuristics.
CAP = 0.95
#: Where a clause ends, for what a negation governs ("not critical, police said" negates
#: "critical") and what a figure counts ("120.619 réfugiés nigérians et 111.058 déplacés").
CLAUSE_END = re.compile(r"[,;:.!?()\[\]“”\"«»，；：。！？]|\s[-–—]\s")


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
    def strength(self) -> float:
        """How surely the two claims report the same fact: the link's calibrated similarity,
        or the link model's confidence where that is higher. A fact restated in other words or
        in another language keeps a high confidence at a modest similarity ("9 von 10
        Menschen …" / "Etwa die Hälfte aller Befragten …": 0.47 similar, 0.80 confident).
        A link below ``partial_threshold`` (a weak candidate of ``Alignment.weak``) has only
        its similarity: its confidence comes from the link model's weak part, fitted to keep
        links, not to set the rules' cuts (refitted, it gave 0.73 to a link between two
        channels' ratings, whose figures then disagreed). A weak candidate anchored by a figure
        (``align.anchored_pairs``) may lie at or above ``partial_threshold``; the link does not
        say where its confidence came from, so such a one keeps it here (one of the labelled
        pairs' links, 0.40 similar and 0.35 confident, not kept by the report)."""
        if self.link.similarity < self.settings.partial_threshold:
            return self.link.similarity
        return max(self.link.similarity, self.link.confidence or 0.0)

    @property
    def similar(self) -> bool:
        """Whether the two claims read as a paraphrase: the link's similarity at or above
        ``paraphrase_threshold``."""
        return self.link.similarity >= self.settings.paraphrase_threshold

    @property
    def strong(self) -> bool:
        """Whether the link is as sure as a paraphrase: ``strength`` at or above
        ``paraphrase_threshold``."""
        return self.strength >= self.settings.paraphrase_threshold

    @property
    def same_language(self) -> bool:
        """Whether both documents are in the same (known or unknown) language."""
        return self.a.language == self.b.language

    def found(self, kind: DiscrepancyType, span_a: Span, span_b: Span, reason: str,
              confidence: float, method: str) -> Discrepancy:
        """A ``Discrepancy`` for this pair, its confidence clipped to [0, 0.95]."""
        return Discrepancy(kind, span_a, span_b, self.link.a, self.link.b, reason,
                           min(CAP, max(0.0, confidence)), method)


def cue_language(doc: Document) -> str | None:
    """The document's language for the cue lists (``None`` when unknown)."""
    return None if doc.language in ("", "und") else doc.language


def shift(doc: Document, claim: Claim, rel: Span) -> Span:
    """A span relative to the claim text, as offsets into the clean text."""
    return doc.span(claim.start + rel.start, claim.start + rel.end)


def claim_span(doc: Document, claim: Claim) -> Span:
    """The whole claim as a span of the clean text."""
    return doc.span(claim.start, claim.end)
