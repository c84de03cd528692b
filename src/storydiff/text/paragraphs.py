"""Paragraphs of a clean text: runs of non-blank lines, split at blank lines (a line of nothing
but white space is blank)."""

from __future__ import annotations

import re

__all__ = ["PARAGRAPH", "paragraph_starts"]

#: One paragraph: a run of non-blank lines, from its first non-space character to its last.
PARAGRAPH = re.compile(r"\S(?:.*\S)?(?:\n(?!\s*\n).*\S)*")


def paragraph_starts(text: str) -> list[int]:
    """Where each paragraph after the first begins (its first non-space character).

    Example:
        >>> paragraph_starts("Title\\n\\nFirst line.\\nSame paragraph.\\n \\nNext one.")
        [7, 37]
    """
    return [m.start() for m in PARAGRAPH.finditer(text)][1:]
