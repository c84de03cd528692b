"""Date rule: the same event given a different date, day of the week or day of the month."""

from __future__ import annotations

import datetime as dt
import functools
import re

from ...analyse import _date_lexicon as lexicon
from ...analyse.dates import find_dates
from ...document import Claim, DateMention, Document, within
from ...text import UNSPACED_LANGUAGES, fold
from ..record import Discrepancy
from .pair import ClaimPair

__all__ = ["YEAR", "date_heuristic", "date_key", "different_occasions", "labels_figure"]


_PRECISION = {4: 4, 7: 7, 10: 10}
_NO_YEAR_BASE = "2000-01-01"  # resolves a day and month written without a year; the year is cut
#: What follows a date that labels a figure: "(Dienstag: 1,1234)", the previous day's rate.
_LABEL_TAIL = re.compile(r"\s*:\s*[-+]?\d")
#: A year written alone, 1800 to 2099 ("2020"; not inside a figure such as "2020.5").
YEAR = re.compile(r"(?<![\w.,/:-])(?:1[89]\d\d|20\d\d)(?![\w%]|[.,/:-]\d)")
#: A span of years ("2021-2027", "2019–2020"): both ends are years of the claim.
_YEARS = re.compile(r"(?<![\w.,/:-])(1[89]\d\d|20\d\d)\s?[-–—]\s?(1[89]\d\d|20\d\d)"
                    r"(?![\w%]|[.,/:-]\d)")
#: The year of a date in figures that the analysis left unread ("3-3-2020": day and month in
#: either order, so only the year is taken).
_FIGURES_YEAR = re.compile(r"(?<![\w.,/:-])\d{1,2}([-/.])\d{1,2}\1(1[89]\d\d|20\d\d)"
                           r"(?![\w%]|[.,/:-]\d)")


@functools.cache
def _weekday_names() -> tuple[re.Pattern[str], dict[str, int]]:
    """One pattern for the weekday names of every language, and each folded name's number."""
    numbers = {fold(name): n for table in lexicon.WEEKDAYS.values() for name, n in table.items()}
    unspaced = {fold(name) for language in UNSPACED_LANGUAGES
                for name in lexicon.WEEKDAYS.get(language, {})}
    spaced, inside = ("|".join(re.escape(n) for n in sorted(names, key=len, reverse=True))
                      for names in (set(numbers) - unspaced, unspaced))
    return re.compile(rf"(?<!\w)(?:{spaced})(?!\w)|{inside}"), numbers


def _weekday(text: str) -> int | None:
    """The day of the week a mention names (1 Monday … 7 Sunday), in any language."""
    pattern, numbers = _weekday_names()
    m = pattern.search(fold(text))
    return numbers[m.group()] if m else None


def _coarse_unit(text: str) -> bool:
    """Whether a relative expression counts in weeks, months or years ('two years ago')."""
    stems = tuple(stem for unit, group in lexicon.UNIT_STEMS if unit != "day" for stem in group
                  if len(stem) >= 3)
    return any(word.startswith(stems) for word in fold(text).split())


def date_key(doc: Document, mention: DateMention) -> str | None:
    """What a date mention pins down, as a comparable key.

    An ISO date (``2017-05``) when the mention was resolved; else ``W3`` for a day of the week
    (Wednesday, mercredi, środa…), ``--05-03`` for a day and month written without a year,
    or ``R`` and an ISO date for a count of weeks, months or years back or ahead ("eight years
    ago", "last year") resolved against a common reference date, when no publication date
    resolves them; None when nothing can be compared ("recently", "yesterday").
    """
    if mention.value:
        return mention.value
    weekday = _weekday(mention.text)
    if weekday is not None:
        return f"W{weekday}"
    coarse = mention.granularity == "relative" and _coarse_unit(mention.text)
    if mention.granularity not in ("day", "month") and not coarse:
        return None
    found = find_dates(mention.text, doc.language, _NO_YEAR_BASE)
    value = found[0].value if found else None
    if not value:
        return None
    return "R" + value if coarse else ("--" + value[5:] if len(value) >= 7 else None)


def _iso_agree(x: str, y: str) -> bool:
    """Whether two ISO dates agree at their shared precision ('2017-05' vs '2017-05-19')."""
    n = min(_PRECISION.get(len(x), 10), _PRECISION.get(len(y), 10))
    return x[:n] == y[:n]


