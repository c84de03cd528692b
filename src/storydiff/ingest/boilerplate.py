"""The boilerplate line cleaner: takes share buttons, credits, prompts and tags out of plain text.

Three mechanisms, as in web-corpus cleaning:

1. a multilingual phrase list (``phrases``): "Pin It", "Lire aussi : …", "photography NAME", "©"…;
2. rules for short lines at the edges of the text, as in C4 (Raffel et al. 2020) and Gopher
   (Rae et al. 2021): one- or two-word lines before the headline are category tags, and lines of
   at most three words after the last sentence are trailing fragments;
3. lines repeated across many documents of one source (``RepeatedLineFilter``, as in CCNet and
   Dolma), for corpus mode.

Guarantee: a line of at least eight words that ends like a sentence is never removed, unless it
carries an explicit marker (a copyright sign, a cookie notice, "Read more:" with a colon) and
is at most 40 words long.
"""

from __future__ import annotations

import re
from collections.abc import Sequence

from ..document import RemovedLine
from .lines import (
    Line,
    ends_sentence,
    is_prose,
    join_paragraphs,
    non_blank,
    split_lines,
    word_count,
)
from .names import looks_like_author_list_heuristic, looks_like_person_name_heuristic
from .phrases import PREFIX, SECTION_WORDS, SHARE_CORE, SHARE_FILLER, STRONG, WHOLE
from .repetition import RepeatedLineFilter

__all__ = [
    "RepeatedLineFilter",
    "boilerplate_reason",
    "line_key",
    "remove_boilerplate",
    "remove_boilerplate_lines",
]

_LEADING = re.compile(r"^[\s•·*\-–—>»›▶►|#~=+]+")
_TRAILING = re.compile(r"[\s:»›>→|…\-–—.!]+$")
_SPLIT = re.compile(r"[\s|/·,]+")
_BARE_CREDIT = re.compile(
    r"(?i)^(?:photo(?:graph(?:y|er|ie)?)?s?|foto(?:graf(?:ie|ia|ía))?|pictures?|images?|bild)"
    r"(?:\s+(?:by|par|von|de|di|door|credit))?\s+(.+)$"
)
_AGENCIES = frozenset(
    ["afp", "ap", "reuters", "epa", "dpa", "getty", "ansa", "efe", "anp", "pap", "tass", "aa",
     "xinhua", "shutterstock", "getty images", "ap photo", "afp photo"]
)
_PREFIX_MAX_WORDS = 25
_HEADER_LINES = 6
_TAIL_MAX_LINES = 5


#: A line longer than this is article text even when it carries a marker (a one-line article
#: that ends with "Copyright … All rights reserved." must not vanish whole).
_STRONG_MAX_WORDS = 40


def line_key(text: str) -> str:
    """The form phrases are matched on: lower-case, no leading bullets or trailing arrows."""
    key = _TRAILING.sub("", _LEADING.sub("", text.replace("’", "'")))
    return " ".join(key.lower().replace("\u0307", "").split())


def _share_reason(key: str) -> str | None:
    """'share button' when the line holds only share words ("Pin It", "Facebook Twitter")."""
    tokens = [t.strip(".:!()[]") for t in _SPLIT.split(key) if t.strip(".:!()[]")]
    if not tokens or len(tokens) > 8 or not any(t in SHARE_CORE for t in tokens):
        return None
    return "share button" if all(t in SHARE_CORE or t in SHARE_FILLER for t in tokens) else None


def _bare_credit(text: str) -> str | None:
    """'photo credit' for "photography Bex Wade" or "Photo AFP": a photo word, then a name."""
    match = _BARE_CREDIT.match(text.strip())
    if match is None:
        return None
    parts = [p.strip() for p in match.group(1).split("/") if p.strip()]
    credited = all(p.lower() in _AGENCIES or looks_like_author_list_heuristic(p) for p in parts)
    return "photo credit" if parts and credited else None


