"""How sure the report is of each candidate link: a small logistic link model.

``align_claims`` proposes candidate links (each claim's best partners above
``partial_threshold``; the scorer reads all of them) and weak ones (from
``link_candidate_threshold``; only the report may keep them, judged by the model's weak part).
Read against hand labels of real pairs (``bench/labels``), 70% of the candidates from
``partial_threshold`` join sentences that do not report the same fact.
The link model gives each candidate a probability of being a real link from what the alignment
already knows (calibrated, lexical and topic similarity, the cosine of the claims' vectors after
removing their language's mean, how each claim ranks the other, shared numbers and capitalised
names, the position in each text, whether the pair crosses languages). The report keeps the
links at or above ``Settings.link_min_confidence`` (the model's own threshold by default).

The probability is symmetric: the model is applied to the link as seen from A and as seen from
B, and the two are averaged, so compare(a, b) and compare(b, a) keep the same links.

Trained by ``training/alignment/train_links.py`` (weights in ``weights/links.json``).
"""

from __future__ import annotations

import functools
import json
import re
from dataclasses import dataclass, replace
from importlib import resources
from typing import TYPE_CHECKING, Any

import numpy as np

from .._errors import ModelError

if TYPE_CHECKING:
    from ..document import Document
    from ..settings import Settings
    from .alignment import Alignment, ClaimMatrices, Link

__all__ = ["FEATURES", "LinkModel", "as_seen_from_b", "confident_links", "fragments",
           "link_confidences", "link_features", "load_link_model", "without_fragments"]

FEATURES = ("calibrated", "lexical", "topic", "similarity", "best_for_a", "best_for_b",
            "mutual_best", "margin_a", "margin_b", "position_gap", "both_first",
            "shared_numbers", "shared_names", "cross_language", "cross_calibrated", "centred")

_NUMBER = re.compile(r"\d+(?:[.,]\d+)?")
_NAME = re.compile(r"\b[A-ZÀ-ÖØ-Þ][\w'-]{2,}")


@dataclass(frozen=True)
class LinkModel:
    """Logistic weights over ``FEATURES`` and the threshold picked on held-out labels; ``weak``,
    where present, judges the weak candidates (``Alignment.weak``) with weights and a
    threshold of its own."""

    weights: np.ndarray
    bias: float
    threshold: float
    weak: LinkModel | None = None

    def probability(self, features: np.ndarray) -> np.ndarray:
        """P(real link) for rows of features (``FEATURES`` order)."""
        logits = features @ self.weights + self.bias
        out: np.ndarray = 1.0 / (1.0 + np.exp(-logits))
        return out

    @property
    def for_weak(self) -> LinkModel:
        """The model that judges weak candidates (this one when it has no ``weak`` part)."""
        return self.weak or self


def _logistic(raw: dict[str, Any]) -> LinkModel:
    """A logistic part of ``links.json``: its weights, bias and threshold."""
    weights = np.asarray(raw["weights"], dtype=np.float64)
    if weights.shape != (len(FEATURES),):
        raise ValueError(f"{weights.size} weights for {len(FEATURES)} features")
    return LinkModel(weights, float(raw["bias"]), float(raw["threshold"]))


@functools.cache
def load_link_model() -> LinkModel:
    """The shipped link model."""
    try:
        raw = json.loads(resources.files("storydiff.align").joinpath("weights/links.json")
                         .read_text(encoding="utf-8"))
        if tuple(raw["features"]) != FEATURES:
            raise ValueError("its features are not this version's")
        weak = _logistic(raw["weak"]) if "weak" in raw else None
        return replace(_logistic(raw), weak=weak)
    except (OSError, KeyError, TypeError, ValueError) as exc:
        raise ModelError(f"the link model file is missing or corrupt ({exc}); "
                         "reinstall storydiff") from exc


def _anchors(text: str) -> tuple[set[str], set[str]]:
    """Numbers and capitalised words (lower-cased) of a claim."""
    return set(_NUMBER.findall(text)), {w.lower() for w in _NAME.findall(text)}


def link_features(a: Document, b: Document, matrices: ClaimMatrices,
                  pairs: list[tuple[int, int]]) -> np.ndarray:
    """One row of ``FEATURES`` per (claim of A, claim of B) pair, seen from A."""
    sim = matrices.combined
    rows, cols = sim.shape
    out = np.zeros((len(pairs), len(FEATURES)))
    if not pairs:
        return out
    # rank of each partner within its row (A's view) and within its column (B's view)
    rank_a = np.argsort(np.argsort(-sim, axis=1, kind="stable"), axis=1, kind="stable")
    rank_b = np.argsort(np.argsort(-sim, axis=0, kind="stable"), axis=0, kind="stable")
    best_a, best_b = sim.max(axis=1), sim.max(axis=0)
    anchors_a = {i: _anchors(a.claims[i].text) for i in {i for i, _ in pairs}}
    anchors_b = {j: _anchors(b.claims[j].text) for j in {j for _, j in pairs}}
    cross = float(a.language != b.language)
    for k, (i, j) in enumerate(pairs):
        calibrated = float(matrices.calibrated[i, j])
        (nums_a, names_a), (nums_b, names_b) = anchors_a[i], anchors_b[j]
        out[k] = (calibrated, matrices.lexical[i, j], matrices.topic[i, j], sim[i, j],
                  float(rank_a[i, j] == 0), float(rank_b[i, j] == 0),
                  float(rank_a[i, j] == 0 and rank_b[i, j] == 0),
                  best_a[i] - sim[i, j], best_b[j] - sim[i, j],
                  abs(i / rows - j / cols), float(i == 0 and j == 0),
                  min(len(nums_a & nums_b), 3), min(len(names_a & names_b), 3),
                  cross, cross * calibrated, matrices.centred[i, j])
    return out


