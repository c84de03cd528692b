"""Edits in a copy: two claims that are the same words but for one run, where that run is a
name on both sides or a figure on both sides (heuristics).

A copy edited in one place ("16 Myanmar nationals were detained" / "16 Kampung Kolam nationals
were detained") is what a content farm's rewrite or a careless edit leaves. The entity rule
(``entities.entity_heuristic``) compares the names the analysis tagged, which misses a name it
did not tag, or one whose other mention survives elsewhere in the claim ("Caroline Flack …
Flack war" / "Caroline Flack … Großbritannien war"); the number rule compares figures that
count the same thing, and leaves alone what it cannot read as one ("hace 13 días" / "hace 40
días": two reports written on different days count back from different dates; "environ
300" / "environ 306": an approximation covers both). Here the two claims' words are compared
from both ends: what is left in the middle is the edit. In two reports written apart those
figures may both be right; in two claims that are otherwise word for word the same, one is an
edit of the other.
"""

from __future__ import annotations

import functools
import re
from collections.abc import Mapping

from ...analyse import _date_lexicon as dates
from ...analyse import _number_lexicon as lexicon
from ...document import Document, Span, covering, within
from ...text import fold, tokens
from ...text.function_words import is_function_word
from ..record import Discrepancy, DiscrepancyType
from .dates import YEAR
from .entities import mentioned, same_entity
from .pair import ClaimPair, shift
from .places import exclusive_places, place_level

__all__ = ["changed_figure_heuristic", "edited_copy_heuristic", "flipped_degree_heuristic",
           "replaced_name_heuristic"]

#: Words a replaced run may hold at most on each side (a name of up to four words).
MAX_RUN = 4
#: Share of each claim's words that must be the same words before and after the run.
MIN_KEPT = 0.6
#: Lower-case words that join the parts of a name ("Ciudad de México", "Ludwig van Beethoven").
_PARTICLES = frozenset({"de", "del", "della", "di", "da", "do", "dos", "das", "du", "la", "le",
                        "van", "von", "der", "den", "bin", "al", "el", "y", "ibn", "zu", "of"})
#: Languages that capitalise every noun: a capitalised word there is a name only when it is
#: tagged as one or is a country's or continent's name.
_NOUNS_CAPITALISED = frozenset({"de", "lb"})
#: What may stand right before a sentence's or a list item's first word inside a claim ("…
#: vendredi. Les", "* Как", "— Due persone", "« Nous").
_OPENERS = (".", "!", "?", ":", "*", "•", "·", "–", "—", "“", "«", "„", '"')
#: Labels of names that are no place: such a name replaced by a country is a swap.
_NOT_PLACES = frozenset({"PERSON", "PER", "ORG", "NORP"})


@functools.cache
def _figure_words() -> frozenset[str]:
    """Folded words that belong to a figure or a date in some language: written numbers,
    scale words, currencies, units, months and weekdays ("Due", "Millionen", "Mio", "Euro",
    "Januar", "Monday"), capitalised in German, in English or at a sentence's start, but no
    names (the number and date rules compare them)."""
    tables: list[Mapping[str, object]] = [
        *lexicon.NUMBER_WORDS.values(), *lexicon.MULTIPLIERS.values(),
        lexicon.SHARED_MULTIPLIERS, lexicon.CURRENCY_WORDS, lexicon.CURRENCY_SYMBOLS,
        lexicon.UNITS, *dates.MONTHS.values(), *dates.WEEKDAYS.values()]
    words = {w for table in tables for w in table}
    return frozenset(fold(w).rstrip(".") for w in words)


def _run(text: str) -> tuple[list[str], list[tuple[int, int]]]:
    """Folded words of a claim and their offsets."""
    found = tokens(text)
    return [fold(t.text) for t in found], [(t.start, t.end) for t in found]


def _common_ends(xs: list[str], ys: list[str]) -> tuple[int, int]:
    """How many words the two lists share at their start, then at their end (not overlapping
    the start)."""
    head = 0
    while head < min(len(xs), len(ys)) and xs[head] == ys[head]:
        head += 1
    tail = 0
    while tail < min(len(xs), len(ys)) - head and xs[-1 - tail] == ys[-1 - tail]:
        tail += 1
    return head, tail


