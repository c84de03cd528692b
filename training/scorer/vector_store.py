"""A persistent text → vector cache on disk (``training/cache``), keyed by a hash of the text."""

from __future__ import annotations

import hashlib
import time
from collections.abc import Callable, Sequence
from pathlib import Path

import numpy as np

CACHE_DIR = Path(__file__).resolve().parents[1] / "cache"


def text_key(text: str) -> str:
    """A stable key for one text."""
    return hashlib.sha1(text.encode("utf-8")).hexdigest()


class VectorStore:
    """Vectors of texts for one model, saved as ``<cache>/<name>.npz`` (keys and a matrix)."""

    def __init__(self, name: str, cache_dir: Path = CACHE_DIR) -> None:
        self.path = cache_dir / f"{name}.npz"
        self._vectors: dict[str, np.ndarray] = {}
        if self.path.exists():
            data = np.load(self.path)
            self._vectors = dict(zip(data["keys"].tolist(), data["vectors"], strict=True))

    def __contains__(self, text: str) -> bool:
        return text_key(text) in self._vectors

    def __len__(self) -> int:
        return len(self._vectors)

    def get(self, text: str) -> np.ndarray:
        """The stored vector of ``text`` (KeyError when absent)."""
        return self._vectors[text_key(text)]

    def put(self, texts: Sequence[str], vectors: np.ndarray) -> None:
        """Store vectors for ``texts`` (in memory; call ``save`` to persist)."""
        for text, vec in zip(texts, vectors, strict=True):
            self._vectors[text_key(text)] = np.asarray(vec, dtype=np.float32)

    def save(self) -> None:
        """Write the store to disk atomically."""
        self.path.parent.mkdir(parents=True, exist_ok=True)
        keys = np.array(list(self._vectors), dtype="U40")
        matrix = np.stack(list(self._vectors.values())) if self._vectors else np.zeros((0, 1))
        tmp = self.path.with_suffix(".tmp.npz")
        np.savez(tmp, keys=keys, vectors=matrix.astype(np.float32))
        tmp.replace(self.path)

    def fill(self, texts: Sequence[str], encode: Callable[[list[str]], np.ndarray],
             batch: int = 16, log: Callable[[str], None] = print,
             save_every_s: float = 60.0) -> None:
        """Encode every text not yet stored, in batches, saving at least every ``save_every_s``."""
        todo = [t for t in dict.fromkeys(texts) if t not in self]
        last = time.monotonic()
        for start in range(0, len(todo), batch):
            chunk = todo[start:start + batch]
            self.put(chunk, encode(chunk))
            if time.monotonic() - last > save_every_s:
                self.save()
                last = time.monotonic()
                log(f"{self.path.name}: {start + len(chunk)}/{len(todo)}")
        self.save()
