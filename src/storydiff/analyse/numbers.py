"""Quantities: numbers in digits or words, with their unit, what they count, and approximation.

A per-language grammar (compiled once) matches an optional currency sign, a number in digits
(with the language's thousands and decimal separators) or in words ("two hundred and five",
"vingt et un", "zweihundert"), an optional multiplier ("million", "bn") and an optional unit
(%, currency, km…). Vague amounts ("dozens", "des centaines") are quantities too, always
approximate. Numbers inside a date mention, year-like numbers and ordinals ("1st", "3e") are not
quantities; a lone "one" counts only when it counts something.
"""

from __future__ import annotations

import bisect
import functools
import itertools
import re
from collections.abc import Iterator, Sequence
from dataclasses import dataclass

from storydiff.document import DateMention, Quantity
from storydiff.text.tokens import CJK, HANGUL

from ..text.function_words import FUNCTION_WORDS
from . import _number_lexicon as lex
from .dates import find_dates

__all__ = ["between_before", "find_quantities", "worded_range"]

_GLUED_MULTIPLIERS = {"bn": 1e9, "m": 1e6, "k": 1e3, "mn": 1e6}
_IRREGULAR_PLURALS = frozenset(
    ["people", "children", "police", "staff", "personnel", "cattle", "feet", "teeth", "mice"]
)
# what a bare number counts in English casualty reports: "213 injured", "42 dead"
_COUNTED_PARTICIPLES = frozenset(
    ["injured", "wounded", "dead", "killed", "missing", "hurt", "arrested", "detained",
     "infected", "hospitalised", "hospitalized", "displaced", "evacuated", "rescued"]
)
_NEXT_WORD = re.compile(r"\s+([^\W\d_][\w'’-]*)")
_OF = re.compile(r"\s+(?:of|de|des|di|von|d['’])(?=\s|\w)", re.IGNORECASE)
_YEAR = re.compile(r"1[6-9]\d\d|20\d\d")
_SYMBOLS = {sign.lower(): unit for sign, unit in lex.CURRENCY_SYMBOLS.items()}
_MINUS = "-−–"
#: The word right before a position (searched up to it): a capitalised one makes "737-800" a
#: name's number.
_WORD_BEFORE = re.compile(r"([^\W\d_][\w-]*)[ \u00a0]?$")
#: The lower end of a range and its dash ('380-390', '10 – 15'), not after a word, a number's
#: separator, a time or another dash, and followed by the upper end's first digit.
_RANGE = re.compile(r"(?<![\w.,/:%\-−–—])(\d+(?:[.,]\d+)?)(\s?[-–—]\s?)(?=\d)")
#: A range written with words ("between 30 and 40 people", "entre 30 et 40 personnes",
#: "zwischen 30 und 40 Menschen"): the word before its lower end (a currency sign may follow
#: it) and the word between its ends, in the languages of the data.
_BETWEEN_WORD = re.compile(r"(?:^|(?<=\W))(?:between|entre|zwischen|tra|fra|między|pomiędzy|"
                           r"между|tussen|بين)\s+\S?$", re.IGNORECASE)
_BETWEEN_GAP = re.compile(r"\s+(?:and|et|und|y|e|a|и|en|و)\s+", re.IGNORECASE)
_UNSPACED = CJK + HANGUL
_W = rf"[^\W{_UNSPACED}]"
"""A word character of a script that spaces its words: a number glued to Chinese, Japanese or
Korean characters ('增加2.4%', '628名', '3억') still stands alone."""
_UNSPACED_CHAR = re.compile(rf"\s?([{_UNSPACED}])")
_YEAR_WORDS = frozenset({"年", "년", "год", "году", "года", "rok", "roku", "yılı", "yılında",
                         "jahr", "jahres", "année", "año", "anno", "ano"})
