"""``storydiff compare-pairs``: a JSONL file of pairs in, a JSONL file of reports out, resumable.

Input, one pair a line (blank lines are skipped)::

    {"id": "p1", "a": "articles/one.html", "b": {"text": "…", "title": "…", "published": "…"}}

``id`` (a string or a number; default: the line number) must be unique. ``a`` and ``b`` are each
a path (``.txt``, ``.html``, ``.json``; relative to the current folder) or an article record
object with the fields a ``.json`` record file takes (``text`` or ``html``, ``title``,
``published``, ``author``, ``language``, ``url``).

Output, one line a pair, in input order: ``{"id": …, <the report of compare --json>}``, or
``{"id": …, "error": {"type": …, "message": …}}`` for a pair that could not be compared. Lines are
appended one whole line per write; a rerun with the same ``--out`` skips the ids already there
and first cuts off a last line that a kill left half-written.
"""

from __future__ import annotations

import json
import os
import sys
import time
from collections import deque
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import IO, TYPE_CHECKING, Any

from .._errors import InputError, InputFormatError, SettingsError
from ..settings import Settings
from .cache import AnalysisCache, CacheStats
from .pool import PairEngine, PairFailure, compare_pairs

if TYPE_CHECKING:
    from ..document import Article
    from .comparer import Side

__all__ = ["BatchSummary", "PairLine", "finished_pairs", "parse_pair", "read_pairs",
           "run_pairs_file"]

_ID_PREFIX = b'{"id": '
_ERROR_AFTER_ID = b', "error": '


@dataclass(frozen=True)
class PairLine:
    """One input line: the pair's id and its two sides, or why the line is unusable."""

    id: Any
    a: Side | None = None
    b: Side | None = None
    error: PairFailure | None = None

    @property
    def key(self) -> str:
        """The id as JSON, which is how finished pairs are recognised in the output."""
        return id_key(self.id)


@dataclass
class BatchSummary:
    """What a compare-pairs run did.

    Attributes:
        pairs: pairs in the input (a malformed line counts as one).
        compared: pairs compared in this run.
        failed: pairs of this run whose line holds an error.
        skipped: pairs already in the output file, not redone.
        failed_before: skipped pairs whose earlier line holds an error.
        seconds: wall time of this run.
        cache: what the analysis caches saved in this run.
    """

    pairs: int = 0
    compared: int = 0
    failed: int = 0
    skipped: int = 0
    failed_before: int = 0
    seconds: float = 0.0
    cache: CacheStats = field(default_factory=CacheStats)

    @property
    def any_failed(self) -> bool:
        """Whether any pair of the input has an error line in the output."""
        return self.failed + self.failed_before > 0

    def summary(self) -> str:
        """The run in two lines, for people."""
        rate = (self.compared + self.failed) / self.seconds if self.seconds > 0 else 0.0
        line = (f"{self.pairs:,} pairs: {self.compared:,} compared, {self.failed:,} failed, "
                f"{self.skipped:,} already done")
        if self.failed_before:
            line += f" ({self.failed_before:,} of them failed)"
        return f"{line}; {self.seconds:.1f} s, {rate:.2f} pairs/s\ncache: {self.cache.summary()}"


def id_key(value: Any) -> str:
    """A pair id as canonical JSON text."""
    return json.dumps(value, ensure_ascii=False, sort_keys=True)


def _article(record: dict[str, Any], label: str, settings: Settings) -> Article:
    """An inline article record as an ``Article`` (checked for size like a record file)."""
    from ..ingest.readers import check_size
    from ..ingest.records import parse_record

    article = parse_record(json.dumps(record, ensure_ascii=False), label)
    check_size(article.raw, article.kind, label, settings)
    return article


def _side(value: Any, label: str, settings: Settings) -> Side:
    """One side of a pair: a path, or an article record object."""
    if isinstance(value, dict):
        return _article(value, label, settings)
    if isinstance(value, str) and value.strip() and value != "-":
        return Path(value)
    raise InputFormatError(label, "each side must be a file path or an article record object "
                                  f"(with a 'text' or 'html' field), not {json.dumps(value)[:60]}")


