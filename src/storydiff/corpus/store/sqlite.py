"""``SqliteStore``: the embedded ``CorpusStore``, one folder with a SQLite database (WAL mode,
``sqlite_db``) and a vector index file.

The database is the source of truth; the vector index file is a cache rebuilt from it whenever
the two disagree (e.g. after a crash). The meta row ``generation`` counts committed batches:
readers key caches on it (``write_marker``).

A store whose folder or files cannot be written is opened read-only (reads work; ``lock``
raises ``StoreReadOnlyError``), as long as no crash left a write-ahead log to replay.

The queries shared with the PostgreSQL store live in ``sql.SqlStore``; this class adds the
connection, the lock file, transactions, error mapping and SQLite's dialect.
"""

from __future__ import annotations

import sqlite3
from collections.abc import Iterator, Sequence
from contextlib import contextmanager
from pathlib import Path
from typing import TYPE_CHECKING, Any

from ..._errors import StoreError, StoreReadOnlyError
from .files import WriteLock
from .sql import INDEX_NAME, SqlStore
from .sqlite_db import DB_NAME, connect, rows_in, store_error

if TYPE_CHECKING:
    from ..batches import Prepared

__all__ = ["INDEX_NAME", "SqliteStore"]


class SqliteStore(SqlStore):
    """The SQLite side of a corpus folder: connection, schema, write lock, transactions and
    every query of corpus mode (``CorpusStore``).

    Args:
        folder: the store folder; created on first use unless ``create`` is false.

    Raises:
        StoreError: the folder is a file, holds a corrupt or locked store or one of another
            version, or (with ``create=False``) does not exist.
    """

    _ADD_BAND_KEY = "INSERT OR IGNORE INTO lsh VALUES (?, ?)"
    _ADD_LINK = "INSERT OR REPLACE INTO links VALUES (?, ?, ?, ?)"
    _SAVE_STORY = "INSERT OR REPLACE INTO stories VALUES (?, ?, ?, ?, ?, ?, ?)"

    def __init__(self, folder: Path, *, create: bool = True) -> None:
        self.folder = folder
        if not folder.exists():
            if not create:
                raise StoreError(f"no store at {folder}; run 'storydiff ingest' first")
            folder.mkdir(parents=True)
        elif not folder.is_dir():
            raise StoreError(f"{folder} is a file, not a store folder; pass a folder")
        self.db, self._read_only = connect(folder / DB_NAME)
        self._lock = WriteLock(folder)

    # -- the store itself ------------------------------------------------------------------

    @property
    def backend(self) -> str:
        """What the store is: ``sqlite <folder>``."""
        return f"sqlite {self.folder}"

    def lock(self) -> None:
        """Take the writer's lock, or raise StoreError when another process holds it (and
        StoreReadOnlyError when the store cannot be written)."""
        if self._read_only:
            raise StoreReadOnlyError(
                f"the store {self.folder} is read-only (its folder or files cannot be written): "
                "it can be read but not added to; make them writable (e.g. chmod -R u+w "
                f"{self.folder}, or check the owner and the mount) or ingest into a new store")
        self._lock.acquire()

    def unlock(self) -> None:
        """Release the writer's lock."""
        self._lock.release()

    def close(self) -> None:
        """Release the lock and close the database."""
        self.unlock()
        try:
            self.db.close()
        except sqlite3.Error as exc:  # pragma: no cover - closing a broken connection
            raise StoreError(f"could not close the store {self.folder}: {exc}") from None

    @contextmanager
    def write_batch(self) -> Iterator[None]:
        """One immediate transaction around the writes of a batch: committed with the
        generation advanced, or rolled back on any exception (database errors become
        StoreError)."""
        try:
            self.db.execute("BEGIN IMMEDIATE")
            yield
            self.db.execute("INSERT INTO meta VALUES ('generation', '1') ON CONFLICT(key) DO "
                            "UPDATE SET value = CAST(value AS INTEGER) + 1")
            self.db.execute("COMMIT")
        except BaseException as exc:
            if self.db.in_transaction:
                self.db.execute("ROLLBACK")
            if isinstance(exc, sqlite3.DatabaseError):
                raise store_error(exc, self._path) from None
            raise

    def record_encoder_name(self, name: str) -> None:
        """Remember the encoder ("name/dim") the store is built with."""
        self._execute("INSERT OR REPLACE INTO meta VALUES ('encoder', ?)", (name,))

    # -- running SQL -----------------------------------------------------------------------

    def query(self, sql: str, params: tuple[Any, ...] | list[Any] = ()) -> list[tuple[Any, ...]]:
        """Run a read query and return every row; database errors become StoreError. (Not
        part of ``CorpusStore``: for tests and benchmarks that inspect this store.)"""
        try:
            return self.db.execute(sql, params).fetchall()
        except sqlite3.DatabaseError as exc:
            raise store_error(exc, self._path) from None
        except OverflowError:  # a parameter beyond SQLite's 64-bit integers matches no row
            return []

    @property
    def _path(self) -> Path:
        """The database file."""
        return self.folder / DB_NAME

    def _insert_article(self, item: Prepared) -> int:
        """Insert the article row (SQLite draws the id), then point it at itself."""
        doc = item.doc
        cursor = self._execute(
            "INSERT INTO articles (content_hash, source, url, title, published, language, "
            "clean_text, story_id, dup_group, component) VALUES (?, ?, ?, ?, ?, ?, ?, 0, 0, 0)",
            (item.hash, doc.source, item.url, doc.title, doc.published, doc.language,
             doc.clean_text))
        new_id = int(cursor.lastrowid or 0)
        self._execute("UPDATE articles SET story_id = ?, dup_group = ?, component = ? "
                      "WHERE id = ?", (new_id, new_id, new_id, new_id))
        return new_id

    def _load(self, table: str, columns: Sequence[str], rows: list[tuple[Any, ...]]) -> None:
        """``executemany`` of one INSERT (SQLite has no faster way in)."""
        self._execute_many(f"INSERT INTO {table} ({', '.join(columns)}) VALUES "
                           f"({', '.join('?' * len(columns))})", rows)

    def _database_bytes(self) -> int:
        """The size of the database file and its write-ahead log."""
        return sum(p.stat().st_size for p in self.folder.glob(f"{DB_NAME}*") if p.is_file())

    def _in(self, values: Sequence[Any]) -> tuple[str, list[Any]]:
        """``IN (?, …)`` with one placeholder a value."""
        return f"IN ({','.join('?' * len(values))})", list(values)

    def _rows_in(self, sql: str, ids: Sequence[int], *extra: Any) -> list[tuple[Any, ...]]:
        """``rows_in`` on this database (chunks of ``IN`` lists); database errors become
        StoreError."""
        try:
            return rows_in(self.db, sql, list(ids), *extra)
        except sqlite3.DatabaseError as exc:
            raise store_error(exc, self._path) from None

    def _execute(self, sql: str, params: tuple[Any, ...] | list[Any]) -> sqlite3.Cursor:
        """Run one write; database errors become StoreError."""
        try:
            return self.db.execute(sql, params)
        except sqlite3.DatabaseError as exc:
            raise store_error(exc, self._path) from None

    def _execute_many(self, sql: str, rows: list[tuple[Any, ...]]) -> None:
        """Run one write for each row; database errors become StoreError."""
        try:
            self.db.executemany(sql, rows)
        except sqlite3.DatabaseError as exc:
            raise store_error(exc, self._path) from None