def _suffix(text: str, start: int, word: str) -> bool:
    """Whether ``word`` at ``start`` of ``text`` is a lower-case ending joined to the word
    before it by an apostrophe: an English possessive ("Netflix’s"), a Turkish case ending
    ("Alper'in", "Pakdemirli'nin", "Kadirli'de")."""
    return (start > 1 and text[start - 1] in "'’" and text[start - 2].isalpha()
            and word[:1].islower())


def _name_like(text: str, language: str) -> bool:
    """Whether a run of words reads as a name: its first and last words capitalised, the
    others capitalised or a particle ("de", "van"), no digit, not only words of a figure or a
    date (``_figure_words``: "Millionen Euro", "Januar"; "Theresa May" is a name), and no
    capitalised function word ("The") but inside a title ("Netflix’s The Witcher") or opening
    a name of more words ("Den Haag"); an ending after an apostrophe belongs to the word before
    it (``_suffix``)."""
    words = [t.text for t in tokens(text) if not _suffix(text, t.start, t.text)]
    if not words or any(ch.isdigit() for ch in text) \
            or all(fold(w) in _figure_words() for w in words):
        return False
    if not (words[0][:1].isupper() and words[-1][:1].isupper()):
        return False
    # a capitalised function word opens a name when a capitalised word that is none follows
    # ("Den Haag", "Los Angeles", "The Guardian"; the run is no sentence's first word)
    opens = len(words) > 1 and words[1][:1].isupper() \
        and not is_function_word(words[1], language)
    return all(w in _PARTICLES or (w[:1].isupper() and (0 < i < len(words) - 1
                                                        or (i == 0 and opens)
                                                        or not is_function_word(w, language)))
               for i, w in enumerate(words))


def _tagged(doc: Document, start: int, end: int) -> str | None:
    """The label of a tagged entity that covers the whole run, if one does."""
    return next((e.label for e in covering(doc.entities, start, end)), None)


def _dated(doc: Document, start: int, end: int) -> bool:
    """Whether a date or a number the analysis found covers the whole run (the date and
    number rules' ground: "Monday" / "Tuesday"; "Theresa May" holds a date's word, and is a
    name)."""
    return bool(covering(doc.dates, start, end) or covering(doc.quantities, start, end))


def _edit(ta: str, tb: str, at_start: bool = False
          ) -> tuple[tuple[int, int], tuple[int, int], float, str] | None:
    """Where two claims differ, when they differ in one run of at most ``MAX_RUN`` words on
    each side, not at their start unless ``at_start`` (a capitalised first word is no name,
    and a figure there is often a live blog's time stamp, "10:49 Uhr: …"), with ``MIN_KEPT``
    of each claim's words kept around it: the run's offsets in each claim, the share of words
    kept, and the word right after the runs as written ("" at the end, where it is written
    otherwise on the two sides, or where more than spaces part it from a run: "Alper'in,
    Yomra"), the same from either side."""
    xs, spans_a = _run(ta)
    ys, spans_b = _run(tb)
    head, tail = _common_ends(xs, ys)
    end_a, end_b = len(xs) - tail, len(ys) - tail
    if (head == 0 and not at_start) \
            or not (0 < end_a - head <= MAX_RUN and 0 < end_b - head <= MAX_RUN):
        return None
    kept = (head + tail) / max(len(xs), len(ys))
    if kept < MIN_KEPT:
        return None
    run_a = (spans_a[head][0], spans_a[end_a - 1][1])
    run_b = (spans_b[head][0], spans_b[end_b - 1][1])
    after = ""
    if tail:  # the same word after both runs, as written, with only spaces before it
        word_a, word_b = (text[spans[end][0]:spans[end][1]] for text, spans, end in
                          ((ta, spans_a, end_a), (tb, spans_b, end_b)))
        if word_a == word_b and not ta[run_a[1]:spans_a[end_a][0]].strip() \
                and not tb[run_b[1]:spans_b[end_b][0]].strip():
            after = word_a
    return run_a, run_b, kept, after


def _copy_edit(pair: ClaimPair, at_start: bool = False
               ) -> tuple[tuple[int, int], tuple[int, int], float, str] | None:
    """``_edit`` of a pair's two claims, for a pair of one language linked at paraphrase
    strength; None otherwise."""
    if not (pair.same_language and pair.similar):
        return None
    return _edit(pair.claim_a.text, pair.claim_b.text, at_start)


