"""Text reuse: passages found word for word (or nearly) in both documents.

Both texts become case-folded, accent-free word tokens that keep their character offsets
(punctuation is ignored). Every ``min_words``-gram of ``b`` goes into a hash table; each
``min_words``-gram of ``a`` found there seeds a match, which grows greedily, forward and then
backward: while the words agree, then across small edits (up to ``MAX_EDIT`` words changed,
inserted or deleted on either side) as long as ``RESYNC`` words agree again after the edit.
This is the seed-and-extend scheme of BLAST (Altschul et al., 1990) applied to words; it runs in
time close to linear in the length of the texts. Overlapping candidates are resolved greedily,
longest first, so no region is reported twice.
"""

from __future__ import annotations

from dataclasses import dataclass

from .._errors import SettingsError
from ..document import Document, Span
from ..text import Word, tokenize
from .evidence import ReusedPassage

__all__ = ["MAX_EDIT", "RESYNC", "find_reuse"]

#: Most words changed, inserted or deleted on each side between two agreeing stretches.
MAX_EDIT = 3
#: Words that must agree after an edit for a near-verbatim passage to continue.
RESYNC = 3
#: n-grams seen more often than this in ``b`` are boilerplate and seed nothing.
_MAX_SEEDS_PER_GRAM = 50

@dataclass
class _Match:
    """A candidate passage: word ranges ``[i0, i1)`` in a and ``[j0, j1)`` in b."""

    i0: int
    i1: int
    j0: int
    j1: int
    matched: int


def _run(ta: list[str], tb: list[str], i: int, j: int) -> int:
    """Length of the exact word run starting at ``ta[i]`` and ``tb[j]``."""
    k = 0
    while i + k < len(ta) and j + k < len(tb) and ta[i + k] == tb[j + k]:
        k += 1
    return k


def _run_back(ta: list[str], tb: list[str], i: int, j: int) -> int:
    """Length of the exact word run ending just before ``ta[i]`` and ``tb[j]``."""
    k = 0
    while i - k > 0 and j - k > 0 and ta[i - k - 1] == tb[j - k - 1]:
        k += 1
    return k


def _skips() -> list[tuple[int, int]]:
    """Edit sizes ``(di, dj)`` to try, smallest total first."""
    return [(di, total - di) for total in range(1, 2 * MAX_EDIT + 1)
            for di in range(max(0, total - MAX_EDIT), min(total, MAX_EDIT) + 1)]


_SKIPS = _skips()


def _resync(ta: list[str], tb: list[str], i: int, j: int) -> tuple[int, int] | None:
    """The smallest skip after ``(i, j)`` past which ``RESYNC`` words agree again."""
    for di, dj in _SKIPS:
        a0, b0 = i + di, j + dj
        if a0 + RESYNC <= len(ta) and b0 + RESYNC <= len(tb) \
                and ta[a0:a0 + RESYNC] == tb[b0:b0 + RESYNC]:
            return di, dj
    return None


def _resync_back(ta: list[str], tb: list[str], i: int, j: int) -> tuple[int, int] | None:
    """The smallest skip before ``(i, j)`` behind which ``RESYNC`` words agree again."""
    for di, dj in _SKIPS:
        a1, b1 = i - di, j - dj
        if a1 >= RESYNC and b1 >= RESYNC and ta[a1 - RESYNC:a1] == tb[b1 - RESYNC:b1]:
            return di, dj
    return None


def _extend(ta: list[str], tb: list[str], i: int, j: int) -> _Match:
    """Grow a seed at ``(i, j)``: exact runs joined across small edits, both ways."""
    back = _run_back(ta, tb, i, j)
    i, j = i - back, j - back
    k = _run(ta, tb, i, j)
    match = _Match(i, i + k, j, j + k, k)
    while (skip := _resync(ta, tb, match.i1, match.j1)) is not None:
        a0, b0 = match.i1 + skip[0], match.j1 + skip[1]
        k = _run(ta, tb, a0, b0)
        match.i1, match.j1, match.matched = a0 + k, b0 + k, match.matched + k
    while (skip := _resync_back(ta, tb, match.i0, match.j0)) is not None:
        a1, b1 = match.i0 - skip[0], match.j0 - skip[1]
        k = _run_back(ta, tb, a1, b1)
        match.i0, match.j0, match.matched = a1 - k, b1 - k, match.matched + k
    return match


