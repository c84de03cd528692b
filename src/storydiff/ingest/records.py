"""JSON article records: one object with the text (or HTML) and declared metadata.

Field names follow common crawlers and datasets (news-please ``maintext``/``date_publish``,
schema.org ``articleBody``/``datePublished``, RSS ``pubDate``).
"""

from __future__ import annotations

import json
from collections.abc import Mapping
from typing import Any

from .._errors import EmptyInputError, InputFormatError
from ..document import Article
from .lines import plain_inline
from .sniff import looks_like_html_heuristic

__all__ = ["parse_record"]

_TEXT_KEYS = ("text", "body", "content", "maintext", "articleBody", "article", "full_text",
              "fulltext", "article_text")
_HTML_KEYS = ("html", "raw_html", "content_html", "body_html")
_TITLE_KEYS = ("title", "headline")
_AUTHOR_KEYS = ("author", "authors", "byline", "creator")
_DATE_KEYS = ("date", "published", "date_publish", "publish_date", "published_at",
              "datePublished", "date_published", "pubDate", "pub_date")
_LANGUAGE_KEYS = ("language", "lang", "inLanguage")
_URL_KEYS = ("url", "link", "source_url", "canonical_url")


def _load(text: str, source: str) -> Mapping[str, Any]:
    """The JSON object in ``text``, or InputFormatError saying what is wrong."""
    try:
        data = json.loads(text)
    except json.JSONDecodeError as exc:
        raise InputFormatError(source, f"malformed JSON at line {exc.lineno}, column "
                                       f"{exc.colno} ({exc.msg}); fix the record or pass the "
                                       "text itself") from None
    if not isinstance(data, dict):
        raise InputFormatError(source, "a JSON article record must be an object with a 'text' "
                                       "(or 'body', 'html'…) field, not a "
                                       f"{type(data).__name__}")
    return data


def _string(data: Mapping[str, Any], keys: tuple[str, ...]) -> str | None:
    """The first non-empty string (or list of strings, joined) among ``keys``, as plain text."""
    for key in keys:
        value = data.get(key)
        if isinstance(value, list):
            value = ", ".join(v for v in value if isinstance(v, str) and v.strip())
        if isinstance(value, str) and value.strip():
            return plain_inline(value) or None
    return None


def _body(data: Mapping[str, Any], source: str) -> tuple[str, str]:
    """The article body and its kind ("text" or "html"): text fields first, then HTML fields."""
    present = [k for k in _TEXT_KEYS + _HTML_KEYS if isinstance(data.get(k), str)]
    for key in present:
        value: str = data[key]
        if value.strip():
            is_html = key in _HTML_KEYS or looks_like_html_heuristic(value)
            return value, "html" if is_html else "text"
    if present:
        raise EmptyInputError(source, f"the record's '{present[0]}' field is empty; give it "
                                      "the article's text")
    raise InputFormatError(source, "the JSON record has no article text; give it a 'text', "
                                   "'body', 'content', 'maintext' or 'html' field")


def parse_record(text: str, source: str) -> Article:
    """Read one JSON article record.

    Args:
        text: the JSON text of one object.
        source: the name used in messages and kept on the article.

    Returns:
        An :class:`Article` whose ``kind`` is "html" when the body is markup.

    Raises:
        InputFormatError: malformed JSON, not an object, or no text field.
        EmptyInputError: the text field is empty.

    Example:
        >>> parse_record('{"title": "Storm", "body": "It rained.", "lang": "en"}', "<t>").kind
        'text'
    """
    data = _load(text, source)
    body, kind = _body(data, source)
    language = _string(data, _LANGUAGE_KEYS)
    return Article(
        raw=body,
        kind="html" if kind == "html" else "text",
        source=source,
        title=_string(data, _TITLE_KEYS),
        author=_string(data, _AUTHOR_KEYS),
        published=_string(data, _DATE_KEYS),
        language=language.lower() if language else None,
        url=_string(data, _URL_KEYS),
    )
