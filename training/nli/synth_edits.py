"""Text edits for synthetic NLI pairs: contradiction-making and meaning-preserving, per language.

The word lists here make training data and the edits of ``bench/claims_other_edits.py`` (the
discrepancy rules measured on edits they were not written against); runtime cue features live
in ``storydiff.discrepancies.nli_features`` and ``storydiff.discrepancies.negation``.
"""

from __future__ import annotations

import random
import re
from collections.abc import Callable

_UPPER = r"A-ZÄÖÜÀ-ÞĀ-ŽА-ЯЁΑ-Ω"
_NAME = re.compile(rf"(?<![\w'’-])[{_UPPER}][\w'’-]+(?:\s[{_UPPER}][\w'’-]+){{0,2}}")
_OPENER = re.compile(r"(?:^|[.!?:;\"“”„«»()\n–-])\s*$")
_NUMBER = re.compile(r"(?<![\w.,])\d+(?:[.,]\d+)?(?![\w])")
_YEAR = re.compile(r"(?<!\d)(19[5-9]\d|20[0-4]\d)(?!\d)")
_QUOTED = re.compile(r"[\"“”„«»‚‘’「」『』].*?[\"“”„«»‚‘’「」『』]")

MONTHS = {
    "en": "January February March April May June July August September October November December",
    "de": "Januar Februar März April Mai Juni Juli August September Oktober November Dezember",
    "fr": "janvier février mars avril mai juin juillet août septembre octobre novembre décembre",
    "es": "enero febrero marzo abril mayo junio julio agosto septiembre octubre noviembre "
    "diciembre",
    "it": "gennaio febbraio marzo aprile maggio giugno luglio agosto settembre ottobre novembre "
    "dicembre",
    "en-days": "Monday Tuesday Wednesday Thursday Friday Saturday Sunday",
    "de-days": "Montag Dienstag Mittwoch Donnerstag Freitag Samstag Sonntag",
}

REPORTING = {
    "en": {"said": "stated", "told": "said to", "stated": "said", "added": "said",
           "says": "states", "announced": "said"},
    "de": {"sagte": "erklärte", "erklärte": "sagte", "teilte mit": "erklärte", "sagt": "erklärt",
           "betonte": "sagte"},
    "fr": {"a déclaré": "a dit", "a dit": "a déclaré", "a affirmé": "a déclaré", "explique": "dit"},
    "es": {"dijo": "afirmó", "afirmó": "dijo", "explicó": "dijo", "aseguró": "afirmó",
           "declaró": "dijo"},
    "it": {"ha detto": "ha dichiarato", "ha dichiarato": "ha detto", "ha spiegato": "ha detto"},
    "pl": {"powiedział": "stwierdził", "stwierdził": "powiedział", "powiedziała": "stwierdziła"},
    "ru": {"сказал": "заявил", "заявил": "сказал", "сообщил": "заявил", "отметил": "сказал"},
    "tr": {"dedi": "söyledi", "söyledi": "dedi", "açıkladı": "söyledi"},
    "zh": {"说": "表示", "表示": "说", "指出": "表示"},
    "ar": {"قال": "صرح", "صرح": "قال", "أعلن": "قال"},
}

SYNONYMS = {
    "en": {"big": "large", "large": "big", "start": "begin", "about": "around", "buy": "purchase",
           "help": "assist", "people": "persons", "show": "indicate", "shows": "indicates",
           "quickly": "rapidly", "also": "additionally", "however": "but", "nearly": "almost"},
    "de": {"groß": "umfangreich", "auch": "ebenfalls", "etwa": "rund", "rund": "etwa",
           "schnell": "rasch", "beginnen": "anfangen", "jedoch": "aber", "fast": "beinahe"},
    "fr": {"environ": "près de", "aussi": "également", "grand": "important", "rapidement": "vite",
           "mais": "cependant", "presque": "quasiment"},
    "es": {"también": "además", "unos": "aproximadamente", "rápidamente": "deprisa",
           "pero": "sin embargo", "casi": "prácticamente", "grande": "enorme"},
    "it": {"anche": "inoltre", "circa": "quasi", "ma": "però", "grande": "ampio"},
    "pl": {"także": "również", "również": "także", "około": "blisko", "ale": "jednak"},
    "ru": {"также": "тоже", "около": "примерно", "но": "однако", "очень": "весьма"},
    "tr": {"ama": "fakat", "fakat": "ama", "yaklaşık": "aşağı yukarı", "çok": "oldukça"},
    "zh": {"但是": "可是", "大约": "约", "已经": "已", "非常": "十分", "目前": "当前"},
    "ar": {"لكن": "ولكن", "أيضا": "كذلك", "حوالي": "نحو"},
}

