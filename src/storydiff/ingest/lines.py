"""Text as numbered lines: whitespace normalisation, sanitising, paragraphs and line shape.

The cleaners work on :class:`Line` objects so that every removed line keeps its 1-based number in
the text before cleaning, and the kept lines can be joined back into paragraphs.
"""

from __future__ import annotations

import html
import re
import unicodedata
from collections.abc import Iterable, Sequence
from dataclasses import dataclass

from ..text import CJK, HANGUL

__all__ = [
    "Line",
    "ends_sentence",
    "is_prose",
    "join_paragraphs",
    "non_blank",
    "normalise_inline",
    "normalise_text",
    "plain_inline",
    "split_lines",
    "word_count",
]

_INVISIBLE = dict.fromkeys(map(ord, "\u200b\u200c\u200d\u2060\ufeff\u00ad"))
_CONTROL = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f]")
_SPACES = re.compile(r"[^\S\n]+")
_TAGS = re.compile(r"<[^<>]{0,2000}>")
_CJK = re.compile(f"[{CJK}{HANGUL}]")
_SENTENCE_END = re.compile(r"[.!?…。！？؟](?:[\"'’”»)\]]*)$")
PROSE_MIN_WORDS = 8


@dataclass(frozen=True)
class Line:
    """One line of a text and its 1-based number in the text before cleaning."""

    no: int
    text: str

    @property
    def blank(self) -> bool:
        """True when the line holds no visible character."""
        return not self.text


def normalise_text(text: str) -> str:
    """Plain, NFC-normalised text: unified line ends, no control or invisible characters,
    runs of spaces collapsed inside lines, and each line stripped."""
    text = unicodedata.normalize("NFC", text.replace("\r\n", "\n").replace("\r", "\n"))
    text = _CONTROL.sub(" ", text.replace("\t", " ").translate(_INVISIBLE))
    text = text.replace("\u2028", "\n").replace("\u2029", "\n\n")
    return "\n".join(_SPACES.sub(" ", line).strip() for line in text.split("\n"))


def normalise_inline(text: str) -> str:
    """A metadata value on one line: normalised like body text, line breaks become spaces."""
    return " ".join(normalise_text(text).split())


def plain_inline(text: str) -> str:
    """A metadata value as plain text on one line: tags dropped, entities decoded."""
    if "<" in text or "&" in text:
        text = html.unescape(_TAGS.sub(" ", text))
    return normalise_inline(text)


def split_lines(text: str) -> list[Line]:
    """Number the lines of ``text`` from 1 (the text is normalised first)."""
    return [Line(no, line) for no, line in enumerate(normalise_text(text).split("\n"), start=1)]


def join_paragraphs(lines: Iterable[Line], *, each_line_a_paragraph: bool = False) -> str:
    """Join kept lines: blank lines separate paragraphs, runs of them collapse into one."""
    paragraphs: list[list[str]] = [[]]
    for line in lines:
        if line.blank:
            paragraphs.append([])
        elif each_line_a_paragraph:
            paragraphs.extend([[line.text], []])
        else:
            paragraphs[-1].append(line.text)
    return "\n\n".join("\n".join(p) for p in paragraphs if p)


def word_count(text: str) -> int:
    """Words in ``text``; for Chinese, Japanese or Korean text, two characters count as one word."""
    words = len(text.split())
    cjk = len(_CJK.findall(text))
    return max(words, cjk // 2) if cjk else words


def ends_sentence(text: str) -> bool:
    """True when ``text`` ends with sentence-final punctuation (closing quotes allowed)."""
    return bool(_SENTENCE_END.search(text.rstrip()))


def is_prose(text: str) -> bool:
    """A paragraph sentence: at least eight words and sentence-final punctuation."""
    return word_count(text) >= PROSE_MIN_WORDS and ends_sentence(text)


def non_blank(lines: Sequence[Line]) -> list[Line]:
    """The lines that hold text."""
    return [line for line in lines if not line.blank]
