"""The command line: parse, call the pipeline, map typed errors to exit codes and one-line messages.

Exit codes: 0 success; 1 usage error; 2 bad input (for ingest and dedup: some records failed);
3 missing or corrupt model; 4 invalid option; 5 store locked or corrupt; 6 unknown story or
article id; 70 internal error (a bug: please report it). No traceback reaches the user unless
``STORYDIFF_DEBUG=1`` is set.
"""

from __future__ import annotations

import json
import os
import sys
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Annotated, Any, TypeVar

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
from ..settings import SETTINGS, Settings

__all__ = ["app", "main"]

app = typer.Typer(
    add_completion=False,
    no_args_is_help=True,
    pretty_exceptions_enable=False,
    help="Compare news articles claim by claim: same story? what differs? who copied whom?",
)
eval_app = typer.Typer(no_args_is_help=True, help="Measure the shipped models on labelled data.")
app.add_typer(eval_app, name="eval")

_EXIT = {InputError: 2, ModelError: 3, SettingsError: 4, StoreError: 5, UnknownIdError: 6}
_T = TypeVar("_T")
_SHARED = Path(__file__).resolve().parents[2] / ".." / "shared" / "data"


def _fail(message: str, code: int) -> typer.Exit:
    """Print a one-line error on stderr and return the exit to raise."""
    Console(stderr=True).print(
        f"[bold red]storydiff: error:[/] {message}", markup=True, highlight=False, soft_wrap=True
    )
    return typer.Exit(code)


def _guarded(call: Callable[[], _T]) -> _T:
    """Run ``call``, turning storydiff errors (and any bug) into one line and an exit code."""
    try:
        return call()
    except StorydiffError as exc:
        code = next((c for kind, c in _EXIT.items() if isinstance(exc, kind)), 2)
        raise _fail(_escape(str(exc)), code) from None
    except KeyboardInterrupt:
        raise _fail("interrupted", 130) from None
    except Exception as exc:
        if os.environ.get("STORYDIFF_DEBUG"):
            raise
        raise _fail(
            f"internal error: {type(exc).__name__}: {_escape(str(exc))} "
            "(set STORYDIFF_DEBUG=1 for a traceback, and please report it)",
            70,
        ) from None


def _escape(text: str) -> str:
    """Escape rich markup in text that came from outside (file names, article text)."""
    from rich.markup import escape

    return escape(text)


# The options compare and compare-pairs share.
_DEFAULTS = Settings()
MaxBytes = Annotated[int, typer.Option(help="Largest article accepted, in bytes of text.")]
Contradiction = Annotated[
    str, typer.Option(help="Judge of polarity disagreements: 'rules' or 'nli' (trained).")
]
KeepBoilerplate = Annotated[
    bool, typer.Option("--keep-boilerplate",
                       help="Keep every line: remove no share buttons, credits and the like.")
]
TimeBudget = Annotated[
    float, typer.Option("--time-budget",
                        help="Seconds one comparison may take, analysis included (0: no limit).")
]


Assignments = Annotated[
    list[str] | None,
    typer.Option("--set", metavar="NAME=VALUE",
                 help="Any setting, as `storydiff settings` lists them (repeatable; wins over the "
                      "options above), e.g. --set link_min_confidence=0.3."),
]


def _settings(max_bytes: int, contradiction: str, keep_boilerplate: bool,
              time_budget: float, assignments: list[str] | None = None) -> Settings:
    """The settings the shared options and ``--set`` describe (a bad value exits with the
    settings code)."""
    return _guarded(lambda: Settings(max_text_bytes=max_bytes, contradiction=contradiction,
                                     clean_boilerplate=not keep_boilerplate,
                                     time_budget_s=time_budget or None)
                    .with_assignments(assignments or []))


