"""The shipped similarity scorer: a small regression head over ``pair_features``.

The head (ridge, a one-hidden-layer tanh network, or a blend of the two through a linear skip
from input to output, chosen by grouped cross-validation) predicts
the seven SemEval-2022 Task 8 dimensions on the 1–4 scale; a logistic curve on the predicted
Overall, fitted out of fold, gives the same-story probability P(Overall ≤ 2). Inference is numpy
only. ``training/scorer/train.py`` rebuilds ``weights/scorer.npz`` and ``weights/scorer.json``.
"""

from __future__ import annotations

import contextlib
import functools
import json
import math
import zipfile
from collections.abc import Sequence
from dataclasses import dataclass
from importlib import resources
from importlib.resources.abc import Traversable
from pathlib import Path
from typing import IO, TYPE_CHECKING, Any

import numpy as np

from .._budget import Background
from .._errors import ModelError
from ..embed.centres import Centers, read_centers
from .copies import CopyEvidence, copy_evidence
from .features import FEATURE_NAMES, document_texts, pair_features, second_encoder_texts
from .lead import lead, lead_pair
from .scorer import DIMENSIONS, Similarity
from .stories import readings

if TYPE_CHECKING:
    from ..align.alignment import Alignment
    from ..document import Document
    from ..embed.encoder import Encoder
    from ..settings import Settings

__all__ = ["ScorerWeights", "TrainedScorer", "forward", "load_weights", "read_weights",
           "scorer_inputs"]

_PACKAGE = "storydiff.similarity"
_WEIGHTS = "weights/scorer.npz"
_METADATA = "weights/scorer.json"
_STORY_CACHE = 4096  # texts (claims and leads) whose second-encoder vectors are kept


def forward(x: np.ndarray, mean: np.ndarray, scale: np.ndarray,
            layers: Sequence[tuple[np.ndarray, np.ndarray]],
            skip: np.ndarray | None = None) -> np.ndarray:
    """A head's raw output: standardise ``x``, run the layers (tanh between them), add the
    linear skip from the standardised input when there is one. Training fits heads in this
    form (``training/scorer/models.py``)."""
    z: np.ndarray = (x - mean) / scale
    h = z
    for i, (w, b) in enumerate(layers):
        h = h @ w + b
        if i < len(layers) - 1:
            h = np.tanh(h)
    return h if skip is None else h + z @ skip


@dataclass(frozen=True)
class ScorerWeights:
    """A loaded head: standardisation, layers (tanh between them), an optional linear skip from
    the standardised input to the output, calibration and metadata."""

    mean: np.ndarray
    scale: np.ndarray
    layers: tuple[tuple[np.ndarray, np.ndarray], ...]
    calibration: tuple[float, float]  # P(same story) = sigmoid(slope · overall + intercept)
    centers: Centers  # mean vectors per language of the training texts
    method: str
    metadata: dict[str, Any]
    skip: np.ndarray | None = None  # features × dimensions
    #: Each feature's range in training (min, max); inputs are clipped to it. None: no clipping
    #: (weights from before the range was recorded).
    feature_range: tuple[np.ndarray, np.ndarray] | None = None

    def predict(self, features: np.ndarray) -> np.ndarray:
        """Predicted labels (rows: pairs, columns: ``DIMENSIONS``), clipped to [1, 4]. Features
        outside the range seen in training are clipped to it first, so that the head never
        extrapolates."""
        x = np.atleast_2d(features)
        if self.feature_range is not None:
            x = np.clip(x, *self.feature_range)
        h = forward(x, self.mean, self.scale, self.layers, self.skip)
        return np.asarray(np.clip(h, 1.0, 4.0), dtype=float)

    def same_story(self, overall: float) -> float:
        """Calibrated probability that the pair tells the same story."""
        slope, intercept = self.calibration
        return 1.0 / (1.0 + math.exp(-(slope * overall + intercept)))


def _read_layers(data: Any) -> tuple[tuple[np.ndarray, np.ndarray], ...]:
    """Layers ``w0, b0, w1, b1, …`` from the weights archive, checked for shape."""
    layers = []
    width = len(FEATURE_NAMES)
    for i in range(int(data["n_layers"])):
        w, b = np.asarray(data[f"w{i}"], float), np.asarray(data[f"b{i}"], float)
        if w.shape[0] != width or b.shape != (w.shape[1],):
            raise ValueError(f"layer {i} has shape {w.shape}, expected {width} inputs")
        layers.append((w, b))
        width = w.shape[1]
    if width != len(DIMENSIONS):
        raise ValueError(f"the head predicts {width} values, expected {len(DIMENSIONS)}")
    return tuple(layers)


def _read_range(data: Any) -> tuple[np.ndarray, np.ndarray] | None:
    """The features' training range (``clip_lo``, ``clip_hi``) from the archive, if recorded."""
    if "clip_lo" not in data:
        return None
    lo, hi = np.asarray(data["clip_lo"], float), np.asarray(data["clip_hi"], float)
    if lo.shape != (len(FEATURE_NAMES),) or hi.shape != lo.shape or (lo > hi).any():
        raise ValueError("the features' training range is malformed")
    return lo, hi


