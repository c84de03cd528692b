"""The time-sharded vector index: exact shards agree with brute force inside the time window,
approximate (HNSW) shards find nearly all of it, and the saved file is reused only when it was
built with the same options."""

from __future__ import annotations

from datetime import date
from pathlib import Path
from typing import Any

import numpy as np
import pytest

from storydiff.corpus import CorpusConfig
from storydiff.corpus.linking import day_number
from storydiff.corpus.vectors import WindowedIndex, open_index, saved_summary

DIM, WINDOW = 16, 10
BASE = date(2024, 3, 1).toordinal()


def _unit(x: np.ndarray) -> np.ndarray:
    return (x / np.linalg.norm(x, axis=-1, keepdims=True)).astype(np.float32)


def _corpus(n: int, seed: int = 0) -> tuple[np.ndarray, list[int | None]]:
    """Clustered unit vectors (stories of about 8) and their days over 120 days, 10% undated."""
    rng = np.random.default_rng(seed)
    centres = _unit(rng.standard_normal((n // 8 + 1, DIM)))
    story = rng.integers(0, len(centres), n)
    vectors = _unit(centres[story] + 0.25 * rng.standard_normal((n, DIM)))
    story_day = rng.integers(0, 120, len(centres))
    days: list[int | None] = [None if rng.random() < 0.1 else
                              int(BASE + story_day[s] + rng.integers(-2, 3)) for s in story]
    return vectors, days


def _brute_force(vectors: np.ndarray, days: list[int | None], query: np.ndarray,
                 day: int | None, threshold: float) -> set[int]:
    scores = vectors @ query
    return {i + 1 for i, (score, other) in enumerate(zip(scores, days, strict=True))
            if score >= threshold and (day is None or other is None
                                       or abs(other - day) <= WINDOW)}


def _filled(exact_shard_size: int, n: int = 1200) -> tuple[WindowedIndex, np.ndarray,
                                                              list[int | None]]:
    vectors, days = _corpus(n)
    index = WindowedIndex(DIM, WINDOW, exact_shard_size)
    for start in range(0, n, 100):  # added in batches, ids in increasing order
        ids = np.arange(start + 1, min(start + 100, n) + 1)
        index.add(ids, vectors[start:start + 100], days[start:start + 100])
    return index, vectors, days


@pytest.mark.parametrize("use_faiss", [True, False])
def test_exact_shards_find_exactly_the_articles_within_the_window(use_faiss: bool) -> None:
    vectors, days = _corpus(600)
    index = WindowedIndex(DIM, WINDOW, 0, use_faiss=use_faiss)
    index.add(np.arange(1, 601), vectors, days)
    assert len(index) == 600 and index.summary()["approximate_shards"] == 0
    for row in range(0, 600, 37):
        for day in (days[row], None):
            found = {i for i, _ in index.above(vectors[row], 0.5, day)}
            assert found == _brute_force(vectors, days, vectors[row], day, 0.5)


def test_an_undated_query_searches_every_shard_and_undated_articles_match_every_day() -> None:
    index = WindowedIndex(DIM, WINDOW, 0)
    vector = _unit(np.ones((1, DIM)))[0]
    index.add(np.array([1, 2, 3]), np.stack([vector] * 3), [BASE, BASE + 400, None])
    assert [i for i, _ in index.above(vector, 0.9, BASE)] == [1, 3]
    assert [i for i, _ in index.above(vector, 0.9, BASE + 395)] == [2, 3]
    assert [i for i, _ in index.above(vector, 0.9, None)] == [1, 2, 3]
    assert [i for i, _ in index.nearest(vector, 2)] == [1, 2]


def test_large_shards_become_graphs_that_find_nearly_every_exact_neighbour() -> None:
    index, vectors, days = _filled(exact_shard_size=60)
    assert index.summary()["approximate_shards"] > 0
    found = expected = 0
    for row in range(0, len(vectors), 7):
        truth = _brute_force(vectors, days, vectors[row], days[row], 0.6)
        got = {i for i, _ in index.above(vectors[row], 0.6, days[row])}
        assert got <= truth  # a graph may miss a neighbour, never invent one
        found, expected = found + len(got & truth), expected + len(truth)
    assert found / expected >= 0.98
    assert "approximate (HNSW)" in index.describe()


def test_ids_must_grow_and_each_needs_a_day() -> None:
    index = WindowedIndex(DIM, WINDOW, 0)
    vectors = _unit(np.ones((2, DIM)))
    index.add(np.array([5, 6]), vectors, [BASE, None])
    with pytest.raises(ValueError, match="increasing"):
        index.add(np.array([6]), vectors[:1], [BASE])
    with pytest.raises(ValueError, match="one day per id"):
        index.add(np.array([7, 8]), vectors, [BASE])


def test_the_saved_index_is_reused_only_with_the_same_options(tmp_path: Path) -> None:
    index, vectors, days = _filled(exact_shard_size=200)
    path = tmp_path / "vectors.npz"
    index.save(path)
    again = open_index(path, DIM, window_days=WINDOW, exact_shard_size=200)
    assert len(again) == len(index) and again.summary() == index.summary()
    for row in (0, 13, 400):
        assert again.above(vectors[row], 0.6, days[row]) == index.above(vectors[row], 0.6,
                                                                        days[row])
    assert saved_summary(path)["summary"] == index.summary()  # type: ignore[index]
    for changed in ({"window_days": 5, "exact_shard_size": 200},
                    {"window_days": WINDOW, "exact_shard_size": 0}):
        assert len(open_index(path, DIM, **changed)) == 0  # built otherwise: rebuilt
    assert len(open_index(path, DIM + 1, window_days=WINDOW, exact_shard_size=200)) == 0


@pytest.mark.parametrize("damage", [b"", b"not an index", b"PK\x03\x04 broken zip"])
def test_a_damaged_index_file_is_ignored(tmp_path: Path, damage: bytes) -> None:
    path = tmp_path / "vectors.npz"
    path.write_bytes(damage)
    assert len(open_index(path, DIM, window_days=WINDOW, exact_shard_size=0)) == 0
    assert saved_summary(path) is None


def test_day_numbers_follow_the_time_window_rule() -> None:
    assert day_number("2024-03-11") == BASE + 10
    assert day_number("2024-03-11T09:00:00Z") == BASE + 10
    for missing in (None, "", "2024-03", "yesterday", "2024-13-01"):
        assert day_number(missing) is None


def test_exact_shard_size_must_not_be_negative() -> None:
    from storydiff import SettingsError

    with pytest.raises(SettingsError, match="exact_shard_size"):
        CorpusConfig(exact_shard_size=-1)


def _pgvector_index(fresh: Any, monkeypatch: pytest.MonkeyPatch, vectors: np.ndarray,
                    days: list[int | None]) -> Any:
    """A pgvector store's index over ``vectors`` (written as the store writes them)."""
    import psycopg

    from storydiff.corpus.store import pgvector

    address = fresh()
    with psycopg.connect(address, autocommit=True) as db:
        schema = pgvector.enable(db)
        assert schema is not None
        pgvector.create_table(db.execute, schema, DIM)
        with db.cursor() as cursor:
            cursor.executemany("INSERT INTO vectors VALUES (%s, %s, %s)",
                               [(i + 1, d, pgvector.vector_literal(v))
                                for i, (v, d) in enumerate(zip(vectors, days, strict=True))])
    db = psycopg.connect(address, autocommit=True)
    monkeypatch.setattr(pgvector, "FIRST_K", 4)  # walk the growing k and the scan fallback
    monkeypatch.setattr(pgvector, "MAX_EF_SEARCH", 64)
    return pgvector.PgVectorIndex(lambda sql, params: db.execute(sql, params).fetchall(),
                                  schema, WINDOW, "test"), db


def test_pgvector_search_finds_what_exact_search_finds(pgvector_store: Any,
                                                       monkeypatch: pytest.MonkeyPatch) -> None:
    vectors, days = _corpus(800)
    index, db = _pgvector_index(pgvector_store, monkeypatch, vectors, days)
    try:
        assert len(index) == 800 and "pgvector" in index.describe()
        found = expected = 0
        for row in range(0, 800, 23):
            for day in (days[row], None):
                truth = _brute_force(vectors, days, vectors[row], day, 0.5)
                got = {i for i, _ in index.above(vectors[row], 0.5, day)}
                assert got <= truth
                found, expected = found + len(got & truth), expected + len(truth)
        assert found / expected >= 0.98
        assert [i for i, _ in index.nearest(vectors[5], 1)] == [6]
        assert len(index.above(vectors[0], -1.0)) == 800  # past MAX_EF_SEARCH: a full scan
        index.add(np.array([900]), vectors[:1], [None])  # the store writes rows itself
        assert len(index) == 800
    finally:
        db.close()


def test_stats_name_the_index_each_store_searches(pgvector_store: Any, postgres_store: Any,
                                                  tmp_path: Path) -> None:
    from .conftest import RECORDS, open_corpus

    for address, expected in ((pgvector_store(), "pgvector HNSW in the database"),
                              (postgres_store(), "of 10 days, all exact"),
                              (tmp_path / "folder", "of 10 days, all exact")):
        with open_corpus(address) as corpus:
            assert "not built yet" in str(corpus.stats()["vector_index"]) or "pgvector" in str(
                corpus.stats()["vector_index"])
            corpus.add(RECORDS)
            shown = str(corpus.stats()["vector_index"])
            assert expected in shown, shown
        with open_corpus(address) as again:  # another process: the same stories, same index
            assert expected in str(again.stats()["vector_index"])
            assert again.similar(RECORDS[0]["text"], 1)[0][0] == 1


def test_an_ingest_with_graph_shards_gives_the_stories_of_exact_search(tmp_path: Path) -> None:
    from .conftest import RECORDS, open_corpus, partition

    stories = []
    for name, limit in (("exact", 0), ("graphs", 2)):
        with open_corpus(tmp_path / name, exact_shard_size=limit) as corpus:
            corpus.add(RECORDS)
            stories.append(partition(corpus))
            shown = str(corpus.stats()["vector_index"])
        assert ("approximate (HNSW)" in shown) == bool(limit), shown
        with open_corpus(tmp_path / name, exact_shard_size=limit) as again:  # read back
            assert len(again._vectors()) == len(RECORDS)
            assert again.similar(RECORDS[0]["text"], 1)[0][0] == 1
    assert stories[0] == stories[1]


def test_the_first_and_last_days_of_the_calendar_are_searched_without_error() -> None:
    index = WindowedIndex(DIM, WINDOW, 0)
    vector = _unit(np.ones((1, DIM)))[0]
    first, last = date.min.toordinal(), date.max.toordinal()
    index.add(np.array([1, 2]), np.stack([vector] * 2), [first, last])
    assert [i for i, _ in index.above(vector, 0.9, first)] == [1]
    assert [i for i, _ in index.above(vector, 0.9, last)] == [2]
