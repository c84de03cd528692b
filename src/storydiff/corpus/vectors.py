"""The vector index of corpus mode: unit vectors keyed by article id, sharded by time.

Two articles published further apart than ``time_window_days`` are never in one story, so a
new article's candidates are searched only in the time shards its window overlaps (plus the
shard of undated articles; an undated article searches every shard). That keeps the cost of a
search flat as an archive grows over time. Inside a shard:

- up to ``exact_shard_size`` vectors the search is exact (faiss ``IndexFlatIP``, or numpy
  when faiss-cpu is not installed), so stories do not depend on the index;
- a larger shard is turned into an HNSW graph (faiss ``IndexHNSWFlat``), whose search is
  approximate: ``bench/scale.py`` measures its recall of candidate links against exact search.

The whole index is a cache of the stored embeddings, saved to one file (the shards serialised
by faiss, in an ``.npz``); it is rebuilt from the database when it is missing, unreadable,
built with other parameters or out of step with the store.
"""

from __future__ import annotations

import json
import os
import zipfile
from array import array
from collections.abc import Sequence
from datetime import date
from pathlib import Path
from typing import Any, Protocol

import numpy as np

from .linking import within_days

__all__ = ["FaissIndex", "HnswIndex", "NumpyIndex", "Shard", "VectorIndex", "WindowedIndex",
           "describe", "open_index", "saved_summary"]

#: The day number of an undated article in the id -> day table.
UNDATED = -(2 ** 31)
#: What reading a damaged or foreign index file can raise.
_UNREADABLE = (OSError, EOFError, ValueError, KeyError, TypeError, AttributeError,
               zipfile.BadZipFile, UnicodeDecodeError)
#: The key of the shard of undated articles.
_UNDATED_SHARD = "undated"


class Shard(Protocol):
    """Unit vectors keyed by integer ids, searched by inner product."""

    def __len__(self) -> int: ...

    def add(self, ids: np.ndarray, vectors: np.ndarray) -> None:
        """Add ``vectors`` (``(n, dim)`` float32) under ``ids`` (``(n,)`` int64)."""
        ...

    def above(self, vector: np.ndarray, threshold: float) -> list[tuple[int, float]]:
        """The stored ids whose inner product with ``vector`` is at least ``threshold``."""
        ...

    def nearest(self, vector: np.ndarray, k: int) -> list[tuple[int, float]]:
        """The ``k`` ids with the highest inner product, best first."""
        ...


class NumpyIndex:
    """An in-memory exact shard: a growing matrix and its ids."""

    exact = True

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


class FaissIndex:
    """An exact shard: faiss ``IndexIDMap2(IndexFlatIP)``."""

    exact = True

    def __init__(self, dim: int, index: Any = None) -> None:
        import faiss

        self.dim = dim
        self._faiss = faiss
        self._index = index if index is not None else faiss.IndexIDMap2(self._inner(dim))

    def _inner(self, dim: int) -> Any:
        """The faiss index the id map wraps."""
        return self._faiss.IndexFlatIP(dim)

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

    def contents(self) -> tuple[np.ndarray, np.ndarray]:
        """(ids, vectors) of the shard."""
        ids = self._faiss.vector_to_array(self._index.id_map).astype(np.int64)
        return ids, self._index.index.reconstruct_n(0, len(self))

    def serialize(self) -> np.ndarray:
        """The shard as bytes (faiss's own format)."""
        return np.asarray(self._faiss.serialize_index(self._index), dtype=np.uint8)



