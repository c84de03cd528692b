"""Sentence splitting with exact offsets: line blocks first, then pysbd or a regex, then guards.

1. The text is cut into blocks at blank lines and at line breaks that start a new unit (the next
   line does not begin in lower case): paragraphs always end a sentence, and a headline or byline
   without final punctuation is its own sentence.
2. Inside a block, a regex proposes cut points (a stop, space, then a capital or digit; the CJK
   full stops 。！？ need no space; a stop glued between a lower-case word and a capitalised one,
   "…case.Prior…", as scrapers leave it). For languages whose script has no letter case (Arabic,
   Chinese, Hindi…), where "a capital follows" tells nothing, pysbd adds its cuts. The block is
   read in chunks of at most ``PYSBD_CHUNK`` characters cut at the regex's points, so the cost
   stays linear and a caller that needs only the first sentences stops early. (pysbd for every
   language cost ~10 µs a character; on the SemEval texts of cased languages it added 1.4% of
   the cuts, mostly before dashes, hashtags and agency codes.)
3. Guards drop cuts after abbreviations (``_sentence_lexicon``): never after a title or prefix
   ("Dr.", "St.", "ul.", "z.B."), nor after any abbreviation before a lower-case word or a digit
   ("Dec. 31", "20 tys. osób", "the U.S. and"), nor after an ordinal ("am 3. Mai"); and they
   move a cut past a closing quote that belongs to the sentence before.
4. ``run_in_headline_heuristic`` cuts the text's first sentence where a headline without a stop
   runs into it ("…after local hero's death CHENNAI: As the world…").
5. No sentence is longer than ``max_chars``: a longer one is cut at its last clause boundary
   ("; ", ", ") or space before the limit (a hard cut when it has none).

Every non-space character of the text lies in exactly one sentence. Every step looks at a
bounded window around each cut, so the time is linear in the length of the text.
"""

from __future__ import annotations

import bisect
import functools
import itertools
import re
from collections.abc import Iterator

import pysbd
import pysbd.languages

from storydiff._budget import check_budget, checkpoint
from storydiff.document import Sentence

from ..text.function_words import FUNCTION_WORDS
from . import _number_lexicon
from ._sentence_lexicon import NUMBER_PREFIXES, OPENERS, abbreviations, prefixes

__all__ = ["MAX_SENTENCE_CHARS", "PYSBD_CHUNK", "iter_sentences", "run_in_headline_heuristic",
           "split_sentences"]

MAX_SENTENCE_CHARS = 1000
"""Default longest sentence, in characters (``Settings.max_sentence_chars``)."""
PYSBD_CHUNK = 2000
"""Longest stretch of text pysbd is given at once."""

_CASELESS_SCRIPTS = frozenset(["am", "ar", "fa", "hi", "ja", "mr", "my", "ur", "zh"])
_PYSBD_LANGUAGES = frozenset(pysbd.languages.LANGUAGE_CODES) & _CASELESS_SCRIPTS
_BLOCK_BREAK = re.compile(r"\n[^\S\n]*+(?:\n[^\S\n]*+)*+(?=\S)")
_REGEX_CUT = re.compile(
    r"[.!?…]++(?:\s?[\"'”’»“‘)\]])*\s++(?=(?:[-–—•]\s)?[\"'“‘«„(\[¿¡]?(\w))"  # stop, space, word
    r"|[。！？]++\s*+(?=[^\s」』”’）)])"  # CJK stops need no space; none inside a quotation
)
_GLUED_CUT = re.compile(r"(?<=[^\W\d_]{2})[.!?]++[\"”’»]?(?=[^\W\d_]{2})")
_TOKEN_BEFORE = re.compile(r"(?<![\w.])((?:[^\W\d_]{1,8}\.)*[^\W\d_]{1,8})\.\s*$")
#: Scale words of every language, lower-cased ("tys.", "mio", "млн"): before a currency, an
#: abbreviation among them ends no sentence.
_SCALES = frozenset(w.lower() for table in (*_number_lexicon.MULTIPLIERS.values(),
                                            _number_lexicon.SHARED_MULTIPLIERS) for w in table)