def _found(pair: ClaimPair, kind: DiscrepancyType, sa: tuple[int, int], sb: tuple[int, int],
           kept: float, says: str, method: str) -> Discrepancy:
    """The finding for the runs ``sa`` / ``sb`` of the two claims (offsets in each claim),
    its reason ``says`` filled with both texts; confidence 0.45 + 0.3 × the share of words
    kept + 0.15 × the link's similarity."""
    ta, tb = pair.claim_a.text, pair.claim_b.text
    span_a = shift(pair.a, pair.claim_a, Span(sa[0], sa[1], ta[sa[0]:sa[1]]))
    span_b = shift(pair.b, pair.claim_b, Span(sb[0], sb[1], tb[sb[0]:sb[1]]))
    reason = says.format(span_a.text, span_b.text) + " in the same words otherwise"
    confidence = 0.45 + 0.3 * kept + 0.15 * pair.link.similarity
    return pair.found(kind, span_a, span_b, reason, confidence, method)


def _other_names(pair: ClaimPair, name_a: str, name_b: str, sa: tuple[int, int],
                 sb: tuple[int, int], after: str) -> bool:
    """Whether two runs that read as names may name the same thing, or need not exclude each
    other: the same entity (``entities.same_entity``), each name also given by the other
    claim (names reordered; a new name that the first claim gives elsewhere is still a swap
    when the old one is gone: "dem Radiosender LBC" / "dem Premierminister Boris Johnson"
    beside "Johnson musste …"), a date or a number inside; a country, continent or region
    against a name at another level of detail ("Germany" / "Berlin") that no name model
    tagged as a person or organisation (two such places at one level are a swap); a first
    part of a name whose last part both keep ("Mr Pompeo" / "Mike Pompeo"); in German, where
    every noun is capitalised, two words no name model tagged."""
    if same_entity(name_a, name_b) or (mentioned(name_b, pair.claim_a.text)
                                       and mentioned(name_a, pair.claim_b.text)):
        return True
    ca, cb = pair.claim_a.start, pair.claim_b.start
    if _dated(pair.a, ca + sa[0], ca + sa[1]) or _dated(pair.b, cb + sb[0], cb + sb[1]):
        return True
    tagged = (_tagged(pair.a, ca + sa[0], ca + sa[1]), _tagged(pair.b, cb + sb[0], cb + sb[1]))
    above = [place_level(n) != "local" for n in (name_a, name_b)]
    if any(above):
        if all(above):
            return not exclusive_places(name_a, name_b)
        return not any(label in _NOT_PLACES  # a town in a country, or a name beside one
                       for label, up in zip(tagged, above, strict=True) if not up)
    language = pair.a.language
    if language in _NOUNS_CAPITALISED:
        return not any(tagged)
    return after[:1].isupper() and not is_function_word(after, language)


def replaced_name_heuristic(pair: ClaimPair) -> list[Discrepancy]:
    """An "entity" finding where two claims in one language, linked at paraphrase strength, are
    the same words but for one run of at most ``MAX_RUN`` words on each side (``_edit``), and
    both runs read as names (``_name_like``) of different things (not ``_other_names``), the
    run not at a sentence's or list item's start within the claim (``_OPENERS``). In
    German, where every noun is capitalised, one of the runs must be tagged as a name or be a
    country's, continent's or region's name. Symmetric. Confidence 0.45 + 0.3 × the share of
    words kept + 0.15 × the link's similarity.
    """
    edit = _copy_edit(pair)
    if edit is None:
        return []
    ta, tb = pair.claim_a.text, pair.claim_b.text
    sa, sb, kept, after = edit
    name_a, name_b = ta[sa[0]:sa[1]], tb[sb[0]:sb[1]]
    if ta[:sa[0]].rstrip().endswith(_OPENERS):
        return []  # a sentence's or an item's first word: capitalised, and no name for that
    if not (_name_like(name_a, pair.a.language) and _name_like(name_b, pair.a.language)):
        return []
    if _other_names(pair, name_a, name_b, sa, sb, after):
        return []
    return [_found(pair, "entity", sa, sb, kept, "A names {}, B names {}",
                   "replaced_name_heuristic")]


#: A figure as written: digits with separators between them ("1,500", "20:22", "13/03"), a
#: space only before a group of three ("1 000"); a range of two such ("1-8", "2018–2025").
_FIGURE = re.compile(r"\d+(?:[.,:/']\d+| \d{3}(?!\d))*(?:[-–]\d+(?:[.,]\d+)*)?")
#: A day, month and year in figures ("25/4/2020", "03.12.2026").
_NUMERIC_DATE = re.compile(r"\d{1,2}([./])\d{1,2}\1(?:\d{2}|\d{4})")
#: Arabic marks written right after a year: AD (ميلادي) and AH (هجري) ("25/4/2020م").
_ERA_MARKS = ("هـ", "م", "ه")


