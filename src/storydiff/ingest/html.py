"""Article text and metadata from an HTML page, with trafilatura (Barbaresi 2021, ACL demo).

The page is parsed, never rendered: no script runs and nothing is fetched (no URL is given to
trafilatura). The result is plain text.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import Any

from .._errors import InputFormatError, NoArticleBodyError
from .lines import plain_inline

__all__ = ["ExtractedPage", "extract_html"]

_HTML_LANG = re.compile(r"<html\b[^>]*?\blang\s*=\s*[\"']?([a-zA-Z]{2,3})\b", re.IGNORECASE)
_NO_BODY = ("no article body found in the HTML (only navigation, scripts or markup?); pass "
            "the article's own page or its text")


@dataclass(frozen=True)
class ExtractedPage:
    """The main text of a page (one paragraph per line) and the metadata found in it."""

    text: str
    title: str | None = None
    author: str | None = None
    date: str | None = None
    language: str | None = None


def _bare_extraction(raw: str, source: str) -> dict[str, Any]:
    """trafilatura's extraction as a dict (2.x returns a Document object); {} when none."""
    from trafilatura import bare_extraction  # lazy: importing trafilatura takes about 0.6 s

    try:
        result = bare_extraction(
            raw, favor_precision=True, with_metadata=True, include_comments=False,
            include_images=False, include_links=False, include_tables=True,
            date_extraction_params={"extensive_search": False, "original_date": True},
        )
    except (ValueError, TypeError, AttributeError) as exc:
        raise InputFormatError(source, f"the HTML cannot be parsed ({exc}); pass the article's "
                                       "text instead") from None
    if result is None:
        return {}
    as_dict = getattr(result, "as_dict", None)
    data = as_dict() if callable(as_dict) else result
    return dict(data) if isinstance(data, dict) else {}


def _meta(data: dict[str, Any], key: str) -> str | None:
    """One metadata value as plain one-line text, or None."""
    value = data.get(key)
    return (plain_inline(value) or None) if isinstance(value, str) else None


def _language(raw: str, data: dict[str, Any]) -> str | None:
    """The page's declared language code: trafilatura's, else the <html lang> attribute."""
    value = _meta(data, "language")
    if value is None:
        match = _HTML_LANG.search(raw[:5000])
        value = match.group(1) if match else None
    return value.lower().split("-")[0] if value else None


def extract_html(raw: str, source: str) -> ExtractedPage:
    """Extract the article from an HTML page.

    Args:
        raw: the HTML.
        source: the name used in error messages.

    Returns:
        An :class:`ExtractedPage` with the main text and the title, author, date and language.

    Raises:
        NoArticleBodyError: no main text was found.
        InputFormatError: the HTML could not be parsed at all.
    """
    data = _bare_extraction(raw, source)
    text = data.get("text")
    if not isinstance(text, str) or not text.strip():
        raise NoArticleBodyError(source, _NO_BODY)
    return ExtractedPage(text=text, title=_meta(data, "title"), author=_meta(data, "author"),
                         date=_meta(data, "date"), language=_language(raw, data))