_AUX_EN = r"is|was|are|were|has|have|had|will|would|can|could|should|did|does|do"
NEGATE: dict[str, list[tuple[str, str]]] = {
    "en": [(rf"\b({_AUX_EN})\b(?! not)", r"\1 not"), (rf"\b({_AUX_EN}) not\b", r"\1"),
           (r"\brose\b", "fell"), (r"\bfell\b", "rose"), (r"\bincreased\b", "decreased"),
           (r"\bwon\b", "lost"), (r"\bprofit\b", "loss"), (r"\bapproved\b", "rejected"),
           (r"\bconfirmed\b", "denied"), (r"\bhigher\b", "lower"), (r"\bmore\b", "less")],
    "de": [(r"\b(ist|war|sind|waren|hat|haben|hatte|wird|werden|kann|können|soll)\b(?! nicht)",
            r"\1 nicht"), (r" nicht\b", ""), (r"\bkein(e|en|er|em)?\b", r"ein\1"),
           (r"\bgestiegen\b", "gesunken"), (r"\bgewonnen\b", "verloren"), (r"\bmehr\b", "weniger"),
           (r"\bbestätigt\b", "dementiert")],
    "fr": [(r"\b(est|a|ont|était|avait)\b", r"n'\1 pas"), (r"\b(sont|peut|sera|doit)\b",
            r"ne \1 pas"), (r"\bn'(est|a|ont|était|avait) pas\b", r"\1"),
           (r"\bne (\w+) pas\b", r"\1"), (r"\bhausse\b", "baisse"), (r"\bplus\b", "moins")],
    "es": [(r"\b(es|era|fue|son|ha|han|había|será|puede|está|están)\b", r"no \1"),
           (r"\bno (\w+)", r"\1"), (r"\bmás\b", "menos"), (r"\baumentó\b", "disminuyó")],
    "it": [(r"\b(è|era|sono|ha|hanno|aveva|sarà|può)(?!\w)", r"non \1"), (r"\bnon (\w+)", r"\1"),
           (r"\bpiù\b", "meno")],
    "pl": [(r"\b(jest|był|była|było|są|będzie|może|ma|mają)\b", r"nie \1"),
           (r"\bnie (\w+)", r"\1"), (r"\bwięcej\b", "mniej")],
    "ru": [(r"\b(был|была|было|были|будет|может|является|стал|стала)\b", r"не \1"),
           (r"\bне (\w+)", r"\1"), (r"\bбольше\b", "меньше")],
    "tr": [(r"\b(\w+?)(d|t)([ıu])\b", r"\1m\g<2>a\2\3".replace(r"\g<2>a\2", "a\\2")),
           (r"\bvar\b", "yok"), (r"\byok\b", "var")],
    "zh": [(r"(?<![不没就但还也])是", "不是"), (r"(?<![没不])有", "没有"), (r"(?<!不)会", "不会"),
           (r"不(是|会|能)", r"\1"), (r"没有", "有")],
    "ar": [(r"\bكان\b", "لم يكن"), (r"\bيمكن\b", "لا يمكن"), (r"(?:^|\s)(لا|لم|لن) ", " ")],
}
# Turkish past tense: front-vowel forms need "me", back-vowel forms "ma".
NEGATE["tr"][0] = (r"\b(\w+?)([dt])([ıu])\b", r"\1ma\2\3")
NEGATE["tr"].insert(1, (r"\b(\w+?)([dt])([iü])\b", r"\1me\2\3"))


def names_in(text: str, lang: str = "") -> list[str]:
    """Capitalised names that do not open a sentence or quote, deduplicated, in order (heuristic).

    German capitalises every noun, so there only multi-word names count.
    """
    calendar = {w.lower() for words in MONTHS.values() for w in words.split()}
    found = []
    for m in _NAME.finditer(text):
        name = m.group(0)
        if _OPENER.search(text[max(0, m.start() - 3) : m.start()]) or len(name) < 3:
            continue
        if name.lower() in calendar or (lang == "de" and " " not in name):
            continue
        found.append(name)
    return list(dict.fromkeys(found))


def _replace_one(text: str, pattern: re.Pattern[str], make: Callable[[str], str],
                 rng: random.Random) -> str | None:
    """Replace one random match of pattern by make(match text); None when nothing matches."""
    matches = list(pattern.finditer(text))
    if not matches:
        return None
    m = rng.choice(matches)
    return text[: m.start()] + make(m.group(0)) + text[m.end() :]


