"""Word tokens with character offsets, one rule for every language.

A word is a run of letters and digits (``\\w+``), except in scripts written without spaces
between words (Chinese, Japanese kana, Thai, Lao, Khmer, Myanmar): there each character is one
token, so that a Chinese sentence counts its characters instead of being one giant "word".
(Korean writes spaces between words, so Hangul runs stay whole.)
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass

__all__ = ["CJK", "HANGUL", "UNSPACED", "UNSPACED_LANGUAGES", "Token", "Word", "count_words",
           "fold", "tokenize", "tokens", "word_runs", "words"]

#: Japanese kana and the CJK ideographs (Chinese characters, Japanese kanji).
CJK = "\u3040-\u30ff\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff"
#: Korean Hangul syllables: words are spaced, but counters glue to numbers ("3명").
HANGUL = "\uac00-\ud7af"
#: Characters of scripts written without spaces between words.
UNSPACED = (
    "\u0e00-\u0e7f"  # Thai
    "\u0e80-\u0eff"  # Lao
    "\u1000-\u109f"  # Myanmar
    "\u1780-\u17ff"  # Khmer
    + CJK
)
#: Language codes written without spaces between words whose word lists (dates, negations)
#: the project has: their forms are matched inside runs of letters, not between word edges.
UNSPACED_LANGUAGES = frozenset({"zh", "ja"})
#: Thai and Lao vowel and tone marks, which belong to the character before them.
_MARKS = "\u0e31\u0e34-\u0e3a\u0e47-\u0e4e\u0eb1\u0eb4-\u0ebc\u0ec8-\u0ecd"
_TOKEN = re.compile(rf"[{UNSPACED}][{_MARKS}]*|[^\W{UNSPACED}]+")
_RUN = re.compile(r"\w+")


@dataclass(frozen=True)
class Token:
    """A word as written (``text``) and its offsets in the text it came from."""

    text: str
    start: int
    end: int


def tokens(text: str) -> list[Token]:
    """The words of ``text`` with their offsets (one token a character in unspaced scripts).

    Example:
        >>> [t.text for t in tokens("Le 3 mai, 北京市 said")]
        ['Le', '3', 'mai', '北', '京', '市', 'said']
    """
    return [Token(m.group(), m.start(), m.end()) for m in _TOKEN.finditer(text)]


def words(text: str) -> list[str]:
    """Case-folded words of ``text`` (see ``tokens``).

    Example:
        >>> words("The U.S. 北京")
        ['the', 'u', 's', '北', '京']
    """
    return [m.group().casefold() for m in _TOKEN.finditer(text)]


def count_words(text: str) -> int:
    """How many words ``text`` holds (characters in unspaced scripts)."""
    return sum(1 for _ in _TOKEN.finditer(text))


@dataclass(frozen=True)
class Word:
    """A token: its folded form and its offsets in the original text."""

    norm: str
    start: int
    end: int


def fold(text: str) -> str:
    """Case-fold ``text`` and strip its accents: 'Étas-Unis' → 'etas-unis'."""
    if text.isascii():
        return text.lower()
    decomposed = unicodedata.normalize("NFKD", text.casefold())
    return "".join(ch for ch in decomposed if not unicodedata.combining(ch))


def tokenize(text: str) -> list[Word]:
    """The words of ``text`` (``storydiff.text.tokens``: runs of letters/digits, one a
    character in scripts written without spaces), folded, with their offsets."""
    return [Word(fold(t.text), t.start, t.end) for t in tokens(text)]


def word_runs(text: str) -> list[str]:
    """The runs of letters and digits of ``text`` as written (``\\w+``), without the one-token-a-
    character rule of ``tokens``: a Chinese clause is one run. The scorer's lexical features,
    the aligner's word trigrams and the corpus's shingles were built (and trained, and stored)
    on these runs, so they keep them.

    Example:
        >>> word_runs("Le 3 mai, 北京市 said")
        ['Le', '3', 'mai', '北京市', 'said']
    """
    return _RUN.findall(text)
