"""One edit inside one sentence: the operations of the edit suite (``evaluate.edits``).

Every operation takes the sentence, its ``Context`` (the article, its language, names and
quotes) and a seeded ``random.Random``, and returns the edited sentence, or None when the
sentence holds nothing it can edit. Operations read the word lists of ``_edit_lexicon`` and
never the analysis or rule lexicons, except for names and quotes, which come from the
analyser (``find_entities``, ``find_quotes``) so that a swap uses real names of the article.
"""

from __future__ import annotations

import functools
import random
import re
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field

from ..document import Entity, Quote, Span
from . import _edit_lexicon as lex

__all__ = ["OPERATIONS", "Context", "Operation", "replace_one"]

_DIGITS = r"\d{1,3}(?:[,. \u00a0]\d{3})+|\d+(?:[.,]\d+)?"
_YEAR = re.compile(r"(?<![\d.,/:-])(19[5-9]\d|20[0-2]\d)(?![\d%]|[.,/:-]\d)")
_BACK_VOWELS, _FRONT_VOWELS = "aıou", "eiöü"
_AND = r"(?:and|und|y|et|e|i|и|ve|و|или|or|oder|o|ou)"
_LIST_AFTER = rf"^\s*(?:,|{_AND}\s|-|–)\s*\d"  # '7, 8 and 9': numbers of a list or a range
_LIST_BEFORE = rf"\d\s*(?:,|{_AND}|-|–)\s*$"


@dataclass
class Context:
    """What an operation may read besides the sentence: the article and its analysis."""

    language: str
    text: str
    start: int  # offset of the sentence in ``text``
    entities: Sequence[Entity] = ()
    quotes: Sequence[Quote] = ()
    same_name: Callable[[str, str], bool] = field(default=lambda x, y: x == y)
    is_country: Callable[[str], bool] = field(default=lambda name: False)
    place_level: Callable[[str], str] = field(default=lambda name: "local")
    find_names: Callable[[str], Sequence[Entity]] = field(default=lambda text: ())


Operation = Callable[[str, Context, random.Random], str | None]


def _edge(body: str) -> re.Pattern[str]:
    """A pattern for ``body`` between word edges."""
    return re.compile(rf"(?<!\w)(?:{body})(?!\w)")


def replace_one(sentence: str, pattern: re.Pattern[str], rng: random.Random,
                make: Callable[[re.Match[str]], str | None]) -> str | None:
    """``sentence`` with one match of ``pattern`` (chosen at random) replaced by ``make(match)``;
    None when no match gives a different replacement."""
    matches = list(pattern.finditer(sentence))
    rng.shuffle(matches)
    for m in matches:
        new = make(m)
        if new is not None and new != m.group():
            return sentence[: m.start()] + new + sentence[m.end():]
    return None


# ---------------------------------------------------------------- numbers


def _read(digits: str) -> tuple[float, str | None, int]:
    """Value, thousands separator and decimals of a digit string ('1,200' → 1200, ',', 0)."""
    grouped = re.fullmatch(r"\d{1,3}(?:([,. \u00a0])\d{3})+", digits)
    if grouped:
        return float(re.sub(r"\D", "", digits)), grouped.group(1), 0
    decimals = re.fullmatch(r"\d+[.,](\d+)", digits)
    return float(digits.replace(",", ".")), None, len(decimals.group(1)) if decimals else 0


def _write(value: float, separator: str | None, decimals: int, mark: str) -> str:
    """A number written like the one it replaces."""
    if decimals:
        return f"{value:.{decimals}f}".replace(".", mark)
    text = str(round(value))
    if separator and len(text) > 3:
        groups = [text[max(0, i - 3):i] for i in range(len(text), 0, -3)][::-1]
        text = separator.join(groups)
    return text


def _changed(digits: str, rng: random.Random) -> str | None:
    """Another value for a number, off by 40 % or more ('32' → '57')."""
    value, separator, decimals = _read(digits)
    if value == 0:
        return None
    factor = rng.choice((0.4, 0.55, 1.6, 1.8, 2.5, 3.0))
    new = value * factor if decimals else max(1.0, round(value * factor))
    if not decimals and abs(new - value) < 2:
        new = value + rng.choice((3, 5, 7))
    mark = "," if "," in digits and not separator else "."
    return _write(new, separator, decimals, mark)


