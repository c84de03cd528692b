"""The vector index behind one small interface: exact inner-product search by id.

``FaissIndex`` (faiss-cpu ``IndexIDMap2(IndexFlatIP)``, saved to one file) is used when faiss
is installed; ``NumpyIndex`` is the in-memory fallback and the test double. Both are exact, so
``above(threshold)`` finds every neighbour: clustering built on it does not depend on the order
in which articles arrived.
"""

from __future__ import annotations

import errno
import os
from pathlib import Path
from typing import Any, Protocol

import numpy as np

__all__ = ["FaissIndex", "NumpyIndex", "VectorIndex", "open_index"]


class VectorIndex(Protocol):
    """Unit vectors keyed by integer ids."""

    def __len__(self) -> int: ...

    def add(self, ids: np.ndarray, vectors: np.ndarray) -> None:
        """Add ``vectors`` (``(n, dim)`` float32) under ``ids`` (``(n,)`` int64)."""
        ...

    def above(self, vector: np.ndarray, threshold: float) -> list[tuple[int, float]]:
        """Every stored id whose inner product with ``vector`` is at least ``threshold``."""
        ...

    def nearest(self, vector: np.ndarray, k: int) -> list[tuple[int, float]]:
        """The ``k`` ids with the highest inner product, best first."""
        ...

    def save(self, path: Path) -> None:
        """Write the index to ``path`` atomically (no-op for memory-only indexes)."""
        ...


class NumpyIndex:
    """An in-memory exact index: a growing matrix and its ids."""

    def __init__(self, dim: int) -> None:
        self.dim = dim
        self._ids = np.zeros(0, dtype=np.int64)
        self._vecs = np.zeros((0, dim), dtype=np.float32)

    def __len__(self) -> int:
        return int(self._ids.shape[0])

    def add(self, ids: np.ndarray, vectors: np.ndarray) -> None:
        self._ids = np.concatenate([self._ids, np.asarray(ids, dtype=np.int64)])
        self._vecs = np.vstack([self._vecs, np.asarray(vectors, dtype=np.float32)])

    def above(self, vector: np.ndarray, threshold: float) -> list[tuple[int, float]]:
        scores = self._vecs @ np.asarray(vector, dtype=np.float32)
        hits = np.flatnonzero(scores >= threshold)
        return [(int(self._ids[i]), float(scores[i])) for i in hits]

    def nearest(self, vector: np.ndarray, k: int) -> list[tuple[int, float]]:
        scores = self._vecs @ np.asarray(vector, dtype=np.float32)
        order = np.lexsort((self._ids, -scores))[:k]
        return [(int(self._ids[i]), float(scores[i])) for i in order]

    def save(self, path: Path) -> None:
        """Memory only: nothing to write."""


class FaissIndex:
    """faiss ``IndexIDMap2(IndexFlatIP)``: exact search, one file on disk."""

    def __init__(self, dim: int, index: Any = None) -> None:
        import faiss

        self.dim = dim
        self._faiss = faiss
        self._index = index if index is not None else faiss.IndexIDMap2(faiss.IndexFlatIP(dim))

    def __len__(self) -> int:
        return int(self._index.ntotal)

    def add(self, ids: np.ndarray, vectors: np.ndarray) -> None:
        vecs = np.ascontiguousarray(vectors, dtype=np.float32).reshape(-1, self.dim)
        self._index.add_with_ids(vecs, np.ascontiguousarray(ids, dtype=np.int64))

    def above(self, vector: np.ndarray, threshold: float) -> list[tuple[int, float]]:
        query = np.ascontiguousarray(vector, dtype=np.float32).reshape(1, self.dim)
        _, scores, ids = self._index.range_search(query, float(threshold))
        return [(int(i), float(s)) for i, s in zip(ids, scores, strict=True) if s >= threshold]

    def nearest(self, vector: np.ndarray, k: int) -> list[tuple[int, float]]:
        query = np.ascontiguousarray(vector, dtype=np.float32).reshape(1, self.dim)
        scores, ids = self._index.search(query, min(k, len(self)))
        pairs = [(int(i), float(s)) for i, s in zip(ids[0], scores[0], strict=True) if i >= 0]
        return sorted(pairs, key=lambda p: (-p[1], p[0]))

    def save(self, path: Path) -> None:
        """Write to a temporary file beside ``path`` (named after this process, since several
        processes may share a server store's cache), then rename it over ``path``; on failure
        the temporary file is removed and an ``OSError`` (with the errno faiss reported, e.g.
        ENOSPC for a full disk) is raised."""
        tmp = path.with_suffix(f".{os.getpid()}.tmp")
        try:
            # through Python's own file object: faiss's writer only prints some write errors
            # (a full disk at close), Python raises every one of them
            with tmp.open("wb") as out:
                writer = self._faiss.PyCallbackIOWriter(out.write)  # type: ignore[attr-defined]
                self._faiss.write_index(self._index, writer)
                del writer
            os.replace(tmp, path)
        except RuntimeError as exc:  # faiss reports its own I/O errors as RuntimeError
            raise _os_error(str(exc), tmp) from None
        finally:
            tmp.unlink(missing_ok=True)

    @classmethod
    def load(cls, path: Path, dim: int) -> FaissIndex | None:
        """The index saved at ``path``, or None when it is missing or unreadable."""
        import faiss

        try:
            index = faiss.read_index(str(path))
        except RuntimeError:
            return None
        return cls(dim, index) if index.d == dim else None


def _os_error(message: str, path: Path) -> OSError:
    """An OSError for a faiss write failure, with the errno named in its message, if any."""
    for code in (errno.ENOSPC, errno.EFBIG, errno.EDQUOT, errno.EACCES, errno.EROFS, errno.EIO):
        if os.strerror(code) in message:
            return OSError(code, os.strerror(code), str(path))
    return OSError(errno.EIO, f"faiss could not write the index ({message.strip()[:200]})",
                   str(path))


def _faiss_available() -> bool:
    """Whether faiss-cpu can be imported."""
    try:
        import faiss  # noqa: F401
    except ImportError:
        return False
    return True


def open_index(path: Path | None, dim: int, *, fresh: bool = False) -> VectorIndex:
    """The index file at ``path`` (faiss), a new empty one (``fresh`` ignores the file), or a
    NumpyIndex when there is no path or no faiss."""
    if path is None or not _faiss_available():
        return NumpyIndex(dim)
    if path.exists() and not fresh:
        loaded = FaissIndex.load(path, dim)
        if loaded is not None:
            return loaded
    return FaissIndex(dim)
