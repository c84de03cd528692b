"""Candidate search inside PostgreSQL with pgvector, where ``CREATE EXTENSION vector`` works.

A new server store records in its ``meta`` table whether the extension was there (or could be
created): ``vector_index`` is ``pgvector:<schema of the extension>`` or ``local``. With
pgvector, each article's title+lead vector is also written to the ``vectors`` table (with its
day number) in the article's own transaction, and an HNSW index (inner product) is built on
it once the vector size is known (``create_table``, when the store records its encoder).
Every process then searches the same index, and no local cache is kept. Without it,
``Corpus`` keeps the local time-sharded index (``corpus.vectors``), as for a SQLite store.
``storydiff stats`` names which.

pgvector's HNSW scan returns at most ``hnsw.ef_search`` rows (1,000 at most) and applies a
``WHERE`` clause after the scan; so ``above`` asks for the nearest rows without the time
window, growing the number fourfold while the last one still passes the threshold, and falls
back to an exact scan past 1,000. The extension's operators and types are named with its
schema, so stores in other schemas of the database can use it.

The graph of a new store is denser than pgvector's default (``HNSW_M``,
``HNSW_EF_CONSTRUCTION``): at 100,000 documents the default graph found 0.985 of the
candidates (0.986 however long the search list), ef_construction 96 finds 0.993 (0.994 when
every row is inserted one by one, as in a store). A store created before keeps the graph it was
built with (``CREATE INDEX IF NOT EXISTS`` leaves it alone, and it is searched as before);
``describe`` names the graph's options, and ``ALTER INDEX vectors_hnsw SET (ef_construction =
96)`` followed by ``REINDEX INDEX vectors_hnsw`` rebuilds it with the new ones. Such a build
over rows already in the table wants a ``maintenance_work_mem`` that holds the whole graph
(PostgreSQL's default of 64 MB holds about 12,000 vectors of 512; past that pgvector builds
on disk, several times slower). A store's own index is created empty and grows by one insert
per article, which does not use that memory.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from pathlib import Path
from typing import Any

import numpy as np

from ..linking import day_number, within_days

__all__ = ["PgVectorIndex", "create_table", "enable", "graph_options", "vector_literal"]

#: pgvector's largest ``hnsw.ef_search``.
MAX_EF_SEARCH = 1000
#: Rows asked for first, and pgvector's default ``ef_search`` floor.
FIRST_K, MIN_EF = 128, 40
#: ``ef_search`` (the graph search's candidate list) as a multiple of the rows asked for: a
#: list only as long as the answer misses neighbours the graph holds (docs/scale.md).
EF_FACTOR = 4
#: pgvector's own graph options (an index created without ``WITH``: stores created before
#: ``HNSW_EF_CONSTRUCTION`` was set).
PGVECTOR_M, PGVECTOR_EF_CONSTRUCTION = 16, 64
#: The HNSW graph of a new store: each vector linked to ``m`` neighbours (2m on the lowest
#: layer), found with a candidate list of ``ef_construction`` when it is inserted. Measured at
#: 100,000 generated documents, 10,000 a day, 500 queries (docs/scale.md, "pgvector";
#: ``bench/scale.py --pgvector-graphs``), recall of the candidates against exact search with
#: ``EF_FACTOR`` 4: 0.985 with pgvector's default (m 16, ef_construction 64) and at most 0.986
#: however long the search list; 0.993 with ef_construction 96, 0.996 with 128; m 12 / 128
#: 0.994, m 24 / 64 0.988, m 24 / 128 0.998. ef_construction 96 is the cheapest that passes
#: 0.99: an insert into the index (the ingest writes one row an article) takes 5.5 ms of the
#: server's CPU against 4.3 with the default (128: 6.8; m 24 / 128: 18.9), a bulk build 1.1 ms
#: a document against 0.8; search time and size do not change.
HNSW_M, HNSW_EF_CONSTRUCTION = 16, 96


Query = Callable[[str, tuple[Any, ...] | list[Any]], list[tuple[Any, ...]]]


def enable(db: Any) -> str | None:
    """The schema of the vector extension in this database, creating the extension (in the
    current schema) when it is available but not there; None when it cannot be had (not
    installed on the server, or no right to create it). ``db``: a psycopg connection inside
    a transaction (a savepoint keeps a failure from spoiling it)."""
    import psycopg

    found = _extension_schema(db)
    if found is not None:
        return found
    try:
        with db.transaction():
            db.execute("CREATE EXTENSION IF NOT EXISTS vector")
    except psycopg.Error:
        return None
    return _extension_schema(db)


def _extension_schema(db: Any) -> str | None:
    row = db.execute("SELECT n.nspname FROM pg_extension e JOIN pg_namespace n "
                     "ON n.oid = e.extnamespace WHERE e.extname = 'vector'").fetchone()
    return str(row[0]) if row else None


def create_table(execute: Callable[[str], Any], schema: str, dim: int, *, m: int = HNSW_M,
                 ef_construction: int = HNSW_EF_CONSTRUCTION) -> None:
    """The ``vectors`` table of ``dim``-sized vectors and its HNSW index (graph options ``m``
    and ``ef_construction``), when missing. An index that is there already is left as it is,
    whatever its options (a store created before keeps its graph)."""
    execute(f"CREATE TABLE IF NOT EXISTS vectors (article_id BIGINT PRIMARY KEY, day INTEGER, "
            f"embedding {_quoted(schema)}.vector({int(dim)}) NOT NULL)")
    execute(f"CREATE INDEX IF NOT EXISTS vectors_hnsw ON vectors USING hnsw "
            f"(embedding {_quoted(schema)}.vector_ip_ops) "
            f"WITH (m = {int(m)}, ef_construction = {int(ef_construction)})")


def graph_options(query: Query) -> dict[str, int] | None:
    """The graph options (``m``, ``ef_construction``) of the store's HNSW index, pgvector's
    defaults where it was created without them; None when there is no index."""
    rows = query("SELECT reloptions FROM pg_class WHERE oid = to_regclass('vectors_hnsw')", ())
    if not rows:
        return None
    options = {"m": PGVECTOR_M, "ef_construction": PGVECTOR_EF_CONSTRUCTION}
    for option in rows[0][0] or ():
        name, _, value = str(option).partition("=")
        if name in options:
            options[name] = int(value)
    return options


def vector_literal(vector: np.ndarray) -> str:
    """A vector in pgvector's text form."""
    return "[" + ",".join(f"{float(x):.8g}" for x in np.asarray(vector).reshape(-1)) + "]"


