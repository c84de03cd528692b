"""Daft as an ingest engine: the map stage (``batches.prepare_each``) as a Daft job whose
workers are processes that each load the models once (a ``daft.cls``), on this machine or,
with an address, on a Ray cluster through Daft's Ray runner.

Chosen over Ray Data from measurements on this 2-core machine (../shared/LIBRARIES.md and
docs/scale.md): Daft installs in 335 MB against 615 MB, starts at once against about 5 s, runs
the same small map and group-by job in 0.2 s against 11 to 14 s, and the same code runs
unchanged on a Ray cluster. It is a 0.x library: the version is pinned in the ``engine`` extra.
"""

from __future__ import annotations

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
    from ..embed import Encoder
    from ..ingest.items import Loaded
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
