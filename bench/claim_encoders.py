"""Which claim encoder, and how far the link model can go: e5 against USE, learning curve.

Usage: ``python bench/claim_encoders.py [--centre-texts 120] [--skip-curve]``

Issue #16 asks for a warm ``compare`` under a second, and the claim encoder (multilingual-e5-small
on ONNX Runtime) is most of that time; USE multilingual v3, the corpus story encoder, was said
to be far cheaper. Issue #12 asks for claim links at 0.85 recall and precision on the
labelled real pairs. This bench measures, on the same data as the shipped models:

1. **STS-B dev** (``../shared/data/sts``, the protocol of ``training/alignment/calibrate.py``:
   300 items in each of 9 language pairs, seed 13): Pearson of each encoder's raw cosine with
   the gold score per language pair, and of its own linear calibration over all pairs.
2. **Links on the labelled real pairs** (``bench/labels``, 59 SemEval pairs): the link model
   of ``training/alignment/train_links.py`` retrained on each encoder's claim matrices (its own
   calibration from step 1 and its own mean claim vector per language, from up to
   ``--centre-texts`` SemEval texts a language), held out by pair (5 folds, 3 repeats). USE's
   calibrated similarities run lower than e5's, so it is also run with a lower candidate floor
   (``partial_threshold``).
3. **More of the same labels**: the default link model's held-out F1 when each fold is fitted
   on a quarter, a half, three quarters or all of its training pairs.
4. **A second view**: USE's raw and centred claim cosines added to the default link model's
   features (on the default candidates).
5. **Cost**: milliseconds a claim for each encoder on the labelled pairs' own claims, each
   document's claims in one call as ``compare`` encodes them, no cache. (USE's cost a
   sentence depends on the batch: short STS sentences 300 at a time cost far less a sentence
   than a document's claims.)

Prints tables; writes ``bench/out/claim_encoders.json`` (figures only).
"""

from __future__ import annotations

import argparse
import importlib.util
import json
import random
import sys
import time
from pathlib import Path
from typing import Any

import numpy as np

ROOT = Path(__file__).resolve().parents[1]
OUT = ROOT / "bench" / "out" / "claim_encoders.json"


def _module(name: str, path: Path) -> Any:
    spec = importlib.util.spec_from_file_location(name, path)
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    sys.modules[name] = module
    spec.loader.exec_module(module)
    return module


def sts(encoders: dict[str, Any]) -> dict[str, Any]:
    """Step 1: per-pair Pearson of raw cosines, each encoder's calibration and its Pearson."""
    calibrate = _module("calibrate", ROOT / "training" / "alignment" / "calibrate.py")
    by_lang = calibrate.load_dev()
    rng = random.Random(13)
    n_items = len(by_lang["en"])
    cos: dict[str, list[float]] = {name: [] for name in encoders}
    gold: list[float] = []
    cross: list[bool] = []
    per_pair: dict[str, dict[str, float]] = {}
    for la, lb in calibrate.LANG_PAIRS:
        idx = rng.sample(range(n_items), 300)
        s1 = [by_lang[la][i]["s1"] for i in idx]
        s2 = [by_lang[lb][i]["s2"] for i in idx]
        scores = [float(by_lang["en"][i]["score"]) / 5 for i in idx]
        gold += scores
        cross += [la != lb] * len(idx)
        per_pair[f"{la}-{lb}"] = {}
        for name, encoder in encoders.items():
            va, vb = encoder.encode(s1), encoder.encode(s2)
            c = (va * vb).sum(axis=1)
            cos[name] += c.tolist()
            per_pair[f"{la}-{lb}"][name] = round(float(np.corrcoef(c, scores)[0, 1]), 3)
    y, mask = np.array(gold), np.array(cross)
    out: dict[str, Any] = {"by_pair": per_pair, "encoders": {}}
    for name in encoders:
        x = np.array(cos[name])
        same = np.polyfit(x[~mask], y[~mask], 1)
        other = np.polyfit(x[mask], y[mask], 1)
        pred = np.clip(np.where(mask, np.polyval(other, x), np.polyval(same, x)), 0, 1)
        out["encoders"][name] = {
            "same": [float(v) for v in same], "cross": [float(v) for v in other],
            "pearson_calibrated": round(float(np.corrcoef(pred, y)[0, 1]), 4)}
    return out


