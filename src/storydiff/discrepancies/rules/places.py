"""Levels of place names: a continent, a country, a region of a country, or a local place.

Two places exclude each other only at the same level: "Krefeld" does not contradict
"north-eastern Germany" (a city inside a region), nor "Germany" "Berlin". Country and continent
names in every language come from the CLDR tables that Babel ships (a dependency of
trafilatura, through courlan); a name that *contains* a country name with more words
("eastern Ukraine", "Northern Ireland") is a region; anything else is local. Slavic case endings
are tolerated ("Германии", "Niemczech" are still Germany).
"""

from __future__ import annotations

import functools
import re
from typing import Literal

from ...text import fold

__all__ = ["Level", "exclusive_places", "is_country", "place_level"]

Level = Literal["continent", "country", "region", "local"]

_LOCALES = ("en", "de", "es", "fr", "it", "pt", "nl", "pl", "ru", "tr", "ar", "zh", "uk", "cs",
            "sv", "ro", "hu", "el", "ja", "ko")
_SHORT = ("us", "u s", "usa", "u s a", "uk", "u k", "britain", "great britain", "america",
          "holland", "england", "scotland", "wales", "eeuu", "ee uu", "rfa", "brd", "ddr",
          "urss", "ussr", "russie", "uae", "eau",
          # Great Britain, which CLDR names only as the United Kingdom
          "grossbritannien", "grande bretagne", "gran bretana", "gran bretagna",
          "wielka brytania", "великобритания", "buyuk britanya")
_INFLECTION_SLACK = 2  # extra letters of a case ending
_MIN_STEM = 4


def _key(name: str) -> str:
    """A name folded, without punctuation, apostrophe suffixes or a leading article."""
    text = re.sub(r"['’][^\s]*", "", fold(name))
    text = " ".join(re.sub(r"[^\w\s]", " ", text).split())
    return re.sub(r"^(?:the|la|le|les|l|el|los|il|lo|der|die|das|al)\s+", "", text)


@functools.cache
def _names() -> tuple[frozenset[str], frozenset[str]]:
    """Folded country names and continent names in every locale of ``_LOCALES``."""
    try:
        from babel import Locale  # CLDR territory names; installed with trafilatura
    except ImportError:  # pragma: no cover - babel comes with trafilatura
        return frozenset(_SHORT), frozenset()
    countries: set[str] = set(_SHORT)
    continents: set[str] = set()
    for code in _LOCALES:
        for territory, name in Locale.parse(code).territories.items():
            (countries if territory.isalpha() else continents).add(_key(name))
    return frozenset(countries), frozenset(continents)


def _stem(word: str) -> str:
    """A name without its final vowels: the part a case ending keeps ('германия' → 'германи')."""
    return word.rstrip("aeiouyаяеиоуыюь")


@functools.cache
def _stems() -> frozenset[str]:
    """Stems of one-word country names, for inflected forms."""
    countries, _ = _names()
    return frozenset(s for c in countries if " " not in c and len(s := _stem(c)) >= _MIN_STEM)


def _inflected_country(key: str) -> bool:
    """Whether a one-word name is a country name with a case ending ('германии')."""
    if " " in key:
        return False
    for cut in range(_MIN_STEM, len(key) + 1):
        if key[:cut] in _stems() and len(key) - cut <= _INFLECTION_SLACK + 1:
            return True
    return False


def is_country(name: str) -> bool:
    """Whether ``name`` is a country in some language ("Germany", "Allemagne", "Германии").

    Example:
        >>> is_country("Deutschland"), is_country("Krefeld")
        (True, False)
    """
    key = _key(name)
    return key in _names()[0] or _inflected_country(key)


def place_level(name: str) -> Level:
    """The level of a place name: continent, country, region (a name holding a country name
    and more words: "north-eastern Germany") or local (a city, a district, anything else)."""
    key = _key(name)
    countries, continents = _names()
    if key in continents:
        return "continent"
    if is_country(name):
        return "country"
    words = key.split()
    spans = {" ".join(words[i:j]) for i in range(len(words)) for j in range(i + 1, len(words) + 1)}
    return "region" if spans & (countries | continents) else "local"


def exclusive_places(x: str, y: str) -> bool:
    """Whether two different place names exclude each other: they name places of the same
    level ("eastern Ukraine" / "western Ukraine" and "Lyon" / "Lille" do; "Krefeld" /
    "north-eastern Germany" and "Germany" / "Berlin" do not)."""
    return place_level(x) == place_level(y)
