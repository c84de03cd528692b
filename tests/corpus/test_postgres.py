"""The PostgreSQL store beyond the shared contract: concurrent writers lose and duplicate
nothing, a server that goes away mid-ingest stops it with a typed error and a rerun completes
it, and a missing server or driver says what to start or install. Skipped without a server
(see ``postgres_store`` in conftest)."""

from __future__ import annotations

import multiprocessing
import sys
from collections.abc import Callable
from typing import Any

import pytest

from storydiff import StoreError
from storydiff.corpus import Corpus
from storydiff.corpus.store import open_store

from .conftest import POSTGRES, RECORDS, STORIES, open_corpus, partition

Fresh = Callable[[], str]
EXPECTED = {frozenset(r["title"] for r in story) for story in STORIES}


def _ingest(address: str, records: list[dict[str, Any]], start: Any, results: Any) -> None:
    """A writer process: wait for the other one, then ingest one article a batch."""
    start.wait(timeout=120)
    with open_corpus(address, batch_size=1) as corpus:
        summary = corpus.add(records)
    results.put((summary.added, summary.duplicates, summary.failed))


def test_two_processes_ingesting_overlapping_records_store_each_article_once(
        postgres_store: Fresh) -> None:
    address = postgres_store()
    open_corpus(address).close()  # create the tables once, like a first ingest
    context = multiprocessing.get_context("spawn")
    start, results = context.Barrier(2), context.Queue()
    # in the same order, so that both analyse the shared ones at about the same time
    halves = [RECORDS[:6], RECORDS[1:]]  # RECORDS[1:6] in both
    writers = [context.Process(target=_ingest, args=(address, half, start, results))
               for half in halves]
    for writer in writers:
        writer.start()
    for writer in writers:
        writer.join(timeout=180)
    assert [w.exitcode for w in writers] == [0, 0]
    counts = [results.get(timeout=5) for _ in writers]
    assert sum(added for added, _, _ in counts) == len(RECORDS)
    assert sum(dups for _, dups, _ in counts) == sum(map(len, halves)) - len(RECORDS)
    with open_corpus(address) as corpus:
        assert corpus.stats()["articles"] == len(RECORDS)
        titles = [m.title for s in corpus.stories(limit=100) for m in corpus._store.members(s.id)]
        assert sorted(titles) == sorted(r["title"] for r in RECORDS)  # each once
        assert partition(corpus) == EXPECTED  # what one process ingesting them all gives


def _terminate(pid: int) -> None:
    """End a server process (as an administrator stopping a server would, for one session)."""
    import psycopg

    with psycopg.connect(POSTGRES, autocommit=True) as admin:
        admin.execute("SELECT pg_terminate_backend(%s)", (pid,))


def test_a_server_lost_mid_batch_stops_the_ingest_and_a_rerun_completes_it(
        postgres_store: Fresh, monkeypatch: pytest.MonkeyPatch) -> None:
    address = postgres_store()
    corpus = open_corpus(address, batch_size=4)
    store: Any = corpus._store
    calls = {"n": 0}
    original = store.add_band_keys

    def lost_in_the_second_batch(article_id: int, keys: Any) -> None:
        calls["n"] += 1
        if calls["n"] == 6:  # two articles of the second batch are written: then the loss
            _terminate(store.db.info.backend_pid)
        original(article_id, keys)

    monkeypatch.setattr(store, "add_band_keys", lost_in_the_second_batch)
    with pytest.raises(StoreError, match="lost the PostgreSQL store") as caught:
        corpus.add(RECORDS)
    assert "run the command again" in str(caught.value)
    corpus.close()  # closing a lost connection is quiet
    with open_corpus(address) as again:
        assert again.stats()["articles"] == 4  # the first batch, none of the second
        rerun = again.add(RECORDS)
        assert (rerun.added, rerun.duplicates) == (len(RECORDS) - 4, 4)
        assert again.stats()["articles"] == len(RECORDS)
        assert partition(again) == EXPECTED


def test_a_server_lost_between_batches_is_a_store_error(postgres_store: Fresh) -> None:
    corpus = open_corpus(postgres_store(), batch_size=2)
    pid = corpus._store.db.info.backend_pid  # type: ignore[attr-defined]

    def lose(done: int, total: int) -> None:
        if done == 2:
            _terminate(pid)

    with pytest.raises(StoreError, match="lost the PostgreSQL store"):
        corpus.add(RECORDS, progress=lose)
    corpus.close()


def test_a_missing_server_says_what_to_start() -> None:
    with pytest.raises(StoreError, match="start the server") as caught:
        Corpus("postgresql://someone:secret@127.0.0.1:1/nothing?connect_timeout=3")
    assert "secret" not in str(caught.value) and "***" in str(caught.value)


def test_a_missing_driver_says_what_to_install(monkeypatch: pytest.MonkeyPatch) -> None:
    for name in [m for m in sys.modules if m == "psycopg" or m.startswith("psycopg.")
                 or m == "storydiff.corpus.store.postgres"]:
        monkeypatch.delitem(sys.modules, name)
    monkeypatch.setitem(sys.modules, "psycopg", None)  # import psycopg now fails
    with pytest.raises(StoreError, match=r"pip install 'storydiff\[postgres\]'"):
        open_store("postgresql:///anything")


def test_reading_a_store_that_was_never_created_is_a_store_error(postgres_store: Fresh) -> None:
    address = postgres_store()
    with pytest.raises(StoreError, match="no store at"):
        open_store(address, create=False)


def test_stats_name_the_backend_and_the_vector_cache(postgres_store: Fresh) -> None:
    with open_corpus(postgres_store()) as corpus:
        corpus.add(RECORDS[:2])
        stats = corpus.stats()
        assert str(stats["store"]).startswith("postgresql postgresql://")
        assert "faiss" in str(stats["vector_index"]) and stats["index_bytes"] > 0
        assert corpus.path == corpus._store.index_path.parent and corpus.path.is_dir()


def test_an_exclusive_maintenance_lock_refuses_writers(postgres_store: Fresh) -> None:
    import psycopg

    from storydiff.corpus.store.postgres_db import WRITERS_KEY

    address = postgres_store()
    with open_corpus(address) as corpus, psycopg.connect(address, autocommit=True) as other:
        other.execute("SELECT pg_advisory_lock(%s, hashtext(current_schema()))", (WRITERS_KEY,))
        with pytest.raises(StoreError, match="locked"):
            corpus.add(RECORDS[:1])
        other.execute("SELECT pg_advisory_unlock_all()")
        assert corpus.add(RECORDS[:1]).added == 1
