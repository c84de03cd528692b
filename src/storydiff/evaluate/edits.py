"""The edit suite: real articles against a copy with ONE edit, and what the rules should find.

``build_edit_suite`` takes real articles (SemEval-2022 Task 8 texts, many languages), picks one
sentence of an article A and makes B = A with one edit in it: a number, a date or weekday, a
negation in many forms, an opposite predicate, a swapped name, a quote given to another speaker
or changed (``edit_ops.OPERATIONS``). Benign edits change nothing a reader would dispute:
sentences reordered or deleted, a synonym, a tense, boilerplate lines added; and A against
itself. Everything is drawn from a seeded ``random.Random``: the same articles and seed give the
same cases.

``judge`` reads the discrepancies the pipeline reported for a case: an edit is *detected* when a
finding of a fitting type has spans inside the edited sentence on both sides; every finding
with a span elsewhere counts *outside* the edit; on benign and identical pairs every finding
counts. ``summarise`` turns outcomes into the suite's figures (recall, findings per pair).
"""

from __future__ import annotations

import itertools
import math
import random
import re
from collections.abc import Callable, Iterable, Iterator, Sequence
from dataclasses import dataclass, field

from ..analyse.entities import find_entities
from ..analyse.quotes import find_quotes
from ..analyse.sentences import split_sentences
from ..discrepancies.rules.entities import same_entity
from ..discrepancies.rules.places import is_country, place_level
from ..document import Entity, Quote, Sentence
from . import _edit_lexicon as lex
from .edit_ops import OPERATIONS, Context
from .invariants import Article

__all__ = [
    "BENIGN_KINDS",
    "EDIT_KINDS",
    "EditCase",
    "Found",
    "Outcome",
    "Summary",
    "build_edit_suite",
    "judge",
    "summarise",
]

# a changed number inside a time expression ('eight years ago') is a changed date too
_NUMBER, _DATE, _POLARITY = ("number", "date"), ("date",), ("polarity",)

#: Every edit kind that should be found, with the discrepancy types that find it.
EDIT_KINDS: dict[str, tuple[str, ...]] = {
    "number.plain": _NUMBER, "number.bound": _NUMBER, "number.year": _NUMBER,
    "number.percent": _NUMBER, "number.money": _NUMBER, "number.scale": _NUMBER,
    "number.written": _NUMBER, "date.weekday": _DATE, "date.month": _DATE, "date.day": _DATE,
    "negation.not": _POLARITY, "negation.never": _POLARITY, "negation.no": _POLARITY,
    "negation.denied": _POLARITY, "negation.refused": _POLARITY,
    "negation.prefix": _POLARITY, "antonym": _POLARITY,
    "entity.person": ("entity",), "entity.place": ("entity",), "entity.org": ("entity",),
    "entity.name": ("entity",), "quote.speaker": ("attribution",),
    "quote.changed": ("quote", "polarity", "number"),
}  # fmt: skip

#: Edits that must raise nothing; ``identical`` is A against itself.
BENIGN_KINDS = ("benign.reorder", "benign.delete", "benign.synonym", "benign.tense",
                "benign.boilerplate", "identical")

_MIN_CHARS, _MAX_CHARS = 25, 600
_TRIES = 60  # articles tried per kind and language before the language is given up


@dataclass(frozen=True)
class EditCase:
    """A pair made by one edit. ``sentence_a``/``sentence_b``: the edited sentence on each side
    (None for whole-text benign edits and identical pairs); ``fitting``: the discrepancy types
    that detect the edit (empty for benign ones)."""

    kind: str
    language: str
    a: str
    b: str
    sentence_a: str | None
    sentence_b: str | None
    fitting: tuple[str, ...]
    source: str

    @property
    def family(self) -> str:
        """The first part of the kind: number, date, negation, antonym, entity, quote, benign."""
        return self.kind.split(".")[0]

    @property
    def benign(self) -> bool:
        """Whether nothing should be found."""
        return self.kind in BENIGN_KINDS


