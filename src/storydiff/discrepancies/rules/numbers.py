"""Number rule: the same quantity with a different value ("40 survivors" vs "12")."""

from __future__ import annotations

import functools
import itertools
import math
import re
from collections import Counter
from dataclasses import dataclass

from ...analyse.numbers import between_before
from ...document import Claim, DateMention, Document, Quantity, Span, within
from ...text import (
    Word,
    char_bigrams,
    content_words,
    dice,
    fold,
    is_content_word,
    same_stem,
    tokenize,
)
from ..record import Discrepancy
from .amounts import Amount, amount, amounts_differ, bound_start
from .dates import date_key, different_occasions, labels_figure
from .entities import distinctive_words, mentioned
from .frames import AND, frame_of, frames_of_word, measures_of
from .pair import CLAUSE_END, ClaimPair
from .times import clock_times

__all__ = ["number_heuristic"]


_NOT_CONTEXT = frozenset({"least", "more", "than", "about", "around", "approximately", "nearly",
                          "almost", "moins", "plus", "environ", "mindestens", "etwa", "menos",
                          "yaklasık", "около", "około", "حوالي", "نحو"})
_WINDOW = 6  # context words on each side of a number
_FAR_APART = 1000.0
_INCREMENT_WORDS = frozenset({
    "additional", "another", "further", "extra", "new", "weitere", "weiteren", "weiterer",
    "zusatzlich", "zusatzliche", "zusatzlichen", "neue", "neuen", "supplementaires",
    "supplementaire", "nouveaux", "nouvelles", "adicionales", "adicional", "nuevos", "nuevas",
    "ulteriori", "nuovi", "nuove", "adicionais", "novos", "novas", "kolejnych", "kolejne",
    "dodatkowych", "dodatkowe", "nowych", "nowe", "еще", "дополнительных", "новых", "ilave",
    "yeni"})  # folded, as ``tokenize`` folds
_MORE = frozenset({"more", "mehr", "plus", "mas", "piu", "mais", "wiecej"})
#: Words that count only what is active now ("220 casos activos", "active cases"): a subset
#: of a total, so a figure with one and a figure without count different things (folded).
_ACTIVE_WORDS = frozenset({
    "active", "activos", "activas", "actifs", "actives", "aktive", "aktiven", "aktiver",
    "attivi", "attive", "ativos", "ativas", "aktywnych", "aktywne", "aktywni", "активных",
    "активные", "aktif", "النشطة", "نشطة"})
#: Units of time (folded words, whole): a figure counting them ("three weeks after", "77
#: años") is a duration or an age, never a count of the dead or the injured.
_TIME_UNITS = frozenset({
    "hour", "hours", "day", "days", "week", "weeks", "month", "months", "year", "years",
    "heure", "heures", "jour", "jours", "semaine", "semaines", "mois", "an", "ans", "annee",
    "annees", "stunde", "stunden", "tag", "tage", "tagen", "woche", "wochen", "monat",
    "monate", "monaten", "jahr", "jahre", "jahren", "hora", "horas", "dia", "dias", "semana",
    "semanas", "mes", "meses", "ano", "anos", "ora", "ore", "giorno", "giorni", "settimana",
    "settimane", "mese", "mesi", "anno", "anni", "godzin", "godziny", "dzien", "dni",
    "tydzien", "tygodni", "miesiac", "miesiecy", "rok", "lat", "lata", "час", "часа", "часов",
    "день", "дня", "дней", "неделю", "недели", "недель", "месяц", "месяца", "месяцев", "год",
    "года", "лет", "saat", "gun", "hafta", "ay", "yil", "yillik"})
#: Words after a figure that make it a rate per unit of time ("3.000 barbijos por día", "500
#: a year"): a rate and a total are different figures.
_RATE = re.compile(
    r"^(?:\w+\s+){0,2}?(?:(?:per|a|an|each|every|por|al|cada|pro|am|im|je|par|chaque|"
    r"ogni|na|в|за)\s+(?:hour|day|week|month|year|hora|dia|semana|mes|ano|tag|woche|monat|"
    r"jahr|heure|jour|semaine|mois|an|ora|giorno|settimana|mese|anno|godzine|dzien|tydzien|"
    r"miesiac|rok|час|день|сутки|неделю|месяц|год)\b|daily|weekly|monthly|yearly|annually|"
    r"diari[oa]s?|taglich|wochentlich|jahrlich|quotidien|giornalier[oi]|dziennie|rocznie|"
    r"ежедневно|gunluk|يوميا|سنويا)")
#: A number before these is a street address ("the 3500 block of NE 148th Avenue").
_ADDRESS = re.compile(r"^\s*(?:block\b|街区)")
_OR = frozenset({"or", "oder", "ou", "o", "lub", "или", "veya"})
#: The word right before a figure (folded) that gives it as a change ("fell by 13.7%", "um 18
#: Prozent", "упали на 13,7%", "wzrosła o 5 proc."), or as a level ("to 30%", "auf 363
#: Milliarden", "составляет 35 процентов", "is 35%"). Polish "o" and "do" only in Polish.
_CHANGE_BY = frozenset({"by", "um", "на"})
_LEVEL_AT = frozenset({"to", "auf", "до", "is", "was", "reach", "reached", "reaching",
                       "betragt", "betrug", "составляет", "составил", "составила", "составило",
                       "составили", "wynosi"})