"""Words that make a year of the number before them ('2020 年', 'на 2019 год')."""
_MAX_SHARE_OF = 1000  # "N of M" is a share for M up to a thousand ("9 von 10", "1 in 1000")
#: Between the two pieces of one amount ("مليون و 300 ألف جنيه", "2 Millionen 300.000 Euro"):
#: white space and at most one "and".
_COMPOUND_GAP = re.compile(r"\s*(?:(?:and|und|et|y|e|i|и|ve|و)\s*)?", re.IGNORECASE)
_SCALES = (1e12, 1e9, 1e6, 1e3)
#: Where an Arabic number may start: after no letter, or after the one-letter words Arabic
#: writes joined to the next one (و "and", ب "with, for", ل "to", ف "so", ك "as"; two of them:
#: "وب"), with or without the joining stroke ـ: "بـ3 ملايين" is 3 million, "بمليون" a million.
_ARABIC_LEFT = (rf"(?:(?<!{_W})|(?<=(?<!\w)[وبلفك])|(?<=(?<!\w)[وبلفك]ـ)"
                rf"|(?<=(?<!\w)و[بلك])|(?<=(?<!\w)و[بلك]ـ))")


@dataclass(frozen=True)
class _Grammar:
    """The compiled patterns and tables of one language."""

    language: str
    quantity: re.Pattern[str]
    unbounded: re.Pattern[str]  # ``quantity`` without its checks of what comes before
    vague: re.Pattern[str]
    approximate: re.Pattern[str]
    word_token: re.Pattern[str]
    words: dict[str, float]
    multipliers: dict[str, float]
    fraction: re.Pattern[str]
    fractions: list[float]
    share: re.Pattern[str]


def find_quantities(
    text: str, language: str, *, dates: Sequence[DateMention] | None = None
) -> list[Quantity]:
    """Numbers in ``text`` with their value, unit, counted noun and approximation flag.

    Args:
        text: the clean text.
        language: ISO 639-1 code; number words exist for en, fr, de, es, it and pt, other
            languages get digits, currency signs and units.
        dates: date mentions of the text (from ``find_dates``); numbers inside them are skipped.
            Found here when not given.

    Returns:
        Quantities in text order. ``value`` is a float (vague amounts get a representative value:
        "dozens" is 24), ``unit`` is "%", a currency sign or a unit symbol, ``counted`` the
        lower-cased noun the number counts.

    Example:
        >>> q = find_quantities("Approximately 40 survivors fled.", "en")[0]
        >>> (q.text, q.value, q.counted, q.approximate)
        ('40', 40.0, 'survivors', True)
    """
    grammar = _grammar(language)
    taken = sorted(
        (d.start, d.end) for d in (find_dates(text, language, None) if dates is None else dates)
    )
    starts = [s for s, _ in taken]
    reach = list(itertools.accumulate((e for _, e in taken), max))  # furthest end so far
    ranges = [q for ends in _ranges(text, grammar)  # both ends, or neither: "5-6 May" is dates
              if not any(_overlaps_any(q.start, q.end, starts, reach) for q in ends)
              for q in ends]
    found = [*_shares(text, grammar), *_exact(text, grammar), *_vague(text, grammar)]
    kept = [*ranges, *(q for q in found if not _overlaps_any(q.start, q.end, starts, reach))]
    return _worded_ranges(text, grammar, _compounds(
        text, _without_overlaps(sorted(kept, key=lambda q: (q.start, -q.end)))))


