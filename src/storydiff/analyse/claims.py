"""Claims: a sentence, or each independent clause of a sentence that makes several statements.

A sentence is cut at "; ", at a comma before a contrastive conjunction (", but", ", while",
", mais", ", aber", ", pero", ", ma", ", mas"…), at a comma before "and" followed by a subject-like
word (a determiner, a pronoun or a capitalised word), at a single spaced dash between clauses, and
between two quotations that follow each other ("… one". "Two …"). A cut is kept only when both
sides hold at least ``MIN_WORDS`` words, so short asides never become claims of their own. The
conjunction itself belongs to no claim.
"""

from __future__ import annotations

import bisect
import functools
import re
from collections.abc import Iterator

from storydiff.document import Claim, Sentence

from ..text.function_words import FUNCTION_WORDS, PRONOUNS

__all__ = ["MIN_WORDS", "is_fragment_heuristic", "split_claims"]

MIN_WORDS = 4
"""Fewest words each side of a cut must hold."""

_CONTRASTIVE: dict[str, tuple[str, ...]] = {
    "en": ("but", "while", "whereas", "yet", "although", "though"),
    "fr": ("mais", "tandis que", "alors que", "bien que", "cependant"),
    "de": ("aber", "während", "doch", "sondern", "obwohl", "jedoch"),
    "es": ("pero", "mientras que", "mientras", "aunque", "sino"),
    "it": ("ma", "mentre", "però", "sebbene", "anche se"),
    "pt": ("mas", "enquanto", "embora", "porém"),
}
_AND: dict[str, str] = {"en": "and", "fr": "et", "de": "und", "es": "y", "it": "e", "pt": "e"}
_SUBJECT_STARTERS = (
    frozenset(
        [
            "the", "a", "an", "this", "that", "these", "those", "his", "her", "their", "its",
            "our", "some", "many", "most", "all", "le", "la", "les", "un", "une", "ce", "cette",
            "ces", "son", "sa", "ses", "leur", "leurs", "plusieurs", "der", "die", "das", "ein",
            "eine", "dieser", "diese", "sein", "seine", "ihr", "ihre", "viele", "el", "la",
            "los", "las", "un", "una", "este", "esta", "su", "sus", "muchos", "il", "lo", "la",
            "gli", "le", "un", "una", "questo", "questa", "suo", "sua", "molti", "o", "a", "os",
            "as", "um", "uma", "este", "esta", "seu", "sua", "muitos",
        ]
    )
    | PRONOUNS
)  # fmt: skip
_WORD = re.compile(r"\w+(?:['’]\w+)*")
_TRIM = " \t\r\n,;:–—-"
_QUOTE_BOUNDARY = re.compile(r"[\"”»][.!?,]?(\s+)[\"“«„]")  # ‘… one”. “Two …’
_DASH = re.compile(r"\s[-–—]\s")
#: Scripts written without spaces between words (Chinese, Japanese, Thai; Korean's syllables
#: too), where a count of words says nothing about a claim's length.
_UNSPACED = re.compile(r"[\u0e00-\u0e7f\u3040-\u30ff\u3400-\u9fff\uac00-\ud7af\uf900-\ufaff]")
FRAGMENT_MAX_WORDS = 2
"""Most words of a claim that may state nothing (``is_fragment_heuristic``)."""


def split_claims(sentences: list[Sentence], text: str, language: str) -> list[Claim]:
    """Split sentences into claims, each with exact offsets into ``text``.

    Args:
        sentences: the sentences of ``text`` (from ``split_sentences``).
        text: the clean text the sentences point into.
        language: ISO 639-1 code; conjunction lists exist for en, fr, de, es, it and pt, other
            languages are cut at semicolons, dashes and quotation boundaries only.

    Returns:
        Claims in text order; ``index`` counts over the whole text, ``sentence`` is the index of
        the sentence holding the claim. A sentence with one statement is one claim.

    Example:
        >>> from storydiff.analyse.sentences import split_sentences
        >>> t = "The army left the town on Monday; the rebels moved in soon after."
        >>> [c.text for c in split_claims(split_sentences(t, "en"), t, "en")]
        ['The army left the town on Monday', 'the rebels moved in soon after.']
    """
    claims: list[Claim] = []
    for sentence in sentences:
        for start, end in _claim_spans(sentence, language):
            claims.append(Claim(len(claims), sentence.index, start, end, text[start:end]))
    return claims


