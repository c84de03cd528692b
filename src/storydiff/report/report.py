"""``Report``: everything ``compare`` found, and its versioned JSON form (see docs/schema.md)."""

from __future__ import annotations

import json
from dataclasses import dataclass, field
from typing import Any

from ..align.alignment import Alignment
from ..discrepancies.record import Discrepancy
from ..document import Document, Span
from ..provenance.evidence import LikelySource, ReusedPassage
from ..settings.compare import DIFFERENT_STORIES_BELOW
from ..similarity import DIMENSIONS, Similarity

__all__ = ["SCHEMA_VERSION", "UNCERTAIN_LINK_BELOW", "Report", "uncertain_link"]

#: Bump the major part when a field is removed or changes meaning, the minor part when one is added.
SCHEMA_VERSION = "1.2"


def _span(span: Span) -> dict[str, Any]:
    return {"start": span.start, "end": span.end, "text": span.text}


def _document(doc: Document, side: str) -> dict[str, Any]:
    return {
        "side": side,
        "source": doc.source,
        "title": doc.title,
        "author": doc.author,
        "published": doc.published,
        "language": doc.language,
        "clean_text": doc.clean_text,
        "removed_lines": [
            {"line_no": r.line_no, "text": r.text, "reason": r.reason} for r in doc.removed_lines
        ],
        "warnings": list(doc.warnings),
        "sentences": [{"start": s.start, "end": s.end} for s in doc.sentences],
        "claims": [
            {"index": c.index, "sentence": c.sentence, "start": c.start, "end": c.end,
             "text": c.text}
            for c in doc.claims
        ],
    }


def _discrepancy(d: Discrepancy) -> dict[str, Any]:
    """A discrepancy as JSON-ready data."""
    return {"type": d.type, "a": _span(d.a), "b": _span(d.b), "claim_a": d.claim_a,
            "claim_b": d.claim_b, "reason": d.reason, "confidence": round(d.confidence, 4),
            "method": d.method}


def verdict_label(same_story: float) -> str:
    """A short human label for a same-story probability."""
    if same_story >= 0.7:
        return "same story"
    if same_story >= DIFFERENT_STORIES_BELOW:
        return "possibly the same story"
    return "different stories"


#: Links whose link-model confidence is below this are listed apart as uncertain. On the
#: labelled real pairs (``bench/claims_real.py``) 35% of the kept partial links below it join
#: claims that report the same fact, 74% of those at or above it.
UNCERTAIN_LINK_BELOW = 0.5


def uncertain_link(relation: object, confidence: object) -> bool:
    """Whether a link is one the link model is unsure of: a confidence below
    ``UNCERTAIN_LINK_BELOW`` on a link that is not the same wording."""
    return relation != "same_wording" and isinstance(confidence, (int, float)) \
        and not isinstance(confidence, bool) and confidence < UNCERTAIN_LINK_BELOW


@dataclass
class Report:
    """The result of comparing document ``a`` with document ``b``."""

    a: Document
    b: Document
    similarity: Similarity
    alignment: Alignment
    discrepancies: list[Discrepancy]
    reuse: list[ReusedPassage]
    likely_source: LikelySource
    identical: bool = False
    #: What the rules found between articles the verdict calls different stories (same-story
    #: probability below ``Settings.discrepancy_min_same_story``): differing details of two
    #: stories are different facts, not disagreements, so they are kept here, not in
    #: ``discrepancies``.
    set_aside: list[Discrepancy] = field(default_factory=list)

    @property
    def coverage(self) -> tuple[float, float]:
        """Share of the claims of ``a`` and of ``b`` that have a partner on the other side,
        among those the alignment lists (linked or one-side-only): claims that state nothing
        (``align.links.without_fragments``) are in neither list and count for nothing."""
        linked_a = {link.a for link in self.alignment.links}
        linked_b = {link.b for link in self.alignment.links}
        return (len(linked_a) / max(1, len(linked_a | set(self.alignment.only_a))),
                len(linked_b) / max(1, len(linked_b | set(self.alignment.only_b))))

    def summary(self) -> str:
        """The verdict in one line, e.g. 'Same story (p=0.93); 12 shared claims, …'."""
        label = verdict_label(self.similarity.same_story)
        if self.identical:
            return "Identical texts: same story (p=1.00), nothing differs."
        cov_a, cov_b = self.coverage
        return (
            f"{label.capitalize()} (p={self.similarity.same_story:.2f}); "
            f"{len(self.alignment.links)} linked claims{self._uncertain_note()}, "
            f"{len(self.alignment.only_a)} only in A, "
            f"{len(self.alignment.only_b)} only in B; {len(self.discrepancies)} discrepancies"
            f"{self._set_aside_note()}; {cov_a:.0%} of A and {cov_b:.0%} of B matched."
        )

    def _uncertain_note(self) -> str:
        """' (N uncertain)' when the link model is unsure of some links."""
        n = sum(uncertain_link(k.relation, k.confidence) for k in self.alignment.links)
        return f" ({n} uncertain)" if n else ""

    def _set_aside_note(self) -> str:
        """' (N set aside: different stories)' when the verdict set findings aside."""
        return f" ({len(self.set_aside)} set aside: different stories)" if self.set_aside else ""

    def to_dict(self) -> dict[str, Any]:
        """The report as plain JSON-ready data, following schema ``SCHEMA_VERSION``."""
        cov_a, cov_b = self.coverage
        claims_a, claims_b = self.a.claims, self.b.claims
        return {
            "schema_version": SCHEMA_VERSION,
            "identical": self.identical,
            "verdict": {
                "same_story": round(self.similarity.same_story, 4),
                "label": verdict_label(self.similarity.same_story),
                "dimensions": {k: round(self.similarity.dimensions[k], 3) for k in DIMENSIONS},
                "method": self.similarity.method,
                "summary": self.summary(),
            },
            "documents": [_document(self.a, "a"), _document(self.b, "b")],
            "alignment": {
                "links": [
                    {
                        "a": link.a,
                        "b": link.b,
                        "relation": link.relation,
                        "similarity": round(link.similarity, 4),
                        "lexical": round(link.lexical, 4),
                        "confidence": link.confidence,
                        "a_span": _span(self.a.span(claims_a[link.a].start, claims_a[link.a].end)),
                        "b_span": _span(self.b.span(claims_b[link.b].start, claims_b[link.b].end)),
                    }
                    for link in self.alignment.links
                ],
                "only_a": [_span(self.a.span(claims_a[i].start, claims_a[i].end)) | {"claim": i}
                           for i in self.alignment.only_a],
                "only_b": [_span(self.b.span(claims_b[i].start, claims_b[i].end)) | {"claim": i}
                           for i in self.alignment.only_b],
                "coverage": {"a": round(cov_a, 4), "b": round(cov_b, 4)},
            },
            "discrepancies": [_discrepancy(d) for d in self.discrepancies],
            "discrepancies_set_aside": [_discrepancy(d) for d in self.set_aside],
            "reuse": [
                {"kind": r.kind, "a": _span(r.a), "b": _span(r.b), "words": r.words,
                 "overlap": round(r.overlap, 4)}
                for r in self.reuse
            ],
            "likely_source": {
                "side": self.likely_source.side,
                "confidence": round(self.likely_source.confidence, 4),
                "reasons": list(self.likely_source.reasons),
            },
        }

    def to_json(self, indent: int | None = 2) -> str:
        """The report as a JSON string (see ``to_dict``)."""
        return json.dumps(self.to_dict(), ensure_ascii=False, indent=indent)