def _number_in(pattern: str, flags: int = 0) -> re.Pattern[str]:
    """``pattern`` with each ``<N>`` standing for a number (groups 'n0', 'n1'…)."""
    parts = pattern.split("<N>")
    body = parts[0] + "".join(f"(?P<n{i}>{_DIGITS})" + part for i, part in enumerate(parts[1:]))
    return re.compile(body, flags)


def _number_group(m: re.Match[str]) -> str:
    """The name of the number group that took part in a match."""
    return next(name for name, value in m.groupdict().items()
                if name.startswith("n") and value is not None)


def _in_range(sentence: str, start: int, end: int) -> bool:
    """Whether the number at ``[start, end)`` is one end of a range or list ('380-390')."""
    return bool(re.search(r"\d\s?[-–/]\s?$", sentence[max(0, start - 3):start])
                or re.match(r"\s?[-–/]\s?\d", sentence[end:end + 3]))


def _swap_number(sentence: str, pattern: re.Pattern[str], rng: random.Random) -> str | None:
    """Change the number (group 'n0', 'n1'…) of one match of ``pattern``."""
    def make(m: re.Match[str]) -> str | None:
        name = _number_group(m)
        s, e = m.span(name)
        if _in_range(sentence, s, e):
            return None
        new = _changed(m.group(name), rng)
        if new is None:
            return None
        return m.group()[: s - m.start()] + new + m.group()[e - m.start():]
    return replace_one(sentence, pattern, rng, make)


def _is_plain(sentence: str, m: re.Match[str], language: str) -> bool:
    """A bare count: not a year, a date, a percentage, money, a bound or a scaled number."""
    if _YEAR.fullmatch(m.group("n0")):
        return False
    before, after = sentence[max(0, m.start() - 24):m.start()], sentence[m.end():m.end() + 16]
    months = "|".join(w for row in lex.MONTHS.get(language, ()) for w in row)
    blocked = [rf"(?:{lex.BOUNDS.get(language, '(?!)')})\s*$", rf"(?:{lex.CURRENCIES})\s?$"]
    if months:
        blocked.append(rf"(?:{months})\.?\s*$")
    scales = "|".join(map(re.escape, lex.SCALES.get(language, {}))) or "(?!)"
    after_blocked = [rf"^\s?(?:{lex.PERCENT.get(language, '%')}|{lex.CURRENCIES})",
                     rf"^[\s-]?(?:{scales})",
                     r"^\.?\s*(?:de\s+)?(?:" + (months or "(?!)") + ")", r"^\s*[:/.]\d",
                     r"^\s*(?:Uhr|h|hrs?|GMT|[ap]\.?m\.?)\b", r"^\s?[年月日号]", _LIST_AFTER]
    if re.search(_LIST_BEFORE, before):
        return False
    return not (any(re.search(p, before, re.IGNORECASE) for p in blocked)
                or any(re.search(p, after, re.IGNORECASE) for p in after_blocked))


def number_plain(sentence: str, ctx: Context, rng: random.Random) -> str | None:
    """A bare count changed ('42 wounded' → '67 wounded')."""
    pattern = _number_in(r"(?<![\w.,/:%+#-])<N>(?![\w%]|[.,:/-]\d)(?=\s+[^\W\d_])")
    def make(m: re.Match[str]) -> str | None:
        return _changed(m.group("n0"), rng) if _is_plain(sentence, m, ctx.language) else None
    return replace_one(sentence, pattern, rng, make)


def number_bound(sentence: str, ctx: Context, rng: random.Random) -> str | None:
    """A bounded or approximate number changed ('at least 32' → 'at least 57')."""
    bounds = lex.BOUNDS.get(ctx.language)
    if not bounds:
        return None
    pattern = _number_in(rf"(?<!\w)(?:{bounds})\s+<N>(?![\d%]|[.,]\d)", re.IGNORECASE)
    return _swap_number(sentence, pattern, rng)


