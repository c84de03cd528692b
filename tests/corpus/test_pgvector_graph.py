"""The HNSW graph of a pgvector store: a new store's index is created with the graph options
chosen for recall (``pgvector.HNSW_M``, ``HNSW_EF_CONSTRUCTION``; docs/scale.md, "pgvector"),
and a store whose index was created before, with pgvector's defaults, keeps that index and
goes on working. No timing here: the costs are measured by bench/scale.py."""

from __future__ import annotations

from typing import Any

import numpy as np
import pytest

from .conftest import RECORDS, STORIES, open_corpus, partition


def _reloptions(address: str) -> list[str] | None:
    """The stored options of the store's ``vectors_hnsw`` index (None: created without)."""
    import psycopg

    with psycopg.connect(address, autocommit=True) as db:
        rows = db.execute("SELECT c.reloptions, a.amname FROM pg_class c JOIN pg_am a "
                          "ON a.oid = c.relam WHERE c.oid = to_regclass('vectors_hnsw')"
                          ).fetchall()
    assert rows and rows[0][1] == "hnsw", rows
    return None if rows[0][0] is None else list(rows[0][0])


def _query(db: Any) -> Any:
    """``PgVectorIndex``'s query function over a psycopg connection."""
    def query(sql: str, params: Any) -> list[tuple[Any, ...]]:
        return list(db.execute(sql, params).fetchall())

    return query


def test_a_new_store_builds_its_index_with_the_chosen_graph(pgvector_store: Any) -> None:
    from storydiff.corpus.store import pgvector

    assert (pgvector.HNSW_M, pgvector.HNSW_EF_CONSTRUCTION) == (16, 96)
    address = pgvector_store()
    with open_corpus(address) as corpus:
        corpus.add(RECORDS)
        shown = str(corpus.stats()["vector_index"])
        assert "pgvector HNSW in the database" in shown, shown
        assert "graph m 16, ef_construction 96" in shown, shown
    assert sorted(_reloptions(address) or []) == ["ef_construction=96", "m=16"]


def test_create_table_takes_other_graph_options(pgvector_store: Any) -> None:
    import psycopg

    from storydiff.corpus.store import pgvector

    address = pgvector_store()
    with psycopg.connect(address, autocommit=True) as db:
        schema = pgvector.enable(db)
        assert schema is not None
        assert pgvector.graph_options(_query(db)) is None  # no index yet
        pgvector.create_table(db.execute, schema, 8, m=24, ef_construction=128)
        assert pgvector.graph_options(_query(db)) == {"m": 24, "ef_construction": 128}
    assert sorted(_reloptions(address) or []) == ["ef_construction=128", "m=24"]


def test_a_store_created_before_keeps_its_default_graph(pgvector_store: Any) -> None:
    """An index created without options (as stores were before) is left alone by
    ``create_table``, reported with pgvector's defaults, and searched as before."""
    import psycopg

    from storydiff.corpus.store import pgvector

    address = pgvector_store()
    with open_corpus(address) as corpus:
        corpus.add(RECORDS[:3])
        schema = corpus._store.pgvector_schema
        assert schema is not None
    with psycopg.connect(address, autocommit=True) as db:  # the index as the release before
        db.execute("DROP INDEX vectors_hnsw")
        db.execute(f'CREATE INDEX vectors_hnsw ON vectors USING hnsw (embedding "{schema}".'
                   "vector_ip_ops)")
        pgvector.create_table(db.execute, schema, 8)  # there already: unchanged
        assert pgvector.graph_options(_query(db)) == {"m": 16, "ef_construction": 64}
    assert _reloptions(address) is None
    with open_corpus(address) as again:
        again.add(RECORDS[3:])
        shown = str(again.stats()["vector_index"])
        assert "graph m 16, ef_construction 64" in shown, shown
        assert partition(again) == {frozenset(r["title"] for r in story) for story in STORIES}
        assert again.similar(RECORDS[0]["text"], 1)[0][0] == 1
    assert _reloptions(address) is None


@pytest.mark.parametrize("options", [None, (16, 96)])
def test_above_finds_the_same_on_either_graph(pgvector_store: Any, options: Any) -> None:
    """``above`` returns the same kind of answer (ids and scores at or above the threshold,
    sorted by id, within the window) whichever graph the store's index has."""
    import psycopg

    from storydiff.corpus.store import pgvector

    rng = np.random.default_rng(0)
    vectors = rng.standard_normal((300, 8)).astype(np.float32)
    vectors /= np.linalg.norm(vectors, axis=1, keepdims=True)
    days: list[int | None] = [None if i % 10 == 0 else 740_000 + i // 10 for i in range(300)]
    address = pgvector_store()
    with psycopg.connect(address, autocommit=True) as db:
        schema = pgvector.enable(db)
        assert schema is not None
        if options is None:
            db.execute(f'CREATE TABLE vectors (article_id BIGINT PRIMARY KEY, day INTEGER, '
                       f'embedding "{schema}".vector(8) NOT NULL)')
            db.execute(f'CREATE INDEX vectors_hnsw ON vectors USING hnsw (embedding "{schema}".'
                       "vector_ip_ops)")
        else:
            pgvector.create_table(db.execute, schema, 8, m=options[0], ef_construction=options[1])
        with db.cursor() as cursor:
            cursor.executemany("INSERT INTO vectors VALUES (%s, %s, %s)",
                               [(i + 1, d, pgvector.vector_literal(v))
                                for i, (v, d) in enumerate(zip(vectors, days, strict=True))])
        index = pgvector.PgVectorIndex(_query(db), schema, 10, "test")
        for row in (0, 5, 150, 299):
            got = index.above(vectors[row], 0.3, days[row])
            scores = vectors @ vectors[row]
            truth = {i + 1 for i in range(300) if scores[i] >= 0.3 and (
                days[row] is None or days[i] is None or abs(days[i] - days[row]) <= 10)}
            assert [i for i, _ in got] == sorted(i for i, _ in got)
            assert {i for i, _ in got} == truth  # 300 vectors: the graph finds every one
            assert all(s >= 0.3 for _, s in got)
        assert index.nearest(vectors[7], 1)[0][0] == 8