_NEXT_WORD = re.compile(r"[\"'“‘«„(\[¿¡]?(\w)")
_ORDINAL_END = re.compile(r"(?<![\d.])\d{1,2}\.\s*$")
_ORDINAL_DOT_LANGUAGES = frozenset(
    ["de", "cs", "pl", "sk", "sl", "hr", "hu", "da", "no", "nb", "fi", "tr"]
)  # "3. Mai"
_CLOSING_QUOTES = "\"”»’'」』“‘"  # “ and ‘ close German quotations („…“)
_ACRONYM_END = re.compile(r"(?:^|[\s(\"“«])(?:[^\W\d_]\.){2,}\s*$")  # "U.S. ", "D.C. "
_SENTENCE_STARTERS = frozenset(
    [
        "The", "A", "An", "This", "That", "These", "Those", "It", "Its", "He", "She", "They",
        "We", "I", "His", "Her", "Their", "There", "But", "And", "In", "On", "At", "After",
        "Before", "When", "While", "According", "Officials", "Le", "La", "Les", "Il", "Elle",
        "Ils", "Der", "Die", "Das", "Er", "Sie", "El", "Los", "Las",
    ]
)  # fmt: skip
_WINDOW = 48  # characters before a cut that the guards read
_URLISH = ("/", "@", "www", "http")
_CLAUSE_SEPARATORS = (
    ("; ", "；", "。", "! ", "? "), (", ", "，", "、", ": ", " – ", " - "), (" ",)
)
_HEADLINE_MIN_SENTENCE = 160  # a first sentence shorter than this holds no run-in headline
_HEADLINE_MAX_CHARS = 260
_HEADLINE_MIN_WORDS = 4
_WORDS = re.compile(r"\S+")


def split_sentences(text: str, language: str, *,
                    max_chars: int = MAX_SENTENCE_CHARS) -> list[Sentence]:
    """Split ``text`` into sentences whose offsets point into ``text``.

    Args:
        text: the clean text.
        language: ISO 639-1 code; pysbd adds its cuts where it supports the language, and the
            abbreviation lists are the language's own (all languages' for one without a list).
        max_chars: the longest sentence; a longer one is cut (``Settings.max_sentence_chars``).

    Returns:
        Sentences in text order, trimmed of surrounding white space, never overlapping, covering
        every non-space character, none longer than ``max_chars``.

    Raises:
        TimeBudgetError: an active time budget ran out.

    Example:
        >>> [s.text for s in split_sentences("Headline here\\n\\nDr. Who came. He left.", "en")]
        ['Headline here', 'Dr. Who came.', 'He left.']
    """
    return list(iter_sentences(text, language, max_chars=max_chars))


def iter_sentences(text: str, language: str, *,
                   max_chars: int = MAX_SENTENCE_CHARS) -> Iterator[Sentence]:
    """The sentences of ``split_sentences``, one at a time (a caller may stop early)."""
    index = 0
    for block_start, block_end in _blocks(text):
        block = text[block_start:block_end]
        for start, end in _bounded(block, _block_pieces(block, language, index == 0), max_chars):
            start, end = block_start + start, block_start + end
            yield Sentence(index, start, end, text[start:end])
            index += 1
            checkpoint("sentence splitting", index)


def _blocks(text: str) -> Iterator[tuple[int, int]]:
    """Line blocks: cut at blank lines and at line breaks before a line not in lower case."""
    start = 0
    content_end = len(text.rstrip())  # no run of trailing white space to retry the regex on
    for match in _BLOCK_BREAK.finditer(text, 0, content_end):
        if match.group().count("\n") >= 2 or not text[match.end()].islower():
            yield start, match.start()
            start = match.end()
    yield start, len(text)


def _block_pieces(block: str, language: str, first: bool) -> Iterator[tuple[int, int]]:
    """The sentences of one block, chunk by chunk (a caller that stops early saves the rest)."""
    proposed = sorted(set(_regex_cuts(block) + _glued_cuts(block)))
    start = 0
    for low, high in _chunks(block, proposed):
        cuts = _cuts(block, language, proposed, low, high)
        if first and low == 0:
            cuts = _with_headline_cut(block, cuts, language, high)
        ends = [c for c in cuts if c > start]
        yield from _pieces(block, [start, *ends])
        start = ends[-1] if ends else start
        check_budget("sentence splitting")
    yield from _pieces(block, [start, len(block)])


