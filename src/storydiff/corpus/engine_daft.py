"""Daft as an engine: the map stage of ingest (``batches.prepare_each``) and the comparison of
many pairs (``compare-pairs --engine daft``) as Daft jobs whose workers are processes that
each load the models once (a ``daft.cls``), on this machine or, with an address, on a Ray
cluster through Daft's Ray runner.

Chosen over Ray Data from measurements on this 2-core machine (../shared/LIBRARIES.md and
docs/scale.md): Daft installs in 335 MB against 615 MB, starts at once against about 5 s, runs
the same small map and group-by job in 0.2 s against 11 to 14 s, and the same code runs
unchanged on a Ray cluster. It is a 0.x library: the version is pinned in the ``engine`` extra.

On a Ray cluster (``--address``, tested on a local cluster: tests/corpus/test_engine_ray.py),
Daft runs the workers as Ray actors, and a batch whose worker died (killed, out of memory) is
retried on the restarted worker. Daft restarts a worker four times and after that retries
the batch on the dead worker for ever, so the engine counts the retries of each job in a small
Ray actor of its own and fails the job clearly after ``RAY_RETRIES``: the ingest then stops
with the shards it finished, and running it again resumes from them.
"""

from __future__ import annotations

import dataclasses
import importlib.util
import json
import logging
import os
import re
import socket
import uuid
from collections.abc import Iterator
from contextlib import contextmanager, suppress

# Daft reports usage to its makers by default; storydiff runs offline and sends nothing. Its
# progress bars would be drawn over the command's own (on a Ray cluster, forwarded from there).
_QUIET = (("DO_NOT_TRACK", "1"), ("DAFT_ANALYTICS_ENABLED", "0"),
          ("SCARF_NO_ANALYTICS", "true"), ("DAFT_PROGRESS_BAR", "0"))
for _name, _value in _QUIET:
    os.environ.setdefault(_name, _value)

from typing import TYPE_CHECKING, Any  # noqa: E402

import daft  # noqa: E402
from daft import DataType  # noqa: E402

from .batches import Outcome, prepare_each  # noqa: E402
from .engine import (  # noqa: E402
    EngineError,
    loaded_from_json,
    loaded_to_json,
    outcome_from_row,
    outcome_row,
)

if TYPE_CHECKING:
    from collections.abc import Iterable
    from pathlib import Path

    from ..embed import Encoder
    from ..ingest.items import Loaded
    from ..pipeline.cache import CacheStats
    from ..pipeline.comparer import Side
    from ..pipeline.pool import Result
    from ..settings import Settings
    from .config import CorpusConfig

__all__ = ["RAY_RETRIES", "DaftEngine", "job_failed"]

#: Batches (or pairs) of one job on a Ray cluster that are started again after their worker
#: died; one more fails the job. Below the four restarts Daft gives a Ray worker, after which
#: it would retry on the dead worker for ever.
RAY_RETRIES = 3

#: The Ray namespace of the engine's retry counters.
_NAMESPACE = "storydiff"

#: One prepared record, as the workers return it (``engine.outcome_row``).
_ROW = DataType.struct({"label": DataType.string(), "hash": DataType.string(),
                        "error": DataType.string(), "stage": DataType.string(),
                        "url": DataType.string(), "doc": DataType.binary(),
                        "entities": DataType.string(), "signature": DataType.binary(),
                        "vector": DataType.binary()})


class Attempts:
    """A job's retry counter on a Ray cluster (a Ray actor): how often each batch was
    started. A second start of a batch is a retry after its worker died."""

    def __init__(self, limit: int) -> None:
        self.limit = limit
        self.starts: dict[int, int] = {}

    def ready(self) -> bool:
        return True

    def start(self, seq: int) -> int | None:
        """Count a start of batch ``seq``: None while the job's retries are within the limit,
        else their number."""
        self.starts[seq] = self.starts.get(seq, 0) + 1
        retries = sum(self.starts.values()) - len(self.starts)
        return retries if retries > self.limit else None


class WorkersDiedError(RuntimeError):
    """Workers of one job died more often than ``RAY_RETRIES`` (raised on a worker)."""


