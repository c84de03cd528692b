"""The link model: which candidate links the report keeps (align/links.py).

On real articles from ../shared: the links do not depend on which article is A, an edited copy
keeps its claims linked, and the scorer still reads every candidate.
"""

from __future__ import annotations

import functools
import random

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from storydiff import Comparer, Settings
from storydiff.align.alignment import Alignment, Link, align_claims
from storydiff.align.links import FEATURES, confident_links, fragments, load_link_model
from storydiff.evaluate.invariants import Article
from storydiff.evaluate.semeval import load_semeval, semeval_clean_text
from storydiff.evaluate.variants import edited_copy
from tests.conftest import real_articles, shared_path

FAST = settings(max_examples=4, deadline=None,
                suppress_health_check=[HealthCheck.function_scoped_fixture])


@functools.cache
def articles() -> list[Article]:
    return real_articles()


def test_the_shipped_model_matches_this_version() -> None:
    model = load_link_model()
    assert model.weights.shape == (len(FEATURES),) and 0 < model.threshold < 1


def test_links_below_the_threshold_leave_their_claims_one_sided() -> None:
    alignment = Alignment([Link(0, 0, "paraphrase", 0.8, 0.1, 0.9),
                           Link(1, 1, "partial", 0.4, 0.0, 0.1),
                           Link(1, 0, "partial", 0.4, 0.0, 0.6)], [2], [], [[0.0] * 2] * 3)
    kept = confident_links(alignment, Settings(link_min_confidence=0.5))
    assert [(k.a, k.b) for k in kept.links] == [(0, 0), (1, 0)]
    assert kept.only_a == [2] and kept.only_b == [1]
    assert confident_links(alignment, Settings(link_min_confidence=0.0)).links == alignment.links


@FAST
@given(i=st.integers(min_value=0), j=st.integers(min_value=0))
def test_links_and_findings_are_the_same_whichever_article_is_a(comparer: Comparer, i: int,
                                                                j: int) -> None:
    group = [x for x in articles() if x.group == articles()[i % len(articles())].group]
    a, b = group[0].text, group[j % len(group)].text
    forward, backward = comparer.compare(a, b), comparer.compare(b, a)
    assert {(k.a, k.b, k.confidence) for k in forward.alignment.links} == \
        {(k.b, k.a, k.confidence) for k in backward.alignment.links}
    assert forward.alignment.only_a == backward.alignment.only_b
    assert {(d.type, d.a.start, d.a.end, d.b.start, d.b.end) for d in forward.discrepancies} == \
        {(d.type, d.b.start, d.b.end, d.a.start, d.a.end) for d in backward.discrepancies}


@FAST
@given(index=st.integers(min_value=0), seed=st.integers(0, 2**16))
def test_an_edited_copy_keeps_its_claims_linked(comparer: Comparer, index: int,
                                                seed: int) -> None:
    article = articles()[index % len(articles())]
    copy = edited_copy(article.text, random.Random(seed), rate=0.02, edits=("reorder",))
    report = comparer.compare(article.text, copy.text)
    claims = len(report.a.claims)
    assert len(report.alignment.only_a) <= max(1, claims // 10), (article.language, claims,
                                                                  report.alignment.only_a)


def test_a_claim_repeated_word_for_word_links_only_to_its_twin(comparer: Comparer) -> None:
    """A table of contents ("3.3.1 Top 3 …", "3.3.2 Top 6 …") once linked every line to every
    other, and each link gave a number finding."""
    lines = [f"{n}.1 Top {n} Terminal Tractor Maker Market Share in 2020" for n in range(2, 8)]
    text = "Tractor market report\n\n" + "\n\n".join(lines)
    report = comparer.compare(text, text + "\n\nThe report covers 40 countries.")
    assert {(k.a, k.b) for k in report.alignment.links} == {(i, i) for i in range(len(lines) + 1)}
    assert report.discrepancies == []


