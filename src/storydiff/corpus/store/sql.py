"""``SqlStore``: what the two SQL stores (``SqliteStore``, ``PostgresStore``) share: the schema,
written once with the few types that differ left to each dialect, and every ``CorpusStore``
method whose logic is the same, written once against a few dialect hooks.

The shared statements are written with ``?`` placeholders (turned into the dialect's own by
``_read``/``_write``/``_write_many``), ``{ids}`` where a column is matched against a list of
ids (``_rows_in``: ``IN (?, …)`` in chunks, or ``= ANY(%s)``), and the dialect's attributes
for the case-insensitive ``LIKE``, the order of NULLs and the collation of ordered text. Each
store keeps only what really differs: connecting, locking, transactions, error mapping, id
allocation, inserts that replace or ignore, and the size of the database.
"""

from __future__ import annotations

import json
from abc import ABC, abstractmethod
from collections.abc import Iterable, Mapping, Sequence
from pathlib import Path
from typing import TYPE_CHECKING, Any

import numpy as np

from ..batches import batches
from ..linking import Profile
from ..types import ArticleRecord, Member, StorySummary
from .interface import Link, LinkColumns, LoadRow

if TYPE_CHECKING:
    from ..batches import Prepared
    from ..vectors import VectorIndex

__all__ = ["INDEX_NAME", "MAX_ID", "SCHEMA_VERSION", "SqlStore", "schema"]

SCHEMA_VERSION = "1"
INDEX_NAME = "vectors.npz"

#: Ids are 64-bit integers: anything outside this range names no row.
MAX_ID = 2**63 - 1
#: Rows of each table written at a time by a bulk load.
LOAD_CHUNK = 2048
_ARTICLE_COLUMNS = ("id", "content_hash", "source", "url", "title", "published", "language",
                    "clean_text", "story_id", "dup_group", "component")
_STORY_COLUMNS = ("id", "size", "languages", "sources", "first_seen", "last_seen", "headline")

_SCHEMA = """
CREATE TABLE IF NOT EXISTS meta (key TEXT PRIMARY KEY, value TEXT NOT NULL);
CREATE TABLE IF NOT EXISTS articles (
    id {serial} PRIMARY KEY,
    content_hash TEXT NOT NULL UNIQUE,
    source TEXT NOT NULL,
    url TEXT,
    title TEXT,
    published TEXT,
    language TEXT NOT NULL,
    clean_text TEXT NOT NULL,
    story_id {int} NOT NULL,
    dup_group {int} NOT NULL,
    component {int} NOT NULL
);
CREATE INDEX IF NOT EXISTS articles_component ON articles(component);
CREATE INDEX IF NOT EXISTS articles_story ON articles(story_id);
CREATE INDEX IF NOT EXISTS articles_dup ON articles(dup_group);
CREATE TABLE IF NOT EXISTS documents (article_id {int} PRIMARY KEY, data {blob} NOT NULL);
CREATE TABLE IF NOT EXISTS features (
    article_id {int} PRIMARY KEY,
    signature {blob} NOT NULL,
    embedding {blob} NOT NULL,
    entities TEXT NOT NULL
);
CREATE TABLE IF NOT EXISTS lsh (
    key {int} NOT NULL, article_id {int} NOT NULL, PRIMARY KEY (key, article_id)
){rowid};
CREATE TABLE IF NOT EXISTS links (
    a {int} NOT NULL, b {int} NOT NULL, kind TEXT NOT NULL, score {real} NOT NULL,
    PRIMARY KEY (a, b, kind)
){rowid};
CREATE INDEX IF NOT EXISTS links_b ON links(b);
CREATE TABLE IF NOT EXISTS stories (
    id {int} PRIMARY KEY,
    size {int} NOT NULL,
    languages TEXT NOT NULL,
    sources TEXT NOT NULL,
    first_seen TEXT,
    last_seen TEXT,
    headline TEXT NOT NULL
);
CREATE INDEX IF NOT EXISTS stories_size ON stories(size);
"""