def _figure_at(text: str, start: int, end: int) -> tuple[int, int] | None:
    """The whole figure around the digits at ``start:end`` of ``text`` ("1,500" around "1",
    "1-8" around "1"), or None when it is part of an identifier: joined to a letter by a
    hyphen, slash or underscore or touching one ("COVID-19", "124-2020-EF/15", "5G", a URL's
    digits), a range with a slash or a colon in it ("2020/5-2"). An Arabic era mark after a
    year is no letter of an identifier ("2020م")."""
    for match in _FIGURE.finditer(text, max(0, start - 40)):
        s, e = match.span()
        era = next((m for m in _ERA_MARKS if text.startswith(m, e)), "")
        if s <= start and end <= e + len(era):
            before = text[max(0, s - 2):s]
            after = text[e + len(era):e + len(era) + 2]
            if (before[-1:].isalnum() or (before[-1:] in "-/_" and before[:1].isalnum())
                    or after[:1].isalpha() or (after[:1] in "-/_" and after[1:].isalnum())
                    or (re.search(r"[-–]", match.group()) and re.search(r"[/:]", match.group()))):
                return None
            return s, e
        if match.start() > end:
            break
    return None


@functools.cache
def _months() -> frozenset[str]:
    """Folded month names of every language of the date lexicon."""
    return frozenset(fold(w).rstrip(".") for table in dates.MONTHS.values() for w in table)


def _with_month(text: str, span: tuple[int, int]) -> tuple[tuple[int, int], bool]:
    """A figure's span with the month name right after or before it ("20 dicembre", "May
    4"), and whether there was one: a day the analysis did not read as a date is one."""
    after = re.match(r"\s*\.?\s*([^\W\d_]+)", text[span[1]:])
    if after and fold(after.group(1)) in _months():
        return (span[0], span[1] + after.end()), True
    start = max(0, span[0] - 40)  # a month's name is shorter; the search stays short
    before = re.search(r"([^\W\d_]+)\.?\s*$", text[start:span[0]])
    if before and fold(before.group(1)) in _months():
        return (start + before.start(), span[1]), True
    return span, False


def _digits(text: str) -> bool:
    """Whether every word of a run is digits (a year's era mark after them aside: "2020م")."""
    words = tokens(text)
    return bool(words) and all(_bare(t.text).isdigit() for t in words)


def _ranged(figure: str) -> bool:
    """Whether a figure (``_figure_at``) is a range ("1-8")."""
    return "-" in figure or "–" in figure


def _bare(word: str) -> str:
    """A word without the Arabic era mark after its digits ("2020م" → "2020")."""
    mark = next((m for m in _ERA_MARKS if word.endswith(m) and word[:-len(m)].isdigit()), "")
    return word[:len(word) - len(mark)]


def _year(text: str) -> bool:
    """Whether a run is one year (``dates.YEAR``: "2020", and "2020م" with its era mark)."""
    words = tokens(text)
    return len(words) == 1 and YEAR.fullmatch(_bare(words[0].text)) is not None