def test_a_link_read_from_b_is_its_row_with_the_sides_swapped(comparer: Comparer) -> None:
    """``link_confidences`` reads each link from B by swapping columns of A's reading; that
    must equal computing the features from B outright."""
    import numpy as np

    from storydiff.align.alignment import ClaimMatrices, _candidates, claim_matrices
    from storydiff.align.links import as_seen_from_b, link_features

    group = [x for x in articles() if x.group == articles()[0].group]
    a, b = comparer.prepare(group[0].text), comparer.prepare(group[-1].text)
    m = claim_matrices(a, b, comparer.encoder)
    pairs = sorted(_candidates(m.combined, Settings()))
    flipped = ClaimMatrices(m.calibrated.T, m.lexical.T, m.topic.T, m.centred.T)
    from_b = link_features(b, a, flipped, [(j, i) for i, j in pairs])
    assert pairs and np.array_equal(from_b, as_seen_from_b(link_features(a, b, m, pairs)))


def test_weak_candidates_are_judged_apart_and_never_reach_the_scorer(comparer: Comparer) -> None:
    """Candidates from ``link_candidate_threshold`` up to ``partial_threshold``, and pairs
    anchored by a figure (``anchored_pairs``), go to ``Alignment.weak``, judged by the model's
    weak part; the links, one-side claims and matrix
    the scorer reads are those of an alignment without them. On real same-story articles."""
    from storydiff.align.alignment import align_claims, anchored_pairs

    settings = Settings()
    group = [x for x in articles() if x.group == articles()[3].group]
    a, b = comparer.prepare(group[0].text), comparer.prepare(group[-1].text)
    alignment = align_claims(a, b, comparer.encoder, settings)
    without = align_claims(a, b, comparer.encoder,
                           Settings(link_candidate_threshold=settings.partial_threshold))
    assert (alignment.links, alignment.only_a, alignment.only_b, alignment.sim) == \
        (without.links, without.only_a, without.only_b, without.sim)
    assert without.weak == [] and alignment.weak
    main = {(k.a, k.b) for k in alignment.links}
    anchored = anchored_pairs(a, b)
    for link in alignment.weak:
        assert (link.a, link.b) not in main
        assert settings.link_candidate_threshold <= link.similarity < settings.partial_threshold \
            or (link.a, link.b) in anchored
        assert link.confidence is not None
    assert alignment.transposed().weak == sorted(
        (Link(k.b, k.a, k.relation, k.similarity, k.lexical, k.confidence)
         for k in alignment.weak), key=lambda k: (k.a, k.b))
    assert all(k.a < 2 and k.b < 3 for k in alignment.restricted(2, 3).weak)


def test_the_report_keeps_the_weak_links_its_weak_part_is_sure_of() -> None:
    model = load_link_model()
    assert model.weak is not None and model.weak.weights.shape == (len(FEATURES),)
    cut = model.for_weak.threshold
    alignment = Alignment([Link(0, 0, "paraphrase", 0.8, 0.1, 0.9)], [1, 2], [1],
                          [[0.0] * 2] * 3,
                          weak=[Link(1, 1, "partial", 0.3, 0.0, cut),
                                Link(2, 0, "partial", 0.25, 0.0, cut - 0.01)])
    kept = confident_links(alignment, Settings())
    assert [(k.a, k.b) for k in kept.links] == [(0, 0), (1, 1)] and kept.weak == []
    assert kept.only_a == [2] and kept.only_b == []
    every = confident_links(alignment, Settings(link_min_confidence=0.0))
    assert [(k.a, k.b) for k in every.links] == [(0, 0), (1, 1), (2, 0)]