def number_year(sentence: str, ctx: Context, rng: random.Random) -> str | None:
    """A year changed ('in 2017' → 'in 2014'); not a sum or count that looks like one."""
    def make(m: re.Match[str]) -> str | None:
        after = sentence[m.end():m.end() + 16]
        if re.match(rf"\s?(?:{lex.CURRENCIES}|{lex.PERCENT.get(ctx.language, '%')})", after):
            return None
        year = int(m.group(1))
        return str(min(2029, year + rng.choice((-5, -3, -2, 2, 3))))
    return replace_one(sentence, _YEAR, rng, make)


def number_percent(sentence: str, ctx: Context, rng: random.Random) -> str | None:
    """A percentage changed ('12%' → '30%'; Turkish '%12' and 'yüzde 12' too)."""
    percent = lex.PERCENT.get(ctx.language, "%")
    pattern = _number_in(rf"(?<![\w.,])<N>\s?(?:{percent})(?!\w)|(?:%|yüzde\s)<N>(?![\d]|[.,]\d)")
    return _swap_number(sentence, pattern, rng)


def number_money(sentence: str, ctx: Context, rng: random.Random) -> str | None:
    """An amount of money changed ('$3 million' → '$7.5 million', '40 euros' → '100 euros')."""
    scales = "|".join(map(re.escape, lex.SCALES.get(ctx.language, {})))
    pattern = _number_in(rf"(?<!\w)(?:{lex.CURRENCIES})\s?<N>(?![\d]|[.,]\d)"
                         rf"|(?<![\w.,])<N>(?:[\s-]?(?:{scales or '(?!)'}))?\s?(?:{lex.CURRENCIES})"
                         r"(?!\w)")
    return _swap_number(sentence, pattern, rng)


def number_scale(sentence: str, ctx: Context, rng: random.Random) -> str | None:
    """A scale word swapped ('3 million' → '3 billion', 'Rs 3 crore' → 'Rs 3 lakh')."""
    scales = lex.SCALES.get(ctx.language, {})
    if not scales:
        return None
    alternation = "|".join(re.escape(s) for s in sorted(scales, key=len, reverse=True))
    pattern = re.compile(rf"(?<=\d)([\s-]?)({alternation})(?!\w)")
    def make(m: re.Match[str]) -> str:
        value = scales[m.group(2)]
        others = sorted(s for s, v in scales.items() if v != value)
        return m.group(1) + rng.choice(others)
    return replace_one(sentence, pattern, rng, make)


def number_written(sentence: str, ctx: Context, rng: random.Random) -> str | None:
    """A number written in words changed ('three soldiers' → 'seven soldiers')."""
    words = lex.NUMBER_WORDS.get(ctx.language, ())
    if not words:
        return None
    pattern = re.compile(rf"(?<!\w)({'|'.join(words)})(?= [^\W\d_]{{3,}})", re.IGNORECASE)
    def make(m: re.Match[str]) -> str:
        i = [w.lower() for w in words].index(m.group(1).lower())
        new = words[(i + rng.choice((2, 3, 4))) % len(words)]
        return new.capitalize() if m.group(1)[0].isupper() else new
    return replace_one(sentence, pattern, rng, make)


# ---------------------------------------------------------------- dates


def _rows_pattern(rows: tuple[tuple[str, ...], ...]) -> str:
    """An alternation of every form of every row, longest first."""
    return "|".join(sorted({re.escape(w) for row in rows for w in row}, key=len, reverse=True))


def _other_name(rows: tuple[tuple[str, ...], ...], word: str, rng: random.Random,
                near: bool) -> str | None:
    """Another name in the same row as ``word`` (a neighbour when ``near``)."""
    for row in rows:
        if word in row:
            i = row.index(word)
            step = rng.choice((1, -1, 2)) if near else rng.randrange(1, len(row))
            return row[(i + step) % len(row)]
    return None


def date_weekday(sentence: str, ctx: Context, rng: random.Random) -> str | None:
    """A weekday changed ('Wednesday' → 'Thursday', '星期三' → '星期四')."""
    rows = lex.WEEKDAYS.get(ctx.language)
    if not rows:
        return None
    names = _rows_pattern(rows)
    pattern = re.compile(names) if ctx.language in lex.UNSPACED else _edge(names)
    return replace_one(sentence, pattern, rng,
                       lambda m: _other_name(rows, m.group(), rng, near=True))


