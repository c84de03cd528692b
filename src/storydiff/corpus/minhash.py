"""MinHash signatures of word and character shingles, and LSH band keys (Broder 1997;
Leskovec, Rajaraman & Ullman, *Mining of Massive Datasets*, ch. 3).

The signature engine is rensa's ``RMinHash`` (a 0.x library, so it stays behind this module).
Band keys are 63-bit integers that fold the band's number in, so one indexed column holds
all bands.
"""

from __future__ import annotations

from collections.abc import Sequence
from functools import lru_cache

import numpy as np
import rensa

from ..text import word_runs

__all__ = ["band_keys", "estimated_jaccard", "lsh_params", "shingle_hashes", "shingles",
           "signature", "signatures", "text_signature"]

_MASK63 = np.uint64((1 << 63) - 1)
_MIX = np.uint64(0x9E3779B97F4A7C15)
_BASE = np.uint64(0x100000001B3)  # odd, so it has an inverse modulo 2**64
_BASE_INV = np.uint64(pow(0x100000001B3, -1, 1 << 64))
_POWERS: dict[int, tuple[np.ndarray, np.ndarray]] = {}


def _normal(text: str) -> str:
    """The lower-cased words of ``text`` joined by single spaces."""
    return " ".join(word_runs(text.lower()))


def shingles(text: str, word_n: int = 3, char_n: int = 5) -> list[str]:
    """Word ``word_n``-grams and character ``char_n``-grams of the lower-cased words of ``text``
    (the readable form of what :func:`shingle_hashes` hashes).

    Example:
        >>> sorted(shingles("A b c", word_n=2, char_n=4))
        ['a b', 'a b ', 'b c', 'b c']
    """
    flat = _normal(text)
    if not flat:
        return []
    words = flat.split(" ")
    out = [" ".join(words[i:i + word_n]) for i in range(max(1, len(words) - word_n + 1))]
    return out + [flat[i:i + char_n] for i in range(max(1, len(flat) - char_n + 1))]


def _powers(n: int) -> tuple[np.ndarray, np.ndarray]:
    """Powers of the hash base and of its inverse, at least ``n`` of each (cached)."""
    size = 1 << max(10, (n - 1).bit_length())
    if size not in _POWERS:
        with np.errstate(over="ignore"):
            powers = np.cumprod(np.r_[np.uint64(1), np.full(size - 1, _BASE)], dtype=np.uint64)
            inverse = np.cumprod(np.r_[np.uint64(1), np.full(size - 1, _BASE_INV)],
                                 dtype=np.uint64)
        _POWERS[size] = (powers, inverse)
    return _POWERS[size]


def _finalise(values: np.ndarray) -> np.ndarray:
    """splitmix64's finaliser: spreads polynomial hashes over all 64 bits."""
    with np.errstate(over="ignore"):
        values = (values ^ (values >> np.uint64(30))) * np.uint64(0xBF58476D1CE4E5B9)
        values = (values ^ (values >> np.uint64(27))) * np.uint64(0x94D049BB133111EB)
    return np.asarray(values ^ (values >> np.uint64(31)), dtype=np.uint64)


def shingle_hashes(text: str, word_n: int = 3, char_n: int = 5) -> np.ndarray:
    """64-bit hashes of the same shingles as :func:`shingles`, computed with numpy.

    Each shingle is a substring of the normalised text, so one prefix array of a polynomial
    hash (Karp & Rabin 1987) gives all of them: ``hash(a, b) = (G[b] - G[a]) * base**-a``.
    """
    flat = _normal(text)
    if not flat:
        return np.zeros(0, dtype=np.uint64)
    codes = np.frombuffer(flat.encode("utf-32-le"), dtype=np.uint32).astype(np.uint64)
    n = len(codes)
    powers, inverse = _powers(n + 1)
    prefix = np.zeros(n + 1, dtype=np.uint64)
    with np.errstate(over="ignore"):
        np.cumsum(codes * powers[:n], dtype=np.uint64, out=prefix[1:])
    spaces = np.flatnonzero(codes == 32)
    starts = np.concatenate(([0], spaces + 1))
    ends = np.concatenate((spaces, [n]))
    span = min(word_n, len(starts))
    char_a = np.arange(max(1, n - char_n + 1))
    a = np.concatenate((starts[: len(starts) - span + 1], char_a))
    b = np.concatenate((ends[span - 1:], np.minimum(char_a + char_n, n)))
    with np.errstate(over="ignore"):
        raw = (prefix[b] - prefix[a]) * inverse[a] + (b - a).astype(np.uint64) * _MIX
    return _finalise(raw)