class _Counted:
    """A worker's link to its job's ``Attempts`` actor (None: not on a Ray cluster)."""

    attempts: str | None
    _counter: Any = None

    def count_start(self, seq: int) -> None:
        """Count this start of batch ``seq``; fail the job after too many retries."""
        if self.attempts is None:
            return
        ray = _ray()
        if self._counter is None:
            self._counter = ray.get_actor(self.attempts, namespace=_NAMESPACE)
        retries = ray.get(self._counter.start.remote(seq))
        if retries is not None:
            times = "once" if retries == 1 else f"{retries} times"
            raise WorkersDiedError(f"workers of this job died {times} (killed, or out of "
                                   "memory?)")


class Preparer(_Counted):
    """What each worker holds: the models (loaded once, on first use) and the options."""

    def __init__(self, encoder: Encoder | None, config: CorpusConfig,
                 settings: Settings, attempts: str | None = None) -> None:
        self.encoder, self.config, self.settings = encoder, config, settings
        self.attempts = attempts

    @daft.method(return_dtype=DataType.list(_ROW))
    def prepare(self, seq: int, batch: str) -> list[dict[str, Any]]:
        """Prepare batch ``seq`` (a JSON list of loaded records) into rows."""
        self.count_start(seq)
        if self.encoder is None:
            from ..embed import default_story_encoder

            self.encoder = default_story_encoder()
        records = [loaded_from_json(text) for text in json.loads(batch)]
        return [outcome_row(o) for o in prepare_each(records, self.encoder, self.config,
                                                      self.settings)]


class PairComparer(_Counted):
    """What each worker holds to compare pairs: a ``Comparer`` (built on first use, its encoder
    on ``threads`` threads where the worker is a process of its own; None leaves the thread
    count alone, as in this process) over the shared cache folder, if any."""

    def __init__(self, settings: Settings, cache_folder: Path | None,
                 threads: int | None, attempts: str | None = None) -> None:
        self.settings, self.cache_folder, self.threads = settings, cache_folder, threads
        self.attempts = attempts
        self.comparer: Any = None

    @daft.method(return_dtype=DataType.python())
    def compare(self, index: int, a: Any, b: Any) -> Any:
        """The pair's ``Report`` (or the ``PairFailure`` that says why not), this worker's
        process id and its cache counts so far."""
        from ..pipeline import AnalysisCache, Comparer
        from ..pipeline.pool import compare_one

        self.count_start(index)
        if self.comparer is None:
            if self.threads is not None:  # read when the encoder loads
                os.environ["OMP_NUM_THREADS"] = str(self.threads)
            cache = AnalysisCache(self.cache_folder) if self.cache_folder is not None else None
            self.comparer = Comparer(settings=self.settings, cache=cache)
        return (compare_one(self.comparer, index, a, b), os.getpid(),
                dataclasses.replace(self.comparer.cache.stats))


