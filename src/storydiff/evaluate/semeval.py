"""Score a SemEval-2022 Task 8 CSV with a similarity scorer and report Pearson correlations.

The CSV has the columns ``pair_id, lang1, lang2, text1, text2`` and the label columns
``Geography, Entities, Time, Narrative, Overall, Style, Tone`` (1 = most similar … 4 = least).
Each text is title + body; the title is taken to end at the first double space when that comes
early (how the task's crawler joined them). Every pair goes through ``Comparer.compare_many``, in
worker processes when the shipped models are evaluated.
"""

from __future__ import annotations

import csv
import math
import re
from collections.abc import Callable, Iterator, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING, Any

import numpy as np

from .._errors import InputFormatError, SettingsError
from ..document import CleanText
from ..ingest.boilerplate import remove_boilerplate
from ..ingest.cleaner import glued_title_heuristic
from ..similarity.scorer import DIMENSIONS, Scorer

if TYPE_CHECKING:
    from ..embed.encoder import Encoder
    from ..pipeline.pool import PairFailure
    from ..report.report import Report

__all__ = ["SemevalPair", "evaluate_semeval", "load_semeval", "pearson", "semeval_clean_text"]

_ID_COLUMNS = ("pair_id", "lang1", "lang2", "text1", "text2")
_MAX_TITLE_CHARS = 300


@dataclass(frozen=True)
class SemevalPair:
    """One labelled pair; ``labels`` maps each of ``DIMENSIONS`` to its 1–4 label (or NaN)."""

    pair_id: str
    lang1: str
    lang2: str
    text1: str
    text2: str
    labels: dict[str, float]

    @property
    def lang_pair(self) -> str:
        """The language pair as written in reports, e.g. ``"de-en"``."""
        return f"{self.lang1}-{self.lang2}"

    @property
    def base_id(self) -> str:
        """The pair id without language suffixes: machine-translated copies share it."""
        return "_".join(re.sub(r"\D", "", part) for part in self.pair_id.split("_"))


def load_semeval(path: Path) -> list[SemevalPair]:
    """Read a SemEval-2022 Task 8 CSV.

    Args:
        path: the CSV file (``pair_id, lang1, lang2, text1, text2`` and label columns).

    Returns:
        The pairs in file order. Missing or empty label cells become NaN.

    Raises:
        InputFormatError: the file is missing or lacks one of the id/text columns.
    """
    try:
        with path.open(encoding="utf-8", newline="") as handle:
            csv.field_size_limit(1 << 30)
            rows = list(csv.DictReader(handle))
    except OSError as exc:
        raise InputFormatError(str(path), f"cannot read the CSV ({exc.strerror})") from exc
    if not rows:
        raise InputFormatError(str(path), "the CSV holds no rows")
    missing = [c for c in _ID_COLUMNS if c not in rows[0]]
    if missing:
        raise InputFormatError(str(path), f"missing columns {', '.join(missing)}")
    return [_pair(row) for row in rows]


def _pair(row: dict[str, str]) -> SemevalPair:
    """One CSV row as a pair."""
    labels = {dim: _number(row.get(dim.capitalize())) for dim in DIMENSIONS}
    return SemevalPair(row["pair_id"], row["lang1"], row["lang2"], row["text1"] or "",
                       row["text2"] or "", labels)


def _number(cell: str | None) -> float:
    """A label cell as a float, NaN when empty or not a number."""
    try:
        return float(cell) if cell not in (None, "") else math.nan
    except ValueError:
        return math.nan


def semeval_clean_text(text: str, source: str, language: str | None = None) -> CleanText:
    """A task text as ``CleanText``: the part before the first double space is the title (or
    before an aggregator's credit or a sign-up widget, ``ingest.cleaner.glued_title_heuristic``).

    The title is put on its own line, as a cleaned article would have it, so that it is split
    off as the first sentence even without final punctuation. The body loses its boilerplate
    (``remove_boilerplate``: share widgets, cookie-consent and paywall text) as a user's input
    does in ``clean``, so the scorer is trained and measured on text like what it will read; a
    body that is nothing but boilerplate is kept as it is (the task still scores the pair).
    """
    stripped = text.strip()
    head, sep, rest = stripped.partition("  ")
    title = head.strip()
    if not sep and (cut := glued_title_heuristic(stripped)) is not None:
        # a headline followed by an aggregator's credit ("… (MENAFN - Gulf Times) …") or a
        # sign-up widget, which the body's cleaning removes: the headline is cut before they go
        title, rest, sep = stripped[:cut].strip(), stripped[cut:], " "
    if not sep or not 0 < len(title) <= _MAX_TITLE_CHARS:
        body = _without_boilerplate(text.strip())
        return CleanText(text=body or text, source=source, declared_language=language)
    return CleanText(text=f"{title}\n\n{_without_boilerplate(rest.strip())}", source=source,
                     title=title, declared_language=language)


def _without_boilerplate(body: str) -> str:
    """``body`` without boilerplate lines and spans; ``body`` itself when nothing is left."""
    kept, _ = remove_boilerplate(body)
    return kept.strip() or body


def pearson(x: Sequence[float] | np.ndarray, y: Sequence[float] | np.ndarray) -> float:
    """Pearson correlation of two series, skipping pairs with a NaN; NaN when undefined."""
    xa, ya = np.asarray(x, dtype=float), np.asarray(y, dtype=float)
    keep = ~(np.isnan(xa) | np.isnan(ya))
    xa, ya = xa[keep], ya[keep]
    if len(xa) < 2 or xa.std() == 0 or ya.std() == 0:
        return math.nan
    return float(np.corrcoef(xa, ya)[0, 1])


