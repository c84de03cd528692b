"""Does a short line look like a person's name (an author line)? A heuristic on word shape."""

from __future__ import annotations

import re

from .phrases import SECTION_WORDS

__all__ = ["looks_like_author_list_heuristic", "looks_like_person_name_heuristic"]

_PARTICLES = frozenset(
    ["de", "du", "des", "da", "di", "do", "dos", "das", "del", "della", "van", "von", "der", "den",
     "ter", "le", "la", "al", "el", "bin", "ibn", "y", "zu", "af"]
)
_JOINERS = re.compile(r"\s*(?:,|&|\band\b|\bet\b|\bund\b|\by\b|\be\b|\ben\b|\bi\b|\bи\b|\bve\b)\s*")
_NAME_CHARS = frozenset("'’-.")
_NOT_NAMES = frozenset(
    ["the", "a", "an", "this", "that", "by", "with", "for", "from", "of", "in", "on", "at", "to"]
)


def _is_name_token(token: str) -> bool:
    """A capitalised word, an initial ("J."), or a hyphenated/apostrophed name part."""
    if not token[0].isupper() or not token[0].isalpha():
        return False
    return all(ch.isalpha() or ch in _NAME_CHARS for ch in token)


def _token_ok(token: str, *, edge: bool) -> bool:
    """A name token; particles ("de", "van", "al-") are allowed inside a name only."""
    lower = token.lower()
    if lower in SECTION_WORDS or lower in _NOT_NAMES:
        return False
    if not edge and (lower in _PARTICLES or lower.startswith(("al-", "el-"))):
        return True
    return _is_name_token(token)


def looks_like_person_name_heuristic(text: str) -> bool:
    """Heuristic: two to four capitalised words with no digits or section words.

    Example:
        >>> looks_like_person_name_heuristic("Claudine Rigal")
        True
        >>> looks_like_person_name_heuristic("World News")
        False
    """
    tokens = text.split()
    if not 2 <= len(tokens) <= 4 or len(text) > 60:
        return False
    last = len(tokens) - 1
    return all(_token_ok(t, edge=i in (0, last)) for i, t in enumerate(tokens))


def looks_like_author_list_heuristic(text: str) -> bool:
    """Heuristic: one to four person names joined by commas, "and", "et", "und", "&"…"""
    parts = [p for p in _JOINERS.split(text.strip()) if p]
    return 1 <= len(parts) <= 4 and all(looks_like_person_name_heuristic(p) for p in parts)
