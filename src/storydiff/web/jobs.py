"""One request's work as a ``Job``: a deadline and a cancel flag, checked between stages.

The flag is set when the client goes away (``watch_disconnect``), when the request times out,
or when the server sheds the request. Worker threads call ``Job.check()`` between stages; the
event loop awaits ``Job.gone`` to stop waiting at once.
"""

from __future__ import annotations

import asyncio
import contextlib
import threading
import time
from collections.abc import AsyncIterator
from typing import Any

from starlette.requests import Request

__all__ = ["BusyError", "CancelledJobError", "Job", "TimedOutError", "UnavailableError",
           "watch_disconnect"]


class UnavailableError(Exception):
    """The server cannot answer this request now: 503 with ``Retry-After``."""

    def __init__(self, message: str, retry_after: int) -> None:
        super().__init__(message)
        self.retry_after = max(1, retry_after)


class BusyError(UnavailableError):
    """Every comparison slot is taken and the waiting queue is full (load shedding)."""


class TimedOutError(UnavailableError):
    """The request ran past its time limit."""


class CancelledJobError(UnavailableError):
    """The client went away; the work was not started, or stopped at a stage boundary."""


class Job:
    """The deadline and cancel flag of one request's work.

    Example:
        >>> job = Job(timeout_s=30)
        >>> job.check()          # nothing to stop yet
        >>> job.cancel("the client went away")
        >>> job.cancelled
        True
    """

    def __init__(self, timeout_s: float, *, what: str = "the comparison") -> None:
        self.timeout_s = timeout_s
        self.what = what
        self.deadline = time.monotonic() + timeout_s
        self.reason = ""
        self._flag = threading.Event()
        self.gone = asyncio.Event()  # set on the event loop when the client went away

    @property
    def cancelled(self) -> bool:
        """Whether the work should stop."""
        return self._flag.is_set()

    def cancel(self, reason: str) -> None:
        """Ask the work to stop at its next check (any thread)."""
        if not self._flag.is_set():
            self.reason = reason
            self._flag.set()

    def client_gone(self) -> None:
        """The client disconnected (event-loop thread): cancel and wake the waiters."""
        self.cancel("the client went away")
        self.gone.set()

    def remaining(self) -> float:
        """Seconds left before the deadline (never negative)."""
        return max(0.0, self.deadline - time.monotonic())

    def failure(self) -> UnavailableError:
        """The error that says why the work stopped."""
        if self.gone.is_set() or (self.cancelled and self.reason == "the client went away"):
            return CancelledJobError(f"{self.what} was cancelled: the client went away", 1)
        return TimedOutError(f"{self.what} took over {self.timeout_s:g} s, this server's limit; "
                        "send shorter articles or retry later",
                        round(min(self.timeout_s, 120)))

    async def outlast(self, future: asyncio.Future[Any]) -> bool:
        """Wait until ``future`` is done (True), or the client is gone or the time is up
        (False)."""
        gone = asyncio.ensure_future(self.gone.wait())
        try:
            await asyncio.wait({future, gone}, timeout=self.remaining(),
                               return_when=asyncio.FIRST_COMPLETED)
        finally:
            gone.cancel()
        return future.done()

    def check(self) -> None:
        """Raise when the work should stop (called between stages, on any thread).

        Raises:
            UnavailableError: cancelled (client gone, shed) or past the deadline.
        """
        if self._flag.is_set() or time.monotonic() > self.deadline:
            raise self.failure()


@contextlib.asynccontextmanager
async def watch_disconnect(request: Request, job: Job) -> AsyncIterator[Job]:
    """While the block runs, listen for the client's disconnect and cancel ``job`` then.

    Use only once the request body has been read: the watcher consumes what ``receive``
    hands out after it.
    """

    async def listen() -> None:
        while True:
            message = await request.receive()
            if message.get("type") == "http.disconnect":
                job.client_gone()
                return

    watcher = asyncio.create_task(listen())
    try:
        yield job
    finally:
        watcher.cancel()
        with contextlib.suppress(asyncio.CancelledError, Exception):
            await watcher
