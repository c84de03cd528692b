"""The trained NLI head: loading, shapes, calibration, determinism, obvious cases, failures."""

from __future__ import annotations

from pathlib import Path

import numpy as np
import pytest

from storydiff import ModelError
from storydiff.discrepancies.contradiction import ContradictionModel
from storydiff.discrepancies.nli_features import CUE_FEATURE_NAMES, cue_features, cue_matrix
from storydiff.discrepancies.nli_model import (
    EmbeddingNLIModel,
    _weights_path,
    default_contradiction_model,
    nli_inputs,
)
from storydiff.embed import HashingEncoder

PAIRS = [
    ("The company reported a profit of 40 million.", "The company reported a loss of 40 million."),
    ("The company reported a profit of 40 million.", "The firm posted a 40 million profit."),
    ("Le ministre a confirmé la fermeture des écoles.", "Le ministre n'a pas confirmé la fermeture "
     "des écoles."),
    ("Der Zug kam um 9 Uhr in Berlin an.", "Der Zug erreichte Berlin um 9 Uhr."),
]


@pytest.fixture(scope="module")
def model(encoder) -> EmbeddingNLIModel:  # type: ignore[no-untyped-def]
    return EmbeddingNLIModel(encoder)


def test_is_a_contradiction_model(model: EmbeddingNLIModel) -> None:
    checked: ContradictionModel = model
    assert checked.name == "nli_e5_head"


def test_probabilities_have_one_row_per_pair_and_sum_to_one(model: EmbeddingNLIModel) -> None:
    probs = model.predict(PAIRS)
    assert len(probs) == len(PAIRS)
    for p in probs:
        assert p.entailment + p.neutral + p.contradiction == pytest.approx(1.0, abs=1e-6)
        assert min(p.entailment, p.neutral, p.contradiction) >= 0.0
    assert model.predict([]) == []


def test_predictions_are_deterministic_and_batch_independent(model: EmbeddingNLIModel) -> None:
    together = model.predict_proba(PAIRS)
    alone = np.vstack([model.predict_proba([pair]) for pair in PAIRS])
    np.testing.assert_allclose(together, alone, atol=1e-5)
    np.testing.assert_array_equal(together, model.predict_proba(PAIRS))


def test_changed_predicate_scores_above_its_paraphrase(model: EmbeddingNLIModel) -> None:
    profit_loss, paraphrase, negated, german_paraphrase = model.predict(PAIRS)
    assert profit_loss.contradiction > paraphrase.contradiction
    assert negated.contradiction > german_paraphrase.contradiction
    assert paraphrase.entailment > paraphrase.contradiction


def test_default_model_is_a_singleton() -> None:
    assert default_contradiction_model() is default_contradiction_model()


def test_missing_weights_raise_model_error(tmp_path: Path) -> None:
    with pytest.raises(ModelError, match="not found"):
        EmbeddingNLIModel(HashingEncoder(384), weights=tmp_path / "absent.npz")


def test_corrupt_weights_raise_model_error(tmp_path: Path) -> None:
    bad = tmp_path / "bad.npz"
    bad.write_bytes(b"not a zip file at all")
    with pytest.raises(ModelError, match="corrupt"):
        EmbeddingNLIModel(HashingEncoder(384), weights=bad)


def test_inconsistent_weights_raise_model_error(tmp_path: Path) -> None:
    with np.load(_weights_path()) as data:
        arrays = {key: data[key] for key in data.files}
    arrays["w2"] = arrays["w2"][:, :2]
    np.savez(tmp_path / "cut.npz", **arrays)
    with pytest.raises(ModelError, match="w2"):
        EmbeddingNLIModel(HashingEncoder(384), weights=tmp_path / "cut.npz")


def test_wrong_embedding_size_raises_model_error() -> None:
    with pytest.raises(ModelError, match="384"):
        EmbeddingNLIModel(HashingEncoder(256))


def test_pair_features_layout() -> None:
    u = np.eye(2, 3, dtype=np.float32)
    v = np.ones((2, 3), dtype=np.float32)
    cues = cue_matrix([("a", "b"), ("c", "c")])
    x = nli_inputs(u, v, cues)
    assert x.shape == (2, 4 * 3 + len(CUE_FEATURE_NAMES))
    np.testing.assert_array_equal(x[:, 6:9], np.abs(u - v))
    np.testing.assert_array_equal(x[:, 9:12], u * v)


def test_cue_features_see_numbers_negation_names_and_identity() -> None:
    def cues(a: str, b: str) -> dict[str, float]:
        return dict(zip(CUE_FEATURE_NAMES, cue_features(a, b), strict=True))

    numbers = cues("Sales rose 12% in 2019.", "Sales rose 15% in 2021.")
    assert numbers["numbers_only_in_hypothesis"] == 1.0
    assert numbers["years_only_in_hypothesis"] == 1.0
    same = cues("Sales rose 12% in 2019.", "Sales rose 12% in 2019.")
    assert same["identical"] == 1.0 and same["numbers_only_in_hypothesis"] == 0.0
    assert cues("He came.", "He did not come.")["negation_parity_differs"] == 1.0
    names = cues("Today Merkel met Macron.", "Today Merkel met Biden.")
    assert names["names_only_in_hypothesis"] == 0.5
    assert cues("1.500 Menschen", "1500 Menschen")["numbers_only_in_hypothesis"] == 0.0
    chinese = cues("公司去年盈利四千万。", "公司去年盈利四千万。")
    assert chinese["jaccard"] == 1.0
