"""The same-story verdict's invariants, the previous release's head beside this one, in one run.

Usage: ``python bench/verdict.py [--pairs 300] [--seed 0] [--out FILE] [--candidate FOLDER]``

Pairs are built from real SemEval-2022 Task 8 articles in ../shared (every language of the
file; ``storydiff.evaluate.invariants``): edited copies, excerpts, real pairs scored both ways,
and real pairs with an unrelated article appended to one side. Every pair goes through the real
pipeline (clean, analyse, align) once; every scorer judges the same documents and alignments:

- *release 0.1*: the head shipped before (``bench/reference/scorer-0.1.npz``), as it scored:
  features in the order given, no clipping, no near-copy ceiling;
- *this release*: the shipped ``TrainedScorer`` (canonical order, clipped features, ceiling,
  the least alike of a pair's readings where a side may carry a second story:
  ``similarity/stories.py``);
- *head alone*: the same without the readings (the pair as given only).

Then, from the shipped ``scorer.json`` (``training/scorer/train.py`` measures both recipes on
the same features and folds): cross-validated Pearson per dimension, the expected calibration
error of the same-story probability (calibration fitted on the other folds) with its
reliability table, and the share of clearly different pairs (gold Overall ≥ 3.5) judged the
same story, out of fold. Writes bench/out/verdict.json (``--out``).
"""

from __future__ import annotations

import argparse
import json
import sys
import time
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "bench"))

from _data import SEMEVAL  # noqa: E402

from storydiff import Settings  # noqa: E402
from storydiff.align.alignment import Alignment, align_claims  # noqa: E402
from storydiff.document import Document  # noqa: E402
from storydiff.embed import default_encoder  # noqa: E402
from storydiff.evaluate.invariants import (  # noqa: E402
    INVARIANTS,
    Case,
    Outcome,
    build_cases,
    check_case,
)
from storydiff.evaluate.semeval import load_semeval  # noqa: E402
from storydiff.pipeline.comparer import prepare  # noqa: E402
from storydiff.similarity.features import pair_features  # noqa: E402
from storydiff.similarity.scorer import DIMENSIONS, Similarity  # noqa: E402
from storydiff.similarity.trained import (  # noqa: E402
    ScorerWeights,
    TrainedScorer,
    load_weights,
    read_weights,
)

REFERENCE = ROOT / "bench" / "reference"
OUT = ROOT / "bench" / "out" / "verdict.json"
HEADS = ("release 0.1", "this release", "head alone")


class ReleaseScorer:
    """The previous release's scorer: the head on the features in the order given."""

    def __init__(self, weights: ScorerWeights) -> None:
        self.weights, self.name = weights, weights.method
        self.encoder = default_encoder()

    def score(self, a: Document, b: Document, alignment: Alignment) -> Similarity:
        """The verdict as release 0.1 gave it."""
        features = pair_features(a, b, alignment, self.encoder, centers=self.weights.centers)
        labels = self.weights.predict(features)[0]
        dims = {d: float(v) for d, v in zip(DIMENSIONS, labels, strict=True)}
        return Similarity(self.weights.same_story(dims["overall"]), dims, self.name)


def reference_weights() -> ScorerWeights:
    """The release 0.1 head kept in bench/reference."""
    return read_weights(REFERENCE / "scorer-0.1.npz", REFERENCE / "scorer-0.1.json")


def run_cases(cases: list[Case], log: bool = True,
              candidates: dict[str, ScorerWeights] | None = None) -> list[dict[str, Any]]:
    """Every case through the pipeline, judged by every scorer of ``HEADS`` (and any candidate
    heads, each run as the shipped scorer runs, with its own weights)."""
    encoder, settings = default_encoder(), Settings()
    judges: dict[str, Any] = {HEADS[0]: ReleaseScorer(reference_weights()),
                              HEADS[1]: TrainedScorer(encoder, settings=settings),
                              HEADS[2]: TrainedScorer(encoder, settings=settings,
                                                      second_stories=False)}
    judges |= {name: TrainedScorer(encoder, weights, settings=settings)
               for name, weights in (candidates or {}).items()}
    docs: dict[str, Document] = {}

    def prepared(text: str) -> Document:
        if text not in docs:
            docs[text] = prepare(text, settings=settings)
        return docs[text]

    def align(a: Document, b: Document) -> Alignment:
        return align_claims(a, b, encoder, settings)

    rows, start = [], time.perf_counter()
    for n, case in enumerate(cases, 1):
        outcomes: dict[str, Outcome] = check_case(case, prepared, align, judges)
        rows.append({"invariant": case.invariant, "kind": case.kind, "language": case.language,
                     **{head: [o.holds, o.value] for head, o in outcomes.items()}})
        if log and n % 25 == 0:
            print(f"  {n}/{len(cases)} pairs, {time.perf_counter() - start:.0f} s",
                  file=sys.stderr, flush=True)
    return rows


