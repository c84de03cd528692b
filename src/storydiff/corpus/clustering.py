"""Stories from pair similarities: average-linkage clustering inside each linked component.

Articles joined by any stored link (near-duplicate, or a title+lead cosine over
``candidate_cosine``) form a component. Inside it, agglomerative clustering with average
linkage (Sokal & Michener 1958) merges groups while their mean pair similarity reaches
``story_threshold``; unlinked pairs count as similarity 0, so one chain of look-alikes cannot
glue unrelated articles together the way single linkage does. When new articles touch a
component, its stories are recomputed from scratch, with members ordered by content hash: the
result depends on the set of articles, never on the order they arrived in. A component whose
articles are nearly all linked to each other (one story of many rewrites) is clustered by
scipy's compiled average linkage over the full matrix, a sparser one by a merge loop over its
links: the same stories either way (``cluster_labels``). A corpus keeps the links it read for
the next batch, which then reads only the links its new articles brought
(``ComponentLinks``).

A component over ``max_component`` articles (a large corpus on related topics links into one)
is not recomputed whole: only the stories that the batch's new articles belong to or link to at
``story_threshold`` or more are re-clustered, together with the new articles
(``recluster_around``). That keeps the cost of a batch bounded by the size of the stories it
touches, not of the corpus; in such a component the stories may depend on arrival order where a
re-clustered story would also have merged with one that no new article reaches.
"""

from __future__ import annotations

import heapq
from collections import defaultdict
from collections.abc import Iterable, Sequence

import numpy as np
from scipy.cluster.hierarchy import fcluster, linkage
from scipy.sparse import coo_matrix
from scipy.sparse.csgraph import connected_components

from .config import CorpusConfig
from .store import CorpusStore, LinkColumns

__all__ = ["DENSE_NODE_PAIRS", "DUPLICATE_SIMILARITY", "ComponentLinks", "cluster_labels",
           "dense_applies", "recluster", "recluster_around", "stories_of_members"]

#: The similarity a near-duplicate pair counts as (the top of the scale).
DUPLICATE_SIMILARITY = 2.0
_TOLERANCE = 1e-9


def cluster_labels(n: int, pairs: list[tuple[int, int, float]], threshold: float) -> np.ndarray:
    """Cluster labels of ``n`` items from ``(i, j, similarity)`` pairs (others count 0).

    Near-duplicate pairs (``DUPLICATE_SIMILARITY``) first join their items into groups, and
    each group is one node: a text copied a hundred times weighs what one report weighs. Two
    groups with linked members are as similar as the mean of their linked pairs: near-duplicates
    are interchangeable, so a link to one member stands for the group (the writer links a new
    article to one member of each group). Nodes are then merged by average linkage while their
    mean similarity (unlinked pairs count 0) reaches ``threshold``.

    Two ways to the same partition, chosen by the shape of the node graph: where most node
    pairs are linked (one story of many rewrites: every article links to every earlier one),
    scipy's average linkage over the full node matrix (``_dense_labels``, compiled, its work
    and memory growing with the nodes squared, so only up to ``DENSE_NODE_PAIRS`` node pairs);
    else a merge loop over the linked pairs only (``_sparse_labels``), whose work grows with
    the links, not with ``n``². Average linkage never merges at a higher similarity after a
    lower one, so both stop at the same merges; they may differ only where two means tie
    exactly (the loop merges the pair of lowest group numbers first), which real cosines do
    not.

    Example:
        >>> cluster_labels(3, [(0, 1, 0.9), (1, 2, 0.9)], 0.8).tolist()
        [0, 0, 1]
    """
    return _labels(n, *_pair_arrays(pairs), threshold)


def _labels(n: int, i: np.ndarray, j: np.ndarray, value: np.ndarray,
            threshold: float) -> np.ndarray:
    """``cluster_labels`` of the pairs ``(i[k], j[k], value[k])``."""
    if n == 0:
        return np.zeros(0, dtype=np.int64)
    duplicate = value >= DUPLICATE_SIMILARITY
    groups = _single_linkage(n, i[duplicate], j[duplicate])  # near-duplicates stay together
    nodes = int(groups.max()) + 1
    a, b, mean = _node_means(n, nodes, i, j, value, groups)
    if dense_applies(nodes, len(mean)):
        node_labels = _dense_labels(nodes, a, b, mean, threshold)
    else:
        node_labels = _sparse_labels(nodes, a, b, mean, threshold)
    return _first_seen(node_labels[groups])