# a date written with the CJK signs: '2020年1月20日', '1 月 20 日'
_CJK_DATE = re.compile(r"(?<![\d.])(?P<month>1[0-2]|0?[1-9])(?P<m_sign>\s?月\s?)"
                       r"(?P<day>3[01]|[12]\d|0?[1-9])(?=\s?[日号])")


def _cjk_date(sentence: str, rng: random.Random, part: str) -> str | None:
    """The month or the day (``part``) of a CJK date changed, to a date that exists."""
    def make(m: re.Match[str]) -> str:
        month, day = int(m.group("month")), int(m.group("day"))
        if part == "month":
            months = [k for k in range(1, 13) if k != month
                      and (day <= 28 or (day <= 30 and k != 2) or k - 1 in _LONG_MONTHS)]
            month = rng.choice(months)
        else:
            day = (day + rng.choice((3, 6, 9, -4)) - 1) % 28 + 1
        return f"{month}{m.group('m_sign')}{day}"
    return replace_one(sentence, _CJK_DATE, rng, make)


_LONG_MONTHS = (0, 2, 4, 6, 7, 9, 11)  # months (0-based) with 31 days


def _other_month(rows: tuple[tuple[str, ...], ...], word: str, day: int,
                 rng: random.Random) -> str | None:
    """Another month of the same row, in which ``day`` exists."""
    for row in rows:
        if word in row:
            i = row.index(word)
            choices = [j for j in range(len(row)) if j != i
                       and (day <= 28 or (day <= 30 and j != 1) or j in _LONG_MONTHS)]
            return row[rng.choice(choices)]
    return None


def date_month(sentence: str, ctx: Context, rng: random.Random) -> str | None:
    """The month of a written date changed ('3 May 2017' → '3 August 2017', '1 月 20 日' →
    '8 月 20 日')."""
    if ctx.language in lex.UNSPACED:
        return _cjk_date(sentence, rng, "month")
    rows = lex.MONTHS.get(ctx.language)
    if not rows:
        return None
    names = _rows_pattern(rows)
    pattern = re.compile(rf"(?:(?P<day>\d{{1,2}})[\s.]|(?<=\d[\s.]))(?:de )?(?P<m0>{names})(?!\w)"
                         rf"|(?<!\w)(?P<m1>{names})(?=\.?,? \d)")
    def make(m: re.Match[str]) -> str | None:
        word = m.group("m0") or m.group("m1")
        day = int(m.group("day")) if m.group("day") else 31
        other = _other_month(rows, word, day, rng)
        return None if other is None else m.group().replace(word, other)
    return replace_one(sentence, pattern, rng, make)


def date_day(sentence: str, ctx: Context, rng: random.Random) -> str | None:
    """The day of a written date changed ('3 May' → '17 May', '1 月 20 日' → '1 月 26 日')."""
    if ctx.language in lex.UNSPACED:
        return _cjk_date(sentence, rng, "day")
    rows = lex.MONTHS.get(ctx.language)
    if not rows:
        return None
    names = _rows_pattern(rows)
    pattern = re.compile(rf"(?<![\d.,/])(?P<d0>[1-3]?\d)(?=\.?\s(?:de )?(?:{names})(?!\w))"
                         rf"|(?<!\w)(?:{names}) (?P<d1>[1-3]?\d)(?![\d:.]\d|\d)")
    def make(m: re.Match[str]) -> str | None:
        name = "d0" if m.group("d0") else "d1"
        day = int(m.group(name))
        if not 1 <= day <= 31:
            return None
        new = str((day + rng.choice((3, 6, 9, -4)) - 1) % 28 + 1)
        s, e = m.start(name) - m.start(), m.end(name) - m.start()
        return m.group()[:s] + new + m.group()[e:]
    return replace_one(sentence, pattern, rng, make)


# ---------------------------------------------------------------- negation and antonyms


def _french_negation(m: re.Match[str], word: str) -> str:
    """'est' → "n'est pas" / 'sont' → 'ne sont jamais'."""
    verb = m.group(1)
    ne = "n'" if verb[0] in "aeéiouh" else "ne "
    return f"{ne}{verb} {word}"