def _worded_ranges(text: str, grammar: _Grammar, quantities: list[Quantity]) -> list[Quantity]:
    """The lower end of a range written with words ("between 30 and 40 people", "zwischen 3
    und 4 Millionen Euro") given the upper end's scale, unit and counted noun, as a range
    with a dash gets them; where the two do not rise (a score, "between 3 and 2"), nothing
    changes. "From 30 to 40" is no range here: it is more often a change."""
    out = list(quantities)
    for i, (low, high) in enumerate(itertools.pairwise(quantities)):
        if not worded_range(text, low, high):
            continue
        upper = grammar.unbounded.match(text, high.start)
        digits = upper.group("digits") if upper else None
        high_digits = _digits_value(digits, grammar.language) if digits else None
        if not high_digits or low.value >= high.value:
            continue
        value = low.value
        if low.value < high_digits and high.value != high_digits:  # "3 and 4 million"
            value = _tidy(low.value * high.value / high_digits)
        if value >= high.value:
            continue
        out[i] = Quantity(low.start, low.end, low.text, value, low.unit or high.unit,
                          high.counted, low.approximate or high.approximate)
    return out


def between_before(text: str, start: int, floor: int = 0) -> re.Match[str] | None:
    """The word that opens a range written with words ("between", "entre", "zwischen"…)
    right before the quantity at ``start`` (a currency sign may stand between), searched from
    ``floor`` on; None where there is none."""
    return _BETWEEN_WORD.search(text, max(floor, start - 12), start + 1)


def worded_range(text: str, low: Quantity, high: Quantity) -> bool:
    """Whether two neighbouring quantities are written as one range with words: "between"
    before the first, "and" alone between them ("between 30 and 40 people")."""
    return (_BETWEEN_GAP.fullmatch(text, low.end, high.start) is not None
            and between_before(text, low.start) is not None)


def _compounds(text: str, quantities: list[Quantity]) -> list[Quantity]:
    """Amounts written in two pieces joined into one: a whole number of millions (billions,
    trillions) written with its scale word and nothing after it (no unit, no counted noun but
    the "and": Arabic has no function-word list to stop at "و"), then, after white space or
    one "and", an amount of thousands or more below that scale, not a percentage ("مليون و 300
    ألف جنيه" is 1,300,000 pounds, not a million and, apart, 300,000 pounds; "2 Millionen
    300.000 Euro"; "2 million, 300 thousand" and "2 million 5 percent" stay apart). So is a
    whole number of thousands written with its scale word, then a bare figure under a thousand
    (Turkish writes 39,904 "39 bin 904"; "1 milyon 200 bin 500" is 1,200,500)."""
    out: list[Quantity] = []
    for q in quantities:
        first = out[-1] if out else None
        scale = next((s for s in _SCALES if first and first.value >= s
                      and first.value % s == 0), None)
        # below a million, the rest is a bare figure of up to three digits: "39 bin 904"
        least = 1000 if scale and scale >= 1e6 else 1
        if (first is not None and scale is not None
                and first.unit is None
                and (first.counted is None or _COMPOUND_GAP.fullmatch(first.counted))
                and any(c.isalpha() for c in first.text) and least <= q.value < scale
                and (least > 1 or q.text.isdigit())
                and q.unit != "%" and _COMPOUND_GAP.fullmatch(text, first.end, q.start)):
            out[-1] = Quantity(first.start, q.end, text[first.start:q.end], first.value + q.value,
                               q.unit, q.counted, first.approximate or q.approximate)
        else:
            out.append(q)
    return out


def _overlaps_any(start: int, end: int, starts: list[int], reach: list[int]) -> bool:
    """Whether [start, end) overlaps a span of the sorted ``starts`` whose running maximum end
    is ``reach``: one binary search, so many numbers against many dates stay n log n."""
    at = bisect.bisect_left(starts, end) - 1  # the last span starting before ``end``
    return at >= 0 and reach[at] > start


def _exact(text: str, grammar: _Grammar) -> Iterator[Quantity]:
    """Quantities written as digits or number words."""
    for match in grammar.quantity.finditer(text):
        value = _value(match, grammar)
        if value is None:
            continue
        value = _tidy(value)
        unit = _unit(match, grammar.language)
        counted = _counted(text, match.end(), grammar.language, value, unit)
        if _skipped(match, value, unit, counted, grammar.language) or _is_name(match):
            continue
        start = match.start()
        if start and text[start - 1] in _MINUS:  # "(-4.3%)", " -12": a signed number
            start, value = start - 1, -value
        approximate = _approximate(text, start, grammar)
        yield Quantity(start, match.end(), text[start:match.end()], value, unit, counted,
                       approximate)