def evaluate_semeval(path: Path, scorer: Scorer | None = None, *,
                     encoder: Encoder | None = None,
                     progress: Callable[[int, int], None] | None = None,
                     predictions_csv: Path | None = None,
                     workers: int | None = None) -> dict[str, Any]:
    """Score every pair of a SemEval-2022 Task 8 CSV and correlate with its labels.

    Each text is analysed like any article and the pair compared (``Comparer.compare_many``);
    the verdict's seven dimensions on the 1–4 scale are the prediction. Correlations are Pearson
    between predicted and gold labels (so higher is better; no sign flip is needed). A pair that
    cannot be compared is predicted NaN (left out of the correlations) and counted in
    ``"failed"``.

    Args:
        path: the CSV file.
        scorer: the scorer to evaluate; the shipped ``TrainedScorer`` when None.
        encoder: the encoder for alignment (and the default scorer); the default when None.
        progress: called after each pair with (pairs done, pairs in the file).
        predictions_csv: where to write the predicted dimensions, one row a pair
            (``pair_id, lang1, lang2`` and the seven dimensions), e.g. for a leaderboard.
        workers: processes; None: one per core for the shipped models, 1 (this process) when
            ``scorer`` or ``encoder`` is given (those cannot be sent to other processes).

    Returns:
        ``{"overall_pearson", "n", "dimensions": {dim: pearson}, "by_lang_pair":
        {"en-en": {"overall_pearson", "n"}, …}}`` (and ``"failed"`` when a pair failed); NaN
        where a label column is empty.

    Raises:
        InputFormatError: the CSV cannot be read.
        SettingsError: ``predictions_csv`` cannot be written; ``workers`` > 1 with a custom
            scorer or encoder.
        ModelError: the scorer's weights or the encoder cannot be loaded.

    Example:
        >>> evaluate_semeval(Path("train.csv"))["overall_pearson"]  # doctest: +SKIP
        0.81
    """
    pairs = load_semeval(path)
    if predictions_csv is not None and not predictions_csv.parent.is_dir():
        raise SettingsError(f"cannot write the predictions to {predictions_csv}: its folder "
                            "does not exist")  # said before the long run, not after it
    predictions = []
    for done, result in enumerate(_compared(pairs, scorer, encoder, workers), 1):
        predictions.append(_prediction(result))
        if progress is not None:
            progress(done, len(pairs))
    if predictions_csv is not None:
        write_predictions(predictions_csv, pairs, predictions)
    report = correlation_report(pairs, predictions)
    failed = sum(1 for p in predictions if all(math.isnan(v) for v in p.values()))
    return report | {"failed": failed} if failed else report


def write_predictions(path: Path, pairs: Sequence[SemevalPair],
                      predictions: Sequence[dict[str, float]]) -> None:
    """Write one CSV row a pair: ``pair_id, lang1, lang2`` and the predicted dimensions."""
    columns = ["pair_id", "lang1", "lang2", *(d.capitalize() for d in DIMENSIONS)]
    try:
        with path.open("w", encoding="utf-8", newline="") as handle:
            writer = csv.writer(handle)
            writer.writerow(columns)
            for pair, row in zip(pairs, predictions, strict=True):
                writer.writerow([pair.pair_id, pair.lang1, pair.lang2,
                                 *(f"{row[d]:.4f}" for d in DIMENSIONS)])
    except OSError as exc:
        raise SettingsError(f"cannot write the predictions to {path}: {exc.strerror}") from exc


def correlation_report(pairs: Sequence[SemevalPair],
                       predictions: Sequence[dict[str, float]]) -> dict[str, Any]:
    """Pearson of predicted vs gold labels: overall, per dimension and per language pair."""
    def column(rows: Sequence[dict[str, float]], dim: str) -> list[float]:
        return [row[dim] for row in rows]

    gold = [p.labels for p in pairs]
    by_lang: dict[str, dict[str, Any]] = {}
    for lang in sorted({p.lang_pair for p in pairs}):
        idx = [i for i, p in enumerate(pairs) if p.lang_pair == lang]
        by_lang[lang] = {
            "overall_pearson": pearson(column([predictions[i] for i in idx], "overall"),
                                       column([gold[i] for i in idx], "overall")),
            "n": len(idx),
        }
    return {
        "overall_pearson": pearson(column(predictions, "overall"), column(gold, "overall")),
        "n": len(pairs),
        "dimensions": {d: pearson(column(predictions, d), column(gold, d)) for d in DIMENSIONS},
        "by_lang_pair": by_lang,
    }


def _compared(pairs: Sequence[SemevalPair], scorer: Scorer | None, encoder: Encoder | None,
              workers: int | None) -> Iterator[Report | PairFailure]:
    """Every pair through the pipeline, in order: in worker processes for the shipped models,
    in this process with a given scorer or encoder."""
    from ..pipeline.comparer import Comparer
    from ..pipeline.pool import available_cores, compare_pairs

    sides = ((semeval_clean_text(p.text1, f"{p.pair_id}/1", p.lang1),
              semeval_clean_text(p.text2, f"{p.pair_id}/2", p.lang2)) for p in pairs)
    if scorer is None and encoder is None:
        return compare_pairs(sides, workers=workers or min(available_cores(), len(pairs)))
    comparer = Comparer(encoder=encoder, scorer=scorer)
    return compare_pairs(sides, workers=workers or 1, comparer=comparer)


def _prediction(result: Report | PairFailure) -> dict[str, float]:
    """The predicted dimensions of one compared pair (NaN for a pair that failed)."""
    from ..report.report import Report

    if isinstance(result, Report):
        return dict(result.similarity.dimensions)
    return dict.fromkeys(DIMENSIONS, math.nan)