def _seed_table(tb: list[str], n: int) -> dict[tuple[str, ...], list[int]]:
    """Positions of every n-gram of ``tb``."""
    table: dict[tuple[str, ...], list[int]] = {}
    for j in range(len(tb) - n + 1):
        table.setdefault(tuple(tb[j:j + n]), []).append(j)
    return table


def _candidates(ta: list[str], tb: list[str], n: int) -> list[_Match]:
    """Every extended match, skipping seeds that an earlier match already covers."""
    table = _seed_table(tb, n)
    found: list[_Match] = []
    active: list[_Match] = []
    for i in range(len(ta) - n + 1):
        positions = table.get(tuple(ta[i:i + n]), [])
        if not positions or len(positions) > _MAX_SEEDS_PER_GRAM:
            continue
        active = [m for m in active if m.i1 > i]
        for j in positions:
            if any(m.j0 <= j < m.j1 for m in active):
                continue
            match = _extend(ta, tb, i, j)
            found.append(match)
            active.append(match)
    return found


def _overlaps(m: _Match, kept: list[_Match]) -> bool:
    """Whether ``m`` shares words with an already kept match on either side."""
    return any((m.i0 < k.i1 and k.i0 < m.i1) or (m.j0 < k.j1 and k.j0 < m.j1) for k in kept)


def _select(candidates: list[_Match]) -> list[_Match]:
    """Non-overlapping matches, the longest first."""
    kept: list[_Match] = []
    for m in sorted(candidates, key=lambda c: (-c.matched, c.i0, c.j0)):
        if not _overlaps(m, kept):
            kept.append(m)
    return sorted(kept, key=lambda c: (c.i0, c.j0))


def _span(text: str, words: list[Word], first: int, last: int) -> Span:
    """The text from word ``first`` to word ``last - 1``, inclusive."""
    start, end = words[first].start, words[last - 1].end
    return Span(start, end, text[start:end])


def _passage(a: Document, b: Document, wa: list[Word], wb: list[Word], m: _Match) -> ReusedPassage:
    """The record for one selected match."""
    length = max(m.i1 - m.i0, m.j1 - m.j0)
    overlap = m.matched / length
    return ReusedPassage(
        a=_span(a.clean_text, wa, m.i0, m.i1),
        b=_span(b.clean_text, wb, m.j0, m.j1),
        kind="verbatim" if overlap == 1.0 else "near_verbatim",
        words=m.i1 - m.i0,
        overlap=overlap,
    )


def find_reuse(a: Document, b: Document, *, min_words: int = 8) -> list[ReusedPassage]:
    """Passages shared by ``a`` and ``b``, verbatim or with light edits.

    Args:
        a, b: the documents; only ``clean_text`` is read.
        min_words: the shortest exact word run that starts a passage (``Settings.reuse_min_words``).

    Raises:
        SettingsError: ``min_words`` is below 2.

    Returns:
        Passages in the order of ``a``, none overlapping another on either side. ``words`` counts
        the words of the passage in ``a``; ``overlap`` is the share of the longer side's words
        that agree in order (1.0 for verbatim).

    Example:
        >>> from storydiff.document import Document
        >>> def doc(text: str) -> Document:
        ...     return Document("x", text, None, None, None, "en")
        >>> x = doc("One two three four five six seven eight nine.")
        >>> y = doc("Zero one two three four five six seven eight.")
        >>> [(p.a.text, p.words) for p in find_reuse(x, y)]
        [('One two three four five six seven eight', 8)]
    """
    if min_words < 2:
        raise SettingsError(f"min_words must be at least 2, got {min_words}")
    wa, wb = tokenize(a.clean_text), tokenize(b.clean_text)
    ta, tb = [w.norm for w in wa], [w.norm for w in wb]
    return [_passage(a, b, wa, wb, m) for m in _select(_candidates(ta, tb, min_words))]
