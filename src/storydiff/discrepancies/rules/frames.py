"""What a news figure counts, read from the words beside it: the dead, the injured, the arrested,
the missing, the infected (a heuristic lexicon, ``frame_of``).

News reports most of their numbers in a few frames, and rewrites change the wording of the
frame while keeping (or changing) the figure: "32 people were killed" / "35 people died",
"190 injured" / "48 were wounded", "42 Verletzte" / "57 wounded". The number rule reads the
frame as what the figure counts: two figures in the same frame are figures of one thing, in
any language, and two figures in different frames ("32 killed" / "48 wounded") are never
compared. The lexicon holds folded word beginnings (accents stripped, as ``text.fold`` does)
for the languages of the project's data (en, de, fr, es, it, pt, pl, ru, tr, ar) and words of
Chinese written without spaces; a word counts when it starts with one of them.
"""

from __future__ import annotations

import functools
import re
from collections.abc import Sequence

from ...text import CJK, fold

__all__ = ["AND", "FRAMES", "MEASURES", "frame_of", "frames_of_word", "measures_of"]

#: Frame name -> folded beginnings of words that name it. Beginnings are long enough not to
#: start common other words ("tot" would match "total": the German forms are listed whole).
FRAMES: dict[str, tuple[str, ...]] = {
    "dead": (
        "killed", "dead$", "died", "death", "fatalit", "kills$",
        "tote$", "toten$", "todesopfer", "getotet", "starben", "gestorben", "verstorben",
        "leichen$", "morts$", "mortes$", "tues$", "decede", "deces$",
        "muerto", "muerta", "fallecid", "fallecieron", "murieron", "muertes",
        "morti$", "uccis", "decedut", "mortos$", "mortas$", "morreram",
        "zabit", "zgine", "zmar", "ofiar smiert",
        "погиб", "убит", "умер", "смерт",
        "olu$", "olum$", "olen$", "hayatını kaybet", "hayatini kaybet", "can verdi",
        "قتلى", "قتيل", "قتلوا", "مقتل", "وفاة", "وفيات",
        "死亡", "遇难", "丧生", "罹难", "身亡", "死者",
    ),
    "injured": (
        "injur", "wounded", "wounding", "hurt$",
        "verletzt", "verwundet",
        "blesse$", "blesses$", "blessee$", "blessees$", "herido", "herida", "lesionad",
        "ferit", "ferid",
        "ranni$", "rannych$", "ranne$", "ranny$", "ranna$", "poszkodowan",
        "ранен", "ранил", "пострадав", "пострадал",
        "yaralı", "yarali", "yaralan",
        "جرحى", "جريح",
        "受伤", "伤者", "负伤",
    ),
    "arrested": (
        "arrest", "detained", "detention",
        "festgenommen", "festnahme", "verhaftet",
        "arrete", "interpelle", "arrestation",
        "detenid", "detencion", "arrestad",
        "arrestat", "arresti$",
        "zatrzyma", "areszt",
        "задержа", "арестова",
        "gozaltı", "gozalti", "tutuklan",
        "اعتقال", "معتقل", "اعتقل",
        "逮捕", "被捕", "拘留",
    ),
    "missing": (
        "missing", "vermisst", "disparu", "desaparecid", "dispersi$", "zaginion", "zaginel",
        "пропал", "пропавш", "kayıp", "kayip", "مفقود", "失踪",
    ),
    "infected": (
        "infect", "infiziert", "infektion", "neuinfektion", "positiv getestet",
        "contamine", "contagi", "infectad", "contagiad", "zakazon", "zakazen",
        "заражен", "заразил", "инфицир", "vaka", "enfekte", "感染", "确诊", "病例",
    ),
}

#: What a business figure measures: revenue, profit or loss (folded word beginnings, as in
#: ``FRAMES``). Read over a whole claim (``measures_of``), since the measure is often the
#: subject, far from its figure: "Der Umsatz brach derweil um ein Viertel auf gut 363 Milliarden
#: Yen ein".
MEASURES: dict[str, tuple[str, ...]] = {
    "revenue": (
        "revenue", "sales$", "turnover", "umsatz", "umsatze", "erlos$", "erlose$",
        "chiffre d'affaires", "ventas$", "ingresos", "facturacion", "fatturato", "ricavi",
        "receita", "faturamento", "przychod", "sprzedaz", "выручк", "оборот", "ciro$",
        "cirosu$", "hasilat", "إيرادات", "مبيعات", "营收", "收入", "销售额", "营业额",
    ),
    "profit": (
        "profit", "earnings", "net income", "gewinn", "uberschuss", "benefice", "beneficio",
        "ganancia", "utile", "lucro", "zysk", "прибыл", "أرباح", "ربح", "利润", "盈利", "净利",
    ),
    "loss": (
        "loss$", "losses", "verlust", "perte$", "pertes", "perdida", "perdite", "perdita",
        "prejuizo", "strata$", "straty$", "strat$", "strate$", "убыт", "zarar", "خسارة",
        "خسائر", "亏损",
    ),
}


