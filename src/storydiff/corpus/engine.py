"""Engines for the map stage of ingest: cleaning, analysis, title+lead embedding and MinHash
signatures of every record, run by worker processes that load the models once each
(``storydiff ingest --engine daft``; Daft runs locally, or on a Ray cluster with ``--address``).

The engine writes what it prepares to shard files (Parquet, ``shard_records`` records each,
written whole or not at all) in a folder named after the job (its input and options), and the
ingest then commits the shards in input order through the same ``Writer`` as the
single-process ingest. So the store ends with the same near-duplicate groups and the same
stories (tested), a killed job resumes without redoing finished shards (the shards stay until
the ingest completes), and the store never holds half a batch. Linking, clustering and the
store writes run in the ingesting process, as in the single-process path: the engine spreads
the per-record work, which is nearly all of the cost (docs/scale.md). Into an empty store, the
daft engine's ingest links the shards as a job of its own and loads the result in bulk
instead (``bulk``, ``story_job``).

The embedded default never imports an engine; ``engine_daft`` imports Daft, an optional extra.
"""

from __future__ import annotations

import dataclasses
import hashlib
import json
import os
from collections.abc import Iterable, Iterator
from concurrent.futures import Future, ThreadPoolExecutor
from contextlib import suppress
from pathlib import Path
from typing import TYPE_CHECKING, Any, Protocol

import numpy as np

from .._errors import StoreError
from ..analyse.codec import decode_document
from ..document import Article
from ..ingest.items import Loaded
from .batches import Outcome, Prepared

if TYPE_CHECKING:
    import pyarrow as pa

    from ..embed import Encoder
    from ..pipeline.cache import CacheStats
    from ..pipeline.comparer import Side
    from ..pipeline.pool import Result
    from ..settings import Settings
    from .config import CorpusConfig

__all__ = ["ENGINES", "Engine", "EngineError", "ShardFolder", "job_key", "open_engine"]

#: The engines ``--engine`` accepts ("local" is the single-process path, no engine).
ENGINES = ("local", "daft")

#: The columns of a shard file.
COLUMNS = ("seq", "label", "hash", "error", "stage", "url", "doc", "entities", "signature",
           "vector")


class EngineError(StoreError):
    """The engine is not installed, cannot reach its cluster, or its job failed."""


class Engine(Protocol):
    """Runs ``prepare_each`` over batches of records on workers, and compares pairs there
    (``pipeline.PairEngine``)."""

    name: str

    def prepare(self, batches: list[list[Loaded]], encoder: Encoder | None,
                config: CorpusConfig, settings: Settings) -> list[list[Outcome]]:
        """The outcomes of each batch, in order (``encoder`` None: each worker loads the
        default story encoder)."""
        ...

    def compare_pairs(self, pairs: Iterable[tuple[Side, Side]], settings: Settings,
                      cache_folder: Path | None,
                      stats: dict[int, CacheStats] | None = None) -> Iterator[Result]:
        """Each pair's ``Report`` or ``PairFailure``, in input order; ``stats`` gets each
        worker's cache counts, by process id."""
        ...


def open_engine(name: str, address: str | None = None, workers: int | None = None) -> Engine:
    """The engine called ``name`` ("daft"), on the Ray cluster at ``address`` if given.

    Raises:
        EngineError: an unknown name, or the engine's package is not installed.
    """
    if name == "local":
        raise EngineError("the local engine is this process: --address and --workers need "
                          "--engine daft")
    if name != "daft":
        raise EngineError(f"unknown engine {name!r}: choose one of {', '.join(ENGINES)}")
    try:
        from .engine_daft import DaftEngine
    except ImportError as exc:
        raise EngineError(f"the daft engine needs the daft package ({exc}): install it with "
                          "pip install 'storydiff[engine]'") from None
    return DaftEngine(address=address, workers=workers)


# -- the job's identity and its shard files ------------------------------------------------------