def changed_figure_heuristic(pair: ClaimPair) -> list[Discrepancy]:
    """A "number" finding ("date" where the figure is part of a date either side found, stands
    beside a month's name or is a day, month and year in figures) where
    two claims in one language, linked at paraphrase strength, are the same words but for one
    run of digits on each side (``_edit``), each the whole or part of a figure that is no
    identifier (``_figure_at``): "hace 13 días" / "hace 40 días", "environ 300" / "environ
    306", "Kadirli'de 100 yaşını" / "Kadirli'de 200 yaşını", "1-8 января" / "4-8 января". At
    a claim's start, only a year on both sides ("2020 bekçi alımı …"; other figures there may
    be a live blog's time stamps), a "date". Meant as the last word on a pair no other rule
    found anything in (``edited_copy_heuristic``). Symmetric.
    Confidence 0.45 + 0.3 × the share of words kept + 0.15 × the link's similarity."""
    edit = _copy_edit(pair, at_start=True)
    if edit is None:
        return []
    ta, tb = pair.claim_a.text, pair.claim_b.text
    (a0, a1), (b0, b1), kept, _ = edit
    if not (_digits(ta[a0:a1]) and _digits(tb[b0:b1])):
        return []
    first = not any(ch.isalnum() for ch in ta[:a0])  # the claim's first word
    if first and not (_year(ta[a0:a1]) and _year(tb[b0:b1])):
        return []
    fa, fb = _figure_at(ta, a0, a1), _figure_at(tb, b0, b1)
    if fa is None or fb is None or _ranged(ta[fa[0]:fa[1]]) != _ranged(tb[fb[0]:fb[1]]):
        return []  # a range against one figure: the number rule's (one inside it agrees)
    fa, month_a = _with_month(ta, fa)
    fb, month_b = _with_month(tb, fb)
    ca, cb = pair.claim_a.start, pair.claim_b.start
    numeric_date = any(_NUMERIC_DATE.fullmatch(t[f[0]:f[1]]) for t, f in ((ta, fa), (tb, fb)))
    dated = (first or month_a or month_b or numeric_date
             or bool(within(pair.a.dates, ca + fa[0], ca + fa[1])
                     or within(pair.b.dates, cb + fb[0], cb + fb[1])))
    return [_found(pair, "date" if dated else "number", fa, fb, kept, "A says {}, B says {}",
                   "changed_figure_heuristic")]


#: Comparatives of opposite sense, folded, per language: "more" against "less" turns a claim
#: around ("le plus frappant" / "le moins frappant"; Turkish "daha fazla" / "daha az").
_OPPOSITE_DEGREES: dict[str, tuple[tuple[str, str], ...]] = {
    "en": (("more", "less"), ("more", "fewer"), ("most", "least")),
    "fr": (("plus", "moins"),),
    "es": (("mas", "menos"),),
    "it": (("piu", "meno"),),
    "pt": (("mais", "menos"),),
    "de": (("mehr", "weniger"), ("meisten", "wenigsten")),
    "pl": (("wiecej", "mniej"), ("bardziej", "mniej"), ("najwiecej", "najmniej"),
           ("najbardziej", "najmniej")),
    "ru": (("больше", "меньше"), ("более", "менее")),
    "tr": (("fazla", "az"),),
    "ar": (("اكثر", "اقل"),),
}


def flipped_degree_heuristic(pair: ClaimPair) -> list[Discrepancy]:
    """A "polarity" finding where two claims in one language, linked at paraphrase strength,
    are the same words but for one word, which is "more" on one side and "less" on the other
    (``_OPPOSITE_DEGREES``: "le plus frappant" / "le moins frappant", "di più" / "di meno"),
    not a bound on a figure in the next two words (the number rule's: "at least 1,000" and "at
    most 1,000" both allow 1,000). Symmetric. Confidence 0.45 + 0.3 × the share of words kept
    + 0.15 × the link's similarity."""
    edit = _copy_edit(pair)
    if edit is None:
        return []
    ta, tb = pair.claim_a.text, pair.claim_b.text
    sa, sb, kept, _ = edit
    words = {_folded_word(ta[sa[0]:sa[1]]), _folded_word(tb[sb[0]:sb[1]])}
    if not any(words == set(opposite)
               for opposite in _OPPOSITE_DEGREES.get(pair.a.language, ())):
        return []
    if any(ch.isdigit() for t in tokens(ta[sa[1]:])[:2] for ch in t.text):
        return []  # a bound on a figure ("at least 1,000" / "at most 1,000"): the number rule's
    return [_found(pair, "polarity", sa, sb, kept, "A says {}, B says {}",
                   "flipped_degree_heuristic")]


def _folded_word(run: str) -> str:
    """A run of one word, folded (accents dropped: "più" → "piu"), else ""."""
    words = tokens(run)
    return fold(words[0].text) if len(words) == 1 else ""


def edited_copy_heuristic(pair: ClaimPair) -> list[Discrepancy]:
    """A name replaced, a figure changed or "more" turned into "less" in otherwise the same
    words (``replaced_name_heuristic``, ``changed_figure_heuristic``, then
    ``flipped_degree_heuristic``): the last look at a pair in which no other rule found
    anything, so that a speaker swapped in a quote stays one attribution ("Okafor" / "Daniel
    Brandt"), not also a name replaced ("Okafor" / "Mayor Daniel Brandt"), and "more than
    40" / "less than 40" stays the number rule's."""
    return (replaced_name_heuristic(pair) or changed_figure_heuristic(pair)
            or flipped_degree_heuristic(pair))