def claim_seconds(documents: list[Any], threads: int = 2) -> dict[str, float]:
    """Milliseconds a claim for each encoder, fresh (no cache), each document's claims in one
    call as ``compare`` encodes them, the encoders taking turns document by document."""
    from storydiff.embed.onnx_e5 import OnnxE5Encoder
    from storydiff.embed.use import UseEncoder

    fresh = {"e5": OnnxE5Encoder(threads), "use": UseEncoder(threads=threads)}
    for encoder in fresh.values():
        encoder.encode(["A warm-up sentence."])
    seconds = dict.fromkeys(fresh, 0.0)
    claims = 0
    for doc in documents:
        texts = [c.text for c in doc.claims]
        claims += len(texts)
        for name, encoder in fresh.items():
            started = time.perf_counter()
            encoder.encode(texts)
            seconds[name] += time.perf_counter() - started
    return {name: round(1000 * t / max(1, claims), 2) for name, t in seconds.items()}


def centres(encoder: Any, comparer: Any, pairs: list[Any], per_language: int) -> dict[str, Any]:
    """The mean claim vector per language over up to ``per_language`` SemEval texts."""
    from storydiff import InputError
    from storydiff.evaluate.semeval import semeval_clean_text

    sums: dict[str, list[np.ndarray]] = {}
    seen: set[str] = set()
    for pair in pairs:
        for text, lang in ((pair.text1, pair.lang1), (pair.text2, pair.lang2)):
            if text in seen or len(sums.get(lang, [])) >= per_language:
                continue
            seen.add(text)
            try:
                doc = comparer.prepare(semeval_clean_text(text, "centre", lang).text)
            except InputError:  # a page of boilerplate only, as some task texts are
                continue
            if doc.claims:
                sums.setdefault(lang, []).append(
                    encoder.encode([c.text for c in doc.claims]).mean(axis=0))
    return {lang: np.mean(vectors, axis=0) for lang, vectors in sums.items()}


def _best(table: dict[float, dict[str, float]]) -> dict[str, Any]:
    """The threshold of the best held-out F1, with its figures."""
    threshold = max(table, key=lambda t: table[t]["f1"])
    return {"threshold": threshold, **table[threshold]}


def _at_recall(links: Any, table: dict[float, dict[str, float]]) -> dict[str, Any]:
    """The threshold the shipped rule keeps (best F1 at link recall >= its floor), with its
    figures."""
    threshold = links.kept_threshold(table)
    return {"threshold": threshold, **table[threshold]}