def _around(claim: Claim, words: list[Word], q: Quantity) -> tuple[list[str], list[str]]:
    """The folded words of a claim (``words``, its tokens) before and after a quantity."""
    inside = [i for i, w in enumerate(words) if claim.start + w.start < q.end
              and claim.start + w.end > q.start]
    if not inside:
        return [], []
    return [w.norm for w in words[:inside[0]]], [w.norm for w in words[inside[-1] + 1:]]


def _context(doc: Document, claim: Claim, before: list[str], after: list[str],
             q: Quantity) -> set[str]:
    """Content words within six words of a quantity (figures not counted: ``_nearest``;
    ``before`` and ``after`` it, inside its claim), up to a coordinating "and"
    (``frames.AND``): in "0,99 Millionen (3,3 Prozent) die Serie X und bei Südkanal 0,67
    Millionen", "Südkanal" belongs to the second item."""
    before, after = _nearest(_upto_and(before[::-1]))[::-1], _nearest(_upto_and(after))
    counted = fold(q.counted) if q.counted else None
    kept = {w for w in {*before, *after} & content_words(doc.clean_text[claim.start:claim.end])
            if w not in _NOT_CONTEXT and not w.isdigit() and (len(w) > 1 or w.isascii())
            and not (counted and same_stem(w, counted))}
    return kept | char_bigrams(before) | char_bigrams(after)


def _nearest(words: list[str]) -> list[str]:
    """``words`` up to the ``_WINDOW``-th that holds no digit: the figures of an item do not
    use up its window ("0,74 Millionen (2,4 Prozent) mit der Krimiserie 'Bones'" reaches
    "Bones", which tells the item from another channel's)."""
    words_seen = 0
    for i, word in enumerate(words):
        if not any(c.isdigit() for c in word):
            words_seen += 1
            if words_seen == _WINDOW:
                return words[:i + 1]
    return words


def _upto_and(words: list[str]) -> list[str]:
    """``words`` up to the first coordinating "and"."""
    return list(itertools.takewhile(lambda w: w not in AND, words))


@dataclass(frozen=True)
class _Counted:
    """A quantity of a claim: what it counts, the words around it, its range and its place
    among the claim's numbers."""

    q: Quantity
    context: set[str]
    amount: Amount
    rank: int
    increment: bool  # "750 additional soldiers", "weitere 5 Tote": a rise, no total
    frame: str | None  # what it counts, from the words beside it (``frames``): "dead", ...
    subjects: tuple[str, ...]  # the names it is given for (``_subjects``)
    rate: bool  # "3,000 masks a day": a rate per unit of time, no total (``_RATE``)
    measure: str | None  # "change" ("by 13.7%") or "level" ("to 30%"), else None (``_measure``)
    label: str | None  # the key of a date labelling it ("Dienstag: 1,1234"), else None
    joint: str | None  # "déplacés" in "300 000 réfugiés et déplacés" (``_joint``)
    hypothetical: bool  # "Tesla würde dann 185 Milliarden wert sein" (``_hypothetical``)
    converts: int | None  # the rank of the figure it gives in another unit (``_converts``)
    active: bool  # "220 casos activos": what is active now, a subset (``_ACTIVE_WORDS``)


def _frame_anchored(x: _Counted, y: _Counted, same_language: bool) -> bool | None:
    """``_anchored`` with frames read: two figures of different frames ("32 killed" / "48
    wounded") clash; two of the same frame ("32 people were killed" / "35 people died",
    "42 Verletzte" / "57 wounded") count one thing, in any language, unless their units
    differ or, within one language, two counted nouns that are not the frame's own words
    differ ("32 soldiers killed" / "35 civilians killed")."""
    if not (x.frame and y.frame):
        return _anchored(x.q, y.q, same_language)
    if x.frame != y.frame:
        return None
    if (x.q.unit or y.q.unit) and not (x.q.unit and y.q.unit
                                       and fold(x.q.unit) == fold(y.q.unit)):
        return None
    nouns = [fold(c.q.counted) for c in (x, y) if c.q.counted]
    if (same_language and len(nouns) == 2 and not same_stem(*nouns)
            and not any(frames_of_word(n) for n in nouns)):
        return None
    return True


def _anchored(x: Quantity, y: Quantity, same_language: bool) -> bool | None:
    """True when counted noun or unit match, None when they clash, False when absent.

    A unit on one side only clashes with a counted noun on the other ("12%" is no count of
    people). Across languages counted nouns are mostly other words ("Verletzte", "wounded"):
    a cognate anchors ("survivors", "survivants"), other nouns neither anchor nor clash."""
    if not same_language and not (x.unit and y.unit):
        if x.unit or y.unit:
            return None if x.counted or y.counted else False
        if x.counted is None or y.counted is None:
            return False
        return same_stem(fold(x.counted), fold(y.counted))
    if x.counted and y.counted and not same_stem(fold(x.counted), fold(y.counted)):
        return None
    if x.unit and y.unit and fold(x.unit) != fold(y.unit):
        return None
    if (x.unit and not y.unit and y.counted) or (y.unit and not x.unit and x.counted):
        return None
    return bool(x.counted and y.counted) or bool(x.unit and y.unit)


