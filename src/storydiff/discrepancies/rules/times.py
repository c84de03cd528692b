"""Time rule: the same event at another time of day ("around 12:22 a.m." / "around 2:22 a.m.")."""

from __future__ import annotations

import re
from dataclasses import dataclass

from ..record import Discrepancy
from .dates import different_occasions
from .pair import ClaimPair

__all__ = ["clock_times", "time_heuristic"]

#: a.m. / p.m.: with dots, or glued to the figure ("6pm"); "6 am" spaced and bare only in English
#: (German "3 am Montag" is "3 on Monday").
_AMPM = r"(?:\s?(?P<ampm>[ap])\.\s?m\.|(?P<glued>[ap])m(?!\w))"
_AMPM_SPACED = r"\s(?P<ampm>[ap])m(?!\w)"
#: Words that make a figure a time of day in the project's languages ("18 Uhr", "20 h",
#: "04,40 horas", "o 18 godz.", "saat 14").
_UNIT = r"(?:uhr|h|heures?|hrs?|horas?|hs|ore|godz\.?|saat)(?!\w)"
#: Words before a time that make it a bound ("before 6pm", "kurz vor 22 Uhr", "ab 21.30 Uhr"):
#: it is then compared with nothing; or an approximation ("around", "gegen", "vers"): it
#: then agrees with any time within half an hour.
_BOUND = (r"before|after|until|till|by|since|from|vor|nach|bis|ab|seit|avant|apr[eè]s|"
          r"jusqu'?[àa]|d[eè]s|depuis|antes|despu[eé]s|hasta|desde|prima|dopo|fino|dalle|"
          r"przed|po|do|od")
_ABOUT = (r"around|about|approximately|roughly|circa|ca\.|gegen|etwa|vers|environ|sobre|"
          r"hacia|alrededor|verso|intorno|oko[łl]o|civarında")
_BEFORE = re.compile(rf"(?:\b(?:at|um|a|à|las|la|le|les|alle|o|saat|{_BOUND}|{_ABOUT})\s+(?:de\s+)?"
                     rf"(?:las\s+|la\s+|les\s+|le\s+)?)$", re.IGNORECASE)
_QUALIFIED = re.compile(rf"\b(?P<word>{_BOUND}|{_ABOUT})\s+(?:(?:de|les?|las?|the)\s+){{0,2}}$",
                        re.IGNORECASE)
_APPROXIMATE = re.compile(rf"^(?:{_ABOUT})$", re.IGNORECASE)
_TOLERANCE = 30  # minutes within which an approximate time agrees

_START = r"(?<![\w.,:/])(?P<h>\d{1,2})"
_END = r"(?![\d%]|[.,:/]\d)"
#: h:mm and h h mm need nothing more; h.mm and h,mm an hour word or a.m./p.m. (else "18.30"
#: is a decimal); a bare hour a.m./p.m., or an hour word after a word such as "at", "um",
#: "à", "alle" ("um 18 Uhr"; "12 horas" alone is a duration).
_PATTERNS = (
    re.compile(rf"{_START}:(?P<m>\d{{2}}){_END}(?:{_AMPM}|\s?{_UNIT})?", re.IGNORECASE),
    re.compile(rf"{_START}\s?h\s?(?P<m>\d{{2}}){_END}", re.IGNORECASE),
    re.compile(rf"{_START}[.,](?P<m>\d{{2}}){_END}(?:{_AMPM}|\s?{_UNIT})", re.IGNORECASE),
    re.compile(rf"{_START}(?:{_AMPM}|\s?(?P<unit>{_UNIT}))", re.IGNORECASE),
)
_SPACED = (re.compile(rf"{_START}:(?P<m>\d{{2}}){_END}{_AMPM_SPACED}", re.IGNORECASE),
           re.compile(rf"{_START}{_AMPM_SPACED}", re.IGNORECASE))
