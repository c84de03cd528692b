"""What every command shares: one-line errors with exit codes, escaping, a progress bar, the
engine options.

Exit codes: 0 success; 1 usage error; 2 bad input (for ingest and dedup: some records failed);
3 missing or corrupt model; 4 invalid option; 5 store locked or corrupt; 6 unknown story or
article id; 70 internal error (a bug: please report it); 130 interrupted. No traceback reaches
the user unless ``STORYDIFF_DEBUG=1`` is set.
"""

from __future__ import annotations

import os
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from typing import TYPE_CHECKING, Annotated, TypeVar

import typer
from rich.console import Console
from rich.progress import (
    BarColumn,
    MofNCompleteColumn,
    Progress,
    TextColumn,
    TimeElapsedColumn,
    TimeRemainingColumn,
)

from .._errors import (
    InputError,
    ModelError,
    SettingsError,
    StoreError,
    StorydiffError,
    UnknownIdError,
)

if TYPE_CHECKING:
    from ..corpus.engine import Engine

__all__ = ["EXIT_CODES", "Assignments", "EngineAddress", "chosen_engine", "escape", "fail",
           "guarded", "progress"]

_T = TypeVar("_T")

#: ``--set NAME=VALUE`` (repeatable), for any setting of the groups a command uses.
Assignments = Annotated[
    list[str] | None,
    typer.Option("--set", metavar="NAME=VALUE",
                 help="Any setting of this command's groups, as `storydiff settings` lists them "
                      "(repeatable; wins over the options above), e.g. --set "
                      "link_min_confidence=0.3."),
]
#: ``--address``: where ``--engine daft`` runs (``ingest``, ``compare-pairs``).
EngineAddress = Annotated[
    str | None,
    typer.Option(help="With --engine daft: run on the Ray cluster at this address "
                      "(ray://host:10001)."),
]
EXIT_CODES = {InputError: 2, ModelError: 3, SettingsError: 4, StoreError: 5, UnknownIdError: 6}


def chosen_engine(engine: str, address: str | None, workers: int | None) -> Engine | None:
    """The engine ``--engine``/``--address``/``--workers`` name (``corpus.engine.open_engine``),
    or None for this process ("local" without an address)."""
    if engine == "local" and address is None:
        return None
    from ..corpus.engine import open_engine

    return open_engine(engine, address=address, workers=workers)


def fail(message: str, code: int) -> typer.Exit:
    """Print a one-line error on stderr and return the exit to raise."""
    Console(stderr=True).print(
        f"[bold red]storydiff: error:[/] {message}", markup=True, highlight=False, soft_wrap=True
    )
    return typer.Exit(code)


def guarded(call: Callable[[], _T]) -> _T:
    """Run ``call``, turning storydiff errors (and any bug) into one line and an exit code."""
    try:
        return call()
    except StorydiffError as exc:
        code = next((c for kind, c in EXIT_CODES.items() if isinstance(exc, kind)), 2)
        raise fail(escape(str(exc)), code) from None
    except KeyboardInterrupt:
        raise fail("interrupted", 130) from None
    except Exception as exc:
        if os.environ.get("STORYDIFF_DEBUG"):
            raise
        raise fail(
            f"internal error: {type(exc).__name__}: {escape(str(exc))} "
            "(set STORYDIFF_DEBUG=1 for a traceback, and please report it)",
            70,
        ) from None


def escape(text: str) -> str:
    """Escape rich markup in text that came from outside (file names, article text)."""
    from rich.markup import escape

    return escape(text)


@contextmanager
def progress(label: str, unit: str = "docs") -> Iterator[Callable[[int, int], None]]:
    """A rich progress bar (items, items/s, ETA) on stderr; off when stderr is no terminal."""
    console = Console(stderr=True)
    columns = (TextColumn(label), BarColumn(), MofNCompleteColumn(),
               TextColumn("{task.fields[rate]:.1f} " + unit + "/s"), TimeElapsedColumn(),
               TextColumn("ETA"), TimeRemainingColumn())
    with Progress(*columns, console=console, disable=not console.is_terminal) as bar:
        task = bar.add_task(label, total=None, rate=0.0)

        def update(done: int, total: int) -> None:
            elapsed = bar.tasks[0].elapsed or 1e-9
            bar.update(task, completed=done, total=total or None, rate=done / elapsed)

        yield update
