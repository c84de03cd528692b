"""The story similarity of a pair of articles.

Every value depends on the two articles alone (never on what else is stored or on arrival
order); ``clustering`` turns these pair values into stories canonically. A new article is
linked to one member of each near-duplicate group (``Writer``), so which copy carries a link
can depend on arrival order; the copies being near-identical, the stories do not (tested with
shuffled corpora).
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from datetime import date

import numpy as np

from .config import CorpusConfig

__all__ = ["Profile", "day_number", "entity_overlap", "pair_similarity",
           "pair_similarity_heuristic", "within_days", "within_window"]

#: Judge of borderline pairs: P(same story) for two article ids.
Judge = Callable[[int, int], float]


@dataclass(frozen=True)
class Profile:
    """What the linker knows of one stored article."""

    id: int
    published: str | None
    language: str
    entities: frozenset[str]
    vector: np.ndarray


def entity_overlap(a: frozenset[str], b: frozenset[str]) -> float:
    """Shared entity names over the smaller set's size (0 when either has none)."""
    if not a or not b:
        return 0.0
    return len(a & b) / min(len(a), len(b))


def within_window(a: str | None, b: str | None, days: int) -> bool:
    """Whether two ISO dates lie at most ``days`` apart (True when either is unknown)."""
    return within_days(day_number(a), day_number(b), days)


def within_days(first: int | None, second: int | None, days: int) -> bool:
    """``within_window`` on day numbers (``day_number``; None for unknown)."""
    return first is None or second is None or abs(first - second) <= days


def day_number(published: str | None) -> int | None:
    """The proleptic Gregorian day number of an ISO date (YYYY-MM-DD…); None for a missing or
    less precise date."""
    day = _day(published)
    return day.toordinal() if day is not None else None


def _day(value: str | None) -> date | None:
    """The day of an ISO date (YYYY-MM-DD); None for missing or less precise dates."""
    try:
        return date.fromisoformat(value[:10]) if value and len(value) >= 10 else None
    except ValueError:
        return None


def pair_similarity_heuristic(cosine: float, overlap: float, cross_language: bool,
                              config: CorpusConfig) -> float:
    """The story similarity of a pair: the title+lead cosine, plus an allowance for pairs in two
    languages (their cosines run lower) and a small bonus for shared entities.

    Heuristic; the weights were chosen on the SemEval-2022 Task 8 pairs (docs/corpus.md). A
    larger cross-language bonus finds more cross-language stories but links far more unrelated
    pairs, as most pairs in a multilingual corpus are cross-language.
    """
    bonus = config.cross_language_bonus if cross_language else 0.0
    return cosine + bonus + config.entity_weight * overlap


def pair_similarity(a: Profile, b: Profile, cosine: float, config: CorpusConfig,
                    judge: Judge | None = None) -> float | None:
    """The pair's story similarity, or None when the two are never in one story (published
    further apart than the time window).

    A similarity within ``config.borderline_margin`` of ``config.story_threshold`` is replaced by
    the judge's verdict (the similarity scorer's P(same story), mapped onto the same band) when
    a judge is given.
    """
    if not within_window(a.published, b.published, config.time_window_days):
        return None
    score = pair_similarity_heuristic(cosine, entity_overlap(a.entities, b.entities),
                                      a.language != b.language, config)
    margin = config.borderline_margin
    if judge is not None and abs(score - config.story_threshold) < margin:
        low, high = sorted((a.id, b.id))
        score = config.story_threshold + (judge(low, high) - 0.5) * 2 * margin
    return score