def _read_skip(data: Any) -> np.ndarray | None:
    """The optional linear skip (features × dimensions) from the weights archive."""
    if "skip" not in data:
        return None
    skip = np.asarray(data["skip"], float)
    if skip.shape != (len(FEATURE_NAMES), len(DIMENSIONS)):
        raise ValueError(f"the skip weights have shape {skip.shape}")
    return skip


def _parse(handle: IO[bytes], metadata: dict[str, Any]) -> ScorerWeights:
    """Weights from an open ``.npz`` file plus its JSON metadata."""
    with np.load(handle, allow_pickle=False) as data:
        names = tuple(str(x) for x in data["feature_names"])
        if names != FEATURE_NAMES:
            raise ValueError("the weights were trained on other features; retrain the scorer")
        slope, intercept = (float(x) for x in data["calibration"])
        return ScorerWeights(np.asarray(data["mean"], float), np.asarray(data["scale"], float),
                             _read_layers(data), (slope, intercept),
                             read_centers(data), str(metadata["method"]), metadata,
                             _read_skip(data), _read_range(data))


def read_weights(weights: Traversable | Path, metadata: Traversable | Path) -> ScorerWeights:
    """Scorer weights from an ``.npz`` archive and its JSON metadata.

    Raises:
        ModelError: either file is missing or corrupt, or was made for another feature set.
    """
    try:
        meta = json.loads(metadata.read_text(encoding="utf-8"))
        with weights.open("rb") as handle:
            return _parse(handle, meta)
    except (OSError, KeyError, ValueError, TypeError, zipfile.BadZipFile) as exc:
        raise ModelError(f"the similarity scorer's weights ({weights}) are missing or corrupt "
                         f"({exc}); reinstall storydiff or run training/scorer/train.py") from exc


@functools.cache
def load_weights() -> ScorerWeights:
    """The weights shipped in the package, loaded once (``ModelError`` as in ``read_weights``)."""
    root = resources.files(_PACKAGE)
    return read_weights(root.joinpath(_WEIGHTS), root.joinpath(_METADATA))


class TrainedScorer:
    """Scores a pair with the shipped regression head over ``pair_features``.

    Args:
        encoder: the encoder the aligner used (its cache makes claim vectors free);
            ``storydiff.embed.default_encoder()`` when None.
        weights: the head; the shipped one (``load_weights()``) when None.
        text_encoder: the second encoder of some features; ``default_story_encoder()`` (USE
            multilingual v3, the one the head was trained with) when None.
        copy_ceiling: hold every dimension under the near-copy ceiling (``copy_evidence``);
            off only to measure the head alone.
        settings: the alignment options the readings of a second story are aligned with
            (``stories.readings``); the defaults when None.
        second_stories: judge the pair also with a side cut where a second story may start,
            keeping the least alike reading (``stories.readings``); off only to measure the
            head alone.

    Raises:
        ModelError: the shipped weights cannot be loaded.

    Example:
        >>> scorer = TrainedScorer()  # doctest: +SKIP
        >>> scorer.score(doc_a, doc_b, align_claims(doc_a, doc_b, scorer.encoder))  # doctest: +SKIP
        Similarity(same_story=0.93, dimensions={'geography': 1.2, …}, method='trained_…')
    """

    def __init__(self, encoder: Encoder | None = None, weights: ScorerWeights | None = None,
                 text_encoder: Encoder | None = None, *, copy_ceiling: bool = True,
                 settings: Settings | None = None, second_stories: bool = True):
        if encoder is None:
            from ..embed.encoder import default_encoder
            encoder = default_encoder()
        self.encoder: Encoder = encoder
        self.text_encoder = text_encoder
        self.weights = weights or load_weights()
        self.copy_ceiling = copy_ceiling
        self.settings = settings
        self.second_stories = second_stories
        self.name = self.weights.method

    def score(self, a: Document, b: Document, alignment: Alignment) -> Similarity:
        """The verdict for ``a`` and ``b``: seven dimensions in [1, 4] and P(same story).

        Symmetric: the two documents are put in a fixed order first (the alignment
        transposed with them), so ``score(a, b)`` equals ``score(b, a)`` to the last bit.
        Every dimension is held under the near-copy ceiling (``copy_evidence``). Where a side
        may carry a second story, each dimension is the least alike of the pair's readings
        (``stories.readings``), so that an unrelated article appended to a side does not make
        the pair more alike (a heuristic: it depends on finding where that article starts)."""
        if not self.second_stories:
            return self.judge(*self.evidence(a, b, alignment))
        if _order_key(b) < _order_key(a):
            a, b, alignment = b, a, alignment.transposed()
        pairs = list(readings(a, b, alignment, self._align, self.encoder,
                              settings=self.settings))
        if len(pairs) > 1 and getattr(self.encoder, "caches", False):
            # every reading's leads in one call, so that their windows run side by side;
            # one by one, each reading would encode its one new lead alone, on one core
            self.encoder.encode([text for one, other, links in pairs
                                 for text in document_texts(*lead_pair(one, other, links)[:2])])
        verdicts = [self.judge(*self.evidence(one, other, links)) for one, other, links in pairs]
        if len(verdicts) == 1:
            return verdicts[0]
        dimensions = {dim: max(v.dimensions[dim] for v in verdicts) for dim in DIMENSIONS}
        return Similarity(self.weights.same_story(dimensions["overall"]), dimensions, self.name)

    def encode_ahead(self, *docs: Document) -> None:
        """Embed with the second encoder what ``score`` will embed of ``docs`` as a pair is
        given (the texts of their leads), so that a thread can do it while the claim encoder
        works and ``score`` finds the vectors kept. Only the default second encoder is used
        so: it encodes each text alone, so a vector does not depend on when, or beside what,
        it was made. Another does nothing here."""
        if self.text_encoder is None:
            texts = [text for doc in docs for text in second_encoder_texts(lead(doc))]
            _story_encoder().encode(texts)

    def _align(self, a: Document, b: Document) -> Alignment:
        """The claim alignment of one reading, as ``compare`` aligns a pair."""
        from ..align.alignment import align_claims

        return align_claims(a, b, self.encoder, self.settings)

    def evidence(self, a: Document, b: Document, alignment: Alignment, *,
                 canonical: bool = True) -> tuple[np.ndarray, CopyEvidence]:
        """``scorer_inputs`` with this scorer's encoders and centres."""
        return scorer_inputs(a, b, alignment, self.encoder, centers=self.weights.centers,
                             text_encoder=self.text_encoder or _story_encoder(),
                             canonical=canonical)

    def judge(self, features: np.ndarray, copies: CopyEvidence) -> Similarity:
        """The verdict from a pair's features and near-copy evidence (see ``evidence``)."""
        labels = self.weights.predict(features)[0]
        if self.copy_ceiling:
            labels = np.minimum(labels, copies.ceiling)
        dimensions = {dim: float(v) for dim, v in zip(DIMENSIONS, labels, strict=True)}
        return Similarity(self.weights.same_story(dimensions["overall"]), dimensions, self.name)


