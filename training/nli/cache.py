"""A resumable on-disk cache of sentence embeddings, keyed by a hash of the text."""

from __future__ import annotations

import hashlib
import time
from collections.abc import Sequence
from pathlib import Path
from typing import Protocol

import numpy as np


class Encoder(Protocol):
    """Anything that embeds a list of texts (storydiff.embed.Encoder fits)."""

    def encode(self, texts: list[str]) -> np.ndarray:
        """Unit vectors, one per text."""
        ...

CACHE_DIR = Path(__file__).resolve().parents[1] / "cache"
SHARD_SIZE = 512


def text_key(text: str) -> str:
    """The cache key of a text (hex blake2b digest)."""
    return hashlib.blake2b(text.encode("utf-8"), digest_size=16).hexdigest()


class EmbeddingCache:
    """Embeddings stored as ``emb-*.npz`` shards (keys + float32 vectors) in one folder."""

    def __init__(self, folder: Path = CACHE_DIR, prefix: str = "nli-emb") -> None:
        self.folder = folder
        self.prefix = prefix
        folder.mkdir(parents=True, exist_ok=True)
        self._vectors: dict[str, np.ndarray] = {}
        for shard in sorted(folder.glob(f"{prefix}-*.npz")):
            with np.load(shard) as data:
                for key, vec in zip(data["keys"], data["vectors"], strict=True):
                    self._vectors[str(key)] = vec

    def __contains__(self, text: str) -> bool:
        return text_key(text) in self._vectors

    def missing(self, texts: Sequence[str]) -> list[str]:
        """Distinct texts not yet in the cache, in first-seen order."""
        return [t for t in dict.fromkeys(texts) if text_key(t) not in self._vectors]

    def fill(self, texts: Sequence[str], encoder: Encoder, batch: int = 64) -> None:
        """Embed every missing text, writing a shard each ``SHARD_SIZE`` texts."""
        todo = self.missing(texts)
        start = time.time()
        for lo in range(0, len(todo), SHARD_SIZE):
            chunk = todo[lo : lo + SHARD_SIZE]
            vecs = np.concatenate([encoder.encode(list(chunk[i : i + batch]))
                                   for i in range(0, len(chunk), batch)])
            self._write_shard(chunk, vecs)
            done = lo + len(chunk)
            rate = (time.time() - start) / done
            print(f"{done}/{len(todo)} texts, {1000 * rate:.1f} ms/text", flush=True)

    def _write_shard(self, texts: list[str], vecs: np.ndarray) -> None:
        """Persist one shard atomically and add it to memory."""
        keys = np.array([text_key(t) for t in texts])
        name = f"{self.prefix}-{int(time.time() * 1000)}-{keys[0][:8]}.npz"
        tmp = self.folder / (name + ".tmp.npz")
        np.savez(tmp, keys=keys, vectors=vecs.astype(np.float32))
        tmp.rename(self.folder / name)
        for key, vec in zip(keys, vecs, strict=True):
            self._vectors[str(key)] = vec

    def get(self, texts: Sequence[str]) -> np.ndarray:
        """Cached vectors of texts, shape ``(len(texts), dim)``; KeyError when one is missing."""
        return np.stack([self._vectors[text_key(t)] for t in texts]).astype(np.float32)
