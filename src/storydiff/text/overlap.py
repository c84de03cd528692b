"""How much two sets overlap: measures shared by the aligner, the rules and the scorer."""

from __future__ import annotations

from collections.abc import Sequence, Set

__all__ = ["containment", "covered", "dice", "jaccard", "ngrams"]


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


def jaccard(x: Set[object], y: Set[object]) -> float:
    """Jaccard similarity ``|x ∩ y| / |x ∪ y|``; 0 when both are empty.

    Example:
        >>> jaccard({"a", "b"}, {"b", "c"})
        0.3333333333333333
    """
    union = len(x | y)
    return len(x & y) / union if union else 0.0


def ngrams(items: Sequence[str], n: int, sep: str = " ") -> set[str]:
    """The n-grams of a word list (joined by ``sep``) or of a string's characters (``sep=""``);
    none when ``items`` is shorter than ``n``.

    Example:
        >>> sorted(ngrams(["a", "b", "c"], 2))
        ['a b', 'b c']
    """
    return {sep.join(items[i:i + n]) for i in range(max(len(items) - n + 1, 0))}


def covered(x: Set[object], y: Set[object]) -> float:
    """Share of ``x`` found in ``y`` (directional); 0 when ``x`` is empty.

    Example:
        >>> covered({"a", "b"}, {"b", "c", "d"})
        0.5
    """
    return len(x & y) / len(x) if x else 0.0
