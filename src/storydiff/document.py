"""The data that flows through the pipeline: ``Article`` (read) → ``CleanText`` (clean) →
``Document`` (analyse). Every span is a pair of character offsets into ``Document.clean_text``.
"""

from __future__ import annotations

import bisect
import itertools
from collections.abc import Sequence
from dataclasses import dataclass, field
from typing import Literal, TypeVar

__all__ = [
    "Article",
    "Claim",
    "CleanText",
    "DateMention",
    "Document",
    "Entity",
    "Quantity",
    "Quote",
    "RemovedLine",
    "Sentence",
    "Span",
    "covering",
    "within",
]


@dataclass(frozen=True)
class Span:
    """A stretch of a text: ``text == source_text[start:end]``."""

    start: int
    end: int
    text: str


@dataclass(frozen=True)
class Article:
    """Raw input as read: decoded text or HTML plus whatever metadata the input declared."""

    raw: str
    kind: Literal["text", "html"]
    source: str
    title: str | None = None
    author: str | None = None
    published: str | None = None  # as declared by the input (any format); parsed in clean
    language: str | None = None
    url: str | None = None
    warnings: tuple[str, ...] = ()  # what reading had to repair (e.g. invalid UTF-8 bytes)


@dataclass(frozen=True)
class RemovedLine:
    """A line taken out of the text before analysis, and why (e.g. 'share button')."""

    text: str
    reason: str
    line_no: int  # 1-based line number in the text before cleaning


@dataclass(frozen=True)
class CleanText:
    """Article body without boilerplate, with its metadata. ``text`` starts with the headline
    when one is known, so the headline is compared like any other sentence."""

    text: str
    source: str
    title: str | None = None
    author: str | None = None
    published: str | None = None  # ISO date (YYYY-MM-DD) or None
    removed_lines: tuple[RemovedLine, ...] = ()
    declared_language: str | None = None
    warnings: tuple[str, ...] = ()  # carried from the Article


@dataclass(frozen=True)
class Claim:
    """One checkable statement: a sentence, or a clause of a sentence that holds several."""

    index: int
    sentence: int  # index of the sentence it comes from
    start: int
    end: int
    text: str


@dataclass(frozen=True)
class Sentence:
    index: int
    start: int
    end: int
    text: str


@dataclass(frozen=True)
class Entity:
    """A named entity. ``label`` is one of PERSON, ORG, GPE, LOC, NORP, MISC."""

    start: int
    end: int
    text: str
    label: str


@dataclass(frozen=True)
class Quantity:
    """A number in the text: its value, unit (%, $, km…) and what it counts ('survivors')."""

    start: int
    end: int
    text: str
    value: float
    unit: str | None = None
    counted: str | None = None  # head noun the number counts, lower-cased, if found
    approximate: bool = False  # "about", "around", "some", "nearly"…


@dataclass(frozen=True)
class DateMention:
    """A date or time expression, resolved against the publication date when possible."""

    start: int
    end: int
    text: str
    value: str | None  # ISO date YYYY-MM-DD, or YYYY-MM / YYYY when less precise; None if vague
    granularity: Literal["day", "month", "year", "relative", "unknown"] = "unknown"


@dataclass(frozen=True)
class Quote:
    """Quoted words and who they are attributed to (``speaker`` None when unattributed)."""

    start: int  # offsets of the quoted words, without the quote marks
    end: int
    text: str
    speaker: Span | None = None


@dataclass
class Document:
    """A clean, analysed article. Every offset points into ``clean_text``."""

    source: str
    clean_text: str
    title: str | None
    author: str | None
    published: str | None  # ISO date or None
    language: str  # ISO 639-1 code, or "und" when it could not be identified
    removed_lines: tuple[RemovedLine, ...] = ()
    sentences: list[Sentence] = field(default_factory=list)
    claims: list[Claim] = field(default_factory=list)
    entities: list[Entity] = field(default_factory=list)
    quantities: list[Quantity] = field(default_factory=list)
    dates: list[DateMention] = field(default_factory=list)
    quotes: list[Quote] = field(default_factory=list)
    warnings: tuple[str, ...] = ()  # what reading had to repair, carried from the input

    def span(self, start: int, end: int) -> Span:
        """The span ``[start, end)`` of the clean text."""
        return Span(start, end, self.clean_text[start:end])


_Located = TypeVar("_Located", Claim, Sentence, Entity, Quantity, DateMention, Quote)


#: The starts of recently searched lists, by ``id``: (the list itself, its length, its starts,
#: or None where they are out of order). Holding the list keeps its ``id`` from being reused.
_STARTS: dict[int, tuple[Sequence[object], int, list[int] | None]] = {}
_STARTS_KEPT = 64  # lists remembered before the memo is emptied
_SHORT = 32  # shorter lists are scanned


def _starts(items: Sequence[_Located]) -> list[int] | None:
    """The starts of ``items`` where they are in text order, else None; remembered per list, so
    that a document's mentions are not scanned once for every claim (a 100 KB text of 673
    claims and 5,000 figures spent 13 s in that scan). A list grown since is read again; the
    pipeline never replaces an item of a document's lists in place."""
    memo = _STARTS.get(id(items))
    if memo is not None and memo[0] is items and memo[1] == len(items):
        return memo[2]
    starts = [x.start for x in items]
    ordered = all(s <= t for s, t in itertools.pairwise(starts))
    if len(_STARTS) >= _STARTS_KEPT:
        _STARTS.clear()
    _STARTS[id(items)] = (items, len(items), starts if ordered else None)
    return starts if ordered else None


def within(items: Sequence[_Located], start: int, end: int) -> list[_Located]:
    """The items of ``items`` that lie wholly inside ``[start, end)``, in their order (a binary
    search on their starts where they are in text order)."""
    starts = _starts(items) if len(items) > _SHORT else None
    if starts is None:
        return [x for x in items if x.start >= start and x.end <= end]
    first, last = bisect.bisect_left(starts, start), bisect.bisect_right(starts, end)
    return [x for x in items[first:last] if x.end <= end]


def covering(items: Sequence[_Located], start: int, end: int) -> list[_Located]:
    """The items of ``items`` that cover the whole of ``[start, end)`` (the stretch itself or a
    longer mention it is part of), in their order; only those starting at or before ``start``
    are read where the items are in text order."""
    starts = _starts(items) if len(items) > _SHORT else None
    candidates = items if starts is None else items[:bisect.bisect_right(starts, start)]
    return [x for x in candidates if x.start <= start and end <= x.end]
