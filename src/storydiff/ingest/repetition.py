"""Lines repeated across many documents of one source are boilerplate (menus, sign-offs, promos).

The idea follows CCNet (Wenzek et al. 2020, "CCNet: Extracting High Quality Monolingual Datasets
from Web Crawl Data") and Dolma's paragraph deduplication: hash every normalised line, count in how
many documents each hash occurs, and drop lines whose count passes a threshold.
"""

from __future__ import annotations

import hashlib
from collections import Counter
from collections.abc import Iterable, Sequence

from ..document import RemovedLine
from .lines import Line, is_prose, join_paragraphs, split_lines

__all__ = ["RepeatedLineFilter"]


def _line_hash(text: str) -> bytes:
    """An 8-byte hash of a line, insensitive to case and spacing."""
    key = " ".join(text.lower().split())
    return hashlib.blake2b(key.encode("utf-8"), digest_size=8).digest()


class RepeatedLineFilter:
    """Learns the lines one source repeats across its documents, then removes them.

    Args:
        min_documents: a line must occur in at least this many documents.
        min_share: ... and in at least this share of all documents seen.
        keep_prose: never remove a sentence-like line (eight words or more, final punctuation),
            so a stock phrase quoted in many articles survives.

    Example:
        >>> f = RepeatedLineFilter(min_documents=2).learn(["Menu\\nA.", "Menu\\nB.", "C."])
        >>> f.filter("Menu\\nNew text.")[0]
        'New text.'
    """

    def __init__(self, *, min_documents: int = 3, min_share: float = 0.1,
                 keep_prose: bool = True) -> None:
        if min_documents < 1 or not 0.0 <= min_share <= 1.0:
            raise ValueError("min_documents must be >= 1 and min_share in [0, 1]")
        self.min_documents = min_documents
        self.min_share = min_share
        self.keep_prose = keep_prose
        self._counts: Counter[bytes] = Counter()
        self._documents = 0

    @property
    def documents(self) -> int:
        """How many documents the filter has learned from."""
        return self._documents

    def add(self, text: str) -> None:
        """Learn one document: each distinct non-blank line counts once."""
        self._counts.update({_line_hash(line.text) for line in split_lines(text) if line.text})
        self._documents += 1

    def learn(self, texts: Iterable[str]) -> RepeatedLineFilter:
        """Learn many documents; returns the filter itself."""
        for text in texts:
            self.add(text)
        return self

    def is_repeated(self, line: str) -> bool:
        """True when ``line`` passes both thresholds (and is not protected prose)."""
        if not line.strip() or (self.keep_prose and is_prose(line)):
            return False
        count = self._counts[_line_hash(line)]
        return count >= self.min_documents and count >= self.min_share * self._documents

    def filter_lines(self, lines: Sequence[Line]) -> tuple[list[Line], list[RemovedLine]]:
        """Split numbered lines into kept ones and those removed as 'repeated line'."""
        kept = [line for line in lines if not self.is_repeated(line.text)]
        removed = [RemovedLine(line.text, "repeated line", line.no)
                   for line in lines if self.is_repeated(line.text)]
        return kept, removed

    def filter(self, text: str) -> tuple[str, list[RemovedLine]]:
        """Remove the repeated lines of ``text``; returns the text and the removed lines."""
        kept, removed = self.filter_lines(split_lines(text))
        return join_paragraphs(kept), removed
