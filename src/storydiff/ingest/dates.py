"""Publication dates: declared values in any format, and date lines of plain text, as ISO dates."""

from __future__ import annotations

import datetime as dt
import re
import warnings
from typing import Any

import dateparser

__all__ = ["DATE_LANGUAGES", "iso_date", "parse_date_line_heuristic"]

#: Languages dateparser tries; a mix such as "Mai 19, 2017" (French month, English order) parses.
DATE_LANGUAGES = ["en", "fr", "de", "es", "it", "pt", "nl", "pl", "ru", "tr", "ar", "zh"]
_SETTINGS: dict[str, Any] = {"REQUIRE_PARTS": ["day", "month", "year"], "PREFER_DATES_FROM": "past"}
_ISO = re.compile(r"^(\d{4})-(\d{2})-(\d{2})(?:$|[T\s])")
_DATE_LIKE = re.compile(r"\d{4}|\d{1,2}[./-]\d{1,2}[./-]\d{2}|\d{1,2}\s*[^\W\d_]")
_LINE_PREFIX = re.compile(
    r"(?i)^(?:published|posted|updated|last updated|date|publié|mis à jour|le|veröffentlicht"
    r"|aktualisiert|am|stand|publicado|actualizado|pubblicato|aggiornato|atualizado|gepubliceerd"
    r"|bijgewerkt|opublikowano|опубликовано|обновлено|yayınlanma|güncelleme|نشر في|发布时间|发布于"
    r"|on|el|il|em|op)\b\s*:?\s*"
)
_MAX_LINE_WORDS = 10
_NUMERIC_DATE = re.compile(r"\d{1,2}[./-]\d{1,2}[./-]\d{2}")
_YEAR = re.compile(r"(?<!\d)\d{4}(?!\d)")
_DAY = re.compile(r"(?<!\d)\d{1,2}(?!\d)")


def _from_iso(text: str) -> str | None:
    """The date of an ISO 8601 string ("2017-05-19T10:00:00Z"), if valid."""
    match = _ISO.match(text)
    if match is None:
        return None
    try:
        return dt.date(*map(int, match.groups())).isoformat()
    except ValueError:
        return None


def _dateparser(text: str) -> str | None:
    """dateparser's reading of ``text`` as a full date (day, month and year), or None."""
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")  # dateparser warns about pytz/regex details it owns
        parsed = dateparser.parse(text, languages=DATE_LANGUAGES, settings=_SETTINGS)
    return parsed.date().isoformat() if parsed is not None else None


def iso_date(text: str | None) -> str | None:
    """A declared date in any common format as ``YYYY-MM-DD``; None when it is not a full date.

    Example:
        >>> iso_date("Mai 19, 2017"), iso_date("2017-05-19T10:00:00Z"), iso_date("soon")
        ('2017-05-19', '2017-05-19', None)
    """
    if not text or not text.strip() or len(text) > 100:
        return None
    text = " ".join(text.split())
    return _from_iso(text) or (_dateparser(text) if _DATE_LIKE.search(text) else None)


def _strip_prefixes(text: str) -> str:
    """Drop words such as "Published:" or "Mis à jour le" before the date."""
    previous = None
    while previous != text:
        previous, text = text, _LINE_PREFIX.sub("", text, count=1)
    return text


def parse_date_line_heuristic(text: str) -> str | None:
    """Heuristic: the ISO date when the whole line is a date ("Published: 19 May 2017, 10:32").

    Lines of more than ten words, or without a numeric date or both a year and a day number,
    are never date lines (a headline such as "Top gifts in 2019" is not given to dateparser,
    whose first call costs about 0.4 s, and which would want a day anyway).
    """
    if len(text.split()) > _MAX_LINE_WORDS or not _DATE_LIKE.search(text):
        return None
    if not (_NUMERIC_DATE.search(text) or (_YEAR.search(text) and _DAY.search(text))):
        return None
    return iso_date(_strip_prefixes(text.strip()))
