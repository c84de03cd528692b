"""``PostgresStore``: the server ``CorpusStore``, a PostgreSQL database (``postgres_db``) that
several ingest processes may write at once, and a local vector index cache.

Concurrent writers: each batch is one transaction that first takes a transaction-level advisory
lock (``pg_advisory_xact_lock``), so batches of different processes interleave but never
overlap; ids are drawn under that lock, so they grow in commit order. ``Corpus`` re-checks which
articles are stored inside the batch, so an article two processes ingest at once is stored once.
``lock`` only registers the process as a writer (a shared session-level advisory lock, which
never blocks another writer) and refuses a read-only server.

The vector index is a cache of ``embeddings``, like the SQLite store's file, kept in the local
cache folder ``$XDG_CACHE_HOME/storydiff/stores/<store id>/`` (``~/.cache`` by default).
"""

from __future__ import annotations

import json
import os
from collections.abc import Iterable, Iterator, Mapping, Sequence
from contextlib import contextmanager, suppress
from pathlib import Path
from typing import TYPE_CHECKING, Any

import numpy as np
import psycopg

from ..._errors import StoreError, StoreReadOnlyError
from ..linking import Profile
from ..types import ArticleRecord, Member, StorySummary
from .files import os_store_error
from .interface import Link
from .postgres_db import BATCH_KEY, TABLES, WRITERS_KEY, connect, shown, store_error

if TYPE_CHECKING:
    from ..batches import Prepared

__all__ = ["PostgresStore", "cache_folder"]

_MAX_ID = 2**63 - 1


def cache_folder(store_id: str) -> Path:
    """The local folder of a server store's caches (its vector index)."""
    base = os.environ.get("XDG_CACHE_HOME") or str(Path.home() / ".cache")
    return Path(base) / "storydiff" / "stores" / store_id


