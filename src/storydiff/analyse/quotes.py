"""Quotations and who said them.

Quote marks are paired per paragraph: “…”, „…“, «…», straight "…" (alternating), and single
‘…’ / '…' / ‚…‘ outside double quotes, where an apostrophe (a mark between two letters, or one
that opens nothing) is never taken for a quote mark. An opening curly quote or guillemet left
open at the end of a paragraph runs to its end (the convention for multi-paragraph quotes).

The speaker is looked for, in this order, with reporting-verb patterns (heuristics):
right after the quote (`"…," said X`, `"…", X said`, `"…", according to X`), right before it
(`X said: "…"`, `according to X, "…"`), anywhere else in the same sentence (`X said … "…"`), in a
previous sentence ending with a colon, and finally from the quote just before when this one opens
its own sentence (a quotation continued). Pronouns are never speakers: the speaker stays None,
and so it does for single-quoted labels of one to three words (‘gay purge’).
The speaker span is the overlapping PERSON/ORG/NORP/GPE entity when there is one, else the words
found.
"""

from __future__ import annotations

import bisect
import functools
import itertools
import re
from collections.abc import Iterator, Sequence
from dataclasses import dataclass, field

from storydiff._budget import checkpoint
from storydiff.document import Entity, Quote, Sentence, Span

from ..text import PARAGRAPH
from ..text.function_words import PRONOUNS
from ._quote_lexicon import REPORTING_VERBS, SKIPPABLE_BEFORE_VERB, SOURCE_PHRASES
from .sentences import split_sentences

__all__ = ["find_quotes"]

_MAX_NAME_WORDS = 8
_SCARE_WORDS = 3  # ‘gay purge’: a single-quoted phrase this short is a label, not a statement
_MAX_SINGLE_QUOTE_CHARS = 250
_SPEAKER_LABELS = ("PERSON", "ORG", "NORP", "GPE", "MISC")
_DOUBLE = re.compile(r"[“”„«»\"]")
_SINGLE = re.compile(r"[‘’‚']")
_CLOSERS = {"“": "”", "„": "“”", "«": "»", '"': '"', "‘": "’", "‚": "‘’", "'": "'"}
_TRIM = " \t\r\n\u00a0\u202f,;:"
_NAME_STOP = re.compile(r"[,;:.!?()\[\]\"“”«»„]|\s[-–—]\s")
#: A short list item between two commas right before a name: the name is the list's next item.
_LIST_TAIL = re.compile(r",[^,]{1,30},\s*[^,]{1,30}$")


@dataclass(frozen=True)
class _Marks:
    """A quotation's opening and closing mark positions (close = end of paragraph if unclosed)."""

    open: int
    close: int


def find_quotes(
    text: str,
    language: str,
    entities: Sequence[Entity],
    *,
    sentences: Sequence[Sentence] | None = None,
) -> list[Quote]:
    """Quoted passages of ``text`` and their speakers.

    Args:
        text: the clean text.
        language: ISO 639-1 code; reporting verbs exist for en, fr, de, es, it and pt (other
            languages use the English list).
        entities: the text's entities (from ``find_entities``), used to delimit speakers.
        sentences: the text's sentences (from ``split_sentences``); split here when not given.

    Returns:
        Quotes in text order; offsets cover the quoted words without the marks, ``speaker`` is
        the span naming who said them, or None when unattributed.

    Example:
        >>> t = 'Zakharova said "talks have been difficult".'
        >>> q = find_quotes(t, "en", [])[0]
        >>> (q.text, q.speaker.text if q.speaker else None)
        ('talks have been difficult', 'Zakharova')
    """
    sentence_list = list(sentences) if sentences is not None else split_sentences(text, language)
    quotes: list[Quote] = []
    context = _Context(text, language, _Index(entities), sentence_list, quotes)
    for count, marks in enumerate(_all_marks(text)):
        checkpoint("quotes", count)
        start, end = _content(text, marks)
        if start >= end:
            continue
        # single quotations are at most _MAX_SINGLE_QUOTE_CHARS long: counting their words is cheap
        scare_words = text[marks.open] in "‘'‚" and _words(text[start:end]) <= _SCARE_WORDS
        speaker = None if scare_words else context.speaker(marks)
        quotes.append(Quote(start, end, text[start:end], speaker))
    return quotes


