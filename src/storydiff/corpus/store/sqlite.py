"""``SqliteStore``: the embedded ``CorpusStore``, one folder with a SQLite database (WAL mode,
``sqlite_db``) and a vector index file.

The database is the source of truth; the vector index file is a cache rebuilt from it whenever
the two disagree (e.g. after a crash). The meta row ``generation`` counts committed batches:
readers key caches on it (``write_marker``).

A store whose folder or files cannot be written is opened read-only (reads work; ``lock``
raises ``StoreReadOnlyError``), as long as no crash left a write-ahead log to replay.
"""

from __future__ import annotations

import json
import sqlite3
from collections.abc import Iterable, Iterator, Mapping, Sequence
from contextlib import contextmanager
from pathlib import Path
from typing import TYPE_CHECKING, Any

import numpy as np

from ..._errors import StoreError, StoreReadOnlyError
from ..linking import Profile
from ..types import ArticleRecord, Member, StorySummary
from .files import WriteLock
from .interface import Link
from .sqlite_db import DB_NAME, connect, rows_in, store_error

if TYPE_CHECKING:
    from ..batches import Prepared

__all__ = ["INDEX_NAME", "SqliteStore"]

INDEX_NAME = "vectors.faiss"

#: Ids are SQLite integers: anything outside this range names no row.
_MAX_ID = 2**63 - 1


