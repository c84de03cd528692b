"""How much two sets overlap: measures shared by the aligner, the rules and the scorer."""

from __future__ import annotations

from collections.abc import Set

__all__ = ["containment", "dice"]


def dice(x: Set[object], y: Set[object]) -> float:
    """Dice coefficient ``2|x ∩ y| / (|x| + |y|)``; 0 when either set is empty.

    Example:
        >>> dice({"a", "b"}, {"b", "c"})
        0.5
    """
    return 2 * len(x & y) / (len(x) + len(y)) if x and y else 0.0


def containment(x: Set[object], y: Set[object]) -> float:
    """Share of the smaller set found in the other; 0 when either set is empty.

    Example:
        >>> containment({"a"}, {"a", "b", "c"})
        1.0
    """
    return len(x & y) / min(len(x), len(y)) if x and y else 0.0
