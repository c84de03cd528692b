"""The cached summary of each story (size, languages, sources, dates, headline), recomputed
from its members whenever a batch changes it."""

from __future__ import annotations

from collections.abc import Iterable

from .store import CorpusStore
from .types import Member, StorySummary

__all__ = ["HEADLINE_CHARS", "refresh_stories"]

#: A story's headline is cut to this many characters.
HEADLINE_CHARS = 160


def refresh_stories(store: CorpusStore, story_ids: Iterable[int]) -> None:
    """Recompute the summaries of ``story_ids`` from their members (and forget those of
    stories left without members)."""
    for story_id in sorted(set(story_ids)):
        members = store.members(story_id)
        if not members:
            store.delete_story(story_id)
            continue
        dates = sorted(m.published for m in members if m.published)
        summary = StorySummary(story_id, len(members), sorted({m.language for m in members}),
                               sorted({m.source for m in members}),
                               dates[0] if dates else None, _headline(store, members))
        store.save_story(summary, last_seen=dates[-1] if dates else None)


def _headline(store: CorpusStore, members: list[Member]) -> str:
    """The title of the earliest member (by date, then id), else its text's first line."""
    first = min(members, key=lambda m: (m.published is None, m.published or "", m.article_id))
    if first.title:
        return first.title[:HEADLINE_CHARS]
    record = store.article(first.article_id)
    text = record.clean_text.split("\n", 1)[0] if record is not None else ""
    return text[:HEADLINE_CHARS]