@dataclass(frozen=True)
class Found:
    """One reported discrepancy, reduced to what judging needs (offsets into clean texts)."""

    type: str
    a_start: int
    a_end: int
    b_start: int
    b_end: int


@dataclass(frozen=True)
class Outcome:
    """How the pipeline did on one case. ``detected`` is None for benign cases and for edits
    whose sentence could not be found in the clean texts."""

    kind: str
    language: str
    detected: bool | None
    outside: int  # findings not inside the edited sentence on both sides (all, when benign)
    wrong_type: int  # findings inside the edited sentence but of a type that does not fit


# ---------------------------------------------------------------- building the suite


@dataclass
class _Prepared:
    """An article with its sentences, names and quotes, computed once."""

    article: Article
    sentences: list[Sentence]
    entities: list[Entity] = field(default_factory=list)
    quotes: list[Quote] = field(default_factory=list)


class _Articles:
    """Articles by language, analysed on first use."""

    def __init__(self, articles: Sequence[Article]) -> None:
        self.by_language: dict[str, list[Article]] = {}
        for art in articles:
            self.by_language.setdefault(art.language, []).append(art)
        self._cache: dict[str, _Prepared] = {}

    def prepared(self, art: Article) -> _Prepared:
        """Sentences, names and quotes of an article."""
        if art.text not in self._cache:
            sentences = split_sentences(art.text, art.language)
            entities = find_entities(art.text, art.language)
            quotes = find_quotes(art.text, art.language, entities, sentences=sentences)
            self._cache[art.text] = _Prepared(art, sentences, entities, quotes)
        return self._cache[art.text]


def _editable(s: Sentence) -> bool:
    """A sentence long enough to carry a claim, on one line."""
    return _MIN_CHARS <= len(s.text) <= _MAX_CHARS and "\n" not in s.text


def _fitting(kind: str, prep: _Prepared, s: Sentence, edited: str) -> tuple[str, ...]:
    """The types that detect an edit; a quote finding fits any edit made inside a quote, and
    an attribution finding a name swapped where it names a quote's speaker."""
    fitting = EDIT_KINDS[kind]
    at = s.start + next((i for i, (x, y) in enumerate(zip(s.text, edited, strict=False))
                         if x != y), min(len(s.text), len(edited)))
    if "quote" not in fitting and any(q.start <= at < q.end for q in prep.quotes):
        fitting = (*fitting, "quote")
    if kind.startswith("entity.") and any(q.speaker is not None
                                          and q.speaker.start <= at < q.speaker.end
                                          for q in prep.quotes):
        fitting = (*fitting, "attribution")
    return fitting


def _names_in(language: str) -> Callable[[str], list[Entity]]:
    """The analyser's names of a text in ``language``."""
    return lambda text: find_entities(text, language)


def _sentence_case(kind: str, prep: _Prepared, rng: random.Random) -> EditCase | None:
    """The kind's edit in one sentence of the article, or None when no sentence allows it."""
    art, operation = prep.article, OPERATIONS[kind]
    order = [s for s in prep.sentences if _editable(s)]
    rng.shuffle(order)
    for s in order:
        ctx = Context(art.language, art.text, s.start, prep.entities, prep.quotes,
                      same_entity, is_country, place_level, _names_in(art.language))
        edited = operation(s.text, ctx, rng)
        if edited is not None and edited != s.text:
            b = art.text[: s.start] + edited + art.text[s.end:]
            fitting = () if kind.startswith("benign") else _fitting(kind, prep, s, edited)
            return EditCase(kind, art.language, art.text, b, s.text, edited, fitting, art.group)
    return None


def _body(prep: _Prepared) -> list[Sentence]:
    """The sentences after the title line."""
    title_end = prep.article.text.find("\n")
    return [s for s in prep.sentences if s.start > title_end >= 0 and "\n" not in s.text]


