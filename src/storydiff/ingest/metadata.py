"""Title, author and date from the first lines of a plain text (heuristics on line shape).

The *header* is the run of lines before the first paragraph sentence (at most eight lines). In
it, the title is the first substantial line, an author line is "By X" / "Par X" / "Von X" or a
bare person's name next to the title or a date, and a date line is a line that is wholly a date.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass, field
from typing import Literal

from ..document import RemovedLine
from .dates import parse_date_line_heuristic
from .lines import Line, ends_sentence, is_prose, non_blank, normalise_inline, word_count
from .names import looks_like_author_list_heuristic

__all__ = ["Header", "detect_header_heuristic", "same_headline"]

_HEADER_LINES = 8
_TITLE_MAX_WORDS = 30
_SEGMENTS = re.compile(r"\s+[|·•—–]\s+|\s+-\s+")
_BYLINE = re.compile(
    r"(?i)^(?:written by|reporting by|text(?:e)? (?:by|de|von)|by|par|von|por|di|door|przez|от"
    r"|yazan|بقلم|作者|author|auteur|autor|autore|texte|text)\s*:?\s+(.+)$"
)
_BYLINE_MAX_WORDS = 8

Kind = Literal["author", "name", "date"]


@dataclass(frozen=True)
class _Segment:
    """One classified part of a header line: an author (explicit or a bare name) or a date."""

    kind: Kind
    value: str


@dataclass(frozen=True)
class Header:
    """What the header of a text declares, and the author/date lines to take out of the body."""

    title: Line | None = None
    author: str | None = None
    published: str | None = None
    removed: list[RemovedLine] = field(default_factory=list)


def _byline(text: str) -> str | None:
    """The name in "By Jane Doe", "Par Claudine Rigal", "Von Max Muster, Berlin"."""
    match = _BYLINE.match(text)
    if match is None or word_count(text) > _BYLINE_MAX_WORDS or ends_sentence(text):
        return None
    name = match.group(1).strip(" ,;:")
    return name if name and name[0].isupper() else None


def _segment(text: str) -> _Segment | None:
    """Classify one part of a header line."""
    if (name := _byline(text)) is not None:
        return _Segment("author", name)
    if (date := parse_date_line_heuristic(text)) is not None:
        return _Segment("date", date)
    if looks_like_author_list_heuristic(text):
        return _Segment("name", text.strip())
    return None


def _classify(text: str) -> list[_Segment] | None:
    """The segments of a line made only of author and date parts; None for any other line."""
    parts = [p for p in _SEGMENTS.split(text) if p.strip()]
    segments = [_segment(p) for p in parts]
    if not segments or any(s is None for s in segments):
        return None
    return [s for s in segments if s is not None]


def _is_title(text: str) -> bool:
    """Several words, not a paragraph sentence, not an introduction ending in a colon."""
    words = word_count(text)
    return 3 <= words <= _TITLE_MAX_WORDS and not is_prose(text) and not text.endswith(":")


def same_headline(line: str, title: str) -> bool:
    """True when ``line`` is ``title`` or ``title`` minus a site suffix ("X | Site")."""
    a, b = normalise_inline(line).casefold(), normalise_inline(title).casefold()
    return bool(a) and (a == b or (b.startswith(a) and b[len(a) :][:3].strip() in "|-–—:"))


def _header_zone(lines: Sequence[Line]) -> list[Line]:
    """The non-blank lines before the first paragraph sentence (at most eight)."""
    zone: list[Line] = []
    for line in non_blank(lines)[:_HEADER_LINES]:
        if is_prose(line.text):
            break
        zone.append(line)
    return zone


def _find_title(zone: Sequence[Line], kinds: dict[int, list[_Segment]],
                known_title: str | None) -> Line | None:
    """The headline line: equal to the known title, else the first substantial line."""
    if known_title is not None:
        return next((ln for ln in zone if same_headline(ln.text, known_title)), None)
    first = next((ln for ln in zone if ln.no not in kinds), None)
    return first if first is not None and _is_title(first.text) else None


def _accepted(zone: Sequence[Line], kinds: dict[int, list[_Segment]],
              title: Line | None) -> list[Line]:
    """Header lines taken as metadata; a bare name needs the title or a date line next to it."""
    accepted: list[Line] = []
    for i, line in enumerate(zone):
        segments = kinds.get(line.no)
        if segments is None or (title is not None and line.no == title.no):
            continue
        if any(s.kind != "name" for s in segments):
            accepted.append(line)
            continue
        neighbours = [*zone[max(i - 1, 0) : i], *zone[i + 1 : i + 2]]
        after_title = i > 0 and title is not None and zone[i - 1].no == title.no
        if after_title or any(_has_date(kinds.get(n.no)) for n in neighbours):
            accepted.append(line)
    return accepted


def _has_date(segments: list[_Segment] | None) -> bool:
    """True when a classified line holds a date."""
    return any(s.kind == "date" for s in segments or ())


def _reason(segments: Sequence[_Segment]) -> str:
    """'author line', 'date line' or 'author and date line'."""
    has_date = any(s.kind == "date" for s in segments)
    has_author = any(s.kind != "date" for s in segments)
    return {(True, False): "author line", (False, True): "date line"}.get(
        (has_author, has_date), "author and date line"
    )


def detect_header_heuristic(lines: Sequence[Line], *, known_title: str | None = None) -> Header:
    """Heuristic: find the title, author and publication date in the first lines of a text.

    Args:
        lines: the numbered lines of the (already boilerplate-free) text.
        known_title: a title the input declared; the title line is then the line equal to it.

    Returns:
        A :class:`Header` whose ``removed`` lists the pure author/date lines to drop.

    Example:
        >>> from storydiff.ingest.lines import split_lines
        >>> text = "Storm hits the coast\\nBy Jane Doe\\n\\nIt rained."
        >>> h = detect_header_heuristic(split_lines(text))
        >>> h.title.text, h.author, [r.reason for r in h.removed]
        ('Storm hits the coast', 'Jane Doe', ['author line'])
    """
    zone = _header_zone(lines)
    kinds = {ln.no: segs for ln in zone if (segs := _classify(ln.text)) is not None}
    title = _find_title(zone, kinds, known_title)
    accepted = _accepted(zone, kinds, title)
    segments = [s for ln in accepted for s in kinds[ln.no]]
    author = next((s.value for s in segments if s.kind != "date"), None)
    published = next((s.value for s in segments if s.kind == "date"), None)
    removed = [RemovedLine(ln.text, _reason(kinds[ln.no]), ln.no) for ln in accepted]
    return Header(title, author, published, removed)