def schema(*, serial: str, integer: str, blob: str, real: str, without_rowid: bool) -> str:
    """The store's tables in one dialect: ``serial`` is the type of the article id (drawn by
    the database), ``integer``, ``blob`` and ``real`` the other column types; tables keyed by
    their whole row are ``WITHOUT ROWID`` when asked."""
    return _SCHEMA.format(serial=serial, int=integer, blob=blob, real=real,
                          rowid=" WITHOUT ROWID" if without_rowid else "")


class SqlStore(ABC):
    """The methods of ``CorpusStore`` that both SQL stores run alike (see the module)."""

    folder: Path
    _read_only: bool

    #: The dialect: its placeholder, case-insensitive LIKE, ``DESC`` ordering that puts NULLs
    #: last, and the collation that orders text by code point.
    _PARAM = "?"
    _ILIKE = "LIKE"
    _NULLS_LAST = ""
    _COLLATE = ""
    #: Inserts of a band key (kept when present), a link and a story summary (both replaced).
    _ADD_BAND_KEY: str
    _ADD_LINK: str
    _SAVE_STORY: str

    # -- what each store provides ----------------------------------------------------------

    @abstractmethod
    def query(self, sql: str, params: tuple[Any, ...] | list[Any] = ()) -> list[tuple[Any, ...]]:
        """Run a read query and return every row; database errors become StoreError."""

    @abstractmethod
    def _execute(self, sql: str, params: tuple[Any, ...] | list[Any]) -> object:
        """Run one write; database errors become StoreError."""

    @abstractmethod
    def _execute_many(self, sql: str, rows: list[tuple[Any, ...]]) -> None:
        """Run one write for each row; database errors become StoreError."""

    @abstractmethod
    def _in(self, values: Sequence[Any]) -> tuple[str, list[Any]]:
        """The condition that a column is one of ``values`` (what follows the column) and
        its parameters."""

    @abstractmethod
    def _rows_in(self, sql: str, ids: Sequence[int], *extra: Any) -> list[tuple[Any, ...]]:
        """The rows of ``sql`` for ``ids``: each ``{ids}`` (after a column) matches the column
        against them; ``extra`` parameters follow them."""

    @abstractmethod
    def _insert_article(self, item: Prepared) -> int:
        """Insert the article row (its story, group and component its own id); its id."""

    @abstractmethod
    def _load(self, table: str, columns: Sequence[str], rows: list[tuple[Any, ...]]) -> None:
        """Append ``rows`` to ``table`` as fast as the database takes them (a bulk load);
        database errors become StoreError."""

    @abstractmethod
    def _database_bytes(self) -> int:
        """The size of the database."""

    def _text(self, value: str | None) -> str | None:
        """A text as the database can store it."""
        return value

    # -- the store itself ------------------------------------------------------------------

    @property
    def read_only(self) -> bool:
        """Whether the store can only be read (``lock`` then raises StoreReadOnlyError)."""
        return self._read_only

    @property
    def index_path(self) -> Path:
        """Where the vector index file lives (the store folder, or the local cache folder)."""
        return self.folder / INDEX_NAME

    def server_index(self, window_days: int) -> VectorIndex | None:
        """None: the corpus keeps a local index (a server store with pgvector overrides)."""
        return None

    def write_marker(self) -> str:
        """Changes whenever a batch is committed (by any process): the key of reader caches."""
        return self._meta("generation") or "0"

    def encoder_name(self) -> str | None:
        """The encoder ("name/dim") the store was built with, or None when none yet."""
        return self._meta("encoder")

    # -- writing articles ------------------------------------------------------------------

    def known_hashes(self, hashes: Sequence[str]) -> set[str]:
        """Which of the content ``hashes`` are stored already."""
        if not hashes:
            return set()
        condition, params = self._in(list(hashes))
        rows = self._read(f"SELECT content_hash FROM articles WHERE content_hash {condition}",
                          params)
        return {str(r[0]) for r in rows}

    def add_article(self, item: Prepared) -> int:
        """Insert the article, document and feature rows; returns the new id."""
        new_id = self._insert_article(item)
        self._write("INSERT INTO documents VALUES (?, ?)", (new_id, item.document_blob()))
        self._write("INSERT INTO features VALUES (?, ?, ?, ?)",
                    (new_id, item.signature.tobytes(), item.vector.tobytes(),
                     self._text(item.entities_json())))
        return new_id

    def is_empty(self) -> bool:
        """Whether the store holds no article."""
        return not self._read("SELECT 1 FROM articles LIMIT 1")

    def bulk_load(self, articles: Iterable[LoadRow], links: Iterable[Link],
                  stories: Iterable[tuple[StorySummary, str | None]]) -> None:
        """Write a whole ingest into the empty store, ``LOAD_CHUNK`` rows of each table at a
        time, inside the open ``write_batch``."""
        text = self._text
        for chunk in batches(articles, LOAD_CHUNK):
            self._load("articles", _ARTICLE_COLUMNS, [
                (r.id, r.item.hash, text(r.item.doc.source), text(r.item.url),
                 text(r.item.doc.title), text(r.item.doc.published), r.item.doc.language,
                 text(r.item.doc.clean_text), r.story, r.group, r.component) for r in chunk])
            self._load("documents", ("article_id", "data"),
                       [(r.id, r.item.document_blob()) for r in chunk])
            self._load("features", ("article_id", "signature", "embedding", "entities"),
                       [(r.id, r.item.signature.tobytes(), r.item.vector.tobytes(),
                         text(r.item.entities_json())) for r in chunk])
            self._load("lsh", ("key", "article_id"),
                       [(int(k), r.id) for r in chunk for k in sorted(set(r.keys))])
            self._loaded(chunk)
        for links_chunk in batches(links, LOAD_CHUNK):
            self._load("links", ("a", "b", "kind", "score"), [tuple(k) for k in links_chunk])
        for stories_chunk in batches(stories, LOAD_CHUNK):
            self._load("stories", _STORY_COLUMNS, [
                (s.id, s.size, _joined(s.languages),
                 _joined(str(text(source)) for source in s.sources), s.first_seen,
                 last_seen, text(s.headline)) for s, last_seen in stories_chunk])

    def _loaded(self, chunk: list[LoadRow]) -> None:
        """After a chunk of articles was loaded: nothing (a pgvector store adds its vectors)."""
        return None

    def add_band_keys(self, article_id: int, keys: Sequence[int]) -> None:
        """Index an article under its LSH band keys."""
        self._write_many(self._ADD_BAND_KEY, [(int(k), article_id) for k in keys])

    def add_links(self, links: Iterable[Link]) -> None:
        """Record links (a link with the same ends and kind is replaced)."""
        self._write_many(self._ADD_LINK, [tuple(link) for link in links])

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
        self._write(self._SAVE_STORY,
                    (summary.id, summary.size, _joined(summary.languages),
                     _joined(summary.sources), summary.first_seen, last_seen,
                     self._text(summary.headline)))

    def delete_story(self, story_id: int) -> None:
        """Forget the cached summary row of a story."""
        self._write("DELETE FROM stories WHERE id = ?", (story_id,))

    # -- reading for linking and clustering ------------------------------------------------

    def lsh_candidates(self, keys: Sequence[int]) -> list[tuple[int, np.ndarray]]:
        """(id, MinHash signature) of each stored article indexed under any of ``keys``."""
        condition, params = self._in([int(k) for k in keys])
        rows = self._read("SELECT DISTINCT f.article_id, f.signature FROM lsh JOIN features f "
                          f"ON f.article_id = lsh.article_id WHERE lsh.key {condition}", params)
        return [(int(i), np.frombuffer(b, dtype=np.uint32)) for i, b in rows]

    def duplicate_groups(self, ids: Sequence[int]) -> dict[int, int]:
        """The near-duplicate group of each of ``ids``."""
        return {int(i): int(g) for i, g in self._rows_in(
            "SELECT id, dup_group FROM articles WHERE id {ids}", ids)}

    def components(self, ids: Sequence[int]) -> dict[int, int]:
        """The linked component of each of ``ids``."""
        return {int(i): int(c) for i, c in self._rows_in(
            "SELECT id, component FROM articles WHERE id {ids}", ids)}

    def component_size(self, component: int, at_most: int) -> int:
        """How many articles a component holds, counted up to ``at_most``."""
        return self._one("SELECT COUNT(*) FROM (SELECT 1 FROM articles WHERE component = ? "
                         "LIMIT ?) AS found", (component, at_most))

    def profiles(self, ids: Iterable[int]) -> list[Profile]:
        """The linker's view of stored articles, in id order."""
        rows = self._rows_in(
            "SELECT a.id, a.published, a.language, f.entities, f.embedding FROM articles a "
            "JOIN features f ON f.article_id = a.id WHERE a.id {ids}", sorted(ids))
        return [Profile(int(i), p, lang, frozenset(json.loads(e)),
                        np.frombuffer(v, dtype=np.float32)) for i, p, lang, e, v in sorted(rows)]

    def component_articles(self, component: int) -> list[tuple[int, int]]:
        """(id, story id) of every article of a component, by content hash."""
        rows = self._read("SELECT id, story_id FROM articles WHERE component = ? "
                          f"ORDER BY content_hash{self._COLLATE}", (component,))
        return [(int(i), int(s)) for i, s in rows]

    def story_articles(self, story_ids: Sequence[int]) -> list[tuple[int, int]]:
        """(id, story id) of every article of the stories, by content hash (then id)."""
        rows = self._rows_in("SELECT id, story_id, content_hash FROM articles "
                             "WHERE story_id {ids}", story_ids)
        rows.sort(key=lambda r: (r[2], r[0]))
        return [(int(r[0]), int(r[1])) for r in rows]

    def stories_of(self, ids: Sequence[int]) -> set[int]:
        """The stories that ``ids`` belong to."""
        return {int(r[0]) for r in self._rows_in(
            "SELECT DISTINCT story_id FROM articles WHERE id {ids}", ids)}

    def link_columns(self, ids: Sequence[int]) -> LinkColumns:
        """Every link whose first (smaller) article is among ``ids``, as columns."""
        return self._link_columns("a", ids)

    def links_ending(self, ids: Sequence[int]) -> LinkColumns:
        """Every link whose second (larger) article is among ``ids``, as columns."""
        return self._link_columns("b", ids)

    def _link_columns(self, end: str, ids: Sequence[int]) -> LinkColumns:
        """The links whose ``end`` ("a" or "b") is among ``ids``, as columns."""
        rows = self._rows_in("SELECT a, b, CASE WHEN kind = 'dup' THEN 1 ELSE 0 END, score "
                             f"FROM links WHERE {end} {{ids}}", ids)
        table = np.array(rows, dtype=np.float64).reshape(-1, 4)  # ids are exact below 2**53
        return LinkColumns(table[:, 0].astype(np.int64), table[:, 1].astype(np.int64),
                           table[:, 2] != 0, table[:, 3])

    def links_touching(self, ids: Sequence[int], min_score: float) -> list[tuple[int, int]]:
        """The ends of the links touching ``ids`` that are near-duplicate links or score at
        least ``min_score``."""
        rows = self._rows_in("SELECT a, b FROM links WHERE (a {ids} OR b {ids}) "
                             "AND (kind = 'dup' OR score >= ?)", ids, min_score)
        return [(int(a), int(b)) for a, b in rows]

    def embeddings(self, after: int = 0) -> list[tuple[int, str | None, np.ndarray]]:
        """(id, publication date, title+lead embedding) of every stored article with an id
        above ``after``, in id order."""
        rows = self._read("SELECT f.article_id, a.published, f.embedding FROM features f "
                          "JOIN articles a ON a.id = f.article_id WHERE f.article_id > ? "
                          "ORDER BY f.article_id", (after,))
        return [(int(i), p, np.frombuffer(v, dtype=np.float32)) for i, p, v in rows]

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
            where.append(f"headline {self._ILIKE} ?")
            params.append(f"%{query}%")
        rows = self._read(f"SELECT * FROM stories WHERE {' AND '.join(where)} ORDER BY size "
                          f"DESC, first_seen DESC{self._NULLS_LAST}, id LIMIT ? OFFSET ?",
                          [*params, limit, offset])
        return [_summary(r) for r in rows]

    def story_summary(self, story_id: int) -> StorySummary | None:
        """The cached summary of a story, or None when no story has this id."""
        rows = self._read("SELECT * FROM stories WHERE id = ?", (story_id,)) \
            if 0 <= story_id <= MAX_ID else []
        return _summary(rows[0]) if rows else None

    def members(self, story_id: int) -> list[Member]:
        """The members of a story by publication date (undated last), then id."""
        rows = self._read(
            "SELECT id, title, source, published, language, dup_group FROM articles "
            f"WHERE story_id = ? ORDER BY published IS NULL, published{self._COLLATE}, id",
            (story_id,)) if 0 <= story_id <= MAX_ID else []
        return [Member(int(i), t, s, p, lang, int(g)) for i, t, s, p, lang, g in rows]

    def article(self, article_id: int) -> ArticleRecord | None:
        """One stored article, or None when no article has this id."""
        rows = self._read("SELECT id, title, source, url, published, language, clean_text, "
                          "story_id FROM articles WHERE id = ?", (article_id,)) \
            if 0 <= article_id <= MAX_ID else []
        return ArticleRecord(*rows[0]) if rows else None

    def document_data(self, article_id: int) -> bytes | None:
        """The stored analysed document of an article, or None."""
        rows = self._read("SELECT data FROM documents WHERE article_id = ?", (article_id,)) \
            if 0 <= article_id <= MAX_ID else []
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
                                    "GROUP BY dup_group HAVING COUNT(*) > 1) AS dup_groups"),
            "duplicate_links": one("SELECT COUNT(*) FROM links WHERE kind = 'dup'"),
            "story_links": one("SELECT COUNT(*) FROM links WHERE kind = 'story'"),
            "languages": one("SELECT COUNT(DISTINCT language) FROM articles"),
            "database_bytes": self._database_bytes(),
        }

    # -- running SQL -----------------------------------------------------------------------

    def _sql(self, sql: str) -> str:
        """A shared statement (``?`` placeholders) in this dialect."""
        return sql if self._PARAM == "?" else sql.replace("?", self._PARAM)

    def _read(self, sql: str, params: tuple[Any, ...] | list[Any] = ()) -> list[tuple[Any, ...]]:
        """``query`` for a shared statement."""
        return self.query(self._sql(sql), params)

    def _write(self, sql: str, params: tuple[Any, ...] | list[Any]) -> None:
        """Run one shared write; database errors become StoreError."""
        self._execute(self._sql(sql), params)

    def _write_many(self, sql: str, rows: list[tuple[Any, ...]]) -> None:
        """Run one shared write for each row; database errors become StoreError."""
        self._execute_many(self._sql(sql), rows)

    def _meta(self, key: str) -> str | None:
        """A value of the meta table, or None."""
        row = self._read("SELECT value FROM meta WHERE key = ?", (key,))
        return str(row[0][0]) if row else None

    def _one(self, sql: str, params: tuple[Any, ...] = ()) -> int:
        """The single integer a shared query returns."""
        return int(self._read(sql, params)[0][0])

    def _relabel(self, column: str, old: Sequence[int], new: int) -> None:
        """Give the articles whose ``column`` is one of ``old`` the value ``new``."""
        condition, params = self._in(list(old))
        self._write(f"UPDATE articles SET {column} = ? WHERE {column} {condition}",
                    [new, *params])


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
