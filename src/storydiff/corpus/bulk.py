"""The bulk ingest: ``Corpus.add(..., engine=open_engine("daft"))`` into an EMPTY store runs
linking and stories as Daft jobs (``story_job``) over the engine's map shards, then writes the
whole result into the store in one transaction (``CorpusStore.bulk_load``: COPY on
PostgreSQL) and the vector index once. The store then holds what the single-process ingest of
the same records gives (ids 1..n in input order, the same near-duplicate groups, links,
components and stories; see docs/scale.md, "The bulk ingest job", for where it may not), and
later ingests update it article by article as usual. Each article carries the number of the
batch that the single process would commit it in: in a linked component over
``max_component``, the stories depend on those batches, and the job replays them
(``story_parts.replayed_stories``).

Three passes over the shard files, each in input order: the ``signatures`` stage (one row a
new article, numbered as the single-process ingest would number it), the job's stages, and the
load. Records whose text was met before, and failed records, are dropped and counted exactly
as the single-process ingest does (``batches.outcome_batches``, batch by batch). The job's
folder sits beside the shards; a killed job resumes from its finished stages, and both are
removed once the load is committed.
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any

import numpy as np

from .batches import BatchResult, Prepared, outcome_batches
from .config import CorpusConfig
from .dedup_job import JobFolder, write_whole
from .engine import EngineError, ShardFolder
from .linking import day_number
from .minhash import band_keys, lsh_params
from .store import CorpusStore, Link, LoadRow
from .story_parts import StoryTally, bucket_of

if TYPE_CHECKING:
    from .engine import Engine
    from .vectors import VectorIndex

__all__ = ["BulkCounts", "bulk_applies", "load", "run_job"]

#: Articles a file of the ``signatures`` stage, and vectors added to the index at a time.
STAGE_ROWS = 4096


def bulk_applies(engine: Engine, config: CorpusConfig) -> bool:
    """Whether an ingest on ``engine`` may take the bulk path (on an empty store): the daft
    engine runs the job's stages, and no borderline judge is asked (its full comparisons
    stay with the per-article path)."""
    return getattr(engine, "name", None) == "daft" and config.borderline_margin <= 0


@dataclass
class BulkCounts:
    """What the records of a bulk ingest came to, as ``IngestSummary`` counts them."""

    added: int = 0
    duplicates: int = 0
    errors: list[str] = field(default_factory=list)


def _results(shards: ShardFolder, batch_size: int) -> Iterator[BatchResult]:
    """The batches of the shard files as ``outcome_batches`` gives them to the single-process
    ingest of an empty store: a text counts as stored once an earlier batch prepared it."""
    stored: set[str] = set()
    numbers = sorted(int(path.stem) for path in shards.folder.glob("[0-9]*.parquet"))

    def batches() -> Iterator[list[Any]]:
        for number in numbers:
            outcomes = shards.read(number)
            for start in range(0, len(outcomes), batch_size):
                yield outcomes[start:start + batch_size]

    for result in outcome_batches(batches(), lambda hashes: set(hashes) & stored):
        stored.update(item.hash for item in result.prepared)
        yield result


def _numbered(shards: ShardFolder, batch_size: int,
              counts: BulkCounts | None = None) -> Iterator[tuple[int, int, Prepared]]:
    """Each new article with its id (1..n in input order) and the number of the batch that
    commits it; ``counts`` adds up the records."""
    next_id = 1
    for batch, result in enumerate(_results(shards, batch_size)):
        if counts is not None:
            counts.added += len(result.prepared)
            counts.duplicates += result.duplicates
            counts.errors += result.errors
        for item in result.prepared:
            yield next_id, batch, item
            next_id += 1


def run_job(job: JobFolder, shards: ShardFolder, config: CorpusConfig) -> dict[str, Any]:
    """Write the ``signatures`` stage from the shards (unless done), then run the story job's
    stages; the job's figures."""
    from .story_job import run_story_job, signature_table

    bands = lsh_params(config.dedup_threshold, config.num_perm)

    def write(folder: Any) -> None:
        rows: list[dict[str, Any]] = []
        part = 0
        for article, batch, item in _numbered(shards, config.batch_size):
            rows.append(_signature_row(article, batch, item, bands, config.time_window_days))
            if len(rows) >= STAGE_ROWS:
                write_whole(signature_table(rows), folder / f"{part:06d}.parquet")
                rows, part = [], part + 1
        write_whole(signature_table(rows), folder / f"{part:06d}.parquet")

    job.run("signatures", write)
    return run_story_job(job, config)


def _signature_row(article: int, batch: int, item: Prepared, bands: tuple[int, int],
                   window_days: int) -> dict[str, Any]:
    """One row of the ``signatures`` stage."""
    day = day_number(item.doc.published)
    bucket, partners = bucket_of(day, window_days)
    return {"line": article, "error": None, "ident": None,
            "signature": np.asarray(item.signature, dtype=np.uint32).tobytes(),
            "keys": band_keys(item.signature[None, :], *bands)[0].tolist(), "hash": item.hash,
            "day": day, "bucket": bucket, "partners": partners,
            "language": item.doc.language, "entities": item.entities_json(),
            "vector": np.asarray(item.vector, dtype=np.float32).tobytes(), "batch": batch}


def load(store: CorpusStore, job: JobFolder, shards: ShardFolder, config: CorpusConfig,
         index: VectorIndex | None) -> BulkCounts:
    """Write the job's result into the (empty) store inside its open ``write_batch``, and the
    vectors into ``index`` (None: the database keeps its own); the records' counts."""
    from .story_job import label_rows, link_rows

    counts = BulkCounts()
    tally = StoryTally()
    bands = lsh_params(config.dedup_threshold, config.num_perm)

    def articles() -> Iterator[LoadRow]:
        labels = label_rows(job)
        pending: list[tuple[int, Prepared]] = []
        for article, _, item in _numbered(shards, config.batch_size, counts):
            line, group, component, story = next(labels)
            if line != article:  # the job was made from other shards
                raise EngineError(f"the bulk job in {job.folder} does not match its shards "
                                  f"(article {article}); delete that folder and run the "
                                  "same ingest again")
            doc = item.doc
            tally.add(story, article, language=doc.language, source=doc.source,
                      published=doc.published, title=doc.title, text=doc.clean_text)
            pending.append((article, item))
            if len(pending) >= STAGE_ROWS:
                _index(index, pending)
                pending = []
            yield LoadRow(article, item, band_keys(item.signature[None, :], *bands)[0].tolist(),
                          story, group, component)
        _index(index, pending)

    links = (Link(a, b, kind, score) for a, b, kind, score in link_rows(job))
    store.bulk_load(articles(), links, tally.summaries())
    return counts


def _index(index: VectorIndex | None, rows: list[tuple[int, Prepared]]) -> None:
    """Add the vectors of ``rows`` to the local index."""
    if index is not None and rows:
        index.add(np.array([article for article, _ in rows], dtype=np.int64),
                  np.vstack([item.vector for _, item in rows]),
                  [day_number(item.doc.published) for _, item in rows])
