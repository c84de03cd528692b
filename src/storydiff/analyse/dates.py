"""Date mentions: explicit dates, months, years, weekdays and relative expressions, resolved.

Candidates come from regexes built on month and weekday names (en, fr, de, es, it, pt; months
and weekdays also for pl, ru, tr, ar); explicit dates are read from the regex groups, relative
ones ("last month", "mardi", "vor zwei Tagen") are resolved by calendar arithmetic against the
publication date. dateparser was measured for this and left out: ``search_dates`` is slow and
noisy, and ``parse`` resolved none of "el martes pasado", "mardi dernier", "tre giorni fa",
"há dois dias", "l'an dernier" (dateparser 1.5.0).

A full date in another language's month names ("Mai 19, 2017" in English text) is found too.
"""

from __future__ import annotations

import datetime as dt
import functools
import re
from collections.abc import Iterator
from typing import Literal

from storydiff.document import DateMention
from storydiff.text import UNSPACED_LANGUAGES

from . import _date_lexicon as lex
from ._number_lexicon import ARTICLES_BEFORE_MULTIPLIER, NUMBER_WORDS

__all__ = ["find_dates"]

Granularity = Literal["day", "month", "year", "relative", "unknown"]
_DATED_LANGUAGES = tuple(lex.MONTHS)


def find_dates(text: str, language: str, published: str | None) -> list[DateMention]:
    """Date and time expressions in ``text``, resolved to ISO dates where possible.

    Args:
        text: the clean text.
        language: ISO 639-1 code; month, weekday and relative words exist for en, fr, de, es, it
            and pt; months, weekdays and yesterday/today/tomorrow for pl, ru, tr and ar. Other
            languages get numeric dates and full dates in those languages' month names.
        published: the publication date (ISO ``YYYY-MM-DD``) that relative expressions and dates
            without a year are resolved against; None leaves them unresolved.

    Returns:
        Non-overlapping mentions in text order. Explicit dates have granularity "day", "month" or
        "year" and a value of matching precision; relative ones have granularity "relative" and
        a value as precise as the expression ("last month" → "2017-04"; "last week" → the Monday
        of that week).

    Example:
        >>> [(d.text, d.value) for d in find_dates("It began last month.", "en", "2017-05-19")]
        [('last month', '2017-04')]
    """
    base = _parse_published(published)
    found = [*_explicit(text, language, base), *_relative(text, language, base)]
    found.sort(key=lambda d: (d.start, -(d.end - d.start)))
    kept: list[DateMention] = []
    for mention in found:
        if not kept or mention.start >= kept[-1].end:
            kept.append(mention)
    return kept


def _parse_published(published: str | None) -> dt.date | None:
    """The publication date as a ``date`` (only its first ten characters are read)."""
    try:
        return dt.date.fromisoformat((published or "")[:10])
    except ValueError:
        return None


# ---------------------------------------------------------------- explicit dates


def _explicit(text: str, language: str, base: dt.date | None) -> Iterator[DateMention]:
    """Explicit dates: numeric, day-month-year in any order, month-year, month alone, years."""
    patterns = _explicit_patterns(language)
    for pattern in patterns:
        for match in pattern.finditer(text):
            mention = _explicit_mention(match, base, language)
            if mention is not None:
                yield mention