def _weekday_of(iso: str) -> int | None:
    """The day of the week of a full ISO date, else None."""
    try:
        return dt.date.fromisoformat(iso).isoweekday() if len(iso) == 10 else None
    except ValueError:
        return None


def _keys_agree(x: str, y: str) -> bool | None:
    """Whether two keys agree; None when they cannot be compared (a weekday and a month)."""
    kx, ky = _kind(x), _kind(y)
    if "R" in (kx, ky):
        return _iso_agree(x[1:], y[1:]) if kx == ky else None
    if "W" in (kx, ky):
        if kx == ky:
            return x == y
        day = _weekday_of(y if kx == "W" else x)
        other = int((x if kx == "W" else y)[1:])
        return None if day is None else day == other
    if x.startswith("--") or y.startswith("--"):
        mx, my = (k[2:] if k.startswith("--") else k[5:] for k in (x, y))
        if not mx or not my:
            return None
        n = min(len(mx), len(my))
        return mx[:n] == my[:n]
    return _iso_agree(x, y)


def _bare_years(doc: Document, claim: Claim) -> list[DateMention]:
    """Years written alone, outside any date or number the analysis found ('in mid 2018',
    'Die 2009 eröffnete Botschaft'): year mentions too."""
    taken = [(d.start, d.end) for d in within(doc.dates, claim.start, claim.end)]
    taken += [(q.start, q.end) for q in within(doc.quantities, claim.start, claim.end)]
    spans = [m.span() for m in YEAR.finditer(doc.clean_text, claim.start, claim.end)]
    for m in _YEARS.finditer(doc.clean_text, claim.start, claim.end):
        if int(m.group(1)) < int(m.group(2)):  # a span goes forward
            spans += [m.span(1), m.span(2)]
    spans += [m.span(2) for m in _FIGURES_YEAR.finditer(doc.clean_text, claim.start, claim.end)]
    years = []
    for start, end in sorted(spans):
        if not any(s < end and start < e for s, e in taken):
            text = doc.clean_text[start:end]
            years.append(DateMention(start, end, text, text, "year"))
    return years


def labels_figure(doc: Document, mention: DateMention) -> bool:
    """Whether a date labels the figure after it ("Referenzkurs auf 1,1193 (Dienstag:
    1,1234)": Tuesday's rate, given beside today's), not the date of what the claim reports."""
    return _LABEL_TAIL.match(doc.clean_text, mention.end) is not None


def _keyed(doc: Document, claim: Claim) -> list[tuple[DateMention, str]]:
    """The claim's date mentions that pin something down, with their keys, in order; dates
    that label a figure (``labels_figure``) are the figure's, not the claim's."""
    mentions = sorted([*within(doc.dates, claim.start, claim.end), *_bare_years(doc, claim)],
                      key=lambda d: d.start)
    return [(d, key) for d in mentions
            if not labels_figure(doc, d) and (key := date_key(doc, d)) is not None]


def _date_confidence(pair: ClaimPair, x: DateMention, y: DateMention) -> float:
    """Heuristic confidence of a date mismatch: lower for relative dates and weaker links."""
    relative = x.granularity == "relative" or y.granularity == "relative"
    return 0.5 + 0.3 * pair.link.similarity + (0.0 if relative else 0.15)


def _kind(key: str) -> str:
    """'W' for a day of the week, 'R' for a relative count, 'D' for a date."""
    return key[0] if key[0] in "WR" else "D"


def _precision(key: str) -> str:
    """How precise a key is: a day, a month or a year for dates (a day and month without a
    year counts as a day), else its kind."""
    if _kind(key) != "D":
        return _kind(key)
    return "day" if len(key) == 10 or key.startswith("--") else "month" if len(key) == 7 \
        else "year"


def _pool(key: str, theirs: list[tuple[DateMention, str]]) -> list[str]:
    """The keys of the other claim a key is compared with: those of its kind and precision (a
    weekday with weekdays, a day with days: "2 January 2020 … by the end of 2020" against "2
    June 2020 … by the end of 2020" compares the days, not a day with the year), else those of
    its kind, or all of them when the other claim has none of that kind. A day with its year
    is compared with the other claim's days with a year where it has some: "6 de marzo de
    2019" does not agree with "6 DE MARZO" (a heading's day without a year) while the other
    claim dates the same day "6 de marzo de 2020"."""
    same = [k for _, k in theirs if _kind(k) == _kind(key)]
    precise = [k for k in same if _precision(k) == _precision(key)]
    dated = [k for k in precise if not k.startswith("--")] if not key.startswith("--") else []
    return dated or precise or same or [k for _, k in theirs]


