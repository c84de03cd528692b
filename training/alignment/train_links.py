"""Train the link model (``storydiff/compare/links.py``) on the hand-labelled real pairs.

Usage: ``python -m training.alignment.train_links [--folds 5] [--repeats 3] [--seed 0]
[--refit-main]``

Every labelled pair of ``bench/labels/real_pairs.jsonl`` goes through the user's path
(``semeval_clean_text`` of each raw SemEval text, then ``Comparer.prepare`` of that text, as
``bench/claims_real.py --mode text`` does); ``align_claims``'s candidate links, the weak ones
(from ``Settings.link_candidate_threshold``, and the pairs anchored by a shared figure,
``align.anchored_pairs``) included, are the rows. A
candidate is a real link when its two claims overlap both sentences of some labelled link (the
bench's rule, on raw-text offsets). Each candidate gives two rows, its features seen from A and
from B, with one label; at run time the two probabilities are averaged.

Two logistic models: the main one is fitted on the candidates from
``Settings.partial_threshold`` (the links the scorer reads); the weak part, fitted on every
candidate, judges only the weak ones (``Alignment.weak``, from
``Settings.link_candidate_threshold``). Fitting the main model on the weak rows as well would
move its probabilities, on which the discrepancy rules' cuts rest (``ClaimPair.strong``).

Held-out figures: folds grouped by pair (a pair's candidates never sit in two folds), repeated
with shuffled pairs; out-of-fold probabilities are scored with the bench's own rules (link
recall and precision over all labelled pairs) at each threshold of a grid, beside keeping every
candidate. Kept: the threshold with the best mean F1 among those whose held-out link recall
stays at or above ``RECALL_FLOOR``, the recall floor CI held before the model (floors only
move up: the model buys precision, not at the cost of recall below it); then, with the main
model at that threshold, the weak part's threshold by the same rule over all links, among
those whose held-out precision is at least the main model's alone (weak links may add
recall, not cost precision: on different-story pairs the lower thresholds kept a weak link
for every four or five the main model keeps, bench/README.md). The final
weights are fitted on all pairs; they go to ``src/storydiff/align/weights/links.json`` with
the held-out figures.

By default the main part already shipped is kept as it is (its weights and threshold) and
only the weak part is fitted: refitting the main model on today's candidates moves its
probabilities, and with them the discrepancy rules' cuts, on which the findings audit and the
labelled disagreements were read (refitted this release, the main model changed four links'
side of the 0.65 cut: one labelled disagreement lost, three false findings more on the
audit). ``--refit-main`` fits both. The held-out figures refit the main model in each fold
either way.
"""

from __future__ import annotations

import argparse
import importlib.util
import json
import sys
from pathlib import Path
from typing import Any

import numpy as np
from sklearn.linear_model import LogisticRegression

from storydiff import Comparer
from storydiff.align.alignment import anchored_pairs, candidate_sets, claim_matrices
from storydiff.align.links import FEATURES, as_seen_from_b, link_features
from storydiff.evaluate.data import SEMEVAL_TRAIN, data_file
from storydiff.evaluate.semeval import load_semeval, semeval_clean_text
from storydiff.settings import Settings

ROOT = Path(__file__).resolve().parents[2]
OUT = ROOT / "src" / "storydiff" / "align" / "weights" / "links.json"
DATA = data_file(*SEMEVAL_TRAIN)
GRID = (0.15, 0.2, 0.25, 0.3, 0.35, 0.4, 0.5)
RECALL_FLOOR = 0.60  # tests/test_labels.py's link-recall floor before the link model


def _bench() -> Any:
    """bench/claims_real.py (its offset map and scoring rules), loaded by path."""
    spec = importlib.util.spec_from_file_location("claims_real",
                                                  ROOT / "bench" / "claims_real.py")
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    sys.modules["claims_real"] = module  # dataclasses look their module up there
    spec.loader.exec_module(module)
    return module


