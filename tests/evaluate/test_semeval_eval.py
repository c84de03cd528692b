"""SemEval-2022 Task 8 CSV loading and evaluation, on small hand-written files."""

from __future__ import annotations

import csv
import math
import re
from pathlib import Path

import pytest

from storydiff import InputFormatError, SettingsError
from storydiff.align.alignment import Alignment
from storydiff.document import CleanText, Document
from storydiff.embed import HashingEncoder
from storydiff.evaluate import evaluate_semeval
from storydiff.evaluate.semeval import (
    correlation_report,
    load_semeval,
    pearson,
    semeval_clean_text,
)
from storydiff.similarity import DIMENSIONS, Similarity
from tests.helpers import build

HEADER = ["pair_id", "lang1", "lang2", "text1", "text2", "Geography", "Entities", "Time",
          "Narrative", "Overall", "Style", "Tone"]
ROWS = [
    ["11_12", "en", "en", "Storm hits coast  Heavy rain flooded the harbour town.",
     "Storm hits coast  Heavy rain flooded the harbour town today.", "1", "1", "1", "1", "1",
     "1", "1"],
    ["13_14", "en", "en", "Storm hits coast  Heavy rain flooded the harbour town.",
     "Chess final ends  A grandmaster won the title after six hours.", "4", "4", "3", "4", "4",
     "3", "2"],
    ["11fr_12", "fr", "en", "La tempête frappe  De fortes pluies ont inondé le port.",
     "Storm hits coast  Heavy rain flooded the harbour town.", "1", "2", "1", "1", "2", "", "1"],
    ["15_16", "en", "en", "Storm hits coast  Heavy rain flooded the town.",
     "Storm nears coast  Heavy rain is expected in the harbour town.", "1", "2", "2", "2", "2",
     "2", "1"],
]


def write_csv(path: Path, rows: list[list[str]], header: list[str] = HEADER) -> Path:
    """A CSV file in the task's format."""
    with path.open("w", encoding="utf-8", newline="") as handle:
        writer = csv.writer(handle)
        writer.writerow(header)
        writer.writerows(rows)
    return path


class WordOverlapScorer:
    """Test double: Overall falls from 4 to 1 as the two texts share more words."""

    name = "word_overlap_test_double"

    def score(self, a: Document, b: Document, alignment: Alignment) -> Similarity:
        wa = set(re.findall(r"\w+", a.clean_text.lower()))
        wb = set(re.findall(r"\w+", b.clean_text.lower()))
        overlap = len(wa & wb) / max(len(wa | wb), 1)
        value = 4.0 - 3.0 * overlap
        return Similarity(1.0 - overlap, {d: value for d in DIMENSIONS}, self.name)


def test_load_reads_labels_ids_and_language_pairs(tmp_path: Path) -> None:
    pairs = load_semeval(write_csv(tmp_path / "pairs.csv", ROWS))
    assert [p.pair_id for p in pairs] == ["11_12", "13_14", "11fr_12", "15_16"]
    assert pairs[2].lang_pair == "fr-en" and pairs[2].base_id == pairs[0].base_id == "11_12"
    assert pairs[1].labels["overall"] == 4.0 and math.isnan(pairs[2].labels["style"])


def test_load_names_what_is_wrong(tmp_path: Path) -> None:
    with pytest.raises(InputFormatError, match="missing columns text2"):
        load_semeval(write_csv(tmp_path / "bad.csv", [r[:4] for r in ROWS], HEADER[:4]))
    with pytest.raises(InputFormatError, match="cannot read"):
        load_semeval(tmp_path / "absent.csv")


def test_title_becomes_its_own_first_line() -> None:
    clean = semeval_clean_text("Storm hits coast  Heavy rain flooded the town.", "x", "en")
    assert clean.title == "Storm hits coast"
    assert clean.text.startswith(clean.title + "\n\n")
    assert clean.text.endswith("Heavy rain flooded the town.")
    untitled = semeval_clean_text("One plain sentence only.", "y")
    assert untitled.title is None and untitled.text == "One plain sentence only."


