"""pair_features: shape, symmetry, and that each group reacts to what it measures."""

from __future__ import annotations

import numpy as np
from hypothesis import given, settings
from hypothesis import strategies as st

from storydiff.align.alignment import align_claims
from storydiff.document import Document
from storydiff.embed import HashingEncoder
from storydiff.embed.centres import Centers
from storydiff.similarity.features import FEATURE_NAMES, pair_features
from tests.helpers import build

ENCODER = HashingEncoder()

FLOOD = build(
    "Floods hit Valencia on Monday. Rescuers from Madrid saved 40 people. "
    "The mayor said the river rose fast.",
    published="2024-10-28",
    entities=[("Valencia", "GPE"), ("Madrid", "GPE")],
    quantities=[("40", 40.0, {"counted": "people"})],
    dates=[("Monday", "2024-10-28", "day")],
)
FLOOD_REWRITE = build(
    "Rescuers from Madrid saved 40 people in Valencia. Floods struck the city on Monday.",
    published="2024-10-29",
    entities=[("Madrid", "GPE"), ("Valencia", "GPE")],
    quantities=[("40", 40.0, {"counted": "people"})],
    dates=[("Monday", "2024-10-28", "day")],
)
ELECTION = build(
    "Voters in Ohio chose a new senator. Turnout reached 61 percent in 2022.",
    published="2022-11-09",
    entities=[("Ohio", "GPE")],
    quantities=[("61", 61.0, {"unit": "%"})],
    dates=[("2022", "2022", "year")],
)


def features(a: Document, b: Document) -> dict[str, float]:
    """Named features of a pair, aligned with the hashing encoder."""
    values = pair_features(a, b, align_claims(a, b, ENCODER), ENCODER)
    return dict(zip(FEATURE_NAMES, values.tolist(), strict=True))


def test_one_finite_value_per_name() -> None:
    values = pair_features(FLOOD, ELECTION, align_claims(FLOOD, ELECTION, ENCODER), ENCODER)
    assert values.shape == (len(FEATURE_NAMES),)
    assert len(set(FEATURE_NAMES)) == len(FEATURE_NAMES)
    assert np.isfinite(values).all()


def test_rewrite_scores_closer_than_another_story_on_every_overlap() -> None:
    near, far = features(FLOOD, FLOOD_REWRITE), features(FLOOD, ELECTION)
    for name in ("cos_whole", "cal_best_mean_max", "place_jaccard", "num_jaccard",
                 "word_jaccard", "char5_jaccard"):
        assert near[name] > far[name], name
    assert near["date_gap_log"] < far["date_gap_log"]
    assert near["pub_gap_log"] < far["pub_gap_log"]


def test_identical_documents_overlap_fully() -> None:
    same = features(FLOOD, FLOOD)
    assert abs(same["cos_whole"] - 1.0) < 1e-6
    assert same["ent_jaccard"] == 1.0 and same["num_jaccard"] == 1.0
    assert same["date_gap_log"] == 0.0 and same["same_language"] == 1.0


def test_documents_without_annotations_still_score() -> None:
    bare = build("Just one sentence here.")
    empty = build("")
    values = features(bare, empty)
    assert np.isfinite(list(values.values())).all()
    assert values["ent_both"] == 0.0 and values["date_both"] == 0.0


WORDS = st.sampled_from([
    "river", "flood", "mayor", "rescue", "vote", "senator",
    "city", "rain", "storm", "bridge",
])
SENTENCE = st.lists(WORDS, min_size=3, max_size=8).map(lambda ws: " ".join(ws).capitalize() + ".")
TEXT = st.lists(SENTENCE, min_size=1, max_size=5).map(" ".join)


@settings(max_examples=40, deadline=None)
@given(TEXT, TEXT)
def test_features_are_symmetric(text_a: str, text_b: str) -> None:
    a, b = build(text_a), build(text_b, language="fr")
    forward = pair_features(a, b, align_claims(a, b, ENCODER), ENCODER)
    backward = pair_features(b, a, align_claims(b, a, ENCODER), ENCODER)
    np.testing.assert_allclose(forward, backward, atol=1e-6)


def test_centring_uses_each_documents_language_and_ignores_unfit_vectors() -> None:
    alignment = align_claims(FLOOD, ELECTION, ENCODER)
    index = FEATURE_NAMES.index("ccos_whole")
    plain = pair_features(FLOOD, ELECTION, alignment, ENCODER)
    shift = ENCODER.encode(["floods rescuers valencia"])[0]
    english = pair_features(FLOOD, ELECTION, alignment, ENCODER,
                            centers=Centers(claims={"en": shift}))
    fallback = pair_features(FLOOD, ELECTION, alignment, ENCODER,
                             centers=Centers(claims={"*": shift}))
    unfit = pair_features(FLOOD, ELECTION, alignment, ENCODER,
                          centers=Centers(claims={"en": np.ones(3)}))
    assert english[index] != plain[index]
    assert fallback[index] == english[index]
    assert unfit[index] == plain[index]


def test_whole_text_cosines_are_centred_by_their_own_means() -> None:
    """ccos_doc removes the claim encoder's text means, text_doc_ccos the second encoder's;
    without means both equal their raw cosines, and one group's means leave the other alone."""
    alignment = align_claims(FLOOD, ELECTION, ENCODER)
    names = ("cos_doc", "ccos_doc", "text_doc_cos", "text_doc_ccos")
    cos_doc, ccos_doc, text_cos, text_ccos = (FEATURE_NAMES.index(n) for n in names)
    plain = pair_features(FLOOD, ELECTION, alignment, ENCODER)
    assert plain[ccos_doc] == plain[cos_doc] and plain[text_ccos] == plain[text_cos]
    doc_shift = ENCODER.encode(["voters rescuers turnout"])[0]
    documents = pair_features(FLOOD, ELECTION, alignment, ENCODER,
                              centers=Centers(documents={"*": doc_shift}))
    assert documents[ccos_doc] != plain[ccos_doc]
    assert documents[text_ccos] == plain[text_ccos]
    text_shift = np.full(512, 1 / np.sqrt(512), dtype=np.float32)
    texts = pair_features(FLOOD, ELECTION, alignment, ENCODER,
                          centers=Centers(texts={"en": text_shift}))
    assert texts[text_ccos] != plain[text_ccos]
    assert texts[ccos_doc] == plain[ccos_doc]