def _ranges(text: str, grammar: _Grammar) -> Iterator[tuple[Quantity, Quantity]]:
    """Both ends of a range written with a dash ('380-390 lira', '1-5 tys. zł', '10–15%'): the
    upper end read as any quantity, the lower end given its scale, unit and counted noun.

    A range goes up: two numbers that fall ('2-1', a score) are no range. A chain of three
    numbers (a phone number, '3-3-2020') is none either, nor a year range ('2021-2027'), which
    is the dates' part, nor a time ('15:50-16:30'), nor two numbers right after a capitalised
    word, which name a model or a route ('Boeing 737-800')."""
    for match in _RANGE.finditer(text):
        named = _WORD_BEFORE.search(text, max(0, match.start() - 40), match.start())
        if named and named.group(1)[:1].isupper():
            continue  # a model or a route, not a range: "Boeing 737-800", "Route 66-68"
        high_at = match.end()  # read as a quantity whatever comes before it: the dash
        high = grammar.unbounded.match(text, high_at)
        if high is None or not high.group("digits"):
            continue
        low_digits = _digits_value(match.group(1), grammar.language)
        high_digits = _digits_value(high.group("digits"), grammar.language)
        value = _value(high, grammar)
        if low_digits is None or not high_digits or value is None or low_digits >= high_digits:
            continue
        unit = _unit(high, grammar.language)
        counted = _counted(text, high.end(), grammar.language, value, unit)
        if _skipped(high, value, unit, counted, grammar.language) or _is_name(high):
            continue
        start, low_end = match.start(), match.start() + len(match.group(1))
        sign = _symbol_before().search(text, max(0, start - 5), start)  # "$3-5 billion"
        if sign and unit is None:
            start, unit = sign.start(), _SYMBOLS[sign.group(1).lower()]
        approximate = _approximate(text, start, grammar)
        yield (Quantity(start, low_end, text[start:low_end],
                        _tidy(low_digits * value / high_digits), unit, counted, approximate),
               Quantity(high_at, high.end(), text[high_at:high.end()], _tidy(value), unit,
                        counted, approximate))


@functools.cache
def _symbol_before() -> re.Pattern[str]:
    """A currency sign right before a position (searched up to it)."""
    return re.compile(rf"(?<!\w)({_alternation(list(lex.CURRENCY_SYMBOLS))})\s?$", re.IGNORECASE)


def _shares(text: str, grammar: _Grammar) -> Iterator[Quantity]:
    """Shares of a group as per cent: fractions in words ('die Hälfte', 'two thirds of') and
    'N of M' ('9 von 10 Menschen', 'one in five'). What they count is left out: a share agrees
    or disagrees with a percentage of the same group ('40 Prozent', 'nine in ten')."""
    for match in grammar.fraction.finditer(text):
        value = grammar.fractions[int((match.lastgroup or "f0")[1:])]
        yield Quantity(match.start(), match.end(), match.group(), value, "%", None,
                       _approximate(text, match.start(), grammar))
    for match in grammar.share.finditer(text):
        part, whole = (_value_of(match.group(g), grammar) for g in ("part", "whole"))
        if part is None or whole is None or not 0 < part < whole <= _MAX_SHARE_OF:
            continue
        yield Quantity(match.start(), match.end(), match.group(), _tidy(100.0 * part / whole),
                       "%", None, _approximate(text, match.start(), grammar))


def _tidy(value: float) -> float:
    """``value`` to 12 significant digits: a figure times its scale word lands on the same
    float however it is written ("42.8 亿美元" and "$4.28 billion" were 4279999999.9999995 and
    4280000000.0000005, two figures to every equality test)."""
    return float(f"{value:.12g}")