#: Column order of a feature row read from B: A's and B's views trade places, every other
#: feature is the same from both sides (the matrices, positions and anchors are symmetric).
_FROM_B = [FEATURES.index(name) for name in (
    "calibrated", "lexical", "topic", "similarity", "best_for_b", "best_for_a",
    "mutual_best", "margin_b", "margin_a", "position_gap", "both_first",
    "shared_numbers", "shared_names", "cross_language", "cross_calibrated", "centred")]


def as_seen_from_b(features: np.ndarray) -> np.ndarray:
    """Rows of ``link_features(a, b, …)`` as ``link_features(b, a, …)`` gives them for the
    same pairs (transposed): the A-side and B-side columns swapped."""
    out: np.ndarray = features[:, _FROM_B]
    return out


def link_confidences(a: Document, b: Document, matrices: ClaimMatrices,
                     pairs: list[tuple[int, int]], model: LinkModel) -> np.ndarray:
    """The model's probability for each pair: the mean of its reading from A and from B."""
    forward = link_features(a, b, matrices, pairs)
    out: np.ndarray = (model.probability(forward)
                       + model.probability(as_seen_from_b(forward))) / 2
    return out


def confident_links(alignment: Alignment, settings: Settings) -> Alignment:
    """The alignment with only the links whose confidence reaches the settings' threshold
    (``link_min_confidence``, or the model's own: its weak part's for the weak candidates),
    drawn from its candidate links and its ``weak`` ones (which it then holds in ``links``,
    in claim order); claims left without a link become one-side-only."""
    if settings.link_min_confidence is None:
        model = load_link_model()
        threshold, weak_threshold = model.threshold, model.for_weak.threshold
    else:
        threshold = weak_threshold = settings.link_min_confidence

    def sure(link: Link, cut: float) -> bool:
        return link.confidence is None or link.confidence >= cut

    kept = [k for k in alignment.links if sure(k, threshold)]
    kept_weak = [k for k in alignment.weak if sure(k, weak_threshold)]
    dropped = [k for k in alignment.links if not sure(k, threshold)] \
        + [k for k in alignment.weak if not sure(k, weak_threshold)]
    if kept_weak:
        kept = sorted(kept + kept_weak, key=lambda k: (k.a, k.b))
    return replace(_keeping(alignment, kept, dropped), weak=[])


def _keeping(alignment: Alignment, kept: list[Link], dropped: list[Link],
             skip_a: frozenset[int] | set[int] = frozenset(),
             skip_b: frozenset[int] | set[int] = frozenset()) -> Alignment:
    """``alignment`` with only the links ``kept``: the claims of the ``dropped`` links left
    without a kept one become one-side-only, except those of ``skip_a`` / ``skip_b``, which
    are listed nowhere."""
    linked_a, linked_b = {k.a for k in kept}, {k.b for k in kept}
    return replace(alignment, links=kept,
                   only_a=sorted({*alignment.only_a, *(k.a for k in dropped)} - linked_a - skip_a),
                   only_b=sorted({*alignment.only_b, *(k.b for k in dropped)} - linked_b - skip_b))


def fragments(doc: Document) -> set[int]:
    """Indices of the claims of ``doc`` too short to state a fact
    (``analyse.claims.is_fragment_heuristic``: a dateline, a source line, a byline)."""
    from ..analyse.claims import is_fragment_heuristic

    return {i for i, claim in enumerate(doc.claims) if is_fragment_heuristic(claim.text)}


def without_fragments(alignment: Alignment, a: Document, b: Document) -> Alignment:
    """The alignment without the claims that state no fact (``fragments``): their links are
    dropped and they are listed neither as linked nor as one-side-only. The same dateline
    ("TEKİRDAĞ") on both sides is no shared fact, and a source line found on one side only is
    no fact missing from the other. Claims left without a link become one-side-only."""
    skip_a, skip_b = fragments(a), fragments(b)
    if not skip_a and not skip_b:
        return alignment
    kept = [k for k in alignment.links if k.a not in skip_a and k.b not in skip_b]
    dropped = [k for k in alignment.links if k.a in skip_a or k.b in skip_b]
    return _keeping(alignment, kept, dropped, skip_a, skip_b)
