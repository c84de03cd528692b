"""Cross-validation folds grouped by base pair: translated copies stay with their original."""

from __future__ import annotations

from collections.abc import Sequence

import numpy as np

from storydiff.evaluate.semeval import SemevalPair


def group_folds(pairs: Sequence[SemevalPair], k: int = 5, seed: int = 0) -> np.ndarray:
    """Fold number (0..k-1) of each pair; pairs sharing ``base_id`` share a fold.

    Groups are shuffled with ``seed`` and dealt, largest first, to the currently smallest fold.
    """
    groups: dict[str, list[int]] = {}
    for i, pair in enumerate(pairs):
        groups.setdefault(pair.base_id, []).append(i)
    rng = np.random.default_rng(seed)
    order = list(groups.values())
    rng.shuffle(order)  # shuffles the list in place
    order.sort(key=len, reverse=True)
    fold = np.zeros(len(pairs), dtype=int)
    sizes = np.zeros(k, dtype=int)
    for members in order:
        target = int(np.argmin(sizes))
        fold[members] = target
        sizes[target] += len(members)
    return fold
