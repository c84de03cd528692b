"""Corpus mode: an embedded store of articles, near-duplicate groups and stories.

``Corpus(path)`` opens (or creates) a store folder; ``.add()`` ingests, ``.stories()`` lists,
``.story(id)`` explains one story: members, duplicate groups, origin and rewrite chain.
``dedup_records`` keeps one record per near-duplicate group of a JSONL file, without a store.
"""

from __future__ import annotations

from .._errors import StoreError, UnknownIdError
from .config import CORPUS_SETTINGS, CorpusConfig
from .corpus import Corpus
from .dedup import DedupSummary, dedup_records
from .types import ArticleRecord, Divergence, IngestSummary, Member, StoryDetail, StorySummary

__all__ = [
    "CORPUS_SETTINGS",
    "ArticleRecord",
    "Corpus",
    "CorpusConfig",
    "DedupSummary",
    "Divergence",
    "IngestSummary",
    "Member",
    "StoreError",
    "StoryDetail",
    "StorySummary",
    "UnknownIdError",
    "dedup_records",
]
