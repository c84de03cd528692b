"""Corpus commands: ``ingest``, ``stories``, ``story``, ``dedup`` and ``stats``.

Every command reads and writes the same store: ``--store ADDRESS``, else the environment
variable ``STORYDIFF_STORE``, else ``./storydiff-store``. A folder is the embedded SQLite store;
``postgresql://user@host/db`` is the PostgreSQL server store. Exit codes follow
``storydiff.cli._common``; ``ingest`` and ``dedup`` exit 2 when any record failed (after
ingesting the rest).
"""

from __future__ import annotations

import json
import os
import sys
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import asdict
from pathlib import Path
from typing import TYPE_CHECKING, Annotated, Any

import typer
from rich.console import Console
from rich.table import Table

from ._common import Assignments, EngineAddress, chosen_engine, escape, guarded, progress

if TYPE_CHECKING:
    from ..corpus import Corpus
    from ..corpus.engine import Engine

__all__ = ["register"]

_DEFAULT_STORE = "./storydiff-store"
StoreOption = Annotated[str | None, typer.Option(
    "--store", metavar="DIR|URI",
    help="Store folder, or postgresql://user@host/db for a PostgreSQL server store "
         "(default: $STORYDIFF_STORE or ./storydiff-store).")]
JsonOption = Annotated[bool, typer.Option("--json", help="Print JSON.")]
#: ``--engine`` and ``--workers``, as ``ingest`` and ``dedup`` take them.
EngineOption = Annotated[str, typer.Option(
    help="local: this process (default); daft: worker processes here, or on a Ray cluster "
         "with --address, through resumable shard files (pip install 'storydiff\\[engine]').")]
WorkersOption = Annotated[int | None, typer.Option(
    help="With --engine daft: worker processes (default: one a core of this machine, or the "
         "Ray cluster's CPUs with --address).")]


def _store_address(store: str | None) -> str:
    """The store address: the option, the environment variable, or the default folder."""
    return store or os.environ.get("STORYDIFF_STORE") or _DEFAULT_STORE


def _open(store: str | None, *, must_exist: bool, assignments: list[str] | None = None
          ) -> Corpus:
    """Open the corpus with the ``--set`` options applied (imports stay lazy so --help is
    instant)."""
    from ..corpus import Corpus
    from ..settings import CorpusConfig, Settings, assign

    settings, config = assign(assignments or [], Settings(), CorpusConfig())
    return Corpus(_store_address(store), settings=settings, config=config,
                  create=not must_exist)


def _report_errors(errors: list[str]) -> None:
    """Print each failed record on stderr, one line each."""
    console = Console(stderr=True, soft_wrap=True, highlight=False)
    for error in errors:
        console.print(f"[yellow]skipped:[/] {escape(error)}")


def ingest(
    paths: Annotated[list[str], typer.Argument(
        help=".jsonl/.csv records, folders of .html/.txt, .warc/.warc.gz, or - for JSONL on "
             "stdin.")],
    store: StoreOption = None,
    assignments: Assignments = None,
    engine: EngineOption = "local",
    address: EngineAddress = None,
    workers: WorkersOption = None,
) -> None:
    """Load articles into the store: deduplicate them and group them into stories."""
    def run() -> Any:
        chosen = chosen_engine(engine, address, workers)
        with _open(store, must_exist=False, assignments=assignments) as corpus, \
                progress("ingest") as update:
            return corpus.add(paths, progress=update, engine=chosen)

    summary = guarded(run)
    _report_errors(summary.errors)
    rate = summary.added / summary.seconds if summary.seconds else 0.0
    Console(stderr=True).print(
        f"added {summary.added}, duplicates {summary.duplicates}, failed {summary.failed} "
        f"in {summary.seconds:.1f} s ({rate:.1f} docs/s)", highlight=False)
    if summary.failed:
        raise typer.Exit(2)


def stories(
    store: StoreOption = None,
    since: Annotated[str | None, typer.Option(help="Only stories with news on or after this "
                                                   "date (YYYY-MM-DD).")] = None,
    lang: Annotated[str | None, typer.Option(help="Only stories with an article in this "
                                                  "language (ISO 639-1).")] = None,
    min_size: Annotated[int, typer.Option(help="Only stories with this many articles.")] = 1,
    query: Annotated[str | None, typer.Option(help="Only headlines containing this.")] = None,
    limit: Annotated[int, typer.Option(help="At most this many stories.")] = 50,
    as_json: JsonOption = False,
) -> None:
    """List stories: size, languages, sources, first seen, headline."""
    def run() -> Any:
        with _open(store, must_exist=True) as corpus:
            return corpus.stories(since=since, lang=lang, min_size=min_size, query=query,
                                  limit=limit)

    found = guarded(run)
    if as_json:
        sys.stdout.write(json.dumps([asdict(s) for s in found], ensure_ascii=False,
                                    indent=2) + "\n")
        return
    table = Table("id", "size", "languages", "sources", "first seen", "headline")
    for s in found:
        table.add_row(str(s.id), str(s.size), ",".join(s.languages), str(len(s.sources)),
                      s.first_seen or "?", escape(s.headline))
    Console().print(table)