@functools.cache
def _measure_lexicon() -> tuple[tuple[str, re.Pattern[str] | None, str], ...]:
    """(beginning, its pattern over folded text or None for one written in Chinese characters,
    measure), compiled once."""
    entries = []
    for name, stems in MEASURES.items():
        for stem in stems:
            bare = stem.rstrip("$")
            end = r"\b" if stem.endswith("$") else ""
            pattern = None if _SPACELESS.fullmatch(bare) else \
                re.compile(rf"(?<!\w){re.escape(bare)}{end}")
            entries.append((bare, pattern, name))
    return tuple(entries)


def measures_of(text: str) -> frozenset[str]:
    """The business measures a claim names ("revenue", "profit", "loss"; ``MEASURES``).

    Example:
        >>> sorted(measures_of("Der Umsatz brach um ein Viertel ein"))
        ['revenue']
    """
    folded = fold(text)
    return frozenset(name for bare, pattern, name in _measure_lexicon()
                     if (bare in text if pattern is None else pattern.search(folded)))


#: Words a frame is sought across: a number's own clause, this many words away at most.
_AFTER, _BEFORE = 4, 3
#: In Chinese (one token a character), characters instead of words.
_AFTER_CJK, _BEFORE_CJK = 8, 6
#: Coordinating "and" (folded): the search in a direction stops there too, as at another
#: figure: in "4,032 people who have died and 47,000 confirmed cases" the dead belong to the
#: first figure, not to the 47,000. Not Italian or Portuguese "e": folded, it is also "è" and
#: "é" ("is": "il TASI è sceso dello 0,1%").
AND = frozenset({"and", "und", "et", "y", "i", "и", "ve", "oraz"})


_SPACELESS = re.compile(f"[{CJK}]+")


@functools.cache
def _lexicon() -> tuple[tuple[tuple[str, bool, str], ...], dict[str, str], re.Pattern[str]]:
    """(beginning, whole word only, frame) longest first; the entries written in Chinese or
    Japanese characters with their frames, and one pattern finding them."""
    entries = sorted(((stem.rstrip("$"), stem.endswith("$"), frame)
                      for frame, stems in FRAMES.items() for stem in stems),
                     key=lambda e: -len(e[0]))
    spaceless = {stem: frame for stem, _, frame in entries if _SPACELESS.fullmatch(stem)}
    return tuple(entries), spaceless, re.compile("|".join(map(re.escape, spaceless)))


@functools.lru_cache(maxsize=8192)
def _word_frame(word: str, following: str | None) -> str | None:
    """The frame a folded word names, alone or with the word after it ("can verdi")."""
    for stem, whole, frame in _lexicon()[0]:
        if " " in stem:
            if following is not None and f"{word} {following}".startswith(stem):
                return frame
        elif word == stem or (not whole and word.startswith(stem)):
            return frame
    return None


def frames_of_word(word: str) -> str | None:
    """The frame a single folded word names ("verletzte" -> "injured"), if any."""
    return _word_frame(word, None)


def frame_of(before: Sequence[str], after: Sequence[str], text_before: str = "",
             text_after: str = "") -> str | None:
    """The frame of a figure from the folded words before and after it in its claim: the
    nearest frame word, up to four words after or three before, ties to the word after;
    the search in a direction stops at another figure (a word of digits) and at a
    coordinating "and" (``AND``: "… died and 47,000 confirmed cases"). In Chinese, the
    first frame word within eight characters after, else the last within six before
    (``text_before``, ``text_after``: the claim's text beside the figure; ``_cjk_frame``).

    Example:
        >>> frame_of(["at", "least"], ["people", "were", "killed", "and"])
        'dead'
        >>> frame_of(["killed", "and"], ["were", "wounded"])
        'injured'
    """
    found: list[tuple[int, int, str]] = []  # (distance, 0 after / 1 before, frame)
    for distance in range(1, min(_AFTER, len(after)) + 1):
        word = after[distance - 1]
        if word.isdigit() or word in AND:
            break
        following = after[distance] if distance < len(after) else None
        if (frame := _word_frame(word, following)) is not None:
            found.append((distance, 0, frame))
            break
    for distance in range(1, min(_BEFORE, len(before)) + 1):
        word = before[-distance]
        if word.isdigit() or word in AND:
            break
        following = before[-distance + 1] if distance > 1 else None
        if (frame := _word_frame(word, following)) is not None:
            found.append((distance, 1, frame))
            break
    if found:
        return min(found)[2]
    return _cjk_frame(text_before, text_after)


def _cjk_frame(text_before: str, text_after: str) -> str | None:
    """The Chinese frame word beside a figure (``frame_of``): the first one after it (Chinese
    puts what is counted after the figure: "5 人死亡，10 人受伤"), else the last one before
    it; either search stops at another figure."""
    _, frames, pattern = _lexicon()
    after = re.split(r"\d", text_after[:_AFTER_CJK], maxsplit=1)[0]
    before = re.split(r"\d", text_before[-_BEFORE_CJK:])[-1]
    if (hit := pattern.search(after)) is not None:
        return frames[hit.group()]
    hits = pattern.findall(before)
    return frames[hits[-1]] if hits else None
