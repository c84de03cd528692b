"""Average-linkage stories: chains of look-alikes do not glue unrelated articles together."""

from __future__ import annotations

import math

import numpy as np
from hypothesis import given, settings
from hypothesis import strategies as st
from scipy.cluster.hierarchy import fcluster, linkage
from scipy.spatial.distance import squareform

from storydiff.corpus.clustering import DUPLICATE_SIMILARITY, cluster_labels


def test_a_chain_does_not_make_one_story() -> None:
    # 0-1 and 1-2 look alike, 0-2 do not: single linkage would join all three.
    labels = cluster_labels(3, [(0, 1, 0.9), (1, 2, 0.88)], 0.86)
    assert labels[0] == labels[1] != labels[2]


def test_a_coherent_group_is_one_story() -> None:
    pairs = [(i, j, 0.9) for i in range(4) for j in range(i + 1, 4)]
    assert cluster_labels(4, pairs, 0.86).tolist() == [0, 0, 0, 0]


def test_near_duplicates_always_share_a_story() -> None:
    labels = cluster_labels(3, [(0, 1, DUPLICATE_SIMILARITY), (1, 2, 0.1)], 0.86)
    assert labels.tolist() == [0, 0, 1]


def test_a_link_to_one_near_duplicate_stands_for_its_group() -> None:
    # 0, 1, 2 are near-duplicates; 3 is linked to 0 only: as similar to all three
    dups = [(0, 1, DUPLICATE_SIMILARITY), (1, 2, DUPLICATE_SIMILARITY)]
    assert cluster_labels(4, [*dups, (0, 3, 0.9)], 0.86).tolist() == [0, 0, 0, 0]
    # two links to the group: their mean counts
    assert cluster_labels(4, [*dups, (0, 3, 0.9), (2, 3, 0.8)], 0.86).tolist() == [0, 0, 0, 1]


def test_a_copied_text_weighs_what_one_report_weighs() -> None:
    # 0-1-2 are copies of one text (one node), joined first by 4; 3 is then compared with
    # {copies, 4}: (0.9 + 0.8) / 2 = 0.85 < 0.86. Counted per copy it would be
    # (3 × 0.9 + 0.8) / 4 = 0.875, and 3 would join.
    dups = [(0, 1, DUPLICATE_SIMILARITY), (1, 2, DUPLICATE_SIMILARITY)]
    pairs = [*dups, (0, 4, 0.95), (0, 3, 0.9), (3, 4, 0.8)]
    assert cluster_labels(5, pairs, 0.86).tolist() == [0, 0, 0, 1, 0]


def _dense_average_linkage(n: int, pairs: list[tuple[int, int, float]],
                           threshold: float) -> list[frozenset[int]]:
    """The reference: near-duplicates joined into one node each, two nodes as similar as the
    mean of their linked pairs (0 when none), scipy's average linkage over the full node
    matrix cut at the threshold; the partition as sets of items."""
    parent = list(range(n))

    def find(i: int) -> int:
        while parent[i] != i:
            i = parent[i]
        return i

    for i, j, value in pairs:
        if value >= DUPLICATE_SIMILARITY:
            parent[find(i)] = find(j)
    roots = sorted({find(i) for i in range(n)})
    group = np.array([roots.index(find(i)) for i in range(n)])
    if len(roots) == 1:
        return [frozenset(range(n))]
    strongest: dict[tuple[int, int], float] = {}
    for i, j, value in pairs:
        key = (min(i, j), max(i, j))
        strongest[key] = max(strongest.get(key, 0.0), value)
    k = len(roots)
    total, count = np.zeros((k, k)), np.zeros((k, k))
    for (i, j), value in strongest.items():
        a, b = group[i], group[j]
        if a != b:
            total[a, b] += value
            total[b, a] += value
            count[a, b] += 1
            count[b, a] += 1
    mean = np.divide(total, count, out=np.zeros((k, k)), where=count > 0)
    distance = DUPLICATE_SIMILARITY - mean
    np.fill_diagonal(distance, 0.0)
    tree = linkage(squareform(distance, checks=False), method="average")
    labels = fcluster(tree, DUPLICATE_SIMILARITY - threshold + 1e-9, criterion="distance")[group]
    return [frozenset(np.flatnonzero(labels == g).tolist()) for g in set(labels.tolist())]


@settings(max_examples=60, deadline=None)
@given(st.integers(2, 14), st.lists(st.tuples(st.integers(0, 13), st.integers(0, 13),
                                              st.floats(0.3, 1.2), st.booleans()), max_size=40))
def test_sparse_average_linkage_matches_scipys_dense_one(
        n: int, drawn: list[tuple[int, int, float, bool]]) -> None:
    """The sparse merge loop gives scipy's partition (distinct similarities: no ties)."""
    pairs = [(i % n, j % n, DUPLICATE_SIMILARITY if dup else s + k * 1e-7)
             for k, (i, j, s, dup) in enumerate(drawn) if i % n != j % n]
    labels = cluster_labels(n, pairs, 0.86)
    ours = {frozenset(np.flatnonzero(labels == g).tolist()) for g in set(labels.tolist())}
    assert ours == set(_dense_average_linkage(n, pairs, 0.86))


_PRIMES = (2, 3, 5, 7, 11, 13, 17, 19, 23, 29, 31, 37, 41, 43, 47, 53, 59, 61, 67, 71)


@settings(max_examples=40, deadline=None)
@given(st.lists(st.tuples(st.integers(0, 7), st.integers(0, 7), st.sampled_from([0.5, 0.87, 0.95,
                                                                                 2.0])),
                max_size=20),
       st.permutations(list(range(8))))
def test_relabelling_items_gives_the_same_partition(drawn: list[tuple[int, int, float]],
                                                     order: list[int]) -> None:
    # distinct similarities whose averages cannot tie either (real cosines do not): offsets
    # k * 1e-6 let (0.87 + 1e-6 + 0.87 + 3e-6) / 2 equal 0.87 + 2e-6, and average linkage
    # then had two equal merges to choose from; square roots of distinct primes sum to no
    # other mean of them. Near-duplicate links stay exact.
    pairs = [(i, j, s if s == DUPLICATE_SIMILARITY else s + math.sqrt(_PRIMES[k]) * 1e-6)
             for k, (i, j, s) in enumerate(drawn) if i != j]
    base = cluster_labels(8, pairs, 0.86)
    moved = cluster_labels(8, [(order[i], order[j], s) for i, j, s in pairs], 0.86)
    groups = {frozenset(np.flatnonzero(base == g).tolist()) for g in set(base.tolist())}
    back = {frozenset(i for i in range(8) if moved[order[i]] == g) for g in set(moved.tolist())}
    assert groups == back
