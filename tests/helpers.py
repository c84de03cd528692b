"""Build analysed ``Document``s by hand, with offsets found by ``str.find`` so they are exact."""

from __future__ import annotations

import re
from collections.abc import Sequence
from typing import Any, Literal

from storydiff.align.alignment import Alignment, Link, Relation
from storydiff.document import (
    Claim,
    DateMention,
    Document,
    Entity,
    Quantity,
    Quote,
    Sentence,
    Span,
)

#: A surface string, or (surface, n) for its n-th occurrence (0-based).
Where = str | tuple[str, int]

Granularity = Literal["day", "month", "year", "relative", "unknown"]


def locate(text: str, where: Where) -> tuple[int, int]:
    """The offsets of a surface string (its n-th occurrence) in ``text``."""
    surface, nth = (where, 0) if isinstance(where, str) else where
    start = -1
    for _ in range(nth + 1):
        start = text.find(surface, start + 1)
        if start < 0:
            raise ValueError(f"{surface!r} (occurrence {nth}) not in text")
    return start, start + len(surface)


def split_claims(text: str) -> list[tuple[int, int]]:
    """One claim per sentence: runs ending in . ! ? before white space, or at a line end."""
    return [(m.start(), m.end()) for m in re.finditer(r"\S[^\n]*?(?:[.!?](?=\s|$)|(?=\n)|$)", text)]


def build(
    text: str,
    *,
    language: str = "en",
    published: str | None = None,
    entities: Sequence[tuple[Where, str]] = (),
    quantities: Sequence[tuple[Where, float, dict[str, Any]]] = (),
    dates: Sequence[tuple[Where, str | None, Granularity]] = (),
    quotes: Sequence[tuple[Where, Where | None]] = (),
    source: str = "test",
) -> Document:
    """A Document over ``text`` with the given annotations; claims are its sentences."""
    spans = split_claims(text)
    doc = Document(source=source, clean_text=text, title=None, author=None,
                   published=published, language=language)
    doc.sentences = [Sentence(i, s, e, text[s:e]) for i, (s, e) in enumerate(spans)]
    doc.claims = [Claim(i, i, s, e, text[s:e]) for i, (s, e) in enumerate(spans)]
    doc.entities = [Entity(*locate(text, w), text=_at(text, w), label=label)
                    for w, label in entities]
    doc.quantities = [Quantity(*locate(text, w), text=_at(text, w), value=value, **extra)
                      for w, value, extra in quantities]
    doc.dates = [DateMention(*locate(text, w), text=_at(text, w), value=value,
                             granularity=granularity) for w, value, granularity in dates]
    doc.quotes = [Quote(*locate(text, w), text=_at(text, w),
                        speaker=None if who is None else Span(*locate(text, who), _at(text, who)))
                  for w, who in quotes]
    return doc


def _at(text: str, where: Where) -> str:
    """The text at a located surface."""
    start, end = locate(text, where)
    return text[start:end]


def links(*pairs: tuple[int, int], similarity: float = 0.85, lexical: float = 0.6,
          relation: Relation = "paraphrase", confidence: float | None = None) -> Alignment:
    """An alignment with one link per (claim of a, claim of b) pair."""
    return Alignment(links=[Link(a, b, relation, similarity, lexical, confidence)
                            for a, b in pairs])


def identity(doc: Document, *, similarity: float = 1.0) -> Alignment:
    """Each claim linked to the claim of the same index."""
    return links(*((i, i) for i in range(len(doc.claims))), similarity=similarity, lexical=1.0,
                 relation="same_wording")


def swapped(alignment: Alignment) -> Alignment:
    """The alignment seen from the other side."""
    return Alignment(links=[Link(k.b, k.a, k.relation, k.similarity, k.lexical)
                            for k in alignment.links],
                     only_a=list(alignment.only_b), only_b=list(alignment.only_a))


def assert_spans_exact(doc: Document, span: Span) -> None:
    """The span's text is exactly the clean text at its offsets."""
    assert doc.clean_text[span.start:span.end] == span.text, span
