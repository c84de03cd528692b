"""The time budget of one comparison (``Settings.time_budget_s``), checked between and in stages.

A budget is a deadline held in a context variable, so the stages need no extra argument:

    with time_budget(settings.time_budget_s, source="a.txt"):   # the comparison, or one stage
        ...
        check_budget("sentences")                              # cheap: one clock read

``time_budget`` inside an active budget reuses the outer deadline (a stage called by a
comparison shares the comparison's budget); called alone, a stage starts its own. A check past
the deadline raises ``TimeBudgetError`` naming the stage. ``checkpoint`` is the form for long
loops: it reads the clock only every ``every`` calls.
"""

from __future__ import annotations

import contextvars
import time
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass

from ._errors import TimeBudgetError

__all__ = ["Deadline", "check_budget", "checkpoint", "time_budget"]


@dataclass(frozen=True)
class Deadline:
    """The monotonic clock time after which work stops, the budget it came from, and whose."""

    end: float
    seconds: float
    source: str

    def check(self, stage: str) -> None:
        """Raise ``TimeBudgetError`` when the deadline has passed."""
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
