"""What the second-story readings cost on real pairs (issue #11; ``similarity/stories.py``).

Usage: ``python bench/second_stories.py [--step 8]``

Every ``step``-th labelled pair of the SemEval-2022 Task 8 file in ../shared (the subset of the
scorer's CI gate at 8), through the real pipeline once, judged by the shipped scorer with and
without its readings of a second story: how many pairs get a cut, how many verdicts change and
by how much, the Pearson of Overall with the human labels, the same-story recall (gold Overall
≤ 2 judged P ≥ 0.5), and the scoring time with the readings. The appended invariant itself is
in ``bench/verdict.py``. Writes bench/out/second_stories.json.
"""

from __future__ import annotations

import argparse
import json
import sys
import time
from pathlib import Path

import numpy as np

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "bench"))

from _data import SEMEVAL  # noqa: E402

from storydiff import InputError, Settings  # noqa: E402
from storydiff.align.alignment import align_claims  # noqa: E402
from storydiff.embed import default_encoder  # noqa: E402
from storydiff.evaluate.semeval import load_semeval, semeval_clean_text  # noqa: E402
from storydiff.pipeline.comparer import prepare  # noqa: E402
from storydiff.similarity import stories  # noqa: E402
from storydiff.similarity.trained import TrainedScorer  # noqa: E402

OUT = ROOT / "bench" / "out" / "second_stories.json"


def main() -> None:
    """Judge the subset both ways, print and save the figures."""
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--step", type=int, default=8)
    args = parser.parse_args()
    if not SEMEVAL.exists():
        sys.exit(f"benchmark data missing: {SEMEVAL}")
    encoder, settings = default_encoder(), Settings()
    with_readings = TrainedScorer(encoder, settings=settings)
    head_alone = TrainedScorer(encoder, settings=settings, second_stories=False)
    rows = []
    for pair in load_semeval(SEMEVAL)[:: args.step]:
        try:
            a, b = (prepare(semeval_clean_text(text, pair.pair_id, lang).text, settings=settings)
                    for text, lang in ((pair.text1, pair.lang1), (pair.text2, pair.lang2)))
        except InputError:
            continue
        alignment = align_claims(a, b, encoder, settings)
        alone = head_alone.score(a, b, alignment)
        start = time.perf_counter()
        verdict = with_readings.score(a, b, alignment)
        seconds = time.perf_counter() - start
        strong_a, strong_b = stories.strongly_linked(alignment)
        cuts = (len(stories.cut_points(a, strong_a, stories.unit_vectors(a, encoder)))
                + len(stories.cut_points(b, strong_b, stories.unit_vectors(b, encoder))))
        rows.append({"pair": pair.pair_id, "languages": pair.lang_pair,
                     "gold": pair.labels["overall"], "cuts": cuts,
                     "alone": alone.dimensions["overall"],
                     "readings": verdict.dimensions["overall"],
                     "p_alone": alone.same_story, "p_readings": verdict.same_story,
                     "seconds": seconds})
    gold = np.array([r["gold"] for r in rows])
    known = ~np.isnan(gold)
    same = [r for r in rows if r["gold"] <= 2]
    changes = np.array([r["readings"] - r["alone"] for r in rows])
    print(f"pairs {len(rows)}; with a cut {sum(r['cuts'] > 0 for r in rows)}; verdicts changed "
          f"{int((np.abs(changes) > 0).sum())} (mean Overall change {changes.mean():+.4f}, "
          f"largest {changes.max():+.3f})")
    for key in ("alone", "readings"):
        pearson = np.corrcoef(gold[known], np.array([r[key] for r in rows])[known])[0, 1]
        recall = np.mean([r["p_" + key] >= 0.5 for r in same])
        print(f"{key:>9}: Pearson (Overall) {pearson:.4f}, same-story recall {recall:.3f} "
              f"({len(same)} pairs)")
    seconds = [r["seconds"] for r in rows]
    print(f"scoring with the readings: mean {np.mean(seconds):.3f} s a pair, "
          f"largest {max(seconds):.2f} s")
    OUT.parent.mkdir(exist_ok=True)
    OUT.write_text(json.dumps(rows, indent=1) + "\n")


if __name__ == "__main__":
    main()