@functools.cache
def _story_encoder() -> Encoder:
    """The second encoder under a cache of its own: the readings of a second story
    (``stories.readings``) share most claims with the pair as given, and a corpus scores one
    article against many. USE's sums vary in the last bits with the batch, so each text is
    encoded alone: a cached vector is then the one a fresh process computes, and what was
    scored before never changes a score."""
    from ..embed.encoder import CachedEncoder
    from ..embed.use import default_story_encoder

    return CachedEncoder(_OneByOne(default_story_encoder()), max_items=_STORY_CACHE)


def preload_story_encoder() -> None:
    """Start loading the second encoder's weights in a daemon thread, so that a cold start
    overlaps them with the rest of its loads (the claim encoder's session, spaCy). A missing
    or broken model is left to its first real use, which raises ``ModelError``."""
    try:
        encoder = _story_encoder()  # here, not in the thread: one instance, whose lock the
    except ModelError:              # first real ``encode`` waits on while the thread loads
        return

    def load() -> None:
        with contextlib.suppress(ModelError):
            encoder.encode(["."])

    Background(load, name="use-load")  # waited for if the process exits first


class _OneByOne:
    """An encoder that encodes each text in a call of its own."""

    def __init__(self, inner: Encoder) -> None:
        self.inner, self.name, self.dim = inner, inner.name, inner.dim

    def encode(self, texts: Sequence[str]) -> np.ndarray:
        rows = [self.inner.encode([text]) for text in texts]
        return np.vstack(rows) if rows else np.zeros((0, self.dim), dtype=np.float32)


def scorer_inputs(a: Document, b: Document, alignment: Alignment, encoder: Encoder, *,
                  centers: Centers | None = None, text_encoder: Encoder | None = None,
                  canonical: bool = True) -> tuple[np.ndarray, CopyEvidence]:
    """What the head reads: the features of the pair's leads (``lead_pair``: as much text as
    the head was trained on) and the near-copy evidence of the whole texts, with the two
    documents in canonical order (in the order given when ``canonical`` is False). Training
    builds its feature rows with this same function."""
    if canonical and _order_key(b) < _order_key(a):
        a, b, alignment = b, a, alignment.transposed()
    features = pair_features(*lead_pair(a, b, alignment), encoder, centers=centers,
                             text_encoder=text_encoder)
    return features, copy_evidence(a.clean_text, b.clean_text, a.title, b.title)


def _order_key(doc: Document) -> tuple[str, str, str]:
    """A total order on documents, for scoring pairs in one canonical order."""
    return doc.clean_text, doc.title or "", doc.language