def _first_reason(table: Sequence[tuple[re.Pattern[str], str]], key: str) -> str | None:
    """The reason of the first pattern in ``table`` that matches at the start of ``key``."""
    return next((reason for pattern, reason in table if pattern.match(key)), None)


def boilerplate_reason(text: str) -> str | None:
    """Why the phrase list marks one line as boilerplate, or None when it does not.

    Example:
        >>> boilerplate_reason("Pin It")
        'share button'
        >>> boilerplate_reason("The minister resigned on Monday after weeks of pressure.") is None
        True
    """
    key = line_key(text)
    if not key:
        return None
    strong = _first_reason(STRONG, key) if word_count(text) <= _STRONG_MAX_WORDS else None
    if strong is not None or is_prose(text):
        return strong
    found = _share_reason(key) or _first_reason(WHOLE, key) or _bare_credit(text)
    if found is None and word_count(text) <= _PREFIX_MAX_WORDS:
        found = _first_reason(PREFIX, key)
    return found


def _is_category_tag(text: str) -> bool:
    """One or two words, no digits, no final punctuation, and not a person's name."""
    if word_count(text) > 2 or ends_sentence(text) or any(ch.isdigit() for ch in text):
        return False
    words = {w.lower().strip(":") for w in text.split()}
    return bool(words & SECTION_WORDS) or not looks_like_person_name_heuristic(text)


def _leading_tags(lines: Sequence[Line], reasons: dict[int, str]) -> dict[int, str]:
    """Category tags: short lines above the headline (the first line of three words or more)."""
    found: dict[int, str] = {}
    for line in non_blank(lines)[:_HEADER_LINES]:
        if line.no in reasons:
            continue
        if word_count(line.text) >= 3:
            break
        if _is_category_tag(line.text):
            found[line.no] = "category tag"
    return found


def _trailing_fragments(lines: Sequence[Line], reasons: dict[int, str]) -> dict[int, str]:
    """Lines of at most three words, without punctuation, after the text's last sentence."""
    content = [line for line in non_blank(lines) if line.no not in reasons]
    ends = [i for i, line in enumerate(content) if ends_sentence(line.text)]
    tail = content[ends[-1] + 1 :] if ends else []
    if len(tail) > _TAIL_MAX_LINES:
        return {}
    return {
        line.no: "trailing fragment"
        for line in tail
        if word_count(line.text) <= 3 and not looks_like_author_list_heuristic(line.text)
    }


def remove_boilerplate_lines(lines: Sequence[Line]) -> tuple[list[Line], list[RemovedLine]]:
    """Split numbered lines into those kept and those removed as boilerplate (with reasons)."""
    reasons = {
        line.no: reason
        for line in non_blank(lines)
        if (reason := boilerplate_reason(line.text)) is not None
    }
    reasons |= _leading_tags(lines, reasons)
    reasons |= _trailing_fragments(lines, reasons)
    kept = [line for line in lines if line.no not in reasons]
    removed = [RemovedLine(line.text, reasons[line.no], line.no) for line in lines
               if line.no in reasons]
    return kept, removed


def remove_boilerplate(text: str) -> tuple[str, list[RemovedLine]]:
    """Remove boilerplate lines from plain text.

    Args:
        text: plain text, one paragraph or heading per line, paragraphs split by blank lines.

    Returns:
        The normalised text without boilerplate lines (paragraphs separated by one blank line),
        and the removed lines with their reason and 1-based line number in ``text``.

    Example:
        >>> kept, removed = remove_boilerplate("Pin It\\nStorm hits the coast\\n\\nIt rained.")
        >>> kept
        'Storm hits the coast\\n\\nIt rained.'
        >>> [(r.text, r.reason, r.line_no) for r in removed]
        [('Pin It', 'share button', 1)]
    """
    kept, removed = remove_boilerplate_lines(split_lines(text))
    return join_paragraphs(kept), removed
