"""Sentence splitting with exact offsets: line blocks first, then pysbd or a regex, then guards.

1. The text is cut into blocks at blank lines and at line breaks that start a new unit (the next
   line does not begin in lower case): paragraphs always end a sentence, and a headline or byline
   without final punctuation is its own sentence.
2. Inside a block, a regex proposes cut points (a stop, space, then a capital or digit; the CJK
   full stops 。！？ need no space), joined by pysbd's for the languages it supports. pysbd alone
   never splits inside a quotation, so "“One. Two.”" needs the regex.
3. Guards drop cuts after titles such as "Dr." or "M." (pysbd splits French wrongly there) and move
   a cut past a closing quote that belongs to the sentence before.

Every non-space character of the text lies in exactly one sentence.
"""

from __future__ import annotations

import functools
import itertools
import re
from collections.abc import Iterator

import pysbd
import pysbd.languages

from storydiff.document import Sentence

__all__ = ["split_sentences"]

_PYSBD_LANGUAGES = frozenset(pysbd.languages.LANGUAGE_CODES)
_BLOCK_BREAK = re.compile(r"\n[ \t\r\f\v]*(?:\n\s*)*(?=\S)")
_REGEX_CUT = re.compile(
    r"[.!?…]+(?:\s?[\"'”’»)\]])*\s+(?=[\"'“‘«„(\[¿¡]?(\w))"  # a Latin-style stop, space, a word
    r"|[。！？]+\s*(?=[^\s」』”’）)])"  # CJK stops need no space; none inside a quotation
)
_TITLES = frozenset(
    [
        "mr", "mrs", "ms", "dr", "prof", "st", "gen", "col", "lt", "sgt", "capt", "gov", "sen",
        "rep", "jr", "sr", "messrs", "mme", "mlle", "mm", "pr", "hr", "fr", "sr", "sra", "srta",
        "dra", "dott", "sig", "ing", "nr", "vol", "abs",
    ]
)  # fmt: skip
_ORDINAL_DOT_LANGUAGES = frozenset(
    ["de", "cs", "pl", "sk", "sl", "hr", "hu", "da", "no", "nb", "fi", "tr"]
)  # "3. Mai"
_CLOSING_QUOTES = "\"”»’'」』"
_ACRONYM_END = re.compile(r"(?:^|[\s(\"“«])(?:[^\W\d_]\.){2,}\s*$")  # "U.S. ", "D.C. "
_SENTENCE_STARTERS = frozenset(
    [
        "The", "A", "An", "This", "That", "These", "Those", "It", "Its", "He", "She", "They",
        "We", "I", "His", "Her", "Their", "There", "But", "And", "In", "On", "At", "After",
        "Before", "When", "While", "According", "Officials", "Le", "La", "Les", "Il", "Elle",
        "Ils", "Der", "Die", "Das", "Er", "Sie", "El", "Los", "Las",
    ]
)  # fmt: skip


def split_sentences(text: str, language: str) -> list[Sentence]:
    """Split ``text`` into sentences whose offsets point into ``text``.

    Args:
        text: the clean text.
        language: ISO 639-1 code; pysbd adds its cuts where it supports the language.

    Returns:
        Sentences in text order, trimmed of surrounding white space, never overlapping, covering
        every non-space character.

    Example:
        >>> [s.text for s in split_sentences("Headline here\\n\\nDr. Who came. He left.", "en")]
        ['Headline here', 'Dr. Who came.', 'He left.']
    """
    sentences: list[Sentence] = []
    for block_start, block_end in _blocks(text):
        block = text[block_start:block_end]
        for start, end in _pieces(block, _cuts(block, language)):
            start, end = block_start + start, block_start + end
            sentences.append(Sentence(len(sentences), start, end, text[start:end]))
    return sentences


