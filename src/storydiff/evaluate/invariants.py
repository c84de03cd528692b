"""Invariants of the same-story verdict, checked on pairs built from real articles.

Each ``Case`` is a pair whose verdict follows from how it was made (``storydiff.evaluate.
variants``):

- ``copy``: an article against a lightly edited copy is the same story: P ≥ 0.9, Overall ≤ 1.5;
- ``excerpt``: an excerpt against the whole is the same story: P ≥ 0.8;
- ``symmetric``: a real pair scored both ways gives the same verdict;
- ``appended``: a real pair, then the same pair with an unrelated article appended to one side:
  no dimension becomes more similar (the 1–4 labels may only rise).

``build_cases`` draws them from SemEval-2022 Task 8 articles (every language of the file);
``check_case`` runs the real pipeline (clean, analyse, align) and judges the pair with each
scorer, so that two heads are measured on exactly the same documents and alignments.
"""

from __future__ import annotations

import hashlib
import random
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass
from typing import TypeVar

from .._errors import InputError
from ..align.alignment import Alignment
from ..document import Document
from ..ingest import clean, read
from ..similarity.scorer import DIMENSIONS, Scorer, Similarity
from .semeval import SemevalPair, semeval_clean_text
from .variants import appended, edited_copy, excerpt

__all__ = ["INVARIANTS", "Align", "Article", "Case", "Outcome", "build_cases", "check_case",
           "is_article", "semeval_articles"]

_T = TypeVar("_T")

#: Invariant → (what holds, for the table).
INVARIANTS = {
    "copy": "edited copy: P >= 0.9 and Overall <= 1.5",
    "excerpt": "excerpt vs whole: P >= 0.8",
    "symmetric": "score(a, b) == score(b, a)",
    "appended": "unrelated article appended: no dimension more similar",
}
_SHARES = {"copy": 0.4, "excerpt": 0.2, "symmetric": 0.15, "appended": 0.25}
_EXCERPTS = ("first_half", "every_other")


@dataclass(frozen=True)
class Article:
    """A real article as a user would pass it (title line, blank line, body)."""

    text: str
    language: str
    group: str  # the SemEval base pair it comes from
    key: str = ""  # where the raw text first occurs ("pair id/1"): draws go by it, not by text


@dataclass(frozen=True)
class Case:
    """One generated pair: ``a`` against ``b``; for ``appended``, ``reference`` is the side
    before the unrelated article was appended."""

    invariant: str
    kind: str
    language: str
    a: str
    b: str
    reference: str | None = None


@dataclass(frozen=True)
class Outcome:
    """Whether a case holds under one judge, and the value that decides it (P, a difference
    or a raise in similarity; see ``check_case``)."""

    holds: bool
    value: float


#: Aligns the claims of two documents (``align_claims`` with the encoder bound).
Align = Callable[[Document, Document], Alignment]


def semeval_articles(pairs: Sequence[SemevalPair], min_chars: int = 400) -> list[Article]:
    """Every distinct text of ``pairs`` long enough to edit that holds an article
    (``is_article``: a page that is only a site's masthead is none), as a user would pass it."""
    seen: dict[str, Article | None] = {}
    for pair in pairs:
        for side, raw, lang in ((1, pair.text1, pair.lang1), (2, pair.text2, pair.lang2)):
            clean = semeval_clean_text(raw, pair.pair_id, lang).text
            if len(clean) >= min_chars and clean not in seen:
                seen[clean] = (Article(clean, lang, pair.base_id, f"{pair.pair_id}/{side}")
                               if is_article(clean) else None)
    return [article for article in seen.values() if article is not None]


def _real_pairs(pairs: Sequence[SemevalPair], by_text: Mapping[str, Article]
                ) -> list[tuple[Article, Article]]:
    """The labelled pairs whose two texts are both usable articles."""
    out = []
    for pair in pairs:
        a = by_text.get(semeval_clean_text(pair.text1, pair.pair_id, pair.lang1).text)
        b = by_text.get(semeval_clean_text(pair.text2, pair.pair_id, pair.lang2).text)
        if a is not None and b is not None and a.text != b.text:
            out.append((a, b))
    return out


def _unrelated(tag: str, articles: Sequence[Article], *avoid: Article) -> Article:
    """An article from another SemEval pair than any of ``avoid`` (drawn as ``_draw``)."""
    groups = {a.group for a in avoid}
    return _draw(tag, [a for a in articles if a.group not in groups], lambda a: a.key)


def _draw(tag: str, pool: Sequence[_T], key: Callable[[_T], str]) -> _T:
    """The member of ``pool`` whose key hashes lowest with ``tag``: a draw that another
    member's leaving or joining the pool (a cleaning change that drops a text under the length
    floor) does not move, unlike an index into the pool."""
    return min(pool, key=lambda item: hashlib.blake2b(f"{tag}|{key(item)}".encode(),
                                                      digest_size=8).digest())