def _open(mine: list[tuple[DateMention, str]],
          theirs: list[tuple[DateMention, str]]) -> list[tuple[DateMention, str]]:
    """Mentions that agree with no mention of the other claim they are compared with."""
    return [(d, k) for d, k in mine if not any(_keys_agree(k, o) for o in _pool(k, theirs))]


Keyed = tuple[DateMention, str]


def _paired(open_a: list[Keyed], open_b: list[Keyed], all_a: list[Keyed],
            all_b: list[Keyed]) -> list[tuple[Keyed, Keyed]]:
    """Disagreeing mentions paired in order, kind by kind: the open ones when both claims have
    the same number left, else all of that kind when both claims have the same number ("am
    Mittwoch … ab Donnerstag" against "am Donnerstag … ab Donnerstag"); a last one against a
    last one of another kind when one of each is left."""
    pairs: list[tuple[Keyed, Keyed]] = []
    rest_a: list[Keyed] = []
    rest_b: list[Keyed] = []
    for kind in ("D", "W", "R"):
        xs, ys = ([m for m in ms if _kind(m[1]) == kind] for ms in (open_a, open_b))
        every_x, every_y = ([m for m in ms if _kind(m[1]) == kind] for ms in (all_a, all_b))
        if len(xs) == len(ys):
            pairs += list(zip(xs, ys, strict=True))
        elif len(every_x) == len(every_y):
            pairs += list(zip(every_x, every_y, strict=True))
        else:
            rest_a, rest_b = rest_a + xs, rest_b + ys
    if len(rest_a) == len(rest_b) == 1:
        pairs.append((rest_a[0], rest_b[0]))
    return sorted(pairs, key=lambda p: p[0][0].start)


def _reason(x: DateMention, key_x: str, y: DateMention, key_y: str) -> str:
    """One sentence naming both dates."""
    if _kind(key_x) == _kind(key_y) == "D" and not key_x.startswith("--") \
            and not key_y.startswith("--"):
        return f"A dates it {key_x} ({x.text}), B {key_y} ({y.text})"
    return f"A dates it {x.text.strip()}, B {y.text.strip()}"


def different_occasions(pair: ClaimPair) -> bool:
    """Whether the two claims are dated to different occasions: some of their dates can be
    compared and none of those agree ("am Dienstag … drei weitere Leichen" / "am Montagabend
    … zwei Leichen"). Numbers or negations of such claims belong to different events."""
    ka, kb = _keyed(pair.a, pair.claim_a), _keyed(pair.b, pair.claim_b)
    verdicts = [_keys_agree(x, y) for _, x in ka for _, y in kb]
    comparable = [v for v in verdicts if v is not None]
    return bool(comparable) and not any(comparable)


def date_heuristic(pair: ClaimPair) -> list[Discrepancy]:
    """Dates of the two claims that differ at their shared precision → "date".

    Each mention (and each year written alone, outside any date the analysis found) is keyed
    by ``date_key``: a resolved date, else a day of the week, a day and month without a year or
    a count of years back, so "Wednesday" and "Thursday" differ even without a publication
    date. Mentions agreeing with some mention of the other claim (a weekday with the other's
    weekdays, a date with its dates) are set aside; the rest pair up in order, kind by kind,
    when both claims have the same number left, and a pair that cannot be compared says
    nothing. The same relative words on both sides ("last month") are skipped: they differ
    only through the publication dates. Only strong links (similarity at or above the
    paraphrase threshold) count: two dates in loosely linked claims usually belong to different
    events. Symmetric.
    """
    if pair.link.similarity < pair.settings.paraphrase_threshold:
        return []
    ka, kb = _keyed(pair.a, pair.claim_a), _keyed(pair.b, pair.claim_b)
    found = []
    for (x, key_x), (y, key_y) in _paired(_open(ka, kb), _open(kb, ka), ka, kb):
        if _keys_agree(key_x, key_y) is not False:
            continue
        if x.granularity == y.granularity == "relative" and fold(x.text) == fold(y.text):
            continue
        found.append(pair.found("date", pair.a.span(x.start, x.end), pair.b.span(y.start, y.end),
                                _reason(x, key_x, y, key_y), _date_confidence(pair, x, y),
                                "date_heuristic"))
    return found