def _same_thing(pair: ClaimPair, x: _Counted, y: _Counted, alone: bool) -> bool:
    """Whether two quantities count the same thing (see ``number_heuristic``); ``alone``
    says each is its claim's only quantity of its kind (``_alone``)."""
    anchored = _frame_anchored(x, y, pair.same_language)
    if not pair.strong and not _alone_across(pair, x, anchored, alone):
        return False  # a loose link: read on real pairs, mostly two different figures
    if anchored is None or _far_apart(x.q.value, y.q.value) or x.increment != y.increment \
            or x.rate != y.rate or (x.measure and y.measure and x.measure != y.measure) \
            or (x.label and y.label and x.label != y.label) \
            or _part_of_sum(pair.a, pair.claim_a, y) or _part_of_sum(pair.b, pair.claim_b, x) \
            or x.hypothetical != y.hypothetical or x.active != y.active:
        return False
    if pair.same_language and _other_subjects(pair, x, y):
        return False
    if not pair.same_language:  # no shared words to read: the same unit, alone off a paraphrase
        return anchored and (pair.similar or alone or _rescaled(x, y))
    shared = len(x.context & y.context)
    if pair.similar:
        if anchored:
            return (shared >= 1 or not x.context or not y.context
                    or pair.link.lexical >= 0.5)
        return shared >= 2
    # the same fact in other words: the same noun, in its setting or alone
    return anchored and (shared >= 2 or alone or _rescaled(x, y))


#: The least ``ClaimPair.strength`` at which ``_alone_across`` compares two figures.
_ACROSS_FLOOR = 0.45


def _alone_across(pair: ClaimPair, x: _Counted, anchored: bool | None, alone: bool) -> bool:
    """Whether two figures on a loose link are still one figure told in two languages: each
    is its claim's only quantity of its unit ("4.1%" / "10.2 per cent", "77 %" / "78%"), and
    the link model gives the link at least ``_ACROSS_FLOOR``. Across languages the link
    model's confidence runs lower for the same fact, and no shared word can confirm a figure.
    Within one language the same gate found 2 right and 6 wrong on the audited real pairs
    (two candidates' poll shares, a loss and a profit, two channels' ratings, two days'
    oil prices), so a loose link in one language still compares nothing."""
    return (not pair.same_language and alone and bool(anchored) and bool(x.q.unit)
            and pair.strength >= _ACROSS_FLOOR)


def _rescaled(x: _Counted, y: _Counted) -> bool:
    """Whether two figures of one unit give the same digits on another scale: one figure
    whose scale or unit word changed ("0.63 美元" / "0.63 cents", read as $0.63 and $0.0063),
    which marks the pair as counterparts even where each claim gives other figures of that
    unit ("from 0.34 to 0.63 美元"). One significant digit is too common a coincidence: "a 2
    cent drop" in the price of a gallon and "up $2" in a household's yearly bill are two
    figures (read on a real pair)."""
    if not (x.q.unit and x.q.unit == y.q.unit and x.q.value != y.q.value
            and x.q.value > 0 and y.q.value > 0):
        return False
    digits = _digits(x.q.value)
    return digits == _digits(y.q.value) and digits != round(digits)


@functools.lru_cache(maxsize=4096)
def _named_in(name: str, text: str) -> bool:
    """Whether ``text`` names ``name``: ``entities.mentioned``, or a distinctive word of the name
    (``entities.distinctive_words``) sharing a stem with a word of the text ("Rumunii" /
    "Rumunia"). Cached: every pair of figures of two claims asks it again."""
    if mentioned(name, text):
        return True
    words = distinctive_words(name)
    others = [v.norm for v in tokenize(text)] if words else []
    return any(same_stem(w, v) for w in words for v in others)


def _other_subjects(pair: ClaimPair, x: _Counted, y: _Counted) -> bool:
    """Whether two figures are given for different names: each has names of its own before it
    (``_subjects``) and the other claim names none of them ("Al Rajhi Bank … lost 0.3%" /
    "Dubai Islamic Bank … lost 0.7%": two banks, not one figure changed). A name the other
    claim gives elsewhere keeps the pair: the names before a figure are not always its subject
    ("GasBuddy predicts … $2.60" / "Americans are likely to pay $7.80 …, according to
    GasBuddy"). The same name before both figures is the same subject, however short
    ("Ir", which ``_named_in`` does not look for)."""
    if not (x.subjects and y.subjects) or {fold(n) for n in x.subjects} & {fold(n) for n in
                                                                          y.subjects}:
        return False
    return not any(_named_in(n, pair.claim_b.text) for n in x.subjects) \
        and not any(_named_in(n, pair.claim_a.text) for n in y.subjects)