#: The most node pairs the full-matrix way takes (8 bytes each: 12.5 million pairs, 5,000
#: nodes, make a matrix of 100 MB, which scipy copies once).
DENSE_NODE_PAIRS = 12_500_000
#: The full-matrix way is taken when at least one node pair in this many is linked (below, the
#: merge loop over the links is cheaper).
DENSE_SHARE = 64


def dense_applies(nodes: int, linked: int) -> bool:
    """Whether ``cluster_labels`` takes the full-matrix way for ``nodes`` nodes of which
    ``linked`` pairs are linked."""
    node_pairs = nodes * (nodes - 1) // 2
    return 0 < node_pairs <= DENSE_NODE_PAIRS and linked * DENSE_SHARE >= node_pairs


def _pair_arrays(pairs: list[tuple[int, int, float]]) -> tuple[np.ndarray, np.ndarray,
                                                               np.ndarray]:
    """The pairs as three arrays (first items, second items, similarities)."""
    count = len(pairs)
    return (np.fromiter((p[0] for p in pairs), dtype=np.int64, count=count),
            np.fromiter((p[1] for p in pairs), dtype=np.int64, count=count),
            np.fromiter((p[2] for p in pairs), dtype=np.float64, count=count))


#: No linked node pairs (``_node_means``).
_NO_PAIRS = (np.zeros(0, dtype=np.int64), np.zeros(0, dtype=np.int64), np.zeros(0))


