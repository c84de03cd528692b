"""The story encoder (USE multilingual v3): shape, unit length, meaning across languages."""

from __future__ import annotations

import numpy as np
import pytest

from storydiff.embed import Encoder, UseEncoder, default_story_encoder


@pytest.fixture(scope="module")
def use() -> UseEncoder:
    return default_story_encoder()


def test_is_an_encoder_with_unit_vectors(use: UseEncoder) -> None:
    vectors = use.encode(["A storm flooded the harbour town.", "Stocks fell in Tokyo."])
    assert isinstance(use, Encoder)
    assert vectors.shape == (2, use.dim) == (2, 512)
    assert vectors.dtype == np.float32
    assert np.allclose(np.linalg.norm(vectors, axis=1), 1.0, atol=1e-5)


def test_no_texts_give_an_empty_matrix(use: UseEncoder) -> None:
    assert use.encode([]).shape == (0, 512)


def test_a_translation_is_nearer_than_another_story(use: UseEncoder) -> None:
    english, french, other = use.encode([
        "The river burst its banks and flooded three hundred homes in the town.",
        "La rivière a débordé et inondé trois cents maisons de la ville.",
        "The central bank raised interest rates by half a point on Thursday.",
    ])
    assert english @ french > english @ other + 0.2


def test_the_default_is_loaded_once() -> None:
    assert default_story_encoder() is default_story_encoder()


def test_long_texts_are_embedded_whole(use: UseEncoder) -> None:
    text = "Rescuers searched the flooded streets. " * 400  # ~16,000 characters
    assert np.isfinite(use.encode([text])).all()