def _subjects(doc: Document, claim: Claim, quantities: list[Quantity], q: Quantity,
              taken: list[tuple[int, int]]) -> tuple[str, ...]:
    """The names a figure is given for: the names of its claim after the previous figure of
    the same unit (or the claim's start) and before the figure, leaving out those that overlap
    ``taken`` (the claim's numbers and dates: "1120.SE" in "Al Rajhi Bank 1120.SE ha perso lo
    0,3%")."""
    start = max((p.end for p in quantities if p.end <= q.start and p.unit == q.unit),
                default=claim.start)
    return tuple(e.text for e in within(doc.entities, start, q.start)
                 if not any(a < e.end and e.start < b for a, b in taken))


def _measures_clash(pair: ClaimPair) -> bool:
    """Whether the two claims report different measures of a business: revenue in one, profit
    or loss in the other, and none in common (``frames.measures_of``: "Der Umsatz brach … auf
    363 Milliarden Yen" / "die Einbußen beim operativen Gewinn … 35,1 Milliarden Yen")."""
    ma, mb = measures_of(pair.claim_a.text), measures_of(pair.claim_b.text)
    return bool(ma and mb and not ma & mb)


def _far_apart(x: float, y: float) -> bool:
    """Whether two values lie more than a thousandfold apart with other digits: a nation's
    fuel bill and a household's ("3730 亿美元" / "2 美元") are different figures, not one
    figure misreported. The same digits on another scale ("400 tysięcy" / "400 mld") are one
    figure with its scale word changed, and still count."""
    low, high = sorted((abs(x), abs(y)))
    return low > 0 and high / low > _FAR_APART and _digits(low) != _digits(high)


def _digits(value: float) -> float:
    """The significant digits of a value, to three places (400,000 and 4e11 both 4.0)."""
    return round(value / 10.0 ** math.floor(math.log10(value)), 2)


def _anchor(c: _Counted, same_language: bool) -> str | None:
    """What a quantity is a figure of: its unit, else its frame, else (within one language)
    its counted noun."""
    if c.q.unit:
        return c.q.unit
    if c.frame:
        return "@" + c.frame
    return fold(c.q.counted) if c.q.counted and same_language else None


def _alone(pair: ClaimPair, xs: list[_Counted],
           ys: list[_Counted]) -> dict[tuple[int, int], bool]:
    """For each pair of quantities (indices into ``xs`` and ``ys``), whether both are their
    claims' only quantities of their unit or counted noun; of a quantity with neither (or,
    across languages, with only a counted noun, another word on each side), whether it is its
    claim's only quantity left."""
    kinds_x = [_anchor(x, pair.same_language) for x in xs]
    kinds_y = [_anchor(y, pair.same_language) for y in ys]
    counts_x, counts_y = Counter(kinds_x), Counter(kinds_y)
    single = len(xs) == len(ys) == 1
    return {(i, j): single if kx is None or ky is None else counts_x[kx] == counts_y[ky] == 1
            for i, kx in enumerate(kinds_x) for j, ky in enumerate(kinds_y)}


def _counted(doc: Document, claim: Claim) -> list[_Counted]:
    """The quantities of a claim that are not part of a date ("2017") or a time of day
    ("18.30 Uhr": the time rule's), in order."""
    dates = within(doc.dates, claim.start, claim.end)
    not_counts = [(d.start, d.end) for d in dates] + [
        (claim.start + t.start, claim.start + t.end)
        for t in clock_times(claim.text, doc.language == "en")]
    kept = [q for q in within(doc.quantities, claim.start, claim.end)
            if not any(s < q.end and q.start < e for s, e in not_counts)]
    words = tokenize(doc.clean_text[claim.start:claim.end])
    taken = [(p.start, p.end) for p in kept] + [(d.start, d.end) for d in dates]
    counted = []
    for rank, q in enumerate(kept):
        tail = fold(doc.clean_text[q.end:min(claim.end, q.end + 40)])
        if _ADDRESS.match(tail):
            continue
        before, after = _around(claim, words, q)
        frame = None if _duration_or_age(q, before) else frame_of(
            before, after, doc.clean_text[claim.start:q.start], doc.clean_text[q.end:claim.end])
        context = _context(doc, claim, before, after, q) | ({"@" + frame} if frame else set())
        counted.append(_Counted(q, context, amount(doc, q), rank, _increment(before, after),
                                frame, _subjects(doc, claim, kept, q, taken),
                                _RATE.match(tail.strip()) is not None,
                                _measure(before, doc.language), _label(doc, dates, q),
                                _joint(doc, claim, q), _hypothetical(doc, claim, q),
                                rank - 1 if rank and _converts(doc, kept[rank - 1], q) else None,
                                any(w in _ACTIVE_WORDS for w in (*before[-1:], *after[:3]))))
    return counted


