"""``storydiff dedup --engine daft``: the single-process dedup's steps as Daft jobs over
Parquet files, so that no step needs the whole corpus in one process (issue #15).

1. **signatures**: worker processes read line ranges of the input (``dedup_job.plan_chunks``),
   clean and sign each record as ``dedup_records`` does, and each writes one shard a range:
   line, id, MinHash signature, LSH band keys.
2. **candidates**: the band keys exploded to (band, key, line) rows and grouped by (band,
   key), the LSH shuffle; each bucket gives its pairs by the rule of
   ``groups.candidate_pairs`` (all pairs, or a chain plus a star for a big bucket); the pairs
   are made unique.
3. **edges**: each pair joined with its two signatures and kept when their estimated Jaccard
   similarity reaches the threshold (the rule of ``groups._verified``).
4. **components**: the alternating large-star and small-star rounds of Kiveris, Lattanzi,
   Mirrokni, Rastogi and Vassilvitskii, "Connected Components in MapReduce and Beyond"
   (SoCC 2014): joins and group-bys over the edges, O(log² n) rounds, until every component
   is a star around its smallest line.
5. **labels**: each record's group and the id of the group's first record; the output pass
   then writes the kept records and the clusters file in input order, as one process does.

Every stage is written whole into the job's folder (named after the input and the options,
as ``engine.job_key`` names an ingest), so a killed job run again resumes from the finished
stages and ranges; the folder is removed when the dedup completes. A record is known by its
line number: line order is row order, so the groups and the output are those of
``dedup_records`` (tested byte for byte).
"""

from __future__ import annotations

import json
import tempfile
import time
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from dataclasses import asdict, dataclass
from pathlib import Path
from typing import IO, TYPE_CHECKING, Any, cast

# first: engine_daft turns Daft's usage reports off before Daft is imported
from .engine_daft import DaftEngine  # isort: skip

import daft
import numpy as np
import pyarrow as pa
from daft import DataFrame, DataType, Expression, col
from daft.functions import columns_min

from .._errors import InputFormatError, StorydiffError
from .dedup import DedupSummary
from .dedup_job import (
    Chunk,
    JobFolder,
    bucket_pairs,
    plan_chunks,
    sign_chunk,
    write_outputs,
    write_whole,
)
from .engine import EngineError, job_key
from .groups import _FULL_BUCKET
from .minhash import estimated_jaccard

if TYPE_CHECKING:
    from ..settings import Settings
    from .config import CorpusConfig
    from .engine import Engine

__all__ = ["CHUNK_LINES", "EngineDedup", "dedup_on_engine", "jaccard_of", "rows_of",
           "star_forest"]

#: At most this many lines of the input in one signature shard (a range: the unit of the map
#: stage and of its resumption), and about 1/64 of the file's bytes, within 1 to 64 MiB.
CHUNK_LINES = 4096
CHUNK_BYTES = (1 << 20, 64 << 20)


