"""The store seen from the web: the methods of ``storydiff.corpus.Corpus`` the app calls, and a
gate that runs every store call on one dedicated thread (SQLite connections belong to the
thread that opened them; ingest and queries never interleave). Only quick calls run on that
thread: a story's details are computed elsewhere (``story_from`` touches no database) and
cached (``web.stories``)."""

from __future__ import annotations

import asyncio
from collections.abc import Callable, Iterable
from concurrent.futures import ThreadPoolExecutor
from functools import partial
from pathlib import Path
from typing import Any, Protocol, TypeVar

from ..corpus.types import ArticleRecord, IngestSummary, StoryDetail, StorySummary
from ..document import Article, Document
from ..settings import Settings

__all__ = ["CorpusView", "StoreGate", "open_corpus"]

_T = TypeVar("_T")


class CorpusView(Protocol):
    """What the web app needs of a corpus (``storydiff.corpus.Corpus`` provides it; the
    corpus's own storage interface is ``storydiff.corpus.store.CorpusStore``)."""

    def add(self, items: Iterable[Article]) -> IngestSummary:
        """Ingest articles."""

    def stories(self, *, since: str | None = None, lang: str | None = None, min_size: int = 1,
                query: str | None = None, limit: int = 50, offset: int = 0) -> list[StorySummary]:
        """List stories, newest first."""

    def story(self, id: int) -> StoryDetail:
        """One story in full."""

    def story_parts(self, id: int) -> Any:
        """What ``story_from`` needs of one story, read from the store (quick)."""

    def story_from(self, parts: Any, compare: Callable[[Document, Document], Any] | None = None,
                   ) -> StoryDetail:
        """A story's details from its parts (slow; touches no database: any thread)."""

    def write_marker(self) -> str:
        """A value that changes whenever the store is written."""

    def article(self, id: int) -> ArticleRecord:
        """One stored article."""

    def similar(self, doc: Document | str, k: int = 10) -> list[tuple[int, float]]:
        """The ``k`` stored articles nearest in meaning to ``doc``."""


def open_corpus(path: str | Path, settings: Settings) -> CorpusView:
    """Open the corpus store at ``path``, a folder or a postgresql:// address (imported lazily:
    the compare page needs none)."""
    from ..corpus import Corpus

    return Corpus(path, settings=settings)


class StoreGate:
    """Runs every call to the store on one thread; opens the store there on first use (and
    again after ``close``, as when an app's lifespan runs more than once)."""

    def __init__(self, opener: Callable[[], CorpusView]) -> None:
        self._opener = opener
        self._store: CorpusView | None = None
        self._thread: ThreadPoolExecutor | None = None

    async def run(self, work: Callable[[CorpusView], _T]) -> _T:
        """Run ``work(store)`` on the store thread and await its result.

        Example:
            >>> await gate.run(lambda store: store.story(3))  # doctest: +SKIP
        """
        if self._thread is None:
            self._thread = ThreadPoolExecutor(max_workers=1,
                                              thread_name_prefix="storydiff-store")
        loop = asyncio.get_running_loop()
        return await loop.run_in_executor(self._thread, partial(self._call, work))

    async def opened(self) -> CorpusView:
        """The store object (opened on the store thread), for calls that touch no database."""
        return await self.run(lambda store: store)

    def _call(self, work: Callable[[CorpusView], _T]) -> _T:
        """Open the store when needed, then run ``work`` (on the store thread)."""
        if self._store is None:
            self._store = self._opener()
        return work(self._store)

    def close(self) -> None:
        """Close the store (when it has a ``close``) and stop the thread."""
        thread, store = self._thread, self._store
        self._thread, self._store = None, None
        if thread is None:
            return
        close = getattr(store, "close", None)
        if callable(close):
            thread.submit(close).result()
        thread.shutdown(wait=True)
