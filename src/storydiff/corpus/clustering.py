"""Stories from pair similarities: average-linkage clustering inside each linked component.

Articles joined by any stored link (near-duplicate, or a title+lead cosine over
``candidate_cosine``) form a component. Inside it, agglomerative clustering with average
linkage (Sokal & Michener 1958) merges groups while their mean pair similarity reaches
``story_threshold``; unlinked pairs count as similarity 0, so one chain of look-alikes cannot
glue unrelated articles together the way single linkage does. When new articles touch a
component, its stories are recomputed from scratch, with members ordered by content hash: the
result depends on the set of articles, never on the order they arrived in.
"""

from __future__ import annotations

import sqlite3

import numpy as np
from scipy.cluster.hierarchy import fcluster, linkage
from scipy.sparse import coo_matrix
from scipy.sparse.csgraph import connected_components
from scipy.spatial.distance import squareform

from .config import CorpusConfig

__all__ = ["DUPLICATE_SIMILARITY", "cluster_labels", "recluster"]

#: The similarity a near-duplicate pair counts as (the top of the scale).
DUPLICATE_SIMILARITY = 2.0


def cluster_labels(n: int, pairs: list[tuple[int, int, float]], threshold: float,
                   max_size: int) -> np.ndarray:
    """Cluster labels of ``n`` items from ``(i, j, similarity)`` pairs (others count 0).

    Near-duplicate pairs (``DUPLICATE_SIMILARITY``) first join their items into groups; groups
    are then merged by average linkage over their mean pair similarity while it reaches
    ``threshold``. Components over ``max_size`` items use single linkage instead.

    Example:
        >>> cluster_labels(3, [(0, 1, 0.9), (1, 2, 0.9)], 0.8, 100).tolist()
        [0, 0, 1]
    """
    if n == 1:
        return np.zeros(1, dtype=np.int64)
    if n > max_size:
        return _single_linkage(n, pairs, threshold)
    groups = _single_linkage(n, pairs, DUPLICATE_SIMILARITY)  # near-duplicates stay together
    count = int(groups.max()) + 1
    if count == 1:
        return groups
    sim = np.zeros((n, n))
    for i, j, value in pairs:
        sim[i, j] = sim[j, i] = max(sim[i, j], value)
    member = np.zeros((n, count))
    member[np.arange(n), groups] = 1.0
    sizes = member.sum(axis=0)
    mean = (member.T @ sim @ member) / np.outer(sizes, sizes)
    distance = DUPLICATE_SIMILARITY - np.minimum(mean, DUPLICATE_SIMILARITY)
    np.fill_diagonal(distance, 0.0)
    tree = linkage(squareform(distance, checks=False), method="average")
    labels = fcluster(tree, DUPLICATE_SIMILARITY - threshold + 1e-9, criterion="distance")
    return _first_seen(labels[groups])


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


def recluster(db: sqlite3.Connection, component: int, config: CorpusConfig) -> set[int]:
    """Recompute the stories of one component; returns the story ids before and after."""
    rows = db.execute("SELECT id, story_id FROM articles WHERE component = ? "
                      "ORDER BY content_hash", (component,)).fetchall()
    ids = [int(r[0]) for r in rows]
    position = {article: i for i, article in enumerate(ids)}
    pairs = [(position[a], position[b], DUPLICATE_SIMILARITY if kind == "dup" else score)
             for a, b, kind, score in _links(db, ids)]
    labels = cluster_labels(len(ids), pairs, config.story_threshold, config.max_component)
    story_of = {}
    for label in set(labels.tolist()):
        members = [ids[i] for i in np.flatnonzero(labels == label)]
        story_of.update(dict.fromkeys(members, min(members)))
    db.executemany("UPDATE articles SET story_id = ? WHERE id = ?",
                   [(story, article) for article, story in story_of.items()])
    return {int(r[1]) for r in rows} | set(story_of.values())


def _links(db: sqlite3.Connection, ids: list[int]) -> list[tuple[int, int, str, float]]:
    """Every stored link whose first article is among ``ids`` (both ends then are)."""
    out: list[tuple[int, int, str, float]] = []
    for start in range(0, len(ids), 500):
        chunk = ids[start:start + 500]
        out += db.execute(f"SELECT a, b, kind, score FROM links WHERE a IN "
                          f"({','.join('?' * len(chunk))})", chunk).fetchall()
    return out
