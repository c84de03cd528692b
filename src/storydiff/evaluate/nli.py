"""Score a ContradictionModel on a labelled NLI CSV: three-way accuracy and contradiction F1.

The CSV has the columns ``premise, hypothesis, label, lang`` (``label`` one of entailment,
neutral, contradiction; other columns are ignored). Rows are read and judged in batches, so a
file of any length runs in bounded memory; embedding the texts dominates the cost.
"""

from __future__ import annotations

import csv
import itertools
from collections import defaultdict
from collections.abc import Iterator, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from .._errors import InputFormatError
from ..discrepancies.contradiction import ContradictionModel, NLIProbabilities

__all__ = ["LABELS", "NLIScore", "argmax_label", "evaluate_nli", "score_predictions"]

LABELS = ("entailment", "neutral", "contradiction")
_REQUIRED = ("premise", "hypothesis", "label", "lang")
_BATCH = 512


@dataclass
class NLIScore:
    """Running counts for accuracy and contradiction F1."""

    n: int = 0
    correct: int = 0
    true_pos: int = 0  # predicted and gold contradiction
    predicted: int = 0  # predicted contradiction
    gold: int = 0  # gold contradiction

    def add(self, gold: str, predicted: str) -> None:
        """Count one judged pair."""
        self.n += 1
        self.correct += gold == predicted
        self.true_pos += gold == predicted == "contradiction"
        self.predicted += predicted == "contradiction"
        self.gold += gold == "contradiction"

    def as_dict(self) -> dict[str, Any]:
        """``{"accuracy", "contradiction_f1", "n"}``; 0.0 where undefined."""
        accuracy = self.correct / self.n if self.n else 0.0
        denominator = self.predicted + self.gold
        f1 = 2 * self.true_pos / denominator if denominator else 0.0
        return {"accuracy": accuracy, "contradiction_f1": f1, "n": self.n}


@dataclass
class _Totals:
    """Overall and per-language scores."""

    overall: NLIScore = field(default_factory=NLIScore)
    by_lang: dict[str, NLIScore] = field(default_factory=lambda: defaultdict(NLIScore))

    def add(self, lang: str, gold: str, predicted: str) -> None:
        """Count one judged pair in its language and overall."""
        self.overall.add(gold, predicted)
        self.by_lang[lang].add(gold, predicted)

    def as_dict(self) -> dict[str, Any]:
        """The result dictionary of ``evaluate_nli``."""
        out = self.overall.as_dict()
        out["by_lang"] = {lang: self.by_lang[lang].as_dict() for lang in sorted(self.by_lang)}
        return out


def argmax_label(p: NLIProbabilities) -> str:
    """The most probable label; ties go to the earlier of entailment, neutral, contradiction."""
    scores = (p.entailment, p.neutral, p.contradiction)
    return LABELS[scores.index(max(scores))]


def score_predictions(gold: Sequence[str], predicted: Sequence[str],
                      langs: Sequence[str]) -> dict[str, Any]:
    """Accuracy and contradiction F1 overall and per language for parallel label lists."""
    totals = _Totals()
    for g, p, lang in zip(gold, predicted, langs, strict=True):
        totals.add(lang, g, p)
    return totals.as_dict()


def _rows(path: Path) -> Iterator[dict[str, str]]:
    """Labelled rows of the CSV, checked for the required columns."""
    try:
        handle = path.open(newline="", encoding="utf-8")
    except OSError as exc:
        raise InputFormatError(str(path), f"cannot read the NLI file ({exc})") from exc
    with handle:
        reader = csv.DictReader(handle)
        missing = [c for c in _REQUIRED if c not in (reader.fieldnames or [])]
        if missing:
            raise InputFormatError(str(path), f"missing column(s) {', '.join(missing)}; "
                                   f"expected {', '.join(_REQUIRED)}")
        yield from (row for row in reader if row["label"].strip() in LABELS)


def evaluate_nli(path: Path, model: ContradictionModel | None = None) -> dict[str, Any]:
    """Run an NLI model on a labelled CSV and score it.

    Args:
        path: a CSV with columns ``premise, hypothesis, label, lang`` (the nli-dev format);
            rows whose label is not entailment, neutral or contradiction are skipped.
        model: the model to score; the shipped ``default_contradiction_model()`` when ``None``.

    Returns:
        ``{"accuracy", "contradiction_f1", "n", "by_lang": {lang: {"accuracy",
        "contradiction_f1", "n"}}}``; the prediction is the most probable label.

    Raises:
        InputFormatError: the file cannot be read or lacks a required column.
        ModelError: the default model's weights are missing or corrupt.
    """
    if model is None:
        from ..discrepancies.nli_model import default_contradiction_model

        model = default_contradiction_model()
    totals = _Totals()
    rows = _rows(path)
    while batch := list(itertools.islice(rows, _BATCH)):
        judged = model.predict([(r["premise"], r["hypothesis"]) for r in batch])
        for row, probs in zip(batch, judged, strict=True):
            totals.add(row["lang"].strip() or "und", row["label"].strip(), argmax_label(probs))
    return totals.as_dict()
