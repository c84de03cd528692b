"""The values the corpus hands back: ingest summaries, stories, members and stored articles."""

from __future__ import annotations

from dataclasses import dataclass

__all__ = [
    "ArticleRecord",
    "Divergence",
    "IngestSummary",
    "Member",
    "StoryDetail",
    "StorySummary",
]


@dataclass(frozen=True)
class IngestSummary:
    """What one ``Corpus.add`` call did: new articles, duplicates skipped, records that failed."""

    added: int
    duplicates: int
    failed: int
    errors: list[str]  # one line a failed record: "file:line: problem"
    seconds: float


@dataclass(frozen=True)
class StorySummary:
    """One story as listed: its size, languages, sources, first publication and a headline."""

    id: int
    size: int
    languages: list[str]
    sources: list[str]
    first_seen: str | None  # earliest ISO publication date among the members
    headline: str


@dataclass(frozen=True)
class Member:
    """One article of a story, with the near-duplicate group it belongs to."""

    article_id: int
    title: str | None
    source: str
    published: str | None
    language: str
    duplicate_group: int  # article id of the group's representative


@dataclass(frozen=True)
class Divergence:
    """How one member differs from the story's origin (the compare report, summarised)."""

    article_id: int
    same_story: float
    discrepancies: int
    by_type: dict[str, int]
    coverage: float  # share of the origin's claims the member carries (0..1)


@dataclass(frozen=True)
class StoryDetail:
    """A story in full: members by time, near-duplicate groups, origin and rewrite chain."""

    summary: StorySummary
    members: list[Member]
    duplicate_groups: list[list[int]]
    origin: int | None
    chain: list[tuple[int, int]]  # (parent_article_id, child_article_id) edges of the rewrite tree
    divergences: list[Divergence]


@dataclass(frozen=True)
class ArticleRecord:
    """One stored article: metadata, clean text and the story it belongs to."""

    id: int
    title: str | None
    source: str
    url: str | None
    published: str | None
    language: str
    clean_text: str
    story_id: int | None