class DaftEngine:
    """Runs ``prepare_each`` over batches on Daft workers.

    Args:
        address: a Ray cluster (``ray://host:10001``, or ``host:6379`` on the cluster's
            network) to run on; None runs on this machine.
        workers: worker processes (default: the cores of this machine, or of the cluster).

    Raises:
        EngineError: ``ray`` is not installed, the cluster cannot be reached, or this process
            already ran Daft jobs elsewhere (Daft keeps one runner a process).
    """

    name = "daft"

    def __init__(self, address: str | None = None, workers: int | None = None) -> None:
        self.address = address
        if address is not None:
            cluster_cpus = _connect(address)
            self.workers = max(1, workers or cluster_cpus)
        else:
            ray_address = _runner_address()
            if ray_address is not None:
                raise EngineError(f"this process already runs Daft jobs on the Ray cluster at "
                                  f"{ray_address}, and Daft keeps one runner a process: give "
                                  "the same --address, or run in a new process")
            self.workers = max(1, workers or os.cpu_count() or 1)

    def prepare(self, batches: list[list[Loaded]], encoder: Encoder | None,
                config: CorpusConfig, settings: Settings) -> list[list[Outcome]]:
        if not batches:
            return []
        with self._attempts() as attempts:
            worker = daft.cls(max_concurrency=self.workers,
                              use_process=self.workers > 1)(Preparer)
            preparer = worker(encoder, config, settings, attempts)
            frame = daft.from_pydict({
                "seq": list(range(len(batches))),
                "batch": [json.dumps([loaded_to_json(item) for item in batch])
                          for batch in batches],
            })
            if self.address is not None:  # the native runner spreads the work by itself
                frame = frame.into_partitions(min(len(batches), 4 * self.workers))
            frame = frame.select(frame["seq"],
                                 preparer.prepare(frame["seq"], frame["batch"]).alias("rows"))
            try:
                # one batch a morsel: otherwise the native runner hands every batch to one
                # worker
                with daft.execution_config_ctx(default_morsel_size=1):
                    table = frame.to_pydict()
            except Exception as exc:
                raise job_failed(exc, "ingest", "finished shards are kept") from None
        order = sorted(range(len(table["seq"])), key=lambda n: table["seq"][n])
        return [[outcome_from_row(row) for row in table["rows"][n]] for n in order]

    @contextmanager
    def _attempts(self) -> Iterator[str | None]:
        """The name of a new retry counter on the cluster (``Attempts``), removed after the
        job; None on this machine (Daft does not retry there: a dead worker fails the job)."""
        if self.address is None:
            yield None
            return
        ray = _ray()
        name = f"storydiff-attempts-{uuid.uuid4().hex}"
        try:
            counter = ray.remote(num_cpus=0)(Attempts).options(
                name=name, namespace=_NAMESPACE).remote(RAY_RETRIES)
            ray.get(counter.ready.remote())
        except Exception as exc:
            raise EngineError(f"cannot start a job on the Ray cluster at {self.address} "
                              f"({_reason(exc)})") from None
        try:
            yield name
        finally:
            with suppress(Exception):  # the cluster is gone: the actor went with it
                ray.kill(counter)

    def compare_pairs(self, pairs: Iterable[tuple[Side, Side]], settings: Settings,
                      cache_folder: Path | None,
                      stats: dict[int, CacheStats] | None = None) -> Iterator[Result]:
        """Each pair's ``Report`` or ``PairFailure``, in input order, as soon as it and every
        pair before it are done (the pairs are read first: a Daft job starts from the whole
        list). ``stats`` gets each worker's cache counts, by process id."""
        from ..pipeline import available_cores

        sides = list(pairs)
        if not sides:
            return
        # this machine's cores shared by its worker processes; a cluster's workers and a
        # worker in this process keep their own thread count
        local_processes = self.workers > 1 and self.address is None
        threads = max(1, available_cores() // self.workers) if local_processes else None
        with self._attempts() as attempts:
            worker = daft.cls(max_concurrency=self.workers,
                              use_process=self.workers > 1)(PairComparer)
            comparer = worker(settings, cache_folder, threads, attempts)
            frame = daft.from_pydict({  # the sides as Python objects (paths, texts, records)
                "seq": list(range(len(sides))),
                "a": daft.Series.from_pylist([a for a, _ in sides], pyobj="force"),
                "b": daft.Series.from_pylist([b for _, b in sides], pyobj="force")})
            if self.address is not None:
                frame = frame.into_partitions(min(len(sides), 4 * self.workers))
            frame = frame.select(frame["seq"], comparer.compare(frame["seq"], frame["a"],
                                                               frame["b"]).alias("result"))
            waiting: dict[int, Result] = {}  # finished out of order, held until their turn
            following = 0
            try:
                with daft.execution_config_ctx(default_morsel_size=1):
                    for row in frame.iter_rows():
                        waiting[row["seq"]], pid, counts = row["result"]
                        if stats is not None:
                            stats[pid] = counts
                        while following in waiting:
                            yield waiting.pop(following)
                            following += 1
            except Exception as exc:
                raise job_failed(exc, "command",
                                 "the pairs written so far are kept") from None


# -- the Ray cluster -----------------------------------------------------------------------------

#: The ports Ray listens on when an address names none: the Ray Client's, the cluster's (GCS).
_CLIENT_PORT, _GCS_PORT = 10001, 6379

#: Connections to a cluster tried before giving up (see ``_connect``).
_CONNECT_TRIES = 3


def _ray() -> Any:
    """The ray module (untyped here: an optional dependency, imported where it is used)."""
    return importlib.import_module("ray")


def _runner_address() -> str | None:
    """The Ray cluster this process's Daft runner runs on; None for none or this machine.
    (``daft.runners._get_runner`` is private in Daft 0.7.26, pinned: the runner set, if any.)"""
    from daft.runners import _get_runner

    runner: Any = _get_runner()
    return getattr(runner, "ray_address", None) if runner is not None else None


def _connect(address: str) -> int:
    """Set Daft's runner to the Ray cluster at ``address`` (once a process); its CPUs."""
    if importlib.util.find_spec("ray") is None:
        raise EngineError(f"--address {address} runs on a Ray cluster through Daft's Ray "
                          "runner, which needs the ray package: install it with pip install "
                          "'storydiff[ray]' (the same Ray version as the cluster's)")
    from daft.runners import _get_runner

    runner: Any = _get_runner()
    if runner is not None and getattr(runner, "ray_address", None) != address:
        where = getattr(runner, "ray_address", None)
        raise EngineError(f"this process already ran Daft jobs "
                          f"{f'on the Ray cluster at {where}' if where else 'on this machine'}"
                          f", and Daft keeps one runner a process: run the command for "
                          f"{address} in a new process")
    if runner is None:
        _check_reachable(address)
        # Daft asks Ray for its dashboard's address before each job, through a call Ray
        # deprecates (a warning each job); storydiff uses neither.
        os.environ.setdefault("RAY_DISABLE_DASHBOARD", "1")
        for attempt in range(1, _CONNECT_TRIES + 1):
            try:
                if not _ray().is_initialized():  # else Daft reuses this process's Ray
                    # the cluster's processes get the same quiet settings as this one
                    _ray().init(address=address, logging_level=logging.WARNING,
                                runtime_env={"env_vars": {name: os.environ[name]
                                                          for name, _ in _QUIET}})
                with _quiet_logger("daft.runners.ray_runner"):  # "reuses the Ray context"
                    daft.set_runner_ray(address=address)
                break
            except Exception as exc:
                # The Ray Client's server for this connection sometimes dies as it starts (a
                # gRPC race when Ray forks it, ray-project/ray#63202): connect again.
                if isinstance(exc, ConnectionAbortedError) and attempt < _CONNECT_TRIES:
                    with suppress(Exception):
                        _ray().shutdown()
                    continue
                raise EngineError(f"cannot run on the Ray cluster at {address} "
                                  f"({_reason(exc)}): start it (ray start --head), fix the "
                                  "address, or leave --address out to run on this machine"
                                  ) from None
    try:
        return int(_ray().cluster_resources().get("CPU", 1))
    except Exception as exc:
        raise EngineError(f"cannot read the resources of the Ray cluster at {address} "
                          f"({_reason(exc)})") from None


@contextmanager
def _quiet_logger(name: str) -> Iterator[None]:
    """The logger ``name`` silent for the duration."""
    logger = logging.getLogger(name)
    level = logger.level
    logger.setLevel(logging.ERROR)
    try:
        yield
    finally:
        logger.setLevel(level)


def _check_reachable(address: str) -> None:
    """Fail at once when nothing listens at the address's host and port (Ray itself retries
    for 35 s on a Ray Client address, and for minutes on a cluster's address)."""
    client = address.startswith("ray://")
    place = address.removeprefix("ray://").split("/")[0]
    if not place or place == "auto" or ("://" in address and not client):
        return  # "auto", or a form Ray reads its own way
    host, colon, port = place.rpartition(":")
    if not colon or host.endswith(":"):  # no port (or a bare IPv6 host)
        host, port = place, str(_CLIENT_PORT if client else _GCS_PORT)
    try:
        with socket.create_connection((host.strip("[]"), int(port)), timeout=10):
            pass
    except (OSError, ValueError) as exc:
        why = exc.strerror if isinstance(exc, OSError) and exc.strerror else str(exc)
        raise EngineError(f"cannot reach the Ray cluster at {address} ({why or 'timed out'}): "
                          f"start it (ray start --head) or fix the address; leave --address "
                          "out to run on this machine") from None


def _reason(exc: BaseException) -> str:
    """An error of a Daft job as one line: the innermost cause of a Ray task's error (Ray
    wraps the worker's error in each actor it passed through), without colour codes."""
    seen = set()
    while getattr(exc, "cause", None) is not None and id(exc) not in seen:
        seen.add(id(exc))
        exc = exc.cause  # type: ignore[attr-defined]
    text = " ".join(re.sub(r"\x1b\[[0-9;]*m", "", str(exc)).split())
    if len(text) > 600:
        text = text[:300] + " … " + text[-300:]
    return f"{type(exc).__name__}: {text}" if text else type(exc).__name__


def job_failed(exc: BaseException, command: str, kept: str) -> EngineError:
    """The error of a failed Daft job: why, in one line, and what running ``command`` again
    does (``kept``: what the failed run kept)."""
    return EngineError(f"the daft job failed ({_reason(exc)}); run the same {command} again: "
                       f"{kept}")
