"""A second story on one side: where a side may be cut, and the least alike of the readings.

The property on real articles (appending an unrelated article never makes a pair more alike)
is in test_verdict_invariants.py; these tests pin the mechanism on small texts with the hashing
encoder, under which sentences with no word in common are unlike.
"""

from __future__ import annotations

import numpy as np
import pytest

from storydiff.align.alignment import align_claims
from storydiff.analyse import analyse
from storydiff.document import CleanText, Document
from storydiff.embed import HashingEncoder
from storydiff.similarity import DIMENSIONS
from storydiff.similarity.features import document_texts
from storydiff.similarity.lead import SCORER_CHARS
from storydiff.similarity.stories import (
    MIN_CHARS,
    MIN_CLAIMS,
    cut,
    cut_points,
    readings,
    strongly_linked,
    unit_vectors,
)
from storydiff.similarity.trained import TrainedScorer

ENCODER = HashingEncoder()

FLOOD = ("Flood barrier fails in Riverton\n\n"
         "The flood barrier in Riverton gave way on Sunday during heavy rain. About 1,200 "
         "residents were evacuated from the lower districts.\n\n"
         "The water authority said the barrier had been inspected in January. Engineers will "
         "examine the failed section this week.\n\n"
         "Schools in the lower districts stay closed until Wednesday. The council opened two "
         "shelters in the sports hall and the library, where volunteers hand out blankets.\n\n"
         "Forecasters expect more rain on Tuesday night, and the river is still rising.")
CHESS = ("Grandmaster wins chess final in Oslo\n\n"
         "A grandmaster won the chess final in Oslo after six hours of play. The match drew a "
         "record crowd to the concert hall.")
FLOOD_AGAIN = ("Riverton flood barrier gives way\n\n"
               "The flood barrier in Riverton gave way on Sunday during heavy rain, and about "
               "1,200 residents were evacuated from the lower districts.")


def doc(text: str) -> Document:
    return analyse(CleanText(text=text, source="<test>", declared_language="en"))


def cuts(document: Document, strong: frozenset[int] = frozenset(), max_cuts: int = 4) -> list[int]:
    return cut_points(document, set(strong), unit_vectors(document, ENCODER), max_cuts)


def test_an_appended_article_starts_a_cut() -> None:
    padded = doc(FLOOD + "\n\n" + CHESS)
    assert len(FLOOD) + 2 in cuts(padded)


def test_appending_keeps_the_cuts_a_side_had() -> None:
    alone, padded = doc(FLOOD), doc(FLOOD + "\n\n" + CHESS)
    assert set(cuts(alone)) < set(cuts(padded))


def test_no_cut_before_a_claim_linked_to_the_other_side() -> None:
    padded = doc(FLOOD + "\n\n" + CHESS)
    last = len(padded.claims) - 1
    assert cuts(padded, frozenset({last})) == []
    flood_claims = {i for i, c in enumerate(padded.claims) if c.end <= len(FLOOD)}
    assert min(cuts(padded, frozenset(flood_claims))) == len(FLOOD) + 2


def test_a_cut_keeps_at_least_min_claims_and_stays_in_the_lead() -> None:
    long = doc(FLOOD + "".join(f"\n\nParagraph {i} tells of {w} matters." for i, w in
                               enumerate(["rural", "urban", "fiscal", "legal"] * 20)))
    found = cuts(long, max_cuts=99)
    assert found and max(found) <= SCORER_CHARS
    for at in found:
        assert sum(1 for c in long.claims if c.end <= at) >= MIN_CLAIMS and at >= MIN_CHARS
    assert len(cuts(long, max_cuts=2)) == 2


def test_a_cut_is_the_text_before_it_analysed_afresh() -> None:
    padded = doc(FLOOD + "\n\n" + CHESS)
    alone = cut(padded, len(FLOOD) + 2)
    assert alone.clean_text == FLOOD
    assert [c.text for c in alone.claims] == [c.text for c in doc(FLOOD).claims]


