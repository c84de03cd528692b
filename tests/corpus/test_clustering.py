"""Average-linkage stories: chains of look-alikes do not glue unrelated articles together."""

from __future__ import annotations

import numpy as np
from hypothesis import given, settings
from hypothesis import strategies as st

from storydiff.corpus.clustering import DUPLICATE_SIMILARITY, cluster_labels


def test_a_chain_does_not_make_one_story() -> None:
    # 0-1 and 1-2 look alike, 0-2 do not: single linkage would join all three.
    labels = cluster_labels(3, [(0, 1, 0.9), (1, 2, 0.88)], 0.86, 100)
    assert labels[0] == labels[1] != labels[2]


def test_a_coherent_group_is_one_story() -> None:
    pairs = [(i, j, 0.9) for i in range(4) for j in range(i + 1, 4)]
    assert cluster_labels(4, pairs, 0.86, 100).tolist() == [0, 0, 0, 0]


def test_near_duplicates_always_share_a_story() -> None:
    labels = cluster_labels(3, [(0, 1, DUPLICATE_SIMILARITY), (1, 2, 0.1)], 0.86, 100)
    assert labels.tolist() == [0, 0, 1]


def test_big_components_fall_back_to_single_linkage() -> None:
    labels = cluster_labels(3, [(0, 1, 0.9), (1, 2, 0.88)], 0.86, 2)
    assert labels.tolist() == [0, 0, 0]


@settings(max_examples=40, deadline=None)
@given(st.lists(st.tuples(st.integers(0, 7), st.integers(0, 7), st.sampled_from([0.5, 0.87, 0.95,
                                                                                 2.0])),
                max_size=20),
       st.permutations(list(range(8))))
def test_relabelling_items_gives_the_same_partition(drawn: list[tuple[int, int, float]],
                                                     order: list[int]) -> None:
    # distinct similarities (real cosines do not tie); near-duplicate links stay exact
    pairs = [(i, j, s if s == DUPLICATE_SIMILARITY else s + k * 1e-6)
             for k, (i, j, s) in enumerate(drawn) if i != j]
    base = cluster_labels(8, pairs, 0.86, 100)
    moved = cluster_labels(8, [(order[i], order[j], s) for i, j, s in pairs], 0.86, 100)
    groups = {frozenset(np.flatnonzero(base == g).tolist()) for g in set(base.tolist())}
    back = {frozenset(i for i in range(8) if moved[order[i]] == g) for g in set(moved.tolist())}
    assert groups == back
