"""Article text and metadata from an HTML page, with trafilatura (Barbaresi 2021, ACL demo).

The page is parsed, never rendered: no script runs and nothing is fetched (no URL is given to
trafilatura). The result is plain text.

libxml2 stops building the tree of a page nested deeper than 255 elements, and the body is lost.
When no body is found in such a page, it is flattened and read again: the tags of a band of
wrapper levels below the top are dropped (their text kept; a dropped paragraph, heading or list
item leaves a line break), so the deepest content keeps its own structure.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import Any

from .._errors import InputFormatError, NoArticleBodyError
from .lines import plain_inline

__all__ = ["ExtractedPage", "extract_html", "flatten_deep_html"]

_HTML_LANG = re.compile(r"<html\b[^>]*?\blang\s*=\s*[\"']?([a-zA-Z]{2,3})\b", re.IGNORECASE)
_MAX_DEPTH = 200  # flatten pages nested deeper than this (libxml2 gives up at 256)
_TARGET_DEPTH = 150  # ...down to about this depth
_KEEP_TOP = 8  # levels kept intact at the top (html, body, main wrappers)
_TAG = re.compile(
    r"<!--.*?(?:-->|\Z)|<![^>]*>|<\?[^>]*>"
    r"|<(/?)([a-zA-Z][a-zA-Z0-9:-]*)((?:\"[^\"]*\"|'[^']*'|[^'\">])*)>", re.S)
_RAW_TEXT = frozenset({"script", "style", "textarea", "title", "xmp", "noscript", "iframe"})
_VOID = frozenset({"area", "base", "br", "col", "embed", "hr", "img", "input", "link", "meta",
                   "param", "source", "track", "wbr", "keygen", "command", "basefont",
                   "frame", "isindex"})
_SELF_CLOSING = frozenset({"p", "li", "dt", "dd", "tr", "td", "th", "option", "optgroup",
                           "thead", "tbody", "tfoot", "colgroup", "rb", "rt", "rp"})
_LINE_TAGS = frozenset({"p", "li", "h1", "h2", "h3", "h4", "h5", "h6", "tr", "blockquote",
                        "dt", "dd", "pre"})
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
        flat = flatten_deep_html(raw)  # a page too deep for libxml2 loses its body: flatten it
        if flat is not raw:
            data = _bare_extraction(flat, source)
            text = data.get("text")
    if not isinstance(text, str) or not text.strip():
        raise NoArticleBodyError(source, _NO_BODY)
    return ExtractedPage(text=text, title=_meta(data, "title"), author=_meta(data, "author"),
                         date=_meta(data, "date"), language=_language(raw, data))


def _walk(raw: str) -> list[tuple[int, int, str, bool, int]]:
    """Every element tag of ``raw`` as (start, end, name, closing, depth of the element), with
    the contents of script, style and the like skipped and optional end tags implied.

    Linear in the number of tags: the open elements of each name are indexed, so closing one
    under 90,000 open ``<div>``s does not search the whole stack."""
    out: list[tuple[int, int, str, bool, int]] = []
    stack: list[str] = []
    open_at: dict[str, list[int]] = {}  # name -> stack positions holding it, ascending

    def close_from(position: int) -> None:  # pop stack[position:]
        while len(stack) > position:
            open_at[stack.pop()].pop()

    pos = 0
    while True:
        match = _TAG.search(raw, pos)
        if match is None:
            return out
        pos = match.end()
        name = (match.group(2) or "").lower()
        if not name:
            continue
        if match.group(1):  # a closing tag: close up to its element, if open
            if open_at.get(name):
                depth = open_at[name][-1] + 1
                out.append((match.start(), match.end(), name, True, depth))
                close_from(depth - 1)
            continue
        if name in _SELF_CLOSING and name in stack[-3:]:
            close_from(open_at[name][-1])
        if name in _VOID or match.group(3).rstrip().endswith("/"):
            continue
        open_at.setdefault(name, []).append(len(stack))
        stack.append(name)
        out.append((match.start(), match.end(), name, False, len(stack)))
        if name in _RAW_TEXT:  # skip to its end tag
            end = re.compile(rf"</{name}\s*>", re.I).search(raw, pos)
            pos = end.start() if end is not None else len(raw)


def flatten_deep_html(raw: str) -> str:
    """``raw`` unchanged when no element is nested deeper than ``_MAX_DEPTH``; otherwise with
    the tags of the levels below the top ``_KEEP_TOP`` dropped until the deepest element sits
    at about ``_TARGET_DEPTH`` (text kept; a dropped paragraph-like tag leaves a ``<br>``).

    Example:
        >>> page = "<html><body>" + "<div>" * 400 + "<p>Text.</p>" + "</div>" * 400
        >>> "<p>Text.</p>" in flatten_deep_html(page), flatten_deep_html(page).count("<div>")
        (True, 147)
    """
    if raw.count("<") <= _MAX_DEPTH:
        return raw
    tags = _walk(raw)
    deepest = max((depth for *_, depth in tags), default=0)
    if deepest <= _MAX_DEPTH:
        return raw
    low, high = _KEEP_TOP, _KEEP_TOP + deepest - _TARGET_DEPTH  # drop depths in (low, high]
    parts: list[str] = []
    pos = 0
    for start, end, name, _closing, depth in tags:
        if low < depth <= high:
            parts.append(raw[pos:start])
            parts.append("<br>" if name in _LINE_TAGS else "")
            pos = end
    parts.append(raw[pos:])
    return "".join(parts)
