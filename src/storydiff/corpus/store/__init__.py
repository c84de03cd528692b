"""The corpus store: one interface (``CorpusStore``) and its embedded SQLite implementation
(``SqliteStore``). Ingest, clustering, summaries and ``Corpus`` call the interface only; every
SQL statement of corpus mode lives in ``sqlite`` and ``sqlite_db``.
"""

from __future__ import annotations

from .files import os_store_error
from .interface import CorpusStore, Link
from .sqlite import SqliteStore
from .sqlite_db import SCHEMA_VERSION, store_error

__all__ = [
    "SCHEMA_VERSION",
    "CorpusStore",
    "Link",
    "SqliteStore",
    "os_store_error",
    "store_error",
]
