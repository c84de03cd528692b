"""One store interface: corpus mode keeps its SQL in the two stores (SQLite and PostgreSQL), each
provides every method of ``CorpusStore`` with the same parameters, and both pass the same
contract tests.

The source checks read the files (``ast``), so a lazy import or a query built inside a function
counts too.
"""

from __future__ import annotations

import ast
import inspect
import re
from collections.abc import Callable, Iterator
from pathlib import Path

import pytest

from storydiff.corpus import Corpus, StorySummary
from storydiff.corpus.store import CorpusStore, SqliteStore
from storydiff.corpus.store.postgres import PostgresStore

from .conftest import RECORDS

MakeCorpus = Callable[..., Corpus]

CORPUS = Path(__file__).resolve().parents[2] / "src" / "storydiff" / "corpus"
#: The modules of the two stores: the only ones that may speak SQL.
IMPLEMENTATION = {CORPUS / "store" / f"{name}.py"
                  for name in ("sql", "sqlite", "sqlite_db", "postgres", "postgres_db",
                               "pgvector")}
#: The database drivers.
DRIVERS = {"sqlite3", "psycopg"}
STORES = [SqliteStore, PostgresStore]
#: Statements and clauses of SQL, as this code base writes them (upper case).
SQL = re.compile(r"\b(?:SELECT\b[\s\S]*\bFROM|INSERT\s+(?:OR\s+[A-Z]+\s+)?INTO|"
                 r"UPDATE\s+\w+\s+SET|DELETE\s+FROM|CREATE\s+(?:TABLE|INDEX)|WHERE|JOIN|"
                 r"PRAGMA|BEGIN|COMMIT|ROLLBACK)\b")
#: Attributes that reach a database connection directly, and the old chunked-query helper.
RAW_ACCESS = {"db", "execute", "executemany", "executescript", "query"}
RAW_NAMES = {"rows_in"}


def _strings(tree: ast.AST) -> Iterator[str]:
    """The text of every string literal (an f-string's fixed parts joined by ``{}``)."""
    inside_fstrings = set()
    for node in ast.walk(tree):
        if isinstance(node, ast.JoinedStr):
            parts = [v for v in node.values if isinstance(v, ast.Constant)]
            inside_fstrings.update(map(id, parts))
            yield "{}".join(str(v.value) for v in parts)
    for node in ast.walk(tree):
        if isinstance(node, ast.Constant) and isinstance(node.value, str) \
                and id(node) not in inside_fstrings:
            yield node.value


def _sql_found(path: Path) -> list[str]:
    """What in ``path`` speaks to SQLite: sqlite3 imports, SQL strings, raw connection use."""
    tree = ast.parse(path.read_text(encoding="utf-8"))
    found = [f"SQL string {s[:60]!r}" for s in _strings(tree) if SQL.search(s)]
    for node in ast.walk(tree):
        if isinstance(node, ast.Import):
            found += [f"import {a.name}" for a in node.names if a.name.split(".")[0] in DRIVERS]
        elif isinstance(node, ast.ImportFrom) and (node.module or "").split(".")[0] in DRIVERS:
            found.append(f"from {node.module} import")
        elif isinstance(node, ast.Attribute) and node.attr in RAW_ACCESS:
            found.append(f".{node.attr}")
        elif isinstance(node, ast.Name) and node.id in RAW_NAMES:
            found.append(node.id)
    return found


def _modules() -> list[Path]:
    return sorted(p for p in CORPUS.rglob("*.py") if p not in IMPLEMENTATION)


@pytest.mark.parametrize("path", _modules(), ids=lambda p: str(p.relative_to(CORPUS)))
def test_only_the_stores_speak_sql(path: Path) -> None:
    assert _sql_found(path) == [], "go through a CorpusStore method instead"


def test_the_source_check_sees_sql() -> None:
    for path in IMPLEMENTATION:
        assert any(f.startswith("SQL string") for f in _sql_found(path)), path
    assert "import sqlite3" in _sql_found(CORPUS / "store" / "sqlite.py")
    assert "import psycopg" in _sql_found(CORPUS / "store" / "postgres.py")
    tree = ast.parse('db.execute(f"SELECT a FROM {t} WHERE b = ?")\nrows_in(x)\n')
    assert len(list(_strings(tree))) == 1


def _protocol_members() -> dict[str, object]:
    """The methods and properties that ``CorpusStore`` declares."""
    return {name: value for name, value in vars(CorpusStore).items()
            if not name.startswith("_") and (callable(value) or isinstance(value, property))}


def test_the_protocol_declares_what_corpus_mode_needs() -> None:
    members = _protocol_members()
    assert {"add_article", "lsh_candidates", "write_batch", "write_marker", "lock", "unlock",
            "close", "members", "counts", "stories"} <= set(members)
    assert all(inspect.getdoc(value) for value in members.values())


@pytest.mark.parametrize("kind", STORES, ids=lambda k: k.__name__)
@pytest.mark.parametrize("name", sorted(_protocol_members()))
def test_each_store_implements_each_member_alike(name: str, kind: type) -> None:
    declared = _protocol_members()[name]
    implemented = inspect.getattr_static(kind, name, None)
    assert implemented is not None, f"{kind.__name__} lacks {name}"
    if isinstance(declared, property):
        assert isinstance(implemented, property)
        return
    assert callable(declared)
    wanted = inspect.signature(declared).parameters
    got = inspect.signature(getattr(kind, name)).parameters
    assert [(p.name, p.kind, p.default, p.annotation) for p in got.values()] == \
        [(p.name, p.kind, p.default, p.annotation) for p in wanted.values()]


@pytest.mark.parametrize("kind", STORES, ids=lambda k: k.__name__)
def test_the_stores_add_nothing_public_but_raw_queries(kind: type) -> None:
    public = {name for name in vars(kind) if not name.startswith("_")}
    assert public - set(_protocol_members()) == {"query"}


@pytest.fixture
def store(make_any_corpus: MakeCorpus) -> CorpusStore:
    """The store of a corpus holding the fixture records (SQLite, then PostgreSQL)."""
    corpus = make_any_corpus()
    corpus.add(RECORDS)
    return corpus._store


def _listed(store: CorpusStore) -> list[StorySummary]:
    return store.stories(since=None, lang=None, min_size=1, query=None, limit=100, offset=0)


def test_a_failed_batch_leaves_the_store_and_its_marker_as_they_were(
        store: CorpusStore) -> None:
    marker, before = store.write_marker(), _listed(store)
    with pytest.raises(RuntimeError, match="boom"), store.write_batch():
        for summary in before:
            store.delete_story(summary.id)
        raise RuntimeError("boom")
    assert (store.write_marker(), _listed(store)) == (marker, before)
    with store.write_batch():
        pass
    assert store.write_marker() == str(int(marker) + 1)


def test_reads_through_the_interface_agree(store: CorpusStore) -> None:
    counts = store.counts()
    assert counts["articles"] == len(RECORDS) and list(counts)[-1] == "database_bytes"
    listed = _listed(store)
    assert counts["stories"] == len(listed)
    assert sum(len(store.members(s.id)) for s in listed) == len(RECORDS)
    for summary in listed:
        assert store.story_summary(summary.id) == summary
        assert store.stories_of([m.article_id for m in store.members(summary.id)]) == \
            {summary.id}
    ids = list(range(1, len(RECORDS) + 1))
    assert [i for i, _, _ in store.embeddings()] == ids
    assert [p.id for p in store.profiles(reversed(ids))] == ids
    assert store.story_summary(2**70) is None and store.article(-1) is None
    assert store.document_data(len(RECORDS) + 1) is None
