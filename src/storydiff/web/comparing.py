"""Comparisons for the web: one shared ``Comparer``, run in worker threads, a bounded number at
a time (the pipeline is CPU-bound: more parallel runs than cores only add latency)."""

from __future__ import annotations

import asyncio
import threading
from collections.abc import Callable
from typing import Any, TypeVar

from starlette.concurrency import run_in_threadpool

from ..analyse import analyse
from ..document import Article, Document
from ..ingest import clean
from ..pipeline import Comparer
from ..settings import Settings
from .inputs import Fetching, Item, to_article

__all__ = ["CompareService"]

_T = TypeVar("_T")
# Warm-up texts touch every stage (names, numbers, dates, a quote, a contradiction) so that
# every lazily loaded model is loaded before the first real request.
_WARM_A = (b"Storm floods Norland harbour\n\nA storm flooded 40 homes in Norland on Monday, "
           b"3 March 2025, officials said. \"We were not ready,\" said Mayor Anna Berg. The "
           b"government approved 2 million euros in aid.")
_WARM_B = (b"Norland storm\n\nMayor Anna Berg said 60 homes were flooded in Norland on Tuesday, "
           b"4 March 2025. \"We were not ready,\" Berg told reporters. The government refused "
           b"to approve aid.")


class CompareService:
    """Runs comparisons with one lazily loaded ``Comparer`` and at most ``slots`` at a time."""

    def __init__(self, *, settings: Settings, slots: int, fetching: Fetching,
                 comparer: Comparer | None = None) -> None:
        self.settings = comparer.settings if comparer is not None else settings
        self.fetching = fetching
        self._comparer = comparer
        self._lock = threading.Lock()
        self._slots = asyncio.Semaphore(slots)

    @property
    def loaded(self) -> bool:
        """Whether the models are loaded."""
        return self._comparer is not None

    def comparer(self) -> Comparer:
        """The shared comparer, created on first use (thread-safe)."""
        with self._lock:
            if self._comparer is None:
                self._comparer = Comparer(settings=self.settings)
            return self._comparer

    def warm_up(self) -> None:
        """Load every model now, by comparing two tiny texts (the first run loads them all)."""
        self.comparer().compare(_WARM_A, _WARM_B)

    async def compare(self, a: Item, b: Item) -> dict[str, Any]:
        """Compare two request items; returns ``Report.to_dict()``.

        Raises:
            storydiff.InputError: an input is empty, binary, too large, or a fetch was refused.
        """
        settings = self.settings
        article_a = await run_in_threadpool(to_article, a, "<article A>", settings, self.fetching)
        article_b = await run_in_threadpool(to_article, b, "<article B>", settings, self.fetching)
        return await self.compare_articles(article_a, article_b)

    async def compare_articles(self, a: Article, b: Article) -> dict[str, Any]:
        """Compare two articles in a worker thread, once a slot is free."""
        return await self.run(lambda: self._compare_now(a, b))

    async def run(self, work: Callable[[], _T]) -> _T:
        """Run CPU-bound ``work`` in a worker thread, once a slot is free."""
        async with self._slots:
            return await run_in_threadpool(work)

    def _compare_now(self, a: Article, b: Article) -> dict[str, Any]:
        """Clean, analyse and compare two articles (in a worker thread)."""
        comparer = self.comparer()
        report = comparer.compare_documents(self._document(a), self._document(b))
        return report.to_dict()

    def _document(self, article: Article) -> Document:
        """One article, cleaned and analysed with the shared settings."""
        settings = self.settings
        return analyse(clean(article, settings=settings), settings=settings)
