"""Many pairs, every core: ``compare_pairs`` runs ``Comparer.compare`` over pairs in worker
processes and yields the results in input order.

Each worker is a fresh interpreter (``spawn``: nothing of the parent's models, threads or
OpenMP state is inherited, so no encoder is ever shared across a fork), loads the models once and
compares pair after pair with its own ``Comparer``; its encoder gets ``cores // workers`` threads.
A pair that cannot be compared becomes a ``PairFailure`` in its place and the run goes on; a
missing model (``ModelError``) stops it, since no pair could succeed.
"""

from __future__ import annotations

import dataclasses
import multiprocessing
import os
import signal
import threading
import time
from collections import deque
from collections.abc import Iterable, Iterator, Sized
from concurrent.futures import Future, ProcessPoolExecutor
from concurrent.futures.process import BrokenProcessPool
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING, Any, Protocol

from .._errors import ModelError, SettingsError, StorydiffError
from ..settings import Settings
from .cache import AnalysisCache, CacheStats

if TYPE_CHECKING:
    from ..report.report import Report
    from .comparer import Comparer, Side

__all__ = ["PairEngine", "PairFailure", "PairResults", "WorkerDiedError", "available_cores",
           "compare_one", "compare_pairs"]


@dataclass(frozen=True)
class PairFailure:
    """A pair that could not be compared, in place of its report.

    Attributes:
        index: the pair's position in the input (0-based).
        type: the error's class name, e.g. ``"EmptyInputError"`` (see ``storydiff._errors``);
            a bug shows as the Python exception's name with ``internal`` set.
        message: what went wrong, naming the input.
        internal: True when the error is a bug in storydiff rather than a bad input.
    """

    index: int
    type: str
    message: str
    internal: bool = False

    def to_dict(self) -> dict[str, str]:
        """``{"type", "message"}``: the ``error`` member of a compare-pairs output line."""
        return {"type": self.type, "message": self.message}


class WorkerDiedError(StorydiffError):
    """A worker process ended without an answer (killed, out of memory or crashed)."""


if TYPE_CHECKING:
    Result = Report | PairFailure


class PairEngine(Protocol):
    """An engine that compares pairs on its own workers (``corpus.engine.open_engine("daft")``:
    this machine's processes or a Ray cluster), each loading the default models once."""

    def compare_pairs(self, pairs: Iterable[tuple[Side, Side]], settings: Settings,
                      cache_folder: Path | None,
                      stats: dict[int, CacheStats] | None = None) -> Iterator[Result]:
        """Each pair's ``Report`` or ``PairFailure``, in input order; ``stats`` gets each
        worker's cache counts, by process id."""
        ...


def available_cores() -> int:
    """CPU cores this process may run on."""
    try:
        return max(1, len(os.sched_getaffinity(0)))
    except AttributeError:  # pragma: no cover - platforms without sched_getaffinity
        return max(1, os.cpu_count() or 1)


def compare_one(comparer: Comparer, index: int, a: Side, b: Side) -> Result:
    """``comparer.compare(a, b)``, or the ``PairFailure`` that says why not.

    Raises:
        ModelError: a model cannot be loaded (every other pair would fail too).
    """
    try:
        return comparer.compare(a, b)
    except ModelError:
        raise
    except StorydiffError as exc:
        return PairFailure(index, type(exc).__name__, str(exc))
    except Exception as exc:  # a bug: reported in the pair's place so that the batch goes on
        return PairFailure(index, type(exc).__name__,
                           f"internal error: {exc} (please report it)", internal=True)


class PairResults(Iterator["Result"]):
    """The results of ``compare_pairs`` in input order: a ``Report`` or a ``PairFailure`` each.

    ``cache_stats`` adds up what the caches of every process saved so far.
    """

    def __init__(self, results: Iterator[Result], stats: dict[int, CacheStats]) -> None:
        self._results = results
        self._stats = stats

    def __next__(self) -> Result:
        return next(self._results)

    def close(self) -> None:
        """Stop early: pairs not yet started are dropped and the workers end."""
        close = getattr(self._results, "close", None)
        if close is not None:
            close()

    @property
    def cache_stats(self) -> CacheStats:
        """Documents and vectors reused and computed, over all processes, so far."""
        total = CacheStats()
        for stats in list(self._stats.values()):
            total = total + stats
        return total