def _node_means(n: int, nodes: int, i: np.ndarray, j: np.ndarray, value: np.ndarray,
                groups: np.ndarray) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    """Of ``n`` items in ``nodes`` groups (``groups``, numbered from 0), the linked node pairs
    ``a < b`` (sorted) and their similarity: the mean, over the item pairs between the two
    groups, of each item pair's strongest value. Summed in a fixed order (by item pair), so the
    means do not depend on the order of the pairs."""
    keep = i != j
    key = np.minimum(i, j)[keep] * n + np.maximum(i, j)[keep]  # the item pair
    value = value[keep]
    if not len(key):
        return _NO_PAIRS
    order = np.argsort(key, kind="stable")
    key, value = key[order], value[order]
    start = np.flatnonzero(np.r_[True, key[1:] != key[:-1]])
    key, value = key[start], np.maximum.reduceat(value, start)  # each item pair's strongest
    if nodes == n:  # no near-duplicates: the nodes are the items (``_first_seen`` keeps 0…n-1)
        return key // n, key % n, value
    ga, gb = groups[key // n], groups[key % n]
    keep = ga != gb
    pair = np.minimum(ga, gb)[keep] * nodes + np.maximum(ga, gb)[keep]  # the node pair
    value = value[keep]
    if not len(pair):
        return _NO_PAIRS
    order = np.argsort(pair, kind="stable")  # by node pair, then item pair: a fixed order
    pair, value = pair[order], value[order]
    start = np.flatnonzero(np.r_[True, pair[1:] != pair[:-1]])
    mean = np.add.reduceat(value, start) / np.diff(np.r_[start, len(pair)])
    return pair[start] // nodes, pair[start] % nodes, mean


def _dense_labels(nodes: int, a: np.ndarray, b: np.ndarray, mean: np.ndarray,
                  threshold: float) -> np.ndarray:
    """Node labels from scipy's average linkage over the full node matrix (distance: the top
    of the scale minus the similarity; unlinked pairs at the top), cut at the threshold."""
    top = max(DUPLICATE_SIMILARITY, float(mean.max()) if len(mean) else 0.0)
    condensed = np.full(nodes * (nodes - 1) // 2, top)
    # squareform's order: pair (a, b), a < b, at a * nodes - a * (a + 1) / 2 + b - a - 1
    condensed[a * nodes - a * (a + 1) // 2 + b - a - 1] = top - mean
    tree = linkage(condensed, method="average")
    labels: np.ndarray = fcluster(tree, top - threshold + _TOLERANCE, criterion="distance")
    return labels


def _sparse_labels(nodes: int, a: np.ndarray, b: np.ndarray, mean: np.ndarray,
                   threshold: float) -> np.ndarray:
    """Node labels from the merge loop over the linked node pairs (see ``cluster_labels``):
    ties merge the pair of lowest group numbers first."""
    # Plain Python numbers below, not numpy scalars: the same IEEE arithmetic at less cost an
    # operation, in a loop that re-clustering a large component runs millions of times.
    sums: defaultdict[int, dict[int, float]] = defaultdict(dict)
    for x, y, value in zip(a.tolist(), b.tolist(), mean.tolist(), strict=True):
        sums[x][y] = sums[y][x] = value
    size = [1.0] * nodes  # nodes per merged group
    floor = threshold - _TOLERANCE
    # Only means at the floor or above enter the heap: the loop below would stop at the first
    # one under it, after every entry above (a larger heap, the same merges in the same order).
    heap = [(-total, x, y) for x, row in sums.items() for y, total in row.items()
            if x < y and total >= floor]
    heapq.heapify(heap)
    root = np.arange(nodes)
    pop = heapq.heappop
    while heap:
        negative, x, y = pop(heap)
        row = sums[x]
        if y not in row or -row[y] / (size[x] * size[y]) != negative:
            continue  # a merged group or an updated mean: a newer entry stands for it
        _merge_groups(sums, size, root, x, y, heap, floor)
    return _resolve(root)


def _merge_groups(sums: defaultdict[int, dict[int, float]], size: list[float], root: np.ndarray,
                  a: int, b: int, heap: list[tuple[float, int, int]], floor: float) -> None:
    """Merge group ``b`` into ``a`` (``a < b``): add up their sums, push the new means that
    reach ``floor``."""
    for other, total in sums.pop(b).items():
        del sums[other][b]
        if other != a:
            sums[a][other] = sums[other][a] = sums[a].get(other, 0.0) + total
    size[a] += size[b]
    root[b] = a
    push, size_a = heapq.heappush, size[a]
    for other, total in sums[a].items():
        mean = total / (size_a * size[other])
        if mean >= floor:
            push(heap, (-mean, a, other) if a < other else (-mean, other, a))


def _resolve(root: np.ndarray) -> np.ndarray:
    """Each group's final group, following the merges."""
    out = root.copy()
    while True:
        nxt = out[out]
        if np.array_equal(nxt, out):
            return out
        out = nxt


def _single_linkage(n: int, i: np.ndarray, j: np.ndarray) -> np.ndarray:
    """Connected components of the pairs ``(i[k], j[k])``."""
    graph = coo_matrix((np.ones(len(i)), (i, j)), shape=(n, n))
    return _first_seen(connected_components(graph, directed=False)[1])


def _first_seen(labels: np.ndarray) -> np.ndarray:
    """Labels renumbered 0, 1, … in order of first appearance."""
    _, first, inverse = np.unique(labels, return_index=True, return_inverse=True)
    rank = np.argsort(np.argsort(first))
    return np.asarray(rank[inverse], dtype=np.int64)


class ComponentLinks:
    """The links of the articles a corpus re-clustered, kept from one batch to the next so
    that articles re-clustered again read only the links their new articles brought
    (``CorpusStore.links_ending``), not all of their links once more: a story of thousands of
    rewrites holds millions (docs/scale.md, "A story of many rewrites").

    A stored link always joins an article to one stored after it, and links are never
    changed or removed. So when the articles to re-cluster, less the batch's new ones, are
    exactly a set whose links were read by the batch before, their links are those links and
    the links ending at their new articles. Any other change (a component merged into one, an
    article that another process added to the store meanwhile, a story that gained or lost an
    older article) changes the set, and its links are then read whole. Only the sets
    re-clustered by the last batch are kept.
    """

    def __init__(self) -> None:
        self._held: dict[frozenset[int], LinkColumns] = {}
        self._fresh: dict[frozenset[int], LinkColumns] = {}

    def read(self, store: CorpusStore, ids: Sequence[int], new: frozenset[int]) -> LinkColumns:
        """``store.link_columns(ids)``, of which ``new`` are the batch's new articles. (Where
        another process linked an article outside ``ids`` to one of them meanwhile, that link
        may be missing: the clustering reads only the links among ``ids``.)"""
        members = frozenset(ids)
        held = self._held.get(members - new)
        if held is None:
            columns = store.link_columns(ids)
        else:
            brought = store.links_ending(sorted(members & new))
            first_among = np.isin(brought.a, np.fromiter(members, np.int64, len(members)))
            columns = held.joined(LinkColumns(*(column[first_among] for column in brought)))
        self._fresh[members] = columns
        return columns

    def batch_done(self) -> None:
        """Keep the links read by this batch only."""
        self._held, self._fresh = self._fresh, {}

    def forget(self) -> None:
        """Drop everything (a batch rolled back)."""
        self._held, self._fresh = {}, {}


def _links_of(store: CorpusStore, ids: list[int], links: ComponentLinks | None,
              new: frozenset[int]) -> LinkColumns:
    """``store.link_columns(ids)``, through ``links`` where given."""
    return store.link_columns(ids) if links is None else links.read(store, ids, new)


def recluster(store: CorpusStore, component: int, config: CorpusConfig,
              links: ComponentLinks | None = None,
              new: frozenset[int] = frozenset()) -> set[int]:
    """Recompute the stories of one component; returns the story ids before and after.
    ``links``, where given, reads the links (``new``: the batch's new articles)."""
    rows = store.component_articles(component)
    return _restory(store, rows, _links_of(store, [a for a, _ in rows], links, new), config)


def recluster_around(store: CorpusStore, new_ids: list[int], config: CorpusConfig,
                     links: ComponentLinks | None = None) -> set[int]:
    """Recompute the stories that ``new_ids`` belong to or reach ``story_threshold`` with, from
    the links among their members only; returns the story ids before and after. ``links``,
    where given, reads those links.

    A weaker link cannot move any story: the mean similarity of two stories that were apart
    stays below the threshold when one of them gains an article linked to the other below it.
    """
    linked = set(new_ids)
    for a, b in store.links_touching(new_ids, config.story_threshold):
        linked.update((a, b))
    stories = sorted(store.stories_of(sorted(linked)))
    rows = store.story_articles(stories)
    columns = _links_of(store, [a for a, _ in rows], links, frozenset(new_ids))
    return _restory(store, rows, columns, config)


def _restory(store: CorpusStore, rows: list[tuple[int, int]], links: LinkColumns,
             config: CorpusConfig) -> set[int]:
    """Cluster the articles of ``rows`` (id, story id; in content-hash order) by the ``links``
    among them, name each story by its smallest id; returns the story ids before and after.

    ``links`` are the stored links whose first article is among them (in a whole component
    the other end is too; with part of one, only the links inside it are kept)."""
    ids = [article for article, _ in rows]
    story_of = _stories(ids, links.a, links.b,
                        np.where(links.duplicate, DUPLICATE_SIMILARITY, links.score),
                        config.story_threshold)
    store.assign_stories(story_of)
    return {story for _, story in rows} | set(story_of.values())


def stories_of_members(members: Sequence[int], links: Iterable[tuple[int, int, str, float]],
                       threshold: float) -> dict[int, int]:
    """The story of each of ``members`` (in content-hash order) from the links ``(a, b, kind,
    score)`` among them (links to others are ignored; near-duplicate links count
    ``DUPLICATE_SIMILARITY``): average linkage, each story named by its smallest id."""
    links = list(links)
    count = len(links)
    return _stories(members, np.fromiter((k[0] for k in links), np.int64, count),
                    np.fromiter((k[1] for k in links), np.int64, count),
                    np.fromiter((DUPLICATE_SIMILARITY if k[2] == "dup" else k[3]
                                 for k in links), np.float64, count), threshold)


def _stories(members: Sequence[int], a: np.ndarray, b: np.ndarray, value: np.ndarray,
             threshold: float) -> dict[int, int]:
    """``stories_of_members`` of the links ``(a[k], b[k])`` of similarity ``value[k]``."""
    ids = np.asarray(members, dtype=np.int64)
    first_ends, second_ends = _positions(ids, a), _positions(ids, b)
    among = (first_ends >= 0) & (second_ends >= 0)
    labels = _labels(len(members), first_ends[among], second_ends[among], value[among],
                     threshold).tolist()
    first: dict[int, int] = {}  # label -> smallest member id
    for label, article in zip(labels, members, strict=True):
        first[label] = min(first.get(label, article), article)
    return {article: first[label] for label, article in zip(labels, members, strict=True)}


def _positions(ids: np.ndarray, wanted: np.ndarray) -> np.ndarray:
    """The position in ``ids`` (distinct) of each of ``wanted``; -1 where it is not there."""
    if not len(ids):
        return np.full(len(wanted), -1, dtype=np.int64)
    order = np.argsort(ids)
    at = np.minimum(np.searchsorted(ids[order], wanted), len(ids) - 1)
    return np.where(ids[order][at] == wanted, order[at], -1)