def job_key(items: list[Any], config: CorpusConfig, settings: Settings,
            encoder: Encoder | None) -> str:
    """A key of the job: the inputs (paths with their size and modification time, records and
    texts by content), the options and the encoder; a changed input starts a new job."""
    digest = hashlib.sha256()
    for item in items:
        if isinstance(item, Path) or (isinstance(item, str) and _is_path(item)):
            part = ["path", str(Path(item).resolve()), *_fingerprint(Path(item))]
        elif isinstance(item, Article):
            part = ["article", dataclasses.asdict(item)]
        else:
            part = ["value", item]
        digest.update(json.dumps(part, sort_keys=True, default=str).encode())
    digest.update(json.dumps([repr(config), repr(settings),
                              encoder.name if encoder is not None else "default"]).encode())
    return digest.hexdigest()[:16]


def _is_path(value: str) -> bool:
    """Whether a string item names a file or folder (else it is an article's text)."""
    try:
        return len(value) < 4096 and "\n" not in value and Path(value).exists()
    except (OSError, ValueError):
        return False


def _fingerprint(path: Path) -> list[Any]:
    """Size and modification time of a file, or of every file under a folder."""
    if not path.is_dir():
        stat = path.stat()
        return [stat.st_size, stat.st_mtime_ns]
    return [[str(p.relative_to(path)), p.stat().st_size, p.stat().st_mtime_ns]
            for p in sorted(path.rglob("*")) if p.is_file()]


class ShardFolder:
    """The shard files of one job: ``NNNNNN.parquet``, each written to a temporary file first
    and renamed, so a shard on disk is whole."""

    def __init__(self, folder: Path) -> None:
        self.folder = folder

    def path(self, number: int) -> Path:
        return self.folder / f"{number:06d}.parquet"

    def has(self, number: int) -> bool:
        """Whether shard ``number`` was written."""
        return self.path(number).is_file()

    def write(self, number: int, outcomes: list[Outcome]) -> None:
        import pyarrow.parquet as pq

        self.folder.mkdir(parents=True, exist_ok=True)
        tmp = self.path(number).with_suffix(f".{os.getpid()}.tmp")
        try:
            pq.write_table(to_table(outcomes), tmp)
            os.replace(tmp, self.path(number))
        finally:
            tmp.unlink(missing_ok=True)

    def read(self, number: int) -> list[Outcome]:
        import pyarrow.parquet as pq

        return from_table(pq.read_table(self.path(number)))

    def read_matching(self, number: int, labels: list[str]) -> list[Outcome] | None:
        """The outcomes of shard ``number`` when it exists, can be read and holds exactly the
        records ``labels`` names, in order; else None (the shard is prepared again)."""
        if not self.has(number):
            return None
        try:
            outcomes = self.read(number)
        except Exception:
            return None
        return outcomes if [o.label for o in outcomes] == labels else None

    def remove(self) -> None:
        """Delete the job's shards (after the ingest completed)."""
        for path in self.folder.glob("*.parquet"):
            path.unlink(missing_ok=True)
        for path in self.folder.glob("*.tmp"):
            path.unlink(missing_ok=True)
        with suppress(OSError):  # a folder something else wrote into stays
            self.folder.rmdir()
            self.folder.parent.rmdir()  # the folder of jobs, when no other job is left


# -- records and outcomes as rows ----------------------------------------------------------------

def loaded_to_json(item: Loaded) -> str:
    """A loaded record as JSON, for a worker."""
    article = dataclasses.asdict(item.article) if item.article is not None else None
    return json.dumps({"label": item.label, "error": item.error, "article": article},
                      ensure_ascii=False)


def loaded_from_json(text: str) -> Loaded:
    """The loaded record ``loaded_to_json`` wrote."""
    data = json.loads(text)
    article = data["article"]
    if article is not None:
        article = Article(**{**article, "warnings": tuple(article.get("warnings") or ())})
    return Loaded(data["label"], article, data["error"])


def outcome_row(outcome: Outcome) -> dict[str, Any]:
    """An outcome as one row of a shard (without its sequence number)."""
    prepared = outcome.prepared
    return {
        "label": outcome.label, "hash": outcome.hash, "error": outcome.error,
        "stage": outcome.stage,
        "url": prepared.url if prepared else None,
        "doc": prepared.document_blob() if prepared else None,
        "entities": prepared.entities_json() if prepared else None,
        "signature": np.asarray(prepared.signature, dtype=np.uint32).tobytes()
        if prepared else None,
        "vector": np.asarray(prepared.vector, dtype=np.float32).tobytes() if prepared else None,
    }


