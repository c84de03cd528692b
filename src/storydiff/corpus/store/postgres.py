"""``PostgresStore``: the server ``CorpusStore``, a PostgreSQL database (``postgres_db``) that
several ingest processes may write at once, and a local vector index cache.

Concurrent writers: each batch is one transaction that first takes a transaction-level advisory
lock (``pg_advisory_xact_lock``), so batches of different processes interleave but never
overlap; ids are drawn under that lock, so they grow in commit order. ``Corpus`` re-checks which
articles are stored inside the batch, so an article two processes ingest at once is stored once.
``lock`` only registers the process as a writer (a shared session-level advisory lock, which
never blocks another writer) and refuses a read-only server.

Candidate search runs in the database with pgvector where the extension could be had when
the store was created (``pgvector``); otherwise the vector index is a cache of ``embeddings``,
like the SQLite store's file, kept in the local cache folder
``$XDG_CACHE_HOME/storydiff/stores/<store id>/`` (``~/.cache`` by default).
"""

from __future__ import annotations

import os
from collections.abc import Iterable, Iterator, Sequence
from contextlib import contextmanager, suppress
from pathlib import Path
from typing import TYPE_CHECKING, Any

import psycopg

from ..._errors import StoreError, StoreReadOnlyError
from .files import os_store_error
from .pgvector import PgVectorIndex, create_table
from .pgvector import row as vector_row
from .postgres_db import BATCH_KEY, SCHEMA_KEY, TABLES, WRITERS_KEY, connect, shown, store_error
from .sql import SqlStore

if TYPE_CHECKING:
    from ..batches import Prepared
    from ..types import StorySummary
    from .interface import Link, LoadRow

__all__ = ["PostgresStore", "cache_folder"]


def cache_folder(store_id: str) -> Path:
    """The local folder of a server store's caches (its vector index)."""
    base = os.environ.get("XDG_CACHE_HOME") or str(Path.home() / ".cache")
    return Path(base) / "storydiff" / "stores" / store_id