def parse_pair(text: str, line_no: int, settings: Settings) -> PairLine:
    """One input line as a pair, or as the error that says what is wrong with it."""
    try:
        data = json.loads(text)
    except json.JSONDecodeError as exc:
        return _bad(line_no, line_no, f"line {line_no}: not JSON ({exc.msg}, column {exc.colno})")
    if not isinstance(data, dict):
        return _bad(line_no, line_no, f"line {line_no}: a pair must be a JSON object with 'a' "
                                      "and 'b'")
    pair_id = data.get("id", line_no)
    if not isinstance(pair_id, str | int) or isinstance(pair_id, bool):
        return _bad(line_no, line_no, f"line {line_no}: 'id' must be a string or an integer")
    missing = [side for side in ("a", "b") if side not in data]
    if missing:
        return _bad(pair_id, line_no, f"line {line_no}: the pair has no {' or '.join(missing)}")
    try:
        return PairLine(pair_id, _side(data["a"], f"<pair {pair_id} a>", settings),
                        _side(data["b"], f"<pair {pair_id} b>", settings))
    except InputError as exc:
        return PairLine(pair_id, error=PairFailure(line_no - 1, type(exc).__name__, str(exc)))


def _bad(pair_id: Any, line_no: int, message: str) -> PairLine:
    return PairLine(pair_id, error=PairFailure(line_no - 1, "InputFormatError", message))


def read_pairs(lines: Iterable[str], settings: Settings) -> Iterator[PairLine]:
    """The pairs of a JSONL input, lazily; a repeated id becomes an error line."""
    seen: set[str] = set()
    for line_no, text in enumerate(lines, 1):
        if not text.strip():
            continue
        pair = parse_pair(text, line_no, settings)
        if pair.key in seen:
            pair = _bad(pair.id, line_no, f"line {line_no}: the id {pair.key} was used before; "
                                          "ids must be unique")
        seen.add(pair.key)
        yield pair


def finished_pairs(out: Path) -> dict[str, bool]:
    """The ids (as ``id_key``) already in ``out``, each with whether its line is an error.

    A last line without its newline (a run killed mid-write) is cut off, so that its pair is
    compared again.

    Raises:
        SettingsError: ``out`` holds lines this command did not write.
    """
    done: dict[str, bool] = {}
    if not out.exists():
        return done
    good = 0
    try:
        with out.open("rb") as handle:
            for line_no, line in enumerate(handle, 1):
                if not line.endswith(b"\n"):
                    break
                done.update([_finished_line(line, out, line_no)])
                good += len(line)
        if good < out.stat().st_size:
            os.truncate(out, good)
    except OSError as exc:
        raise SettingsError(f"cannot read or repair {out} ({exc.strerror})") from None
    return done


def _finished_line(line: bytes, out: Path, line_no: int) -> tuple[str, bool]:
    """The id of one output line and whether it is an error line."""
    decoder = json.JSONDecoder()
    try:
        if not line.startswith(_ID_PREFIX):
            raise ValueError("no id first")
        text = line.decode("utf-8")
        value, end = decoder.raw_decode(text, len(_ID_PREFIX))
    except ValueError:
        raise SettingsError(f"{out} line {line_no} is not a compare-pairs output line; pass "
                            "another --out (a rerun only appends to a file this command "
                            "wrote)") from None
    return id_key(value), text.startswith(_ERROR_AFTER_ID.decode(), end)


class _Appender:
    """Appends whole lines to the output file, one write each, flushed to the system."""

    def __init__(self, path: Path) -> None:
        try:
            self._fd = os.open(path, os.O_WRONLY | os.O_APPEND | os.O_CREAT, 0o644)
        except OSError as exc:
            raise SettingsError(f"cannot write {path} ({exc.strerror})") from None
        self.path = path

    def write(self, data: dict[str, Any]) -> None:
        try:
            text = json.dumps(data, ensure_ascii=False) + "\n"
            raw = text.encode("utf-8")
        except UnicodeEncodeError:  # lone surrogates in a text: escape them
            raw = (json.dumps(data, ensure_ascii=True) + "\n").encode("ascii")
        view = memoryview(raw)
        try:
            while view:
                view = view[os.write(self._fd, view):]
        except OSError as exc:
            raise SettingsError(f"cannot write {self.path} ({exc.strerror})") from None

    def close(self) -> None:
        os.close(self._fd)


