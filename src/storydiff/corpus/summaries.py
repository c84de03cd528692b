"""The cached summary of each story (size, languages, sources, dates, headline) and the queries
that list stories."""

from __future__ import annotations

import sqlite3
from collections.abc import Iterable
from typing import Any

from .types import StorySummary

__all__ = ["list_stories", "refresh_stories", "story_summary"]

_HEADLINE_CHARS = 160


def refresh_stories(db: sqlite3.Connection, story_ids: Iterable[int]) -> None:
    """Recompute the summary rows of ``story_ids`` from their members."""
    for story_id in sorted(set(story_ids)):
        rows = db.execute("SELECT id, title, source, published, language "
                          "FROM articles WHERE story_id = ?", (story_id,)).fetchall()
        if not rows:
            db.execute("DELETE FROM stories WHERE id = ?", (story_id,))
            continue
        dates = sorted(r[3] for r in rows if r[3])
        db.execute("INSERT OR REPLACE INTO stories VALUES (?, ?, ?, ?, ?, ?, ?)",
                   (story_id, len(rows), _joined(r[4] for r in rows),
                    _joined(r[2] for r in rows), dates[0] if dates else None,
                    dates[-1] if dates else None, _headline(db, rows)))


def _joined(values: Iterable[str]) -> str:
    """Distinct values, sorted, wrapped in tabs so one can be found with LIKE."""
    return "\t" + "\t".join(sorted(set(values))) + "\t"


def _headline(db: sqlite3.Connection, rows: list[tuple[Any, ...]]) -> str:
    """The title of the earliest member (by date, then id), else its text's first line."""
    first = min(rows, key=lambda r: (r[3] is None, r[3] or "", r[0]))
    text = first[1] or db.execute("SELECT clean_text FROM articles WHERE id = ?",
                                  (first[0],)).fetchone()[0].split("\n", 1)[0]
    return str(text)[:_HEADLINE_CHARS]


def story_summary(row: tuple[Any, ...]) -> StorySummary:
    """A ``StorySummary`` from a row of the stories table."""
    story_id, size, languages, sources, first_seen, _, headline = row
    return StorySummary(int(story_id), int(size), _split(languages), _split(sources),
                        first_seen, headline)


def _split(value: str) -> list[str]:
    """The values of a tab-wrapped list."""
    return [v for v in value.split("\t") if v]


def list_stories(db: sqlite3.Connection, *, since: str | None, lang: str | None,
                 min_size: int, query: str | None, limit: int,
                 offset: int) -> list[StorySummary]:
    """Stories, largest first (then newest), filtered as ``Corpus.stories`` documents."""
    where, params = ["size >= ?"], list[Any]([min_size])
    if since:
        where.append("last_seen >= ?")
        params.append(since)
    if lang:
        where.append("languages LIKE ?")
        params.append(f"%\t{lang.lower()}\t%")
    if query:
        where.append("headline LIKE ?")
        params.append(f"%{query}%")
    rows = db.execute(f"SELECT * FROM stories WHERE {' AND '.join(where)} "
                      "ORDER BY size DESC, first_seen DESC, id LIMIT ? OFFSET ?",
                      [*params, limit, offset]).fetchall()
    return [story_summary(r) for r in rows]
