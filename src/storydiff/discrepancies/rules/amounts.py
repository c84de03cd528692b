"""What a quantity says, as a range: exact, approximate, bounded or vague.

"41" is the point [41, 41]; "about 40" is [32, 50]; "at least 32" and "more than a million" are
[32, ∞) and [1e6, ∞); "up to 50" is [0, 50]; each end of a range "10-20" is [10, 20], as
a floor (10) and a ceiling (20), so two ranges compare end by end ("1-5 tys." / "4-5 tys.") and
a range agrees with a figure inside it ("10–20 people" / "15 people"); a vague amount ("tens
of thousands", "dozens") spans its order of magnitude ([1e4, 1e5], [12, 120]), and "a few" or
"several" is any number above one ([2, ∞)). Two quantities of the same thing
disagree when their ranges do not meet ("more than a million" / "tens of thousands"), and also
when both give the same kind of bound with different figures: "at least 32" / "at least 35"
are two different counts, each reported as a floor.
"""

from __future__ import annotations

import bisect
import functools
import math
import re
from dataclasses import dataclass

from ...analyse._number_lexicon import VAGUE_AMOUNTS
from ...analyse.numbers import worded_range
from ...document import Document, Quantity
from ...text import fold

__all__ = ["Amount", "amount", "amounts_differ", "bound_start"]

_LOWER_WORDS = (
    "at least", "more than", "over", "above", "upwards of", "no fewer than", "no less than",
    "au moins", "plus de", "mindestens", "mehr als", "über", "al menos", "más de", "por lo menos",
    "almeno", "oltre", "più di", "pelo menos", "mais de", "minstens", "meer dan", "co najmniej",
    "ponad", "przynajmniej", "powyżej", "więcej niż", "не менее", "по меньшей мере",
    "по крайней мере", "более", "свыше", "больше", "en az", "ما لا يقل عن", "أكثر من",
    "على الأقل",
)  # fmt: skip
_UPPER_WORDS = (
    "at most", "up to", "fewer than", "less than", "under", "below", "no more than", "au plus",
    "shortly before", "just before", "kurz vor", "peu avant", "poco antes de", "poco prima di",
    "poco prima delle",
    "moins de", "jusqu'à", "höchstens", "weniger als", "bis zu", "como máximo", "menos de",
    "hasta", "al massimo", "meno di", "fino a", "no máximo", "hoogstens", "minder dan",
    "mniej niż", "poniżej", "do", "не более", "менее", "меньше", "до", "en fazla", "أقل من",
)  # fmt: skip
#: The bound words that leave their figure out ("more than 1,000" is not 1,000): a floor of
#: these and a ceiling at the same figure do not meet ("plus de 1 000" / "moins de 1 000").
_STRICT_WORDS = (
    "more than", "over", "above", "upwards of", "plus de", "mehr als", "über", "más de",
    "oltre", "più di", "mais de", "meer dan", "ponad", "powyżej", "więcej niż", "более",
    "свыше", "больше", "أكثر من",
    "fewer than", "less than", "under", "below", "moins de", "weniger als", "menos de",
    "meno di", "minder dan", "mniej niż", "poniżej", "менее", "меньше", "أقل من",
)  # fmt: skip
_APPROXIMATE_SPREAD = 1.25  # "about 40" covers 32 to 50
_VAGUE_SPREAD = (0.5, 5.0)  # "tens of thousands" (20,000) covers 10,000 to 100,000
#: "a few", "several", "mehrere", "varios" (read as 3): more than one, with no ceiling. A
#: headline's "varios animales" does not contradict the body's "más de 30 animales".
_FEW = 3.0


@functools.cache
def _bound_pattern(words: tuple[str, ...], *, as_written: bool = False) -> re.Pattern[str]:
    """Bound words right before the end of a string: folded, for a folded text, or
    ``as_written`` (any case), for the text itself."""
    ordered = sorted(words, key=len, reverse=True)
    body = "|".join(re.escape(w if as_written else fold(w)) for w in ordered)
    return re.compile(rf"(?:^|(?<=\W))(?:{body})\s*$", re.IGNORECASE if as_written else 0)


#: The dash between the two ends of a range ("380-390 lira", "10–20 people").
_RANGE_NEXT = re.compile(r"\s?[-–—]\s?\d")


def _range(doc: Document, q: Quantity) -> tuple[int, float, float] | None:
    """(+1 for the lower end, -1 for the upper end, the range's two values) where ``q`` is an
    end of a range whose other end the analysis read too ("10-20", "between 10 and 20"),
    else None."""
    text, at = doc.clean_text, _position(doc, q)
    if at < 0:
        return None
    if at + 1 < len(doc.quantities):
        other = doc.quantities[at + 1]
        if other.value > q.value and _joined(text, q, other):
            return 1, q.value, other.value
    if at > 0:
        other = doc.quantities[at - 1]
        if other.value < q.value and _joined(text, other, q):
            return -1, other.value, q.value
    return None


