"""The parts of the story job (``story_job``) that need no engine: the story-link candidates of
two time blocks, near-duplicate groups as they stood when each article was committed, the
stories of one component, and the story summaries of a bulk load.

Each part reproduces one rule of the single-process ``Writer`` on a piece of the corpus that
one call holds whole: a pair of time blocks, one near-duplicate group, one linked component.
"""

from __future__ import annotations

import json
from collections.abc import Iterable, Iterator, Sequence
from dataclasses import dataclass, field

import numpy as np

from .clustering import stories_of_members
from .config import CorpusConfig
from .linking import entity_overlap, pair_similarity_heuristic, within_days
from .summaries import HEADLINE_CHARS
from .types import StorySummary
from .vectors import FaissIndex, NumpyIndex, _faiss_available

__all__ = ["UNDATED_BUCKET", "Block", "StoryTally", "block_pairs", "bucket_of",
           "component_stories", "groups_at_time"]

#: The time bucket of undated articles (compared with every bucket, as the vector index
#: searches its undated shard for every article and every shard for an undated one).
UNDATED_BUCKET = -(2 ** 62)


def bucket_of(day: int | None, window_days: int) -> tuple[int, list[int]]:
    """An article's time bucket (``day // window_days``) and the buckets it is compared with:
    its own, the one before and the undated one (the one after compares with it in turn). Two
    days at most ``window_days`` apart lie in one bucket or in neighbouring ones."""
    if day is None:
        return UNDATED_BUCKET, [UNDATED_BUCKET]
    bucket = day // window_days
    return bucket, [bucket, bucket - 1, UNDATED_BUCKET]


@dataclass(frozen=True)
class Block:
    """The articles of one time bucket: ids, day numbers (None: undated), languages, entity
    keys (JSON lists) and unit title+lead vectors (float32 bytes each)."""

    ids: Sequence[int]
    days: Sequence[int | None]
    languages: Sequence[str]
    entities: Sequence[str]
    vectors: Sequence[bytes]


def block_pairs(home: Block, other: Block, same: bool, config: CorpusConfig,
                ) -> list[tuple[int, int, float, float]]:
    """The pairs ``(hi, lo, cosine, similarity)`` (``hi > lo``) of an article of ``home`` and
    one of ``other`` (of two articles of ``home`` when ``same``) whose title+lead cosine
    reaches ``candidate_cosine - cross_language_bonus`` (what ``Writer`` asks the vector
    index for) and that lie within the time window; ``similarity`` is ``pair_similarity``'s
    (no judge: the job runs only without one)."""
    if not home.ids or not other.ids:
        return []
    floor = config.candidate_cosine - config.cross_language_bonus
    out = []
    for i, j, cosine in _cosines(home, other, floor):
        first, second = home.ids[i], other.ids[j]
        if (same and first <= second) or not within_days(home.days[i], other.days[j],
                                                         config.time_window_days):
            continue
        overlap = entity_overlap(frozenset(json.loads(home.entities[i])),
                                 frozenset(json.loads(other.entities[j])))
        score = pair_similarity_heuristic(cosine, overlap,
                                          home.languages[i] != other.languages[j], config)
        out.append((max(first, second), min(first, second), cosine, float(score)))
    return out


def _cosines(home: Block, other: Block, floor: float) -> list[tuple[int, int, float]]:
    """``(i, j, cosine)`` of the pairs of ``home[i]`` and ``other[j]`` whose cosine reaches
    ``floor``, computed by the routine of the vector index's exact shards (faiss's one-query
    search, else numpy), so the values are those the single-process ingest compares to the
    bit."""
    dim = len(home.vectors[0]) // 4
    shard = FaissIndex(dim) if _faiss_available() else NumpyIndex(dim)
    shard.add(np.arange(len(other.ids), dtype=np.int64),
              np.frombuffer(b"".join(other.vectors), dtype=np.float32).reshape(-1, dim))
    return [(i, j, cosine) for i, vector in enumerate(home.vectors)
            for j, cosine in shard.above(np.frombuffer(vector, dtype=np.float32), floor)]


