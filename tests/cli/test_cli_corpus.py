"""The corpus commands end to end: ingest, stories, story, stats, dedup; exit codes and errors.

The default encoder is replaced by the model-free HashingEncoder: these tests check the command
line, not the quality of the stories.
"""

from __future__ import annotations

import json
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from typer.testing import CliRunner

from storydiff.cli.main import app
from tests.corpus import conftest as corpus_fixtures
from tests.corpus.conftest import RECORDS, write_jsonl

runner = CliRunner()


@pytest.fixture(autouse=True)
def _hashing_encoder(monkeypatch: pytest.MonkeyPatch) -> Iterator[None]:
    from storydiff.embed import CachedEncoder, HashingEncoder, encoder

    monkeypatch.setattr(encoder, "_DEFAULT", CachedEncoder(HashingEncoder()))
    yield


def run(*args: str, stdin: str | None = None):  # type: ignore[no-untyped-def]
    return runner.invoke(app, list(args), input=stdin)


def test_ingest_then_list_show_and_count(tmp_path: Path) -> None:
    store = str(tmp_path / "store")
    source = write_jsonl(tmp_path / "in.jsonl", RECORDS, extra=["{broken"])
    result = run("ingest", str(source), "--store", store)
    assert result.exit_code == 2, result.output  # one record failed
    assert f"{source}:{len(RECORDS) + 1}:" in result.output
    assert f"added {len(RECORDS)}, duplicates 0, failed 1" in result.output

    listed = run("stories", "--store", store, "--json", "--min-size", "1")
    assert listed.exit_code == 0, listed.output
    stories = json.loads(listed.output)
    assert sum(s["size"] for s in stories) == len(RECORDS)

    shown = run("story", str(stories[0]["id"]), "--store", store, "--json")
    assert shown.exit_code == 0, shown.output
    detail = json.loads(shown.output)
    assert detail["summary"]["id"] == stories[0]["id"] and detail["origin"] is not None

    table = run("story", str(stories[0]["id"]), "--store", store)
    assert table.exit_code == 0 and "origin" in table.output

    stats = run("stats", "--store", store, "--json")
    assert json.loads(stats.output)["articles"] == len(RECORDS)


def test_clean_ingest_from_stdin_exits_0(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("STORYDIFF_STORE", str(tmp_path / "env-store"))
    lines = "\n".join(json.dumps(r) for r in RECORDS[:2]) + "\n"
    result = run("ingest", "-", stdin=lines)
    assert result.exit_code == 0, result.output
    again = run("ingest", "-", stdin=lines)
    assert "added 0, duplicates 2" in again.output
    assert (tmp_path / "env-store" / "corpus.sqlite").exists()


def test_reading_a_missing_store_is_one_line_error(tmp_path: Path) -> None:
    result = run("stories", "--store", str(tmp_path / "nowhere"))
    assert result.exit_code == 5  # StoreError
    assert "no store at" in result.output and "Traceback" not in result.output


def test_unknown_story_is_an_error(tmp_path: Path) -> None:
    store = str(tmp_path / "store")
    run("ingest", str(write_jsonl(tmp_path / "in.jsonl", RECORDS[:1])), "--store", store)
    result = run("story", "999", "--store", store)
    assert result.exit_code == 6 and "no story has id 999" in result.output  # UnknownIdError


def test_dedup_writes_kept_records_and_clusters(tmp_path: Path) -> None:
    source = write_jsonl(tmp_path / "in.jsonl", [*RECORDS, RECORDS[0] | {"id": "copy"}])
    out, clusters = tmp_path / "out.jsonl", tmp_path / "c.jsonl"
    result = run("dedup", str(source), "--out", str(out), "--clusters", str(clusters))
    assert result.exit_code == 0, result.output
    kept = [json.loads(x)["id"] for x in out.read_text(encoding="utf-8").splitlines()]
    assert "copy" not in kept and "storm-1" in kept
    rows = [json.loads(x) for x in clusters.read_text(encoding="utf-8").splitlines()]
    assert len(rows) == len(RECORDS) + 1
    assert {"id": "copy", "group": "storm-1"} in rows


def test_corpus_and_compare_settings_can_be_set(tmp_path: Path) -> None:
    source = write_jsonl(tmp_path / "in.jsonl", RECORDS)
    out = tmp_path / "kept.jsonl"
    loose = run("dedup", str(source), "--out", str(out), "--set", "dedup_threshold=0.01",
                "--set", "num_perm=32")
    assert loose.exit_code == 0, loose.output
    assert 0 < len(out.read_text().splitlines()) < len(RECORDS)  # all near-duplicates now
    bad = run("ingest", str(source), "--store", str(tmp_path / "s"), "--set", "num_perm=0")
    assert bad.exit_code == 4 and "num_perm must be at least 1" in bad.output
    unknown = run("ingest", str(source), "--store", str(tmp_path / "s"), "--set", "port=1")
    assert unknown.exit_code == 4 and "unknown setting 'port'" in unknown.output
    small = run("ingest", str(source), "--store", str(tmp_path / "t"), "--set", "max_claims=1")
    assert small.exit_code == 2 and "--set max_claims=N" in small.output
    # each over-long record is skipped with its reason; the ingest goes on to the next
    assert small.output.count("skipped:") == len(RECORDS)
    assert f"failed {len(RECORDS)}" in small.output


# -- the PostgreSQL store from the command line (skipped without a server) ---------------------

postgres_store = corpus_fixtures.postgres_store  # the fixture: fresh PostgreSQL store addresses


def test_a_postgresql_store_is_chosen_by_its_address(postgres_store: Any,
                                                     monkeypatch: pytest.MonkeyPatch,
                                                     tmp_path: Path) -> None:
    import psycopg

    from storydiff.corpus.store.postgres import PostgresStore

    address = postgres_store()
    source = write_jsonl(tmp_path / "in.jsonl", RECORDS)
    original = PostgresStore.add_band_keys
    calls = {"n": 0}

    def lost_on_the_fifth(store: PostgresStore, article_id: int, keys: Any) -> None:
        calls["n"] += 1
        if calls["n"] == 5:  # the server goes away in the middle of the second batch
            with psycopg.connect(corpus_fixtures.POSTGRES, autocommit=True) as admin:
                admin.execute("SELECT pg_terminate_backend(%s)", (store.db.info.backend_pid,))
        original(store, article_id, keys)

    monkeypatch.setattr(PostgresStore, "add_band_keys", lost_on_the_fifth)
    lost = run("ingest", str(source), "--store", address, "--set", "batch_size=3")
    assert lost.exit_code == 5 and "lost the PostgreSQL store" in lost.output
    assert "Traceback" not in lost.output
    monkeypatch.setattr(PostgresStore, "add_band_keys", original)
    monkeypatch.setenv("STORYDIFF_STORE", address)
    rerun = run("ingest", str(source))
    assert rerun.exit_code == 0, rerun.output
    assert f"added {len(RECORDS) - 3}, duplicates 3, failed 0" in rerun.output
    stats = json.loads(run("stats", "--json").output)
    assert stats["articles"] == len(RECORDS) and stats["store"].startswith("postgresql ")
    assert "faiss" in stats["vector_index"]


def test_a_missing_postgresql_server_is_one_line_error() -> None:
    result = run("stories", "--store", "postgresql://127.0.0.1:1/none?connect_timeout=3")
    assert result.exit_code == 5 and "start the server" in result.output
    assert "Traceback" not in result.output