#: What stands between a figure and its conversion: an opening bracket and at most one word
#: ("363 Milliarden Yen (3,1 Mrd Euro)", "60 Milliarden Yen (gut 512 Mio Euro)").
_CONVERSION_GAP = re.compile(r"\s*\(\s*(?:[^\W\d]+\.?\s+)?")


def _converts(doc: Document, previous: Quantity, q: Quantity) -> bool:
    """Whether ``q`` gives the figure right before it in another unit, in brackets: "363
    Milliarden Yen (3,1 Mrd Euro)", a conversion of the figure, not a figure of its own."""
    if not (previous.unit and q.unit) or previous.unit == q.unit:
        return False
    return _CONVERSION_GAP.fullmatch(doc.clean_text, previous.end, q.start) is not None


def _within_a_quarter(x: float, y: float) -> bool:
    """Whether two positive values lie within a factor of 1.25 of each other."""
    low, high = sorted((abs(x), abs(y)))
    return low > 0 and high <= 1.25 * low


def _conversions_of_one_pair(found: list[tuple[_Counted, _Counted, bool]], xs: list[_Counted],
                             ys: list[_Counted]) -> set[tuple[int, int]]:
    """The ranks of paired conversions whose figures are paired too, or are the same figure
    on both sides: "363 Milliarden Yen (3,1 Mrd Euro)" against "1,75 Billionen Yen (15 Mrd
    Euro)" is one disagreement, told by the yen figures, and "1,75 Billionen Yen (15 Mrd
    Euro)" against "1,75 Billionen Yen (14 Mrd Euro)" is one figure converted at two rates
    (within a quarter of each other: "(14 Mio Euro)" against "(14 Mrd Euro)" is a conversion
    gone wrong, and is compared)."""
    paired = {(x.rank, y.rank) for x, y, _ in found}
    by_rank_x, by_rank_y = {x.rank: x for x in xs}, {y.rank: y for y in ys}
    out = set()
    for x, y, _ in found:
        if x.converts is None or y.converts is None:
            continue
        main_x, main_y = by_rank_x.get(x.converts), by_rank_y.get(y.converts)
        if (x.converts, y.converts) in paired or (
                main_x is not None and main_y is not None and _same_figure(main_x, main_y)
                and _within_a_quarter(x.q.value, y.q.value)):
            out.add((x.rank, y.rank))
    return out


#: German Konjunktiv II of "werden" and "sein" (unfolded: "wurde" is "was"): a hypothetical.
_KONJUNKTIV = re.compile(r"\b(?:würden?|wären?)\b", re.IGNORECASE)
_CLAUSE = re.compile(r"[;:.!?](?!\S)|\s[-–—]\s")  # not "185.500.000.000"


def _hypothetical(doc: Document, claim: Claim, q: Quantity) -> bool:
    """Whether a German figure's sentence is hypothetical ("Tesla würde dann 185,5 Milliarden
    Dollar an der Börse wert sein" against "Der Börsenwert ist … bei 135 Milliarden Dollar":
    a projection and a value, read on a real pair). Only German, where "würde" and "wäre"
    mostly mark the unreal (reported speech takes "werde", "sei"); English "would" reports
    speech ("said it would cut 500 jobs"), and the French, Spanish and Italian conditional
    reports unconfirmed figures ("le bilan serait de 30 morts"), figures to compare."""
    if doc.language != "de":
        return False
    text = doc.clean_text
    start = max((m.end() for m in _CLAUSE.finditer(text, claim.start, q.start)),
                default=claim.start)
    end = next((m.start() for m in _CLAUSE.finditer(text, q.end, claim.end)), claim.end)
    return _KONJUNKTIV.search(text, start, end) is not None


def _counts_words(doc: Document, claim: Claim, q: Quantity) -> list[str]:
    """The folded words after a figure up to the end of what it counts (its clause, at most
    60 characters): "nigerians", "refugees", "and", "displaced", "people"."""
    tail = CLAUSE_END.split(doc.clean_text[q.end:min(claim.end, q.end + 60)], maxsplit=1)[0]
    return [w.norm for w in tokenize(tail)]


def _joint(doc: Document, claim: Claim, q: Quantity) -> str | None:
    """The second noun a figure counts, when its counted noun is joined by "and" to another
    word within three words, no figure between ("déplacés" in "300 000 réfugiés nigérians et
    déplacés internes"), else None."""
    if not q.counted:
        return None
    words = _counts_words(doc, claim, q)
    return next((words[i + 1] for i, w in enumerate(words[1:4], start=1)
                 if w in AND and i + 1 < len(words) and is_content_word(words[i + 1])
                 and not words[i + 1][0].isdigit()), None)


def _part_of_sum(doc: Document, claim: Claim, y: _Counted) -> bool:
    """Whether ``y`` counts two groups together (``_joint``) and ``claim``, the other side,
    counts the second group on its own (the word within three words after one of its
    figures, before any "and"): then the other side's figures are the parts and ``y`` their
    sum ("plus de 300 000 réfugiés nigérians et déplacés internes" against "120.619 réfugiés
    nigérians et 111.058 déplacés internes"; read on a real pair)."""
    return y.joint is not None and any(
        same_stem(w, y.joint)
        for q in within(doc.quantities, claim.start, claim.end)
        for w in _upto_and(_counts_words(doc, claim, q))[:3])