def _value_of(number: str, grammar: _Grammar) -> float | None:
    """The value of digits or number words standing alone ('9', 'five')."""
    if number[:1].isdigit():
        return _digits_value(number, grammar.language)
    return _words_value(number, grammar)


def _vague(text: str, grammar: _Grammar) -> Iterator[Quantity]:
    """Vague amounts such as 'dozens' or 'des centaines', approximate by nature."""
    values = list(lex.VAGUE_AMOUNTS.get(grammar.language, {}).values())
    for match in grammar.vague.finditer(text):
        value = values[int((match.lastgroup or "v0")[1:])]
        of = _OF.match(text, match.end())
        counted = _counted(text, of.end() if of else match.end(), grammar.language, value)
        yield Quantity(match.start(), match.end(), match.group(), value, None, counted, True)


def _value(match: re.Match[str], grammar: _Grammar) -> float | None:
    """The number a match stands for, multipliers applied; None when it cannot be read."""
    if match.group("digits"):
        base = _digits_value(match.group("digits"), grammar.language)
    else:
        base = _words_value(match.group("words"), grammar)
    if base is None:
        return None
    multiplier = match.group("mult")
    if multiplier:
        base *= grammar.multipliers.get(multiplier.lower(), 1.0)
    subunit = lex.SUBUNITS.get(grammar.language, {}).get((match.group("unit") or "").lower())
    if subunit:
        base *= subunit[1]
    suffix = (match.group("suffix") or "").strip().lower()
    if suffix and (suffix != "m" or match.group("symbol") or _currency_word(match)):
        base *= _GLUED_MULTIPLIERS[suffix]
    return base


#: Digits grouped in thousands by commas, in a language that writes a decimal comma: "30,000
#: soles", "$111,000", "1,730 dolarlık" (Latin American Spanish writes thousands so, and a
#: decimal with exactly three digits after a comma is rare in news: 43 such numbers in the
#: SemEval Spanish texts, each a thousands group). A leading zero stays a decimal ("0,125").
_COMMA_THOUSANDS = re.compile(r"[1-9]\d{0,2}(?:,\d{3})+(?:\.\d{1,2})?")


def _digits_value(digits: str, language: str) -> float | None:
    """Read digits written with the language's separators ('1,200.5' or '1.200,5')."""
    compact = re.sub(r"[\s\u00a0\u202f]", "", digits)
    if language in lex.DECIMAL_COMMA and _COMMA_THOUSANDS.fullmatch(compact):
        compact = compact.replace(",", "")  # "30,000 soles", "$111,000" (Latin America)
    elif language in lex.DECIMAL_COMMA:
        grouped = re.fullmatch(r"\d{1,3}(?:\.\d{3})+(?:,\d+)?", compact)
        compact = compact.replace(".", "") if grouped else compact
        compact = compact.replace(",", ".")
    else:
        compact = compact.replace(",", "")
    try:
        return float(compact)
    except ValueError:
        return None


def _words_value(phrase: str, grammar: _Grammar) -> float | None:
    """Add up number words, applying hundreds and thousands as they come ('two hundred and one').

    An article before another number word that is no multiplier is an article, not one: "un
    cinco por ciento" is five per cent, where "un millón" is a million and "vingt et un" 21."""
    articles = lex.ARTICLES_BEFORE_MULTIPLIER.get(grammar.language, frozenset())
    total, current = 0.0, 0.0
    tokens = [t.lower() for t in grammar.word_token.findall(phrase)]
    for i, token in enumerate(tokens):
        following = tokens[i + 1] if i + 1 < len(tokens) else None
        if token in articles and following in grammar.words \
                and following not in grammar.multipliers:
            continue
        if token in grammar.multipliers:
            factor = grammar.multipliers[token]
            if factor >= 1000:
                total, current = total + max(current, 1.0) * factor, 0.0
            else:
                current = max(current, 1.0) * factor
        elif token in articles and token not in grammar.words:
            current += 1.0
        else:
            current += grammar.words.get(token, 0.0)
    value = total + current
    return (
        value if value > 0 or "0" in phrase or phrase.lower() in ("zero", "zéro", "null") else None
    )