# ---------------------------------------------------------------- quote marks


def _all_marks(text: str) -> Iterator[_Marks]:
    """Quotations of every paragraph, double quotes first, single ones outside them."""
    for paragraph in PARAGRAPH.finditer(text):
        doubles = list(_paired(text, paragraph.start(), paragraph.end(), _DOUBLE))
        opens = [d.open for d in doubles]  # in order, never overlapping
        singles = [
            m
            for m in _paired(text, paragraph.start(), paragraph.end(), _SINGLE)
            if not _inside(doubles, opens, m.open)
        ]
        yield from sorted([*doubles, *singles], key=lambda m: m.open)


def _inside(doubles: list[_Marks], opens: list[int], at: int) -> bool:
    """Whether ``at`` lies strictly inside one of the (ordered, disjoint) double quotations."""
    last = bisect.bisect_left(opens, at) - 1
    return last >= 0 and at < doubles[last].close


def _paired(text: str, start: int, end: int, marks: re.Pattern[str]) -> Iterator[_Marks]:
    """Pair opening and closing marks of one family inside ``text[start:end]``."""
    opened: int | None = None
    for match in marks.finditer(text, start, end):
        at, mark = match.start(), match.group()
        if opened is not None and mark in _CLOSERS[text[opened]] and _can_close(text, at):
            if mark not in "'‘’" or at - opened <= _MAX_SINGLE_QUOTE_CHARS:
                yield _Marks(opened, at)
            opened = None
        elif mark in _CLOSERS and _can_open(text, at, start):
            opened = at
    if opened is not None and text[opened] in "“„«":
        yield _Marks(opened, end)


def _can_open(text: str, at: int, paragraph_start: int) -> bool:
    """Whether the mark at ``at`` can open a quotation (a word follows; nothing is glued before)."""
    before = text[at - 1] if at > paragraph_start else " "
    after = text[at + 1] if at + 1 < len(text) else " "
    if text[at] in "«„“‚":
        return True
    if text[at] in "'‘":
        return not before.isalnum() and after.isalnum()
    return not after.isspace() and not before.isalnum()


def _can_close(text: str, at: int) -> bool:
    """Whether the mark at ``at`` can close a quotation (an apostrophe in a word cannot)."""
    after = text[at + 1] if at + 1 < len(text) else " "
    return not (text[at] in "'’" and after.isalnum())


def _content(text: str, marks: _Marks) -> tuple[int, int]:
    """Offsets of the quoted words: inside the marks, without white space and edge commas."""
    inner = text[marks.open + 1 : marks.close]
    stripped = inner.strip(_TRIM)
    if not stripped:
        return marks.close, marks.close
    start = marks.open + 1 + (len(inner) - len(inner.lstrip(_TRIM)))
    return start, start + len(stripped)


# ---------------------------------------------------------------- speakers


class _Index:
    """Entities in text order, found by the span they overlap in logarithmic time."""

    def __init__(self, entities: Sequence[Entity]) -> None:
        self.entities = sorted(entities, key=lambda e: (e.start, e.end))
        self.starts = [e.start for e in self.entities]
        ends = [e.end for e in self.entities]
        self.ends = ends if all(a <= b for a, b in itertools.pairwise(ends)) else None

    def overlapping(self, start: int, end: int) -> list[Entity]:
        """The entities overlapping ``[start, end)``."""
        last = bisect.bisect_left(self.starts, end)
        first = 0 if self.ends is None else bisect.bisect_right(self.ends, start)
        return [e for e in self.entities[first:last] if e.start < end and start < e.end]