def candidate_rows(bench: Any, comparer: Comparer | None = None, settings: Settings | None = None,
                   **matrices_options: Any) -> list[dict[str, Any]]:
    """One entry per labelled pair: its record, candidates' raw spans, features and labels,
    the candidates' claim indices (``pairs``) and the two analysed documents.
    ``comparer`` (its encoder), ``settings`` (the candidates' thresholds) and
    ``matrices_options`` (``claim_matrices``' calibration and centres) default to the
    shipped ones."""
    comparer = comparer or Comparer()
    settings = settings or Settings()
    pairs = {p.pair_id: p for p in load_semeval(DATA)}
    out = []
    for record in bench.load_labels():
        pair = pairs.get(record["pair_id"])
        if pair is None or bench.sha1(pair.text1) != record["sha1_a"] \
                or bench.sha1(pair.text2) != record["sha1_b"]:
            continue
        a = comparer.prepare(semeval_clean_text(pair.text1, "a", pair.lang1).text)
        b = comparer.prepare(semeval_clean_text(pair.text2, "b", pair.lang2).text)
        matrices = claim_matrices(a, b, comparer.encoder, **matrices_options)
        every, main = (candidate_sets(matrices.combined, settings, anchored_pairs(a, b))
                       if a.claims and b.claims else (set(), set()))
        candidates = sorted(every)  # every candidate, weak ones too
        map_a = bench.OffsetMap(pair.text1, a.clean_text)
        map_b = bench.OffsetMap(pair.text2, b.clean_text)
        kept, spans, labels = [], [], []
        for i, j in candidates:
            ra = map_a.span(a.claims[i].start, a.claims[i].end)
            rb = map_b.span(b.claims[j].start, b.claims[j].end)
            if ra is None or rb is None:
                continue
            kept.append((i, j))
            spans.append((ra, rb))
            labels.append(any(bench._both(g, ra, rb) for g in record["links"]))
        forward = link_features(a, b, matrices, kept)
        backward = as_seen_from_b(forward)
        out.append({"record": record, "spans": spans, "y": np.array(labels, bool),
                    "forward": forward, "backward": backward, "pairs": kept,
                    "main": np.array([pair in main for pair in kept], bool),
                    "documents": (a, b)})
        print(f"{record['pair_id']}: {len(kept)} candidates, {sum(labels)} real", flush=True)
    return out


def main_part(entry: dict[str, Any]) -> dict[str, Any]:
    """An entry with only its main candidates (those the scorer reads)."""
    keep = entry["main"]
    return entry | {"spans": [s for s, k in zip(entry["spans"], keep, strict=True) if k],
                    "pairs": [p for p, k in zip(entry["pairs"], keep, strict=True) if k],
                    "y": entry["y"][keep], "forward": entry["forward"][keep],
                    "backward": entry["backward"][keep], "main": keep[keep]}


def _fit(entries: list[dict[str, Any]]) -> LogisticRegression:
    x = np.vstack([e[side] for e in entries for side in ("forward", "backward")])
    y = np.concatenate([e["y"] for e in entries for _ in ("forward", "backward")])
    return LogisticRegression(C=1.0, max_iter=5000).fit(x, y)


def _probability(model: LogisticRegression, entry: dict[str, Any]) -> np.ndarray:
    if not len(entry["y"]):
        return np.zeros(0)
    proba: np.ndarray = (model.predict_proba(entry["forward"])[:, 1]
                         + model.predict_proba(entry["backward"])[:, 1]) / 2
    return proba


def _score(bench: Any, entries: list[dict[str, Any]], probabilities: list[np.ndarray],
           threshold: float) -> dict[str, float]:
    """Link recall and precision of the links at or above ``threshold``, by the bench's rules."""
    counts: dict[str, int] = {}
    for entry, proba in zip(entries, probabilities, strict=True):
        pred = bench.Prediction()
        for span, p in zip(entry["spans"], proba, strict=True):
            if p >= threshold:
                pred.links.append(span)
                pred.relations.append("link")
        for key, value in bench.score_pair(entry["record"], pred)["counts"].items():
            counts[key] = counts.get(key, 0) + value
    figures = bench.figures(counts)
    recall, precision = figures["link_recall"] or 0.0, figures["link_precision"] or 0.0
    f1 = 2 * recall * precision / (recall + precision) if recall + precision else 0.0
    return {"recall": round(recall, 3), "precision": round(precision, 3), "f1": round(f1, 3)}


def held_out(bench: Any, entries: list[dict[str, Any]], folds: int = 5, repeats: int = 3,
             seed: int = 0, train_share: float = 1.0) -> dict[float, dict[str, float]]:
    """Out-of-fold link recall, precision and F1 at each threshold of ``GRID`` (folds grouped
    by pair, repeated with shuffled pairs), averaged over the repeats; ``train_share`` < 1
    fits each fold on that share of its training pairs (a learning curve)."""
    rng = np.random.default_rng(seed)
    rows: dict[float, list[dict[str, float]]] = {t: [] for t in GRID}
    for _ in range(repeats):
        order = rng.permutation(len(entries))
        probabilities: list[np.ndarray] = [np.zeros(0)] * len(entries)
        for fold in range(folds):
            test = set(order[fold::folds].tolist())
            train = [e for k, e in enumerate(entries) if k not in test]
            if train_share < 1.0:
                keep = rng.permutation(len(train))[:max(3, round(train_share * len(train)))]
                train = [train[k] for k in sorted(keep)]
            model = _fit(train)
            for k in test:
                probabilities[k] = _probability(model, entries[k])
        for threshold in GRID:
            rows[threshold].append(_score(bench, entries, probabilities, threshold))
    return {t: {key: round(float(np.mean([r[key] for r in runs])), 3) for key in runs[0]}
            for t, runs in rows.items()}


