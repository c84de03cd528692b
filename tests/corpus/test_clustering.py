"""Average-linkage stories: chains of look-alikes do not glue unrelated articles together."""

from __future__ import annotations

import math

import numpy as np
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from scipy.cluster.hierarchy import fcluster, linkage
from scipy.spatial.distance import squareform

from storydiff.corpus import clustering
from storydiff.corpus.clustering import DUPLICATE_SIMILARITY, cluster_labels
from storydiff.corpus.store import LinkColumns


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


def _partition(labels: np.ndarray) -> set[frozenset[int]]:
    return {frozenset(np.flatnonzero(labels == g).tolist()) for g in set(labels.tolist())}


def _both_ways(monkeypatch: pytest.MonkeyPatch, n: int, pairs: list[tuple[int, int, float]],
               threshold: float) -> tuple[np.ndarray, np.ndarray]:
    """``cluster_labels`` made to take the full-matrix way, then the merge loop."""
    with monkeypatch.context() as patch:
        patch.setattr(clustering, "DENSE_SHARE", 10 ** 12)
        dense = cluster_labels(n, pairs, threshold)
    with monkeypatch.context() as patch:
        patch.setattr(clustering, "DENSE_NODE_PAIRS", 0)
        sparse = cluster_labels(n, pairs, threshold)
    return dense, sparse


@settings(max_examples=60, deadline=None)
@given(st.integers(2, 14), st.lists(st.tuples(st.integers(0, 13), st.integers(0, 13),
                                              st.floats(0.3, 1.2), st.booleans()), max_size=40))
def test_the_full_matrix_way_and_the_merge_loop_give_scipys_partition(
        n: int, drawn: list[tuple[int, int, float, bool]]) -> None:
    """Whichever way ``cluster_labels`` takes, the partition is the reference's (distinct
    similarities: no ties)."""
    pairs = [(i % n, j % n, DUPLICATE_SIMILARITY if dup else s + k * 1e-7)
             for k, (i, j, s, dup) in enumerate(drawn) if i % n != j % n]
    reference = set(_dense_average_linkage(n, pairs, 0.86))
    with pytest.MonkeyPatch.context() as monkeypatch:
        dense, sparse = _both_ways(monkeypatch, n, pairs, 0.86)
    assert _partition(dense) == _partition(sparse) == reference
    assert dense.tolist() == sparse.tolist()  # numbered the same way too


def test_both_ways_agree_on_a_story_of_many_rewrites(monkeypatch: pytest.MonkeyPatch) -> None:
    # 300 articles, each linked to every other (a crawl of one event's rewrites: the shape
    # the full-matrix way is for), some near-duplicates, similarities around the threshold so
    # that the articles fall into several stories
    rng = np.random.default_rng(7)
    n = 300
    topic = rng.integers(0, 4, n)
    pairs = [(i, j, float(0.5 + 0.1 * (topic[i] == topic[j]) + rng.normal(0, 0.05)))
             for i in range(n) for j in range(i + 1, n)]
    pairs += [(i, i + 1, DUPLICATE_SIMILARITY) for i in range(0, n - 1, 17)]
    assert clustering.dense_applies(n, len(pairs))
    dense, sparse = _both_ways(monkeypatch, n, pairs, 0.54)
    assert dense.tolist() == sparse.tolist()
    assert 1 < len(set(dense.tolist())) < n  # neither one story nor all apart


def test_the_order_of_the_pairs_does_not_change_the_partition() -> None:
    # the means are summed in a fixed order: the same partition, to the last bit, for any
    # order of the same pairs (a group's mean of several links sums them by item pair)
    rng = np.random.default_rng(3)
    n = 40
    pairs = [(int(i), int(j), float(rng.uniform(0.4, 0.9)))
             for i, j in rng.integers(0, n, (300, 2)) if i != j]
    pairs += [(0, 1, DUPLICATE_SIMILARITY), (5, 9, DUPLICATE_SIMILARITY)]
    base = cluster_labels(n, pairs, 0.6)
    for seed in range(5):
        shuffled = list(pairs)
        np.random.default_rng(seed).shuffle(shuffled)
        assert cluster_labels(n, [(j, i, s) for i, j, s in shuffled], 0.6).tolist() \
            == base.tolist()


def test_which_way_is_taken() -> None:
    assert clustering.dense_applies(300, 300 * 299 // 2)  # every pair linked
    assert not clustering.dense_applies(3000, 3000)  # a chain: the merge loop
    assert not clustering.dense_applies(10_000, 10_000 * 9_999 // 2)  # too large a matrix
    assert not clustering.dense_applies(1, 0)


class _Links:
    """The two link reads of a store, over a list of (a, b, score) links."""

    def __init__(self, links: list[tuple[int, int, float]]) -> None:
        self.links = links

    def _columns(self, keep: list[tuple[int, int, float]]) -> LinkColumns:
        return LinkColumns(np.array([k[0] for k in keep], dtype=np.int64),
                           np.array([k[1] for k in keep], dtype=np.int64),
                           np.zeros(len(keep), dtype=bool),
                           np.array([k[2] for k in keep], dtype=np.float64))

    def link_columns(self, ids: list[int]) -> LinkColumns:
        return self._columns([k for k in self.links if k[0] in ids])

    def links_ending(self, ids: list[int]) -> LinkColumns:
        return self._columns([k for k in self.links if k[1] in ids])


def _rows(columns: LinkColumns) -> list[tuple[int, int, float]]:
    return sorted(zip(columns.a.tolist(), columns.b.tolist(), columns.score.tolist(),
                      strict=True))


def test_kept_links_with_the_new_ones_are_the_stored_links() -> None:
    """Articles 1 and 2, read by the batch before, gain article 4; article 4 also links to
    article 0, which is not re-clustered with them (a story left as it was): the links read
    are those whose first article is among 1, 2 and 4, as a whole read gives them."""
    store = _Links([(1, 2, 0.9), (0, 1, 0.3)])
    kept = clustering.ComponentLinks()
    kept.read(store, [1, 2], frozenset({1, 2}))  # type: ignore[arg-type]
    kept.batch_done()
    store.links += [(1, 4, 0.8), (2, 4, 0.7), (0, 4, 0.4), (3, 4, 0.5)]
    store.link_columns = None  # type: ignore[assignment,method-assign]  # must not be read
    got = kept.read(store, [1, 2, 4], frozenset({4}))  # type: ignore[arg-type]
    assert _rows(got) == sorted([(1, 2, 0.9), (1, 4, 0.8), (2, 4, 0.7)])
    kept.batch_done()
    # a set that is not the one read before less the new articles is read whole
    whole = _Links(store.links)
    assert _rows(kept.read(whole, [1, 2, 3, 4, 5], frozenset({5}))) == _rows(
        whole.link_columns([1, 2, 3, 4, 5]))
