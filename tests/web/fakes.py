"""A small in-memory store with the methods of ``storydiff.corpus.Corpus`` the web app calls.

It is a test double: stories are built from whatever articles a test puts in, so tests can
push hostile titles, sources and texts through every page.
"""

from __future__ import annotations

import itertools
import threading
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from typing import Any

from storydiff import UnknownIdError
from storydiff.corpus.types import (
    ArticleRecord,
    Divergence,
    IngestSummary,
    Member,
    StoryDetail,
    StorySummary,
)
from storydiff.document import Article, Document


@dataclass
class FakeStore:
    """Articles in a dict; every ``story_size`` consecutive articles form one story."""

    story_size: int = 3
    articles: dict[int, ArticleRecord] = field(default_factory=dict)
    added: list[Article] = field(default_factory=list)
    closed: bool = False
    generation: int = 0
    story_calls: int = 0  # how often a story's details were computed
    story_delay_s: float = 0.0  # each computation takes this long (a slow story)
    story_started: threading.Event = field(default_factory=threading.Event)
    release: threading.Event | None = None  # when set, computations wait for it

    def put(self, *, title: str, text: str, source: str = "outlet.test",
            published: str | None = "2025-03-03", language: str = "en") -> int:
        """Store one article directly; returns its id."""
        new_id = len(self.articles) + 1
        story = (new_id - 1) // self.story_size + 1
        self.generation += 1
        self.articles[new_id] = ArticleRecord(new_id, title, source, None, published, language,
                                              text, story)
        return new_id

    def add(self, items: Iterable[Article]) -> IngestSummary:
        """Ingest articles (their raw text stands for the clean text)."""
        items = list(items)
        self.added += items
        for item in items:
            self.put(title=item.title or "untitled", text=item.raw, source=item.source,
                     published=item.published, language=item.language or "en")
        return IngestSummary(len(items), 0, 0, [], 0.01)

    def _members(self, story_id: int) -> list[ArticleRecord]:
        """The articles of one story, oldest first."""
        found = [a for a in self.articles.values() if a.story_id == story_id]
        if not found:
            raise UnknownIdError(f"no story has id {story_id}")
        return sorted(found, key=lambda a: (a.published or "", a.id))

    def _summary(self, story_id: int) -> StorySummary:
        """The listing of one story."""
        members = self._members(story_id)
        return StorySummary(story_id, len(members), sorted({m.language for m in members}),
                            sorted({m.source for m in members}), members[0].published,
                            members[0].title or "")

    def stories(self, *, since: str | None = None, lang: str | None = None, min_size: int = 1,
                query: str | None = None, limit: int = 50,
                offset: int = 0) -> list[StorySummary]:
        """Stories whose headline holds ``query`` (case-insensitive), by id."""
        ids = sorted({a.story_id for a in self.articles.values() if a.story_id is not None})
        found = [self._summary(i) for i in ids]
        found = [s for s in found if s.size >= min_size and (lang is None or lang in s.languages)]
        if query:
            found = [s for s in found if query.lower() in s.headline.lower()]
        return found[offset:offset + limit]

    def write_marker(self) -> str:
        """Changes with every article put or added."""
        return str(self.generation)

    def story_parts(self, id: int) -> int:
        """The story's id, once checked (the fake computes from its dict)."""
        self._members(id)
        return id

    def story_from(self, parts: Any, compare: Callable[..., Any] | None = None) -> StoryDetail:
        """The details of story ``parts`` (slow when ``story_delay_s`` is set)."""
        self.story_calls += 1
        self.story_started.set()
        if self.release is not None:
            self.release.wait(30)
        if self.story_delay_s:
            threading.Event().wait(self.story_delay_s)
        return self.story(int(parts))

    def story(self, id: int) -> StoryDetail:
        """One story: the oldest member is the origin, each later one rewrites the previous."""
        members = self._members(id)
        origin = members[0].id
        chain = [(a.id, b.id) for a, b in itertools.pairwise(members)]
        return StoryDetail(
            summary=self._summary(id),
            members=[Member(m.id, m.title, m.source, m.published, m.language,
                            origin if i == 1 else m.id) for i, m in enumerate(members)],
            duplicate_groups=[[origin, members[1].id]] if len(members) > 1 else [[origin]],
            origin=origin, chain=chain,
            divergences=[Divergence(m.id, 0.8, 2, {"number": 1, m.source: 1}, 0.6)
                         for m in members[1:]],
        )

    def article(self, id: int) -> ArticleRecord:
        """One stored article."""
        if id not in self.articles:
            raise UnknownIdError(f"no article has id {id}")
        return self.articles[id]

    def similar(self, doc: Document | str, k: int = 10) -> list[tuple[int, float]]:
        """Articles ranked by shared words with ``doc`` (a word-overlap stand-in for vectors)."""
        words = set(str(doc).lower().split())
        scored = [(a.id, len(words & set(a.clean_text.lower().split())) / max(1, len(words)))
                  for a in self.articles.values()]
        return sorted(scored, key=lambda pair: -pair[1])[:k]

    def close(self) -> None:
        """Remember that the app closed the store."""
        self.closed = True