def _blocks(text: str) -> Iterator[tuple[int, int]]:
    """Line blocks: cut at blank lines and at line breaks before a line not in lower case."""
    start = 0
    for match in _BLOCK_BREAK.finditer(text):
        if match.group().count("\n") >= 2 or not text[match.end()].islower():
            yield start, match.start()
            start = match.end()
    yield start, len(text)


def _cuts(block: str, language: str) -> list[int]:
    """Positions in ``block`` where a new sentence starts, after the guards."""
    raw = _regex_cuts(block)
    if language in _PYSBD_LANGUAGES:
        raw += _pysbd_cuts(block.replace("\n", " "), language)
    kept = [c for c in raw if not _after_title(block, c) and not _after_ordinal(block, c, language)]
    cuts = [_past_closing_quote(block, c) for c in kept]
    return sorted({c for c in cuts if 0 < c < len(block)})


def _pysbd_cuts(block: str, language: str) -> list[int]:
    """Sentence starts proposed by pysbd, located in the block in order."""
    cuts: list[int] = []
    cursor = 0
    for segment in _segmenter(language).segment(block):
        piece = segment.strip()
        if not piece:
            continue
        found = block.find(piece, cursor)
        if found < 0:  # pysbd altered the text: keep the regex cuts alone for this block
            return []
        cuts.append(found)
        cursor = found + len(piece)
    return cuts


@functools.cache
def _segmenter(language: str) -> pysbd.Segmenter:
    """A cached pysbd segmenter that keeps the text as it is."""
    return pysbd.Segmenter(language=language, clean=False)


def _regex_cuts(block: str) -> list[int]:
    """Sentence starts found by the regex: after a stop when the next word starts upper-case."""
    return [
        m.end()
        for m in _REGEX_CUT.finditer(block)
        if m.group(1) is None or m.group(1).isupper() or m.group(1).isdigit()
    ]


def _after_title(block: str, cut: int) -> bool:
    """Whether the text before ``cut`` ends with a title or an initial ("Dr.", "M.", "J."), and
    is not an acronym such as "U.S." followed by a word that starts sentences ("The")."""
    match = re.search(r"(?:^|[\s(\"“«.])([^\W\d_]{1,5})\.\s*$", block[:cut])
    if match is None:
        return False
    word = match.group(1)
    if word.lower() in _TITLES:
        return True
    if len(word) != 1 or not word.isupper():
        return False
    return not (_ACRONYM_END.search(block[:cut]) and _starts_sentence(block[cut:]))


def _starts_sentence(rest: str) -> bool:
    """Whether ``rest`` begins with a word that starts sentences and is never part of a name."""
    first = re.match(r"[\"'“‘«]?(\w+)", rest)
    return first is not None and first.group(1) in _SENTENCE_STARTERS


def _after_ordinal(block: str, cut: int, language: str) -> bool:
    """Whether the cut follows an ordinal ("am 3. Mai") in a language that writes them so."""
    return (
        language in _ORDINAL_DOT_LANGUAGES
        and re.search(r"\b\d{1,2}\.\s*$", block[:cut]) is not None
    )


def _past_closing_quote(block: str, cut: int) -> int:
    """Move a cut that would start a sentence with its predecessor's closing quote past it."""
    end = cut
    while end < len(block) and block[end] in _CLOSING_QUOTES and _closes(block, end):
        end += 1
    return end


def _closes(block: str, at: int) -> bool:
    """Whether the quote mark at ``at`` closes (follows a stop and precedes space or the end)."""
    before = block[:at].rstrip()
    after = block[at + 1 : at + 2]
    return bool(before) and before[-1] in ".!?…。！？" and (not after or after.isspace())


def _pieces(block: str, cuts: list[int]) -> Iterator[tuple[int, int]]:
    """The non-empty whitespace-trimmed stretches between consecutive cuts."""
    bounds = [0, *cuts, len(block)]
    for start, end in itertools.pairwise(bounds):
        piece = block[start:end]
        stripped = piece.strip()
        if stripped:
            lead = len(piece) - len(piece.lstrip())
            yield start + lead, start + lead + len(stripped)
