"""Stage 6, provenance: passages reused word for word (``reuse``), which side is the likely
source (``source``), and the records of both (``evidence``)."""

from __future__ import annotations

from .evidence import LikelySource, ReusedPassage
from .reuse import find_reuse
from .source import likely_source

__all__ = ["LikelySource", "ReusedPassage", "find_reuse", "likely_source"]
