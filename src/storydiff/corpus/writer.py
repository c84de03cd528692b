"""Store one prepared article inside the open transaction: rows, band keys, links, and the
merge of its near-duplicate group and linked component (each named by its smallest article
id); ``Writer.finish`` then recomputes the stories of the components it touched."""

from __future__ import annotations

import json
import sqlite3
from collections.abc import Iterable

import numpy as np

from .batches import Prepared
from .clustering import recluster, recluster_around
from .config import CorpusConfig
from .linking import Judge, Profile, pair_similarity
from .minhash import band_keys, estimated_jaccard, lsh_params
from .store import rows_in
from .vectors import VectorIndex

__all__ = ["Writer", "load_profiles"]


class Writer:
    """Adds prepared articles to the store and keeps groups and stories up to date."""

    def __init__(self, db: sqlite3.Connection, index: VectorIndex, config: CorpusConfig,
                 judge: Judge | None = None) -> None:
        self.db = db
        self.index = index
        self.config = config
        self.judge = judge
        self.touched: set[int] = set()  # components whose stories must be recomputed
        self.added: list[int] = []  # ids of the articles added by this writer

    def add(self, item: Prepared) -> int:
        """Insert one article, link it and merge its group and story; returns its id."""
        new_id = self._insert(item)
        keys = band_keys(item.signature, *lsh_params(self.config.dedup_threshold,
                                                     self.config.num_perm))[0]
        dups = self._duplicates(new_id, item.signature, keys)
        self.db.executemany("INSERT OR IGNORE INTO lsh VALUES (?, ?)",
                            [(int(k), new_id) for k in keys])
        profile = Profile(new_id, item.doc.published, item.doc.language, item.entities,
                          item.vector)
        dup_groups = _groups_of(self.db, sorted(i for i, _ in dups))
        # a copy of a stored text joins its group, whose story links already stand for it
        story = [] if dups else self._story_links(profile)
        self.index.add(np.array([new_id]), item.vector[None, :])
        self._links(new_id, _one_per_group(dups, dup_groups), "dup")
        self._links(new_id, story, "story")
        merge(self.db, "dup_group", {new_id, *(i for i, _ in dups)})
        linked = {new_id, *(i for i, _ in dups), *(i for i, _ in story)}
        self.touched.add(merge(self.db, "component", linked))
        self.added.append(new_id)
        return new_id

    def finish(self) -> set[int]:
        """Recompute the stories of the touched components (around the new articles only in
        components over ``max_component``); returns the story ids involved."""
        limit = self.config.max_component
        sizes: dict[int, int] = {}

        def size(component: int) -> int:  # counted up to limit + 1
            if component not in sizes:
                sizes[component] = self.db.execute(
                    "SELECT COUNT(*) FROM (SELECT 1 FROM articles WHERE component = ? LIMIT ?)",
                    (component, limit + 1)).fetchone()[0]
            return sizes[component]

        stories: set[int] = set()
        for component in sorted(self.touched):
            if 0 < size(component) <= limit:
                stories |= recluster(self.db, component, self.config)
        in_big = [article for article in self.added if size(int(self.db.execute(
            "SELECT component FROM articles WHERE id = ?", (article,)).fetchone()[0])) > limit]
        if in_big:
            stories |= recluster_around(self.db, in_big, self.config)
        return stories

    def _insert(self, item: Prepared) -> int:
        """The article, document and feature rows; returns the new id."""
        doc = item.doc
        cursor = self.db.execute(
            "INSERT INTO articles (content_hash, source, url, title, published, language, "
            "clean_text, story_id, dup_group, component) VALUES (?, ?, ?, ?, ?, ?, ?, 0, 0, 0)",
            (item.hash, doc.source, item.url, doc.title, doc.published, doc.language,
             doc.clean_text))
        new_id = int(cursor.lastrowid or 0)
        self.db.execute("UPDATE articles SET story_id = ?, dup_group = ?, component = ? "
                        "WHERE id = ?", (new_id, new_id, new_id, new_id))
        self.db.execute("INSERT INTO documents VALUES (?, ?)", (new_id, item.document_blob()))
        self.db.execute("INSERT INTO features VALUES (?, ?, ?, ?)",
                        (new_id, item.signature.tobytes(), item.vector.tobytes(),
                         item.entities_json()))
        return new_id

    def _duplicates(self, new_id: int, sig: np.ndarray,
                    keys: np.ndarray) -> list[tuple[int, float]]:
        """Stored articles sharing a band bucket whose estimated Jaccard passes the threshold."""
        marks = ",".join("?" * len(keys))
        rows = self.db.execute(
            f"SELECT DISTINCT f.article_id, f.signature FROM lsh JOIN features f "
            f"ON f.article_id = lsh.article_id WHERE lsh.key IN ({marks})",
            [int(k) for k in keys]).fetchall()
        found = []
        for other, blob in rows:
            score = float(estimated_jaccard(np.frombuffer(blob, dtype=np.uint32), sig))
            if other != new_id and score >= self.config.dedup_threshold:
                found.append((int(other), score))
        return found

    def _story_links(self, profile: Profile) -> list[tuple[int, float]]:
        """Stored articles whose pair similarity with a new text (no near-duplicate stored)
        passes ``candidate_cosine``: one per near-duplicate group, its member of highest cosine
        (then smallest id), since near-duplicates are interchangeable
        (``clustering.cluster_labels`` lets that link stand for the whole group)."""
        config = self.config
        floor = config.candidate_cosine - config.cross_language_bonus
        hits = dict(self.index.above(profile.vector, floor))
        candidates = _groups_of(self.db, sorted(hits))
        best = _one_per_group([(a, hits[a]) for a in candidates], candidates)
        best_ids = [article for article, _ in best]
        links = []
        for other in load_profiles(self.db, best_ids):
            score = pair_similarity(profile, other, hits[other.id], config, self.judge)
            if score is not None and score >= config.candidate_cosine:
                links.append((other.id, score))
        return links

    def _links(self, new_id: int, links: list[tuple[int, float]], kind: str) -> None:
        """Record the edges (smaller id first)."""
        self.db.executemany("INSERT OR REPLACE INTO links VALUES (?, ?, ?, ?)",
                            [(min(o, new_id), max(o, new_id), kind, s) for o, s in links])


