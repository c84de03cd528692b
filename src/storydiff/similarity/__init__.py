"""Same-story probability and the seven SemEval-2022 Task 8 dimensions, behind ``Scorer``."""

from __future__ import annotations

from .scorer import DIMENSIONS, Scorer, Similarity

__all__ = ["DIMENSIONS", "Scorer", "Similarity"]
