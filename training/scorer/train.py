"""Train the similarity scorer's head, choose it by grouped cross-validation, write the weights.

Usage: ``OMP_NUM_THREADS=1 python -m training.scorer.train [--seed 0] [--folds 5]``

Reads the feature cache built by ``build_features`` and the baseline caches of ``embed_texts``;
writes ``src/storydiff/similarity/weights/scorer.npz`` and ``scorer.json`` (with every figure
that ``bench/similarity.py`` prints). Deterministic for a given seed.
"""

from __future__ import annotations

import argparse
import json
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from functools import partial
from pathlib import Path
from typing import Any

import numpy as np

from storydiff.evaluate.semeval import SemevalPair, load_semeval, pearson
from storydiff.similarity.features import FEATURE_NAMES, Centers
from storydiff.similarity.scorer import DIMENSIONS
from storydiff.similarity.trained import center_arrays

from .baselines import BASELINES
from .build_features import load_features
from .embed_texts import TRAIN_CSV
from .folds import group_folds
from .metrics import MIN_PAIRS, format_table, method_figures, same_story_metrics
from .models import Head, fit_blend, fit_logistic, fit_mlp, fit_mlp_bag, fit_ridge

WEIGHTS_DIR = Path(__file__).resolve().parents[2] / "src" / "storydiff" / "similarity" / "weights"
OVERALL = DIMENSIONS.index("overall")
SCORER = "storydiff trained scorer"


@dataclass(frozen=True)
class Candidate:
    """One head configuration tried in cross-validation."""

    name: str
    fit: Callable[[np.ndarray, np.ndarray], Head]


def candidates(seed: int) -> list[Candidate]:
    """The heads compared: ridge over a range of penalties, small MLPs, bags of five or ten
    MLPs, and blends of a ridge with a bag of ten."""
    out = [Candidate(f"ridge(alpha={a:g})", partial(fit_ridge, alpha=float(a)))
           for a in (1, 3, 10, 30, 100)]
    for hidden in (8, 16, 32):
        for decay in (0.01, 0.03, 0.1, 0.3):
            out.append(Candidate(f"mlp(hidden={hidden},decay={decay:g})",
                                 partial(fit_mlp, hidden=hidden, decay=decay, seed=seed)))
    for hidden, decay in ((16, 0.03), (16, 0.1), (32, 0.03), (32, 0.1)):
        out.append(Candidate(f"mlp_bag5(hidden={hidden},decay={decay:g})",
                             partial(fit_mlp_bag, hidden=hidden, decay=decay, seed=seed)))
    out.append(Candidate("mlp_bag10(hidden=32,decay=0.03)",
                         partial(fit_mlp_bag, hidden=32, decay=0.03, seeds=10, seed=seed)))
    for weight in (0.2, 0.3, 0.5):
        out.append(Candidate(f"blend({weight:g}*ridge(alpha=30)+mlp_bag10(hidden=32,decay=0.03))",
                             partial(fit_blend, ridge_weight=weight, alpha=30.0, hidden=32,
                                     decay=0.03, seeds=10, seed=seed)))
    return out


def other_fold_seeds(pairs: Sequence[SemevalPair], x: np.ndarray, y: np.ndarray, k: int,
                     seed: int, chosen: Candidate, figures: dict[str, Any],
                     repeats: int = 2) -> dict[str, dict[str, Any]]:
    """The chosen head cross-validated under other fold assignments (refitted with each
    split's seed): its out-of-fold Overall Pearson and the language pairs where a baseline of
    ``figures`` is not beaten. How much of the figures is the luck of one split."""
    out = {}
    for other in range(seed + 1, seed + 1 + repeats):
        refit = next(c for c in candidates(other) if c.name == chosen.name)
        folds = group_folds(pairs, k, other)
        mine = method_figures(pairs, folds, out_of_fold(x, y, folds, refit)[:, OVERALL])
        out[f"fold_seed_{other}"] = {"overall_pearson": mine["overall_pearson"],
                                     "not_beaten": shortfalls(figures | {SCORER: mine})}
    return out


def out_of_fold(x: np.ndarray, y: np.ndarray, folds: np.ndarray,
                candidate: Candidate) -> np.ndarray:
    """Predictions for every pair from a head fitted on the other folds, clipped to [1, 4]."""
    pred = np.zeros_like(y)
    for f in np.unique(folds):
        test = folds == f
        pred[test] = candidate.fit(x[~test], y[~test]).predict(x[test])
    clipped: np.ndarray = np.clip(pred, 1.0, 4.0)
    return clipped


def labels(pairs: Sequence[SemevalPair]) -> np.ndarray:
    """Gold labels, one column a dimension; missing cells take the column mean."""
    y = np.array([[p.labels[d] for d in DIMENSIONS] for p in pairs], dtype=float)
    means = np.nanmean(y, axis=0)
    return np.where(np.isnan(y), means, y)


def select(x: np.ndarray, y: np.ndarray, folds: np.ndarray,
           seed: int) -> tuple[Candidate, np.ndarray, dict[str, float]]:
    """The candidate with the best out-of-fold Pearson on Overall, its predictions, all scores."""
    scores: dict[str, float] = {}
    best: tuple[float, Candidate, np.ndarray] | None = None
    for cand in candidates(seed):
        pred = out_of_fold(x, y, folds, cand)
        scores[cand.name] = pearson(pred[:, OVERALL], y[:, OVERALL])
        print(f"  {cand.name:<32} overall r = {scores[cand.name]:.4f}", flush=True)
        if best is None or scores[cand.name] > best[0]:
            best = (scores[cand.name], cand, pred)
    assert best is not None
    return best[1], best[2], scores


