"""The embedded store: one folder with a SQLite database (WAL mode) and a vector index file.

Tables: ``articles`` (metadata, clean text, story and near-duplicate group), ``documents``
(the analysed Document, compressed), ``features`` (MinHash signature, embedding, entity keys),
``lsh`` (band keys, indexed), ``links`` (near-duplicate and same-story edges), ``stories``
(a cached summary a story). The database is the source of truth; the vector index file is a
cache rebuilt from it whenever the two disagree (e.g. after a crash). The meta row
``generation`` counts committed batches: readers key caches on it (``Store.write_marker``).

A store whose folder or files cannot be written is opened read-only (reads work; ``lock``
raises ``StoreReadOnlyError``), as long as no crash left a write-ahead log to replay.
"""

from __future__ import annotations

import errno
import fcntl
import os
import sqlite3
from pathlib import Path
from typing import Any

from .._errors import StoreError, StoreFullError, StoreReadOnlyError

__all__ = ["SCHEMA_VERSION", "Store", "os_store_error", "store_error"]

SCHEMA_VERSION = "1"
DB_NAME = "corpus.sqlite"
INDEX_NAME = "vectors.faiss"
LOCK_NAME = "write.lock"

_SCHEMA = """
CREATE TABLE IF NOT EXISTS meta (key TEXT PRIMARY KEY, value TEXT NOT NULL);
CREATE TABLE IF NOT EXISTS articles (
    id INTEGER PRIMARY KEY,
    content_hash TEXT NOT NULL UNIQUE,
    source TEXT NOT NULL,
    url TEXT,
    title TEXT,
    published TEXT,
    language TEXT NOT NULL,
    clean_text TEXT NOT NULL,
    story_id INTEGER NOT NULL,
    dup_group INTEGER NOT NULL,
    component INTEGER NOT NULL
);
CREATE INDEX IF NOT EXISTS articles_component ON articles(component);
CREATE INDEX IF NOT EXISTS articles_story ON articles(story_id);
CREATE INDEX IF NOT EXISTS articles_dup ON articles(dup_group);
CREATE TABLE IF NOT EXISTS documents (article_id INTEGER PRIMARY KEY, data BLOB NOT NULL);
CREATE TABLE IF NOT EXISTS features (
    article_id INTEGER PRIMARY KEY,
    signature BLOB NOT NULL,
    embedding BLOB NOT NULL,
    entities TEXT NOT NULL
);
CREATE TABLE IF NOT EXISTS lsh (
    key INTEGER NOT NULL, article_id INTEGER NOT NULL, PRIMARY KEY (key, article_id)
) WITHOUT ROWID;
CREATE TABLE IF NOT EXISTS links (
    a INTEGER NOT NULL, b INTEGER NOT NULL, kind TEXT NOT NULL, score REAL NOT NULL,
    PRIMARY KEY (a, b, kind)
) WITHOUT ROWID;
CREATE INDEX IF NOT EXISTS links_b ON links(b);
CREATE TABLE IF NOT EXISTS stories (
    id INTEGER PRIMARY KEY,
    size INTEGER NOT NULL,
    languages TEXT NOT NULL,
    sources TEXT NOT NULL,
    first_seen TEXT,
    last_seen TEXT,
    headline TEXT NOT NULL
);
CREATE INDEX IF NOT EXISTS stories_size ON stories(size);
"""


class Store:
    """The SQLite side of a corpus folder: connection, schema, write lock, transactions."""

    def __init__(self, folder: Path, *, create: bool = True) -> None:
        self.folder = folder
        if not folder.exists():
            if not create:
                raise StoreError(f"no store at {folder}; run 'storydiff ingest' first")
            folder.mkdir(parents=True)
        elif not folder.is_dir():
            raise StoreError(f"{folder} is a file, not a store folder; pass a folder")
        self.read_only = False
        self.db = self._connect(folder / DB_NAME)
        self._lock_fd: int | None = None

    @property
    def index_path(self) -> Path:
        """Where the vector index file lives."""
        return self.folder / INDEX_NAME

    def _connect(self, path: Path) -> sqlite3.Connection:
        """Open the database, set WAL mode and check (or create) the schema; a store that
        cannot be written is opened read-only instead."""
        db: sqlite3.Connection | None = None
        try:
            db = sqlite3.connect(path, timeout=5.0, isolation_level=None)
            db.execute("PRAGMA journal_mode=WAL")
            db.execute("PRAGMA synchronous=NORMAL")
            db.executescript(_SCHEMA)
            _check_version(db, path)
        except sqlite3.DatabaseError as exc:
            if db is not None:
                db.close()
            error = store_error(exc, path)
            if isinstance(error, StoreReadOnlyError) and path.exists():
                return self._connect_read_only(path, error)
            raise error from None
        return db

    def _connect_read_only(self, path: Path, why: StoreReadOnlyError) -> sqlite3.Connection:
        """The database opened for reading only (``immutable``: nobody can write it either),
        or ``why`` when a write-ahead log left by a crash would have to be replayed first."""
        wal = path.with_name(path.name + "-wal")
        if wal.exists() and wal.stat().st_size > 0:
            raise why
        try:
            db = sqlite3.connect(f"{path.resolve().as_uri()}?immutable=1", uri=True,
                                 isolation_level=None)
            _check_version(db, path)
        except sqlite3.DatabaseError as exc:
            raise store_error(exc, path) from None
        self.read_only = True
        return db

    def write_marker(self) -> str:
        """Changes whenever a batch is committed (by any process): the key of reader caches."""
        return self.meta("generation") or "0"

    def meta(self, key: str) -> str | None:
        """A value of the meta table, or None."""
        row = self.query("SELECT value FROM meta WHERE key = ?", (key,))
        return str(row[0][0]) if row else None

    def query(self, sql: str, params: tuple[Any, ...] | list[Any] = ()) -> list[tuple[Any, ...]]:
        """Run a read query and return every row; database errors become StoreError."""
        try:
            return self.db.execute(sql, params).fetchall()
        except sqlite3.DatabaseError as exc:
            raise store_error(exc, self.folder / DB_NAME) from None
        except OverflowError:  # a parameter beyond SQLite's 64-bit integers matches no row
            return []

    def lock(self) -> None:
        """Take the writer's lock, or raise StoreError when another process holds it (and
        StoreReadOnlyError when the store cannot be written)."""
        if self.read_only:
            raise StoreReadOnlyError(
                f"the store {self.folder} is read-only (its folder or files cannot be written): "
                "it can be read but not added to; make them writable (e.g. chmod -R u+w "
                f"{self.folder}, or check the owner and the mount) or ingest into a new store")
        path = self.folder / LOCK_NAME
        try:
            fd = os.open(path, os.O_RDWR | os.O_CREAT, 0o644)
        except OSError as exc:
            raise os_store_error(exc, path, "open the write lock") from None
        try:
            fcntl.flock(fd, fcntl.LOCK_EX | fcntl.LOCK_NB)
        except BlockingIOError:
            os.close(fd)
            raise StoreError(f"the store {self.folder} is locked: another storydiff process is "
                             "writing to it; wait for it to finish") from None
        self._lock_fd = fd

    def unlock(self) -> None:
        """Release the writer's lock."""
        if self._lock_fd is not None:
            fcntl.flock(self._lock_fd, fcntl.LOCK_UN)
            os.close(self._lock_fd)
            self._lock_fd = None

    def close(self) -> None:
        """Release the lock and close the database."""
        self.unlock()
        self.db.close()