def _chunk_bytes(size: int) -> int:
    """The bytes of a range of a file of ``size`` bytes: enough ranges to spread, few files."""
    return min(CHUNK_BYTES[1], max(CHUNK_BYTES[0], size // 64))


_PAIR = DataType.struct({"a": DataType.int64(), "b": DataType.int64()})


@dataclass(frozen=True)
class EngineDedup:
    """What a dedup on the engine did: the summary, and the figures of its stages."""

    summary: DedupSummary
    ran: list[str]  # the stages this run computed (the others were found done)
    band_rows: int  # (band, key, line) rows: what the LSH shuffle moves
    candidate_pairs: int
    verified_pairs: int
    rounds: int  # large-star + small-star rounds until the components were stars
    seconds: dict[str, float]  # wall time of each step


def dedup_on_engine(source: Path, out: IO[str], engine: Engine, *, clusters: IO[str] | None,
                    config: CorpusConfig, settings: Settings,
                    progress: Callable[[int], None] | None = None,
                    job_folder: Path | None = None) -> EngineDedup:
    """``dedup_records`` on the daft engine: the same output, written to ``out`` and
    ``clusters``; intermediate files in a job folder under ``job_folder``.

    Raises:
        InputFormatError: ``source`` cannot be read.
        EngineError: not the daft engine, the job folder cannot be written, or a job failed
            (run it again: it resumes).
    """
    if not isinstance(engine, DaftEngine):
        raise EngineError(f"dedup runs on the daft engine, not {getattr(engine, 'name', engine)}")
    started = time.perf_counter()
    seconds: dict[str, float] = {}
    job = _open_job(source, config, settings, job_folder)
    with _step("plan", seconds):
        chunks = _plan(source, job)
    with _step("signatures", seconds):
        _sign(source, chunks, job, engine, config, settings, progress)
    figures = _groups(job, config.dedup_threshold, seconds)
    with _step("labels", seconds):
        labels = job.run("labels", lambda tmp: _write(_labels(job, figures["rounds"]), tmp))
        summary = _summary(job, figures["rounds"], started)
    with _step("output", seconds):
        write_outputs(source, out, clusters, _in_order(labels))
    job.remove()
    return EngineDedup(summary, job.ran, seconds=seconds, **figures)


def _open_job(source: Path, config: CorpusConfig, settings: Settings,
              job_folder: Path | None) -> JobFolder:
    """The job's folder: named after the input (path, size, time), the options and the
    layout of the ranges."""
    try:
        layout = {"job": "dedup", "name": str(source), "lines": CHUNK_LINES,
                  "bytes": _chunk_bytes(source.stat().st_size)}
        key = job_key([source, layout], config, settings, None)
    except OSError as exc:
        raise InputFormatError(str(source), f"cannot read the file ({exc.strerror})") from None
    root = job_folder if job_folder is not None else Path(tempfile.gettempdir()) / \
        "storydiff-dedup"
    return JobFolder(root / key)


def _plan(source: Path, job: JobFolder) -> list[Chunk]:
    """The line ranges of the input (planned once a job)."""
    def write(tmp: Path) -> None:
        try:
            chunks = plan_chunks(source, CHUNK_LINES, _chunk_bytes(source.stat().st_size))
        except OSError as exc:
            raise InputFormatError(str(source), f"cannot read the file ({exc.strerror})")\
                from None
        chunks = chunks or [Chunk(0, 0, 0, 1)]  # an empty file: one empty shard
        tmp.write_text(json.dumps([asdict(c) for c in chunks]), encoding="utf-8")

    try:
        path = job.run("plan.json", write)
        return [Chunk(**c) for c in json.loads(path.read_text(encoding="utf-8"))]
    except OSError as exc:
        raise EngineError(f"cannot write the job folder {job.folder} ({exc.strerror}): choose "
                          "another with --job-dir") from None


@contextmanager
def _step(stage: str, seconds: dict[str, float] | None = None,
          command: str = "dedup") -> Iterator[None]:
    """Time a stage (into ``seconds``), and turn a failure of its Daft job into an
    ``EngineError`` that says how to resume (run the same ``command`` again)."""
    started = time.perf_counter()
    try:
        yield
    except (StorydiffError, OSError):
        raise
    except Exception as exc:
        raise EngineError(f"the {command} job failed in its {stage} stage "
                          f"({type(exc).__name__}: {exc}); run the same {command} again: "
                          "finished stages are kept")\
            from None
    if seconds is not None:
        seconds[stage] = round(time.perf_counter() - started, 3)


# -- 1. signatures -----------------------------------------------------------------------------

class Signer:
    """What each worker holds: the input's path and name, the shard folder and the options."""

    def __init__(self, path: str, name: str, folder: str, config: CorpusConfig,
                 settings: Settings) -> None:
        self.path, self.name, self.folder = Path(path), name, Path(folder)
        self.config, self.settings = config, settings

    @daft.method(return_dtype=DataType.int64())
    def sign(self, number: int, start: int, end: int, first: int) -> int:
        """Sign one range into its shard; the number of lines it holds."""
        table = sign_chunk(self.path, self.name, Chunk(number, start, end, first), self.config,
                           self.settings)
        write_whole(table, self.folder / f"{number:06d}.parquet")
        return int(table.num_rows)


def _sign(source: Path, chunks: list[Chunk], job: JobFolder, engine: DaftEngine,
          config: CorpusConfig, settings: Settings,
          progress: Callable[[int], None] | None) -> None:
    """Write the shard of every range that has none yet."""
    folder = job.path("signatures")
    pending = [c for c in chunks if not (folder / f"{c.number:06d}.parquet").exists()]
    if not pending:
        return
    worker = daft.cls(max_concurrency=engine.workers, use_process=engine.workers > 1)(Signer)
    signer = worker(str(source.resolve()), str(source), str(folder), config, settings)
    frame = daft.from_pydict({name: [getattr(c, name) for c in pending]
                              for name in ("number", "start", "end", "first")})
    if engine.address is not None:
        frame = frame.into_partitions(min(len(pending), 4 * engine.workers))
    frame = frame.select(signer.sign(col("number"), col("start"), col("end"), col("first"))
                         .alias("lines"))
    done = 0
    with daft.execution_config_ctx(default_morsel_size=1):  # one range a worker call
        for row in frame.iter_rows():
            done += row["lines"]
            if progress is not None:
                progress(done)
    job.ran.append("signatures")


def _records(job: JobFolder) -> DataFrame:
    """The readable records: line, id, signature, band keys."""
    signed = daft.read_parquet(str(job.path("signatures") / "*.parquet"))
    return signed.where(col("error").is_null())


# -- 2.-4. candidates, edges, components ---------------------------------------------------------

def _groups(job: JobFolder, threshold: float, seconds: dict[str, float],
            full: int = _FULL_BUCKET, command: str = "dedup") -> dict[str, int]:
    """Run the candidate, edge and component stages (buckets up to ``full`` members give all
    their pairs; 0: every bucket); their figures. ``command``: what resumes a failed job."""
    with _step("candidates", seconds, command):
        job.run("candidates", lambda tmp: _write(_candidates(_records(job), full), tmp))
    # rows of two signatures each (1 KB by default): smaller morsels, less memory held
    with _step("edges", seconds, command), daft.execution_config_ctx(default_morsel_size=8192):
        job.run("edges", lambda tmp: _write(_edges(job, threshold), tmp))
    with _step("components", seconds, command):
        rounds = star_forest(job, "edges")
    with _step("counts", None, command):
        return {"band_rows": _count(_bands(_records(job))),
                "candidate_pairs": _count(_read(job.path("candidates"))),
                "verified_pairs": _count(_read(job.path("edges"))), "rounds": rounds}


def _bands(records: DataFrame) -> DataFrame:
    """(line, keys, band): one row per band of each record."""
    return records.select("line", "keys").explode("keys", index_column="band")


@daft.func.batch(return_dtype=DataType.list(_PAIR))
def _bucket(members: daft.Series, full: int) -> pa.Array:
    """The candidate pairs of each bucket (``dedup_job.bucket_pairs``, all pairs of buckets
    up to ``full`` members; 0: of every bucket), as lists of (a, b)."""
    lists = members.to_arrow()
    starts, a, b = bucket_pairs(np.asarray(lists.offsets, dtype=np.int64),
                                np.asarray(lists.values, dtype=np.int64), full or None)
    pairs = pa.StructArray.from_arrays([pa.array(a), pa.array(b)], names=["a", "b"])
    return pa.LargeListArray.from_arrays(pa.array(starts), pairs)


def _candidates(records: DataFrame, full: int = _FULL_BUCKET) -> DataFrame:
    """The unique candidate pairs ``a < b``: rows sharing a (band, key) bucket (all pairs of
    buckets up to ``full`` members, of every bucket with 0)."""
    buckets = _bands(records).groupby("band", "keys").agg(
        col("line").list_agg().alias("members"), col("line").count().alias("size"))
    pairs = buckets.where(col("size") > daft.lit(1)).select(
        _bucket(col("members"), full).alias("pair"))
    pairs = pairs.explode("pair", ignore_empty_and_null=True)
    return pairs.select(col("pair")["a"].alias("a"), col("pair")["b"].alias("b")).distinct()


def jaccard_of(first: daft.Series, second: daft.Series) -> np.ndarray:
    """The estimated Jaccard similarity of each pair of signatures (uint32 bytes)."""
    if not len(first):
        return np.zeros(0)
    a, b = (np.frombuffer(b"".join(s.to_pylist()), dtype=np.uint32).reshape(len(s), -1)
            for s in (first, second))
    return np.asarray(estimated_jaccard(a, b))


@daft.func.batch(return_dtype=DataType.bool())
def _similar(first: daft.Series, second: daft.Series, threshold: float) -> np.ndarray:
    """Whether each pair of signatures reaches ``threshold`` (``groups._verified``'s rule)."""
    return np.asarray(jaccard_of(first, second) >= threshold)


def with_signatures(job: JobFolder, pairs: DataFrame, first: str, second: str) -> DataFrame:
    """``pairs`` joined with the signatures of the lines in columns ``first`` and ``second``
    (as ``sig_<first>``, ``sig_<second>``)."""
    sigs = _records(job).select("line", "signature")
    for column in (first, second):
        pairs = pairs.join(sigs.select(col("line").alias(column),
                                       col("signature").alias(f"sig_{column}")), on=column)
    return pairs


def _edges(job: JobFolder, threshold: float) -> DataFrame:
    """The verified pairs as edges ``(hi, lo)``, ``hi > lo``."""
    pairs = with_signatures(job, _read(job.path("candidates")), "a", "b")
    pairs = pairs.where(cast(Expression, _similar(col("sig_a"), col("sig_b"), threshold)))
    return pairs.select(col("b").alias("hi"), col("a").alias("lo"))


def star_forest(job: JobFolder, edges: str, folder: str = "components") -> int:
    """Rounds of large-star then small-star on the edges ``(hi, lo)`` of stage ``edges`` until
    they are a star forest: every edge ``(v, m)`` joins a node to the smallest node of its
    component. Each round is a stage (``<folder>/round-NNNN``); the number of rounds.

    Kiveris et al. (SoCC 2014): a large-star links each node's larger neighbours to the
    smallest node of its neighbourhood, a small-star links a node and its smaller neighbours
    to the smallest of them; both keep the components, and alternating them converges in
    O(log² n) rounds.
    """
    current, rounds = edges, 0
    while True:
        following = f"{folder}/round-{rounds + 1:04d}"
        if not job.done(following) and _is_star_forest(_read(job.path(current))):
            return rounds
        job.run(following, _round(job.path(current)))
        current, rounds = following, rounds + 1


def _round(edges: Path) -> Callable[[Path], None]:
    """What writes the round that follows the edges in ``edges``."""
    return lambda tmp: _write(_small_star(_large_star(_read(edges))), tmp)


def _large_star(edges: DataFrame) -> DataFrame:
    """Each edge ``(v, u)``, ``v > u``, becomes ``(v, m(u))``: m(u) the smallest of u and its
    neighbours."""
    both = edges.select(col("hi").alias("u"), col("lo").alias("v")).union_all(
        edges.select(col("lo").alias("u"), col("hi").alias("v")))
    smallest = both.groupby("u").agg(col("v").min().alias("m"))
    smallest = smallest.select(col("u").alias("lo"), columns_min(col("m"), col("u")).alias("m"))
    linked = edges.join(smallest, on="lo")
    return linked.select(col("hi"), col("m").alias("lo")).distinct()


def _small_star(edges: DataFrame) -> DataFrame:
    """Each node u with smaller neighbours: u and each of them linked to the smallest, m(u)."""
    smallest = edges.groupby("hi").agg(col("lo").min().alias("m"))
    linked = edges.join(smallest, on="hi")
    lower = linked.select(col("lo").alias("hi"), col("m").alias("lo"))
    upper = smallest.select(col("hi"), col("m").alias("lo"))
    return lower.where(col("hi") != col("lo")).union_all(upper).distinct()


def _is_star_forest(edges: DataFrame) -> bool:
    """Whether each node links to one node only, and no linked-to node links anywhere."""
    repeated = edges.groupby("hi").agg(col("lo").count().alias("n")).where(col("n") > daft.lit(1))
    if _count(repeated):
        return False
    centres = edges.select(col("lo").alias("hi")).distinct()
    return not _count(centres.join(edges.select("hi").distinct(), on="hi", how="semi"))


# -- 5. labels and the output --------------------------------------------------------------------

def _stars(job: JobFolder, rounds: int, edges: str = "edges",
           folder: str = "components") -> DataFrame:
    """The final edges: ``(line, group)`` for each record that is not its group's first
    (``star_forest``'s last round over stage ``edges``)."""
    stage = f"{folder}/round-{rounds:04d}" if rounds else edges
    return _read(job.path(stage)).select(col("hi").alias("line"), col("lo").alias("group"))


def _labels(job: JobFolder, rounds: int) -> DataFrame:
    """(line, id, group id, kept) of every readable record."""
    ids = _records(job).select("line", "ident")
    grouped = ids.join(_stars(job, rounds), on="line", how="left")
    grouped = grouped.with_column("group", col("group").fill_null(col("line")))
    firsts = ids.select(col("line").alias("group"), col("ident").alias("group_ident"))
    grouped = grouped.join(firsts, on="group")
    return grouped.select("line", "ident", "group_ident",
                          (col("group") == col("line")).alias("kept"))


def _in_order(labels: Path) -> Iterator[tuple[int, bytes, bytes, bool]]:
    """The labels in line order, a batch at a time."""
    with _step("output"):
        yield from rows_of(_read(labels).sort("line"), ("line", "ident", "group_ident", "kept"))


def rows_of(frame: DataFrame, names: tuple[str, ...]) -> Iterator[tuple[Any, ...]]:
    """The ``names`` columns of each row of ``frame``, a batch at a time."""
    for batch in frame.to_arrow_iter():
        yield from zip(*(batch.column(name).to_pylist() for name in names), strict=True)


def _summary(job: JobFolder, rounds: int, started: float) -> DedupSummary:
    """The ``DedupSummary`` of the job: counts from its stages, errors in line order."""
    signed = daft.read_parquet(str(job.path("signatures") / "*.parquet"))
    errors = signed.where(col("error").not_null()).sort("line").select("error").to_pydict()
    labels = _read(job.path("labels"))
    records = _count(labels)
    kept = _count(labels.where(col("kept")))
    groups = _count(_stars(job, rounds).select("group").distinct())
    return DedupSummary(records, kept, groups, len(errors["error"]), list(errors["error"]),
                        round(time.perf_counter() - started, 3))


def _read(path: Path) -> DataFrame:
    """A stage's table."""
    return daft.read_parquet(str(path / "*.parquet"))


def _write(frame: DataFrame, folder: Path) -> None:
    """Write a stage's table into ``folder`` (Parquet files)."""
    frame.write_parquet(str(folder))


def _count(frame: DataFrame) -> int:
    return int(frame.count_rows())