#: Chinese and Japanese: an hour before 点 / 时 / 時 ("下午 6 点", "晚上7点30分", "午後3時"; not
#: 小时 / 時間, hours counted), a part of the day before it setting a.m. or p.m., and 前 / 后
#: ("before", "after") or 左右 ("about") after it. Without a part of the day, minutes, 钟 / 整 /
#: 半 or one of those after it, or 在 / 于 / 到 ("at", "until") before it, "5点" is five points
#: ("共有5点建议"), no time.
_CJK_PARTS = {"上午": "a", "早上": "a", "凌晨": "a", "清晨": "a", "午前": "a", "下午": "p",
              "晚上": "p", "傍晚": "p", "夜里": "p", "午後": "p", "中午": None}
_CJK = re.compile(rf"(?:(?P<part>{'|'.join(_CJK_PARTS)})\s?)?(?<![\d.,:/])(?P<h>\d{{1,2}})\s?"
                  r"(?:点|時(?!間)|时(?!间))(?:\s?(?P<m>\d{1,2})\s?分)?")
_CJK_QUALIFIER = re.compile(r"\s?(?P<bound>以前|之前|前|以后|之后|后|以後|後)|\s?(?P<about>左右)")
_CJK_CLOCK = re.compile(r"\s?[钟鐘整半]")
_CJK_AT = re.compile(r"(?:在|于|於|到|至|从|從|自)\s?$")
#: A time zone or "local time" after a time: two times in other zones are not compared.
_ZONE = re.compile(r"\s*\(?(?:\b(?:[A-Z]{1,4}T|UTC|GMT|MEZ|MESZ|CET|CEST|IST|AEDT|AEST)\b|"
                   r"(?i:local|heure locale|hora local|ora locale|ortszeit|czasu))")


@dataclass(frozen=True)
class ClockTime:
    """A time of day in a text: its span, minutes after midnight (None when the figures
    cannot be a time: "30:22", "18 p.m."), the figures as written, the zone after it, the
    word qualifying it: "bound" ("before 6pm"), "about" ("around 6pm") or "", and that word
    itself, lower-cased ("before")."""

    start: int
    end: int
    minutes: int | None
    figures: str
    zone: str
    qualifier: str
    word: str = ""


def _minutes(hour: int, minute: int, ampm: str | None) -> int | None:
    """Minutes after midnight, or None when the figures cannot be a time of day."""
    if minute > 59 or hour > 24 or (ampm and not 1 <= hour <= 12):
        return None
    if ampm:
        hour = hour % 12 + (12 if ampm.lower() == "p" else 0)
    return hour % 24 * 60 + minute


def clock_times(text: str, english: bool = False) -> list[ClockTime]:
    """Times of day written in ``text`` (a heuristic reading of "12:22 a.m.", "6pm",
    "18.30 Uhr", "18h30", "04,40 horas", "um 18 Uhr", "à 20 h", "下午 6 点"; "6 am" only when
    ``english``), in order, not overlapping.

    Example:
        >>> [t.minutes for t in clock_times("at 6 p.m., then 18:30 and um 9 Uhr")]
        [1080, 1110, 540]
    """
    found = _cjk_times(text)
    for pattern in (*(_SPACED if english else ()), *_PATTERNS):
        for m in pattern.finditer(text):
            if any(t.start < m.end() and m.start() < t.end for t in found):
                continue
            groups = m.groupdict()
            if groups.get("unit") and not _BEFORE.search(text[:m.start()]):
                continue  # "12 horas" alone is a duration
            hour, minute = int(groups["h"]), int(groups.get("m") or 0)
            ampm = groups.get("ampm") or groups.get("glued")
            zone = _ZONE.match(text, m.end())
            word = _QUALIFIED.search(text[max(0, m.start() - 40):m.start()])
            qualifier = "" if word is None else \
                "about" if _APPROXIMATE.match(word.group("word")) else "bound"
            found.append(ClockTime(m.start(), m.end(), _minutes(hour, minute, ampm),
                                   f"{hour}:{minute:02d}{(ampm or '').lower()}",
                                   zone.group().strip(" (").lower() if zone else "", qualifier,
                                   word.group("word").lower() if word else ""))
    return sorted(found, key=lambda t: t.start)


