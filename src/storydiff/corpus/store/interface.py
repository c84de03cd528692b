"""``CorpusStore``: everything corpus mode asks of its store, named by what it means.

Ingest (``Corpus.add``, ``Writer``, ``clustering``, ``summaries``) and reading (``Corpus``) call
these methods only; an implementation keeps its query language to itself. Articles are
numbered by the store (ids from 1, in insertion order); each article belongs to one
near-duplicate group, one linked component and one story, each named by an article id.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping, Sequence
from contextlib import AbstractContextManager
from pathlib import Path
from typing import TYPE_CHECKING, NamedTuple, Protocol

import numpy as np

from ..types import ArticleRecord, Member, StorySummary

if TYPE_CHECKING:
    from ..batches import Prepared
    from ..linking import Profile
    from ..vectors import VectorIndex

__all__ = ["CorpusStore", "Link", "LinkColumns", "LoadRow"]


class Link(NamedTuple):
    """A stored edge between two articles (smaller id first): ``kind`` is ``"dup"`` (a
    near-duplicate pair, scored by estimated Jaccard) or ``"story"`` (pair similarity)."""

    a: int
    b: int
    kind: str
    score: float


class LinkColumns(NamedTuple):
    """Stored links as columns, for reading many at once (``CorpusStore.link_columns``):
    first and second article ids, whether each is a near-duplicate link, and its score."""

    a: np.ndarray  # int64
    b: np.ndarray  # int64
    duplicate: np.ndarray  # bool
    score: np.ndarray  # float64

    def joined(self, other: LinkColumns) -> LinkColumns:
        """These links followed by ``other``'s."""
        return LinkColumns(*(np.concatenate([mine, theirs])
                             for mine, theirs in zip(self, other, strict=True)))


class LoadRow(NamedTuple):
    """One article of a bulk load (``CorpusStore.bulk_load``): its id, the prepared article,
    its LSH band keys, and the story, near-duplicate group and component it belongs to."""

    id: int
    item: Prepared
    keys: Sequence[int]
    story: int
    group: int
    component: int