def _reorder(prep: _Prepared, rng: random.Random) -> str | None:
    """Two neighbouring body sentences of one paragraph swapped."""
    text, body = prep.article.text, _body(prep)
    pairs = [(x, y) for x, y in itertools.pairwise(body) if "\n" not in text[x.end:y.start]]
    if not pairs:
        return None
    x, y = rng.choice(pairs)
    gap = text[x.end:y.start] or " "
    return text[: x.start] + y.text + gap + x.text + text[y.end:]


def _delete(prep: _Prepared, rng: random.Random) -> str | None:
    """One body sentence deleted (with the space after it)."""
    text, body = prep.article.text, _body(prep)
    if len(body) < 3:
        return None
    s = rng.choice(body[1:])
    end = s.end + len(text[s.end:]) - len(text[s.end:].lstrip(" "))
    return text[: s.start] + text[end:]


def _boilerplate(prep: _Prepared, rng: random.Random) -> str | None:
    """One or two lines a web page adds, after the title or at the end."""
    lines = lex.BOILERPLATE.get(prep.article.language, lex.BOILERPLATE["en"])
    title, sep, body = prep.article.text.partition("\n\n")
    chosen = rng.sample(lines, rng.randint(1, 2))
    if rng.random() < 0.5 and sep:
        return "\n\n".join([title, *chosen, body])
    return "\n\n".join([prep.article.text, *chosen])


_WHOLE_TEXT: dict[str, Callable[[_Prepared, random.Random], str | None]] = {
    "benign.reorder": _reorder, "benign.delete": _delete, "benign.boilerplate": _boilerplate,
    "identical": lambda prep, rng: prep.article.text,
}


def _case(kind: str, prep: _Prepared, rng: random.Random) -> EditCase | None:
    """One case of ``kind`` from an article, or None when the article does not allow it."""
    if kind not in _WHOLE_TEXT:
        return _sentence_case(kind, prep, rng)
    b = _WHOLE_TEXT[kind](prep, rng)
    art = prep.article
    if b is None or (b == art.text and kind != "identical"):
        return None
    return EditCase(kind, art.language, art.text, b, None, None, (), art.group)


def _cases_of_kind(kind: str, articles: _Articles, languages: Sequence[str], count: int,
                   seed: int) -> Iterator[EditCase]:
    """Up to ``count`` cases of one kind, the languages taking turns."""
    pools = {lang: _shuffled(articles.by_language.get(lang, []), f"{seed}:{kind}:{lang}")
             for lang in languages}
    active = [lang for lang in languages if pools[lang]]
    made, turn = 0, 0
    while made < count and active:
        lang = active[turn % len(active)]
        case = _next_case(kind, pools[lang], articles, random.Random(f"{seed}:{kind}:{made}"))
        if case is None:
            active.remove(lang)
            continue
        made, turn = made + 1, turn + 1
        yield case


def _shuffled(items: list[Article], seed: str) -> list[Article]:
    """A seeded shuffle of a copy of ``items``."""
    out = list(items)
    random.Random(seed).shuffle(out)
    return out


def _next_case(kind: str, pool: list[Article], articles: _Articles,
               rng: random.Random) -> EditCase | None:
    """The first article of ``pool`` that allows the edit (tried ones are used up)."""
    for _ in range(min(_TRIES, len(pool))):
        case = _case(kind, articles.prepared(pool.pop(0)), rng)
        if case is not None:
            return case
    return None


def build_edit_suite(articles: Sequence[Article], *, per_kind: int = 10, benign_per_kind: int = 10,
                     seed: int = 0, languages: Sequence[str] = lex.LANGUAGES,
                     kinds: Iterable[str] | None = None) -> list[EditCase]:
    """Edit cases from real articles, deterministic for ``seed``.

    Args:
        articles: real articles (``invariants.semeval_articles``), any languages.
        per_kind: cases per edit kind (the languages that allow it take turns).
        benign_per_kind: cases per benign kind (``BENIGN_KINDS``).
        seed: the seed of every random choice.
        languages: the languages drawn from, in turn.
        kinds: the kinds to build (default: every edit kind and every benign kind).

    Returns:
        The cases, kind by kind.
    """
    pool = _Articles(articles)
    chosen = list(kinds) if kinds is not None else [*EDIT_KINDS, *BENIGN_KINDS]
    return [case for kind in chosen for case in _cases_of_kind(
        kind, pool, languages, benign_per_kind if kind in BENIGN_KINDS else per_kind, seed)]


