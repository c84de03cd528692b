"""``document.within`` and ``document.covering``: the binary search on a list's starts gives
what a scan gives."""

from __future__ import annotations

from hypothesis import given
from hypothesis import strategies as st

from storydiff.document import Entity, covering, within

spans = st.lists(st.tuples(st.integers(0, 300), st.integers(0, 40)), max_size=120)


def _entities(pairs: list[tuple[int, int]]) -> list[Entity]:
    return [Entity(start, start + length, "x" * length, "PERSON") for start, length in pairs]


def _scan(items: list[Entity], start: int, end: int) -> list[Entity]:
    return [x for x in items if x.start >= start and x.end <= end]


@given(spans, st.integers(0, 340), st.integers(0, 80), st.booleans())
def test_within_is_the_scan(pairs: list[tuple[int, int]], start: int, width: int,
                            ordered: bool) -> None:
    items = _entities(sorted(pairs) if ordered else pairs)
    assert within(items, start, start + width) == _scan(items, start, start + width)
    # an item of length zero at the end of the range, and ranges touching the ends
    assert within(items, 0, 400) == items
    assert within(items, start, start) == _scan(items, start, start)


def test_a_list_grown_since_is_read_again() -> None:
    items = _entities([(i * 10, 5) for i in range(50)])
    assert len(within(items, 0, 1000)) == 50
    items.append(Entity(600, 605, "later", "PERSON"))
    assert within(items, 600, 610)[-1].text == "later"
    items.append(Entity(3, 4, "y", "PERSON"))  # now out of order: scanned
    assert within(items, 0, 5) == [items[0], items[-1]]


@given(spans, st.integers(0, 340), st.integers(0, 40), st.booleans())
def test_covering_is_the_scan(pairs: list[tuple[int, int]], start: int, width: int,
                              ordered: bool) -> None:
    items = _entities(sorted(pairs) if ordered else pairs)
    end = start + width
    assert covering(items, start, end) == [x for x in items
                                           if x.start <= start and end <= x.end]


def test_a_longer_mention_covers_a_part_of_it() -> None:
    museum = Entity(49, 73, "Jüdischen Museums Berlin", "MISC")
    assert covering([museum], 49, 66) == [museum]  # "Jüdischen Museums"
    assert within([museum], 49, 66) == []  # within wants it inside the stretch
