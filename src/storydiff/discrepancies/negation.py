"""Polarity cues of a claim: negations, negative predicates and opposite predicates.

A claim's polarity is the parity of its negations: "the US denied the visas" holds one negative
predicate (-1); "the USA is refusing to deny them entry" holds two ("refusing to", "deny"), a
double negation, so it affirms (+1). Non-committal phrases ("refused to confirm or deny") say
nothing either way and are masked out. Opposite predicates ("confirmed" / "denied") flip polarity
without any negation word.

Every function here is a heuristic over hand-written, per-language cue lists (en, fr, de, es, it,
pt, nl, pl, ru, tr, ar, zh). With an unknown language code ("und") all lists apply except a few
words that mean something else elsewhere (Italian "mai" is French for May, Spanish "sin" is an
English word, Polish "nie" is German for never). Within one language, a word and its prefixed
negation ("possible" / "impossible", "legalny" / "nielegalny", Turkish "geldi" / "gelmedi")
count as a negation too (``affix_negations``).
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from itertools import pairwise

from ..document import Span
from ..text import Word, fold, word_runs
from ._negation_lexicon import CUES, NEGATING_PREFIXES, OPPOSITES, words_pattern

__all__ = [
    "LANGUAGES",
    "PolarityFlip",
    "affix_negations",
    "is_noncommittal",
    "negates_by_affix",
    "negation_cues",
    "opposite_predicates_heuristic",
    "polarity_flip_heuristic",
    "polarity_heuristic",
]

#: Languages with their own cue lists.
LANGUAGES: tuple[str, ...] = tuple(sorted(CUES))

#: Words that are negations in one language but ordinary words in another: skipped when the
#: language is unknown.
_AMBIGUOUS = frozenset({"mai", "sin", "sem", "ani", "nic", "hiç", "yok"})


def _languages(language: str | None) -> list[str]:
    """The cue lists to apply for ``language`` (all of them when unknown)."""
    code = (language or "").lower()[:2]
    return [code] if code in CUES else list(LANGUAGES)


def _masked(text: str, langs: list[str]) -> list[tuple[int, int]]:
    """Regions that hold idioms or non-committal phrases, where no cue counts."""
    regions: list[tuple[int, int]] = []
    for code in langs:
        cues = CUES[code]
        for pattern in (cues.idioms, cues.noncommittal):
            regions.extend(m.span() for m in pattern.finditer(text))
    return regions


def _inside(start: int, end: int, regions: list[tuple[int, int]]) -> bool:
    """Whether ``[start, end)`` overlaps any region."""
    return any(start < r_end and r_start < end for r_start, r_end in regions)


def _without_overlaps(found: list[tuple[int, int]]) -> list[tuple[int, int]]:
    """Keep the earliest, then longest, of overlapping matches."""
    kept: list[tuple[int, int]] = []
    for start, end in sorted(found, key=lambda se: (se[0], -se[1])):
        if not kept or start >= kept[-1][1]:
            kept.append((start, end))
    return kept


def negation_cues(text: str, language: str | None) -> list[Span]:
    """Negation words and negative-polarity predicates in ``text``, in order.

    Args:
        text: a claim or any short text.
        language: ISO 639-1 code; ``None``, "und" or an unsupported code applies every list.

    Returns:
        Non-overlapping spans with offsets relative to ``text``. Idioms ("not only", "sans
        doute") and non-committal phrases ("refused to confirm or deny") yield no cue.

    Example:
        >>> [c.text for c in negation_cues("They refused to deny it.", "en")]
        ['refused to', 'deny']
    """
    langs = _languages(language)
    masked = _masked(text, langs)
    found: list[tuple[int, int]] = []
    for code in langs:
        for pattern in (CUES[code].negations, CUES[code].predicates):
            found.extend(m.span() for m in pattern.finditer(text))
    spans = [Span(s, e, text[s:e]) for s, e in _without_overlaps(found)
             if not _inside(s, e, masked)]
    if len(langs) > 1:
        spans = [s for s in spans if s.text.lower() not in _AMBIGUOUS]
    return spans


def is_noncommittal(text: str, language: str | None) -> bool:
    """Whether ``text`` holds a neither-yes-nor-no phrase such as "refused to confirm or deny"."""
    return any(CUES[code].noncommittal.search(text) for code in _languages(language))


def polarity_heuristic(text: str, language: str | None) -> int:
    """+1 when ``text`` affirms, -1 when it negates: the parity of its ``negation_cues``.

    Example:
        >>> polarity_heuristic("The USA is refusing to deny them entry.", "en")
        1
    """
    return -1 if len(negation_cues(text, language)) % 2 else 1


_POLES: tuple[dict[str, tuple[re.Pattern[str], re.Pattern[str]]], ...] = tuple(
    {lang: (words_pattern(pos, lang), words_pattern(neg, lang))
     for lang, (pos, neg) in concept.items()}
    for concept in OPPOSITES
)


def _pole_spans(text: str, langs: list[str], masked: list[tuple[int, int]], concept: int,
                pole: int) -> list[Span]:
    """The words of ``text`` on ``pole`` (0 positive, 1 negative) of ``concept``, in order."""
    found: list[tuple[int, int]] = []
    for code in langs:
        patterns = _POLES[concept].get(code)
        if patterns is not None:
            found += [m.span() for m in patterns[pole].finditer(text)
                      if not _inside(m.start(), m.end(), masked)]
    return [Span(s, e, text[s:e]) for s, e in _without_overlaps(found)]


def _unshared_words(xs: list[Span], ys: list[Span], size_x: int,
                    size_y: int) -> tuple[list[Span], list[Span]]:
    """Both lists without the words (case aside) the other list also uses, matched one to one
    by their place in the texts (of ``size_x`` and ``size_y`` characters): a predicate both
    texts state ("died on Wednesday") takes no part in a flip."""
    drop_x: set[int] = set()
    drop_y: set[int] = set()
    for word in {fold(x.text) for x in xs} & {fold(y.text) for y in ys}:
        pairs = sorted((abs(x.start / size_x - y.start / size_y), i, j)
                       for i, x in enumerate(xs) if fold(x.text) == word
                       for j, y in enumerate(ys) if fold(y.text) == word)
        for _, i, j in pairs:
            if i not in drop_x and j not in drop_y:
                drop_x.add(i)
                drop_y.add(j)
    return ([x for i, x in enumerate(xs) if i not in drop_x],
            [y for j, y in enumerate(ys) if j not in drop_y])


def opposite_predicates_heuristic(
    a: str, b: str, lang_a: str | None, lang_b: str | None
) -> tuple[Span, Span] | None:
    """A pair of opposite predicates, one in each text ("confirmed" / "denied"), or ``None``.

    A concept counts only when each text uses one pole of it and not the other ("confirm or
    deny" is no opposite of "deny"); within one language, a word of the concept both texts use
    is set aside first ("dead at 77 … died on Wednesday" / "alive at 77 … died on Wednesday":
    dead against alive). Spans are relative to ``a`` and ``b``.

    Example:
        >>> pair = opposite_predicates_heuristic("He won.", "Il a perdu.", "en", "fr")
        >>> (pair[0].text, pair[1].text) if pair else None
        ('won', 'perdu')
    """
    langs_a, langs_b = _languages(lang_a), _languages(lang_b)
    masked_a, masked_b = _masked(a, langs_a), _masked(b, langs_b)
    one_language = bool(lang_a) and (lang_a or "")[:2] == (lang_b or "")[:2]
    for concept in range(len(_POLES)):
        poles_a = [_pole_spans(a, langs_a, masked_a, concept, p) for p in (0, 1)]
        poles_b = [_pole_spans(b, langs_b, masked_b, concept, p) for p in (0, 1)]
        if one_language:
            for p in (0, 1):
                poles_a[p], poles_b[p] = _unshared_words(poles_a[p], poles_b[p], len(a), len(b))
        for pole in (0, 1):
            here, there = poles_a[pole], poles_b[1 - pole]
            if here and there and not poles_a[1 - pole] and not poles_b[pole]:
                return here[0], there[0]
    return None


_MIN_BASE = 4  # the negated word has four letters or more ('possible', not 'do' in 'undo')
_TR_NEGATIVE = ("ma", "me", "may", "mey")  # Turkish negative suffix (with its buffer letter)
_TR_FOLD = str.maketrans("ıiuüt", "iiiid")  # vowel harmony and d/t, as suffixes vary


def _prefixed(base: str, word: str, prefixes: tuple[str, ...]) -> bool:
    """Whether ``word`` is ``base`` with a negating prefix ('impossible' / 'possible')."""
    return len(base) >= _MIN_BASE and any(
        word == p + base or (p == "non" and word in (p + "-" + base, p + "‐" + base))
        for p in prefixes)


def _turkish_negated(base: str, word: str) -> bool:
    """Whether ``word`` is the Turkish verb ``base`` with the negative suffix ('gelmedi')."""
    if len(base) < _MIN_BASE or len(word) <= len(base):
        return False
    for k in range(2, len(word) - 1):
        for suffix in _TR_NEGATIVE:
            if word.startswith(suffix, k) and (word[:k] + word[k + len(suffix):]).translate(
                    _TR_FOLD) == base.translate(_TR_FOLD):
                return True
    return False


def negates_by_affix(base: str, word: str, language: str) -> bool:
    """Whether the folded ``word`` negates the folded ``base`` by an affix in ``language``
    ('impossible' / 'possible', 'nielegalny' / 'legalny', 'gelmedi' / 'geldi')."""
    if language == "tr":
        return _turkish_negated(base, word)
    return _prefixed(base, word, NEGATING_PREFIXES.get(language, ()))


_COMPOUND = re.compile(r"\w+(?:[-‐]\w+)*")


def _words_of(text: str) -> list[Word]:
    """The folded words of ``text``, hyphenated compounds kept whole ('non-violent')."""
    return [Word(fold(m.group()), m.start(), m.end()) for m in _COMPOUND.finditer(text)]


def _only_in(words: list[Word], others: set[str]) -> list[Word]:
    """The words of a text that the other text lacks."""
    return [w for w in words if w.norm not in others and not any(c.isdigit() for c in w.norm)]


def affix_negations(a: str, b: str, lang_a: str | None,
                    lang_b: str | None) -> tuple[list[Span], list[Span]]:
    """Words of one text that negate, by an affix, a word of the other: "impossible" in ``a``
    against "possible" in ``b``, Polish "nielegalny" / "legalny", Turkish "gelmedi" / "geldi".

    Only within one known language, and only words the other text lacks (a text holding both
    "possible" and "impossible" proves nothing). Returns the negating words of ``a`` and of
    ``b`` as spans relative to each text.

    Example:
        >>> [s.text for s in affix_negations("It is impossible.", "It is possible.", "en",
        ...                                  "en")[0]]
        ['impossible']
    """
    language = (lang_a or "")[:2]
    if language != (lang_b or "")[:2] or language not in LANGUAGES:
        return [], []
    words_a, words_b = _words_of(a), _words_of(b)
    only_a = _only_in(words_a, {w.norm for w in words_b})
    only_b = _only_in(words_b, {w.norm for w in words_a})
    neg_a = [Span(w.start, w.end, a[w.start:w.end]) for w in only_a
             if any(negates_by_affix(x.norm, w.norm, language) for x in only_b)]
    neg_b = [Span(w.start, w.end, b[w.start:w.end]) for w in only_b
             if any(negates_by_affix(x.norm, w.norm, language) for x in only_a)]
    return neg_a, neg_b


@dataclass(frozen=True)
class PolarityFlip:
    """Two texts disagree in polarity. ``a``/``b`` are the deciding spans (``None`` when a side
    carries no cue); ``sign_a``/``sign_b`` the polarity of each side (+1 affirms, -1 negates);
    ``opposite`` whether opposite predicates decided it."""

    a: Span | None
    b: Span | None
    sign_a: int
    sign_b: int
    opposite: bool


#: Prepositions that negate a noun phrase ("fled without visas"), not the statement: the flip
#: test leaves them out.
_PREPOSITIONAL = frozenset({"without", "sans", "ohne", "sin", "senza", "sem", "zonder", "bez",
                            "без", "دون", "بدون", "بلا"})
#: Cues closer than this (in characters) form one chain: "refusing to deny", "did not deny".
_CHAIN_GAP = 25


def _chains(cues: list[Span]) -> int:
    """How many separate negation chains the cues form."""
    gaps = [cue.start - before.end for before, cue in pairwise(cues)]
    return (1 if cues else 0) + sum(1 for gap in gaps if gap > _CHAIN_GAP)


def _cover(cues: list[Span], text: str) -> Span | None:
    """One span over a chain of cues."""
    if not cues:
        return None
    return Span(cues[0].start, cues[-1].end, text[cues[0].start:cues[-1].end])


def _statement_cues(text: str, language: str | None, skip: Span | None) -> list[Span]:
    """Cues that negate the statement: no prepositions, not the opposite predicate itself."""
    return [c for c in negation_cues(text, language) if c.text.lower() not in _PREPOSITIONAL
            and not (skip is not None and _inside(c.start, c.end, [(skip.start, skip.end)]))]


def _cue_anchor(text: str, cue: Span) -> tuple[str, str, str]:
    """A cue with the word before and after it, folded: what makes it the same negation."""
    before = word_runs(text[max(0, cue.start - 40):cue.start])
    after = word_runs(text[cue.end:cue.end + 40])
    return (fold(cue.text), fold(before[-1]) if before else "", fold(after[0]) if after else "")


def _unshared(cues_a: list[Span], a: str, cues_b: list[Span],
              b: str) -> tuple[list[Span], list[Span]]:
    """Both cue lists without the negations the two texts share (the same cue with the same
    word before or after it): a negation both texts make flips nothing, and leaving it would
    make a second chain of the one that does ("ningún otro jugador … nunca ha logrado")."""
    anchors_a = [_cue_anchor(a, c) for c in cues_a]
    anchors_b = [_cue_anchor(b, c) for c in cues_b]
    used: set[int] = set()
    kept_a = []
    for cue, (word, before, after) in zip(cues_a, anchors_a, strict=True):
        twin = next((j for j, (w, bf, af) in enumerate(anchors_b) if j not in used
                     and w == word and (bf == before or af == after)), None)
        if twin is None:
            kept_a.append(cue)
        else:
            used.add(twin)
    return kept_a, [c for j, c in enumerate(cues_b) if j not in used]


def _with(cues: list[Span], more: list[Span]) -> list[Span]:
    """Cue lists merged in text order, a span covered by a cue already left out."""
    extra = [m for m in more if not _inside(m.start, m.end, [(c.start, c.end) for c in cues])]
    return sorted([*cues, *extra], key=lambda c: c.start)


def polarity_flip_heuristic(
    a: str, b: str, lang_a: str | None, lang_b: str | None
) -> PolarityFlip | None:
    """Whether ``a`` and ``b`` (assumed to say the same thing) differ in polarity.

    Negation parity and opposite predicates combine: "granted" vs "denied" flips; "did not win"
    vs "lost" does not (the negation and the opposite predicate cancel). Prepositional negations
    ("without") do not count; a word negated by an affix against its bare form on the other
    side ("impossible" / "possible") counts as a negation (``affix_negations``); within one
    language, a negation both texts make (the same cue next to the same word) is set aside.
    Gives ``None``
    for non-committal texts and for a text with several separate negation chains, whose parity
    says nothing about any one statement.
    """
    if is_noncommittal(a, lang_a) or is_noncommittal(b, lang_b):
        return None
    opposite = opposite_predicates_heuristic(a, b, lang_a, lang_b)
    affix_a, affix_b = affix_negations(a, b, lang_a, lang_b)
    cues_a = _with(_statement_cues(a, lang_a, opposite[0] if opposite else None), affix_a)
    cues_b = _with(_statement_cues(b, lang_b, opposite[1] if opposite else None), affix_b)
    own_a, own_b = cues_a, cues_b
    if (lang_a or "")[:2] == (lang_b or "")[:2]:
        own_a, own_b = _unshared(cues_a, a, cues_b, b)
    if _chains(own_a) > 1 or _chains(own_b) > 1:
        return None
    sign_a, sign_b = (-1 if len(cues) % 2 else 1 for cues in (cues_a, cues_b))
    if (sign_a != sign_b) == (opposite is not None):
        return None
    if opposite is not None:
        return PolarityFlip(opposite[0], opposite[1], sign_a, sign_b, opposite=True)
    return PolarityFlip(_cover(own_a, a), _cover(own_b, b), sign_a, sign_b, opposite=False)