class HnswIndex(FaissIndex):
    """An approximate shard: faiss ``IndexIDMap2(IndexHNSWFlat)`` (inner product).

    ``above`` is a k-nearest search whose k grows fourfold while its last result still passes
    the threshold, so a query with many neighbours is not cut off at a fixed k; what it can
    miss is what the graph search misses (measured by ``bench/scale.py``).
    """

    exact = False
    #: Graph degree, construction and search breadth (faiss's M, efConstruction, efSearch).
    M, EF_CONSTRUCTION, EF_SEARCH = 48, 120, 128

    def _inner(self, dim: int) -> Any:
        graph = self._faiss.IndexHNSWFlat(dim, self.M, self._faiss.METRIC_INNER_PRODUCT)
        graph.hnsw.efConstruction = self.EF_CONSTRUCTION
        return graph

    def above(self, vector: np.ndarray, threshold: float) -> list[tuple[int, float]]:
        query = np.ascontiguousarray(vector, dtype=np.float32).reshape(1, self.dim)
        graph = self._faiss.downcast_index(self._index.index)
        k = self.EF_SEARCH
        while True:
            k = min(k, len(self))
            graph.hnsw.efSearch = max(self.EF_SEARCH, k)
            scores, ids = self._index.search(query, k)
            if k >= len(self) or scores[0, -1] < threshold:
                break
            k *= 4
        return [(int(i), float(s)) for i, s in zip(ids[0], scores[0], strict=True)
                if i >= 0 and s >= threshold]



def _deserialize(data: np.ndarray, dim: int) -> FaissIndex | None:
    """A shard from its bytes; None when they do not hold a shard of this dimension."""
    import faiss

    try:
        index = faiss.deserialize_index(data)
    except RuntimeError:
        return None
    if index.d != dim or not isinstance(index, faiss.IndexIDMap2):
        return None
    inner = faiss.downcast_index(index.index)
    return (HnswIndex if isinstance(inner, faiss.IndexHNSWFlat) else FaissIndex)(dim, index)


class VectorIndex(Protocol):
    """What corpus mode searches: unit vectors keyed by article id, each with its day."""

    def __len__(self) -> int: ...

    def add(self, ids: np.ndarray, vectors: np.ndarray,
            days: Sequence[int | None] | None = None) -> None:
        """Add ``vectors`` under ``ids`` (increasing), published on ``days`` (day numbers,
        None for undated; all undated when ``days`` is None)."""
        ...

    def above(self, vector: np.ndarray, threshold: float,
              day: int | None = None) -> list[tuple[int, float]]:
        """The ids within the time window of ``day`` (every id when ``day`` is None; undated
        ids always) whose inner product with ``vector`` is at least ``threshold``."""
        ...

    def nearest(self, vector: np.ndarray, k: int) -> list[tuple[int, float]]:
        """The ``k`` ids with the highest inner product, best first (any date)."""
        ...

    def describe(self) -> str:
        """What the index is, for ``storydiff stats``."""
        ...

    def save(self, path: Path) -> None:
        """Write the index to ``path`` atomically (no-op for memory-only indexes)."""
        ...