def _find(parent: dict[int, int], node: int) -> int:
    """The root of ``node`` in a union-find forest (a node absent from ``parent`` is its own
    root), compressing the path it walked."""
    root = node
    while parent.get(root, root) != root:
        root = parent[root]
    while node != root:
        parent[node], node = root, parent[node]
    return root


def groups_at_time(edges: Sequence[tuple[int, int, float]],
                   queries: Sequence[tuple[int, int]]
                   ) -> tuple[list[tuple[int, int, float]], list[tuple[int, int, int]]]:
    """Replay one near-duplicate group in id order (commit order), as ``Writer`` builds it.

    Args:
        edges: its verified pairs ``(hi, lo, estimated Jaccard)``, ``hi > lo``.
        queries: ``(x, y)``: which group did ``y`` (a member) belong to when ``x`` was added?

    Returns:
        The near-duplicate links ``Writer`` stores: ``(lo, hi, score)``, for each article
        ``hi`` the earlier near-duplicate of highest score (then smallest id) in each group
        they belonged to before ``hi`` joined them; and each query's answer ``(x, y, group)``,
        a group being named by its smallest id.
    """
    parent: dict[int, int] = {}

    def find(node: int) -> int:
        return _find(parent, node)

    by_hi: dict[int, list[tuple[int, float]]] = {}
    for hi, lo, score in edges:
        by_hi.setdefault(hi, []).append((lo, score))
    links: list[tuple[int, int, float]] = []
    answers: list[tuple[int, int, int]] = []
    pending = sorted(queries)
    position = 0
    for hi in sorted(by_hi):
        while position < len(pending) and pending[position][0] <= hi:
            x, y = pending[position]
            answers.append((x, y, find(y)))
            position += 1
        best: dict[int, tuple[int, float]] = {}
        for lo, score in sorted(by_hi[hi]):
            group = find(lo)
            if group not in best or score > best[group][1]:
                best[group] = (lo, score)
        links += [(lo, hi, score) for lo, score in sorted(best.values())]
        for group in best:  # the groups merge, named by their smallest id
            low, high = sorted((find(group), find(hi)))
            parent[high] = low
    answers += [(x, y, find(y)) for x, y in pending[position:]]
    return links, answers


def component_stories(ids: Sequence[int], hashes: Sequence[str], batches: Sequence[int],
                      links: Sequence[tuple[int, int, str, float]], threshold: float,
                      limit: int) -> list[tuple[int, int]]:
    """``(id, story)`` of each article of one linked component, as the single process leaves
    them (``batches``: the number of the batch that commits each article). A component of at
    most ``limit`` articles is clustered whole, as ``clustering._restory`` does after its last
    batch (``clustering.stories_of_members``, members in content-hash order); a larger one
    gets ``replayed_stories``."""
    if len(ids) > limit:
        return replayed_stories(ids, hashes, batches, links, threshold, limit)
    order = sorted(range(len(ids)), key=lambda i: (hashes[i], ids[i]))
    story_of = stories_of_members([int(ids[i]) for i in order], sorted(links), threshold)
    return list(story_of.items())


