"""The PostgreSQL database of a server store: its schema (the tables of ``sql`` in PostgreSQL's
types: BIGINT ids, BYTEA signatures, embeddings and documents; no extension needed, though
pgvector is used where it can be had: see ``pgvector``), how
it is opened (schema created under a transaction-level advisory lock, version checked), the
advisory lock keys, and the typed errors of psycopg.

The tables live in the connection's current schema: an address may pick one with
``?options=-csearch_path%3DNAME`` (the tests give each store its own schema this way).
"""

from __future__ import annotations

import uuid
from typing import TYPE_CHECKING, Any

from ..._errors import StoreError, StoreFullError, StoreReadOnlyError
from .address import shown_address
from .pgvector import enable as enable_pgvector
from .sql import SCHEMA_VERSION, schema

if TYPE_CHECKING:
    import psycopg

__all__ = ["BATCH_KEY", "SCHEMA_KEY", "WRITERS_KEY", "connect", "shown", "store_error"]

#: The first key of storydiff's advisory locks (the second is ``hashtext(current_schema())``,
#: so stores in different schemas of one database do not block each other).
BATCH_KEY = 0x5D_0001  # transaction-level, exclusive: one batch is written at a time
WRITERS_KEY = 0x5D_0002  # session-level, shared by every ingesting process
SCHEMA_KEY = 0x5D_0003  # transaction-level: creating the tables

_SCHEMA = schema(serial="BIGSERIAL", integer="BIGINT", blob="BYTEA", real="DOUBLE PRECISION",
                 without_rowid=False)

#: The tables of a store (what ``database_bytes`` adds up).
TABLES = ("meta", "articles", "documents", "features", "lsh", "links", "stories", "vectors")


def shown(address: str) -> str:
    """The address with any password replaced by ``***`` (for messages and ``stats``)."""
    return shown_address(address)


def connect(address: str, *, create: bool) -> tuple[psycopg.Connection[Any], bool, str]:
    """An autocommit connection to the store at ``address`` with its schema checked (or
    created), whether it is read-only, and the store's id (which names its local cache).

    Raises:
        StoreError: psycopg is not installed, the server cannot be reached, the store is of
            another schema version, or (with ``create=False``) holds no store.
    """
    try:
        import psycopg
    except ImportError:
        raise StoreError("a PostgreSQL store needs the psycopg package: install it with "
                         "pip install 'storydiff[postgres]'") from None
    extra: dict[str, Any] = {} if "connect_timeout" in address else {"connect_timeout": 10}
    try:
        db = psycopg.connect(address, autocommit=True, **extra)
    except psycopg.Error as exc:
        raise StoreError(
            f"cannot connect to the PostgreSQL store {shown(address)} ({_reason(exc)}): start "
            "the server (on Debian: pg_ctlcluster 15 main start) or fix the address, "
            "e.g. postgresql://user@host/database") from None
    try:
        read_only = _value(db, "SHOW transaction_read_only") == "on"
        store_id = _prepared(db, address, create=create and not read_only)
    except psycopg.Error as exc:
        db.close()
        raise store_error(exc, address) from None
    except StoreError:
        db.close()
        raise
    return db, read_only, store_id


def _prepared(db: psycopg.Connection[Any], address: str, *, create: bool) -> str:
    """Create the tables when missing (one process at a time), check the schema version, and
    return the store's id."""
    with db.transaction():
        if create:
            db.execute("SELECT pg_advisory_xact_lock(%s, hashtext(current_schema()))",
                       (SCHEMA_KEY,))
        if _value(db, "SELECT to_regclass('meta')") is None:
            if not create:
                raise StoreError(f"no store at {shown(address)}; create one with "
                                 f"'storydiff ingest PATH --store {shown(address)}'")
            if _value(db, "SELECT current_schema()") is None:
                raise StoreError(f"the schema that {shown(address)} names does not exist; "
                                 "create it (CREATE SCHEMA name) or fix the search_path")
            db.execute(_SCHEMA)
            vector_schema = enable_pgvector(db)
            db.execute("INSERT INTO meta VALUES ('schema_version', %s), ('store_id', %s), "
                       "('vector_index', %s)",
                       (SCHEMA_VERSION, uuid.uuid4().hex,
                        f"pgvector:{vector_schema}" if vector_schema else "local"))
        version = _value(db, "SELECT value FROM meta WHERE key = 'schema_version'")
        if version != SCHEMA_VERSION:
            raise StoreError(f"{shown(address)} holds store schema {version}, this storydiff "
                             f"reads {SCHEMA_VERSION}; ingest into a new store")
        return str(_value(db, "SELECT value FROM meta WHERE key = 'store_id'"))


def _value(db: psycopg.Connection[Any], sql: str) -> Any:
    """The first value of the first row of a query (None when there is no row)."""
    row = db.execute(sql).fetchone()
    return row[0] if row else None


def store_error(exc: Exception, address: str) -> StoreError:
    """A typed StoreError for a psycopg error: a lost server, a read-only server or role, a
    full disk, or another failure of the database."""
    import psycopg
    from psycopg import errors

    where, reason = shown(address), _reason(exc)
    if isinstance(exc, errors.ReadOnlySqlTransaction | errors.InsufficientPrivilege):
        return StoreReadOnlyError(
            f"the PostgreSQL store {where} cannot be written ({reason}): it can be read but not "
            "added to; connect to the primary server, or as a role allowed to write")
    if isinstance(exc, errors.DiskFull | errors.OutOfMemory):
        return StoreFullError(f"the PostgreSQL server of {where} is out of space ({reason}); "
                              "the batch was not stored: free some space and run the command "
                              "again")
    if isinstance(exc, psycopg.OperationalError):
        return StoreError(
            f"lost the PostgreSQL store {where} ({reason}): the batch in progress was rolled "
            "back, nothing half-written was kept; check that the server is running and run the "
            "command again (articles already stored are skipped)")
    return StoreError(f"the PostgreSQL store {where} failed ({reason}); if this persists, "
                      "ingest into a new store")


def _reason(exc: Exception) -> str:
    """The first line of a psycopg error."""
    text = str(exc).strip().splitlines()
    return text[0] if text else type(exc).__name__
