"""Stories from pair similarities: average-linkage clustering inside each linked component.

Articles joined by any stored link (near-duplicate, or a title+lead cosine over
``candidate_cosine``) form a component. Inside it, agglomerative clustering with average
linkage (Sokal & Michener 1958) merges groups while their mean pair similarity reaches
``story_threshold``; unlinked pairs count as similarity 0, so one chain of look-alikes cannot
glue unrelated articles together the way single linkage does. When new articles touch a
component, its stories are recomputed from scratch, with members ordered by content hash: the
result depends on the set of articles, never on the order they arrived in.

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
from scipy.sparse import coo_matrix
from scipy.sparse.csgraph import connected_components

from .config import CorpusConfig
from .store import CorpusStore

__all__ = ["DUPLICATE_SIMILARITY", "cluster_labels", "recluster", "recluster_around",
           "stories_of_members"]

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
    mean similarity (unlinked pairs count 0) reaches ``threshold``. Only linked nodes can reach
    it, so the work and memory grow with the number of pairs, not with ``n``²; ties merge the
    pair of lowest group numbers first.

    Example:
        >>> cluster_labels(3, [(0, 1, 0.9), (1, 2, 0.9)], 0.8).tolist()
        [0, 0, 1]
    """
    if n == 0:
        return np.zeros(0, dtype=np.int64)
    groups = _single_linkage(n, pairs, DUPLICATE_SIMILARITY)  # near-duplicates stay together
    group_of = groups.tolist()
    # Plain Python numbers below, not numpy scalars: the same IEEE arithmetic at less cost an
    # operation, in a loop that re-clustering a large component runs millions of times.
    strongest: dict[tuple[int, int], float] = {}
    for i, j, value in pairs:
        if i != j:
            key = (i, j) if i < j else (j, i)
            held = strongest.get(key, 0.0)
            strongest[key] = value if value > held else held
    size = [1.0] * (max(group_of) + 1)  # nodes per merged group
    linked: defaultdict[tuple[int, int], list[float]] = defaultdict(list)
    for (i, j), value in strongest.items():
        a, b = group_of[i], group_of[j]
        if a != b:
            linked[(a, b) if a < b else (b, a)].append(value)
    sums: defaultdict[int, dict[int, float]] = defaultdict(dict)
    for (a, b), values in linked.items():
        sums[a][b] = sums[b][a] = sum(values) / len(values)
    floor = threshold - _TOLERANCE
    # Only means at the floor or above enter the heap: the loop below would stop at the first
    # one under it, after every entry above (a larger heap, the same merges in the same order).
    heap = [(-mean, a, b) for a, row in sums.items() for b, total in row.items()
            if a < b and (mean := total / (size[a] * size[b])) >= floor]
    heapq.heapify(heap)
    root = np.arange(len(size))
    pop = heapq.heappop
    while heap:
        negative, a, b = pop(heap)
        row = sums[a]
        if b not in row or -row[b] / (size[a] * size[b]) != negative:
            continue  # a merged group or an updated mean: a newer entry stands for it
        _merge_groups(sums, size, root, a, b, heap, floor)
    return _first_seen(_resolve(root)[groups])


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


def _single_linkage(n: int, pairs: list[tuple[int, int, float]],
                    threshold: float) -> np.ndarray:
    """Connected components of the pairs at or above the threshold."""
    kept = [(i, j) for i, j, value in pairs if value >= threshold]
    rows = [i for i, _ in kept]
    cols = [j for _, j in kept]
    graph = coo_matrix((np.ones(len(kept)), (rows, cols)), shape=(n, n))
    return _first_seen(connected_components(graph, directed=False)[1])


def _first_seen(labels: np.ndarray) -> np.ndarray:
    """Labels renumbered 0, 1, … in order of first appearance."""
    _, first, inverse = np.unique(labels, return_index=True, return_inverse=True)
    rank = np.argsort(np.argsort(first))
    return np.asarray(rank[inverse], dtype=np.int64)


def recluster(store: CorpusStore, component: int, config: CorpusConfig) -> set[int]:
    """Recompute the stories of one component; returns the story ids before and after."""
    return _restory(store, store.component_articles(component), config)


def recluster_around(store: CorpusStore, new_ids: list[int],
                     config: CorpusConfig) -> set[int]:
    """Recompute the stories that ``new_ids`` belong to or reach ``story_threshold`` with, from
    the links among their members only; returns the story ids before and after.

    A weaker link cannot move any story: the mean similarity of two stories that were apart
    stays below the threshold when one of them gains an article linked to the other below it.
    """
    linked = set(new_ids)
    for a, b in store.links_touching(new_ids, config.story_threshold):
        linked.update((a, b))
    stories = sorted(store.stories_of(sorted(linked)))
    return _restory(store, store.story_articles(stories), config)


def _restory(store: CorpusStore, rows: list[tuple[int, int]],
             config: CorpusConfig) -> set[int]:
    """Cluster the articles of ``rows`` (id, story id; in content-hash order) by the links
    among them, name each story by its smallest id; returns the story ids before and after.

    Every stored link whose first article is among them counts (in a whole component the other
    end is too; with part of one, only the links inside it are kept)."""
    ids = [article for article, _ in rows]
    story_of = stories_of_members(ids, store.links_from(ids), config.story_threshold)
    store.assign_stories(story_of)
    return {story for _, story in rows} | set(story_of.values())


def stories_of_members(members: Sequence[int], links: Iterable[tuple[int, int, str, float]],
                       threshold: float) -> dict[int, int]:
    """The story of each of ``members`` (in content-hash order) from the links ``(a, b, kind,
    score)`` among them (links to others are ignored; near-duplicate links count
    ``DUPLICATE_SIMILARITY``): average linkage, each story named by its smallest id."""
    position = {article: i for i, article in enumerate(members)}
    pairs = [(position[a], position[b], DUPLICATE_SIMILARITY if kind == "dup" else score)
             for a, b, kind, score in links if a in position and b in position]
    labels = cluster_labels(len(members), pairs, threshold).tolist()
    first: dict[int, int] = {}  # label -> smallest member id
    for label, article in zip(labels, members, strict=True):
        first[label] = min(first.get(label, article), article)
    return {article: first[label] for label, article in zip(labels, members, strict=True)}