def _label(doc: Document, dates: list[DateMention], q: Quantity) -> str | None:
    """The key of the date that labels a figure (``dates.labels_figure``: "(Dienstag: 1,1234)"
    gives Tuesday's rate): figures labelled with different days are two days' figures."""
    for d in dates:
        if d.end <= q.start and labels_figure(doc, d) \
                and not doc.clean_text[d.end:q.start].strip(" :"):
            return date_key(doc, d)
    return None


def _measure(before: list[str], language: str) -> str | None:
    """Whether the word right before a figure gives it as a change ("Macau's gaming revenue
    fell by 13.7%") or as a level ("the tax rate is 35%"), else None: a change and a level are
    two figures, not one changed (read on a real pair)."""
    if not before:
        return None
    word = before[-1]
    if word in _CHANGE_BY or (language == "pl" and word == "o"):
        return "change"
    if word in _LEVEL_AT or (language == "pl" and word == "do"):
        return "level"
    return None


def _duration_or_age(q: Quantity, before: list[str]) -> bool:
    """Whether a figure counts units of time ("three weeks after") or gives an age ("dead at
    77", "aged 77"): it takes no frame."""
    if q.counted and fold(q.counted) in _TIME_UNITS:
        return True
    return q.counted is None and bool(before) and before[-1] in ("at", "aged")


def _increment(before: list[str], after: list[str]) -> bool:
    """Whether a quantity counts an increment: a word such as "additional", "another",
    "weitere", "supplémentaires" within two words before it or three after it, inside its
    claim, or "more" after it ("750 more soldiers"; "more than 40" and "40 or more" are
    bounds)."""
    after = after[:3]
    if any(w in _INCREMENT_WORDS for w in (*before[-2:], *after)):
        return True
    return any(w in _MORE and (i == 0 or after[i - 1] not in _OR) for i, w in enumerate(after))


def _number_span(doc: Document, claim: Claim, c: _Counted) -> Span:
    """The number plus its counted noun when the noun follows within the claim ("between" and
    all when the number opens a range written with words: "zwischen 30 und 40 Menschen"),
    else plus the frame word that follows it within four words ("48 were wounded")."""
    q = c.q
    tail = doc.clean_text[q.end:min(claim.end, q.end + 40)]
    if q.counted and fold(q.counted) not in fold(q.text):
        m = re.search(rf"\b{re.escape(q.counted)}\b", tail, re.IGNORECASE)
        if m:
            between = between_before(doc.clean_text, q.start, claim.start)
            return doc.span(between.start() if between else q.start, q.end + m.end())
    if c.frame and not q.counted:
        for m in itertools.islice(re.finditer(r"\w+", tail), 4):
            if m.group().isdigit():
                break
            if frames_of_word(fold(m.group())) == c.frame:
                return doc.span(q.start, q.end + m.end())
    return doc.span(q.start, q.end)


def _with_bound(doc: Document, claim: Claim, span: Span, q: Quantity) -> Span:
    """``span`` from the bound word before its figure ("moins de 1 000 partenaires")."""
    start = bound_start(doc, q)
    return doc.span(start, span.end) if start is not None and start >= claim.start else span


def _number_confidence(pair: ClaimPair, x: _Counted, y: _Counted, alone: bool) -> float:
    """Heuristic confidence of a number mismatch, scaled by the link's strength: the same
    mismatch counts for less between loosely linked claims. A figure standing alone on both
    sides counts as half an anchor (what else could it be the counterpart of)."""
    shared = min(1.0, len(x.context & y.context) / 2)
    anchored = 1.0 if _frame_anchored(x, y, pair.same_language) else 0.5 if alone else 0.0
    approximate = 0.1 if x.q.approximate or y.q.approximate else 0.0
    evidence = 0.55 + 0.25 * anchored + 0.15 * shared - approximate
    return evidence * pair.strength + 0.05


def _same_figure(x: _Counted, y: _Counted) -> bool:
    """The same value, unit and bound."""
    return (x.q.value, x.q.unit, x.amount.bound) == (y.q.value, y.q.unit, y.amount.bound)


def _other_nouns(x: _Counted, y: _Counted) -> bool:
    """Whether two figures count nouns of other stems ("два полиса" / "двух разных")."""
    if not (x.q.counted and y.q.counted):
        return False
    return not same_stem(fold(x.q.counted), fold(y.q.counted))


def _unrepeated(xs: list[_Counted], ys: list[_Counted],
                same_language: bool = True) -> tuple[list[_Counted], list[_Counted]]:
    """Both claims' quantities without those the other claim repeats exactly, matched one to
    one: "1.2 percent … 1.2 percent" against "1.9 percent … 1.2 percent" leaves 1.2 and 1.9.
    Within one language a figure counting another noun is no repeat: "drei Männer … drei
    Personen" against "sieben Männer … drei Personen" leaves drei and sieben Männer."""
    used: set[int] = set()
    open_x = []
    for x in xs:
        twin = next((j for j, y in enumerate(ys) if j not in used and _same_figure(x, y)
                     and not (same_language and _other_nouns(x, y))), None)
        if twin is None:
            open_x.append(x)
        else:
            used.add(twin)
    return open_x, [y for j, y in enumerate(ys) if j not in used]


