"""Span layout: overlapping tagged spans → non-overlapping segments, by a sweep over boundaries.

A text with marks ``[0, 10) claim``, ``[4, 6) discrepancy`` becomes the segments
``[0, 4) {claim}``, ``[4, 6) {claim, discrepancy}``, ``[6, 10) {claim}``: the segments tile
``[0, len(text))`` with no gap and no overlap, and each carries the tags of every mark that
covers it. The HTML renderer writes one ``<span>`` per segment.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Hashable, Iterable
from dataclasses import dataclass
from typing import Generic, TypeVar

__all__ = ["Mark", "Segment", "segments"]

T = TypeVar("T", bound=Hashable)


@dataclass(frozen=True)
class Mark(Generic[T]):
    """A stretch ``[start, end)`` of a text that carries ``tag``."""

    start: int
    end: int
    tag: T


@dataclass(frozen=True)
class Segment(Generic[T]):
    """A stretch ``[start, end)`` covered by exactly the marks whose tags are ``tags``."""

    start: int
    end: int
    tags: frozenset[T]


def segments(length: int, marks: Iterable[Mark[T]]) -> list[Segment[T]]:
    """Cut ``[0, length)`` into the fewest segments on which the set of covering tags is constant.

    Marks are clipped to ``[0, length)``; empty marks are ignored; several marks may carry the
    same tag. Adjacent stretches with the same tag set are merged into one segment.

    Args:
        length: the length of the text.
        marks: the tagged spans, in any order, possibly overlapping or nested.

    Returns:
        Segments in text order that tile ``[0, length)`` exactly (none when ``length`` is 0).

    Example:
        >>> [(s.start, s.end, sorted(s.tags)) for s in segments(6, [Mark(1, 4, "x")])]
        [(0, 1, []), (1, 4, ['x']), (4, 6, [])]
    """
    active: Counter[T] = Counter()
    out: list[Segment[T]] = []
    pos = 0
    for at, delta, tag in _events(length, marks):
        if at > pos:
            _append(out, Segment(pos, at, frozenset(active)))
            pos = at
        active[tag] += delta
        if not active[tag]:
            del active[tag]
    if pos < length:
        _append(out, Segment(pos, length, frozenset(active)))
    return out


def _events(length: int, marks: Iterable[Mark[T]]) -> list[tuple[int, int, T]]:
    """Start (+1) and end (-1) events of the clipped, non-empty marks, sorted by position."""
    events: list[tuple[int, int, T]] = []
    for mark in marks:
        start, end = max(0, mark.start), min(length, mark.end)
        if start < end:
            events += [(start, 1, mark.tag), (end, -1, mark.tag)]
    events.sort(key=lambda event: event[0])
    return events


def _append(out: list[Segment[T]], segment: Segment[T]) -> None:
    """Append ``segment``, merging it into the previous one when their tags are equal."""
    if out and out[-1].tags == segment.tags and out[-1].end == segment.start:
        out[-1] = Segment(out[-1].start, segment.end, segment.tags)
    else:
        out.append(segment)
