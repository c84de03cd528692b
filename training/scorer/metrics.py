"""Side-by-side figures: pooled and per-fold Pearson on Overall, per language pair."""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

import numpy as np

from storydiff.evaluate.semeval import SemevalPair, pearson

MIN_PAIRS = 50  # language pairs with fewer pairs are shown but not held to "beat every baseline"


def method_figures(pairs: Sequence[SemevalPair], folds: np.ndarray,
                   predicted: np.ndarray) -> dict[str, Any]:
    """Pearson of ``predicted`` (label-oriented: higher = less alike) with gold Overall."""
    gold = np.array([p.labels["overall"] for p in pairs])
    per_fold = [pearson(predicted[folds == f], gold[folds == f]) for f in np.unique(folds)]
    langs = np.array([p.lang_pair for p in pairs])
    by_lang = {
        lang: {"overall_pearson": pearson(predicted[langs == lang], gold[langs == lang]),
               "n": int((langs == lang).sum())}
        for lang in sorted(set(langs.tolist()))
    }
    return {"overall_pearson": pearson(predicted, gold), "n": int(np.isfinite(predicted).sum()),
            "fold_pearson": per_fold,
            "fold_mean": float(np.mean(per_fold)), "fold_std": float(np.std(per_fold)),
            "fold_min": float(np.min(per_fold)), "by_lang_pair": by_lang}


def same_story_metrics(pairs: Sequence[SemevalPair], probability: np.ndarray,
                       threshold: float = 0.5) -> dict[str, float]:
    """Precision, recall and F1 of "same story" (Overall ≤ 2) at a probability threshold."""
    gold = np.array([p.labels["overall"] <= 2 for p in pairs])
    said = probability >= threshold
    tp = float((said & gold).sum())
    precision = tp / max(float(said.sum()), 1.0)
    recall = tp / max(float(gold.sum()), 1.0)
    f1 = 2 * precision * recall / max(precision + recall, 1e-9)
    brier = float(np.mean((probability - gold) ** 2))
    return {"threshold": threshold, "precision": precision, "recall": recall, "f1": f1,
            "brier": brier, "positives": int(gold.sum()), "n": len(pairs)}


def format_table(figures: dict[str, dict[str, Any]], min_pairs: int = MIN_PAIRS) -> str:
    """A plain-text table: one row a method; pooled, fold mean ± sd, then language pairs."""
    first = next(iter(figures.values()))
    langs = [lang for lang, v in first["by_lang_pair"].items() if v["n"] >= min_pairs]
    width = max(len(name) for name in figures) + 2
    head = f"{'method':<{width}}{'n':>6}{'pooled':>8}{'folds mean±sd':>15}{'min':>7}" + "".join(
        f"{x:>8}" for x in langs)
    counts = f"{'(pairs per language pair)':<{width + 36}}" + "".join(
        f"{first['by_lang_pair'][x]['n']:>8}" for x in langs)
    lines = [head, counts]
    for name, fig in figures.items():
        folds = f"{fig['fold_mean']:.3f}±{fig['fold_std']:.3f}"
        cells = "".join(f"{fig['by_lang_pair'][x]['overall_pearson']:>8.3f}" for x in langs)
        lines.append(f"{name:<{width}}{fig['n']:>6}{fig['overall_pearson']:>8.3f}{folds:>15}"
                     f"{fig['fold_min']:>7.3f}{cells}")
    return "\n".join(lines)


def reliability(probability: np.ndarray, outcome: np.ndarray, bins: int = 10) -> dict[str, Any]:
    """Expected calibration error and the reliability table of a probability against 0/1
    outcomes: ``bins`` equal-width bins of P; ECE = Σ (n_bin / n) · |mean P − observed share|."""
    edges = np.linspace(0.0, 1.0, bins + 1)
    which = np.clip(np.digitize(probability, edges[1:-1]), 0, bins - 1)
    table, ece = [], 0.0
    for b in range(bins):
        members = which == b
        if not members.any():
            continue
        mean_p, share = float(probability[members].mean()), float(outcome[members].mean())
        ece += members.sum() / len(probability) * abs(mean_p - share)
        table.append({"bin": f"{edges[b]:.1f}-{edges[b + 1]:.1f}", "n": int(members.sum()),
                      "mean_p": mean_p, "observed": share})
    return {"ece": float(ece), "table": table, "bins": bins}