def _affinity(pair: ClaimPair, x: _Counted, y: _Counted) -> float:
    """How surely two quantities count the same thing: the same value (a figure repeated is the
    same figure; the same digits on another scale, less surely), the same counted noun or unit,
    the same name before them ("Arab National Bank fell 0.9%" / "Arab National Bank fell
    0.2%"), shared words around them, then the same place among the claim's numbers."""
    same_noun = bool(x.q.counted and y.q.counted) or bool(x.frame and x.frame == y.frame)
    same_unit = bool(x.q.unit and y.q.unit)
    shared = min(3, len(x.context & y.context))
    same_value = 4.0 if x.q.value == y.q.value else 2.0 if _rescaled(x, y) else 0.0
    same_subject = any(_named_in(n, m) or _named_in(m, n) for n in x.subjects for m in y.subjects)
    return same_value + 3.0 * same_noun + 3.0 * same_unit + 3.0 * same_subject + shared \
        - 0.5 * abs(x.rank - y.rank)


def _pairing(pair: ClaimPair, xs: list[_Counted],
             ys: list[_Counted]) -> list[tuple[_Counted, _Counted, bool]]:
    """Quantities paired one to one, the surest pairs first: "32 people … 213 injured" against
    "35 people … 190 injured" pairs 32 with 35 and 213 with 190, never 32 with 190. Of two
    pairs as sure, the one sharing more words around its figures goes first ("bei Vox 0,67
    Millionen (2,2 Prozent) 'Bones …'" / "Vox … 0,74 Millionen (2,4 Prozent) mit … 'Bones …'"
    pairs 2,2 with 2,4, not the 3,3 Prozent given for another channel)."""
    alone = _alone(pair, xs, ys)
    scored = sorted(((_affinity(pair, x, y), len(x.context & y.context), i, j)
                     for i, x in enumerate(xs)
                     for j, y in enumerate(ys) if _same_thing(pair, x, y, alone[i, j])),
                    key=lambda s: (-s[0], -s[1], *sorted((xs[s[2]].q.start, ys[s[3]].q.start))))
    used_a: set[int] = set()
    used_b: set[int] = set()
    pairs = []
    for _, _, i, j in scored:  # ties broken by text positions, the same whichever side is A
        if i not in used_a and j not in used_b:
            used_a.add(i)
            used_b.add(j)
            pairs.append((xs[i], ys[j], alone[i, j]))
    return sorted(pairs, key=lambda p: p[0].rank)


def _distinctive(q: Quantity) -> bool:
    """Whether a figure says enough to be recognised elsewhere: it has a unit or a counted
    noun, or it is no whole number below ten and no year."""
    if q.unit or q.counted:
        return True
    return not (float(q.value).is_integer() and (q.value < 10 or 1900 <= q.value <= 2100))


def _claim_words(doc: Document, claim: Claim) -> frozenset[str]:
    """The content words of a claim (pairs of characters in a script without spaces)."""
    return _words_of(doc.clean_text[claim.start:claim.end])


@functools.lru_cache(maxsize=4096)
def _words_of(text: str) -> frozenset[str]:
    """``_claim_words`` of a claim's text, read once however many figures ask."""
    return frozenset(content_words(text) | char_bigrams([w.norm for w in tokenize(text)]))


def _stated_closer(doc: Document, linked: Claim, words: frozenset[str], q: Quantity) -> bool:
    """Whether a claim of ``doc`` other than ``linked`` states the figure ``q`` (the same
    value and unit, the same counted noun where both have one) and shares at least as many
    words with ``q``'s own claim (``words``) as ``linked`` does, and some: then that claim,
    not ``linked``, is the figure's counterpart, and the other article gives the figure too.
    Two tiers of one loan scheme ("desde 60,001 soles hasta 90,000 soles" / "desde 30,001
    soles hasta 60,000 soles", each article listing every tier) are no changed figure."""
    if not _distinctive(q):
        return False
    unit = fold(q.unit) if q.unit else None
    floor = max(dice(words, _claim_words(doc, linked)), 1e-9)
    for other in doc.quantities:
        if other.value != q.value or (fold(other.unit) if other.unit else None) != unit \
                or linked.start <= other.start < linked.end:
            continue
        if q.counted and other.counted and not same_stem(fold(q.counted), fold(other.counted)):
            continue
        claim = next((c for c in doc.claims if c.start <= other.start < c.end), None)
        if claim is not None and dice(words, _claim_words(doc, claim)) >= floor:
            return True
    return False