@functools.cache
def _explicit_patterns(language: str) -> tuple[re.Pattern[str], ...]:
    """The explicit-date patterns of a language, most specific first."""
    own = _alternation(lex.MONTHS.get(language, lex.MONTHS["en"]))
    every = _alternation({m: 0 for table in lex.MONTHS.values() for m in table})
    day = r"(?P<day>[0-3]?\d)(?:\.|er|º|°|st|nd|rd|th)?"
    year = r"(?P<year>(?:1[6-9]|20)\d\d)"
    of = r"(?:\s+(?:de|del|of)\s+|\s+)"
    cues = _alternation(dict.fromkeys(lex.YEAR_CUES, 0))
    sources: tuple[str, ...] = (
        rf"\b{year}-(?P<month_n>[01]\d)-{day}\b",
        rf"\b(?P<day>[0-3]?\d)[/.](?P<month_n>[01]?\d)[/.]{year}\b",
        rf"\b{day}{of}(?P<month>{every})\.?,?{of}{year}\b",
        rf"\b(?P<month>{every})\.?\s+{day},?\s+{year}\b",
        rf"\b{day}{of}(?P<month>{own})\b",  # no dot: the sentence's own
        rf"\b(?P<month>{own})\.?\s+{day}(?!\d)\b",
        rf"\b(?P<month>{own})\.?{of}{year}\b",
        rf"\b(?P<cue>{cues})\s+{year}\b",
        rf"(?<!\d\s)(?<!\d\.\s)\b(?P<month>{own})\b",  # not the month of a rejected date
    )
    if language in lex.MONTH_ALONE_UNSAFE:
        sources = sources[:-1]
    return tuple(re.compile(s, re.IGNORECASE) for s in (*_CJK_SOURCES, *sources))


# Dates written with the CJK year, month and day signs (Chinese and Japanese, in any text:
# "2020年1月20日", "1 月 20 日", "2019 年 12 月", "4 月"), with or without a space between digit
# and sign
_CJK_YEAR = r"(?<!\d)(?P<year>(?:1[6-9]|20)\d\d)\s?年"
_CJK_MONTH = r"(?P<month_n>1[0-2]|0?[1-9])\s?月"
_CJK_DAY = r"(?P<day>3[01]|[12]\d|0?[1-9])\s?[日号號]"
_CJK_SOURCES = (
    rf"{_CJK_YEAR}\s?{_CJK_MONTH}\s?{_CJK_DAY}",
    rf"{_CJK_YEAR}\s?{_CJK_MONTH}",
    rf"(?<![\d.]){_CJK_MONTH}\s?{_CJK_DAY}",
    rf"{_CJK_YEAR}(?!\s?\d)",
    rf"(?<![\d.]){_CJK_MONTH}",  # a month alone ("4 月"); a duration is "4 个月", "4ヶ月"
)


def _alternation(words: dict[str, int]) -> str:
    """A regex alternation of literal words, longest first."""
    return "|".join(re.escape(w) for w in sorted(words, key=len, reverse=True))


def _explicit_mention(
    match: re.Match[str], base: dt.date | None, language: str
) -> DateMention | None:
    """A mention for an explicit-date match, or None when the match is not a real date."""
    groups = match.groupdict()
    month = _month_number(match, language)
    if month is None and groups.get("month") is not None:
        return None
    year = int(groups["year"]) if groups.get("year") else None
    day = int(groups["day"]) if groups.get("day") else None
    if language == "en" and "/" in match.group():  # 05/19/2017: month first in English
        day, month = month, day
    resolved = _explicit_value(year, month, day, base)
    if resolved is None:
        return None
    start, end = match.span("year") if groups.get("cue") else match.span()
    return DateMention(start, end, match.string[start:end], *resolved)


def _month_number(match: re.Match[str], language: str) -> int | None:
    """The month of a match, from digits or a name; None for a name that must be capitalised."""
    groups = match.groupdict()
    if groups.get("month_n"):
        return int(groups["month_n"])
    name = groups.get("month")
    if not name:
        return None
    if name.lower() in lex.CAPITALISED_ONLY and not name[0].isupper():
        return None
    tables = [lex.MONTHS.get(language, {}), *lex.MONTHS.values()]
    return next(t[name.lower()] for t in tables if name.lower() in t)


def _explicit_value(
    year: int | None, month: int | None, day: int | None, base: dt.date | None
) -> tuple[str | None, Granularity] | None:
    """ISO value and granularity (None for an impossible date); a missing year comes from the
    publication date, and without one the value stays None."""
    granularity: Granularity = "day" if day else "month" if month else "year"
    try:
        dt.date(year or 2000, month or 1, day or 1)  # 2000 is a leap year: 29 February passes
    except ValueError:
        return None
    if year is None and base is None:
        return None, granularity
    year = year if year is not None else base.year if base is not None else 0
    if day and month:
        return f"{year:04d}-{month:02d}-{day:02d}", granularity
    return (f"{year:04d}-{month:02d}" if month else f"{year:04d}"), granularity