def test_readings_are_the_pair_then_every_pair_of_cuts() -> None:
    a, b = doc(FLOOD_AGAIN), doc(FLOOD + "\n\n" + CHESS)
    alignment = align_claims(a, b, ENCODER)
    strong_a, strong_b = strongly_linked(alignment)
    n_a, n_b = len(cuts(a, frozenset(strong_a))), len(cuts(b, frozenset(strong_b)))
    seen = list(readings(a, b, alignment, lambda x, y: align_claims(x, y, ENCODER), ENCODER))
    assert seen[0] == (a, b, alignment)
    assert n_b >= 1 and len(seen) == (n_a + 1) * (n_b + 1)
    for one, other, links in seen[1:]:
        assert len(links.sim) == len(one.claims) and len(links.sim[0]) == len(other.claims)


@pytest.mark.parametrize("swap", [False, True])
def test_the_verdict_is_the_least_alike_reading(swap: bool) -> None:
    scorer = TrainedScorer(encoder=ENCODER)
    a, b = doc(FLOOD_AGAIN), doc(FLOOD + "\n\n" + CHESS)
    if swap:
        a, b = b, a
    alignment = align_claims(a, b, ENCODER)
    verdict = scorer.score(a, b, alignment)
    each = [scorer.judge(*scorer.evidence(x, y, links))
            for x, y, links in readings(a, b, alignment, scorer._align, ENCODER)]
    assert len(each) > 1
    for dim in DIMENSIONS:
        assert verdict.dimensions[dim] == max(v.dimensions[dim] for v in each)
    assert verdict.same_story == scorer.weights.same_story(verdict.dimensions["overall"])


class _Counting:
    """A caching encoder (``caches``) over the hashing encoder that records its calls."""

    caches = True

    def __init__(self) -> None:
        self.inner, self.name, self.dim = ENCODER, ENCODER.name, ENCODER.dim
        self.calls: list[list[str]] = []
        self.kept: dict[str, np.ndarray] = {}

    def encode(self, texts: list[str]) -> np.ndarray:
        missing = [t for t in dict.fromkeys(texts) if t not in self.kept]
        if missing:
            self.calls.append(missing)
            self.kept.update(zip(missing, self.inner.encode(missing), strict=True))
        return np.array([self.kept[t] for t in texts], dtype=np.float32)


def test_every_readings_leads_are_encoded_in_one_call_with_the_same_verdict() -> None:
    a, b = doc(FLOOD_AGAIN), doc(FLOOD + "\n\n" + CHESS)
    alignment = align_claims(a, b, ENCODER)
    counting = _Counting()
    verdict = TrainedScorer(encoder=counting).score(a, b, alignment)
    assert verdict == TrainedScorer(encoder=ENCODER).score(a, b, alignment)
    leads = {document_texts(a, b)[1], FLOOD}  # the whole side and its cut
    assert any(leads <= set(call) for call in counting.calls)  # in one call


def test_one_reading_without_a_cut() -> None:
    a, b = doc(FLOOD_AGAIN), doc(FLOOD_AGAIN.replace("Sunday", "Monday"))
    alignment = align_claims(a, b, ENCODER)
    assert len(list(readings(a, b, alignment, lambda x, y: alignment, ENCODER))) == 1


def test_short_claims_take_no_part_in_the_break_test() -> None:
    # A short line both stories carry ("Subscribe now.") is as like as text can be; it must
    # not hide where the second story starts (a real Italian page with a German article
    # appended kept no cut because of "Anzeige RN" against "Vedi offerte.").
    first = FLOOD + "\n\nSubscribe now."
    second = ("A grandmaster won the chess final in Oslo after six hours of play. Subscribe now. "
              "The match drew a record crowd to the concert hall.")
    padded = doc(first + "\n\n" + second)
    assert len(first) + 2 in cuts(padded)


def test_a_short_claim_linked_after_the_break_does_not_hold_it() -> None:
    # A two-word credit line ("Source: AP.") that links to the other side's credit ties no
    # story to it: a real Turkish page with an unrelated article appended kept no cut because
    # the appended article's "Kaynak: İH" was linked as a paraphrase of "Kaynak: AA".
    padded = doc(FLOOD + "\n\n" + CHESS + "\n\nSource: AP.")
    credit = len(padded.claims) - 1
    assert padded.claims[credit].text == "Source: AP."
    assert len(FLOOD) + 2 in cuts(padded, frozenset({credit}))
    chess = credit - 1  # a claim of four words or more still holds the cut
    assert len(FLOOD) + 2 not in cuts(padded, frozenset({chess}))