def merge(db: sqlite3.Connection, column: str, ids: set[int]) -> int:
    """Give every article in the groups of ``ids`` (by ``column``) the smallest group id."""
    marks = ",".join("?" * len(ids))
    groups = {int(r[0]) for r in db.execute(
        f"SELECT DISTINCT {column} FROM articles WHERE id IN ({marks})", list(ids))}
    target = min(groups)
    others = sorted(groups - {target})
    if others:
        marks = ",".join("?" * len(others))
        db.execute(f"UPDATE articles SET {column} = ? WHERE {column} IN ({marks})",
                   [target, *others])
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


def _groups_of(db: sqlite3.Connection, ids: list[int]) -> dict[int, int]:
    """The near-duplicate group of each of ``ids``."""
    return {int(i): int(g) for i, g in rows_in(
        db, "SELECT id, dup_group FROM articles WHERE id IN ({ids})", ids)}


def load_profiles(db: sqlite3.Connection, ids: Iterable[int]) -> list[Profile]:
    """The linker's view of stored articles, in id order."""
    rows = rows_in(db, "SELECT a.id, a.published, a.language, f.entities, f.embedding FROM "
                   "articles a JOIN features f ON f.article_id = a.id WHERE a.id IN ({ids})",
                   sorted(ids))
    return [Profile(int(i), p, lang, frozenset(json.loads(e)), np.frombuffer(v, dtype=np.float32))
            for i, p, lang, e, v in sorted(rows)]
