"""Near-duplicate groups of a batch of signatures, in memory: LSH buckets, verified pairs,
connected components. Used by ``storydiff dedup`` and the benchmarks.

Groups are connected components of the verified-pair graph, so they do not depend on the order
of the input; each group is named by its smallest row index (the first in input order).
"""

from __future__ import annotations

import numpy as np
from scipy.sparse import coo_matrix
from scipy.sparse.csgraph import connected_components

from .minhash import band_keys, estimated_jaccard, lsh_params

__all__ = ["candidate_pairs", "duplicate_groups"]

#: Buckets larger than this are checked as a chain plus a star, not all pairs (a bucket that
#: big is a cluster of copies; the chain keeps it connected).
_FULL_BUCKET = 24


def duplicate_groups(sigs: np.ndarray, threshold: float) -> np.ndarray:
    """For each row of ``sigs`` (``(n, num_perm)`` MinHash signatures), the smallest row index
    of its near-duplicate group (itself when it has no near-duplicate).

    Example:
        >>> sigs = np.array([[1, 2], [1, 2], [3, 4]], dtype=np.uint32)
        >>> duplicate_groups(sigs, 0.9).tolist()
        [0, 0, 2]
    """
    n = sigs.shape[0]
    pairs = candidate_pairs(sigs, *lsh_params(threshold, sigs.shape[1]))
    keep = _verified(sigs, pairs, threshold)
    pairs = pairs[keep]
    graph = coo_matrix((np.ones(len(pairs)), (pairs[:, 0], pairs[:, 1])), shape=(n, n))
    _, labels = connected_components(graph, directed=False)
    first = np.full(labels.max() + 1 if n else 0, n, dtype=np.int64)
    np.minimum.at(first, labels, np.arange(n))
    return np.asarray(first[labels], dtype=np.int64)


def candidate_pairs(sigs: np.ndarray, bands: int, rows: int) -> np.ndarray:
    """``(m, 2)`` unique index pairs ``i < j`` that share at least one band bucket."""
    keys = band_keys(sigs, bands, rows)
    found: list[np.ndarray] = [np.zeros((0, 2), dtype=np.int64)]
    for band in range(bands):
        found.extend(_bucket_pairs(keys[:, band]))
    pairs = np.vstack(found)
    if not len(pairs):
        return pairs
    pairs.sort(axis=1)
    codes = np.unique(pairs[:, 0] * np.int64(len(sigs)) + pairs[:, 1])
    return np.column_stack([codes // len(sigs), codes % len(sigs)])


def _bucket_pairs(column: np.ndarray) -> list[np.ndarray]:
    """Pairs of rows whose key in this band is equal (vectorised by bucket size)."""
    order = np.argsort(column, kind="stable")
    sorted_keys = column[order]
    starts = np.flatnonzero(np.concatenate(([True], sorted_keys[1:] != sorted_keys[:-1])))
    sizes = np.diff(np.concatenate((starts, [len(column)])))
    out = []
    for size in np.unique(sizes[sizes > 1]):
        firsts = starts[sizes == size]
        if size <= _FULL_BUCKET:
            i, j = np.triu_indices(int(size), 1)
            out.append(np.column_stack([order[(firsts[:, None] + i).ravel()],
                                        order[(firsts[:, None] + j).ravel()]]))
        else:
            out += [_chain_and_star(np.sort(order[f:f + size])) for f in firsts]
    return out


def _chain_and_star(members: np.ndarray) -> np.ndarray:
    """For a big bucket: each member with the next, and each with the first."""
    chain = np.column_stack([members[:-1], members[1:]])
    star = np.column_stack([np.full(len(members) - 1, members[0]), members[1:]])
    return np.vstack([chain, star])


def _verified(sigs: np.ndarray, pairs: np.ndarray, threshold: float) -> np.ndarray:
    """Which candidate pairs have an estimated Jaccard similarity at or above ``threshold``."""
    keep = np.zeros(len(pairs), dtype=bool)
    for start in range(0, len(pairs), 65536):
        chunk = pairs[start:start + 65536]
        keep[start:start + 65536] = estimated_jaccard(sigs[chunk[:, 0]],
                                                      sigs[chunk[:, 1]]) >= threshold
    return keep
