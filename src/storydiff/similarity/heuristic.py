"""A rule-of-thumb scorer: claim coverage and entity overlap mapped onto the 1–4 scale.

It is the fallback behind the same ``Scorer`` interface as the trained scorer, and is named a
heuristic on purpose: its accuracy on SemEval-2022 Task 8 is measured by ``bench/similarity.py``.
"""

from __future__ import annotations

import math

import numpy as np

from ..compare.align import Alignment
from ..document import Document
from .scorer import DIMENSIONS, Similarity

__all__ = ["HeuristicScorer"]


def _jaccard(x: set[str], y: set[str]) -> float:
    """Jaccard index of two sets (1.0 when both are empty: nothing disagrees)."""
    return len(x & y) / len(x | y) if x | y else 1.0


def _entity_set(doc: Document, labels: tuple[str, ...] | None = None) -> set[str]:
    """Case-folded entity strings of a document, optionally of some labels only."""
    return {e.text.casefold() for e in doc.entities if labels is None or e.label in labels}


def _coverage(alignment: Alignment) -> float:
    """Mean best-match similarity, averaged over both directions."""
    sim = np.asarray(alignment.sim, dtype=np.float32)
    if sim.size == 0:
        return 0.0
    return float((sim.max(axis=1).mean() + sim.max(axis=0).mean()) / 2)


def _to_scale(agreement: float) -> float:
    """Agreement in [0, 1] → SemEval scale, 1 (most similar) … 4 (least)."""
    return 4.0 - 3.0 * min(1.0, max(0.0, agreement))


class HeuristicScorer:
    """Coverage-and-overlap heuristic (``method='coverage_heuristic'``)."""

    name = "coverage_heuristic"

    def score(self, a: Document, b: Document, alignment: Alignment) -> Similarity:
        """Score a pair; symmetric because every signal is."""
        narrative = min(1.0, max(0.0, (_coverage(alignment) - 0.25) / 0.5))
        entities = _jaccard(_entity_set(a), _entity_set(b))
        places = _jaccard(_entity_set(a, ("GPE", "LOC")), _entity_set(b, ("GPE", "LOC")))
        times = _jaccard(
            {d.value for d in a.dates if d.value}, {d.value for d in b.dates if d.value}
        )
        overall = 0.6 * narrative + 0.25 * entities + 0.15 * places
        dims = {
            "geography": _to_scale(places),
            "entities": _to_scale(entities),
            "time": _to_scale(times),
            "narrative": _to_scale(narrative),
            "overall": _to_scale(overall),
            "style": _to_scale(0.5 + 0.5 * narrative),
            "tone": _to_scale(0.5 + 0.5 * narrative),
        }
        same_story = 1.0 / (1.0 + math.exp(-6.0 * (2.5 - dims["overall"])))
        return Similarity(same_story, {k: dims[k] for k in DIMENSIONS}, self.name)