def build_cases(pairs: Sequence[SemevalPair], n: int, seed: int = 0) -> list[Case]:
    """``n`` cases (shared out as ``_SHARES``), deterministic for a seed, spread over the
    languages of the file (articles are drawn language by language in turn). A made side that
    holds no article (``is_article``) is drawn again.

    Each case draws with its own generator and picks articles by ``_draw``, so a change to the
    cleaner moves only the cases whose own articles it changes, not the whole sample."""
    articles = semeval_articles(pairs)
    by_language: dict[str, list[Article]] = {}
    for art in articles:
        by_language.setdefault(art.language, []).append(art)
    languages = sorted(by_language)
    real = _real_pairs(pairs, {a.text: a for a in articles})
    cases: list[Case] = []
    for invariant, share in _SHARES.items():
        for i in range(max(1, round(share * n))):
            pool = by_language[languages[i % len(languages)]]
            pair = (_draw(f"{seed}|{invariant}|{i}", real, lambda p: f"{p[0].key} {p[1].key}")
                    if invariant in ("symmetric", "appended") else None)
            case, attempt = None, 0
            while case is None or not is_article(case.b):  # an excerpt of a notice is none
                tag = f"{seed}|{invariant}|{i}|{attempt}"
                case = _case(invariant, random.Random(tag), tag,
                             _draw(tag, pool, lambda a: a.key), pair, articles)
                attempt += 1
            cases.append(case)
    return cases


def is_article(text: str) -> bool:
    """Whether the cleaner keeps an article in ``text`` (a made variant may hold none: every
    other paragraph of a page that is mostly a copyright notice is a typed ``InputError``,
    as it should be, and no verdict to check)."""
    try:
        clean(read(text))
    except InputError:
        return False
    return True


def _case(invariant: str, rng: random.Random, tag: str, article: Article,
          real: tuple[Article, Article] | None, articles: Sequence[Article]) -> Case:
    """One case of ``invariant`` from ``article`` (copy, excerpt) or the real pair ``real``
    (an unrelated article drawn with ``tag``)."""
    if invariant == "copy":
        variant = edited_copy(article.text, rng, rate=rng.choice((0.0, 0.02, 0.05)))
        return Case(invariant, variant.kind, article.language, article.text, variant.text)
    if invariant == "excerpt":
        variant = excerpt(article.text, rng.choice(_EXCERPTS))
        return Case(invariant, variant.kind, article.language, article.text, variant.text)
    assert real is not None
    a, b = real
    language = f"{a.language}-{b.language}"
    if invariant == "symmetric":
        return Case(invariant, "real pair", language, a.text, b.text)
    extra = _unrelated(tag, articles, a, b)
    return Case(invariant, f"appended {extra.language}", language, a.text,
                appended(b.text, extra.text).text, reference=b.text)


def check_case(case: Case, prepare: Callable[[str], Document], align: Align,
               judges: Mapping[str, Scorer]) -> dict[str, Outcome]:
    """Run ``case`` through the pipeline and say, for each judge, whether it holds.

    Values: ``copy``, the smaller margin of P − 0.9 and 1.5 − Overall; ``excerpt``, P;
    ``symmetric``, the largest difference between the two directions (P and dimensions);
    ``appended``, the largest drop of a dimension label (a gain in similarity) when the
    unrelated article is appended (≤ 0 holds).
    """
    a, b = prepare(case.a), prepare(case.b)
    forward = align(a, b)
    if case.invariant == "symmetric":
        backward = align(b, a)
        return {name: _symmetric(judge.score(a, b, forward), judge.score(b, a, backward))
                for name, judge in judges.items()}
    if case.invariant == "appended":
        assert case.reference is not None
        ref = prepare(case.reference)
        before = align(a, ref)
        return {name: _appended(judge.score(a, ref, before), judge.score(a, b, forward))
                for name, judge in judges.items()}
    return {name: _same_story(case.invariant, judge.score(a, b, forward))
            for name, judge in judges.items()}


def _same_story(invariant: str, verdict: Similarity) -> Outcome:
    """``copy``: P ≥ 0.9 and Overall ≤ 1.5; ``excerpt``: P ≥ 0.8."""
    if invariant == "copy":
        margin = min(verdict.same_story - 0.9, 1.5 - verdict.dimensions["overall"])
        return Outcome(margin >= 0, margin)
    return Outcome(verdict.same_story >= 0.8, verdict.same_story)


def _symmetric(one: Similarity, other: Similarity) -> Outcome:
    """The largest difference between two verdicts."""
    diff = max([abs(one.same_story - other.same_story),
                *(abs(one.dimensions[d] - other.dimensions[d]) for d in DIMENSIONS)])
    return Outcome(diff == 0.0, diff)


def _appended(before: Similarity, after: Similarity) -> Outcome:
    """The largest gain in similarity of any dimension (a fall of its label)."""
    gain = max(before.dimensions[d] - after.dimensions[d] for d in DIMENSIONS)
    return Outcome(gain <= 0.0, gain)
