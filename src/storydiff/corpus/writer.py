"""Store one prepared article inside the open transaction: rows, band keys, links, and the
merge of its near-duplicate group and linked component (each named by its smallest article
id); ``Writer.finish`` then recomputes the stories of the components it touched."""

from __future__ import annotations

from collections.abc import Callable, Sequence

import numpy as np

from .batches import Prepared
from .clustering import ComponentLinks, recluster, recluster_around
from .config import CorpusConfig
from .linking import Judge, Profile, day_number, pair_similarity
from .minhash import band_keys, estimated_jaccard, lsh_params
from .store import CorpusStore, Link
from .vectors import VectorIndex

__all__ = ["Writer"]


class Writer:
    """Adds prepared articles to the store and keeps groups and stories up to date."""

    def __init__(self, store: CorpusStore, index: VectorIndex, config: CorpusConfig,
                 judge: Judge | None = None, links: ComponentLinks | None = None) -> None:
        self.store = store
        self.index = index
        self.config = config
        self.judge = judge
        self.links = links  # the links kept from the batch before (ComponentLinks)
        self.touched: set[int] = set()  # components whose stories must be recomputed
        self.added: list[int] = []  # ids of the articles added by this writer
        # the linker's view of the stored articles this batch has read: a stored article's
        # date, language, entities and vector never change, and the articles of one batch
        # mostly link to the same earlier ones
        self._profiles: dict[int, Profile] = {}

    def add(self, item: Prepared) -> int:
        """Insert one article, link it and merge its group and story; returns its id."""
        new_id = self.store.add_article(item)
        keys = [int(k) for k in band_keys(item.signature, *lsh_params(
            self.config.dedup_threshold, self.config.num_perm))[0]]
        dups = self._duplicates(new_id, item.signature, keys)
        self.store.add_band_keys(new_id, keys)
        profile = Profile(new_id, item.doc.published, item.doc.language, item.entities,
                          item.vector)
        dup_groups = self.store.duplicate_groups(sorted(i for i, _ in dups))
        # a copy of a stored text joins its group, whose story links already stand for it
        story = [] if dups else self._story_links(profile)
        self.index.add(np.array([new_id]), item.vector[None, :],
                       [day_number(item.doc.published)])
        self._links(new_id, _one_per_group(dups, dup_groups), "dup")
        self._links(new_id, story, "story")
        _merge({new_id, *(i for i, _ in dups)}, self.store.duplicate_groups,
               self.store.merge_duplicate_groups)
        linked = {new_id, *(i for i, _ in dups), *(i for i, _ in story)}
        self.touched.add(_merge(linked, self.store.components, self.store.merge_components))
        self.added.append(new_id)
        return new_id

    def finish(self) -> set[int]:
        """Recompute the stories of the touched components (around the new articles only in
        components over ``max_component``); returns the story ids involved."""
        limit = self.config.max_component
        sizes: dict[int, int] = {}

        def size(component: int) -> int:  # counted up to limit + 1
            if component not in sizes:
                sizes[component] = self.store.component_size(component, limit + 1)
            return sizes[component]

        stories: set[int] = set()
        new = frozenset(self.added)
        for component in sorted(self.touched):
            if 0 < size(component) <= limit:
                stories |= recluster(self.store, component, self.config, self.links, new)
        component_of = self.store.components(self.added)
        in_big = [article for article in self.added if size(component_of[article]) > limit]
        if in_big:
            stories |= recluster_around(self.store, in_big, self.config, self.links)
        if self.links is not None:
            self.links.batch_done()
        return stories

    def _duplicates(self, new_id: int, sig: np.ndarray,
                    keys: list[int]) -> list[tuple[int, float]]:
        """Stored articles sharing a band bucket whose estimated Jaccard passes the threshold."""
        found = []
        for other, signature in self.store.lsh_candidates(keys):
            score = float(estimated_jaccard(signature, sig))
            if other != new_id and score >= self.config.dedup_threshold:
                found.append((other, score))
        return found

    def _story_links(self, profile: Profile) -> list[tuple[int, float]]:
        """Stored articles whose pair similarity with a new text (no near-duplicate stored)
        passes ``candidate_cosine``: one per near-duplicate group, its member of highest cosine
        (then smallest id) among those within the time window, since near-duplicates are
        interchangeable (``clustering.cluster_labels`` lets that link stand for the whole
        group)."""
        config = self.config
        floor = config.candidate_cosine - config.cross_language_bonus
        hits = dict(self.index.above(profile.vector, floor, day_number(profile.published)))
        hits.pop(profile.id, None)  # an index in the database holds the new article already
        candidates = self.store.duplicate_groups(sorted(hits))
        best = _one_per_group([(a, hits[a]) for a in candidates], candidates)
        best_ids = [article for article, _ in best]
        links = []
        for other in self._stored_profiles(best_ids):
            score = pair_similarity(profile, other, hits[other.id], config, self.judge)
            if score is not None and score >= config.candidate_cosine:
                links.append((other.id, score))
        return links

    def _stored_profiles(self, ids: list[int]) -> list[Profile]:
        """``store.profiles(ids)`` (those stored, in id order), each read once a batch."""
        missing = [i for i in ids if i not in self._profiles]
        for profile in self.store.profiles(missing) if missing else ():
            self._profiles[profile.id] = profile
        return [self._profiles[i] for i in sorted(ids) if i in self._profiles]

    def _links(self, new_id: int, links: list[tuple[int, float]], kind: str) -> None:
        """Record the edges (smaller id first)."""
        self.store.add_links(Link(min(o, new_id), max(o, new_id), kind, s) for o, s in links)


def _merge(ids: set[int], group_of: Callable[[Sequence[int]], dict[int, int]],
           move: Callable[[Sequence[int], int], None]) -> int:
    """Give every article in the groups of ``ids`` (``group_of``: near-duplicate groups or
    components) the smallest group id, which it returns."""
    groups = set(group_of(sorted(ids)).values())
    target = min(groups)
    others = sorted(groups - {target})
    if others:
        move(others, target)
    return target


def _one_per_group(scored: list[tuple[int, float]],
                   group_of: dict[int, int]) -> list[tuple[int, float]]:
    """Of each near-duplicate group, the article of highest score (then smallest id)."""
    best: dict[int, tuple[int, float]] = {}
    for article, score in sorted(scored):
        held = best.get(group_of[article])
        if held is None or score > held[1]:
            best[group_of[article]] = (article, score)
    return sorted(best.values())
