"""``dedup_records``: keep one record per near-duplicate group of a JSONL file (for dataset
builders). Two passes over the file, so memory holds only the signatures (512 bytes a record
with the default 128 permutations), never the records."""

from __future__ import annotations

import json
import time
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import IO, TYPE_CHECKING, Any

import numpy as np

from .._errors import InputError, InputFormatError
from ..ingest import clean
from ..ingest.records import parse_record
from ..settings import Settings
from .config import CorpusConfig
from .groups import duplicate_groups
from .minhash import shingle_hashes, signatures

if TYPE_CHECKING:
    from .engine import Engine

__all__ = ["DedupSummary", "dedup_records"]


@dataclass(frozen=True)
class DedupSummary:
    """What ``dedup_records`` did."""

    records: int  # readable records
    kept: int
    groups_with_duplicates: int
    failed: int
    errors: list[str]
    seconds: float


def _text(line: str, label: str, settings: Settings) -> tuple[str, Any]:
    """The article text of one JSONL record and its id (``id`` field, else the label)."""
    article = parse_record(line, label)
    data = json.loads(line)
    ident = data.get("id", label)
    if article.kind == "html":
        return clean(article, settings=settings).text, ident
    return (f"{article.title}\n\n{article.raw}" if article.title else article.raw), ident


def _records(path: Path, settings: Settings) -> Iterator[tuple[int, str, Any, str | None]]:
    """(line number, text, id, error) for each non-blank line."""
    with path.open(encoding="utf-8", errors="replace") as handle:
        yield from read_lines(handle, str(path), 1, settings)


def read_lines(lines: Iterable[str], name: str, first: int, settings: Settings,
               ) -> Iterator[tuple[int, str, Any, str | None]]:
    """(line number, text, id, error) for each non-blank line of ``lines``, numbered from
    ``first`` and labelled ``name:line`` (the whole file here; a line range on an engine)."""
    for line_no, line in enumerate(lines, start=first):
        if not line.strip():
            continue
        label = f"{name}:{line_no}"
        try:
            text, ident = _text(line, label, settings)
        except InputError as exc:
            yield line_no, "", None, str(exc)
            continue
        yield line_no, text, ident, None


def dedup_records(source: Path, out: IO[str], *, clusters: IO[str] | None = None,
                  config: CorpusConfig | None = None, settings: Settings | None = None,
                  progress: Callable[[int], None] | None = None, engine: Engine | None = None,
                  job_folder: Path | None = None) -> DedupSummary:
    """Write to ``out`` the first record (in file order) of each near-duplicate group of the
    JSONL file ``source``, unchanged (all fields, id included).

    Args:
        source: a JSONL file of article records.
        out: where the kept records go, one a line.
        clusters: when given, receives ``{"id": …, "group": …}`` for every readable record;
            ``group`` is the id of the record kept for its group.
        config: ``dedup_threshold``, shingle sizes and permutations.
        progress: called with the number of records signed so far.
        engine: an engine (``corpus.engine.open_engine("daft")``) that runs the same dedup as
            a job of worker processes, or on a Ray cluster, through Parquet files
            (``corpus.dedup_engine``); the output is the same.
        job_folder: with an engine: the folder of its jobs' intermediate files (default:
            ``storydiff-dedup`` in the system's temporary folder); a killed job run again
            with the same folder resumes from its finished stages.

    Returns:
        A ``DedupSummary``; malformed lines are reported ("file:line: problem") and skipped.

    Raises:
        InputFormatError: ``source`` cannot be opened.
        EngineError: the engine cannot run the job (with ``engine`` only).
    """
    config = config or CorpusConfig()
    settings = settings or Settings()
    if engine is not None:
        from .dedup_engine import dedup_on_engine

        return dedup_on_engine(source, out, engine, clusters=clusters, config=config,
                               settings=settings, progress=progress, job_folder=job_folder).summary
    started = time.perf_counter()
    try:
        lines, ids, sigs, errors = _sign(source, config, settings, progress)
    except OSError as exc:
        raise InputFormatError(str(source), f"cannot read the file ({exc.strerror})") from None
    groups = duplicate_groups(sigs, config.dedup_threshold) if len(sigs) else np.zeros(0, int)
    kept = _write(source, out, lines, groups)
    if clusters is not None:
        for ident, group in zip(ids, groups, strict=True):
            clusters.write(json.dumps({"id": ident, "group": ids[group]}, ensure_ascii=False,
                                      default=str) + "\n")
    sizes = np.bincount(groups, minlength=len(groups)) if len(groups) else np.zeros(0, int)
    return DedupSummary(len(lines), kept, int(np.sum(sizes > 1)), len(errors), errors,
                        round(time.perf_counter() - started, 3))


def _sign(source: Path, config: CorpusConfig, settings: Settings,
          progress: Callable[[int], None] | None,
          ) -> tuple[list[int], list[Any], np.ndarray, list[str]]:
    """Line numbers, ids and MinHash signatures of the readable records, and the errors."""
    lines: list[int] = []
    ids: list[Any] = []
    chunks: list[np.ndarray] = []
    pending: list[np.ndarray] = []
    errors: list[str] = []
    for line_no, text, ident, error in _records(source, settings):
        if error is not None:
            errors.append(error)
            continue
        lines.append(line_no)
        ids.append(ident)
        pending.append(shingle_hashes(text, config.word_shingle, config.char_shingle))
        if len(pending) >= 1024:
            chunks.append(signatures(pending, config.num_perm, config.seed))
            pending = []
            if progress is not None:
                progress(len(lines))
    chunks.append(signatures(pending, config.num_perm, config.seed))
    return lines, ids, np.vstack(chunks), errors


def _write(source: Path, out: IO[str], lines: list[int], groups: np.ndarray) -> int:
    """Copy the kept lines (each group's first record) from ``source`` to ``out``."""
    keep = {lines[i] for i in range(len(lines)) if groups[i] == i}
    with source.open(encoding="utf-8", errors="replace") as handle:
        for line_no, line in enumerate(handle, start=1):
            if line_no in keep:
                out.write(line if line.endswith("\n") else line + "\n")
    return len(keep)
