"""What kind of input a decoded string is: an HTML page, a JSON article record, or plain text."""

from __future__ import annotations

import re
from typing import Literal

__all__ = ["InputKind", "looks_like_html_heuristic", "looks_like_record", "sniff_kind"]

InputKind = Literal["text", "html", "record"]

_TAG = re.compile(
    r"<(?:html|head|body|p|div|article|section|main|br|span|h[1-6]|title|meta|script|style|a|ul"
    r"|li|table|img|header|footer|nav)(?:\s[^<>]*)?/?>",
    re.IGNORECASE,
)
_DOCTYPE = re.compile(r"^\s*(?:<!doctype\s+html|<html[\s>]|<\?xml[^>]*>\s*<(?:!doctype|html))",
                      re.IGNORECASE)
_MIN_TAGS = 3


def looks_like_html_heuristic(text: str) -> bool:
    """Heuristic: a doctype or <html> at the start, or three or more common HTML tags.

    Example:
        >>> looks_like_html_heuristic("<p>One</p><p>Two</p><br>")
        True
        >>> looks_like_html_heuristic("a < b > c")
        False
    """
    if _DOCTYPE.match(text):
        return True
    head = text[:100_000]
    return len(_TAG.findall(head, 0)) >= _MIN_TAGS or (
        head.lstrip().startswith("<") and _TAG.search(head) is not None
    )


def looks_like_record(text: str) -> bool:
    """True when ``text`` is braced like a JSON object (malformed ones are reported later)."""
    stripped = text.strip()
    return stripped.startswith("{") and stripped.endswith("}") and '"' in stripped


def sniff_kind(text: str) -> InputKind:
    """Guess the kind of a decoded input with no telling file name: record, HTML or text."""
    if looks_like_record(text):
        return "record"
    return "html" if looks_like_html_heuristic(text) else "text"