def _unit(match: re.Match[str], language: str) -> str | None:
    """The unit of a match: a currency, '%', a unit symbol or None."""
    if match.group("symbol"):
        return _SYMBOLS[match.group("symbol").strip().lower()]
    if match.group("pct"):
        return "%"
    unit = (match.group("unit") or "").lower()
    unit = re.sub(r"^(?:(?:de|di)\s+|d['’])", "", unit)
    if not unit:
        return "m" if (match.group("suffix") or "").lower() == "m" else None
    if unit in lex.PERCENT_WORDS:
        return "%"
    if unit in lex.CURRENCY_WORDS:
        return lex.CURRENCY_WORDS[unit]
    if unit in lex.SUBUNITS.get(language, {}):
        return lex.SUBUNITS[language][unit][0]
    return unit if unit in ("€", "$", "£") else lex.UNITS.get(unit)


def _currency_word(match: re.Match[str]) -> bool:
    """Whether the unit of a match is a currency ('3m euros')."""
    unit = re.sub(r"^(?:(?:de|di)\s+|d['’])", "", (match.group("unit") or "").lower())
    return unit in lex.CURRENCY_WORDS or unit in {"€", "$", "£"}


def _skipped(
    match: re.Match[str], value: float, unit: str | None, counted: str | None, language: str
) -> bool:
    """Whether a number is a year, or a bare 'one' that counts nothing."""
    if match.group("words"):
        return value == 1.0 and counted is None
    digits = match.group("digits")
    year_like = _YEAR.fullmatch(digits) is not None and not match.group("symbol")
    counts = counted and counted.lower() not in _YEAR_WORDS and _looks_plural(counted, language)
    return year_like and unit is None and not counts


def _is_name(match: re.Match[str]) -> bool:
    """Whether a number glued to a capital letter names something: '5G', '4K', '10M'.

    A unit or scale letter written in capitals without a space and without a currency sign is
    part of a name (a network, a screen, a model), not a measure: '5 g' and '$4K' stay numbers.
    """
    glued = (match.group("unit") or match.group("suffix") or "")
    if not glued or glued != glued.lstrip() or match.group("symbol") or _currency_word(match):
        return False
    canonical = lex.UNITS.get(glued.lower(), glued.lower())
    return glued.isupper() and len(glued) <= 2 and canonical != glued


def _approximate(text: str, start: int, grammar: _Grammar) -> bool:
    """Whether the words just before ``start`` make the number approximate ('about', 'environ')."""
    return grammar.approximate.search(text, max(0, start - 30), start) is not None


def _counted(text: str, end: int, language: str, value: float,
             unit: str | None = None) -> str | None:
    """The noun a number counts: the first plural-looking word among the next three, lower-cased.

    Adjectives between the number and the noun are skipped ('100 gay men' → 'men'); a function
    word ends the search ('two have fled' → None), and so does a number word, where the amount
    goes on ('65 مليون ستمائة …'). For one, the next word is taken as it is.
    In Chinese, Japanese and Korean the character after the number is taken: a counter word
    ('628 名', '3명') or the noun itself; after a unit ('0.34 美元增加') nothing is counted,
    nor after a currency in a Turkish case form ('249,4 milyar dolara yükseldi': a verb).
    """
    glued = _UNSPACED_CHAR.match(text, end)
    if glued:
        return None if unit else glued.group(1)
    if unit and text[max(0, end - 24):end].rsplit(None, 1)[-1].lower() in lex.CURRENCY_CASES:
        return None  # the last word of the quantity, read without copying the text before it
    position = end
    candidates: list[str] = []
    grammar = _grammar(language)
    for _ in range(3):
        match = _NEXT_WORD.match(text, position)
        if match is None or match.group(1).lower() in FUNCTION_WORDS.get(language, ()) \
                or match.group(1).lower() in grammar.words \
                or match.group(1).lower() in grammar.multipliers:  # the amount goes on
            break
        candidates.append(match.group(1))
        position = match.end()
    if not candidates:
        return None
    if value == 1.0:
        return candidates[0].lower()
    plural = next((w for w in candidates if _looks_plural(w, language)), None)
    if plural is None and language == "en" and candidates[0].lower() in _COUNTED_PARTICIPLES:
        return candidates[0].lower()
    return plural.lower() if plural else None