def _adjacent_brackets(xs: list[_Counted], ys: list[_Counted]) -> bool:
    """Whether the two claims give neighbouring brackets of one schedule: a figure of one a
    round thousand (60,000) and a figure of the other, of the same unit, one more or one less
    (60,001). "desde 60,001 soles hasta 90,000 soles" against "desde 30,001 soles hasta
    60,000 soles" are two tiers of a loan scheme, not a changed tier (read on a real pair)."""
    for x in xs:
        for y in ys:
            low, high = sorted((x.q.value, y.q.value))
            if high - low == 1 and (fold(x.q.unit or "") == fold(y.q.unit or "")) and any(
                    v >= 1000 and v % 1000 == 0 for v in (low, high)):
                return True
    return False


def number_heuristic(pair: ClaimPair) -> list[Discrepancy]:
    """Two quantities that count the same thing with different values → "number".

    Quantities count the same thing when their counted nouns, units or frames match and,
    within one language, the words around them overlap; a clash of counted nouns, units or
    frames, or values a thousandfold apart with other digits, rules a pair out. A frame
    (``frames.frame_of``) is what a figure counts read from the words beside it: the dead,
    the injured, the arrested, the missing, the infected, in any of the project's languages,
    so "32 people were killed" / "35 people died", "190 injured" / "48 were wounded" and
    "42 Verletzte" / "57 wounded" are figures of one thing and "32 killed" / "48 wounded" are
    not. The link sets how much is needed (``ClaimPair.similar``, ``ClaimPair.strong``): on a
    paraphrase, the same noun, unit or frame and one shared word (or, without either, two);
    on a link the link model is confident of but worded apart, the same noun, unit or frame
    with two shared words around it or standing alone in each claim ("Etwa die Hälfte" / "9
    von 10": the only shares). Across
    languages, where no words are shared, only the same unit or frame or a cognate counted
    noun ("survivors" / "survivants") anchors a pair, and off a paraphrase only when it
    stands alone in each claim; other counted nouns are other words there (pairing bare
    figures across languages paired "dos candidatos" with "four-term" on real pairs). A loose
    link (neither a paraphrase nor one the link model is confident of) compares nothing: on
    the audited real pairs (``bench/findings_audit.py``) 2 of the 13 such findings read were
    right (the others: two tiers of a loan scheme, two taxes, two street addresses, two
    products' prices, …). The exception is a figure told in two languages, each claim's only
    one of its unit, on a link the model gives at least 0.45 (``_alone_across``). Claims
    dated to different occasions (``dates.different_occasions``) count different events and
    nothing is compared, unless they read as a paraphrase: one fact retold with its date
    changed has its figures compared too (the date rule reports the date). Quantities the
    other claim repeats exactly are set aside; the rest are paired one to one (same value,
    same noun, unit or frame, shared words, same place in the claim) and each pair is judged.
    Values compare as ranges (``amounts``): "about 40" agrees with "41", "at least 100" with
    "120"; "more than a million" disagrees with "tens of thousands", and "at least 32" with
    "at least 35". A figure the other article states in a claim closer to its own than the
    linked one (``_stated_closer``) is no disagreement: the link paired two items of a list;
    neither are a change and a level ("by 14%" / "is 35%", ``_measure``), figures labelled
    with different days ("(Dienstag: 1,1234)"), a sum and one of its parts (``_part_of_sum``),
    a count of what is active now and one that is not ("220 casos activos" / "cuatro casos
    el día de hoy"), nor neighbouring brackets of a schedule (``_adjacent_brackets``). A
    conversion in brackets ("363 Milliarden Yen (3,1 Mrd Euro)") is compared only where the
    figures it converts are not (``_conversions_of_one_pair``).
    Symmetric in ``a`` and ``b``.
    """
    if different_occasions(pair) and not pair.similar:
        return []
    qa_all = _counted(pair.a, pair.claim_a)
    qb_all = _counted(pair.b, pair.claim_b)
    if not (qa_all and qb_all) or _measures_clash(pair):
        return []
    if _adjacent_brackets(qa_all, qb_all):
        return []
    open_a, open_b = _unrepeated(qa_all, qb_all, pair.same_language)
    paired = _pairing(pair, open_a, open_b)
    conversions = _conversions_of_one_pair(paired, qa_all, qb_all)
    found = []
    for x, y, alone in paired:
        if (x.rank, y.rank) in conversions:
            continue
        if amounts_differ(x.amount, y.amount) and not (
                _stated_closer(pair.b, pair.claim_b, _claim_words(pair.a, pair.claim_a), x.q)
                or _stated_closer(pair.a, pair.claim_a, _claim_words(pair.b, pair.claim_b), y.q)):
            sa = _number_span(pair.a, pair.claim_a, x)
            sb = _number_span(pair.b, pair.claim_b, y)
            if x.amount.value == y.amount.value:  # the bounds differ: show them
                sa = _with_bound(pair.a, pair.claim_a, sa, x.q)
                sb = _with_bound(pair.b, pair.claim_b, sb, y.q)
            found.append(pair.found("number", sa, sb, f"A says {sa.text}, B says {sb.text}",
                                    _number_confidence(pair, x, y, alone),
                                    "number_heuristic"))
    return found