class CorpusStore(Protocol):
    """The store behind a ``Corpus``: articles, their features, links, groups and stories.

    Writes happen between ``lock`` and ``unlock``, inside ``write_batch``; reads may happen at
    any time. Every failure of the storage itself is raised as ``StoreError`` (or a subclass).
    """

    # -- the store itself ------------------------------------------------------------------

    @property
    def read_only(self) -> bool:
        """Whether the store can only be read (``lock`` then raises StoreReadOnlyError)."""

    @property
    def index_path(self) -> Path:
        """Where the vector index file (a cache of ``embeddings``) lives."""

    def server_index(self, window_days: int) -> VectorIndex | None:
        """The vector index the database keeps itself (pgvector), searched by every process;
        None when the corpus keeps its own local index at ``index_path``."""

    @property
    def backend(self) -> str:
        """What the store is and where, for people: e.g. ``sqlite /data/store`` or
        ``postgresql postgresql://user@host/db`` (never a password)."""

    def lock(self) -> None:
        """Take the writer's lock, or raise StoreError when writing is not possible now (an
        embedded store admits one writing process; a server store many, whose batches
        ``write_batch`` serialises)."""

    def unlock(self) -> None:
        """Release the writer's lock (if held)."""

    def close(self) -> None:
        """Release the lock and the connection."""

    def write_batch(self) -> AbstractContextManager[None]:
        """A context around the writes of one batch: on exit they are committed whole and the
        write marker advances; on an exception they are all rolled back. Batches of different
        processes never overlap, and ids are drawn inside them, so ids grow in commit order."""

    def write_marker(self) -> str:
        """Changes whenever a batch is committed (by any process): the key of reader caches."""

    def encoder_name(self) -> str | None:
        """The encoder ("name/dim") the store was built with, or None when none yet."""

    def record_encoder_name(self, name: str) -> None:
        """Remember the encoder ("name/dim") the store is built with."""

    # -- writing articles ------------------------------------------------------------------

    def known_hashes(self, hashes: Sequence[str]) -> set[str]:
        """Which of the content ``hashes`` are stored already."""

    def add_article(self, item: Prepared) -> int:
        """Store a new article with its document and features, alone in its near-duplicate
        group, component and story (each named by its id); returns the new id."""

    def is_empty(self) -> bool:
        """Whether the store holds no article (asked inside ``write_batch`` before a bulk
        load)."""

    def bulk_load(self, articles: Iterable[LoadRow], links: Iterable[Link],
                  stories: Iterable[tuple[StorySummary, str | None]]) -> None:
        """Write a whole ingest into an empty store, inside ``write_batch`` (so all of it or
        nothing is committed): the articles with their documents, features, band keys and
        labels (and, where the database keeps the vector index, their vectors), then the
        links, then the story summaries with their newest publication date. The three are
        read in this order and once each, so ``stories`` may be a generator that the
        articles fill as they stream past."""

    def add_band_keys(self, article_id: int, keys: Sequence[int]) -> None:
        """Index an article under its LSH band keys."""

    def add_links(self, links: Iterable[Link]) -> None:
        """Record links (a link with the same ends and kind is replaced)."""

    def merge_duplicate_groups(self, groups: Sequence[int], into: int) -> None:
        """Move every article of the near-duplicate ``groups`` to group ``into``."""

    def merge_components(self, components: Sequence[int], into: int) -> None:
        """Move every article of the linked ``components`` to component ``into``."""

    def assign_stories(self, story_of: Mapping[int, int]) -> None:
        """Set the story of each article id."""

    def save_story(self, summary: StorySummary, *, last_seen: str | None) -> None:
        """Store (or replace) the cached summary of a story; ``last_seen`` is its newest
        publication date."""

    def delete_story(self, story_id: int) -> None:
        """Forget the cached summary of a story that has no member left."""

    # -- reading for linking and clustering ------------------------------------------------

    def lsh_candidates(self, keys: Sequence[int]) -> list[tuple[int, np.ndarray]]:
        """(id, MinHash signature) of each stored article indexed under any of ``keys``."""

    def duplicate_groups(self, ids: Sequence[int]) -> dict[int, int]:
        """The near-duplicate group of each of ``ids``."""

    def components(self, ids: Sequence[int]) -> dict[int, int]:
        """The linked component of each of ``ids``."""

    def component_size(self, component: int, at_most: int) -> int:
        """How many articles a component holds, counted up to ``at_most``."""

    def profiles(self, ids: Iterable[int]) -> list[Profile]:
        """The linker's view of stored articles, in id order."""

    def component_articles(self, component: int) -> list[tuple[int, int]]:
        """(id, story id) of every article of a component, by content hash."""

    def story_articles(self, story_ids: Sequence[int]) -> list[tuple[int, int]]:
        """(id, story id) of every article of the stories, by content hash (then id)."""

    def stories_of(self, ids: Sequence[int]) -> set[int]:
        """The stories that ``ids`` belong to."""

    def link_columns(self, ids: Sequence[int]) -> LinkColumns:
        """Every link whose first (smaller) article is among ``ids``, as columns (a story of
        thousands of rewrites has millions of links: no object a link)."""

    def links_ending(self, ids: Sequence[int]) -> LinkColumns:
        """Every link whose second (larger) article is among ``ids``, as columns: the links
        that new articles (whose ids are larger than every stored one) brought."""

    def links_touching(self, ids: Sequence[int], min_score: float) -> list[tuple[int, int]]:
        """The ends of the links touching ``ids`` that are near-duplicate links or score at
        least ``min_score``."""

    def embeddings(self, after: int = 0) -> list[tuple[int, str | None, np.ndarray]]:
        """(id, publication date, title+lead embedding) of every stored article with an id
        above ``after``, in id order."""

    # -- reading for users -----------------------------------------------------------------

    def stories(self, *, since: str | None, lang: str | None, min_size: int,
                query: str | None, limit: int, offset: int) -> list[StorySummary]:
        """Stories, largest first (then newest), filtered as ``Corpus.stories`` documents."""

    def story_summary(self, story_id: int) -> StorySummary | None:
        """The cached summary of a story, or None when no story has this id."""

    def members(self, story_id: int) -> list[Member]:
        """The members of a story by publication date (undated last), then id."""

    def article(self, article_id: int) -> ArticleRecord | None:
        """One stored article, or None when no article has this id."""

    def document_data(self, article_id: int) -> bytes | None:
        """The stored analysed document of an article (``analyse.codec``), or None."""

    def counts(self) -> dict[str, int]:
        """Sizes: articles, stories, stories_with_2_or_more, largest_story, duplicate_groups,
        duplicate_links, story_links, languages, database_bytes (in this order)."""