def _with_use(entries: list[dict[str, Any]], use_cosines: list[np.ndarray]) -> list[dict[str, Any]]:
    """Entries with USE's raw and centred claim cosines as two more feature columns (the same
    seen from A and from B)."""
    return [{**e, "forward": np.hstack([e["forward"], extra]),
             "backward": np.hstack([e["backward"], extra])}
            for e, extra in zip(entries, use_cosines, strict=True)]


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--centre-texts", type=int, default=120)
    parser.add_argument("--skip-curve", action="store_true")
    args = parser.parse_args()
    from storydiff import Comparer
    from storydiff.align.alignment import CosineCalibration
    from storydiff.embed import default_encoder
    from storydiff.embed.centres import center_of, centred
    from storydiff.embed.use import UseEncoder
    from storydiff.evaluate.semeval import load_semeval
    from storydiff.settings import Settings

    links = _module("train_links", ROOT / "training" / "alignment" / "train_links.py")
    bench = links._bench()
    started = time.perf_counter()
    encoders = {"e5": default_encoder(), "use": UseEncoder(threads=2)}
    result: dict[str, Any] = {"sts": sts(encoders)}
    print("STS-B dev, Pearson of the raw cosine per language pair:")
    for name, row in result["sts"]["by_pair"].items():
        print(f"  {name:6}" + "".join(f"{enc:>5} {row[enc]:.3f}" for enc in encoders))
    for name, info in result["sts"]["encoders"].items():
        print(f"  {name}: calibrated over all pairs {info['pearson_calibrated']:.3f}")

    # step 2: the link model on each encoder's matrices
    pairs = load_semeval(links.DATA)
    result["links"] = {}
    default_entries = links.candidate_rows(bench)
    runs = [("e5", default_entries)]
    use = encoders["use"]
    use_comparer = Comparer(encoder=use)
    info = result["sts"]["encoders"]["use"]
    calibration = CosineCalibration(tuple(info["same"]), tuple(info["cross"]))
    use_centres = centres(use, use_comparer, pairs, args.centre_texts)
    for floor in (0.35, 0.25):
        runs.append((f"use (candidates from {floor})", links.candidate_rows(
            bench, use_comparer, Settings(partial_threshold=floor), calibration=calibration,
            centers=use_centres)))
    print("\nLinks on the labelled real pairs, held out by pair:")
    for name, entries in runs:
        table = links.held_out(bench, entries)
        every = links._score(bench, entries, [np.ones(len(e["y"])) for e in entries], 0.5)
        row = {"candidates": int(sum(len(e["y"]) for e in entries)), "every_candidate": every,
               "best_f1": _best(table), "recall_floor_0.6": _at_recall(links, table)}
        result["links"][name] = row
        print(f"  {name:28} candidates {row['candidates']:5}  every {every}  best "
              f"{row['best_f1']}  at recall >= 0.6 {row['recall_floor_0.6']}")

    # step 4: USE cosines as two more features on the default candidates
    use_cosines = []
    documents = []
    for entry in default_entries:
        a, b = entry["documents"]  # the claims the candidates' indices point into
        documents += [a, b]
        va = use.encode([c.text for c in a.claims])
        vb = use.encode([c.text for c in b.claims])
        ca = centred(va, center_of(a.language, use_centres))
        cb = centred(vb, center_of(b.language, use_centres))
        extra = [(float(va[i] @ vb[j]), float(ca[i] @ cb[j])) for i, j in entry["pairs"]]
        use_cosines.append(np.array(extra).reshape(-1, 2))
    table = links.held_out(bench, _with_use(default_entries, use_cosines))
    result["links"]["e5 + USE cosines"] = {"best_f1": _best(table),
                                           "recall_floor_0.6": _at_recall(links, table)}
    print(f"  {'e5 + USE cosines':28} best {_best(table)}")
    result["ms_per_claim"] = claim_seconds(documents)
    print(f"\nEncoding the labelled pairs' claims ({sum(len(d.claims) for d in documents)}, one "
          f"call a document, no cache), ms a claim: {result['ms_per_claim']}")

    # step 3: learning curve of the default link model
    if not args.skip_curve:
        result["curve"] = {}
        print("\nThe default link model fitted on a share of each fold's training pairs:")
        for share in (0.25, 0.5, 0.75, 1.0):
            best = _best(links.held_out(bench, default_entries, repeats=4, seed=1,
                                        train_share=share))
            result["curve"][str(share)] = best
            print(f"  {share:4.0%} of ~47 pairs: best held-out F1 {best['f1']:.3f} "
                  f"(recall {best['recall']:.3f}, precision {best['precision']:.3f})")
    result["seconds"] = round(time.perf_counter() - started, 1)
    OUT.parent.mkdir(parents=True, exist_ok=True)
    OUT.write_text(json.dumps(result, indent=1, default=float) + "\n", encoding="utf-8")
    print(f"\n{result['seconds']:.0f} s; wrote {OUT.relative_to(ROOT)}")


if __name__ == "__main__":
    main()