def _joined(text: str, low: Quantity, high: Quantity) -> bool:
    """Whether two neighbouring quantities are the ends of one range: a dash alone between
    them, or "between" before the first and "and" between them (``numbers.worded_range``)."""
    if _RANGE_NEXT.match(text, low.end) and not text[low.end:high.start].strip(" -–—"):
        return True
    return worded_range(text, low, high)


def _position(doc: Document, q: Quantity) -> int:
    """Where ``q`` stands in ``doc.quantities`` (-1: not there): found by its start, as the
    analysis lists quantities in text order (a scan of the list for every quantity cost
    minutes on a long text of ranges), else by a scan."""
    at = bisect.bisect_left(doc.quantities, q.start, key=lambda x: x.start)
    if at < len(doc.quantities) and doc.quantities[at] is q:
        return at
    try:
        return doc.quantities.index(q)
    except ValueError:
        return -1


def bound_start(doc: Document, q: Quantity) -> int | None:
    """Where the bound word before ``q`` starts in the clean text ("more than" of "more than
    1,000"), or None."""
    start = max(0, q.start - 24)
    m = _bound_pattern((*_LOWER_WORDS, *_UPPER_WORDS), as_written=True).search(
        doc.clean_text, start, q.start)
    return m.start() if m else None


def _bound(doc: Document, q: Quantity) -> tuple[int, bool]:
    """+1 for "at least N", -1 for "at most N", 0 for a number without a bound; and whether
    the bound leaves N out ("more than N", "less than N")."""
    before = fold(doc.clean_text[max(0, q.start - 24):q.start])
    strict = _bound_pattern(_STRICT_WORDS).search(before) is not None
    if _bound_pattern(_LOWER_WORDS).search(before):
        return 1, strict
    return (-1, strict) if _bound_pattern(_UPPER_WORDS).search(before) else (0, False)


@dataclass(frozen=True)
class Amount:
    """The range a quantity allows, and how it was written."""

    low: float
    high: float
    bound: int  # +1 a floor ("at least"), -1 a ceiling ("up to"), 0 none
    value: float
    strict: bool = False  # the bound leaves its figure out ("more than", "less than")


@functools.cache
def _vague_pattern() -> re.Pattern[str]:
    """The vague amounts of every language ("dozens", "des centaines", "десятки тысяч")."""
    keys = sorted({k for table in VAGUE_AMOUNTS.values() for k in table}, key=len, reverse=True)
    return re.compile("|".join(f"(?:{k})" for k in keys), re.IGNORECASE)


def _vague(q: Quantity) -> bool:
    """An amount such as "dozens" or "des centaines": an order of magnitude (a number written
    in words, "about five", is no vaguer than "about 5")."""
    return q.approximate and _vague_pattern().fullmatch(q.text) is not None


def amount(doc: Document, q: Quantity) -> Amount:
    """The range of values a quantity of ``doc`` allows (see the module docstring)."""
    ends = _range(doc, q)
    if ends is not None:
        return Amount(ends[1], ends[2], ends[0], q.value)
    (bound, strict), v = _bound(doc, q), q.value
    if bound > 0:
        return Amount(v, math.inf, bound, v, strict)
    if bound < 0:
        return Amount(0.0, v, bound, v, strict)
    if _vague(q) and v <= _FEW:
        return Amount(2.0, math.inf, 0, v)
    if _vague(q):
        return Amount(v * _VAGUE_SPREAD[0], v * _VAGUE_SPREAD[1], 0, v)
    if q.approximate:
        return Amount(v / _APPROXIMATE_SPREAD, v * _APPROXIMATE_SPREAD, 0, v)
    return Amount(v, v, 0, v)


def amounts_differ(x: Amount, y: Amount) -> bool:
    """Whether two amounts of the same thing disagree: their ranges do not meet, or both are
    bounds of the same kind with different figures ("at least 32" / "at least 35"), or a floor
    and a ceiling at one figure of which one leaves the figure out ("more than 1,000" /
    "less than 1,000"; "at least 1,000" / "at most 1,000" meet at 1,000)."""
    if x.bound and x.bound == y.bound:
        return x.value != y.value
    if x.bound and x.bound == -y.bound and x.value == y.value and (x.strict or y.strict):
        return True
    return x.high < y.low or y.high < x.low