def _cjk_times(text: str) -> list[ClockTime]:
    """The Chinese and Japanese times of day of ``text`` (``_CJK``)."""
    found = []
    for m in _CJK.finditer(text):
        hour, minute = int(m.group("h")), int(m.group("m") or 0)
        ampm = _CJK_PARTS.get(m.group("part") or "")
        after = _CJK_QUALIFIER.match(text, m.end())
        if not (m.group("part") or m.group("m") or after or _CJK_CLOCK.match(text, m.end())
                or _CJK_AT.search(text, 0, m.start())):
            continue
        qualifier = "" if after is None else "bound" if after.group("bound") else "about"
        found.append(ClockTime(m.start(), m.end(), _minutes(hour, minute, ampm),
                               f"{hour}:{minute:02d}{ampm or ''}", "", qualifier))
    return found


def _agree(x: ClockTime, y: ClockTime) -> bool:
    """Whether two times can be the same: a bound ("before 6pm") fits any time but the same
    bound at another time ("desde 9 hs" / "desde 12 hs", "before 6pm" / "before 7pm"); the
    same minutes, or within half an hour when one is approximate ("around 6pm" / "6:15pm");
    the same figures where they cannot be read as a time."""
    if "bound" in (x.qualifier, y.qualifier) and not (
            x.qualifier == y.qualifier == "bound" and x.word and x.word == y.word):
        return True
    if x.minutes is None or y.minutes is None:
        return x.figures == y.figures
    apart = abs(x.minutes - y.minutes)
    apart = min(apart, 24 * 60 - apart)
    return apart <= (_TOLERANCE if "about" in (x.qualifier, y.qualifier) else 0)


#: A live blog's entry stamp: a time opening the claim, then a colon or a dash ("10:49 Uhr:
#: Wir starten unseren neuen Newsblog"): when the entry was written, not when the event was.
_STAMP_AFTER = re.compile(r"\s*(?:[:|]|[-–—]\s)")
#: A page's time stamp: a time right after a date in figures ("15.02.2020 18:52 | Son
#: Güncelleme: 15.02.2020 18:54", "2020-01-02 14:05"): when the page was published or updated.
_STAMP_BEFORE = re.compile(r"\d{1,4}[./-]\d{1,2}[./-]\d{2,4}[,\s]*(?:[-–—|]\s*)?$")


def _event_times(text: str, english: bool) -> list[ClockTime]:
    """The times of a claim, without a live blog's entry stamp or a page's time stamp."""
    return [t for t in clock_times(text, english)
            if (text[:t.start].strip(" ([*•") or not _STAMP_AFTER.match(text, t.end))
            and not _STAMP_BEFORE.search(text, 0, t.start)]


def time_heuristic(pair: ClaimPair) -> list[Discrepancy]:
    """Times of day of the two claims that differ → "date".

    Only on a paraphrase-strength link (as dates: two times in loosely linked claims belong to
    different events) and not between claims dated to different occasions. Times that agree
    with some time of the other claim ("6 p.m." / "18:00"; "around 6pm" / "6:15pm"; "before
    6pm" / anything) are set aside; the rest pair up in order when both claims have the same
    number left; two bounds with the same word ("desde 9 hs" / "desde 12 hs") are compared as
    times. Times in other zones ("14:00 GMT" / "15:00 local time"), a live blog's entry
    stamps ("10:49 Uhr: …") and a page's time stamps ("15.02.2020 18:52") are never compared.
    Symmetric.
    """
    if not pair.similar or different_occasions(pair):
        return []
    ta = _event_times(pair.claim_a.text, pair.a.language == "en")
    tb = _event_times(pair.claim_b.text, pair.b.language == "en")
    open_a = [x for x in ta if not any(_agree(x, y) for y in tb)]
    open_b = [y for y in tb if not any(_agree(x, y) for x in ta)]
    if not open_a or len(open_a) != len(open_b):
        return []
    found = []
    for x, y in zip(open_a, open_b, strict=True):
        if x.zone != y.zone:
            continue
        sa = pair.a.span(pair.claim_a.start + x.start, pair.claim_a.start + x.end)
        sb = pair.b.span(pair.claim_b.start + y.start, pair.claim_b.start + y.end)
        found.append(pair.found("date", sa, sb, f"A says {sa.text}, B says {sb.text} (time of day)",
                                0.65 + 0.3 * pair.link.similarity, "time_heuristic"))
    return found

