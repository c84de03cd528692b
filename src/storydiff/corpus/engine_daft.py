"""Daft as an engine: the map stage of ingest (``batches.prepare_each``) and the comparison of
many pairs (``compare-pairs --engine daft``) as Daft jobs whose workers are processes that
each load the models once (a ``daft.cls``), on this machine or, with an address, on a Ray
cluster through Daft's Ray runner.

Chosen over Ray Data from measurements on this 2-core machine (../shared/LIBRARIES.md and
docs/scale.md): Daft installs in 335 MB against 615 MB, starts at once against about 5 s, runs
the same small map and group-by job in 0.2 s against 11 to 14 s, and the same code runs
unchanged on a Ray cluster. It is a 0.x library: the version is pinned in the ``engine`` extra.
"""

from __future__ import annotations

import dataclasses
import json
import os

# Daft reports usage to its makers by default; storydiff runs offline and sends nothing.
for _name, _value in (("DO_NOT_TRACK", "1"), ("DAFT_ANALYTICS_ENABLED", "0"),
                      ("SCARF_NO_ANALYTICS", "true")):
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
    from collections.abc import Iterable, Iterator
    from pathlib import Path

    from ..embed import Encoder
    from ..ingest.items import Loaded
    from ..pipeline.cache import CacheStats
    from ..pipeline.comparer import Side
    from ..pipeline.pool import Result
    from ..settings import Settings
    from .config import CorpusConfig

__all__ = ["DaftEngine"]

#: One prepared record, as the workers return it (``engine.outcome_row``).
_ROW = DataType.struct({"label": DataType.string(), "hash": DataType.string(),
                        "error": DataType.string(), "stage": DataType.string(),
                        "url": DataType.string(), "doc": DataType.binary(),
                        "entities": DataType.string(), "signature": DataType.binary(),
                        "vector": DataType.binary()})


class Preparer:
    """What each worker holds: the models (loaded once, on first use) and the options."""

    def __init__(self, encoder: Encoder | None, config: CorpusConfig,
                 settings: Settings) -> None:
        self.encoder, self.config, self.settings = encoder, config, settings

    @daft.method(return_dtype=DataType.list(_ROW))
    def prepare(self, batch: str) -> list[dict[str, Any]]:
        """Prepare one batch (a JSON list of loaded records) into rows."""
        if self.encoder is None:
            from ..embed import default_story_encoder

            self.encoder = default_story_encoder()
        records = [loaded_from_json(text) for text in json.loads(batch)]
        return [outcome_row(o) for o in prepare_each(records, self.encoder, self.config,
                                                      self.settings)]


class PairComparer:
    """What each worker holds to compare pairs: a ``Comparer`` (built on first use, its encoder
    on ``threads`` threads where the worker is a process of its own; None leaves the thread
    count alone, as in this process) over the shared cache folder, if any."""

    def __init__(self, settings: Settings, cache_folder: Path | None,
                 threads: int | None) -> None:
        self.settings, self.cache_folder, self.threads = settings, cache_folder, threads
        self.comparer: Any = None

    @daft.method(return_dtype=DataType.python())
    def compare(self, index: int, a: Any, b: Any) -> Any:
        """The pair's ``Report`` (or the ``PairFailure`` that says why not), this worker's
        process id and its cache counts so far."""
        from ..pipeline import AnalysisCache, Comparer
        from ..pipeline.pool import compare_one

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
        address: a Ray cluster (``ray://host:10001``) to run on; None runs on this machine.
        workers: worker processes on this machine (default: its cores).
    """

    name = "daft"

    def __init__(self, address: str | None = None, workers: int | None = None) -> None:
        self.address = address
        self.workers = max(1, workers or os.cpu_count() or 1)
        if address is not None:
            try:
                daft.set_runner_ray(address=address, noop_if_initialized=True)
            except Exception as exc:
                raise EngineError(f"cannot run on the Ray cluster at {address} ({exc}): start "
                                  "it, fix the address, or leave --address out to run here")\
                    from None

    def prepare(self, batches: list[list[Loaded]], encoder: Encoder | None,
                config: CorpusConfig, settings: Settings) -> list[list[Outcome]]:
        if not batches:
            return []
        worker = daft.cls(max_concurrency=self.workers, use_process=self.workers > 1)(Preparer)
        preparer = worker(encoder, config, settings)
        frame = daft.from_pydict({
            "seq": list(range(len(batches))),
            "batch": [json.dumps([loaded_to_json(item) for item in batch]) for batch in batches],
        })
        if self.address is not None:  # the native runner spreads the work by itself
            frame = frame.into_partitions(min(len(batches), 4 * self.workers))
        frame = frame.select(frame["seq"], preparer.prepare(frame["batch"]).alias("rows"))
        try:
            # one batch a morsel: otherwise the native runner hands every batch to one worker
            with daft.execution_config_ctx(default_morsel_size=1):
                table = frame.to_pydict()
        except Exception as exc:
            raise EngineError(f"the daft job failed ({type(exc).__name__}: {exc}); run the "
                              "same ingest again: finished shards are kept") from None
        order = sorted(range(len(table["seq"])), key=lambda n: table["seq"][n])
        return [[outcome_from_row(row) for row in table["rows"][n]] for n in order]

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
        worker = daft.cls(max_concurrency=self.workers, use_process=self.workers > 1)(PairComparer)
        comparer = worker(settings, cache_folder, threads)
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
            raise EngineError(f"the daft job failed ({type(exc).__name__}: {exc}); run the "
                              "same command again: the pairs written so far are kept") from None
