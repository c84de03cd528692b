"""The SQLite database of an embedded store: its schema, how it is opened (WAL mode, or
read-only when it cannot be written), the typed errors of SQLite, and chunked ``IN`` queries.

Tables: ``articles`` (metadata, clean text, story and near-duplicate group), ``documents``
(the analysed Document, compressed), ``features`` (MinHash signature, embedding, entity keys),
``lsh`` (band keys, indexed), ``links`` (near-duplicate and same-story edges), ``stories``
(a cached summary a story), ``meta`` (schema version, encoder, write generation).
"""

from __future__ import annotations

import os
import sqlite3
from pathlib import Path
from typing import Any

from ..._errors import StoreError, StoreFullError, StoreReadOnlyError
from .sql import SCHEMA_VERSION, schema

__all__ = ["DB_NAME", "SCHEMA_VERSION", "connect", "rows_in", "store_error"]

DB_NAME = "corpus.sqlite"

#: Ids per chunk of an ``IN`` query (under SQLite's bound on parameters).
_CHUNK = 500

_SCHEMA = schema(serial="INTEGER", integer="INTEGER", blob="BLOB", real="REAL",
                 without_rowid=True)


def connect(path: Path) -> tuple[sqlite3.Connection, bool]:
    """The database at ``path`` in WAL mode with its schema checked (or created), and whether
    it is read-only: a store that cannot be written is opened for reading instead.

    Raises:
        StoreError: the database is corrupt, locked, of another schema version, or read-only
            with a write-ahead log that a crash left to replay.
    """
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
            return _connect_read_only(path, error), True
        raise error from None
    return db, False


def _connect_read_only(path: Path, why: StoreReadOnlyError) -> sqlite3.Connection:
    """The database opened for reading only (``immutable``: nobody can write it either), or
    ``why`` when a write-ahead log left by a crash would have to be replayed first."""
    wal = path.with_name(path.name + "-wal")
    if wal.exists() and wal.stat().st_size > 0:
        raise why
    try:
        db = sqlite3.connect(f"{path.resolve().as_uri()}?immutable=1", uri=True,
                             isolation_level=None)
        _check_version(db, path)
    except sqlite3.DatabaseError as exc:
        raise store_error(exc, path) from None
    return db


def rows_in(db: sqlite3.Connection, sql: str, ids: list[int],
            *extra: Any) -> list[tuple[Any, ...]]:
    """The rows of ``sql`` for ``ids``, queried in chunks of 500 (under SQLite's bound on
    parameters): each ``{ids}`` in ``sql`` (after a column) becomes ``IN`` the chunk's
    placeholders; ``extra`` parameters follow them."""
    out: list[tuple[Any, ...]] = []
    for start in range(0, len(ids), _CHUNK):
        chunk = ids[start:start + _CHUNK]
        marks = ",".join("?" * len(chunk))
        out += db.execute(sql.replace("{ids}", f"IN ({marks})"),
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


def _writable(path: Path) -> bool:
    """Whether the database file (or, when missing, its folder) can be written."""
    target = path if path.exists() else path.parent
    return os.access(target, os.W_OK)
