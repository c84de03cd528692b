"""Claim alignment: links, relations, one-side claims, cross-language, invariants."""

from __future__ import annotations

import numpy as np
from hypothesis import given, settings
from hypothesis import strategies as st

from storydiff.align.alignment import align_claims, lexical_overlap, load_calibration
from storydiff.document import Claim, Document, Sentence
from storydiff.embed import HashingEncoder


def doc(*sentences: str, language: str = "en") -> Document:
    """A Document whose claims are the given sentences, joined by spaces."""
    text, claims, sents = "", [], []
    for i, sentence in enumerate(sentences):
        start = len(text) + (1 if text else 0)
        text = f"{text} {sentence}" if text else sentence
        sents.append(Sentence(i, start, start + len(sentence), sentence))
        claims.append(Claim(i, i, start, start + len(sentence), sentence))
    return Document("<test>", text, None, None, None, language, sentences=sents, claims=claims)


def test_identical_claims_link_as_same_wording(encoder) -> None:
    a = doc("The council approved the new budget on Monday.", "Taxes will rise by two percent.")
    alignment = align_claims(a, a, encoder)
    pairs = {(link.a, link.b): link.relation for link in alignment.links}
    assert pairs[(0, 0)] == "same_wording" and pairs[(1, 1)] == "same_wording"
    assert alignment.only_a == [] and alignment.only_b == []


def test_paraphrase_and_one_side_claims(encoder) -> None:
    a = doc("The council approved the new budget on Monday.",
            "The mayor thanked the volunteers who cleaned the park.")
    b = doc("On Monday the city council passed its new budget.",
            "A volcano erupted in Iceland, grounding flights across Europe.")
    alignment = align_claims(a, b, encoder)
    assert [(link.a, link.b) for link in alignment.links] == [(0, 0)]
    assert alignment.links[0].relation in ("paraphrase", "partial")
    assert alignment.only_a == [1] and alignment.only_b == [1]


def test_cross_language_alignment(encoder) -> None:
    a = doc("The council approved the new budget on Monday.",
            "A volcano erupted in Iceland, grounding flights across Europe.")
    b = doc("Un volcan est entré en éruption en Islande, clouant les avions au sol en Europe.",
            "Le conseil a approuvé lundi le nouveau budget.", language="fr")
    alignment = align_claims(a, b, encoder)
    assert {(link.a, link.b) for link in alignment.links} == {(0, 1), (1, 0)}
    assert all(link.lexical == 0.0 for link in alignment.links)


def test_many_to_many_link(encoder) -> None:
    a = doc("The council approved the budget on Monday and taxes will rise by two percent.")
    b = doc("The council approved the budget on Monday.", "Taxes will rise by two percent.")
    alignment = align_claims(a, b, encoder)
    assert {(link.a, link.b) for link in alignment.links} == {(0, 0), (0, 1)}


def test_lexical_overlap_bounds() -> None:
    assert lexical_overlap("the cat sat on the mat", "The cat sat on the mat!") == 1.0
    assert lexical_overlap("the cat sat", "a dog ran far away") == 0.0
    assert lexical_overlap("", "anything") == 0.0


def test_calibration_is_monotonic() -> None:
    import numpy as np

    calibration = load_calibration()
    cosines = np.linspace(0.7, 1.0, 31)
    for cross in (False, True):
        values = calibration.apply(cosines, cross)
        assert np.all(np.diff(values) >= 0) and values.min() >= 0 and values.max() <= 1


words = st.text(alphabet="abcdefgh ", min_size=3, max_size=40).filter(lambda s: s.strip())


@settings(max_examples=40, deadline=None)
@given(st.lists(words, min_size=1, max_size=5), st.lists(words, min_size=1, max_size=5))
def test_alignment_is_symmetric_and_partitions_claims(xs: list[str], ys: list[str]) -> None:
    a, b = doc(*xs), doc(*ys)
    encoder = HashingEncoder()
    ab, ba = align_claims(a, b, encoder), align_claims(b, a, encoder)
    assert {(link.a, link.b) for link in ab.links} == {(link.b, link.a) for link in ba.links}
    linked = {link.a for link in ab.links}
    assert sorted(linked | set(ab.only_a)) == list(range(len(xs)))
    assert not linked & set(ab.only_a)


def test_cosines_are_the_same_numbers_whichever_side_comes_first() -> None:
    # A float32 BLAS product rounds x @ y.T and (y @ x.T).T differently on most shapes here
    # (48 of 50 random pairs), which broke score(a, b) == score(b, a) by 5e-7 on real pairs.
    from storydiff.align.alignment import cosines

    rng = np.random.default_rng(0)
    for rows in range(1, 40):
        x = rng.standard_normal((rows, 384)).astype(np.float32)
        y = rng.standard_normal((rows + 3, 384)).astype(np.float32)
        assert np.array_equal(cosines(x, y), cosines(y, x).T)
        assert cosines(x, y).dtype == np.float32
    assert cosines(np.zeros((0, 384), np.float32), y).shape == (0, len(y))



def test_a_heading_contained_in_a_claim_does_not_hide_its_edited_twin() -> None:
    from storydiff.align.alignment import _candidates
    from storydiff.settings import Settings

    # A0 against B0 (its twin, one date changed): 0.91; against B1 (a short heading contained
    # in it word for word): 1.0. The twin is past the margin of the best, but a paraphrase.
    sim = np.array([[0.91, 1.0], [1.0, 1.0]])
    assert (0, 0) in _candidates(sim, Settings())
    assert (0, 0) not in _candidates(np.array([[0.5, 1.0], [1.0, 1.0]]), Settings())
