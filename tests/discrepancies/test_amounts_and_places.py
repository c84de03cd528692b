"""What a quantity allows (ranges, bounds, vague amounts) and the levels of place names."""

from __future__ import annotations

import pytest
from hypothesis import given
from hypothesis import strategies as st

from storydiff.discrepancies.rules.amounts import Amount, amount, amounts_differ
from storydiff.discrepancies.rules.places import exclusive_places, is_country, place_level
from tests.helpers import build


def amount_of(text: str, surface: str, value: float, approximate: bool = False) -> Amount:
    """The amount of one quantity written in ``text``."""
    doc = build(text, quantities=[(surface, value, {"approximate": approximate})])
    return amount(doc, doc.quantities[0])


def test_ranges_of_exact_approximate_bounded_and_vague_amounts() -> None:
    assert amount_of("They found 41 boats.", "41", 41) == Amount(41, 41, 0, 41)
    about = amount_of("They found about 40 boats.", "40", 40, approximate=True)
    assert (about.low, about.high) == (32, 50)
    floor = amount_of("They found at least 32 boats.", "32", 32, approximate=True)
    assert (floor.low, floor.high, floor.bound) == (32, float("inf"), 1)
    ceiling = amount_of("They found up to 50 boats.", "50", 50, approximate=True)
    assert (ceiling.low, ceiling.high, ceiling.bound) == (0, 50, -1)
    vague = amount_of("They found tens of thousands of boats.", "tens of thousands", 2e4,
                      approximate=True)
    assert (vague.low, vague.high) == (1e4, 1e5)


def test_a_number_in_words_with_about_is_not_vague() -> None:
    five = amount_of("Kazada yaklaşık beş kişi yaralandı.", "beş", 5, approximate=True)
    assert five.high < 9 / 1.25  # "about nine" must not fit "about five"


@pytest.mark.parametrize(("x", "y", "differ"), [
    (Amount(32, float("inf"), 1, 32), Amount(35, float("inf"), 1, 35), True),
    (Amount(32, float("inf"), 1, 32), Amount(35, 35, 0, 35), False),
    (Amount(1e6, float("inf"), 1, 1e6), Amount(1e4, 1e5, 0, 2e4), True),
    (Amount(32, 50, 0, 40), Amount(41, 41, 0, 41), False),
    (Amount(0, 50, -1, 50), Amount(0, 60, -1, 60), True),
])
def test_amounts_differ(x: Amount, y: Amount, differ: bool) -> None:
    assert amounts_differ(x, y) is differ
    assert amounts_differ(y, x) is differ


@given(st.floats(1, 1e9), st.floats(1, 1e9), st.integers(-1, 1), st.integers(-1, 1))
def test_amounts_differ_is_symmetric_and_reflexive(v: float, w: float, bv: int, bw: int) -> None:
    def make(value: float, bound: int) -> Amount:
        low, high = {1: (value, float("inf")), -1: (0.0, value), 0: (value, value)}[bound]
        return Amount(low, high, bound, value)

    x, y = make(v, bv), make(w, bw)
    assert amounts_differ(x, y) == amounts_differ(y, x)
    assert not amounts_differ(x, x)


@pytest.mark.parametrize(("name", "level"), [
    ("Germany", "country"), ("Deutschland", "country"), ("Германии", "country"),
    ("Almanya'da", "country"), ("ألمانيا", "country"), ("US", "country"),
    ("north-eastern Germany", "region"), ("Northern Ireland", "region"),
    ("Europe", "continent"), ("Krefeld", "local"), ("Indiana", "local"),
])
def test_place_levels(name: str, level: str) -> None:
    assert place_level(name) == level
    assert is_country(name) is (level == "country")


def test_places_exclude_each_other_only_at_the_same_level() -> None:
    assert exclusive_places("Lyon", "Lille") and exclusive_places("Austria", "Hungary")
    assert not exclusive_places("Krefeld", "north-eastern Germany")
    assert not exclusive_places("Germany", "Berlin")
    assert not exclusive_places("France", "Europe")