@app.command()
def compare(
    a: Annotated[str, typer.Argument(help="First article: .txt, .html, .json, or - for stdin.")],
    b: Annotated[str, typer.Argument(help="Second article: .txt, .html, .json, or - for stdin.")],
    as_json: Annotated[bool, typer.Option("--json", help="Print the report as JSON.")] = False,
    markdown: Annotated[
        bool, typer.Option("--markdown", help="Print the report as Markdown.")
    ] = False,
    html: Annotated[
        Path | None,
        typer.Option("--html", help="Write a standalone HTML page here.", dir_okay=False),
    ] = None,
    max_bytes: MaxBytes = _DEFAULTS.max_text_bytes,
    contradiction: Contradiction = _DEFAULTS.contradiction,
    keep_boilerplate: KeepBoilerplate = False,
    time_budget: TimeBudget = _DEFAULTS.time_budget_s or 0.0,
    assignments: Assignments = None,
) -> None:
    """Compare two articles: verdict, aligned claims, discrepancies, reused text, likely source."""
    if a == "-" and b == "-":
        raise _fail("only one of the two articles can come from stdin (-)", 1)
    settings = _settings(max_bytes, contradiction, keep_boilerplate, time_budget, assignments)
    report = _guarded(lambda: _compare(a, b, settings))
    data = report.to_dict()
    if html is not None:
        _guarded(lambda: _write_html(html, data))
    if as_json:
        sys.stdout.write(json.dumps(data, ensure_ascii=False, indent=2) + "\n")
    elif markdown:
        from ..report.render import render_markdown

        sys.stdout.write(render_markdown(data))
    elif html is None:
        from ..report.render import render_terminal

        render_terminal(data, Console())
    else:
        Console().print(
            _escape(report.summary()) + f"\nHTML report written to {_escape(str(html))}"
        )


def _compare(a: str, b: str, settings: Settings) -> Any:
    """The pipeline call behind ``compare`` (imports stay lazy so --help is instant)."""
    from ..pipeline.comparer import Comparer

    return Comparer(settings=settings).compare(_as_source(a), _as_source(b))


def _as_source(arg: str) -> str | Path:
    """A command-line argument is a path, or - for stdin; never inline text."""
    return arg if arg == "-" else Path(arg)


def _write_html(path: Path, data: dict[str, Any]) -> None:
    """Write the standalone HTML report."""
    from ..report.render import render_html

    try:
        path.write_text(render_html(data), encoding="utf-8")
    except OSError as exc:
        raise SettingsError(f"cannot write {path}: {exc.strerror}") from exc


# --- compare-pairs (issue #16): many pairs, every core, resumable ----------------------------
@app.command("compare-pairs")
def compare_pairs(
    pairs: Annotated[Path, typer.Argument(
        help='JSONL, one pair a line: {"id": ..., "a": PATH or {"text": ...}, "b": ...}; '
             "- for stdin.")],
    out: Annotated[Path, typer.Option(
        "--out", help="Append one JSON report a line here, in input order; a rerun skips the "
                      "ids already in it.", dir_okay=False)],
    workers: Annotated[int, typer.Option(
        help="Worker processes, each loading the models once (0: one per core).")] = 0,
    cache: Annotated[Path | None, typer.Option(
        "--cache", help="Also keep analysed documents and their vectors in this folder, "
                        "shared by the workers and later runs.", file_okay=False)] = None,
    max_bytes: MaxBytes = _DEFAULTS.max_text_bytes,
    contradiction: Contradiction = _DEFAULTS.contradiction,
    keep_boilerplate: KeepBoilerplate = False,
    time_budget: TimeBudget = _DEFAULTS.time_budget_s or 0.0,
    assignments: Assignments = None,
) -> None:
    """Compare many pairs in parallel: one JSON report (or error) a line, resumable after a kill.

    Exit codes: 0 every pair compared; 2 some pairs failed (each failed line holds its error:
    {"id", "error": {"type", "message"}}), or the pairs file cannot be read; 3 missing model;
    4 bad option, --out not writable or not this command's output, --cache unusable; 70 a worker
    process died (rerun to resume) or an internal error."""
    from ..pipeline import WorkerDiedError, available_cores, run_pairs_file

    settings = _settings(max_bytes, contradiction, keep_boilerplate, time_budget, assignments)
    if workers < 0:
        raise _fail("--workers must be 0 (one per core) or more", 1)

    def run(update: Callable[[int, int], None]) -> Any:
        try:
            return run_pairs_file(pairs, out, workers=workers or available_cores(),
                                  settings=settings, cache_folder=cache, progress=update)
        except WorkerDiedError as exc:
            raise _fail(_escape(str(exc)), 70) from None

    with _progress("pairs", "pairs") as update:
        summary = _guarded(lambda: run(update))
    Console(stderr=True).print(_escape(summary.summary()), highlight=False, soft_wrap=True)
    raise typer.Exit(2 if summary.any_failed else 0)