def _looks_plural(word: str, language: str) -> bool:
    """Whether a word looks like a plural noun in ``language`` (German: any capitalised noun)."""
    lowered = word.lower()
    if "'" in lowered or "’" in lowered:
        return False  # "It’s", "Reuters'": a contraction or a possessive, no counted noun
    if language == "en":
        return (
            lowered in _IRREGULAR_PLURALS
            or lowered.endswith("men")
            or (lowered.endswith("s") and not lowered.endswith("ss") and len(lowered) > 3)
        )
    if language in ("fr", "es", "pt"):
        return lowered.endswith(("s", "x")) and len(lowered) > 2
    if language == "it":
        return lowered.endswith(("i", "e")) and len(lowered) > 2
    if language == "de":
        return word[:1].isupper()
    return True


def _without_overlaps(quantities: list[Quantity]) -> list[Quantity]:
    """Drop quantities that overlap an earlier, longer one (sorted by start, longest first)."""
    kept: list[Quantity] = []
    for quantity in quantities:
        if not kept or quantity.start >= kept[-1].end:
            kept.append(quantity)
    return kept


def _alternation(words: Sequence[str]) -> str:
    """A regex alternation of literal words, longest first."""
    return "|".join(re.escape(w) for w in sorted(set(words), key=len, reverse=True))


@functools.cache
def _grammar(language: str) -> _Grammar:
    """The compiled grammar of ``language`` (words, separators, units)."""
    words = lex.NUMBER_WORDS.get(language, {})
    multipliers = {**lex.SHARED_MULTIPLIERS, **lex.MULTIPLIERS.get(language, {})}
    word_token = _word_token(language, words, multipliers)
    left, body = _quantity_pattern(language, word_token.pattern, multipliers)
    quantity = re.compile(left + body, re.IGNORECASE)
    vague = re.compile(_vague_pattern(language), re.IGNORECASE)
    markers = _alternation([*lex.APPROXIMATE_MARKERS.get(language, ()), "~", "c."])
    approximate = re.compile(rf"(?:^|(?<=\W))(?:{markers})\s*$", re.IGNORECASE)
    fractions = lex.FRACTIONS.get(language, {})
    return _Grammar(language, quantity, re.compile(body, re.IGNORECASE), vague, approximate,
                    word_token, words, multipliers,
                    re.compile(_table_pattern(list(fractions), "f"), re.IGNORECASE),
                    list(fractions.values()),
                    re.compile(_share_pattern(language, word_token.pattern, multipliers),
                               re.IGNORECASE))


def _share_pattern(language: str, word: str, multipliers: dict[str, float]) -> str:
    """'N of M' in digits or single number words ('9 von 10', 'one in five')."""
    joiners = _alternation(lex.PROPORTION_JOINERS.get(language, ()))
    if not joiners:
        return "(?!)"
    number = rf"\d{{1,4}}(?![.,]\d)|{word}"
    scaled = _alternation([*lex.PERCENT_WORDS, *lex.UNITS, *multipliers])
    return (rf"(?<!{_W})(?<![.,])(?P<part>{number})\s+(?:{joiners})\s+(?P<whole>{number})"
            rf"(?!{_W}|[.,]\d|[\s-]*(?:{scaled})(?!\w))")