def signature(tokens: Sequence[str], num_perm: int, seed: int) -> np.ndarray:
    """The MinHash signature of a set of string tokens: ``num_perm`` uint32 values."""
    sketch = rensa.RMinHash(num_perm=num_perm, seed=seed)
    sketch.update(list(tokens))
    return np.asarray(sketch.digest(), dtype=np.uint32)


def signatures(hash_sets: Sequence[np.ndarray], num_perm: int, seed: int) -> np.ndarray:
    """Signatures of many sets of 64-bit token hashes, as an ``(n, num_perm)`` uint32 matrix."""
    if not hash_sets:
        return np.zeros((0, num_perm), dtype=np.uint32)
    matrix = rensa.RMinHash.digest_matrix_from_token_hash_sets(
        [h.tolist() for h in hash_sets], num_perm, seed)
    return np.asarray(matrix.to_rows(), dtype=np.uint32).reshape(len(hash_sets), num_perm)


def estimated_jaccard(a: np.ndarray, b: np.ndarray) -> np.ndarray:
    """Share of equal signature values: rows of ``a`` against ``b`` (broadcasting)."""
    return np.asarray(np.mean(a == b, axis=-1), dtype=np.float64)


def band_keys(sigs: np.ndarray, bands: int, rows: int) -> np.ndarray:
    """An ``(n, bands)`` int64 matrix: one non-negative key per band of each signature."""
    sigs = np.atleast_2d(sigs).astype(np.uint64)
    keys = np.empty((sigs.shape[0], bands), dtype=np.int64)
    with np.errstate(over="ignore"):
        for band in range(bands):
            acc = np.full(sigs.shape[0], np.uint64(band + 1) * _MIX, dtype=np.uint64)
            for col in range(band * rows, (band + 1) * rows):
                acc = (acc ^ sigs[:, col]) * _MIX
                acc ^= acc >> np.uint64(29)
            keys[:, band] = (acc & _MASK63).astype(np.int64)
    return keys


@lru_cache(maxsize=64)
def lsh_params(threshold: float, num_perm: int) -> tuple[int, int]:
    """Bands and rows that minimise false positives plus false negatives at ``threshold``.

    The same optimisation as datasketch's ``MinHashLSH`` (equal weights), so the two index the
    same way for the same parameters.
    """
    best, best_cost = (1, num_perm), float("inf")
    for bands in range(1, num_perm + 1):
        for rows in range(1, num_perm // bands + 1):
            cost = _false_positive(threshold, bands, rows) + _false_negative(threshold, bands, rows)
            if cost < best_cost:
                best, best_cost = (bands, rows), cost
    return best


def _false_positive(threshold: float, bands: int, rows: int) -> float:
    """Area under the S-curve below the threshold."""
    xs = np.linspace(0.0, threshold, 200)
    return float(np.trapezoid(1 - (1 - xs ** rows) ** bands, xs))


def _false_negative(threshold: float, bands: int, rows: int) -> float:
    """Area above the S-curve beyond the threshold."""
    xs = np.linspace(threshold, 1.0, 200)
    return float(np.trapezoid((1 - xs ** rows) ** bands, xs))


def text_signature(text: str, num_perm: int, seed: int, word_n: int = 3,
                   char_n: int = 5) -> np.ndarray:
    """The MinHash signature of a text's word and character shingles."""
    return np.asarray(signatures([shingle_hashes(text, word_n, char_n)], num_perm, seed)[0])