class WindowedIndex:
    """Vectors in one shard per ``shard_days`` days of publication (see the module's doc).

    Args:
        dim: vector size.
        window_days: the time window (``CorpusConfig.time_window_days``).
        exact_shard_size: a shard holding more vectors than this becomes an HNSW graph
            (approximate); 0 keeps every shard exact.
        use_faiss: faiss shards (saved to a file) or, without faiss, numpy ones (memory only).
    """

    def __init__(self, dim: int, window_days: int, exact_shard_size: int,
                 use_faiss: bool = True) -> None:
        self.dim = dim
        self.window_days = window_days
        self.shard_days = max(1, window_days)
        self.exact_shard_size = exact_shard_size
        self.use_faiss = use_faiss
        self._shards: dict[str, Any] = {}
        self._ids = array("q")
        self._days = array("i")

    # -- parameters and size ------------------------------------------------------------------

    def params(self) -> dict[str, Any]:
        """What a saved index must have been built with to be reused."""
        return {"format": 1, "dim": self.dim, "window_days": self.window_days,
                "exact_shard_size": self.exact_shard_size}

    def __len__(self) -> int:
        return len(self._ids)

    def summary(self) -> dict[str, Any]:
        """Shards, exact and approximate (HNSW) ones, and vectors: what ``describe`` says."""
        return {"shards": len(self._shards), "vectors": len(self),
                "approximate_shards": sum(not s.exact for s in self._shards.values())}

    def describe(self) -> str:
        return describe(self.window_days, self.exact_shard_size, self.summary(), self.use_faiss)

    # -- writing ------------------------------------------------------------------------------

    def _key(self, day: int | None) -> str:
        if day is None:
            return _UNDATED_SHARD
        start = day - day % self.shard_days
        return date.fromordinal(min(max(1, start), date.max.toordinal())).isoformat()

    def _new_shard(self) -> Any:
        return FaissIndex(self.dim) if self.use_faiss else NumpyIndex(self.dim)

    def add(self, ids: np.ndarray, vectors: np.ndarray,
            days: Sequence[int | None] | None = None) -> None:
        ids = np.asarray(ids, dtype=np.int64).reshape(-1)
        vectors = np.asarray(vectors, dtype=np.float32).reshape(-1, self.dim)
        day_list = [None] * len(ids) if days is None else list(days)
        if len(day_list) != len(ids):
            raise ValueError("one day per id is needed")
        last = self._ids[-1] if self._ids else None
        if len(ids) and (np.any(np.diff(ids) <= 0) or (last is not None and ids[0] <= last)):
            raise ValueError("ids must be added in increasing order")
        by_shard: dict[str, list[int]] = {}
        for row, day in enumerate(day_list):
            by_shard.setdefault(self._key(day), []).append(row)
        for key, rows in by_shard.items():
            shard = self._shards.get(key)
            if shard is None:
                shard = self._shards[key] = self._new_shard()
            shard.add(ids[rows], vectors[rows])
            if shard.exact and self.use_faiss and 0 < self.exact_shard_size < len(shard):
                self._shards[key] = _to_graph(shard, self.dim)
        self._ids.extend(int(i) for i in ids)
        self._days.extend(UNDATED if d is None else int(d) for d in day_list)

    # -- searching ----------------------------------------------------------------------------

    def above(self, vector: np.ndarray, threshold: float,
              day: int | None = None) -> list[tuple[int, float]]:
        if day is None:
            keys = list(self._shards)
        else:
            low, high = day - self.window_days, day + self.window_days
            first = low - low % self.shard_days
            keys = list(dict.fromkeys(  # shards at the ends of the calendar repeat
                [self._key(start) for start in range(first, high + 1, self.shard_days)]
                + [_UNDATED_SHARD]))
        hits: list[tuple[int, float]] = []
        for key in keys:
            shard = self._shards.get(key)
            if shard is not None and len(shard):
                hits += shard.above(vector, threshold)
        if day is not None and hits:
            hit_days = self._day_of(np.array([i for i, _ in hits], dtype=np.int64))
            hits = [hit for hit, other in zip(hits, hit_days, strict=True)
                    if within_days(day, None if other == UNDATED else int(other),
                                   self.window_days)]
        return sorted(hits)

    def _day_of(self, ids: np.ndarray) -> np.ndarray:
        """The day numbers of stored ids."""
        known = np.frombuffer(self._ids, dtype=np.int64)
        return np.frombuffer(self._days, dtype=np.int32)[np.searchsorted(known, ids)]

    def nearest(self, vector: np.ndarray, k: int) -> list[tuple[int, float]]:
        found: list[tuple[int, float]] = []
        for shard in self._shards.values():
            if len(shard):
                found += shard.nearest(vector, k)
        return sorted(found, key=lambda p: (-p[1], p[0]))[:k]

    # -- the file -----------------------------------------------------------------------------

    def save(self, path: Path) -> None:
        """Write every shard and the id → day table to ``path`` (an ``.npz``) atomically; a
        no-op without faiss (numpy shards live in memory only)."""
        if not self.use_faiss:
            return
        keys = sorted(self._shards)
        arrays: dict[str, np.ndarray] = {
            "meta": np.frombuffer(json.dumps({**self.params(), "shards": keys,
                                              "summary": self.summary()}).encode(),
                                  dtype=np.uint8),
            "ids": np.frombuffer(self._ids, dtype=np.int64),
            "days": np.frombuffer(self._days, dtype=np.int32),
        }
        for number, key in enumerate(keys):
            arrays[f"shard{number}"] = self._shards[key].serialize()
        _write_atomically(path, lambda out: np.savez(out, allow_pickle=False, **arrays))

    @classmethod
    def load(cls, path: Path, fresh: WindowedIndex) -> WindowedIndex | None:
        """The index saved at ``path`` if it was built with ``fresh``'s parameters; None when
        it is missing, unreadable or different."""
        try:
            with path.open("rb") as file, np.load(file, allow_pickle=False) as saved:
                meta = json.loads(saved["meta"].tobytes().decode())
                if {k: meta.get(k) for k in fresh.params()} != fresh.params():
                    return None
                loaded = {key: _deserialize(saved[f"shard{n}"], fresh.dim)
                          for n, key in enumerate(meta["shards"])}
                ids, days = saved["ids"], saved["days"]
        except _UNREADABLE:
            return None
        shards = {key: shard for key, shard in loaded.items() if shard is not None}
        if len(shards) != len(loaded) or len(ids) != len(days):
            return None
        if sum(len(shard) for shard in shards.values()) != len(ids):
            return None
        fresh._shards = dict(shards)
        fresh._ids = array("q", ids.astype(np.int64).tobytes())
        fresh._days = array("i", days.astype(np.int32).tobytes())
        return fresh