def outcome_from_row(row: dict[str, Any]) -> Outcome:
    """The outcome a shard row holds."""
    prepared = None
    if row["doc"] is not None:
        prepared = Prepared(
            row["label"], row["url"], row["hash"], decode_document(row["doc"]),
            frozenset(json.loads(row["entities"])),
            np.frombuffer(row["signature"], dtype=np.uint32).copy(),
            np.frombuffer(row["vector"], dtype=np.float32).copy())
    return Outcome(row["label"], row["hash"], prepared, row["error"], row["stage"])


def to_table(outcomes: list[Outcome]) -> pa.Table:
    """Outcomes as an Arrow table (a shard), numbered in order."""
    import pyarrow as pa

    rows = [{"seq": n, **outcome_row(o)} for n, o in enumerate(outcomes)]
    schema = pa.schema([("seq", pa.int64()), ("label", pa.string()), ("hash", pa.string()),
                        ("error", pa.string()), ("stage", pa.string()), ("url", pa.string()),
                        ("doc", pa.binary()), ("entities", pa.string()),
                        ("signature", pa.binary()), ("vector", pa.binary())])
    return pa.Table.from_pylist(rows, schema=schema)


def from_table(table: pa.Table) -> list[Outcome]:
    """The outcomes of a shard, in sequence order."""
    rows = sorted(table.to_pylist(), key=lambda r: r["seq"])
    return [outcome_from_row(row) for row in rows]


def shard_outcomes(batches: Iterable[list[Loaded]], engine: Engine, shards: ShardFolder,
                   encoder: Encoder | None, config: CorpusConfig, settings: Settings,
                   shard_batches: int, wave: int) -> Iterator[list[Outcome]]:
    """The outcomes of every batch, in order: read from the shard files that exist and hold
    exactly these records, or prepared by the engine (``wave`` shards a job) and written to
    shard files first. The next job runs while the consumer commits the one before."""
    pending: list[tuple[int, list[list[Loaded]]]] = []
    running: tuple[list[tuple[int, list[list[Loaded]]]], Future[list[list[Outcome]]]] | None
    running = None

    pool = ThreadPoolExecutor(max_workers=1, thread_name_prefix="storydiff-engine")
    try:

        def finish() -> Iterator[list[Outcome]]:
            """Wait for the running job, write its shards, yield its outcomes."""
            nonlocal running
            if running is None:
                return
            groups, future = running
            running = None
            prepared = iter(future.result())
            for number, group in groups:
                outcomes = [next(prepared) for _ in group]
                shards.write(number, [o for batch in outcomes for o in batch])
                yield from outcomes

        def start() -> Iterator[list[Outcome]]:
            """Start a job for the pending shards (it runs once the running one is done, and
            not at all when that one failed), then yield the running one's outcomes."""
            nonlocal running
            jobs = [batch for _, group in pending for batch in group]
            before = running[1] if running is not None else None
            job = (list(pending), pool.submit(_after, before, engine.prepare, jobs, encoder,
                                              config, settings))
            pending.clear()
            yield from finish()
            running = job

        def shard(number: int, group: list[list[Loaded]]) -> Iterator[list[Outcome]]:
            labels = [item.label for batch in group for item in batch]
            done = shards.read_matching(number, labels)
            if done is None:
                pending.append((number, group))
                if len(pending) >= wave:
                    yield from start()
                return
            if pending:
                yield from start()
            yield from finish()
            position = 0
            for batch in group:
                yield done[position:position + len(batch)]
                position += len(batch)

        group: list[list[Loaded]] = []
        number = 0
        for batch in batches:
            group.append(batch)
            if len(group) >= shard_batches:
                yield from shard(number, group)
                number, group = number + 1, []
        if group:
            yield from shard(number, group)
        if pending:
            yield from start()
        yield from finish()
    finally:  # after a failure, a job still running is not waited for
        pool.shutdown(wait=False, cancel_futures=True)


def _after(before: Future[Any] | None, call: Any, *args: Any) -> Any:
    """``call(*args)``, unless the job ``before`` it failed: the ingest stops at that failure,
    and a job run anyway would hold the process until it ends (minutes on a cluster)."""
    if before is not None and (before.cancelled() or before.exception() is not None):
        raise EngineError("not run: the job before it failed")
    return call(*args)