def replayed_stories(ids: Sequence[int], hashes: Sequence[str], batches: Sequence[int],
                     links: Sequence[tuple[int, int, str, float]], threshold: float,
                     limit: int) -> list[tuple[int, int]]:
    """``(id, story)`` of each article of a linked component over ``limit`` articles, replayed
    batch by batch as ``Writer.finish`` re-clusters it: the single process clusters a
    component whole while it holds at most ``limit`` articles, then only around each batch's
    new articles (``clustering.recluster_around``), so its stories there depend on the
    batches. Each link enters with its later article (a link joins a new article to stored
    ones); the parts of the component merge as their links come.

    A part of at most ``limit`` articles is clustered whole only when its stories are read:
    when it joins a part over ``limit`` (whose re-clustering reads them), or at the end. In
    between, the single process's clustering of it is a function of its articles alone, and
    the next one replaces it, so the replay skips those. A batch that re-clusters around new
    articles costs what it costs the single process, without the store's round trips."""
    hash_of = {int(i): h for i, h in zip(ids, hashes, strict=True)}
    arrivals: dict[int, list[int]] = {}
    for article, batch in sorted(zip(ids, batches, strict=True), key=lambda r: (r[1], r[0])):
        arrivals.setdefault(int(batch), []).append(int(article))
    later_links: dict[int, list[tuple[int, int, str, float]]] = {}
    for link in sorted(links):
        later_links.setdefault(int(link[1]), []).append(link)
    adjacent: dict[int, list[tuple[int, int, str, float]]] = {}  # the links of each article
    root: dict[int, int] = {}
    members: dict[int, list[int]] = {}  # a part's root -> its articles
    pending: set[int] = set()  # parts (at most ``limit``) whose whole clustering is not done
    story: dict[int, int] = {}
    in_story: dict[int, set[int]] = {}  # story -> its articles

    def find(article: int) -> int:
        return _find(root, article)

    def restory(rows: Iterable[int]) -> None:
        """``clustering._restory`` of ``rows``: the links among them only."""
        inside = set(rows)
        among = sorted(link for a in inside for link in adjacent[a]
                       if link[0] == a and link[1] in inside)
        found = stories_of_members(sorted(inside, key=lambda a: (hash_of[a], a)), among,
                                   threshold)
        for article, new in found.items():
            in_story[story[article]].discard(article)
            story[article] = new
            in_story.setdefault(new, set()).add(article)

    for batch in sorted(arrivals):
        new = arrivals[batch]
        joined: list[list[int]] = []  # pending parts merged in this batch, as they stood
        for article in new:  # Writer.add: the article, its links, the merge of its parts
            root[article], members[article], adjacent[article] = article, [article], []
            story[article], in_story[article] = article, {article}
            for link in later_links.get(article, []):
                adjacent[link[0]].append(link)
                adjacent[article].append(link)
                first, second = find(link[0]), find(article)
                if first == second:
                    continue
                for part in (first, second):
                    if part in pending:
                        pending.discard(part)
                        joined.append(list(members[part]))
                if len(members[first]) < len(members[second]):
                    first, second = second, first
                root[second] = first
                members[first] += members.pop(second)
        # Writer.finish: whole while a part holds at most ``limit`` articles (deferred) ...
        for part in {find(article) for article in new}:
            if len(members[part]) <= limit:
                pending.add(part)
        # ... else around the new articles (clustering.recluster_around), which reads the
        # stories of the parts it absorbed as their last whole clustering left them
        big = [article for article in new if len(members[find(article)]) > limit]
        for rows in joined:
            if len(members[find(rows[0])]) > limit:
                restory(rows)
        linked = set(big)
        for article in big:
            linked.update(end for a, b, kind, score in adjacent[article]
                          if kind == "dup" or score >= threshold for end in (a, b))
        if big:
            restory(set().union(*(in_story[story[article]] for article in linked)))
    for part in sorted(pending):
        restory(members[part])
    return sorted(story.items())


@dataclass
class _Story:
    size: int = 0
    languages: set[str] = field(default_factory=set)
    sources: set[str] = field(default_factory=set)
    dates: list[str] = field(default_factory=list)
    first: tuple[bool, str, int] | None = None  # the headline member's sort key
    headline: str = ""


class StoryTally:
    """The summaries of ``summaries.refresh_stories``, added up while the articles of a bulk
    load stream past (one small record a story)."""

    def __init__(self) -> None:
        self._stories: dict[int, _Story] = {}

    def add(self, story: int, article: int, *, language: str, source: str,
            published: str | None, title: str | None, text: str) -> None:
        """Count one member of ``story``."""
        tally = self._stories.setdefault(story, _Story())
        tally.size += 1
        tally.languages.add(language)
        tally.sources.add(source)
        if published:
            tally.dates.append(published)
        key = (published is None, published or "", article)
        if tally.first is None or key < tally.first:
            tally.first = key
            tally.headline = (title or text.split("\n", 1)[0])[:HEADLINE_CHARS]

    def summaries(self) -> Iterator[tuple[StorySummary, str | None]]:
        """Each story's summary and newest publication date, by story id."""
        for story in sorted(self._stories):
            tally = self._stories[story]
            dates = sorted(tally.dates)
            yield (StorySummary(story, tally.size, sorted(tally.languages),
                                sorted(tally.sources), dates[0] if dates else None,
                                tally.headline), dates[-1] if dates else None)