@dataclass(frozen=True)
class _Context:
    """What speaker search needs to know about the text."""

    text: str
    language: str
    entities: _Index
    sentences: Sequence[Sentence]
    earlier: Sequence[Quote]
    starts: list[int] = field(init=False)

    def __post_init__(self) -> None:
        object.__setattr__(self, "starts", [s.start for s in self.sentences])

    def speaker(self, marks: _Marks) -> Span | None:
        """The speaker of the quotation between ``marks``, or None."""
        first, last = self._sentence_at(marks.open), self._sentence_at(max(marks.close - 1, 0))
        sentence_start = first.start if first else 0
        sentence_end = last.end if last else len(self.text)
        found = (
            self._after(marks.close + 1, sentence_end)
            or self._before(sentence_start, marks.open)
            or self._anywhere(sentence_start, marks.open)
            or self._introduced(first)
        )
        if found is not None:
            return self._as_speaker(*found)
        return self._continued(sentence_start, marks.open)

    def _sentence_at(self, offset: int) -> Sentence | None:
        """The sentence holding ``offset``."""
        at = bisect.bisect_right(self.starts, offset) - 1
        if at >= 0 and offset < self.sentences[at].end:
            return self.sentences[at]
        return None

    def _after(self, start: int, end: int) -> tuple[int, int] | None:
        """`"…," said X`, `"…", X said`, `"…", according to X`."""
        lead = re.match(r"[\s,.!?;:]*", self.text[start:end])
        at = start + (lead.end() if lead else 0)
        rest = self.text[at:end]
        opener = _verb_or_source_at_start(rest, self.language)
        if opener is not None:
            return _name_after(self.text, at + opener, end)
        verb = _first_verb(rest, self.language)
        if verb is not None and _words(rest[: verb[0]]) <= _MAX_NAME_WORDS:
            return _name_before(self.text, at, at + verb[0])
        return None

    def _before(self, start: int, end: int) -> tuple[int, int] | None:
        """`X said: "…"`, `X told the paper: "…"`, `according to X, "…"`."""
        head = self.text[start:end]
        source = _source_clause(head, self.language)
        if source is not None:
            return _name_after(self.text, start + source[0], start + source[1])
        verb = _last_verb(head, self.language)
        if verb is None or not re.fullmatch(
            r"(?:\s+\w+){0,5}\s*[:,]?\s*(?:that|que|dass)?\s*[:,]?\s*", head[verb[1] :]
        ):
            return None
        return _name_before(self.text, start, start + verb[0])

    def _anywhere(self, start: int, end: int) -> tuple[int, int] | None:
        """`X said "…" … "…"`: a reporting verb earlier in the sentence, outside quotations."""
        head = _blank_quotes(self.text[start:end])
        verb = _last_verb(head, self.language)
        return _name_before(self.text, start, start + verb[0]) if verb else None

    def _introduced(self, first: Sentence | None) -> tuple[int, int] | None:
        """`X said:` closing the previous sentence."""
        if first is None or first.index == 0:
            return None
        previous = self.sentences[first.index - 1]
        if not previous.text.rstrip().endswith(":"):
            return None
        return self._before(previous.start, previous.end)

    def _continued(self, sentence_start: int, open_at: int) -> Span | None:
        """The speaker of the quote just before, when this one opens its sentence."""
        if self.text[sentence_start:open_at].strip() or not self.earlier:
            return None
        previous = self.earlier[-1]
        if sentence_start - previous.end >= 200:
            return None
        gap = self.text[previous.end : sentence_start]
        return previous.speaker if "\n\n" not in gap else None

    def _as_speaker(self, start: int, end: int) -> Span | None:
        """The speaker span for found words: the overlapping entity, else the words; no pronoun."""
        words = self.text[start:end]
        if not words or words.lower() in PRONOUNS or words.split()[-1].lower() in PRONOUNS:
            return None
        overlapping = [
            e for e in self.entities.overlapping(start, end) if e.label in _SPEAKER_LABELS
        ]
        if overlapping:
            best = max(overlapping, key=lambda e: (min(e.end, end) - max(e.start, start), e.end))
            return Span(best.start, best.end, best.text)
        return Span(start, end, words)