def test_the_candidate_floor_is_the_lower_of_the_two_thresholds(comparer: Comparer) -> None:
    """A ``partial_threshold`` set under ``link_candidate_threshold`` (allowed before weak
    candidates existed) lowers the floor instead of failing; out of [0, 1] fails."""
    import pytest

    from storydiff import SettingsError
    from storydiff.align.alignment import align_claims, candidate_floor

    assert candidate_floor(Settings()) == 0.20
    assert candidate_floor(Settings(partial_threshold=0.1)) == 0.1
    assert candidate_floor(Settings(link_candidate_threshold=0.5)) == 0.35
    group = [x for x in articles() if x.group == articles()[3].group]
    a, b = comparer.prepare(group[0].text), comparer.prepare(group[-1].text)
    assert align_claims(a, b, comparer.encoder, Settings(partial_threshold=0.1)).weak == []
    with pytest.raises(SettingsError, match="link_candidate_threshold"):
        Settings(link_candidate_threshold=-0.1)


def test_a_corrupt_weak_part_is_a_model_error(monkeypatch) -> None:  # type: ignore[no-untyped-def]
    import json

    import pytest

    from storydiff import ModelError
    from storydiff.align import links

    shipped = json.loads((links.resources.files("storydiff.align") / "weights" / "links.json")
                         .read_text(encoding="utf-8"))

    class _File:
        def __init__(self, text: str) -> None:
            self.text = text

        def joinpath(self, _: str) -> _File:
            return self

        def read_text(self, encoding: str = "utf-8") -> str:
            return self.text

    for weak in ({"weights": [1.0] * len(FEATURES), "bias": 0.0},
                 {"weights": "x", "bias": 0, "threshold": 0},
                 {"weights": [1.0], "bias": 0, "threshold": 0.3}):
        monkeypatch.setattr(links.resources, "files",
                            lambda _, w=weak: _File(json.dumps(shipped | {"weak": w})))
        links.load_link_model.cache_clear()
        try:
            with pytest.raises(ModelError, match="link model"):
                links.load_link_model()
        finally:
            links.load_link_model.cache_clear()


def test_claims_that_state_nothing_are_neither_linked_nor_one_sided(comparer: Comparer) -> None:
    # A real tr-tr pair whose two articles each open with the same dateline line ("TEKİRDAĞ"):
    # the candidate alignment links the two datelines word for word; the report drops them.
    pair = next(p for p in load_semeval(shared_path("data", "semeval2022-task8", "train.csv"))
                if p.pair_id == "1558590166_1558546592")
    report = comparer.compare(semeval_clean_text(pair.text1, "a", pair.lang1).text,
                              semeval_clean_text(pair.text2, "b", pair.lang2).text)
    skip_a, skip_b = fragments(report.a), fragments(report.b)
    assert skip_a and skip_b
    assert not any(k.a in skip_a or k.b in skip_b for k in report.alignment.links)
    assert not skip_a & set(report.alignment.only_a) and not skip_b & set(report.alignment.only_b)
    linked_a = {k.a for k in report.alignment.links}
    assert report.coverage[0] == len(linked_a) / (len(report.a.claims) - len(skip_a))
    candidates = align_claims(report.a, report.b, comparer.encoder, comparer.settings)
    assert any(k.a in skip_a and k.b in skip_b for k in candidates.links)  # what was dropped


def test_claims_giving_one_distinctive_figure_are_anchored() -> None:
    """A figure of two digits or more given by at most two claims a side pairs them, however
    they are worded: "," read as "." ("9,5" / "9.5"); no year, no clock time, no one-digit
    figure, and no figure of three claims or more on one side (a common one of the text)."""
    from storydiff.align.alignment import anchored_pairs
    from tests.helpers import build

    a = build("Sánchez won 167 votes in the chamber. Turnout in 2019 was 9,5 percent. "
              "It ended at 13:44 with 3 abstentions.", language="es")
    b = build("The socialist obtained 167 backers. He spoke in 2019. A rate of 9.5 was "
              "reported. At 13:44 GMT the 3 members left.", language="es")
    assert anchored_pairs(a, b) == {(0, 0), (1, 2)}
    many = build("Item 40 was sold. Item 40 again. Item 40 once more.")
    assert anchored_pairs(many, build("She paid 40 dollars.")) == set()
