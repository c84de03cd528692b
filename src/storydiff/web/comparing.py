"""Comparisons for the web: one shared ``Comparer``, run in worker threads, a bounded number at
a time (the pipeline is CPU-bound: more parallel runs than cores only add latency), with a
bounded queue in front.

Load shedding: ``slots`` comparisons run at once and ``queue`` more may wait; the next one is
refused at once with ``BusyError`` (503 and ``Retry-After``). Large work (articles of over
``large_bytes`` together, a URL to fetch, a story's details) may hold at most ``slots - 1``
slots (at least one), so a few huge posts cannot take every slot from ordinary comparisons:
an ordinary request passes waiting large ones in the queue. Every piece of work runs under a
``Job``: it is not started when its client went away or its time ran out while it waited, and a
running comparison checks the job between stages (read A, read B, analyse A, analyse B,
compare) and stops there. A slot is freed only when its thread really finishes. Inside the
stages, the pipeline's time budget (``storydiff._budget``) holds the job's deadline (or
``Settings.time_budget_s`` when that is shorter), so a long analysis stops in the middle too:
past the server's deadline that is a 503 (``TimedOutError``), past the article's own budget a
422 (``TimeBudgetError``).
"""

from __future__ import annotations

import asyncio
import math
import threading
import time
from collections import deque
from collections.abc import Callable
from concurrent.futures import ThreadPoolExecutor
from typing import Any, TypeVar