def _turkish_negation(m: re.Match[str]) -> str | None:
    """'açıkladı' → 'açıklamadı', 'gitti' → 'gitmedi': the negative suffix after the stem."""
    stem = m.group(1)
    vowels = [c for c in stem if c in _BACK_VOWELS + _FRONT_VOWELS]
    if not vowels:
        return None
    return stem + ("madı" if vowels[-1] in _BACK_VOWELS else "medi")


def _rewrite(rules: Sequence[tuple[str, str]], sentence: str,
             rng: random.Random, ignore_case: bool = False, language: str = "") -> str | None:
    """Apply one of ``rules`` (pattern, replacement) at one place, tried in random order (on
    word edges, except in a language written without spaces; never the verb of a contraction:
    "won't" is no "won" to turn into "lost't")."""
    order = list(rules)
    rng.shuffle(order)
    flags = re.IGNORECASE if ignore_case else 0
    for pattern, replacement in order:
        compiled = re.compile(pattern if language in lex.UNSPACED
                              else rf"(?<!\w)(?:{pattern})(?!\w|['’]t\b)", flags)
        fill = functools.partial(_fill, replacement=replacement)
        new = replace_one(sentence, compiled, rng, fill)
        if new is not None:
            return new
    return None


def _fill(m: re.Match[str], replacement: str) -> str | None:
    """A replacement for a match: a template, or one of the special rewrites."""
    if replacement == "NE_PAS":
        return _french_negation(m, "pas")
    if replacement == "NE_JAMAIS":
        return _french_negation(m, "jamais")
    if replacement == "TR_BACK_FRONT":
        return _turkish_negation(m)
    return m.expand(replacement) if "\\g<" in replacement else replacement


def negation_not(sentence: str, ctx: Context, rng: random.Random) -> str | None:
    """A 'not' inserted after an auxiliary ('was expected' → 'was not expected')."""
    return _rewrite(lex.NEGATIONS.get(ctx.language, ()), sentence, rng, language=ctx.language)


def negation_never(sentence: str, ctx: Context, rng: random.Random) -> str | None:
    """A 'never' inserted ('has visited' → 'has never visited')."""
    return _rewrite(lex.NEVER.get(ctx.language, ()), sentence, rng, language=ctx.language)


def negation_no(sentence: str, ctx: Context, rng: random.Random) -> str | None:
    """An article turned into 'no' ('a risk' → 'no risk', 'eine Gefahr' → 'keine Gefahr')."""
    rules = {"en": ((r"(?<=[a-z] )(?:a|an)(?= [a-z]{3,})", "no"),),
             "de": ((r"(?<=[a-zäöü] )(ein|eine|einen|einem|einer)(?= \w{3,})", r"k\g<1>"),)}
    return _rewrite(rules.get(ctx.language, ()), sentence, rng)


def negation_denied(sentence: str, ctx: Context, rng: random.Random) -> str | None:
    """A reporting verb turned into a denial ('said' → 'denied')."""
    return _rewrite(lex.DENIALS.get(ctx.language, ()), sentence, rng, language=ctx.language)


def negation_refused(sentence: str, ctx: Context, rng: random.Random) -> str | None:
    """A decision or success turned into a refusal or failure ('agreed to' → 'refused to')."""
    return _rewrite(lex.REFUSALS.get(ctx.language, ()), sentence, rng, language=ctx.language)


def _both_ways(pairs: Sequence[tuple[str, str]]) -> list[tuple[str, str]]:
    """Each (x, y) as the rewrites x → y and y → x."""
    return [(re.escape(x), y) for x, y in pairs] + [(re.escape(y), x) for x, y in pairs]


def negation_prefix(sentence: str, ctx: Context, rng: random.Random) -> str | None:
    """A prefixed negation added or taken away ('possible' ↔ 'impossible')."""
    return _rewrite(_both_ways(lex.PREFIXED.get(ctx.language, ())), sentence, rng)


def antonym(sentence: str, ctx: Context, rng: random.Random) -> str | None:
    """An opposite predicate ('rose' ↔ 'fell', 'approved' ↔ 'rejected')."""
    return _rewrite(_both_ways(lex.ANTONYMS.get(ctx.language, ())), sentence, rng,
                    language=ctx.language)