class SqliteStore:
    """The SQLite side of a corpus folder: connection, schema, write lock, transactions and
    every query of corpus mode (``CorpusStore``).

    Args:
        folder: the store folder; created on first use unless ``create`` is false.

    Raises:
        StoreError: the folder is a file, holds a corrupt or locked store or one of another
            version, or (with ``create=False``) does not exist.
    """

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
    def read_only(self) -> bool:
        """Whether the store can only be read (``lock`` then raises StoreReadOnlyError)."""
        return self._read_only

    @property
    def index_path(self) -> Path:
        """Where the vector index file lives."""
        return self.folder / INDEX_NAME

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

    def write_marker(self) -> str:
        """Changes whenever a batch is committed (by any process): the key of reader caches."""
        return self._meta("generation") or "0"

    def encoder_name(self) -> str | None:
        """The encoder ("name/dim") the store was built with, or None when none yet."""
        return self._meta("encoder")

    def record_encoder_name(self, name: str) -> None:
        """Remember the encoder ("name/dim") the store is built with."""
        self._write("INSERT OR REPLACE INTO meta VALUES ('encoder', ?)", (name,))

    # -- writing articles ------------------------------------------------------------------

    def known_hashes(self, hashes: Sequence[str]) -> set[str]:
        """Which of the content ``hashes`` are stored already."""
        if not hashes:
            return set()
        rows = self.query(f"SELECT content_hash FROM articles WHERE content_hash IN "
                          f"({','.join('?' * len(hashes))})", list(hashes))
        return {str(r[0]) for r in rows}

    def add_article(self, item: Prepared) -> int:
        """Insert the article, document and feature rows; returns the new id."""
        doc = item.doc
        cursor = self._write(
            "INSERT INTO articles (content_hash, source, url, title, published, language, "
            "clean_text, story_id, dup_group, component) VALUES (?, ?, ?, ?, ?, ?, ?, 0, 0, 0)",
            (item.hash, doc.source, item.url, doc.title, doc.published, doc.language,
             doc.clean_text))
        new_id = int(cursor.lastrowid or 0)
        self._write("UPDATE articles SET story_id = ?, dup_group = ?, component = ? "
                    "WHERE id = ?", (new_id, new_id, new_id, new_id))
        self._write("INSERT INTO documents VALUES (?, ?)", (new_id, item.document_blob()))
        self._write("INSERT INTO features VALUES (?, ?, ?, ?)",
                    (new_id, item.signature.tobytes(), item.vector.tobytes(),
                     item.entities_json()))
        return new_id

    def add_band_keys(self, article_id: int, keys: Sequence[int]) -> None:
        """Index an article under its LSH band keys."""
        self._write_many("INSERT OR IGNORE INTO lsh VALUES (?, ?)",
                         [(int(k), article_id) for k in keys])

    def add_links(self, links: Iterable[Link]) -> None:
        """Record links (a link with the same ends and kind is replaced)."""
        self._write_many("INSERT OR REPLACE INTO links VALUES (?, ?, ?, ?)",
                         [tuple(link) for link in links])

    def merge_duplicate_groups(self, groups: Sequence[int], into: int) -> None:
        """Move every article of the near-duplicate ``groups`` to group ``into``."""
        self._relabel("dup_group", groups, into)

    def merge_components(self, components: Sequence[int], into: int) -> None:
        """Move every article of the linked ``components`` to component ``into``."""
        self._relabel("component", components, into)

    def assign_stories(self, story_of: Mapping[int, int]) -> None:
        """Set the story of each article id."""
        self._write_many("UPDATE articles SET story_id = ? WHERE id = ?",
                         [(story, article) for article, story in story_of.items()])

    def save_story(self, summary: StorySummary, *, last_seen: str | None) -> None:
        """Store (or replace) the cached summary row of a story."""
        self._write("INSERT OR REPLACE INTO stories VALUES (?, ?, ?, ?, ?, ?, ?)",
                    (summary.id, summary.size, _joined(summary.languages),
                     _joined(summary.sources), summary.first_seen, last_seen, summary.headline))

    def delete_story(self, story_id: int) -> None:
        """Forget the cached summary row of a story."""
        self._write("DELETE FROM stories WHERE id = ?", (story_id,))

    # -- reading for linking and clustering ------------------------------------------------

    def lsh_candidates(self, keys: Sequence[int]) -> list[tuple[int, np.ndarray]]:
        """(id, MinHash signature) of each stored article indexed under any of ``keys``."""
        rows = self.query(
            "SELECT DISTINCT f.article_id, f.signature FROM lsh JOIN features f ON "
            f"f.article_id = lsh.article_id WHERE lsh.key IN ({','.join('?' * len(keys))})",
            [int(k) for k in keys])
        return [(int(i), np.frombuffer(b, dtype=np.uint32)) for i, b in rows]

    def duplicate_groups(self, ids: Sequence[int]) -> dict[int, int]:
        """The near-duplicate group of each of ``ids``."""
        return {int(i): int(g) for i, g in self._rows_in(
            "SELECT id, dup_group FROM articles WHERE id IN ({ids})", ids)}

    def components(self, ids: Sequence[int]) -> dict[int, int]:
        """The linked component of each of ``ids``."""
        return {int(i): int(c) for i, c in self._rows_in(
            "SELECT id, component FROM articles WHERE id IN ({ids})", ids)}

    def component_size(self, component: int, at_most: int) -> int:
        """How many articles a component holds, counted up to ``at_most``."""
        return int(self.query(
            "SELECT COUNT(*) FROM (SELECT 1 FROM articles WHERE component = ? LIMIT ?)",
            (component, at_most))[0][0])

    def profiles(self, ids: Iterable[int]) -> list[Profile]:
        """The linker's view of stored articles, in id order."""
        rows = self._rows_in(
            "SELECT a.id, a.published, a.language, f.entities, f.embedding FROM articles a "
            "JOIN features f ON f.article_id = a.id WHERE a.id IN ({ids})", sorted(ids))
        return [Profile(int(i), p, lang, frozenset(json.loads(e)),
                        np.frombuffer(v, dtype=np.float32)) for i, p, lang, e, v in sorted(rows)]

    def component_articles(self, component: int) -> list[tuple[int, int]]:
        """(id, story id) of every article of a component, by content hash."""
        rows = self.query("SELECT id, story_id FROM articles WHERE component = ? "
                          "ORDER BY content_hash", (component,))
        return [(int(i), int(s)) for i, s in rows]

    def story_articles(self, story_ids: Sequence[int]) -> list[tuple[int, int]]:
        """(id, story id) of every article of the stories, by content hash (then id)."""
        rows = self._rows_in("SELECT id, story_id, content_hash FROM articles "
                             "WHERE story_id IN ({ids})", story_ids)
        rows.sort(key=lambda r: (r[2], r[0]))
        return [(int(r[0]), int(r[1])) for r in rows]

    def stories_of(self, ids: Sequence[int]) -> set[int]:
        """The stories that ``ids`` belong to."""
        return {int(r[0]) for r in self._rows_in(
            "SELECT DISTINCT story_id FROM articles WHERE id IN ({ids})", ids)}

    def links_from(self, ids: Sequence[int]) -> list[Link]:
        """Every link whose first (smaller) article is among ``ids``."""
        return [Link(int(a), int(b), str(kind), float(score)) for a, b, kind, score in
                self._rows_in("SELECT a, b, kind, score FROM links WHERE a IN ({ids})", ids)]

    def links_touching(self, ids: Sequence[int], min_score: float) -> list[tuple[int, int]]:
        """The ends of the links touching ``ids`` that are near-duplicate links or score at
        least ``min_score``."""
        rows = self._rows_in("SELECT a, b FROM links WHERE (a IN ({ids}) OR b IN ({ids})) "
                             "AND (kind = 'dup' OR score >= ?)", ids, min_score)
        return [(int(a), int(b)) for a, b in rows]

    def embeddings(self, after: int = 0) -> list[tuple[int, np.ndarray]]:
        """(id, title+lead embedding) of every stored article with an id above ``after``, in
        id order."""
        rows = self.query("SELECT article_id, embedding FROM features WHERE article_id > ? "
                          "ORDER BY article_id", (after,))
        return [(int(i), np.frombuffer(v, dtype=np.float32)) for i, v in rows]

    # -- reading for users -----------------------------------------------------------------

    def stories(self, *, since: str | None, lang: str | None, min_size: int,
                query: str | None, limit: int, offset: int) -> list[StorySummary]:
        """Stories, largest first (then newest), filtered as ``Corpus.stories`` documents."""
        where, params = ["size >= ?"], list[Any]([min_size])
        if since:
            where.append("last_seen >= ?")
            params.append(since)
        if lang:
            where.append("languages LIKE ?")
            params.append(f"%\t{lang.lower()}\t%")
        if query:
            where.append("headline LIKE ?")
            params.append(f"%{query}%")
        rows = self.query(f"SELECT * FROM stories WHERE {' AND '.join(where)} "
                          "ORDER BY size DESC, first_seen DESC, id LIMIT ? OFFSET ?",
                          [*params, limit, offset])
        return [_summary(r) for r in rows]

    def story_summary(self, story_id: int) -> StorySummary | None:
        """The cached summary of a story, or None when no story has this id."""
        rows = self.query("SELECT * FROM stories WHERE id = ?", (story_id,)) \
            if 0 <= story_id <= _MAX_ID else []
        return _summary(rows[0]) if rows else None

    def members(self, story_id: int) -> list[Member]:
        """The members of a story by publication date (undated last), then id."""
        rows = self.query(
            "SELECT id, title, source, published, language, dup_group FROM articles "
            "WHERE story_id = ? ORDER BY published IS NULL, published, id", (story_id,))
        return [Member(int(i), t, s, p, lang, int(g)) for i, t, s, p, lang, g in rows]

    def article(self, article_id: int) -> ArticleRecord | None:
        """One stored article, or None when no article has this id."""
        rows = self.query("SELECT id, title, source, url, published, language, clean_text, "
                          "story_id FROM articles WHERE id = ?", (article_id,)) \
            if 0 <= article_id <= _MAX_ID else []
        return ArticleRecord(*rows[0]) if rows else None

    def document_data(self, article_id: int) -> bytes | None:
        """The stored analysed document of an article, or None."""
        rows = self.query("SELECT data FROM documents WHERE article_id = ?", (article_id,))
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
                                    "GROUP BY dup_group HAVING COUNT(*) > 1)"),
            "duplicate_links": one("SELECT COUNT(*) FROM links WHERE kind = 'dup'"),
            "story_links": one("SELECT COUNT(*) FROM links WHERE kind = 'story'"),
            "languages": one("SELECT COUNT(DISTINCT language) FROM articles"),
            "database_bytes": sum(p.stat().st_size for p in self.folder.glob(f"{DB_NAME}*")
                                  if p.is_file()),
        }

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

    def _meta(self, key: str) -> str | None:
        """A value of the meta table, or None."""
        row = self.query("SELECT value FROM meta WHERE key = ?", (key,))
        return str(row[0][0]) if row else None

    def _one(self, sql: str) -> int:
        """The single integer a query returns."""
        return int(self.query(sql)[0][0])

    def _rows_in(self, sql: str, ids: Sequence[int], *extra: Any) -> list[tuple[Any, ...]]:
        """``rows_in`` on this database; database errors become StoreError."""
        try:
            return rows_in(self.db, sql, list(ids), *extra)
        except sqlite3.DatabaseError as exc:
            raise store_error(exc, self._path) from None

    def _write(self, sql: str, params: tuple[Any, ...] | list[Any]) -> sqlite3.Cursor:
        """Run one write; database errors become StoreError."""
        try:
            return self.db.execute(sql, params)
        except sqlite3.DatabaseError as exc:
            raise store_error(exc, self._path) from None

    def _write_many(self, sql: str, rows: list[tuple[Any, ...]]) -> None:
        """Run one write for each row; database errors become StoreError."""
        try:
            self.db.executemany(sql, rows)
        except sqlite3.DatabaseError as exc:
            raise store_error(exc, self._path) from None

    def _relabel(self, column: str, old: Sequence[int], new: int) -> None:
        """Give the articles whose ``column`` is one of ``old`` the value ``new``."""
        marks = ",".join("?" * len(old))
        self._write(f"UPDATE articles SET {column} = ? WHERE {column} IN ({marks})",
                    [new, *old])


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