class PostgresStore(SqlStore):
    """A PostgreSQL database as corpus store (``CorpusStore``): the connection, advisory
    locks, transactions, error mapping and PostgreSQL's dialect; the queries shared with the
    SQLite store live in ``sql.SqlStore``.

    Args:
        address: ``postgresql://user@host/database`` (any libpq URI).
        create: create the tables when missing (else StoreError).

    Raises:
        StoreError: psycopg is missing, the server cannot be reached, or the database holds a
            store of another version (or, with ``create=False``, none).
    """

    _PARAM = "%s"
    _ILIKE = "ILIKE"
    _NULLS_LAST = " NULLS LAST"
    _COLLATE = ' COLLATE "C"'
    _ADD_BAND_KEY = "INSERT INTO lsh VALUES (%s, %s) ON CONFLICT DO NOTHING"
    _ADD_LINK = ("INSERT INTO links VALUES (%s, %s, %s, %s) ON CONFLICT (a, b, kind) "
                 "DO UPDATE SET score = excluded.score")
    _SAVE_STORY = (
        "INSERT INTO stories VALUES (%s, %s, %s, %s, %s, %s, %s) ON CONFLICT (id) DO UPDATE "
        "SET size = excluded.size, languages = excluded.languages, sources = "
        "excluded.sources, first_seen = excluded.first_seen, last_seen = excluded.last_seen, "
        "headline = excluded.headline")

    def __init__(self, address: str, *, create: bool = True) -> None:
        self.address = address
        self.db, self._read_only, store_id = connect(address, create=create)
        self.folder = cache_folder(store_id)
        self._writer = False
        kind = self._meta("vector_index") or "local"
        #: the schema of pgvector when the store searches its vectors in the database
        self.pgvector_schema = kind.removeprefix("pgvector:") if kind != "local" else None
        try:
            self.folder.mkdir(parents=True, exist_ok=True)
        except OSError as exc:
            self.db.close()
            raise os_store_error(exc, self.folder, "create the vector index cache") from None

    # -- the store itself ------------------------------------------------------------------

    @property
    def backend(self) -> str:
        """What the store is: ``postgresql <address>`` (password hidden)."""
        return f"postgresql {shown(self.address)}"

    def lock(self) -> None:
        """Register this process as a writer (a shared advisory lock: other writers are not
        blocked; batches are serialised by ``write_batch``); StoreError while an exclusive
        maintenance lock is held, StoreReadOnlyError on a read-only server."""
        if self._read_only:
            raise StoreReadOnlyError(
                f"the PostgreSQL store {shown(self.address)} is read-only (a standby or a "
                "read-only default): it can be read but not added to; connect to the primary")
        if not self._writer:
            if not self._one("SELECT pg_try_advisory_lock_shared(%s, "
                             "hashtext(current_schema()))", (WRITERS_KEY,)):
                raise StoreError(f"the store {shown(self.address)} is locked for maintenance "
                                 "by another session; wait for it to finish")
            self._writer = True

    def unlock(self) -> None:
        """Unregister this process as a writer (a lost connection has released it already)."""
        if self._writer:
            self._writer = False
            with suppress(psycopg.Error):  # a lost session has released its locks already
                self.db.execute("SELECT pg_advisory_unlock_shared(%s, hashtext(current_schema()))",
                                (WRITERS_KEY,))

    def close(self) -> None:
        """Unregister as a writer and close the connection."""
        self.unlock()
        self.db.close()

    @contextmanager
    def write_batch(self) -> Iterator[None]:
        """One transaction around the writes of a batch, after the batch lock: committed with
        the generation advanced, or rolled back on any exception (a lost server included:
        database errors become StoreError)."""
        try:
            with self.db.transaction():
                self.db.execute("SELECT pg_advisory_xact_lock(%s, hashtext(current_schema()))",
                                (BATCH_KEY,))
                yield
                self.db.execute("INSERT INTO meta VALUES ('generation', '1') ON CONFLICT (key) "
                                "DO UPDATE SET value = (meta.value::bigint + 1)::text")
        except psycopg.Error as exc:
            raise store_error(exc, self.address) from None

    def record_encoder_name(self, name: str) -> None:
        """Remember the encoder ("name/dim") the store is built with (the first one wins);
        with pgvector, create the ``vectors`` table of that size and its HNSW index."""
        self._execute("INSERT INTO meta VALUES ('encoder', %s) ON CONFLICT (key) DO NOTHING",
                      (name,))
        if self.pgvector_schema is not None:
            dim = int(str(self.encoder_name()).rsplit("/", 1)[-1])
            try:
                with self.db.transaction():  # one process at a time, as for the other tables
                    self.db.execute("SELECT pg_advisory_xact_lock(%s, hashtext(current_schema()))",
                                    (SCHEMA_KEY,))
                    create_table(self.db.execute, self.pgvector_schema, dim)
            except psycopg.Error as exc:
                raise store_error(exc, self.address) from None

    def server_index(self, window_days: int) -> PgVectorIndex | None:
        """The pgvector index in the database, when the store has one (else None: the corpus
        keeps a local index)."""
        if self.pgvector_schema is None or not self.query(
                "SELECT to_regclass('vectors') IS NOT NULL")[0][0]:
            return None
        return PgVectorIndex(self.query, self.pgvector_schema, window_days,
                             shown(self.address))

    def add_article(self, item: Prepared) -> int:
        """Insert the article, document and feature rows (and, with pgvector, its vector
        row); returns the new id."""
        new_id = super().add_article(item)
        if self.pgvector_schema is not None:
            self._execute("INSERT INTO vectors VALUES (%s, %s, %s)",
                          vector_row(new_id, item.doc.published, item.vector))
        return new_id

    def bulk_load(self, articles: Iterable[LoadRow], links: Iterable[Link],
                  stories: Iterable[tuple[StorySummary, str | None]]) -> None:
        """``SqlStore.bulk_load`` by COPY; with pgvector, the HNSW graph is dropped first and
        built once over the loaded vectors (about 1.1 ms a vector against 5.5 ms an insert,
        docs/scale.md). The id sequence then continues after the loaded ids."""
        if self.pgvector_schema is not None:
            self._execute("DROP INDEX IF EXISTS vectors_hnsw", ())
        super().bulk_load(articles, links, stories)
        if self.pgvector_schema is not None:
            dim = int(str(self.encoder_name()).rsplit("/", 1)[-1])
            create_table(lambda sql: self._execute(sql, ()), self.pgvector_schema, dim)
        self._execute("SELECT setval(pg_get_serial_sequence('articles', 'id'), "
                      "COALESCE(MAX(id), 0) + 1, false) FROM articles", ())

    def _loaded(self, chunk: list[LoadRow]) -> None:
        """With pgvector, the chunk's vectors."""
        if self.pgvector_schema is not None:
            self._load("vectors", ("article_id", "day", "embedding"),
                       [vector_row(r.id, r.item.doc.published, r.item.vector) for r in chunk])

    # -- running SQL -----------------------------------------------------------------------

    def query(self, sql: str, params: tuple[Any, ...] | list[Any] = ()) -> list[tuple[Any, ...]]:
        """Run a query and return every row; database errors become StoreError. (Not part of
        ``CorpusStore``: for tests and benchmarks that inspect this store.)"""
        try:
            return self.db.execute(sql, params).fetchall()
        except psycopg.Error as exc:
            raise store_error(exc, self.address) from None

    def _insert_article(self, item: Prepared) -> int:
        """Insert the article row under an id drawn first (under the batch lock, so ids grow
        in commit order); its texts without NUL characters."""
        doc = item.doc
        new_id = int(self.query("SELECT nextval(pg_get_serial_sequence('articles', 'id'))")[0][0])
        self._execute(
            "INSERT INTO articles (id, content_hash, source, url, title, published, language, "
            "clean_text, story_id, dup_group, component) "
            "VALUES (%s, %s, %s, %s, %s, %s, %s, %s, %s, %s, %s)",
            (new_id, item.hash, _text(doc.source), _text(item.url), _text(doc.title),
             _text(doc.published), doc.language, _text(doc.clean_text), new_id, new_id, new_id))
        return new_id

    def _text(self, value: str | None) -> str | None:
        """A text without NUL characters (PostgreSQL text cannot hold them)."""
        return _text(value)

    def _load(self, table: str, columns: Sequence[str], rows: list[tuple[Any, ...]]) -> None:
        """``COPY table (columns) FROM STDIN``, one row at a time into the copy stream."""
        if not rows:
            return
        try:
            with self.db.cursor() as cursor, cursor.copy(
                    f"COPY {table} ({', '.join(columns)}) FROM STDIN") as copy:
                for row in rows:
                    copy.write_row(row)
        except psycopg.Error as exc:
            raise store_error(exc, self.address) from None

    def _database_bytes(self) -> int:
        """The size of the store's tables (with their indexes and TOAST) in its schema."""
        return self._one(
            "SELECT COALESCE(SUM(pg_total_relation_size(c.oid)), 0) FROM pg_class c JOIN "
            "pg_namespace n ON n.oid = c.relnamespace WHERE n.nspname = current_schema() "
            "AND c.relkind = 'r' AND c.relname = ANY(%s)", (list(TABLES),))

    def _in(self, values: Sequence[Any]) -> tuple[str, list[Any]]:
        """``= ANY(%s)`` with the values as one array parameter."""
        return "= ANY(%s)", [list(values)]

    def _rows_in(self, sql: str, ids: Sequence[int], *extra: Any) -> list[tuple[Any, ...]]:
        """One query: each ``{ids}`` becomes ``= ANY(%s)`` with the ids as an array."""
        return self._read(sql.replace("{ids}", "= ANY(%s)"),
                          [list(ids)] * sql.count("{ids}") + list(extra))

    def _execute(self, sql: str, params: tuple[Any, ...] | list[Any]) -> None:
        """Run one write; database errors become StoreError."""
        try:
            self.db.execute(sql, params)
        except psycopg.Error as exc:
            raise store_error(exc, self.address) from None

    def _execute_many(self, sql: str, rows: list[tuple[Any, ...]]) -> None:
        """Run one write for each row; database errors become StoreError."""
        if not rows:
            return
        try:
            with self.db.cursor() as cursor:
                cursor.executemany(sql, rows)
        except psycopg.Error as exc:
            raise store_error(exc, self.address) from None


def _text(value: str | None) -> str | None:
    """A text without NUL characters (PostgreSQL text cannot hold them)."""
    return value.replace("\x00", "") if value is not None else None
