"""The span layout: overlapping marks become segments that tile the text."""

from __future__ import annotations

import itertools

from hypothesis import given
from hypothesis import strategies as st

from storydiff.report.render._highlight import Mark, Segment, segments


def test_nested_and_overlapping_marks() -> None:
    marks = [Mark(0, 10, "claim"), Mark(4, 6, "disc"), Mark(5, 12, "reuse")]
    got = [(s.start, s.end, set(s.tags)) for s in segments(12, marks)]
    assert got == [(0, 4, {"claim"}), (4, 5, {"claim", "disc"}),
                   (5, 6, {"claim", "disc", "reuse"}), (6, 10, {"claim", "reuse"}),
                   (10, 12, {"reuse"})]


def test_uncovered_text_and_clipping() -> None:
    got = segments(8, [Mark(-3, 2, "x"), Mark(6, 20, "y"), Mark(4, 4, "empty")])
    assert got == [Segment(0, 2, frozenset({"x"})), Segment(2, 6, frozenset()),
                   Segment(6, 8, frozenset({"y"}))]


def test_same_tag_twice_and_touching_marks_merge() -> None:
    assert segments(6, [Mark(0, 3, "t"), Mark(3, 6, "t"), Mark(1, 4, "t")]) == [
        Segment(0, 6, frozenset({"t"}))]


def test_empty_text_has_no_segments() -> None:
    assert segments(0, [Mark(0, 3, "t")]) == []


@st.composite
def _layouts(draw: st.DrawFn) -> tuple[int, list[Mark[int]]]:
    """A text length and up to 12 marks (tags 0–4, so tags repeat), some out of range."""
    length = draw(st.integers(0, 60))
    bound = st.integers(-5, length + 5)
    marks = draw(st.lists(st.builds(Mark, bound, bound, st.integers(0, 4)), max_size=12))
    return length, marks


@given(_layouts())
def test_segments_tile_the_text_and_carry_exactly_the_covering_tags(
        layout: tuple[int, list[Mark[int]]]) -> None:
    length, marks = layout
    out = segments(length, marks)
    assert [s.start for s in out[:1]] == ([0] if length else [])
    assert out[-1].end == length if out else length == 0
    for before, after in itertools.pairwise(out):
        assert before.end == after.start
        assert before.tags != after.tags  # maximal: neighbours differ
    for seg in out:
        assert seg.start < seg.end
        for pos in range(seg.start, seg.end):
            covering = {m.tag for m in marks if max(0, m.start) <= pos < min(length, m.end)}
            assert seg.tags == covering