# ---------------------------------------------------------------- names and quotes


_PLACE = ("GPE", "LOC")


def _group(label: str) -> str:
    """Places form one group; other labels are their own."""
    return "place" if label in _PLACE else label


def _in_sentence(sentence: str, ctx: Context, e: Entity | Quote | Span) -> bool:
    """Whether an item lies inside the sentence."""
    return ctx.start <= e.start and e.end <= ctx.start + len(sentence)


_NAME = re.compile(r"[^\W\d_][\w'’.-]*(?: [^\W\d_][\w'’.-]*){0,3}")


def _usable(e: Entity) -> bool:
    """A name worth swapping: one to four words of letters, capitalised, not a headline in
    capitals, no punctuation around it; a person has two words or more."""
    text = e.text
    if not (_NAME.fullmatch(text) and text[0].isupper() and not text.isupper()):
        return False
    if text.endswith((".", "-", "'", "’")) or re.match(r"\w{1,2}['’]", text):
        return False
    return e.label != "PERSON" or len(text.split()) >= 2


def _once(name: str, sentence: str) -> bool:
    """Whether each word of a name occurs once in the sentence (a name repeated would survive
    the swap elsewhere in it: not one edit)."""
    return all(len(re.findall(rf"(?<!\w){re.escape(w)}(?!\w)", sentence)) == 1
               for w in name.split() if len(w) > 2)


def _kind_fits(e: Entity, labels: tuple[str, ...], ctx: Context) -> bool:
    """Whether a name may stand in a place of ``labels``: people and organisations are no
    countries; places need their level (``_same_level``)."""
    return e.label in labels and _usable(e) and not _common_word(e.text, ctx) and (
        _group(e.label) == "place" or not ctx.is_country(e.text))


def _common_word(name: str, ctx: Context) -> bool:
    """Whether a one-word "name" is a common word the article also writes in lower case
    ('Coronavirus' tagged as an organisation): swapping it tests the tagger, not the rules."""
    lowered = name.lower()
    return " " not in name and lowered != name and re.search(
        rf"(?<!\w){re.escape(lowered)}(?!\w)", ctx.text) is not None


def _same_level(x: str, y: str, ctx: Context) -> bool:
    """Two places that exclude each other by level (two countries, two cities…)."""
    return ctx.place_level(x) == ctx.place_level(y)


def _pool(name: Entity, sentence: str, ctx: Context, labels: tuple[str, ...]) -> list[str]:
    """Other names of the article, of one of ``labels``, absent from the sentence."""
    pool = sorted({e.text for e in ctx.entities if _kind_fits(e, labels, ctx)
                   and not ctx.same_name(e.text, name.text)
                   and not any(ctx.same_name(e.text, o.text) for o in ctx.entities
                               if _in_sentence(sentence, ctx, o))
                   and e.text.lower() not in sentence.lower()})
    if _group(name.label) == "place":
        pool = [p for p in pool if _same_level(p, name.text, ctx)]
    return pool


def _tagged_alike(edited: str, other: str, name: Entity, ctx: Context) -> bool:
    """Whether the analyser reads the new name in the edited sentence as the same kind of name
    as the one it replaced (a swap the tagger sees as a place for a company tests the tagger,
    not the rule)."""
    found = ctx.find_names(edited)
    return not found or any(e.text == other and _group(e.label) == _group(name.label)
                            for e in found)


def _swap_entity(sentence: str, ctx: Context, rng: random.Random,
                 labels: tuple[str, ...]) -> str | None:
    """One name of ``labels`` in the sentence replaced by another of the article."""
    names = [e for e in ctx.entities if _kind_fits(e, labels, ctx)
             and _in_sentence(sentence, ctx, e) and _once(e.text, sentence)]
    rng.shuffle(names)
    for name in names:
        pool = _pool(name, sentence, ctx, labels)
        rng.shuffle(pool)
        s, e = name.start - ctx.start, name.end - ctx.start
        for other in pool[:5]:
            edited = sentence[:s] + other + sentence[e:]
            if _tagged_alike(edited, other, name, ctx):
                return edited
    return None