def _line(pair_id: Any, result: Any) -> dict[str, Any]:
    """The output line of one pair."""
    if isinstance(result, PairFailure):
        return {"id": pair_id, "error": result.to_dict()}
    return {"id": pair_id, **result.to_dict()}


def _input_lines(path: Path) -> tuple[IO[str], int | None]:
    """The open input and its count of non-blank lines (None for standard input)."""
    if str(path) == "-":
        return sys.stdin, None
    try:
        with path.open(encoding="utf-8", errors="replace") as handle:
            count = sum(1 for line in handle if line.strip())
        return path.open(encoding="utf-8", errors="replace"), count
    except OSError as exc:
        raise InputFormatError(str(path), f"cannot read the pairs file ({exc.strerror})") from None


Progress = Callable[[int, int], None]


def run_pairs_file(pairs_path: Path, out: Path, *, workers: int, settings: Settings,
                   cache_folder: Path | None = None, progress: Progress | None = None,
                   engine: PairEngine | None = None) -> BatchSummary:
    """Compare every pair of a JSONL file not yet in ``out`` and append their lines to it.

    Args:
        pairs_path: the input (see the module docstring), or ``-`` for standard input.
        out: the output file, created or appended to.
        workers: worker processes (1: this process).
        settings: options for every pair.
        cache_folder: keep analysed documents and vectors there too (shared by the workers).
        progress: called after each pair with (pairs done in this run, pairs to do).
        engine: compare on this engine's workers instead of ``workers`` processes here.

    Returns:
        The run's counts.

    Raises:
        InputFormatError: the input cannot be read.
        SettingsError: ``out`` cannot be written or is not this command's output; the cache
            folder cannot be used.
        ModelError: a model cannot be loaded.
        WorkerDiedError: a worker process died (the pairs finished before it are kept).
        EngineError: the engine's job failed (the pairs finished before it are kept).
    """
    started = time.perf_counter()
    done = finished_pairs(out)
    cache = AnalysisCache(cache_folder) if cache_folder is not None else None
    handle, count = _input_lines(pairs_path)
    summary = BatchSummary()
    total = max(0, count - len(done)) if count is not None else 0
    writer = _Appender(out)
    try:
        todo = _skip_finished(read_pairs(handle, settings), done, summary)
        for pair, result in _results(todo, workers, settings, cache, summary, engine):
            writer.write(_line(pair.id, result))
            failed = isinstance(result, PairFailure)
            summary.failed += failed
            summary.compared += not failed
            if progress is not None:
                n = summary.compared + summary.failed
                progress(n, max(total, n) if count is not None else 0)
    finally:
        writer.close()
        if handle is not sys.stdin:
            handle.close()
        if cache is not None:
            cache.close()
    summary.seconds = time.perf_counter() - started
    return summary


def _skip_finished(pairs: Iterator[PairLine], done: dict[str, bool],
                   summary: BatchSummary) -> Iterator[PairLine]:
    """The pairs not yet in the output; counts every pair and the skipped ones."""
    for pair in pairs:
        summary.pairs += 1
        if pair.key in done:
            summary.skipped += 1
            summary.failed_before += done[pair.key]
            continue
        yield pair


def _results(pairs: Iterator[PairLine], workers: int, settings: Settings,
             cache: AnalysisCache | None, summary: BatchSummary,
             engine: PairEngine | None = None) -> Iterator[tuple[PairLine, Any]]:
    """Each pair with its result, in input order: malformed lines with their error, the others
    with what ``compare_pairs`` returned."""
    waiting: deque[PairLine] = deque()

    def comparable() -> Iterator[tuple[Side, Side]]:
        for pair in pairs:
            waiting.append(pair)
            if pair.error is None:
                yield pair.a, pair.b  # type: ignore[misc]

    results = compare_pairs(comparable(), workers=workers, settings=settings, cache=cache,
                            engine=engine)
    try:
        for result in results:
            while waiting[0].error is not None:
                bad = waiting.popleft()
                yield bad, bad.error
            yield waiting.popleft(), result
            summary.cache = results.cache_stats
        while waiting:
            bad = waiting.popleft()
            yield bad, bad.error
    finally:
        results.close()