class PostgresStore:
    """A PostgreSQL database as corpus store (``CorpusStore``).

    Args:
        address: ``postgresql://user@host/database`` (any libpq URI).
        create: create the tables when missing (else StoreError).

    Raises:
        StoreError: psycopg is missing, the server cannot be reached, or the database holds a
            store of another version (or, with ``create=False``, none).
    """

    def __init__(self, address: str, *, create: bool = True) -> None:
        self.address = address
        self.db, self._read_only, store_id = connect(address, create=create)
        self.folder = cache_folder(store_id)
        self._writer = False
        try:
            self.folder.mkdir(parents=True, exist_ok=True)
        except OSError as exc:
            self.db.close()
            raise os_store_error(exc, self.folder, "create the vector index cache") from None

    # -- the store itself ------------------------------------------------------------------

    @property
    def read_only(self) -> bool:
        """Whether the store can only be read (``lock`` then raises StoreReadOnlyError)."""
        return self._read_only

    @property
    def index_path(self) -> Path:
        """Where the vector index cache file lives (in the local cache folder)."""
        return self.folder / "vectors.faiss"

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

    def write_marker(self) -> str:
        """Changes whenever a batch is committed (by any process): the key of reader caches."""
        return self._meta("generation") or "0"

    def encoder_name(self) -> str | None:
        """The encoder ("name/dim") the store was built with, or None when none yet."""
        return self._meta("encoder")

    def record_encoder_name(self, name: str) -> None:
        """Remember the encoder ("name/dim") the store is built with (the first one wins)."""
        self._write("INSERT INTO meta VALUES ('encoder', %s) ON CONFLICT (key) DO NOTHING",
                    (name,))

    # -- writing articles ------------------------------------------------------------------

    def known_hashes(self, hashes: Sequence[str]) -> set[str]:
        """Which of the content ``hashes`` are stored already."""
        if not hashes:
            return set()
        rows = self.query("SELECT content_hash FROM articles WHERE content_hash = ANY(%s)",
                          (list(hashes),))
        return {str(r[0]) for r in rows}

    def add_article(self, item: Prepared) -> int:
        """Insert the article, document and feature rows; returns the new id."""
        doc = item.doc
        new_id = int(self.query("SELECT nextval(pg_get_serial_sequence('articles', 'id'))")[0][0])
        self._write(
            "INSERT INTO articles (id, content_hash, source, url, title, published, language, "
            "clean_text, story_id, dup_group, component) "
            "VALUES (%s, %s, %s, %s, %s, %s, %s, %s, %s, %s, %s)",
            (new_id, item.hash, _text(doc.source), _text(item.url), _text(doc.title),
             _text(doc.published), doc.language, _text(doc.clean_text), new_id, new_id, new_id))
        self._write("INSERT INTO documents VALUES (%s, %s)", (new_id, item.document_blob()))
        self._write("INSERT INTO features VALUES (%s, %s, %s, %s)",
                    (new_id, item.signature.tobytes(), item.vector.tobytes(),
                     _text(item.entities_json())))
        return new_id

    def add_band_keys(self, article_id: int, keys: Sequence[int]) -> None:
        """Index an article under its LSH band keys."""
        self._write_many("INSERT INTO lsh VALUES (%s, %s) ON CONFLICT DO NOTHING",
                         [(int(k), article_id) for k in keys])

    def add_links(self, links: Iterable[Link]) -> None:
        """Record links (a link with the same ends and kind is replaced)."""
        self._write_many("INSERT INTO links VALUES (%s, %s, %s, %s) ON CONFLICT (a, b, kind) "
                         "DO UPDATE SET score = excluded.score", [tuple(link) for link in links])

    def merge_duplicate_groups(self, groups: Sequence[int], into: int) -> None:
        """Move every article of the near-duplicate ``groups`` to group ``into``."""
        self._write("UPDATE articles SET dup_group = %s WHERE dup_group = ANY(%s)",
                    (into, list(groups)))

    def merge_components(self, components: Sequence[int], into: int) -> None:
        """Move every article of the linked ``components`` to component ``into``."""
        self._write("UPDATE articles SET component = %s WHERE component = ANY(%s)",
                    (into, list(components)))

    def assign_stories(self, story_of: Mapping[int, int]) -> None:
        """Set the story of each article id."""
        self._write_many("UPDATE articles SET story_id = %s WHERE id = %s",
                         [(story, article) for article, story in story_of.items()])

    def save_story(self, summary: StorySummary, *, last_seen: str | None) -> None:
        """Store (or replace) the cached summary row of a story."""
        self._write(
            "INSERT INTO stories VALUES (%s, %s, %s, %s, %s, %s, %s) ON CONFLICT (id) DO UPDATE "
            "SET size = excluded.size, languages = excluded.languages, sources = "
            "excluded.sources, first_seen = excluded.first_seen, last_seen = excluded.last_seen, "
            "headline = excluded.headline",
            (summary.id, summary.size, _joined(summary.languages), _joined(summary.sources),
             summary.first_seen, last_seen, _text(summary.headline)))

    def delete_story(self, story_id: int) -> None:
        """Forget the cached summary row of a story."""
        self._write("DELETE FROM stories WHERE id = %s", (story_id,))

    # -- reading for linking and clustering ------------------------------------------------

    def lsh_candidates(self, keys: Sequence[int]) -> list[tuple[int, np.ndarray]]:
        """(id, MinHash signature) of each stored article indexed under any of ``keys``."""
        rows = self.query(
            "SELECT DISTINCT f.article_id, f.signature FROM lsh JOIN features f ON "
            "f.article_id = lsh.article_id WHERE lsh.key = ANY(%s)", ([int(k) for k in keys],))
        return [(int(i), np.frombuffer(b, dtype=np.uint32)) for i, b in rows]

    def duplicate_groups(self, ids: Sequence[int]) -> dict[int, int]:
        """The near-duplicate group of each of ``ids``."""
        return {int(i): int(g) for i, g in self.query(
            "SELECT id, dup_group FROM articles WHERE id = ANY(%s)", (list(ids),))}

    def components(self, ids: Sequence[int]) -> dict[int, int]:
        """The linked component of each of ``ids``."""
        return {int(i): int(c) for i, c in self.query(
            "SELECT id, component FROM articles WHERE id = ANY(%s)", (list(ids),))}

    def component_size(self, component: int, at_most: int) -> int:
        """How many articles a component holds, counted up to ``at_most``."""
        return self._one("SELECT COUNT(*) FROM (SELECT 1 FROM articles WHERE component = %s "
                         "LIMIT %s) AS found", (component, at_most))

    def profiles(self, ids: Iterable[int]) -> list[Profile]:
        """The linker's view of stored articles, in id order."""
        rows = self.query(
            "SELECT a.id, a.published, a.language, f.entities, f.embedding FROM articles a "
            "JOIN features f ON f.article_id = a.id WHERE a.id = ANY(%s) ORDER BY a.id",
            (sorted(ids),))
        return [Profile(int(i), p, lang, frozenset(json.loads(e)),
                        np.frombuffer(v, dtype=np.float32)) for i, p, lang, e, v in rows]

    def component_articles(self, component: int) -> list[tuple[int, int]]:
        """(id, story id) of every article of a component, by content hash."""
        rows = self.query("SELECT id, story_id FROM articles WHERE component = %s "
                          'ORDER BY content_hash COLLATE "C"', (component,))
        return [(int(i), int(s)) for i, s in rows]

    def story_articles(self, story_ids: Sequence[int]) -> list[tuple[int, int]]:
        """(id, story id) of every article of the stories, by content hash (then id)."""
        rows = self.query("SELECT id, story_id FROM articles WHERE story_id = ANY(%s) "
                          'ORDER BY content_hash COLLATE "C", id', (list(story_ids),))
        return [(int(i), int(s)) for i, s in rows]

    def stories_of(self, ids: Sequence[int]) -> set[int]:
        """The stories that ``ids`` belong to."""
        return {int(r[0]) for r in self.query(
            "SELECT DISTINCT story_id FROM articles WHERE id = ANY(%s)", (list(ids),))}

    def links_from(self, ids: Sequence[int]) -> list[Link]:
        """Every link whose first (smaller) article is among ``ids``."""
        return [Link(int(a), int(b), str(kind), float(score)) for a, b, kind, score in
                self.query("SELECT a, b, kind, score FROM links WHERE a = ANY(%s)",
                           (list(ids),))]

    def links_touching(self, ids: Sequence[int], min_score: float) -> list[tuple[int, int]]:
        """The ends of the links touching ``ids`` that are near-duplicate links or score at
        least ``min_score``."""
        rows = self.query("SELECT a, b FROM links WHERE (a = ANY(%s) OR b = ANY(%s)) "
                          "AND (kind = 'dup' OR score >= %s)", (list(ids), list(ids), min_score))
        return [(int(a), int(b)) for a, b in rows]

    def embeddings(self, after: int = 0) -> list[tuple[int, np.ndarray]]:
        """(id, title+lead embedding) of every stored article with an id above ``after``, in
        id order."""
        rows = self.query("SELECT article_id, embedding FROM features WHERE article_id > %s "
                          "ORDER BY article_id", (after,))
        return [(int(i), np.frombuffer(v, dtype=np.float32)) for i, v in rows]

    # -- reading for users -----------------------------------------------------------------

    def stories(self, *, since: str | None, lang: str | None, min_size: int,
                query: str | None, limit: int, offset: int) -> list[StorySummary]:
        """Stories, largest first (then newest), filtered as ``Corpus.stories`` documents."""
        where, params = ["size >= %s"], list[Any]([min_size])
        if since:
            where.append("last_seen >= %s")
            params.append(since)
        if lang:
            where.append("languages LIKE %s")
            params.append(f"%\t{lang.lower()}\t%")
        if query:
            where.append("headline ILIKE %s")
            params.append(f"%{query}%")
        rows = self.query(f"SELECT * FROM stories WHERE {' AND '.join(where)} ORDER BY size "
                          "DESC, first_seen DESC NULLS LAST, id LIMIT %s OFFSET %s",
                          [*params, limit, offset])
        return [_summary(r) for r in rows]

    def story_summary(self, story_id: int) -> StorySummary | None:
        """The cached summary of a story, or None when no story has this id."""
        rows = self.query("SELECT * FROM stories WHERE id = %s", (story_id,)) \
            if 0 <= story_id <= _MAX_ID else []
        return _summary(rows[0]) if rows else None

    def members(self, story_id: int) -> list[Member]:
        """The members of a story by publication date (undated last), then id."""
        rows = self.query(
            "SELECT id, title, source, published, language, dup_group FROM articles "
            'WHERE story_id = %s ORDER BY published IS NULL, published COLLATE "C", id',
            (story_id,)) if 0 <= story_id <= _MAX_ID else []
        return [Member(int(i), t, s, p, lang, int(g)) for i, t, s, p, lang, g in rows]

    def article(self, article_id: int) -> ArticleRecord | None:
        """One stored article, or None when no article has this id."""
        rows = self.query("SELECT id, title, source, url, published, language, clean_text, "
                          "story_id FROM articles WHERE id = %s", (article_id,)) \
            if 0 <= article_id <= _MAX_ID else []
        return ArticleRecord(*rows[0]) if rows else None

    def document_data(self, article_id: int) -> bytes | None:
        """The stored analysed document of an article, or None."""
        rows = self.query("SELECT data FROM documents WHERE article_id = %s", (article_id,)) \
            if 0 <= article_id <= _MAX_ID else []
        return bytes(rows[0][0]) if rows else None

    def counts(self) -> dict[str, int]:
        """Sizes: articles, stories, stories_with_2_or_more, largest_story, duplicate_groups,
        duplicate_links, story_links, languages, database_bytes (in this order)."""
        one = self._one
        return {
            "articles": one("SELECT COUNT(*) FROM articles"),
            "stories": one("SELECT COUNT(*) FROM stories"),
            "stories_with_2_or_more": one("SELECT COUNT(*) FROM stories WHERE size >= 2"),
            "largest_story": one("SELECT COALESCE(MAX(size), 0) FROM stories"),
            "duplicate_groups": one("SELECT COUNT(*) FROM (SELECT dup_group FROM articles "
                                    "GROUP BY dup_group HAVING COUNT(*) > 1) AS groups"),
            "duplicate_links": one("SELECT COUNT(*) FROM links WHERE kind = 'dup'"),
            "story_links": one("SELECT COUNT(*) FROM links WHERE kind = 'story'"),
            "languages": one("SELECT COUNT(DISTINCT language) FROM articles"),
            "database_bytes": one(
                "SELECT COALESCE(SUM(pg_total_relation_size(c.oid)), 0) FROM pg_class c JOIN "
                "pg_namespace n ON n.oid = c.relnamespace WHERE n.nspname = current_schema() "
                "AND c.relkind = 'r' AND c.relname = ANY(%s)", (list(TABLES),)),
        }

    # -- running SQL -----------------------------------------------------------------------

    def query(self, sql: str, params: tuple[Any, ...] | list[Any] = ()) -> list[tuple[Any, ...]]:
        """Run a query and return every row; database errors become StoreError. (Not part of
        ``CorpusStore``: for tests and benchmarks that inspect this store.)"""
        try:
            return self.db.execute(sql, params).fetchall()
        except psycopg.Error as exc:
            raise store_error(exc, self.address) from None

    def _meta(self, key: str) -> str | None:
        """A value of the meta table, or None."""
        row = self.query("SELECT value FROM meta WHERE key = %s", (key,))
        return str(row[0][0]) if row else None

    def _one(self, sql: str, params: tuple[Any, ...] = ()) -> int:
        """The single integer a query returns."""
        return int(self.query(sql, params)[0][0])

    def _write(self, sql: str, params: tuple[Any, ...]) -> None:
        """Run one write; database errors become StoreError."""
        try:
            self.db.execute(sql, params)
        except psycopg.Error as exc:
            raise store_error(exc, self.address) from None

    def _write_many(self, sql: str, rows: list[tuple[Any, ...]]) -> None:
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


def _joined(values: Iterable[str]) -> str:
    """Distinct values, sorted, wrapped in tabs so one can be found with LIKE."""
    return "\t" + "\t".join(sorted(set(values))) + "\t"


def _split(value: str) -> list[str]:
    """The values of a tab-wrapped list."""
    return [v for v in value.split("\t") if v]


def _summary(row: tuple[Any, ...]) -> StorySummary:
    """A ``StorySummary`` from a row of the stories table."""
    story_id, size, languages, sources, first_seen, _, headline = row
    return StorySummary(int(story_id), int(size), _split(languages), _split(sources),
                        first_seen, headline)
