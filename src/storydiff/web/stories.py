"""Story details for the web: computed once per store state, off the store thread, cached.

A story's details compare its members (each comparison as long as one on the compare page,
0.7 s warm in bench/serve.py), so they are never recomputed per request and never computed on the
store thread (which would hold every other store call for the whole time). The store thread
only reads the story's parts (quick); the comparisons run as one job in the comparison queue;
the result is kept in a small LRU cache keyed by the store's write marker
(``Corpus.write_marker``, bumped by every committed ingest batch, from any process), so an
ingest makes every cached story stale. Requests for a story that is being computed share that
one computation; one that outlasts the request's time limit gets 503 with ``Retry-After`` while
the computation goes on and fills the cache.
"""

from __future__ import annotations

import asyncio
import contextlib
from collections import OrderedDict
from collections.abc import Callable
from typing import Any

from ..corpus.types import StoryDetail
from ..document import Document
from .comparing import CompareService
from .jobs import Job, UnavailableError
from .store import StoreGate

__all__ = ["StoryCache"]


class StoryCache:
    """Story details by id for the current write marker, at most ``size`` of them.

    Args:
        gate: the store gate.
        service: the comparison service (its queue, slots and shared comparer).
        size: stories kept.
        timeout_s: the time limit of one story's computation (longer than a request's).
    """

    def __init__(self, gate: StoreGate, service: CompareService, *, size: int,
                 timeout_s: float) -> None:
        self.gate = gate
        self.service = service
        self.size = size
        self.timeout_s = timeout_s
        self.computed = 0  # computations finished (for tests and the health endpoint)
        self._marker: str | None = None
        self._cache: OrderedDict[int, StoryDetail] = OrderedDict()
        self._pending: dict[tuple[int, str], asyncio.Task[StoryDetail]] = {}

    async def get(self, story_id: int, job: Job) -> StoryDetail:
        """The details of story ``story_id``, from the cache or computed (shared).

        Raises:
            UnknownIdError: no story has this id.
            UnavailableError: the computation outlasted ``job`` (it goes on), the queue is
                full, or the client went away.
        """
        marker = await self.gate.run(lambda store: store.write_marker())
        if marker != self._marker:
            self._cache.clear()
            self._marker = marker
        if story_id in self._cache:
            self._cache.move_to_end(story_id)
            return self._cache[story_id]
        key = (story_id, marker)
        task = self._pending.get(key)
        if task is None:
            task = asyncio.create_task(self._compute(story_id, marker))
            self._pending[key] = task
            task.add_done_callback(lambda done: self._settled(key, done))
        if not await job.outlast(task):
            if job.gone.is_set():
                raise job.failure()
            raise UnavailableError(
                f"story {story_id}'s details are being computed (it compares the story's "
                f"articles, {self._pace()}); retry shortly, the result is cached", 10)
        return task.result()

    def _pace(self) -> str:
        """What one comparison takes on this server lately, for the message above."""
        recent = self.service.recent_seconds()
        if recent is None:
            return "each comparison as long as one on the compare page"
        return f"the last {recent[1]} comparisons here took a median of {recent[0]:.1f} s each"

    async def _compute(self, story_id: int, marker: str) -> StoryDetail:
        """Read the story's parts on the store thread, then compare in the queue."""
        parts = await self.gate.run(lambda store: store.story_parts(story_id))
        store = await self.gate.opened()
        job = self.service.job(what=f"computing story {story_id}", timeout_s=self.timeout_s)
        detail = await self.service.run(
            lambda j: store.story_from(parts, compare=self._checked(j)), job, large=True)
        self.computed += 1
        if self._marker == marker and self.size > 0:
            self._cache[story_id] = detail
            while len(self._cache) > self.size:
                self._cache.popitem(last=False)
        return detail

    def _checked(self, job: Job) -> Callable[[Document, Document], Any]:
        """The shared comparer's ``compare_documents``, checking ``job`` before each pair."""

        def compare(a: Document, b: Document) -> Any:
            job.check()
            return self.service.comparer().compare_documents(a, b)

        return compare

    def _settled(self, key: tuple[int, str], task: asyncio.Task[StoryDetail]) -> None:
        """Forget a finished computation (its error was handed to its waiters, if any)."""
        self._pending.pop(key, None)
        if not task.cancelled():
            with contextlib.suppress(BaseException):
                task.exception()

    async def close(self) -> None:
        """Cancel the computations still pending."""
        for task in list(self._pending.values()):
            task.cancel()