def _new_number(token: str, rng: random.Random) -> str:
    """A different number written like token."""
    sep = "," if "," in token else "."
    whole, _, frac = token.replace(",", ".").partition(".")
    if len(frac) == 3:  # a thousands separator: 3.000 is three thousand
        value = int(whole + frac)
        new = rng.choice([value * 2, value + 1000 * rng.randint(1, 9), value // 2 + 1000])
        return f"{new:,}".replace(",", sep)
    value = int(whole)
    new = rng.choice([value * 2, value + rng.randint(1, 9), max(1, value - rng.randint(1, 9)),
                      value * 3 + 1])
    new = new if new != value else value + 1
    return f"{new}{sep}{frac}" if frac else str(new)


def change_number(text: str, lang: str, names: list[str], rng: random.Random) -> str | None:
    """Contradiction: change one number that is not a year."""
    pattern = re.compile(r"(?<![\w.,])(?!(?:19|20)\d\d(?!\d))\d+(?:[.,]\d+)?(?![\w])")
    return _replace_one(text, pattern, lambda t: _new_number(t, rng), rng)


def change_date(text: str, lang: str, names: list[str], rng: random.Random) -> str | None:
    """Contradiction: shift a year or swap a month or weekday name."""
    if _YEAR.search(text):
        return _replace_one(text, _YEAR, lambda y: str(int(y) + rng.choice([-3, -2, -1, 1, 2])),
                            rng)
    for key in (lang, f"{lang}-days"):
        words = MONTHS.get(key, "").split()
        pattern = re.compile(r"\b(" + "|".join(words) + r")\b") if words else None
        if pattern and pattern.search(text):
            choices = words
            return _replace_one(text, pattern,
                                lambda w, c=choices: rng.choice([x for x in c if x != w]), rng)
    return None


def _swap_name(text: str, pool: list[str], candidates: list[str], rng: random.Random) -> str | None:
    """Replace one candidate name in text by a name from pool that text lacks."""
    others = [n for n in pool if n not in text and not any(n in c or c in n for c in candidates)]
    if not candidates or not others:
        return None
    target = rng.choice(candidates)
    return text.replace(target, rng.choice(others), 1)


def change_entity(text: str, lang: str, names: list[str], rng: random.Random) -> str | None:
    """Contradiction: replace a name by another name from the same article."""
    return _swap_name(text, names, names_in(text, lang), rng)


def _reporting_pattern(lang: str) -> re.Pattern[str] | None:
    """A regex of the language's reporting verbs."""
    verbs = REPORTING.get(lang)
    if not verbs:
        return None
    return re.compile(r"(?<!\w)(" + "|".join(map(re.escape, verbs)) + r")(?!\w)")


def change_speaker(text: str, lang: str, names: list[str], rng: random.Random) -> str | None:
    """Contradiction: attribute a quote or reported statement to someone else."""
    verbs = _reporting_pattern(lang)
    outside = _QUOTED.sub(" ", text)
    if outside == text and not (verbs and verbs.search(text)):
        return None
    return _swap_name(text, names, names_in(outside, lang), rng)


def change_polarity(text: str, lang: str, names: list[str], rng: random.Random) -> str | None:
    """Contradiction: negate or un-negate a verb, or swap in an antonym."""
    rules = list(NEGATE.get(lang, []))
    rng.shuffle(rules)
    for pattern, repl in rules:
        compiled = re.compile(pattern)
        if compiled.search(text):
            return compiled.sub(repl, text, count=1).replace("  ", " ").strip()
    return None


def drop_clause(text: str, lang: str, rng: random.Random) -> str | None:
    """Entailment: drop a parenthesis or the last comma-separated clause."""
    if "(" in text and ")" in text:
        return re.sub(r"\s*\([^)]*\)", "", text, count=1)
    parts = re.split(r"(?<=[,，])\s*", text)
    if len(parts) < 2 or len(" ".join(parts[:-1])) < 0.5 * len(text):
        return None
    head = "".join(p if lang in ("zh", "ja") else p + " " for p in parts[:-1]).rstrip(" ,，")
    return head + ("。" if lang in ("zh", "ja") else ".")


def reorder(text: str, lang: str, rng: random.Random) -> str | None:
    """Entailment: move a short opening phrase ("On Monday, ...") to the end."""
    match = re.match(r"^([^,]{3,40}), (.+?)([.!?])$", text)
    if lang not in ("en", "es", "fr", "it") or not match or len(match.group(1).split()) > 5:
        return None
    intro, main, end = match.groups()
    if not names_in("x " + intro.split()[0], lang):
        intro = intro[0].lower() + intro[1:]
    return f"{main[0].upper()}{main[1:]} {intro}{end}"


def _swap_word(text: str, table: dict[str, str], rng: random.Random) -> str | None:
    """Replace one word of text found in table by its partner."""
    found = [w for w in table if re.search(rf"(?<!\w){re.escape(w)}(?!\w)", text)]
    if not found:
        return None
    word = rng.choice(found)
    return re.sub(rf"(?<!\w){re.escape(word)}(?!\w)", table[word], text, count=1)


def swap_synonym(text: str, lang: str, rng: random.Random) -> str | None:
    """Entailment: swap one word for a synonym."""
    return _swap_word(text, SYNONYMS.get(lang, {}), rng)


def swap_reporting_verb(text: str, lang: str, rng: random.Random) -> str | None:
    """Entailment: change the reporting verb (said -> stated)."""
    return _swap_word(text, REPORTING.get(lang, {}), rng)


CONTRADICTIONS: dict[str, Callable[[str, str, list[str], random.Random], str | None]] = {
    "number": change_number, "date": change_date, "entity": change_entity,
    "speaker": change_speaker, "polarity": change_polarity,
}
ENTAILMENTS: dict[str, Callable[[str, str, random.Random], str | None]] = {
    "drop-clause": drop_clause, "reorder": reorder, "synonym": swap_synonym,
    "reporting-verb": swap_reporting_verb,
}