# ---------------------------------------------------------------- relative expressions


def _relative(text: str, language: str, base: dt.date | None) -> Iterator[DateMention]:
    """Relative expressions resolved against the publication date."""
    for pattern, kind, offset in _relative_patterns(language):
        for match in pattern.finditer(text):
            value = _resolve(match, kind, offset, base, language) if base else None
            yield DateMention(match.start(), match.end(), match.group(), value, "relative")


@functools.cache
def _relative_patterns(language: str) -> tuple[tuple[re.Pattern[str], str, int], ...]:
    """The relative-expression patterns of a language, placeholders filled in."""
    numbers = {
        **NUMBER_WORDS.get(language, {}),
        **dict.fromkeys(ARTICLES_BEFORE_MULTIPLIER.get(language, ()), 1.0),
    }
    num = r"\d{1,3}|" + "|".join(re.escape(w) for w in sorted(numbers, key=len, reverse=True))
    weekdays = _alternation(lex.WEEKDAYS.get(language, {}))
    compiled = []
    for source, kind, offset in lex.RELATIVE.get(language, ()):
        filled = source.replace("NUM", num).replace("WEEKDAY", weekdays)
        bounded = filled if language in UNSPACED_LANGUAGES else rf"(?<!\w){filled}(?!\w)"
        compiled.append((re.compile(bounded, re.IGNORECASE), kind, offset))
    return tuple(compiled)


def _resolve(
    match: re.Match[str], kind: str, offset: int, base: dt.date, language: str
) -> str | None:
    """The ISO value of a relative expression, as precise as the expression."""
    groups = match.groupdict()
    if kind == "day":
        return (base + dt.timedelta(days=offset)).isoformat()
    if kind == "weekday":
        return _weekday(base, groups["wd"], groups.get("dir"), language)
    if kind == "named weekday":
        return None
    unit = _unit(groups["unit"])
    if kind == "ago":
        amount = _amount(groups["n"], language)
        return _shift(base, unit, -amount, exact=True) if amount is not None else None
    return _shift(base, unit, offset, exact=False)


def _unit(word: str) -> str:
    """'semaines' → 'week', 'Jahren' → 'year'…"""
    lowered = word.lower()
    return next(u for u, stems in lex.UNIT_STEMS if lowered.startswith(stems))


def _amount(word: str, language: str) -> int | None:
    """The number of units in 'three days ago' / 'il y a 3 jours'."""
    if word.isdigit():
        return int(word)
    value = NUMBER_WORDS.get(language, {}).get(word.lower())
    if value is None and word.lower() in ARTICLES_BEFORE_MULTIPLIER.get(language, ()):
        value = 1.0
    return int(value) if value is not None else None


def _shift(base: dt.date, unit: str, amount: int, *, exact: bool) -> str:
    """The date ``amount`` units from ``base``, as precise as the unit ('exact' keeps the day)."""
    if unit in ("day", "week"):
        days = amount * (7 if unit == "week" else 1)
        moved = base + dt.timedelta(days=days)
        if unit == "week" and not exact:
            moved -= dt.timedelta(days=moved.weekday())
        return moved.isoformat()
    if unit == "month":
        index = base.year * 12 + base.month - 1 + amount
        return f"{index // 12:04d}-{index % 12 + 1:02d}"
    return f"{base.year + amount:04d}"


def _weekday(base: dt.date, name: str, direction: str | None, language: str) -> str:
    """The named weekday nearest ``base``: on or before it; after it with 'next'; before, 'last'."""
    target = lex.WEEKDAYS[language][name.lower()] - 1
    step = lex.DIRECTIONS.get((direction or "").lower(), 0)
    if step > 0:
        return (base + dt.timedelta(days=(target - base.weekday()) % 7 or 7)).isoformat()
    back = (base.weekday() - target) % 7
    return (base - dt.timedelta(days=back or (7 if step < 0 else 0))).isoformat()
