"""In-memory near-duplicate groups: recall on known variants, and order independence."""

from __future__ import annotations

import random

import numpy as np
from hypothesis import given, settings
from hypothesis import strategies as st

from storydiff.corpus.groups import duplicate_groups
from storydiff.corpus.minhash import text_signature

_WORDS = [f"w{i}" for i in range(5000)]


def _base(rng: random.Random) -> list[str]:
    return rng.choices(_WORDS, k=120)


def _variant(words: list[str], rng: random.Random, edits: int) -> list[str]:
    out = list(words)
    for _ in range(edits):
        out[rng.randrange(len(out))] = rng.choice(_WORDS)
    return out


def _corpus(seed: int) -> tuple[list[str], list[int]]:
    """Ten originals, each with three light variants; the truth is the original's index."""
    rng = random.Random(seed)
    texts, truth = [], []
    for group in range(10):
        base = _base(rng)
        for copy in range(4):
            texts.append(" ".join(base if copy == 0 else _variant(base, rng, 2)))
            truth.append(group)
    return texts, truth


def _sigs(texts: list[str]) -> np.ndarray:
    return np.vstack([text_signature(t, 128, 1) for t in texts])


def test_variants_are_grouped_and_originals_kept_apart() -> None:
    texts, truth = _corpus(1)
    groups = duplicate_groups(_sigs(texts), 0.5)
    for i in range(len(texts)):
        for j in range(len(texts)):
            assert (groups[i] == groups[j]) == (truth[i] == truth[j])
    assert all(groups[g] == g for g in set(groups.tolist()))  # named by the first member


def test_no_input_gives_no_groups() -> None:
    assert duplicate_groups(np.zeros((0, 128), dtype=np.uint32), 0.7).shape == (0,)


@settings(max_examples=10, deadline=None)
@given(st.permutations(list(range(40))))
def test_groups_do_not_depend_on_order(order: list[int]) -> None:
    texts, _ = _corpus(2)
    sigs = _sigs(texts)
    base = duplicate_groups(sigs, 0.5)
    shuffled = duplicate_groups(sigs[order], 0.5)
    as_sets = {frozenset(np.flatnonzero(base == g).tolist()) for g in set(base.tolist())}
    back = {frozenset(order[i] for i in np.flatnonzero(shuffled == g))
            for g in set(shuffled.tolist())}
    assert as_sets == back
