"""The similarity scorer as judge of borderline story merges, measured out of fold.

Ingests every SemEval-2022 Task 8 training article into a temporary default corpus (as
``bench/corpus.py`` does), then re-clusters the corpus's candidate pairs as ``Corpus`` does with
``borderline_margin`` > 0: a pair whose story similarity lies within the margin of
``story_threshold`` takes the scorer's P(same story) instead. The scorer's head (the shipped
recipe) is refitted without the cross-validation folds (``training/scorer``, seed 0) of the
pair's two articles, so no judged pair was seen in training. Prints pairwise story precision,
recall and F1 on the labelled pairs, without the judge and with each margin, and the pairs
judged.

Needs the scorer's training caches (``python -m training.scorer.build_features``); judging a
pair there costs an alignment on cached claim vectors, far less than in a real ingest.
Run: ``python bench/story_judge.py [--margins 0.03 0.06]``.
"""

from __future__ import annotations

import argparse
import json
import pickle
import sqlite3
import sys
import tempfile
import time
from pathlib import Path
from typing import Any

import numpy as np
from _data import ROOT

from corpus import semeval_articles

sys.path.insert(0, str(ROOT))

from training.scorer import train as scorer_train
from training.scorer.build_features import DOCS, _doc_key, load_features
from training.scorer.folds import group_folds
from training.scorer.models import Head
from training.scorer.store_encoder import StoreEncoder

from storydiff.align.alignment import align_claims
from storydiff.corpus import Corpus, CorpusConfig
from storydiff.corpus.clustering import DUPLICATE_SIMILARITY, cluster_labels
from storydiff.corpus.linking import entity_overlap, pair_similarity_heuristic
from storydiff.evaluate.semeval import load_semeval
from storydiff.similarity.features import pair_features

WEIGHTS_JSON = ROOT / "src" / "storydiff" / "similarity" / "weights" / "scorer.json"


def stored_corpus(articles: dict[str, tuple[str, str]], cfg: CorpusConfig) -> dict[str, Any]:
    """Ingest the articles; return their keys, languages, story vectors, entity keys and the
    near-duplicate pairs, in the order ``Corpus`` clusters them (by content hash)."""
    keys = list(articles)
    with tempfile.TemporaryDirectory() as tmp:
        with Corpus(Path(tmp) / "store", config=cfg) as corpus:
            corpus.add([{"id": k, "text": t, "lang": lang} for k, (t, lang) in articles.items()])
        db = sqlite3.connect(Path(tmp) / "store" / "corpus.sqlite")
        rows = db.execute("SELECT a.id, a.source, a.language, f.embedding, f.entities FROM "
                          "articles a JOIN features f ON f.article_id = a.id "
                          "ORDER BY a.content_hash").fetchall()
        links = db.execute("SELECT a, b FROM links WHERE kind = 'dup'").fetchall()
        db.close()
    position = {r[0]: i for i, r in enumerate(rows)}
    return {"keys": [keys[int(r[1].strip("<>").split()[-1]) - 1] for r in rows],
            "langs": np.array([r[2] for r in rows]),
            "vectors": np.vstack([np.frombuffer(r[3], dtype=np.float32) for r in rows]),
            "entities": [frozenset(json.loads(r[4])) for r in rows],
            "dups": [(position[a], position[b]) for a, b in links]}


def candidates(store: dict[str, Any], cfg: CorpusConfig) -> tuple[np.ndarray, ...]:
    """Every pair that can reach ``candidate_cosine``, with its story similarity computed as
    ``Corpus`` computes it (``corpus.linking``)."""
    vectors, langs, ents = store["vectors"], store["langs"], store["entities"]
    upper = np.triu_indices(len(vectors), 1)
    cosine = (vectors @ vectors.T)[upper]
    # the entity bonus is at most entity_weight: pairs below this bound never link
    reachable = cosine + cfg.cross_language_bonus + cfg.entity_weight >= cfg.candidate_cosine
    first, second, cosine = upper[0][reachable], upper[1][reachable], cosine[reachable]
    similarity = np.array([
        pair_similarity_heuristic(float(c), entity_overlap(ents[i], ents[j]),
                                  bool(langs[i] != langs[j]), cfg)
        for i, j, c in zip(first, second, cosine, strict=True)])
    return first, second, similarity