def held_out_weak(bench: Any, entries: list[dict[str, Any]], threshold: float, folds: int = 5,
                  repeats: int = 3, seed: int = 0) -> dict[float, dict[str, float]]:
    """Out-of-fold figures over all links: the main model (fitted on the main candidates) keeps
    its candidates at ``threshold``, the weak part (fitted on every candidate) its weak ones at
    each threshold of ``GRID``; the same folds as ``held_out``."""
    rng = np.random.default_rng(seed)
    rows: dict[float, list[dict[str, float]]] = {t: [] for t in GRID}
    for _ in range(repeats):
        order = rng.permutation(len(entries))
        main_p: list[np.ndarray] = [np.zeros(0)] * len(entries)
        weak_p: list[np.ndarray] = [np.zeros(0)] * len(entries)
        for fold in range(folds):
            test = set(order[fold::folds].tolist())
            train = [e for k, e in enumerate(entries) if k not in test]
            main, weak = _fit([main_part(e) for e in train]), _fit(train)
            for k in test:
                main_p[k], weak_p[k] = (_probability(main, entries[k]),
                                        _probability(weak, entries[k]))
        for cut in GRID:
            kept = [np.where(e["main"], m >= threshold, w >= cut).astype(float)
                    for e, m, w in zip(entries, main_p, weak_p, strict=True)]
            rows[cut].append(_score(bench, entries, kept, 0.5))
    return {t: {key: round(float(np.mean([r[key] for r in runs])), 3) for key in runs[0]}
            for t, runs in rows.items()}


def kept_threshold(table: dict[float, dict[str, float]],
                   recall_floor: float = RECALL_FLOOR) -> float:
    """The threshold of the best held-out F1 among those whose held-out link recall stays at
    or above ``recall_floor`` (the lowest threshold when none does)."""
    allowed = [t for t in table if table[t]["recall"] >= recall_floor] or [min(table)]
    return max(allowed, key=lambda t: table[t]["f1"])


def _show(part: str, every: dict[str, float], table: dict[float, dict[str, float]],
          kept: float) -> None:
    """Print the held-out table of a part, its kept threshold marked."""
    print(f"every candidate{', weak ones too' if part else ''}:", every)
    for t, row in table.items():
        print(f"{part}threshold {t:.2f}: {row}{'  <- kept' if t == kept else ''}")


def main(argv: list[str] | None = None) -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--folds", type=int, default=5)
    parser.add_argument("--repeats", type=int, default=3)
    parser.add_argument("--seed", type=int, default=0)
    parser.add_argument("--refit-main", action="store_true",
                        help="fit the main model too (default: keep the shipped one)")
    args = parser.parse_args(argv)
    bench = _bench()
    everything = candidate_rows(bench)
    entries = [main_part(e) for e in everything]
    table = held_out(bench, entries, args.folds, args.repeats, args.seed)
    every = _score(bench, entries, [np.ones(len(e["y"])) for e in entries], 0.5)
    if args.refit_main:
        threshold = kept_threshold(table)
        _show("", every, table, threshold)
        final = _fit(entries)
        main = {
            "features": list(FEATURES),
            "weights": [round(float(w), 6) for w in final.coef_[0]],
            "bias": round(float(final.intercept_[0]), 6),
            "threshold": threshold,
            "threshold_rule": f"best held-out F1 with link recall >= {RECALL_FLOOR}",
            "trained_on": {"labels": "bench/labels/real_pairs.jsonl", "pairs": len(entries),
                           "candidates": int(sum(len(e["y"]) for e in entries)),
                           "real_links": int(sum(e["y"].sum() for e in entries))},
            "held_out": {"folds": args.folds, "repeats": args.repeats, "seed": args.seed,
                         "every_candidate": every, "by_threshold": {str(t): r for t, r in
                                                                     table.items()}},
        }
    else:
        main = {k: v for k, v in json.loads(OUT.read_text(encoding="utf-8")).items()
                if k != "weak"}
        threshold = float(main["threshold"])
        print(f"main model kept as shipped (threshold {threshold})")
    weak_table = held_out_weak(bench, everything, threshold, args.folds, args.repeats, args.seed)
    every_weak = _score(bench, everything, [np.ones(len(e["y"])) for e in everything], 0.5)
    main_precision = table[threshold]["precision"]  # the main model alone, refitted by fold
    print(f"main model alone, held out at {threshold}: {table[threshold]}")
    weak_threshold = kept_threshold({t: row for t, row in weak_table.items()
                                     if row["precision"] >= main_precision} or weak_table)
    _show("weak ", every_weak, weak_table, weak_threshold)
    weak = _fit(everything)
    OUT.write_text(json.dumps(main | {
        "weak": {
            "weights": [round(float(w), 6) for w in weak.coef_[0]],
            "bias": round(float(weak.intercept_[0]), 6),
            "threshold": weak_threshold,
            "trained_on": {"candidates": int(sum(len(e["y"]) for e in everything)),
                           "weak_candidates": int(sum((~e["main"]).sum() for e in everything)),
                           "real_links": int(sum(e["y"].sum() for e in everything))},
            "held_out": {"every_candidate": every_weak,
                         "by_threshold": {str(t): r for t, r in weak_table.items()}},
        },
    }, indent=1) + "\n", encoding="utf-8")
    print(f"wrote {OUT}")


if __name__ == "__main__":
    main()