def _cuts(block: str, language: str, proposed: list[int], low: int, high: int) -> list[int]:
    """Where sentences start in ``block[low:high]`` (its end included), after the guards."""
    raw = proposed[bisect.bisect_right(proposed, low) : bisect.bisect_right(proposed, high)]
    if language in _PYSBD_LANGUAGES:
        raw = raw + _pysbd_cuts(block, language, low, high)
    kept = [c for c in raw if 0 < c < len(block) and not _guarded(block, c, language)]
    cuts = [_past_closing_quote(block, c) for c in kept]
    return sorted({c for c in cuts if 0 < c < len(block)})


# ---------------------------------------------------------------- proposing cuts


def _regex_cuts(block: str) -> list[int]:
    """Sentence starts found by the regex: after a stop when the next word starts upper-case."""
    return [
        m.end()
        for m in _REGEX_CUT.finditer(block)
        if m.group(1) is None or m.group(1).isupper() or m.group(1).isdigit()
    ]


def _glued_cuts(block: str) -> list[int]:
    """Sentence starts after a stop with no space: "…the case.Prior to…" (lower case before,
    a capitalised word after, and no web address or e-mail around)."""
    cuts = []
    for match in _GLUED_CUT.finditer(block):
        before, at = block[match.start() - 1], match.end()
        if not (before.islower() and block[at].isupper() and block[at + 1].islower()):
            continue
        left = block.rfind(" ", max(0, match.start() - _WINDOW), match.start())
        token = block[left + 1 : at + 12]
        if not any(mark in token.lower() for mark in _URLISH):
            cuts.append(at)
    return cuts


def _pysbd_cuts(block: str, language: str, low: int, high: int) -> list[int]:
    """Sentence starts pysbd proposes in ``block[low:high]``."""
    piece = block[low:high].replace("\n", " ")
    return [low + c for c in _segment_starts(piece, language) if c > 0]