class OutOfFoldJudge:
    """P(same story) of a pair from a scorer head fitted without the folds of its articles."""

    def __init__(self, store: dict[str, Any]) -> None:
        pairs = load_semeval(scorer_train.TRAIN_CSV)
        cached = load_features(pairs)
        if cached is None:
            raise SystemExit("no feature cache: run python -m training.scorer.build_features")
        self.x, self.centers = cached
        self.y, self.folds = scorer_train.labels(pairs), group_folds(pairs, 5, 0)
        self.fold_of: dict[str, int] = {}
        for pair, fold in zip(pairs, self.folds, strict=True):
            for key in pair.pair_id.split("_"):
                self.fold_of.setdefault(key, int(fold))
        shipped = json.loads(WEIGHTS_JSON.read_text())
        calibration = shipped["calibration"]
        self.slope, self.intercept = calibration["slope"], calibration["intercept"]
        self.candidate = next(c for c in scorer_train.candidates(shipped["seed"])
                              if c.name == shipped["head"])  # the shipped head's recipe
        self.docs = pickle.loads(DOCS.read_bytes())
        self.encoder = StoreEncoder()
        self.articles = semeval_articles()
        self.keys = store["keys"]
        self.heads: dict[tuple[int, ...], Head] = {}
        self.seen: dict[tuple[int, int], float] = {}

    def _head(self, excluded: tuple[int, ...]) -> Head:
        if excluded not in self.heads:
            keep = ~np.isin(self.folds, excluded)
            self.heads[excluded] = self.candidate.fit(self.x[keep], self.y[keep], None)
        return self.heads[excluded]

    def _doc(self, i: int) -> Any:
        text, lang = self.articles[self.keys[i]]
        return self.docs[_doc_key(text, lang)]

    def __call__(self, i: int, j: int) -> float:
        if (i, j) not in self.seen:
            a, b = self._doc(i), self._doc(j)
            features = pair_features(a, b, align_claims(a, b, self.encoder), self.encoder,
                                     centers=self.centers)
            excluded = tuple(sorted({self.fold_of[self.keys[i]], self.fold_of[self.keys[j]]}))
            predicted = self._head(excluded).predict(features[None, :])[0]
            overall = float(np.clip(predicted[scorer_train.OVERALL], 1.0, 4.0))
            self.seen[(i, j)] = 1.0 / (1.0 + np.exp(-(self.slope * overall + self.intercept)))
        return self.seen[(i, j)]


def story_scores(labels: np.ndarray, labelled: list[tuple[int, int, bool]]) -> dict[str, float]:
    """Pairwise precision, recall and F1 of "same story" on the labelled pairs."""
    tp = sum(labels[i] == labels[j] and truth for i, j, truth in labelled)
    fp = sum(labels[i] == labels[j] and not truth for i, j, truth in labelled)
    fn = sum(labels[i] != labels[j] and truth for i, j, truth in labelled)
    return {"precision": round(float(tp / (tp + fp)), 4),
            "recall": round(float(tp / (tp + fn)), 4),
            "f1": round(float(2 * tp / (2 * tp + fp + fn)), 4)}


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--margins", type=float, nargs="+", default=[0.03, 0.06])
    args = parser.parse_args()
    cfg = CorpusConfig()
    store = stored_corpus(semeval_articles(), cfg)
    position = {key: i for i, key in enumerate(store["keys"])}
    labelled = [(position[a], position[b], p.labels["overall"] <= 2)
                for p in load_semeval(scorer_train.TRAIN_CSV)
                for a, b in [p.pair_id.split("_")] if a in position and b in position]
    first, second, similarity = candidates(store, cfg)
    n = len(store["keys"])

    def cluster(values: np.ndarray) -> np.ndarray:
        keep = values >= cfg.candidate_cosine
        links = list(zip(first[keep].tolist(), second[keep].tolist(), values[keep].tolist(),
                         strict=True))
        links += [(a, b, DUPLICATE_SIMILARITY) for a, b in store["dups"]]
        return cluster_labels(n, links, cfg.story_threshold)

    print("no judge:", story_scores(cluster(similarity), labelled), flush=True)
    judge = OutOfFoldJudge(store)
    for margin in args.margins:
        border = np.flatnonzero(np.abs(similarity - cfg.story_threshold) < margin)
        started, judged = time.perf_counter(), similarity.copy()
        for k in border:
            p = judge(int(first[k]), int(second[k]))
            judged[k] = cfg.story_threshold + (p - 0.5) * 2 * margin
        print(f"margin {margin}: {len(border)} pairs judged in "
              f"{time.perf_counter() - started:.0f} s:", story_scores(cluster(judged), labelled),
              flush=True)


if __name__ == "__main__":
    main()