def _vague_pattern(language: str) -> str:
    """One named group per vague amount (``v<i>``, i its place in the table), longest first."""
    return _table_pattern(list(lex.VAGUE_AMOUNTS.get(language, {})), "v")


def _table_pattern(keys: list[str], prefix: str) -> str:
    """One named group per regex fragment of a table (``<prefix><i>``, i its place in the
    table), longest first, each a whole word."""
    order = sorted(range(len(keys)), key=lambda i: len(keys[i]), reverse=True)
    groups = "|".join(f"(?P<{prefix}{i}>{keys[i]})" for i in order)
    return rf"(?<!\w)(?:{groups or '(?!)'})(?!\w)"


def _word_token(
    language: str, words: dict[str, float], multipliers: dict[str, float]
) -> re.Pattern[str]:
    """A pattern for one number word; articles count only right before a multiplier."""
    plain = _alternation([*words, *multipliers]) or "(?!)"
    articles = _alternation(sorted(lex.ARTICLES_BEFORE_MULTIPLIER.get(language, ())))
    before_multiplier = _alternation(list(multipliers))
    article = rf"|(?:{articles})(?=[\s-]+(?:{before_multiplier})(?!\w))" if articles else ""
    left = _ARABIC_LEFT if language == "ar" else r"(?<!\w)"
    return re.compile(rf"{left}(?:(?:{plain})(?!\w){article})", re.IGNORECASE)


def _quantity_pattern(language: str, word: str,
                      multiplier_table: dict[str, float]) -> tuple[str, str]:
    """The quantity pattern in two parts: what may come before a quantity (no word character,
    no number's separator, no signed number's dash), and the quantity itself: sign, digits or
    words, multiplier, unit."""
    joiners = _alternation(lex.WORD_JOINERS.get(language, ()))
    after = r"\s*" if language == "ar" else r"\s+"  # Arabic writes و joined to the next word
    joined = rf"(?:[\s-]+|\s+(?:{joiners}){after})" if joiners else r"[\s-]+"
    if language in lex.DECIMAL_COMMA:
        digits = (r"\d{1,3}(?:[.\u00a0\u202f ]\d{3})+(?:,\d+)?|[1-9]\d{0,2}(?:,\d{3}){2,}"
                  r"(?:\.\d{1,2})?|\d+\.\d{1,2}(?!\d)|\d+(?:,\d+)?")
    else:
        digits = r"\d{1,3}(?:,\d{3})+(?:\.\d+)?|\d+(?:\.\d+)?"
    symbols = _alternation(list(lex.CURRENCY_SYMBOLS))
    multipliers = _alternation(list(multiplier_table)) or "(?!)"
    units = _alternation([*lex.PERCENT_WORDS, *lex.CURRENCY_WORDS, *lex.UNITS, "€", "$", "£",
                          *lex.SUBUNITS.get(language, {})])
    prefixes = _alternation(list(lex.PERCENT_PREFIXES))
    left = (rf"{_ARABIC_LEFT if language == 'ar' else rf'(?<!{_W})'}"
            rf"(?<![.,/:])(?<![\w.,/:%)\]\-−–][\-−–])")
    return left, (
        rf"(?:(?P<symbol>{symbols})\s?|(?P<pct>{prefixes})\s?)?"
        rf"(?:(?P<digits>{digits})|(?P<words>(?:{word})(?:{joined}(?:{word}))*))"
        rf"(?:[\s-]?(?P<mult>{multipliers})(?!{_W})|(?P<suffix>\s?bn|\s?mn|m|k)(?!\w))?"
        rf"(?:\s?(?P<unit>(?:(?:de|di)\s+|d['’])?(?:{units}))(?!{_W}|/))?"
        rf"(?!{_W}|[.,]\d|[-−–/:]\d)"
    )
