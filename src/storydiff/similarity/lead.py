"""The part of an article the scorer reads: its lead, as long as the texts it was trained on.

The SemEval-2022 Task 8 texts the head learned from are the first 200 and last 56 XLM-R tokens
of each article: 95% of them are at most 1,500 characters once cleaned, with about ten claims.
A 700-word article has four times as many claims; its coverage and best-match statistics then
lie where the head has never been. So the scorer reads the first ``SCORER_CHARS`` characters of
each side, cut at a claim's end (news puts the story first: headline, lead, key facts). The
rest of the article still counts everywhere else in the report (alignment, discrepancies,
reuse). A side of at most ``SCORER_CHARS`` characters is read whole, so the training pairs'
features are those of the full texts.
"""

from __future__ import annotations

import dataclasses

from ..align.alignment import Alignment
from ..document import Document, within

__all__ = ["SCORER_CHARS", "lead", "lead_pair"]

#: How much of each clean text the scorer reads.
SCORER_CHARS = 1500


def lead(doc: Document, chars: int = SCORER_CHARS) -> Document:
    """``doc`` cut after its last claim that ends within ``chars`` characters (at least its
    first claim); unchanged when its text is no longer than ``chars``."""
    if len(doc.clean_text) <= chars or not doc.claims:
        return doc
    kept = [c for c in doc.claims if c.end <= chars] or doc.claims[:1]
    cut = kept[-1].end
    return dataclasses.replace(
        doc, clean_text=doc.clean_text[:cut], claims=kept,
        sentences=[s for s in doc.sentences if s.start < cut],
        entities=within(doc.entities, 0, cut), quantities=within(doc.quantities, 0, cut),
        dates=within(doc.dates, 0, cut), quotes=within(doc.quotes, 0, cut))


def lead_pair(a: Document, b: Document, alignment: Alignment,
              chars: int = SCORER_CHARS) -> tuple[Document, Document, Alignment]:
    """Both leads and the alignment restricted to their claims."""
    la, lb = lead(a, chars), lead(b, chars)
    if la is a and lb is b:
        return a, b, alignment
    return la, lb, alignment.restricted(len(la.claims), len(lb.claims))