def _words(fragment: str) -> int:
    """Number of words in a fragment."""
    return len(fragment.split())


@functools.cache
def _verb_pattern(language: str) -> re.Pattern[str]:
    """Reporting verbs of a language as one pattern (English for languages without a list)."""
    verbs = REPORTING_VERBS.get(language, REPORTING_VERBS["en"])
    alternation = "|".join(re.escape(v) for v in sorted(verbs, key=len, reverse=True))
    return re.compile(rf"(?<!\w)(?:{alternation})(?!\w)")


@functools.cache
def _source_pattern(language: str) -> re.Pattern[str]:
    """Source phrases ('according to', 'selon') of a language."""
    phrases = SOURCE_PHRASES.get(language, SOURCE_PHRASES["en"])
    alternation = "|".join(re.escape(p) for p in sorted(phrases, key=len, reverse=True))
    return re.compile(rf"(?<!\w)(?:{alternation})(?!\w)\s*", re.IGNORECASE)


def _verb_or_source_at_start(rest: str, language: str) -> int | None:
    """Length of a reporting verb or source phrase opening ``rest`` ('said …', 'selon …')."""
    for pattern in (_verb_pattern(language), _source_pattern(language)):
        match = pattern.match(rest)
        if match is not None:
            return match.end()
    return None


def _first_verb(fragment: str, language: str) -> tuple[int, int] | None:
    """Span of the first reporting verb of a fragment."""
    match = _verb_pattern(language).search(fragment)
    return match.span() if match else None


def _last_verb(fragment: str, language: str) -> tuple[int, int] | None:
    """Span of the last reporting verb of a fragment."""
    spans = [m.span() for m in _verb_pattern(language).finditer(fragment)]
    return spans[-1] if spans else None


def _source_clause(head: str, language: str) -> tuple[int, int] | None:
    """Offsets of X in a head ending with 'according to X,' before the quote."""
    for match in _source_pattern(language).finditer(head):
        tail = head[match.end() :]
        name = re.match(r"([^,:;.!?]+?)\s*[,:]\s*$", tail)
        if name is not None:
            return match.end(), match.end() + name.end(1)
    return None


def _blank_quotes(fragment: str) -> str:
    """The fragment with quoted passages replaced by spaces (same length)."""
    return re.sub(r"[\"“„«][^\"“”«»]*[\"”“»]", lambda m: " " * len(m.group()), fragment)


def _name_after(text: str, start: int, end: int) -> tuple[int, int] | None:
    """The name following a verb or source phrase, up to punctuation (at most eight words)."""
    stop = _NAME_STOP.search(text, start, end)
    limit = stop.start() if stop else end
    words = list(re.finditer(r"\S+", text[start:limit]))[:_MAX_NAME_WORDS]
    if not words:
        return None
    return start + words[0].start(), start + words[-1].end()


def _name_before(text: str, start: int, verb_at: int) -> tuple[int, int] | None:
    """The subject before a verb: words back to a clause boundary, over an apposition."""
    head = text[start:verb_at].rstrip()
    words = head.split()
    while words and words[-1].lower() in SKIPPABLE_BEFORE_VERB:
        head = head[: head.rfind(words.pop())].rstrip()
    if head.endswith(","):  # "X, who rules the region, said": jump over the apposition
        comma = head.rfind(",", 0, len(head) - 1)
        head = head[:comma] if comma >= 0 and len(head) - comma < 80 else head[:-1]
        if _LIST_TAIL.search(head):
            return None  # landed inside a list ("asked about Singapore, France, Britain, …")
    stops = list(_NAME_STOP.finditer(head))
    begin = stops[-1].end() if stops else 0
    clause = re.split(
        r"\b(?:and|but|that|et|mais|que|und|aber|dass|y|pero|e|ma|mas)\b", head[begin:]
    )
    name = clause[-1]
    begin = len(head) - len(name)
    stripped = name.strip()
    if not stripped or _words(stripped) > _MAX_NAME_WORDS:
        return None
    first = start + begin + (len(name) - len(name.lstrip()))
    return first, first + len(stripped)