# ---------------------------------------------------------------- judging


def _words_pattern(text: str) -> str:
    """A pattern for ``text`` that lets white space differ."""
    return r"\s+".join(re.escape(w) for w in text.split())


def _edit_window(sentence: str, other: str, context: int) -> str:
    """The changed part of ``sentence`` against ``other`` with ``context`` words either side."""
    start = next((i for i, (x, y) in enumerate(zip(sentence, other, strict=False)) if x != y),
                 min(len(sentence), len(other)))
    tail = next((i for i, (x, y) in enumerate(zip(sentence[::-1], other[::-1], strict=False))
                 if x != y), 0)
    end = max(start, len(sentence) - tail)
    words_before = sentence[:start].split()[-context:] if context else []
    words_after = sentence[end:].split()[:context]
    middle = sentence[start:end]
    left = " ".join(words_before) + (" " if sentence[:start].endswith(" ") else "")
    right = (" " if sentence[end:].startswith(" ") else "") + " ".join(words_after)
    return (left + middle + right).strip()


def _locate(sentence: str | None, other: str | None, clean: str) -> tuple[int, int] | None:
    """Where a sentence lies in a clean text (white space may differ), or, when the cleaner
    changed part of it, where its edited stretch lies; None when neither is found."""
    if not sentence:
        return None
    windows = [_edit_window(sentence, other or "", n) for n in (6, 3, 1)]
    for text in (sentence, *windows):
        m = re.search(_words_pattern(text), clean) if text.strip() else None
        if m:
            return m.span()
    return None


def _overlaps(start: int, end: int, where: tuple[int, int]) -> bool:
    """Whether ``[start, end)`` overlaps ``where``."""
    return start < where[1] and where[0] < end


def judge(case: EditCase, found: Sequence[Found], clean_a: str, clean_b: str) -> Outcome:
    """How the reported discrepancies ``found`` answer ``case`` (see the module docstring)."""
    if case.benign:
        return Outcome(case.kind, case.language, None, len(found), 0)
    where_a = _locate(case.sentence_a, case.sentence_b, clean_a)
    where_b = _locate(case.sentence_b, case.sentence_a, clean_b)
    if where_a is None or where_b is None:
        return Outcome(case.kind, case.language, None, len(found), 0)
    inside = [f for f in found if _overlaps(f.a_start, f.a_end, where_a)
              and _overlaps(f.b_start, f.b_end, where_b)]
    fitting = [f for f in inside if f.type in case.fitting]
    return Outcome(case.kind, case.language, bool(fitting), len(found) - len(inside),
                   len(inside) - len(fitting))


@dataclass(frozen=True)
class Summary:
    """Figures over a group of outcomes: ``recall`` over the located edits (NaN for benign
    groups), findings per pair outside the edits, wrongly typed findings inside them."""

    pairs: int
    judged: int
    recall: float
    outside_per_pair: float
    wrong_type_per_pair: float


def _summary(group: Sequence[Outcome]) -> Summary:
    """One ``Summary``."""
    judged = [o for o in group if o.detected is not None]
    recall = sum(bool(o.detected) for o in judged) / len(judged) if judged else math.nan
    n = max(1, len(group))
    return Summary(len(group), len(judged), recall, sum(o.outside for o in group) / n,
                   sum(o.wrong_type for o in group) / n)


def summarise(outcomes: Sequence[Outcome],
              key: Callable[[Outcome], str]) -> dict[str, Summary]:
    """Figures per group (``key``: e.g. the kind, the family or the language), sorted."""
    groups: dict[str, list[Outcome]] = {}
    for o in outcomes:
        groups.setdefault(key(o), []).append(o)
    return {name: _summary(groups[name]) for name in sorted(groups)}
