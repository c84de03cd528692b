"""The corpus store: one interface (``CorpusStore``), its embedded SQLite implementation
(``SqliteStore``) and its PostgreSQL server implementation (``PostgresStore``, imported lazily:
psycopg is the optional extra ``postgres``). ``open_store`` picks one by the store address.
Ingest, clustering, summaries and ``Corpus`` call the interface only; every SQL statement of
corpus mode lives in ``sql`` (what both share), ``sqlite``/``sqlite_db`` and
``postgres``/``postgres_db``.
"""

from __future__ import annotations

from pathlib import Path

from ..._errors import StoreError
from .address import shown_address
from .files import os_store_error
from .interface import CorpusStore, Link, LinkColumns, LoadRow
from .sqlite import SqliteStore
from .sqlite_db import DB_NAME, SCHEMA_VERSION, store_error

__all__ = [
    "SCHEMA_VERSION",
    "CorpusStore",
    "Link",
    "LinkColumns",
    "LoadRow",
    "SqliteStore",
    "is_server_address",
    "open_store",
    "os_store_error",
    "shown_address",
    "store_error",
]

_SERVER_SCHEMES = ("postgresql://", "postgres://")


def is_server_address(address: str | Path) -> bool:
    """Whether a store address names a PostgreSQL server (``postgresql://…``, ``postgres://…``)
    rather than a folder."""
    return isinstance(address, str) and address.lower().startswith(_SERVER_SCHEMES)


def open_store(address: str | Path, *, create: bool = True) -> CorpusStore:
    """The store at ``address``: a folder path is the embedded SQLite store (the default);
    ``postgresql://user@host/db`` (or ``postgres://``) is the PostgreSQL server store.

    Args:
        address: a folder, or a libpq URI.
        create: create the store when missing; otherwise a missing store raises StoreError.

    Raises:
        StoreError: the store cannot be opened (missing with ``create=False``, corrupt, of
            another version, its server unreachable, or psycopg not installed).

    Example:
        >>> store = open_store("postgresql://me@dbhost/news")  # doctest: +SKIP
    """
    if is_server_address(address):
        try:
            from .postgres import PostgresStore
        except ImportError:
            raise StoreError("a PostgreSQL store needs the psycopg package: install it with "
                             "pip install 'storydiff[postgres]'") from None
        return PostgresStore(str(address), create=create)
    folder = Path(address)
    if not create and not (folder / DB_NAME).is_file():
        raise StoreError(f"no store at {folder}; create one with 'storydiff ingest PATH "
                         f"--store {folder}'")
    return SqliteStore(folder, create=create)