def compare_pairs(pairs: Iterable[tuple[Side, Side]], *, workers: int = 1,
                  settings: Settings | None = None, cache: AnalysisCache | None = None,
                  comparer: Comparer | None = None,
                  engine: PairEngine | None = None) -> PairResults:
    """Compare many pairs, in ``workers`` processes, and yield the results in input order.

    Args:
        pairs: ``(a, b)`` tuples; each side anything ``Comparer.compare`` takes (a path, text,
            bytes, an ``Article``, a ``CleanText`` or a ``Document``). Read lazily, a few pairs
            ahead of the workers.
        workers: processes to use; 1 compares in this process. More need the default models.
        settings: options for every pair (those of ``comparer`` when one is given).
        cache: the analysis cache; with ``workers`` > 1 only its folder is shared (each worker
            keeps its own memory part). Default: ``comparer``'s, else the process-wide one.
        comparer: the comparer to use in this process (``workers`` = 1), or whose settings and
            cache the workers copy.
        engine: compare on this engine's workers instead (``workers`` is then the engine's);
            they build the default models and share only the cache's folder.

    Returns:
        An iterator of ``Report`` or ``PairFailure``, one per pair, in input order.

    Raises:
        SettingsError: ``workers`` < 1, or > 1 (or an engine) with a comparer built on other
            models.
        ModelError: a model cannot be loaded (raised while iterating).
        WorkerDiedError: a worker process died (raised while iterating).
        EngineError: the engine's job failed (raised while iterating).
    """
    if workers < 1:
        raise SettingsError(f"workers must be at least 1, got {workers}")
    if comparer is not None:
        settings, cache = comparer.settings, comparer.cache
    if isinstance(pairs, Sized):
        workers = max(1, min(workers, len(pairs)))
    stats: dict[int, CacheStats] = {}
    if engine is not None:
        if comparer is not None and not comparer.default_models:
            raise SettingsError("an engine's workers build the default models; this Comparer "
                                "was given its own: compare without the engine")
        folder = cache.folder if cache is not None else None
        return PairResults(engine.compare_pairs(pairs, settings or Settings(), folder, stats),
                           stats)
    if workers == 1:
        return PairResults(_in_process(pairs, comparer, settings, cache, stats), stats)
    if comparer is not None and not comparer.default_models:
        raise SettingsError("compare_many with workers > 1 rebuilds the default models in each "
                            "worker; this Comparer was given its own: use workers=1")
    folder = cache.folder if cache is not None else None
    return PairResults(_pooled(pairs, settings or Settings(), folder, workers, stats), stats)


def _in_process(pairs: Iterable[tuple[Side, Side]], comparer: Comparer | None,
                settings: Settings | None, cache: AnalysisCache | None,
                stats: dict[int, CacheStats]) -> Iterator[Result]:
    """Compare pair after pair in this process."""
    if comparer is None:
        from .comparer import Comparer

        comparer = Comparer(settings=settings, cache=cache)
    start = comparer.cache.stats
    for index, (a, b) in enumerate(pairs):
        result = compare_one(comparer, index, a, b)
        stats[0] = comparer.cache.stats - start
        yield result


def _pooled(pairs: Iterable[tuple[Side, Side]], settings: Settings, folder: Any,
            workers: int, stats: dict[int, CacheStats]) -> Iterator[Result]:
    """Compare in worker processes, a few pairs ahead of the one yielded next."""
    threads = max(1, available_cores() // workers)
    pool = ProcessPoolExecutor(max_workers=workers, mp_context=multiprocessing.get_context("spawn"),
                               initializer=_start_worker, initargs=(settings, folder, threads))
    ahead: deque[Future[tuple[Result, int, CacheStats]]] = deque()
    finished = False
    try:
        for index, (a, b) in enumerate(pairs):
            ahead.append(pool.submit(_work, index, a, b))
            if len(ahead) > 2 * workers:
                yield _answer(ahead.popleft(), stats)
        while ahead:
            yield _answer(ahead.popleft(), stats)
        finished = True
    finally:
        pool.shutdown(wait=finished, cancel_futures=True)


def _answer(future: Future[tuple[Result, int, CacheStats]],
            stats: dict[int, CacheStats]) -> Result:
    """A worker's result, its cache counts noted."""
    try:
        result, pid, counts = future.result()
    except BrokenProcessPool:
        raise WorkerDiedError("a worker process died (killed, out of memory or crashed); the pairs "
                         "finished so far are kept, run again to resume") from None
    stats[pid] = counts
    return result


_WORKER: Comparer | None = None
_WORKER_ERROR: StorydiffError | None = None


def _start_worker(settings: Settings, folder: Any, threads: int) -> None:
    """Load the models once in a new worker process. Ctrl-C is the parent's to handle: a
    worker finishes its pair and ends when the parent shuts the pool down, or at once when the
    parent is gone (killed with -9, it could not say so)."""
    global _WORKER, _WORKER_ERROR
    signal.signal(signal.SIGINT, signal.SIG_IGN)
    threading.Thread(target=_watch_parent, args=(os.getppid(),), daemon=True,
                     name="storydiff-parent-watch").start()
    os.environ["OMP_NUM_THREADS"] = str(threads)  # read when the encoder loads, below
    try:
        from .comparer import Comparer

        _WORKER = Comparer(settings=settings,
                           cache=AnalysisCache(folder) if folder is not None else None)
    except StorydiffError as exc:  # raised again with each pair, in the parent
        _WORKER_ERROR = exc


def _watch_parent(parent: int, every: float = 1.0) -> None:
    """End this worker once the process that started it has died (its parent id changes)."""
    while os.getppid() == parent:
        time.sleep(every)
    os._exit(1)


def _work(index: int, a: Side, b: Side) -> tuple[Result, int, CacheStats]:
    """Compare one pair in a worker; also return the worker's id and cache counts."""
    if _WORKER is None:
        raise _WORKER_ERROR or ModelError("the worker could not load its models")
    result = compare_one(_WORKER, index, a, b)
    return result, os.getpid(), dataclasses.replace(_WORKER.cache.stats)