def rows_in(db: sqlite3.Connection, sql: str, ids: list[int],
            *extra: Any) -> list[tuple[Any, ...]]:
    """The rows of ``sql`` for ``ids``, queried in chunks of 500 (under SQLite's bound on
    parameters): each ``{ids}`` in ``sql`` takes the chunk's placeholders; ``extra`` parameters
    follow them."""
    out: list[tuple[Any, ...]] = []
    for start in range(0, len(ids), 500):
        chunk = ids[start:start + 500]
        marks = ",".join("?" * len(chunk))
        out += db.execute(sql.replace("{ids}", marks),
                          chunk * sql.count("{ids}") + list(extra)).fetchall()
    return out


def _check_version(db: sqlite3.Connection, path: Path) -> None:
    """Record the schema version in a new store; refuse a store of another version."""
    row = db.execute("SELECT value FROM meta WHERE key = 'schema_version'").fetchone()
    if row is None:
        db.execute("INSERT INTO meta VALUES ('schema_version', ?)", (SCHEMA_VERSION,))
    elif row[0] != SCHEMA_VERSION:
        raise StoreError(f"{path} holds store schema {row[0]}, this storydiff reads "
                         f"{SCHEMA_VERSION}; ingest into a new store")


def store_error(exc: sqlite3.DatabaseError, path: Path) -> StoreError:
    """A typed StoreError that says whether the database is locked, read-only, on a full disk,
    failing to write, or corrupt."""
    text = str(exc)
    lowered = text.lower()
    if "readonly" in lowered or "read-only" in lowered or (
            "unable to open" in lowered and not _writable(path)):
        return StoreReadOnlyError(
            f"the store {path.parent} is read-only ({text}): storydiff needs to write its folder "
            "and files; check their permissions and owner (e.g. chmod -R u+w "
            f"{path.parent}) and that the disk is not mounted read-only")
    if "locked" in lowered or "busy" in lowered:
        return StoreError(f"the store {path.parent} is locked by another process ({text}); "
                          "wait for it to finish")
    if "full" in lowered:
        return StoreFullError(f"the disk holding the store {path.parent} is full ({text}); the "
                              "batch was not stored: free some space and run the command again")
    if "i/o error" in lowered:
        return StoreError(f"could not write the store {path.parent} ({text}): the disk may be "
                          "full or failing; free space, check the disk and run the command again")
    if "unable to open" in lowered:
        return StoreError(f"cannot open the store database {path} ({text}); check that the "
                          "folder exists and is accessible")
    return StoreError(f"the store database {path} is unreadable ({text}): it is corrupt or "
                      "not a storydiff store; restore it or ingest into a new store")


def os_store_error(exc: OSError, path: Path, doing: str) -> StoreError:
    """A typed StoreError for a file-system error while trying to ``doing`` at ``path``."""
    reason = exc.strerror or str(exc)
    if exc.errno in (errno.ENOSPC, errno.EFBIG, errno.EDQUOT):
        return StoreFullError(f"could not {doing} at {path}: {reason}; free some space (or "
                              "raise the file-size limit) and run the command again")
    if exc.errno in (errno.EACCES, errno.EPERM, errno.EROFS):
        return StoreReadOnlyError(f"could not {doing} at {path}: {reason}; the store is "
                                  "read-only: check the permissions and owner of its folder and "
                                  "files, and that the disk is not mounted read-only")
    if isinstance(exc, IsADirectoryError):
        return StoreError(f"could not {doing}: {path} is a directory, not storydiff's file; "
                          "remove or rename it (storydiff creates the file again)")
    return StoreError(f"could not {doing} at {path}: {reason}")


def _writable(path: Path) -> bool:
    """Whether the database file (or, when missing, its folder) can be written."""
    target = path if path.exists() else path.parent
    return os.access(target, os.W_OK)