def entity_person(sentence: str, ctx: Context, rng: random.Random) -> str | None:
    """A person swapped for another person of the article."""
    return _swap_entity(sentence, ctx, rng, ("PERSON",))


def entity_place(sentence: str, ctx: Context, rng: random.Random) -> str | None:
    """A place swapped for another place of the article at the same level."""
    return _swap_entity(sentence, ctx, rng, _PLACE)


def entity_org(sentence: str, ctx: Context, rng: random.Random) -> str | None:
    """An organisation swapped for another organisation of the article."""
    return _swap_entity(sentence, ctx, rng, ("ORG",))


def entity_name(sentence: str, ctx: Context, rng: random.Random) -> str | None:
    """A name (no kind known: languages without an NER model) swapped for another name."""
    return _swap_entity(sentence, ctx, rng, ("MISC",))


def _speaker_like(e: Entity, ctx: Context) -> bool:
    """A name that can say something: a person, or (no NER model) a name of two words or more
    that is no country."""
    if e.label == "PERSON":
        return _usable(e)
    return e.label == "MISC" and _usable(e) and len(e.text.split()) >= 2 \
        and not ctx.is_country(e.text)


def quote_speaker(sentence: str, ctx: Context, rng: random.Random) -> str | None:
    """A quote given to another speaker of the article."""
    quotes = [q for q in ctx.quotes if q.speaker is not None and _in_sentence(sentence, ctx, q)
              and _in_sentence(sentence, ctx, q.speaker) and _once(q.speaker.text, sentence)]
    rng.shuffle(quotes)
    for q in quotes:
        assert q.speaker is not None
        pool = sorted({e.text for e in ctx.entities if _speaker_like(e, ctx)
                       and not ctx.same_name(e.text, q.speaker.text)
                       and e.text.lower() not in sentence.lower()})
        if pool:
            s, e = q.speaker.start - ctx.start, q.speaker.end - ctx.start
            return sentence[:s] + rng.choice(pool) + sentence[e:]
    return None


def quote_changed(sentence: str, ctx: Context, rng: random.Random) -> str | None:
    """A quote's words changed: a negation or a number inside the quotation marks."""
    quotes = [q for q in ctx.quotes if _in_sentence(sentence, ctx, q)]
    rng.shuffle(quotes)
    for q in quotes:
        s, e = q.start - ctx.start, q.end - ctx.start
        inner = sentence[s:e]
        edited = negation_not(inner, ctx, rng) or number_plain(inner, ctx, rng) \
            or negation_denied(inner, ctx, rng) or antonym(inner, ctx, rng)
        if edited is not None:
            return sentence[:s] + edited + sentence[e:]
    return None


# ---------------------------------------------------------------- benign edits inside a sentence


def synonym(sentence: str, ctx: Context, rng: random.Random) -> str | None:
    """A word replaced by a synonym ('said' → 'stated')."""
    return _rewrite([(re.escape(x), y) for x, y in lex.SYNONYMS.get(ctx.language, ())],
                    sentence, rng)


def tense(sentence: str, ctx: Context, rng: random.Random) -> str | None:
    """A change of tense that keeps the claim ('says' → 'said', 'is' → 'was')."""
    return _rewrite([(re.escape(x), y) for x, y in lex.TENSES.get(ctx.language, ())],
                    sentence, rng)


OPERATIONS: dict[str, Operation] = {
    "number.plain": number_plain, "number.bound": number_bound, "number.year": number_year,
    "number.percent": number_percent, "number.money": number_money,
    "number.scale": number_scale, "number.written": number_written,
    "date.weekday": date_weekday, "date.month": date_month, "date.day": date_day,
    "negation.not": negation_not, "negation.never": negation_never, "negation.no": negation_no,
    "negation.denied": negation_denied, "negation.refused": negation_refused,
    "negation.prefix": negation_prefix, "antonym": antonym,
    "entity.person": entity_person, "entity.place": entity_place, "entity.org": entity_org,
    "entity.name": entity_name, "quote.speaker": quote_speaker, "quote.changed": quote_changed,
    "benign.synonym": synonym, "benign.tense": tense,
}  # fmt: skip
"""Every in-sentence edit by kind; whole-text benign edits live in ``evaluate.edits``."""
