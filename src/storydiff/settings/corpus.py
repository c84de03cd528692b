"""``CorpusConfig``: the options of corpus mode (near-duplicates and stories).

They complement :class:`Settings` (the comparison options); pass a ``CorpusConfig`` to
:class:`~storydiff.corpus.Corpus` or to :func:`~storydiff.corpus.dedup_records`.
"""

from __future__ import annotations

from dataclasses import dataclass

from .._errors import SettingsError
from ._options import Options, option

__all__ = ["CorpusConfig"]


@dataclass(frozen=True, kw_only=True)
class CorpusConfig(Options):
    """Thresholds of near-duplicate detection and story clustering. All have working defaults.

    Example:
        >>> CorpusConfig(dedup_threshold=0.9).dedup_threshold
        0.9
    """

    num_perm: int = option(128, "MinHash permutations per document.")
    dedup_threshold: float = option(
        0.7, "Estimated Jaccard similarity of shingle sets at or above which two texts are "
             "near-duplicates.")
    word_shingle: int = option(3, "Words per word shingle.")
    char_shingle: int = option(5, "Characters per character shingle (covers scripts without "
                                "spaces and small edits).")
    lead_chars: int = option(
        2000, "Characters of title and lead embedded for story clustering (the story encoder, "
              "USE multilingual v3, costs about 5 microseconds of CPU a character).")
    candidate_cosine: float = option(
        0.46, "Pair similarity (cosine plus bonuses) below which two articles are never "
              "linked; calibrated for the story encoder (USE multilingual v3).")
    cross_language_bonus: float = option(
        0.03, "Added to the cosine of two articles in different languages.")
    entity_weight: float = option(
        0.15, "Added to the cosine times the share of shared entity names.")
    story_threshold: float = option(
        0.54, "Average story similarity (cosine plus bonuses; near-duplicates count 2) at or "
              "above which two groups of articles are one story (average linkage).")
    borderline_margin: float = option(
        0.0, "Pair similarities within this margin of story_threshold are judged by the "
             "similarity scorer (full claim alignment: slow); 0 turns the judge off.")
    max_component: int = option(
        2000, "Linked groups of articles up to this size are re-clustered whole when new "
              "articles join them (stories independent of arrival order); in larger ones only "
              "the stories the new articles link to are (cost bounded by those stories).")
    time_window_days: int = option(
        10, "Articles published further apart than this are never in the same story "
            "(undated articles are not limited).")
    exact_shard_size: int = option(
        20000, "The vector index keeps one shard per time_window_days of publication; a shard "
               "holding more articles than this is searched approximately (an HNSW graph, "
               "recall measured in bench/scale.py) instead of exactly; 0 keeps every shard "
               "exact.")
    batch_size: int = option(64, "Articles processed (and committed) together during ingest.")
    seed: int = option(1, "Seed of the MinHash permutations (changing it invalidates a store).")

    def __post_init__(self) -> None:
        for name in ("dedup_threshold", "candidate_cosine", "borderline_margin",
                     "cross_language_bonus", "entity_weight"):
            value = getattr(self, name)
            if not 0.0 <= value <= 1.0:
                raise SettingsError(f"{name} must lie in [0, 1], got {value}")
        if not 0.0 <= self.story_threshold <= 2.0:
            raise SettingsError(f"story_threshold must lie in [0, 2], got {self.story_threshold}")
        for name in ("num_perm", "word_shingle", "char_shingle", "lead_chars", "batch_size",
                     "max_component"):
            if getattr(self, name) < 1:
                raise SettingsError(f"{name} must be at least 1")
        if self.exact_shard_size < 0:
            raise SettingsError("exact_shard_size must not be negative")
        if self.time_window_days < 0:
            raise SettingsError("time_window_days must not be negative")