# --- end of compare-pairs --------------------------------------------------------------------


@contextmanager
def _progress(label: str, unit: str = "docs") -> Iterator[Callable[[int, int], None]]:
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


def _print_metrics(result: dict[str, Any], as_json: bool, title: str) -> None:
    """Print evaluation figures as JSON or as a rich table."""
    if as_json:
        sys.stdout.write(json.dumps(result, indent=2) + "\n")
        return
    from ..evaluate.tables import metrics_table

    Console().print(metrics_table(result, title))


@eval_app.command("semeval")
def eval_semeval(
    data: Annotated[Path, typer.Option(help="CSV in the SemEval-2022 Task 8 format.")] = _SHARED
    / "semeval2022-task8"
    / "train.csv",
    as_json: Annotated[bool, typer.Option("--json", help="Print the figures as JSON.")] = False,
    predictions: Annotated[Path | None, typer.Option(
        help="Also write the predicted dimensions of every pair to this CSV.")] = None,
) -> None:
    """Pearson correlation of the shipped scorer with human labels, per dimension and language.

    Every pair goes through the whole pipeline (about a second a pair of short texts on two
    cores); a progress bar shows on stderr when it is a terminal."""
    from ..evaluate import evaluate_semeval

    with _progress("pairs", "pairs") as update:
        result = _guarded(lambda: evaluate_semeval(data, progress=update,
                                                   predictions_csv=predictions))
    _print_metrics(result, as_json, "SemEval-2022 Task 8")


@eval_app.command("nli")
def eval_nli(
    data: Annotated[Path, typer.Option(help="CSV with premise, hypothesis, label, lang.")] = _SHARED
    / "nli"
    / "nli-dev.csv",
    as_json: Annotated[bool, typer.Option("--json", help="Print the figures as JSON.")] = False,
) -> None:
    """Accuracy and contradiction F1 of the shipped contradiction model, per language."""
    from ..evaluate import evaluate_nli

    _print_metrics(_guarded(lambda: evaluate_nli(data)), as_json, "NLI")


@app.command()
def settings() -> None:
    """List every setting with its default and meaning."""
    console = Console()
    for name, default, text in SETTINGS:
        console.print(f"[bold]{name}[/] = {default!r}\n    {text}", highlight=False)


def _version(value: bool) -> None:
    if value:
        from importlib.metadata import version

        Console().print(f"storydiff {version('storydiff')}")
        raise typer.Exit()


@app.callback()
def _root(
    version: Annotated[
        bool,
        typer.Option(
            "--version", callback=_version, is_eager=True, help="Print the version and exit."
        ),
    ] = False,
) -> None:
    """storydiff: what two news articles share, where they disagree, and who copied whom."""


def main() -> None:
    """Console-script entry point."""
    app()


# Commands defined in their own modules, registered after ``app`` exists.
from .corpus import register as _register_corpus  # noqa: E402
from .serve import register as _register_serve  # noqa: E402

_register_corpus(app)
_register_serve(app)
