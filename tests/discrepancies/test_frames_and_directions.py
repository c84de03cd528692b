"""What a figure counts (frames) and compass directions, read from words in many languages."""

from __future__ import annotations

import pytest

from storydiff.discrepancies.rules.directions import directions
from storydiff.discrepancies.rules.frames import frame_of, frames_of_word
from storydiff.text import fold


def words(text: str) -> list[str]:
    return [fold(w) for w in text.split()]


@pytest.mark.parametrize(("before", "after", "frame"), [
    ("at least", "people were killed and", "dead"),
    ("killed and", "were wounded", "injured"),  # ties go to the word after
    ("the attack killed", "people and injured", "dead"),  # the nearer word wins
    ("es gab", "verletzte bei dem", "injured"),
    ("il y a eu", "morts et", "dead"),
    ("policía detuvo a", "personas", None),  # "detuvo" is no frame word listed
    ("", "personas fueron detenidas", "arrested"),
    ("погибли", "человек", "dead"),
    ("", "kişi hayatını kaybetti", "dead"),
    ("", "total cases", None),  # "tot..." words are listed whole, "total" is none
    ("who have died and", "confirmed cases", None),  # the dead belong to the figure before "and"
    ("i", "zmarłych", "dead"),
])
def test_the_nearest_frame_word_names_what_a_figure_counts(before: str, after: str,
                                                          frame: str | None) -> None:
    assert frame_of(words(before), words(after)) == frame


def test_the_search_stops_at_another_figure() -> None:
    assert frame_of([], words("and 5 were killed")) is None


def test_chinese_frames_are_read_by_characters() -> None:
    assert frame_of([], [], "爆炸造成", "人死亡") == "dead"
    assert frame_of([], [], "另有", "人受伤") == "injured"
    # the search stops at another figure: "10" belongs to the injured, not the dead
    assert frame_of([], [], "爆炸造成 5 人死亡，", " 人受伤") == "injured"


def test_words_that_merely_start_like_a_frame_word_are_none() -> None:
    for word in ("deadline", "blessed", "rannte", "fermata", "dispersed", "oluştu"):
        assert frames_of_word(fold(word)) is None, word


@pytest.mark.parametrize(("text", "found"), [
    ("in the north-eastern city", [("north-eastern", (1, 1))]),
    ("nordöstlich von Berlin", [("nordöstlich", (1, 1))]),
    ("au sud-ouest de Lyon", [("sud-ouest", (-1, -1))]),
    ("w północno-wschodniej Polsce", [("północno-wschodniej", (1, 1))]),
    ("юго-западный район", [("юго-западный", (-1, -1))]),
    ("en el noroeste del país", [("noroeste", (1, -1))]),
    ("the Middle East and the Nahen Osten", []),
    ("c'est la surest way sur la table", []),  # French "est" and "sur" are other words alone
])
def test_compass_directions_in_many_languages(text: str,
                                             found: list[tuple[str, tuple[int, int]]]) -> None:
    assert [(text[d.start:d.end], d.vector) for d in directions(text)] == found
