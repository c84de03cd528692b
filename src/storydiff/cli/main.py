"""The ``storydiff`` app: ``compare``, ``compare-pairs``, ``eval`` and ``settings`` here; the
store commands (``corpus``) and ``serve`` register from their modules. Every command parses, calls
the pipeline or the corpus, and maps typed errors to the exit codes of ``_common``."""

from __future__ import annotations

import json
import sys
from collections.abc import Callable
from pathlib import Path
from typing import Annotated, Any

import typer
from rich.console import Console

from .._errors import (
    SettingsError,
)
from ..evaluate.data import NLI_DEV, SEMEVAL_TRAIN, data_file
from ..settings import GROUPS, Settings
from ._common import Assignments, EngineAddress, chosen_engine, escape, fail, guarded, progress
from .corpus import register as _register_corpus
from .serve import register as _register_serve

__all__ = ["app", "main"]

app = typer.Typer(
    add_completion=False,
    no_args_is_help=True,
    pretty_exceptions_enable=False,
    help="Compare news articles claim by claim: same story? what differs? who copied whom?",
)
eval_app = typer.Typer(no_args_is_help=True, help="Measure the shipped models on labelled data.")
app.add_typer(eval_app, name="eval")

_SEMEVAL, _NLI = data_file(*SEMEVAL_TRAIN), data_file(*NLI_DEV)


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


def _settings(max_bytes: int, contradiction: str, keep_boilerplate: bool,
              time_budget: float, assignments: list[str] | None = None) -> Settings:
    """The settings the shared options and ``--set`` describe (a bad value exits with the
    settings code)."""
    return guarded(lambda: Settings(max_text_bytes=max_bytes, contradiction=contradiction,
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
        raise fail("only one of the two articles can come from stdin (-)", 1)
    settings = _settings(max_bytes, contradiction, keep_boilerplate, time_budget, assignments)
    report = guarded(lambda: _compare(a, b, settings))
    data = report.to_dict()
    if html is not None:
        guarded(lambda: _write_html(html, data))
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
            escape(report.summary()) + f"\nHTML report written to {escape(str(html))}"
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
    engine: Annotated[str, typer.Option(
        help="local: worker processes here (default); daft: Daft's workers, here or on a Ray "
             "cluster with --address (pip install 'storydiff\\[engine]').")] = "local",
    address: EngineAddress = None,
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
        raise fail("--workers must be 0 (one per core) or more", 1)

    def run(update: Callable[[int, int], None]) -> Any:
        chosen = chosen_engine(engine, address, workers or None)
        try:
            return run_pairs_file(pairs, out, workers=workers or available_cores(),
                                  settings=settings, cache_folder=cache, progress=update,
                                  engine=chosen)
        except WorkerDiedError as exc:
            raise fail(escape(str(exc)), 70) from None

    with progress("pairs", "pairs") as update:
        summary = guarded(lambda: run(update))
    Console(stderr=True).print(escape(summary.summary()), highlight=False, soft_wrap=True)
    raise typer.Exit(2 if summary.any_failed else 0)
# --- end of compare-pairs --------------------------------------------------------------------


def _print_metrics(result: dict[str, Any], as_json: bool, title: str) -> None:
    """Print evaluation figures as JSON or as a rich table."""
    if as_json:
        sys.stdout.write(json.dumps(result, indent=2) + "\n")
        return
    from ..evaluate.tables import metrics_table

    Console().print(metrics_table(result, title))


@eval_app.command("semeval")
def eval_semeval(
    data: Annotated[Path, typer.Option(help="CSV in the SemEval-2022 Task 8 format.")] = _SEMEVAL,
    as_json: Annotated[bool, typer.Option("--json", help="Print the figures as JSON.")] = False,
    predictions: Annotated[Path | None, typer.Option(
        help="Also write the predicted dimensions of every pair to this CSV.")] = None,
) -> None:
    """Pearson correlation of the shipped scorer with human labels, per dimension and language.

    Every pair goes through the whole pipeline (about a second a pair of short texts on two
    cores); a progress bar shows on stderr when it is a terminal."""
    from ..evaluate import evaluate_semeval

    with progress("pairs", "pairs") as update:
        result = guarded(lambda: evaluate_semeval(data, progress=update,
                                                   predictions_csv=predictions))
    _print_metrics(result, as_json, "SemEval-2022 Task 8")


@eval_app.command("nli")
def eval_nli(
    data: Annotated[Path, typer.Option(help="CSV with premise, hypothesis, label, lang.")] = _NLI,
    as_json: Annotated[bool, typer.Option("--json", help="Print the figures as JSON.")] = False,
) -> None:
    """Accuracy and contradiction F1 of the shipped contradiction model, per language."""
    from ..evaluate import evaluate_nli

    _print_metrics(guarded(lambda: evaluate_nli(data)), as_json, "NLI")


@app.command()
def settings() -> None:
    """List every setting of every group (compare, corpus, serve) with its default and meaning;
    any of them can be given to the commands of its group as --set NAME=VALUE."""
    console = Console()
    for group, options in GROUPS.items():
        console.print(f"[bold underline]{group}[/]", highlight=False)
        for name, default, text in options.registry():
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


# Commands defined in their own modules.
_register_corpus(app)
_register_serve(app)