def row(article_id: int, published: str | None, vector: np.ndarray) -> tuple[Any, ...]:
    """The ``vectors`` row of an article."""
    return (article_id, day_number(published), vector_literal(vector))


def _quoted(name: str) -> str:
    return '"' + name.replace('"', '""') + '"'


class PgVectorIndex:
    """The ``VectorIndex`` of a server store with pgvector: rows are written by the store
    with their article, so ``add`` does nothing; searches run in the database.

    Args:
        query: runs one statement and returns its rows (the store's connection, inside the
            current batch's transaction when there is one, so its own new rows are seen).
        schema: the schema of the vector extension.
        window_days: the time window (``CorpusConfig.time_window_days``).
        address: the store, as shown to people.
    """

    def __init__(self, query: Query, schema: str, window_days: int, address: str) -> None:
        self._query = query
        self._op = f"OPERATOR({_quoted(schema)}.<#>)"
        self._type = f"{_quoted(schema)}.vector"
        self.window_days = window_days
        self.address = address

    def __len__(self) -> int:
        return int(self._query("SELECT COUNT(*) FROM vectors", ())[0][0])

    def add(self, ids: np.ndarray, vectors: np.ndarray,
            days: Sequence[int | None] | None = None) -> None:
        """Nothing to do: the store wrote the rows in the article's transaction."""

    def _nearest_rows(self, literal: str, k: int) -> list[tuple[int, int | None, float]]:
        """The ``k`` rows of highest inner product (as far as the graph finds them)."""
        self._query("SELECT set_config('hnsw.ef_search', %s, false)",
                    (str(max(MIN_EF, min(EF_FACTOR * k, MAX_EF_SEARCH))),))
        rows = self._query(
            f"SELECT article_id, day, -(embedding {self._op} %s::{self._type}) FROM vectors "
            f"ORDER BY embedding {self._op} %s::{self._type} LIMIT %s", (literal, literal, k))
        return [(int(i), d, float(s)) for i, d, s in rows]

    def above(self, vector: np.ndarray, threshold: float,
              day: int | None = None) -> list[tuple[int, float]]:
        literal, k = vector_literal(vector), FIRST_K
        while True:
            rows = self._nearest_rows(literal, k)
            if len(rows) < k or rows[-1][2] < threshold:
                break
            if k >= MAX_EF_SEARCH:  # more neighbours than the graph search returns: scan
                rows = [(int(i), d, float(s)) for i, d, s in self._query(
                    f"SELECT article_id, day, -(embedding {self._op} %s::{self._type}) "
                    f"FROM vectors WHERE (embedding {self._op} %s::{self._type}) <= %s",
                    (literal, literal, -threshold))]
                break
            k = min(4 * k, MAX_EF_SEARCH)
        return sorted((i, s) for i, d, s in rows
                      if s >= threshold and within_days(day, d, self.window_days))

    def nearest(self, vector: np.ndarray, k: int) -> list[tuple[int, float]]:
        rows = self._nearest_rows(vector_literal(vector), k)
        return sorted(((i, s) for i, _, s in rows), key=lambda p: (-p[1], p[0]))[:k]

    def describe(self) -> str:
        options = graph_options(self._query)
        graph = (f", graph m {options['m']}, ef_construction {options['ef_construction']}"
                 if options else "")
        return (f"pgvector HNSW in the database ({len(self)} vectors{graph}, approximate; "
                f"searched by every process, no local cache)")

    def save(self, path: Path) -> None:
        """Nothing to write: the index lives in the database."""
