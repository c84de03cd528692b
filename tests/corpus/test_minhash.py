"""MinHash signatures, band keys and LSH parameters."""

from __future__ import annotations

import numpy as np
from hypothesis import given, settings
from hypothesis import strategies as st

from storydiff.corpus.minhash import (
    band_keys,
    estimated_jaccard,
    lsh_params,
    shingle_hashes,
    shingles,
    signature,
    text_signature,
)


def test_shingles_cover_words_and_characters() -> None:
    tokens = shingles("The storm hit Brest", word_n=2, char_n=4)
    assert "the storm" in tokens and "hit brest" in tokens
    assert "torm" in tokens


def test_shingles_work_without_spaces() -> None:
    tokens = shingles("北京今天下大雨", word_n=3, char_n=2)
    assert "北京" in tokens and "大雨" in tokens


@settings(max_examples=50, deadline=None)
@given(st.text(alphabet="ab cdé北京 .", max_size=40), st.integers(1, 4), st.integers(1, 6))
def test_shingle_hashes_agree_with_shingles(text: str, word_n: int, char_n: int) -> None:
    names = shingles(text, word_n, char_n)
    hashes = shingle_hashes(text, word_n, char_n).tolist()
    assert len(hashes) == len(names)
    by_name: dict[str, int] = {}
    for name, value in zip(names, hashes, strict=True):
        assert by_name.setdefault(name, value) == value  # equal shingles, equal hashes
    assert len(set(by_name.values())) == len(by_name)  # distinct shingles, distinct hashes


def test_signature_is_deterministic_and_seeded() -> None:
    a = text_signature("storm floods the coast", 64, 1)
    assert np.array_equal(a, text_signature("storm floods the coast", 64, 1))
    assert not np.array_equal(a, text_signature("storm floods the coast", 64, 2))
    assert a.dtype == np.uint32 and a.shape == (64,)


@settings(max_examples=25, deadline=None)
@given(st.integers(0, 200), st.integers(1, 200), st.integers(1, 200))
def test_estimate_tracks_true_jaccard(shared: int, only_a: int, only_b: int) -> None:
    common = [f"s{i}" for i in range(shared)]
    a = common + [f"a{i}" for i in range(only_a)]
    b = common + [f"b{i}" for i in range(only_b)]
    truth = shared / (shared + only_a + only_b)
    estimate = float(estimated_jaccard(signature(a, 256, 3), signature(b, 256, 3)))
    assert abs(estimate - truth) < 0.15


def test_band_keys_equal_exactly_for_equal_bands() -> None:
    sig = text_signature("one two three four five six", 128, 1)
    other = sig.copy()
    other[0] += 1  # changes band 0 only
    keys = band_keys(np.vstack([sig, other]), 16, 8)
    assert keys[0, 0] != keys[1, 0]
    assert np.array_equal(keys[0, 1:], keys[1, 1:])
    assert (keys >= 0).all()
    assert len(set(band_keys(sig, 16, 8)[0].tolist())) == 16  # the band number is folded in


def test_lsh_params_match_datasketch() -> None:
    from datasketch.lsh import _optimal_param

    for threshold in (0.5, 0.7, 0.9):
        assert lsh_params(threshold, 128) == _optimal_param(threshold, 128, 0.5, 0.5)