def summarise(rows: list[dict[str, Any]],
              heads: tuple[str, ...] = HEADS) -> dict[str, dict[str, Any]]:
    """Per invariant and head: pairs tried, pairs that hold, the worst value."""
    out: dict[str, dict[str, Any]] = {}
    for invariant in INVARIANTS:
        mine = [r for r in rows if r["invariant"] == invariant]
        cell: dict[str, Any] = {"pairs": len(mine)}
        for head in heads:
            values = [r[head][1] for r in mine]
            worst = (max if invariant in ("symmetric", "appended") else min)(values, default=0.0)
            cell[head] = {"hold": sum(r[head][0] for r in mine), "worst": worst}
        out[invariant] = cell
    return out


def cv_figures(metadata: dict[str, Any]) -> dict[str, Any]:
    """The cross-validated figures a head's ``scorer.json`` records (absent ones are None)."""
    cv = metadata.get("cv", {})
    return {"dimensions_pearson": cv.get("dimensions_pearson", {}),
            "ece": cv.get("calibration", {}).get("ece"),
            "reliability": cv.get("calibration", {}).get("table", []),
            "different_judged_same": cv.get("different_events", {}).get("share_judged_same")}


def print_tables(summary: dict[str, dict[str, Any]], cv: dict[str, dict[str, Any]],
                 heads: tuple[str, ...] = HEADS) -> None:
    """The side-by-side tables."""
    print(f"\n{'invariant':<58} {'pairs':>5} | " + " | ".join(f"{h:>24}" for h in heads))
    print(f"{'':<58} {'':>5} | " + " | ".join(f"{'hold':>8} {'worst':>15}" for _ in heads))
    for invariant, cell in summary.items():
        cols = [f"{cell[h]['hold']:>8} {cell[h]['worst']:>15.4g}" for h in heads]
        print(f"{INVARIANTS[invariant]:<58} {cell['pairs']:>5} | " + " | ".join(cols))
    print("\nworst: copy = min(P - 0.9, 1.5 - Overall); excerpt = min P; symmetric = largest "
          "difference; appended = largest gain in similarity (label drop)\n")
    print(f"{'cross-validated (SemEval train, grouped 5-fold)':<48} | "
          + " | ".join(f"{h:>14}" for h in heads))
    for dim in DIMENSIONS:
        print(f"{'Pearson ' + dim:<48} | " + " | ".join(
            _fmt(cv[h]["dimensions_pearson"].get(dim)) for h in heads))
    print(f"{'same-story calibration error (ECE, out of fold)':<48} | "
          + " | ".join(_fmt(cv[h]["ece"]) for h in heads))
    print(f"{'Overall >= 3.5 pairs judged same story (oof)':<48} | "
          + " | ".join(_fmt(cv[h]["different_judged_same"]) for h in heads))
    print("\nreliability of P(same story), this release, out of fold (calibration fitted on "
          "the other folds):")
    print(f"{'P bin':<10}{'pairs':>7}{'mean P':>9}{'observed':>10}")
    for row in cv[heads[1]]["reliability"]:
        print(f"{row['bin']:<10}{row['n']:>7}{row['mean_p']:>9.3f}{row['observed']:>10.3f}")


def _fmt(value: float | None) -> str:
    """A figure, or 'n/a' where a head's metadata does not record it."""
    return f"{value:>14.4f}" if isinstance(value, float) else f"{'n/a':>14}"


def main() -> None:
    """Build the pairs, judge them with every scorer, print and save the tables."""
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--pairs", type=int, default=300)
    parser.add_argument("--seed", type=int, default=0,
                        help="the pairs drawn (CI's gate uses seed 0; others are held out)")
    parser.add_argument("--out", type=Path, default=OUT, help="where to write the JSON")
    parser.add_argument("--candidate", type=Path, action="append", default=[],
                        help="a folder with another scorer.npz and scorer.json to judge "
                             "beside the two (e.g. a head trained with other options)")
    args = parser.parse_args()
    candidates = {f"candidate {c.name}": read_weights(c / "scorer.npz", c / "scorer.json")
                  for c in args.candidate}
    heads = (*HEADS, *candidates)
    if not SEMEVAL.exists():
        sys.exit(f"benchmark data missing: {SEMEVAL}")
    cases = build_cases(load_semeval(SEMEVAL), args.pairs, args.seed)
    rows = run_cases(cases, candidates=candidates)
    summary = summarise(rows, heads)
    shipped = load_weights().metadata
    before = {"cv": shipped.get("cv", {}).get("release_0_1_recipe", {})}
    cv = {HEADS[0]: cv_figures(before), HEADS[1]: cv_figures(shipped),
          HEADS[2]: cv_figures(shipped)}
    cv |= {name: cv_figures(weights.metadata) for name, weights in candidates.items()}
    print_tables(summary, cv, heads)
    args.out.parent.mkdir(parents=True, exist_ok=True)
    args.out.write_text(json.dumps({"summary": summary, "cv": cv, "rows": rows}, indent=1) + "\n")


if __name__ == "__main__":
    main()