def is_fragment_heuristic(text: str) -> bool:
    """Whether a claim is too short to state a fact: in a script written with spaces and with no
    figure, one word, or two capitalised ones. Such lines are datelines ("TEKİRDAĞ",
    "BIRMINGHAM, Ala."), source and credit lines ("Kaynak: AA", "(Belga)"), bylines and stray
    headings ("Lufthansa Group"); two articles sharing one share no fact. Two words with one in
    lower case can state one ("Tedavilerimiz tamamlandı.": our treatments are over), and so can
    two words of a script without capitals. A heuristic: bench/cleaning_real.py counts the
    claims it sets apart in the SemEval texts (``--show fragment`` prints them).

    Example:
        >>> is_fragment_heuristic("TEKİRDAĞ"), is_fragment_heuristic("Sylwester 2019.")
        (True, False)
    """
    words = _WORD.findall(text)
    if len(words) > FRAGMENT_MAX_WORDS or any(ch.isdigit() for ch in text) \
            or _UNSPACED.search(text) is not None:
        return False
    return len(words) < FRAGMENT_MAX_WORDS or all(w[:1].isupper() for w in words)


def _claim_spans(sentence: Sentence, language: str) -> Iterator[tuple[int, int]]:
    """Absolute offsets of the claims of one sentence."""
    body = sentence.text
    word_ends = [m.end() for m in _WORD.finditer(body)]
    left = 0
    for cut_start, cut_end in sorted(_cut_candidates(body, language)):
        if cut_start < left:
            continue
        right = _past_conjunction(body, cut_end, language)
        before = _words_between(word_ends, left, cut_start)
        if before >= MIN_WORDS and _words_between(word_ends, right, len(body)) >= MIN_WORDS:
            yield _trimmed(body, left, cut_start, sentence.start)
            left = right
    yield _trimmed(body, left, len(body), sentence.start)


def _words_between(word_ends: list[int], start: int, end: int) -> int:
    """Words ending in ``(start, end]`` (given the sorted ends of a sentence's words)."""
    return bisect.bisect_right(word_ends, end) - bisect.bisect_right(word_ends, start)


def _cut_candidates(body: str, language: str) -> Iterator[tuple[int, int]]:
    """(end of the left part, start of the right part) for each possible cut in a sentence."""
    for match in re.finditer(r";\s+", body):
        yield match.start(), match.end()
    dashes = list(_DASH.finditer(body))
    if len(dashes) == 1:  # two dashes usually frame an aside rather than join two clauses
        yield dashes[0].start(), dashes[0].end()
    for match in _QUOTE_BOUNDARY.finditer(body):
        yield match.start(1), match.end(1)
    yield from _conjunction_cuts(body, language)


def _conjunction_cuts(body: str, language: str) -> Iterator[tuple[int, int]]:
    """Cuts at ", <contrastive conjunction>" and ", and <subject-like word>"."""
    words = "|".join(re.escape(w) for w in _CONTRASTIVE.get(language, ()))
    if words:
        for match in re.finditer(rf",\s+(?:{words})\b\s*", body, re.IGNORECASE):
            yield match.start(), match.end()
    conjunction = _AND.get(language)
    if conjunction is None:
        return
    for match in re.finditer(rf",\s+{conjunction}\s+(\w+)", body):
        if _subject_like(match.group(1), language):
            yield match.start(), match.start(1)


def _past_conjunction(body: str, at: int, language: str) -> int:
    """Skip a conjunction that opens the right part of a cut ("- but the USA…" → "the USA…")."""
    pattern = _conjunction_pattern(language)
    match = pattern.match(body, at) if pattern is not None else None
    return match.end() if match else at


@functools.cache
def _conjunction_pattern(language: str) -> re.Pattern[str] | None:
    """The conjunctions of a language, as a pattern for the start of a clause."""
    conjunctions = (*_CONTRASTIVE.get(language, ()), _AND.get(language, ""))
    words = "|".join(re.escape(w) for w in conjunctions if w)
    return re.compile(rf"(?:{words})\b\s*", re.IGNORECASE) if words else None


def _subject_like(word: str, language: str) -> bool:
    """Whether a word can open a clause's subject (a determiner, a pronoun, a capitalised name)."""
    lowered = word.lower()
    if lowered in _SUBJECT_STARTERS:
        return True
    return word[:1].isupper() and lowered not in FUNCTION_WORDS.get(language, frozenset())


def _trimmed(body: str, start: int, end: int, offset: int) -> tuple[int, int]:
    """Offsets of ``body[start:end]`` without separators at its edges, shifted by ``offset``."""
    piece = body[start:end]
    lead = len(piece) - len(piece.lstrip(_TRIM))
    kept = piece.strip(_TRIM)
    if not kept:  # only separators: keep the fragment whole rather than lose characters
        return offset + start, offset + end
    return offset + start + lead, offset + start + lead + len(kept)
