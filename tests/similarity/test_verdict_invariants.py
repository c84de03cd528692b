"""The verdict's invariants on real articles from ../shared (any language of the task file).

Fast: Hypothesis draws articles and edits (a few examples each). Slow gate: a fixed sample of
300 generated pairs (``storydiff.evaluate.invariants``, as ``bench/verdict.py`` runs it): every
copy, excerpt, symmetric and appended pair must hold. The appended invariant rests on the
scorer's readings of a second story (``similarity/stories.py``), a heuristic: it holds on every
pair of this sample, not by construction on every pair there is.
"""

from __future__ import annotations

import functools
import random

import pytest
from hypothesis import HealthCheck, assume, given, settings
from hypothesis import strategies as st

from storydiff import Comparer, Settings
from storydiff.align.alignment import align_claims
from storydiff.document import Document
from storydiff.evaluate.invariants import (
    Article,
    build_cases,
    check_case,
    is_article,
)
from storydiff.evaluate.semeval import load_semeval
from storydiff.evaluate.variants import appended, edited_copy, excerpt
from storydiff.pipeline.comparer import prepare
from storydiff.similarity.scorer import DIMENSIONS
from tests.conftest import real_articles, shared_path

FAST = settings(max_examples=4, deadline=None,
                suppress_health_check=[HealthCheck.function_scoped_fixture])
#: Every invariant must hold on every pair of the fixed sample.
GATE_PAIRS = 300


@functools.cache
def articles() -> list[Article]:
    """The task file's articles (the test skips when ../shared is absent)."""
    return real_articles()


def verdict(comparer: Comparer, a: str, b: str) -> tuple[float, float]:
    """P(same story) and Overall of the pipeline on two article texts."""
    similarity = comparer.compare(a, b).similarity
    return similarity.same_story, similarity.dimensions["overall"]


@FAST
@given(index=st.integers(min_value=0), seed=st.integers(0, 2**16),
       rate=st.sampled_from([0.0, 0.02, 0.05]))
def test_an_edited_copy_is_the_same_story(comparer: Comparer, index: int, seed: int,
                                          rate: float) -> None:
    article = articles()[index % len(articles())]
    copy = edited_copy(article.text, random.Random(seed), rate=rate)
    assume(is_article(copy.text))
    same, overall = verdict(comparer, article.text, copy.text)
    assert same >= 0.9 and overall <= 1.5, (article.language, copy.kind, same, overall)


@FAST
@given(index=st.integers(min_value=0), how=st.sampled_from(["first_half", "every_other"]))
def test_an_excerpt_is_the_same_story(comparer: Comparer, index: int, how: str) -> None:
    article = articles()[index % len(articles())]
    part = excerpt(article.text, how).text
    assume(is_article(part))  # every other paragraph of a page that is mostly a notice is none
    same, _ = verdict(comparer, article.text, part)
    assert same >= 0.8, (article.language, how, same)


@FAST
@given(i=st.integers(min_value=0), j=st.integers(min_value=0))
def test_the_verdict_is_symmetric(comparer: Comparer, i: int, j: int) -> None:
    a, b = (articles()[k % len(articles())].text for k in (i, j))
    one, other = comparer.compare(a, b).similarity, comparer.compare(b, a).similarity
    assert one == other


@settings(max_examples=3, deadline=None, derandomize=True,
          suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(i=st.integers(min_value=0), j=st.integers(min_value=0), k=st.integers(min_value=0))
def test_appending_an_unrelated_article_never_makes_a_pair_more_alike(
        comparer: Comparer, i: int, j: int, k: int) -> None:
    pool = articles()
    a, b, extra = (pool[n % len(pool)] for n in (i, j, k))
    assume(extra.group not in (a.group, b.group))
    before = comparer.compare(a.text, b.text).similarity
    after = comparer.compare(a.text, appended(b.text, extra.text).text).similarity
    gains = {d: before.dimensions[d] - after.dimensions[d] for d in DIMENSIONS}
    assert max(gains.values()) <= 0.0, (a.language, b.language, extra.language, gains)


def test_the_sample_moves_only_where_its_own_articles_change() -> None:
    # Each case draws for itself (by article key, not by position in a pool), so that a change
    # to the cleaner does not reshuffle the gate's sample below: a pair none of whose texts a
    # case used can leave the file and every case stays as it was.
    pairs = load_semeval(shared_path("data", "semeval2022-task8", "train.csv"))[:150]
    cases = build_cases(pairs, 24)
    used = {text for case in cases for text in (case.a, case.b, case.reference) if text}
    unused = next(i for i, pair in enumerate(pairs)
                  if not any(pair.text1.strip()[:80] in text or pair.text2.strip()[:80] in text
                             for text in used))
    assert build_cases([*pairs[:unused], *pairs[unused + 1:]], 24) == cases


@pytest.mark.slow(seconds=215)
@pytest.mark.parametrize("half", [0, 1])  # each half a test, so CI's two workers share the gate
def test_every_invariant_holds_on_the_fixed_sample(comparer: Comparer, half: int) -> None:
    pairs = load_semeval(shared_path("data", "semeval2022-task8", "train.csv"))
    cases = build_cases(pairs, GATE_PAIRS, seed=0)
    assert len(cases) >= GATE_PAIRS
    cases = cases[half::2]
    docs: dict[str, Document] = {}

    def prepared(text: str) -> Document:
        if text not in docs:
            docs[text] = prepare(text, settings=Settings())
        return docs[text]

    failed = []
    for case in cases:
        outcome = check_case(case, prepared,
                             lambda a, b: align_claims(a, b, comparer.encoder),
                             {"shipped": comparer.scorer})["shipped"]
        if not outcome.holds:
            failed.append((case.invariant, case.kind, case.language, outcome.value))
    assert failed == []