def comparison(pairs: Sequence[SemevalPair], folds: np.ndarray,
               scorer: np.ndarray) -> dict[str, Any]:
    """Figures of the scorer and of every baseline (negated similarity), side by side.

    A baseline whose vector cache is incomplete is scored on the pairs it covers, and the
    scorer is shown again on exactly those pairs.
    """
    out: dict[str, Any] = {SCORER: method_figures(pairs, folds, scorer)}
    for name, method in BASELINES.items():
        negated = -method(pairs)
        out[name] = method_figures(pairs, folds, negated)
        if np.isnan(negated).any():
            same = np.where(np.isnan(negated), np.nan, scorer)
            out[f"  storydiff on those {out[name]['n']} pairs"] = method_figures(pairs, folds, same)
    return out


def shortfalls(figures: dict[str, Any], min_pairs: int = MIN_PAIRS) -> list[str]:
    """Language pairs (with ``min_pairs`` or more) where a full-coverage baseline is not beaten."""
    ours = figures[SCORER]
    out = []
    for name, fig in figures.items():
        if "storydiff" in name or fig["n"] < ours["n"]:
            continue
        for lang, cell in fig["by_lang_pair"].items():
            mine = ours["by_lang_pair"][lang]["overall_pearson"]
            if cell["n"] >= min_pairs and cell["overall_pearson"] >= mine:
                out.append(f"{lang}: {name} {cell['overall_pearson']:.3f} >= {mine:.3f}")
    return out


def save_weights(head: Head, calibration: tuple[float, float], centers: Centers,
                 metadata: dict[str, Any], directory: Path = WEIGHTS_DIR) -> None:
    """Write ``scorer.npz`` (float32 arrays) and ``scorer.json`` (metadata, figures)."""
    directory.mkdir(parents=True, exist_ok=True)
    arrays: dict[str, np.ndarray] = {
        "mean": head.mean.astype(np.float32), "scale": head.scale.astype(np.float32),
        "n_layers": np.array(len(head.layers)), "feature_names": np.array(FEATURE_NAMES),
        "calibration": np.array(calibration, dtype=np.float64), **center_arrays(centers)}
    for i, (w, b) in enumerate(head.layers):
        arrays[f"w{i}"], arrays[f"b{i}"] = w.astype(np.float32), b.astype(np.float32)
    if head.skip is not None:
        arrays["skip"] = head.skip.astype(np.float32)
    np.savez_compressed(directory / "scorer.npz", **arrays)  # type: ignore[arg-type]
    (directory / "scorer.json").write_text(json.dumps(metadata, indent=1, sort_keys=True) + "\n")


def run(seed: int = 0, k: int = 5, write: bool = True) -> dict[str, Any]:
    """Cross-validate, pick the head, fit it on all pairs, calibrate, and save."""
    pairs = load_semeval(TRAIN_CSV)
    cached = load_features(pairs)
    if cached is None:
        raise SystemExit("no feature cache: run python -m training.scorer.build_features first")
    x, centers = cached
    y, folds = labels(pairs), group_folds(pairs, k, seed)
    chosen, oof, tried = select(x, y, folds, seed)
    same = (y[:, OVERALL] <= 2).astype(float)
    calibration = fit_logistic(oof[:, OVERALL], same)
    prob = 1 / (1 + np.exp(-(calibration[0] * oof[:, OVERALL] + calibration[1])))
    figures = comparison(pairs, folds, oof[:, OVERALL])
    print(format_table(figures))
    print("not beaten:", "; ".join(shortfalls(figures)) or "none")
    spread = other_fold_seeds(pairs, x, y, k, seed, chosen, figures)
    for name, other in spread.items():
        print(f"{chosen.name} under {name}: overall r = {other['overall_pearson']:.4f}; "
              f"not beaten: {'; '.join(other['not_beaten']) or 'none'}")
    metadata = {
        "method": f"trained_{chosen.name.split('(')[0]}_v1", "head": chosen.name, "seed": seed,
        "folds": k, "n_pairs": len(pairs), "dimensions": list(DIMENSIONS),
        "features": list(FEATURE_NAMES), "candidates_overall_pearson": tried,
        "cv": {"sign": "Pearson with the gold 1-4 Overall label of the scorer's predicted "
                       "Overall, and of each baseline's negated similarity (higher is better)",
               "methods": figures,
               "dimensions_pearson": {d: pearson(oof[:, i], y[:, i])
                                      for i, d in enumerate(DIMENSIONS)},
               "same_story": same_story_metrics(pairs, prob),
               "chosen_head_other_fold_seeds": spread,
               "not_beaten": shortfalls(figures)},
        "calibration": {"slope": calibration[0], "intercept": calibration[1],
                        "meaning": "P(Overall <= 2) = sigmoid(slope * predicted_overall "
                                   "+ intercept), fitted on out-of-fold predictions"},
    }
    if write:
        save_weights(chosen.fit(x, y), calibration, centers, metadata)
    return metadata


def main() -> None:
    """Command-line entry point."""
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--seed", type=int, default=0)
    parser.add_argument("--folds", type=int, default=5)
    args = parser.parse_args()
    run(args.seed, args.folds)


if __name__ == "__main__":
    main()