from .._budget import time_budget
from .._errors import TimeBudgetError
from ..document import Article
from ..pipeline.comparer import Comparer
from ..settings import Settings
from .inputs import Fetching, Item, to_article
from .jobs import BusyError, Job

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
    """Runs comparisons with one lazily loaded ``Comparer``: at most ``slots`` at a time, at
    most ``queue`` waiting, each under a ``Job`` of ``timeout_s`` seconds."""

    def __init__(self, *, settings: Settings, slots: int, fetching: Fetching,
                 comparer: Comparer | None = None, queue: int = 8,
                 timeout_s: float = 120.0, large_bytes: int = 1_000_000) -> None:
        self.settings = comparer.settings if comparer is not None else settings
        self.fetching = fetching
        self.slots = slots
        self.queue = queue
        self.timeout_s = timeout_s
        self.large_bytes = large_bytes
        self.large_slots = max(1, slots - 1)
        self._comparer = comparer
        self._lock = threading.Lock()
        self._pool: ThreadPoolExecutor | None = None
        self._free = slots
        self._large = 0  # slots held by large work
        self._waiters: deque[tuple[asyncio.Future[None], bool]] = deque()
        self._durations: deque[float] = deque(maxlen=20)

    @property
    def loaded(self) -> bool:
        """Whether the models are loaded."""
        return self._comparer is not None

    @property
    def waiting(self) -> int:
        """Requests waiting for a slot."""
        return len(self._waiters)

    @property
    def running(self) -> int:
        """Slots in use."""
        return self.slots - self._free

    def comparer(self) -> Comparer:
        """The shared comparer, created on first use (thread-safe)."""
        with self._lock:
            if self._comparer is None:
                self._comparer = Comparer(settings=self.settings)
            return self._comparer

    def job(self, *, what: str = "the comparison", timeout_s: float | None = None) -> Job:
        """A new job with this service's time limit (or ``timeout_s``)."""
        return Job(self.timeout_s if timeout_s is None else timeout_s, what=what)

    def warm_up(self, job: Job | None = None) -> None:
        """Load every model now, by comparing two tiny texts (the first run loads them all)."""
        self.comparer().compare(_WARM_A, _WARM_B)

    async def compare(self, a: Item, b: Item, job: Job | None = None) -> dict[str, Any]:
        """Compare two request items; returns ``Report.to_dict()``.

        Raises:
            storydiff.InputError: an input is empty, binary, too large, or a fetch was refused.
            UnavailableError: the queue is full (``BusyError``), the time ran out, the client
                went away.
        """
        large = _size(a) + _size(b) > self.large_bytes
        return await self.run(lambda job: self._compare_items(a, b, job), job, large=large)

    async def compare_articles(self, a: Article, b: Article,
                               job: Job | None = None) -> dict[str, Any]:
        """Compare two articles in a worker thread, once a slot is free."""
        large = len(a.raw) + len(b.raw) > self.large_bytes
        return await self.run(lambda job: self._compare_now(a, b, job), job, large=large)

    async def run(self, work: Callable[[Job], _T], job: Job | None = None, *,
                  large: bool = False) -> _T:
        """Run CPU-bound ``work(job)`` in a worker thread once a slot is free (for ``large``
        work, once one of the ``large_slots`` is free).

        Raises:
            BusyError: no slot is free and ``queue`` requests wait already.
            UnavailableError: the job's time ran out or its client went away (the work stops at
                its next ``job.check()``; its slot is freed when the thread returns).
        """
        job = job or self.job()
        await self._acquire(job, large)
        started = time.monotonic()
        try:
            job.check()  # never start work whose client is gone or whose time is up
        except BaseException:
            self._release(large)
            raise
        if self._pool is None:
            self._pool = ThreadPoolExecutor(max_workers=self.slots,
                                            thread_name_prefix="storydiff-compare")
        future = asyncio.get_running_loop().run_in_executor(self._pool, self._budgeted, work,
                                                              job)
        future.add_done_callback(lambda done: self._finished(done, started, large))
        try:
            if not await job.outlast(future):
                job.cancel(job.reason or "timed out")
                raise job.failure()
        except asyncio.CancelledError:
            job.cancel("the request was cancelled")
            raise
        return future.result()

    def _budgeted(self, work: Callable[[Job], _T], job: Job) -> _T:
        """``work(job)`` under the pipeline's time budget: the job's deadline, or the settings'
        budget when shorter (on the worker thread)."""
        own = self.settings.time_budget_s
        seconds = job.remaining() if own is None else min(own, job.remaining())
        with time_budget(max(seconds, 0.001), source=job.what):
            try:
                return work(job)
            except TimeBudgetError:
                if job.cancelled or job.remaining() <= 0.05:
                    raise job.failure() from None  # the server's limit, not the article's
                raise

    def recent_seconds(self) -> tuple[float, int] | None:
        """The median wall time of the last comparisons this server finished (waiting
        included) and how many it is taken over; None before the first."""
        if not self._durations:
            return None
        ordered = sorted(self._durations)
        return ordered[len(ordered) // 2], len(ordered)

    def retry_after(self) -> int:
        """Seconds after which a refused request may find a free place (an estimate)."""
        mean = sum(self._durations) / len(self._durations) if self._durations else 5.0
        return min(300, max(1, math.ceil(mean * (len(self._waiters) + 1) / self.slots)))

    def _can_take(self, large: bool) -> bool:
        """Whether a slot is free for this kind of work."""
        return self._free > 0 and (not large or self._large < self.large_slots)

    def _take(self, large: bool) -> None:
        self._free -= 1
        self._large += large

    async def _acquire(self, job: Job, large: bool) -> None:
        """Take a slot, waiting in the bounded queue; refuse at once when the queue is full.

        Whenever a slot frees it goes to the first waiter that may take it, so a free slot
        with waiters means every waiter is large work held back by ``large_slots``."""
        if self._can_take(large):
            self._take(large)
            return
        if len(self._waiters) >= self.queue:
            raise BusyError(f"the server is busy: {self.running} comparisons are running and "
                            f"{len(self._waiters)} are waiting; retry in a few seconds",
                            self.retry_after())
        waiter: asyncio.Future[None] = asyncio.get_running_loop().create_future()
        entry = (waiter, large)
        self._waiters.append(entry)
        try:
            got = await job.outlast(waiter)
        except BaseException:
            got = False
            raise
        finally:
            if not got:
                if waiter.done() and not waiter.cancelled():
                    self._release(large)  # the slot was handed over as this request gave up
                else:
                    waiter.cancel()
                    if entry in self._waiters:
                        self._waiters.remove(entry)
        if not got:
            raise job.failure()

    def _release(self, large: bool) -> None:
        """Free a slot and hand slots to the first waiters that may take them."""
        self._free += 1
        self._large -= large
        for entry in list(self._waiters):
            waiter, waiting_large = entry
            if waiter.done():
                self._waiters.remove(entry)
            elif self._can_take(waiting_large):
                self._waiters.remove(entry)
                self._take(waiting_large)
                waiter.set_result(None)
            if self._free == 0:
                return

    def _finished(self, future: asyncio.Future[Any], started: float, large: bool) -> None:
        """A worker thread returned: record its time, free its slot, consume its error."""
        if not future.cancelled() and future.exception() is None:
            self._durations.append(time.monotonic() - started)
        self._release(large)

    def _compare_items(self, a: Item, b: Item, job: Job) -> dict[str, Any]:
        """Read, clean, analyse and compare two request items (in a worker thread)."""
        settings = self.settings
        article_a = to_article(a, "<article A>", settings, self.fetching)
        job.check()
        article_b = to_article(b, "<article B>", settings, self.fetching)
        return self._compare_now(article_a, article_b, job)

    def _compare_now(self, a: Article, b: Article, job: Job) -> dict[str, Any]:
        """Clean, analyse and compare two articles (in a worker thread), checking ``job``
        between the stages."""
        comparer = self._comparer_for(job)
        job.check()
        doc_a, doc_b = comparer.prepare_pair(a, b, check=job.check)  # embedding begun ahead
        job.check()
        return comparer.compare_documents(doc_a, doc_b).to_dict()

    def _comparer_for(self, job: Job) -> Comparer:
        """The comparer for one job (the shared one)."""
        return self.comparer()

    def close(self) -> None:
        """Stop the worker threads (the running ones finish in the background)."""
        if self._pool is not None:
            self._pool.shutdown(wait=False, cancel_futures=True)
            self._pool = None


def _size(item: Item) -> int:
    """The characters (or bytes) of a request item; a URL counts as large (up to 4 MB)."""
    if isinstance(item, str | bytes):
        return len(item)
    if item.text is None and item.html is None:
        return 4_000_000
    return len(item.html if item.html is not None else item.text or "")