def describe(window_days: int, exact_shard_size: int, summary: dict[str, Any],
             use_faiss: bool | None = None) -> str:
    """One line on an index, from its options and ``WindowedIndex.summary``; ``use_faiss``
    None: whether faiss-cpu can be imported (the kind of index a store would build)."""
    if use_faiss is None:
        use_faiss = _faiss_available()
    kind = "faiss" if use_faiss else "numpy, in memory (faiss-cpu is not installed)"
    days = max(1, window_days)
    approximate = int(summary.get("approximate_shards", 0))
    search = (f"{approximate} approximate (HNSW), the rest exact" if approximate else "all exact")
    rule = (f"a shard over {exact_shard_size} vectors becomes approximate"
            if exact_shard_size and use_faiss else "never approximate")
    shards = int(summary.get("shards", 0))
    return (f"{kind}: {summary.get('vectors', 0)} vectors in {shards} time "
            f"shard{'' if shards == 1 else 's'} of {days} days, {search}; {rule}")


def saved_summary(path: Path) -> dict[str, Any] | None:
    """The parameters and summary recorded in a saved index (without reading its shards);
    None when there is no readable index file."""
    try:
        with path.open("rb") as file, np.load(file, allow_pickle=False) as saved:
            meta = json.loads(saved["meta"].tobytes().decode())
    except _UNREADABLE:
        return None
    return meta if isinstance(meta, dict) and isinstance(meta.get("summary"), dict) else None


def _to_graph(shard: Any, dim: int) -> HnswIndex:
    """An exact shard rebuilt as an HNSW graph."""
    ids, vectors = shard.contents()
    graph = HnswIndex(dim)
    graph.add(ids, vectors)
    return graph


def _write_atomically(path: Path, write: Any) -> None:
    """Call ``write(file)`` on a temporary file beside ``path`` (named after this process,
    since several processes may share a server store's cache), then rename it over ``path``;
    on failure the temporary file is removed and the ``OSError`` raised (the shards are
    serialised in memory first, so every write error is Python's own, e.g. ENOSPC)."""
    tmp = path.with_suffix(f".{os.getpid()}.tmp")
    try:
        with tmp.open("wb") as out:
            write(out)
        os.replace(tmp, path)
    finally:
        tmp.unlink(missing_ok=True)


def _faiss_available() -> bool:
    """Whether faiss-cpu can be imported."""
    try:
        import faiss  # noqa: F401
    except ImportError:
        return False
    return True


def open_index(path: Path | None, dim: int, *, window_days: int, exact_shard_size: int,
               fresh: bool = False) -> WindowedIndex:
    """The index saved at ``path`` when it was built with these parameters, else a new empty
    one (``fresh`` ignores the file). Without faiss (or without a path) the shards are numpy
    arrays in memory."""
    use_faiss = path is not None and _faiss_available()
    index = WindowedIndex(dim, window_days, exact_shard_size, use_faiss=use_faiss)
    if use_faiss and path is not None and path.exists() and not fresh:
        return WindowedIndex.load(path, index) or index
    return index