def _chunks(block: str, boundaries: list[int]) -> Iterator[tuple[int, int]]:
    """Stretches of at most ``PYSBD_CHUNK`` characters, ending at a boundary (a proposed cut)
    when one fits, else at a space, else anywhere."""
    start, size = 0, len(block)
    while size - start > PYSBD_CHUNK:
        limit = start + PYSBD_CHUNK
        last = bisect.bisect_right(boundaries, limit) - 1
        if last >= 0 and boundaries[last] > start:
            end = boundaries[last]
        else:
            space = block.rfind(" ", start + PYSBD_CHUNK // 2, limit)
            end = space + 1 if space >= 0 else limit
        yield start, end
        start = end
    yield start, size


def _segment_starts(piece: str, language: str) -> list[int]:
    """Where pysbd starts its segments of ``piece`` (none when pysbd altered the text)."""
    starts: list[int] = []
    cursor = 0
    for segment in _segmenter(language).segment(piece):
        stripped = segment.strip()
        if not stripped:
            continue
        found = piece.find(stripped, cursor)
        if found < 0:  # pysbd altered the text: keep the regex cuts alone for this chunk
            return []
        starts.append(found)
        cursor = found + len(stripped)
    return starts


@functools.cache
def _segmenter(language: str) -> pysbd.Segmenter:
    """A cached pysbd segmenter that keeps the text as it is."""
    return pysbd.Segmenter(language=language, clean=False)


# ---------------------------------------------------------------- guards


def _guarded(block: str, cut: int, language: str) -> bool:
    """Whether a proposed cut must be dropped (an abbreviation, an ordinal, a lower-case next
    word after a full stop)."""
    before = block[max(0, cut - _WINDOW) : cut]
    following = _NEXT_WORD.match(block, cut)
    first = following.group(1) if following else ""
    if first.islower() and before.rstrip()[-1:] == ".":
        return True
    return _after_abbreviation(before, first, block[cut:], language) or _after_ordinal(
        before, language
    )


def _after_abbreviation(before: str, first: str, rest: str, language: str) -> bool:
    """Whether ``before`` ends with an abbreviation that does not end a sentence here.

    Titles and prefixes never end one ("Dr.", "ul."); other abbreviations do not before a
    lower-case word or a digit ("Dec. 31"); an initial ("J.") does not, nor an acronym ("U.S.")
    unless a word that starts sentences follows.
    """
    match = _TOKEN_BEFORE.search(before)
    if match is None:
        return False
    token = match.group(1)
    key = token.lower()
    last = key.rsplit(".", 1)[-1]  # "Uzm.Dr." ends with "Dr."
    if prefixes(language) & {key, last} or (key in NUMBER_PREFIXES and first.isdigit()):
        return True
    if key in abbreviations(language) and (first.islower() or first.isdigit()
                                           or _scale_before_currency(before, match, rest)):
        return True
    initial = token.rsplit(".", 1)[-1]
    if len(initial) != 1 or not initial.isupper():
        return False
    return not (_ACRONYM_END.search(before) and _starts_sentence(rest[:40]))


def _scale_before_currency(before: str, match: re.Match[str], rest: str) -> bool:
    """Whether the abbreviation ``match`` is a scale word after a figure and before its
    currency ("4 tys. USD", "2,5 Mio. Euro", "3 млн. рублей"): one amount, no sentence's
    end."""
    scale = match.group(1).lower()
    if (scale not in _SCALES and scale + "." not in _SCALES) \
            or not before[:match.start()].rstrip()[-1:].isdigit():
        return False
    word = re.match(r"\s*([^\s.,;:!?)]+)", rest[:40])  # a currency's name is short
    return word is not None and (word.group(1).lower() in _number_lexicon.CURRENCY_WORDS
                                 or word.group(1) in _number_lexicon.CURRENCY_SYMBOLS)


def _starts_sentence(rest: str) -> bool:
    """Whether ``rest`` begins with a word that starts sentences and is never part of a name."""
    first = re.match(r"[\"'“‘«]?(\w+)", rest)
    return first is not None and first.group(1) in _SENTENCE_STARTERS


def _after_ordinal(before: str, language: str) -> bool:
    """Whether the cut follows an ordinal ("am 3. Mai") in a language that writes them so."""
    return language in _ORDINAL_DOT_LANGUAGES and _ORDINAL_END.search(before[-12:]) is not None


def _past_closing_quote(block: str, cut: int) -> int:
    """Move a cut that would start a sentence with its predecessor's closing quote past it."""
    end = cut
    while end < len(block) and block[end] in _CLOSING_QUOTES and _closes(block, end):
        end += 1
    return end


def _closes(block: str, at: int) -> bool:
    """Whether the quote mark at ``at`` closes (follows a stop and precedes space or the end)."""
    before = block[max(0, at - _WINDOW) : at].rstrip()
    after = block[at + 1 : at + 2]
    return bool(before) and before[-1] in ".!?…。！？" and (not after or after.isspace())


# ---------------------------------------------------------------- headlines run into the text


def _with_headline_cut(block: str, cuts: list[int], language: str, high: int) -> list[int]:
    """``cuts`` (of the block's first chunk, which ends at ``high``) plus a cut where a headline
    runs into the block's first sentence, if any."""
    start = len(block) - len(block.lstrip())
    end = cuts[0] if cuts else high
    if end - start < _HEADLINE_MIN_SENTENCE:
        return cuts
    at = run_in_headline_heuristic(block[start : start + _HEADLINE_MAX_CHARS], language)
    return cuts if at is None else sorted([*cuts, start + at])


def run_in_headline_heuristic(head: str, language: str) -> int | None:
    """Where the sentence in ``head`` (a text's opening) starts after a headline run into it.

    A headline ends, with no stop, before (a) a capitalised sentence opener of the language
    followed by a lower-case word, after a lower-case word or a headline in title case ("…16
    muertos El gobierno de…", "…Amid The Pandemic The foreign ministers…"), (b) a dateline in
    capitals ending with a comma, a colon, a bracket or a dash ("…hero's death CHENNAI: As the
    world…"), or (c) the headline itself, repeated ("Storm hits the coast Storm hits the coast
    The storm…"). The headline must hold at least four words and not end with a function word
    of the language ("… in DTLA: Thousands…" stays one sentence).

    Example:
        >>> head = "Aumenta seguridad en cárceles tras riña El gobierno informó que la riña…"
        >>> head[run_in_headline_heuristic(head, "es"):][:20]
        'El gobierno informó '
    """
    words = list(_WORDS.finditer(head))
    repeated = _repeated_opening(words)
    if repeated is not None:
        return words[repeated].start()
    openers = OPENERS.get(language, frozenset())
    function_words = FUNCTION_WORDS.get(language, frozenset())
    capitals = 0
    for i in range(len(words) - 1):
        capitals += words[i].group()[:1].isupper()
        if i < _HEADLINE_MIN_WORDS:
            continue
        previous, word, following = (w.group() for w in words[i - 1 : i + 2])
        title_case = capitals - word[:1].isupper() >= 0.75 * i
        if not ((previous.islower() or title_case) and previous[-1].isalnum()):
            continue
        if previous.lower() in function_words:  # "… del Este la …", "… in DTLA: …"
            continue
        if _is_opener(word, following, openers) or _is_dateline(words, i):
            return words[i].start()
    return None


def _repeated_opening(words: list[re.Match[str]]) -> int | None:
    """The index of the word where the opening words start again ("A b c d A b c d …")."""
    keys = ["".join(ch for ch in w.group().lower() if ch.isalnum()) for w in words]
    for size in range(_HEADLINE_MIN_WORDS, len(keys) // 2 + 1):
        if keys[:size] == keys[size : 2 * size]:
            return size
    return None


def _is_opener(word: str, following: str, openers: frozenset[str]) -> bool:
    """A capitalised opener ("The", "El") followed by a lower-case word."""
    return (len(word) > 1 and word[0].isupper() and word[1:].islower()
            and word.lower() in openers and following[:1].islower())


def _is_dateline(words: list[re.Match[str]], i: int) -> bool:
    """Capitals ("CHENNAI:", "NEW YORK,", "BERLIN (dpa)", "PARIS -") from word ``i`` on."""
    for j in range(i, min(i + 3, len(words))):
        word = words[j].group()
        letters = word.rstrip(",:")
        if len(letters) < 2 or not (letters.isalpha() and letters.isupper()):
            return False
        if word[-1] in ",:":
            return True
        after = words[j + 1].group() if j + 1 < len(words) else ""
        if after[:1] == "(" or after in ("-", "–", "—"):
            return True
    return False


# ---------------------------------------------------------------- pieces and their length


def _pieces(block: str, bounds: list[int]) -> Iterator[tuple[int, int]]:
    """The non-empty whitespace-trimmed stretches between consecutive bounds."""
    for start, end in itertools.pairwise(bounds):
        trimmed = _trim(block, start, end)
        if trimmed is not None:
            yield trimmed


def _trim(block: str, start: int, end: int) -> tuple[int, int] | None:
    """``(start, end)`` without white space at either edge; None when only white space."""
    while start < end and block[start].isspace():
        start += 1
    while end > start and block[end - 1].isspace():
        end -= 1
    return (start, end) if start < end else None


def _bounded(block: str, pieces: Iterator[tuple[int, int]],
             max_chars: int) -> Iterator[tuple[int, int]]:
    """The pieces, each longer than ``max_chars`` cut into parts that are not."""
    for start, end in pieces:
        while end - start > max_chars:
            cut = _soft_cut(block, start, start + max_chars)
            head = _trim(block, start, cut)
            if head is not None:
                yield head
            start = cut
            while start < end and block[start].isspace():
                start += 1
        if start < end:
            yield start, end


def _soft_cut(block: str, start: int, limit: int) -> int:
    """The last clause boundary (else space) in the second half of ``block[start:limit]``."""
    low = start + (limit - start) // 2
    window = block[low:limit]
    for separators in _CLAUSE_SEPARATORS:
        found = [(window.rfind(s), len(s)) for s in separators]
        at, width = max(found)
        if at >= 0:
            return low + at + width
    return limit
