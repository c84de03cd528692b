"""The time budget of one comparison (``Settings.time_budget_s``), checked between and in stages.

A budget is a deadline held in a context variable, so the stages need no extra argument:

    with time_budget(settings.time_budget_s, source="a.txt"):   # the comparison, or one stage
        ...
        check_budget("sentences")                              # cheap: one clock read

``time_budget`` inside an active budget reuses the outer deadline (a stage called by a
comparison shares the comparison's budget); called alone, a stage starts its own. A check past
the deadline raises ``TimeBudgetError`` naming the stage. ``checkpoint`` is the form for long
loops: it reads the clock only every ``every`` calls. ``Background`` runs work in a thread under
the caller's budget, and can stop it at its next check.
"""

from __future__ import annotations

import atexit
import contextlib
import contextvars
import math
import os
import threading
import time
from collections.abc import Callable, Iterator
from concurrent.futures import Future
from contextlib import contextmanager
from dataclasses import dataclass, field
from typing import Any, Generic, TypeVar

from ._errors import TimeBudgetError

__all__ = ["Background", "Deadline", "check_budget", "checkpoint", "time_budget"]

T = TypeVar("T")


class _StoppedError(Exception):
    """Raised at a budget check in work that ``Background.stop`` ended."""


@dataclass(frozen=True)
class Deadline:
    """The monotonic clock time after which work stops, the budget it came from, and whose."""

    end: float
    seconds: float
    source: str
    stop: threading.Event | None = field(default=None, compare=False)  # set: end the work now

    def check(self, stage: str) -> None:
        """Raise ``TimeBudgetError`` when the deadline has passed."""
        if self.stop is not None and self.stop.is_set():
            raise _StoppedError(stage)
        if time.monotonic() > self.end:
            raise TimeBudgetError(
                self.source,
                f"the work ran past its time budget of {self.seconds:g} s (during {stage}); "
                "pass a shorter text or raise the budget (Settings(time_budget_s=...))",
            )


_CURRENT: contextvars.ContextVar[Deadline | None] = contextvars.ContextVar(
    "storydiff_deadline", default=None
)


@contextmanager
def time_budget(seconds: float | None, *, source: str = "<comparison>") -> Iterator[None]:
    """Run the body under a deadline ``seconds`` from now; None means no budget.

    An active outer budget is kept as it is (the body shares it).
    """
    if seconds is None or _CURRENT.get() is not None:
        yield
        return
    token = _CURRENT.set(Deadline(time.monotonic() + seconds, seconds, source))
    try:
        yield
    finally:
        _CURRENT.reset(token)


def check_budget(stage: str) -> None:
    """Raise ``TimeBudgetError`` when the active budget (if any) is spent."""
    deadline = _CURRENT.get()
    if deadline is not None:
        deadline.check(stage)


def checkpoint(stage: str, count: int, *, every: int = 256) -> None:
    """``check_budget`` on every ``every``-th call of a loop (``count`` is the loop counter)."""
    if count % every == 0:
        check_budget(stage)


class Background(Generic[T]):
    """``fn()`` in a daemon thread, under the budget of the code that starts it (the same
    deadline, so the work stops where the caller's would), begun at once.

    ``result()`` waits and returns its value or raises its error; ``stop()`` makes its next
    budget check end it, waits, and drops whatever it raised. Work that never checks the
    budget runs to its end either way. A process that exits while such work runs stops it
    and waits for it first (``_finish_at_exit``).
    """

    def __init__(self, fn: Callable[[], T], *, name: str) -> None:
        self._stop = threading.Event()
        outer = _CURRENT.get()
        deadline = Deadline(math.inf, math.inf, name, self._stop) if outer is None else Deadline(
            outer.end, outer.seconds, outer.source, self._stop)
        context = contextvars.copy_context()
        context.run(_CURRENT.set, deadline)
        self._future: Future[T] = Future()
        with _LIVE_LOCK:
            _LIVE.add(self)
        threading.Thread(target=context.run, args=(self._run, fn), name=name,
                         daemon=True).start()

    def _run(self, fn: Callable[[], T]) -> None:
        try:
            self._future.set_result(fn())
        except BaseException as exc:  # handed to whoever calls result()
            self._future.set_exception(exc)
        finally:
            with _LIVE_LOCK:
                _LIVE.discard(self)

    def result(self) -> T:
        """The value of ``fn()``; its error, re-raised, if it failed."""
        return self._future.result()

    def stop(self) -> None:
        """End the work at its next budget check and wait for it; its outcome is dropped."""
        self._stop.set()
        self._future.exception()  # waits; the error, if any, is not raised


_LIVE: set[Background[Any]] = set()
_LIVE_LOCK = threading.Lock()
#: The longest an exiting process waits for its background work.
EXIT_WAIT_S = 30.0


def _finish_at_exit(timeout: float = EXIT_WAIT_S) -> None:
    """Stop the background work still running (at its next budget check) and wait for it, up
    to ``timeout`` seconds in all. A daemon thread still inside a native library while the
    interpreter finalises can abort the process ("terminate called without an active
    exception", exit status -6: seen once in CI after ``compare`` had rejected an empty file,
    most likely with the encoder's session still being built), which loses the exit status
    of an input error."""
    with _LIVE_LOCK:
        live = list(_LIVE)
    for work in live:
        work._stop.set()
    end = time.monotonic() + timeout
    for work in live:
        with contextlib.suppress(Exception):  # its outcome is dropped; a timeout gives up
            work._future.exception(timeout=max(0.0, end - time.monotonic()))


atexit.register(_finish_at_exit)


def _after_fork() -> None:
    """A forked child has none of its parent's threads: nothing of theirs to wait for, and a
    lock one of them held stays held; both start afresh."""
    global _LIVE_LOCK
    _LIVE_LOCK = threading.Lock()
    _LIVE.clear()


os.register_at_fork(after_in_child=_after_fork)