def story(
    story_id: Annotated[int, typer.Argument(metavar="ID", help="Story id (see 'stories').")],
    store: StoreOption = None,
    as_json: JsonOption = False,
) -> None:
    """One story: members by time, near-duplicate groups, likely origin, rewrite chain and each
    member's discrepancies against the origin."""
    def run() -> Any:
        with _open(store, must_exist=True) as corpus:
            return corpus.story(story_id)

    detail = guarded(run)
    if as_json:
        sys.stdout.write(json.dumps(asdict(detail), ensure_ascii=False, indent=2) + "\n")
        return
    _print_story(detail)


def _print_story(detail: Any) -> None:
    """The story as tables: members with their divergence from the origin, then the chain."""
    console = Console()
    console.print(f"[bold]Story {detail.summary.id}[/]: {escape(detail.summary.headline)} "
                  f"({detail.summary.size} articles)", highlight=False)
    if detail.origin is None:
        console.print("Origin: unknown (no dates, one-sided coverage or reused passages tell "
                      "who came first); divergences are measured against the earliest member.")
    diverge = {d.article_id: d for d in detail.divergences}
    parent = {child: par for par, child in detail.chain}
    table = Table("id", "published", "lang", "source", "dup group", "copied from",
                  "same story", "discrepancies", "origin covered")
    for m in detail.members:
        d = diverge.get(m.article_id)
        role = "origin" if m.article_id == detail.origin else str(parent.get(m.article_id, ""))
        cells = ([f"{d.same_story:.2f}", _by_type(d.discrepancies, d.by_type),
                  f"{d.coverage:.0%}"] if d else ["", "", ""])
        table.add_row(str(m.article_id), m.published or "?", m.language, escape(m.source),
                      str(m.duplicate_group), role, *cells)
    console.print(table)


def _by_type(total: int, by_type: dict[str, int]) -> str:
    """'3 (number 2, date 1)'."""
    if not by_type:
        return str(total)
    return f"{total} ({', '.join(f'{k} {v}' for k, v in by_type.items())})"


def dedup(
    source: Annotated[Path, typer.Argument(metavar="IN.jsonl", help="JSONL article records.",
                                           dir_okay=False)],
    out: Annotated[Path, typer.Option("--out", help="Where the kept records go (JSONL).",
                                      dir_okay=False)],
    clusters: Annotated[Path | None, typer.Option(
        "--clusters", help="Also write every input id with its group's kept id (JSONL).",
        dir_okay=False)] = None,
    threshold: Annotated[float, typer.Option(
        help="Estimated Jaccard similarity at or above which records are near-duplicates.")]
    = 0.7,
    assignments: Assignments = None,
    engine: EngineOption = "local",
    address: EngineAddress = None,
    workers: WorkersOption = None,
    job_dir: Annotated[Path | None, typer.Option(
        help="With --engine daft: the folder of the job's intermediate files (default: "
             "OUT.dedup-jobs beside --out); run the same dedup again to resume a killed job.",
        file_okay=False)] = None,
) -> None:
    """Keep one record per near-duplicate group, with all its fields (for dataset builders)."""
    def run() -> Any:
        chosen = chosen_engine(engine, address, workers)
        return _dedup(source, out, clusters, threshold, assignments or [], chosen,
                      job_dir or out.with_name(out.name + ".dedup-jobs"))

    summary = guarded(run)
    _report_errors(summary.errors)
    Console(stderr=True).print(
        f"kept {summary.kept} of {summary.records} records "
        f"({summary.groups_with_duplicates} groups had duplicates), failed {summary.failed}, "
        f"in {summary.seconds:.1f} s", highlight=False)
    if summary.failed:
        raise typer.Exit(2)


def _dedup(source: Path, out: Path, clusters: Path | None, threshold: float,
           assignments: list[str], engine: Engine | None = None,
           job_folder: Path | None = None) -> Any:
    """Run ``dedup_records`` (on ``engine`` if given) with the output files open."""
    from .._errors import SettingsError
    from ..corpus.dedup import dedup_records
    from ..settings import CorpusConfig, Settings, assign

    settings, config = assign(assignments, Settings(), CorpusConfig(dedup_threshold=threshold))
    try:
        with out.open("w", encoding="utf-8") as kept, \
                (clusters.open("w", encoding="utf-8") if clusters else _null()) as groups:
            return dedup_records(source, kept, clusters=groups, config=config, settings=settings,
                                 engine=engine, job_folder=job_folder)
    except OSError as exc:
        raise SettingsError(f"cannot write {exc.filename}: {exc.strerror}") from None


@contextmanager
def _null() -> Iterator[None]:
    """A context that yields None (no clusters file)."""
    yield None


def stats(store: StoreOption = None, as_json: JsonOption = False) -> None:
    """Sizes of the store: articles, stories, near-duplicate groups, links, bytes."""
    def run() -> Any:
        with _open(store, must_exist=True) as corpus:
            return corpus.stats()

    figures = guarded(run)
    if as_json:
        sys.stdout.write(json.dumps(figures, indent=2) + "\n")
        return
    table = Table("measure", "value")
    for key, value in figures.items():
        table.add_row(key.replace("_", " "), escape(str(value)))
    Console().print(table)


def register(app: typer.Typer) -> None:
    """Add the corpus commands to the ``storydiff`` command line."""
    for command in (ingest, stories, story, dedup, stats):
        app.command()(command)