def test_a_title_before_an_aggregators_credit_is_cut_before_the_credit_goes() -> None:
    clean = semeval_clean_text(" Harbour reopens after the storm (MENAFN - Coast Times) Ferries "
                               "sailed again on Monday. MENAFN0201202000703653ID109949713", "x")
    assert clean.title == "Harbour reopens after the storm"
    assert clean.text == "Harbour reopens after the storm\n\nFerries sailed again on Monday."


def test_pearson_matches_definition_and_skips_nan() -> None:
    assert pearson([1, 2, 3], [2, 4, 6]) == pytest.approx(1.0)
    assert pearson([1, 2, 3, 4], [4, 3, 2, math.nan]) == pytest.approx(-1.0)
    assert math.isnan(pearson([1, 1, 1], [1, 2, 3]))


def test_report_groups_by_language_pair(tmp_path: Path) -> None:
    pairs = load_semeval(write_csv(tmp_path / "pairs.csv", ROWS))
    predictions = [{d: p.labels["overall"] for d in DIMENSIONS} for p in pairs]
    report = correlation_report(pairs, predictions)
    assert report["overall_pearson"] == pytest.approx(1.0)
    assert report["n"] == 4 and set(report["dimensions"]) == set(DIMENSIONS)
    assert report["by_lang_pair"]["en-en"]["n"] == 3
    assert report["by_lang_pair"]["fr-en"]["n"] == 1


def light_analyse(clean: CleanText, **_: object) -> Document:
    """Test double for ``analyse``: sentences as claims, no model loads."""
    return build(clean.text, language=clean.declared_language or "und", source=clean.source)


def test_evaluate_scores_every_pair_with_any_scorer(tmp_path: Path,
                                                   monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr("storydiff.analyse.analyse", light_analyse)
    path = write_csv(tmp_path / "pairs.csv", ROWS)
    result = evaluate_semeval(path, WordOverlapScorer(), encoder=HashingEncoder())
    assert result["n"] == 4
    assert result["overall_pearson"] > 0.5
    assert set(result["by_lang_pair"]) == {"en-en", "fr-en"}


def test_progress_and_predictions_file(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr("storydiff.analyse.analyse", light_analyse)
    seen: list[tuple[int, int]] = []
    out = tmp_path / "predictions.csv"
    evaluate_semeval(write_csv(tmp_path / "pairs.csv", ROWS), WordOverlapScorer(),
                     encoder=HashingEncoder(), progress=lambda d, t: seen.append((d, t)),
                     predictions_csv=out)
    assert seen == [(1, 4), (2, 4), (3, 4), (4, 4)]
    with out.open(encoding="utf-8", newline="") as handle:
        rows = list(csv.DictReader(handle))
    assert [r["pair_id"] for r in rows] == [r[0] for r in ROWS]
    assert float(rows[0]["Overall"]) < float(rows[1]["Overall"])  # same story vs chess final
    assert set(rows[0]) == {"pair_id", "lang1", "lang2", *(d.capitalize() for d in DIMENSIONS)}


def test_an_unwritable_predictions_file_is_refused_before_the_run(tmp_path: Path) -> None:
    with pytest.raises(SettingsError, match="does not exist"):
        evaluate_semeval(write_csv(tmp_path / "pairs.csv", ROWS), WordOverlapScorer(),
                         encoder=HashingEncoder(), predictions_csv=tmp_path / "no" / "p.csv")


@pytest.mark.slow(seconds=2)
def test_evaluate_runs_the_real_pipeline(tmp_path: Path) -> None:
    path = write_csv(tmp_path / "pairs.csv", ROWS)
    result = evaluate_semeval(path, WordOverlapScorer(), encoder=HashingEncoder())
    assert result["n"] == 4 and result["overall_pearson"] > 0.5
