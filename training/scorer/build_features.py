"""Analyse every training text, align every pair and compute ``pair_features``, with caches.

Usage: ``OMP_NUM_THREADS=1 python -m training.scorer.build_features``

Caches (``training/cache``, never committed): ``docs.pkl`` (analysed Documents by text hash and
language), ``e5-claims.npz`` (claim vectors), ``features.npz`` (one row a pair).
"""

from __future__ import annotations

import pickle
from collections.abc import Sequence
from pathlib import Path

import numpy as np

from storydiff.analyse import analyse
from storydiff.compare.align import align_claims
from storydiff.document import Document
from storydiff.evaluate.semeval import SemevalPair, load_semeval, semeval_clean_text
from storydiff.similarity.features import ALL_LANGUAGES, FEATURE_NAMES, pair_features

from .embed_texts import TRAIN_CSV
from .store_encoder import StoreEncoder
from .vector_store import CACHE_DIR, text_key

DOCS = CACHE_DIR / "docs.pkl"
FEATURES = CACHE_DIR / "features.npz"


def _doc_key(text: str, lang: str) -> str:
    """Cache key of one analysed text."""
    return f"{text_key(text)}:{lang}"


def analysed_documents(pairs: Sequence[SemevalPair], path: Path = DOCS) -> dict[str, Document]:
    """Every text of ``pairs`` analysed once, keyed by ``_doc_key``; cached in ``path``."""
    docs: dict[str, Document] = pickle.loads(path.read_bytes()) if path.exists() else {}
    for n, pair in enumerate(pairs):
        for text, lang in ((pair.text1, pair.lang1), (pair.text2, pair.lang2)):
            key = _doc_key(text, lang)
            if key not in docs:
                docs[key] = analyse(semeval_clean_text(text, pair.pair_id, lang))
        if n % 100 == 99:
            print(f"analysed {n + 1}/{len(pairs)} pairs", flush=True)
    path.write_bytes(pickle.dumps(docs))
    return docs


def documents_of(pair: SemevalPair, docs: dict[str, Document]) -> tuple[Document, Document]:
    """The two analysed documents of a pair."""
    return docs[_doc_key(pair.text1, pair.lang1)], docs[_doc_key(pair.text2, pair.lang2)]


def claim_centers(docs: dict[str, Document], encoder: StoreEncoder) -> dict[str, np.ndarray]:
    """Mean claim vector per language and over all (``"*"``); each distinct claim counted once."""
    by_language: dict[str, dict[str, None]] = {ALL_LANGUAGES: {}}
    for doc in docs.values():
        for claim in doc.claims:
            by_language.setdefault(doc.language, {})[claim.text] = None
            by_language[ALL_LANGUAGES][claim.text] = None
    return {lang: np.asarray(encoder.encode(list(texts)).mean(axis=0), dtype=np.float64)
            for lang, texts in sorted(by_language.items())}


def feature_matrix(pairs: Sequence[SemevalPair], docs: dict[str, Document],
                   encoder: StoreEncoder, centers: dict[str, np.ndarray]) -> np.ndarray:
    """One row of features a pair, computed through the real aligner."""
    rows = []
    for n, pair in enumerate(pairs):
        a, b = documents_of(pair, docs)
        alignment = align_claims(a, b, encoder)
        rows.append(pair_features(a, b, alignment, encoder, centers=centers))
        if n % 100 == 99:
            print(f"features {n + 1}/{len(pairs)}", flush=True)
    encoder.save()
    return np.vstack(rows)


def load_features(pairs: Sequence[SemevalPair],
                  path: Path = FEATURES) -> tuple[np.ndarray, dict[str, np.ndarray]] | None:
    """Cached features for exactly these pairs and feature names, and the centers; or None."""
    if not path.exists():
        return None
    with np.load(path) as data:
        same = (data["pair_ids"].tolist() == [p.pair_id for p in pairs]
                and tuple(data["names"].tolist()) == FEATURE_NAMES)
        centers = dict(zip(data["center_langs"].tolist(), data["centers"], strict=True))
        return (np.asarray(data["x"]), centers) if same else None


def main() -> None:
    """Build (or refresh) the feature cache for the training file."""
    pairs = load_semeval(TRAIN_CSV)
    docs = analysed_documents(pairs)
    encoder = StoreEncoder()
    centers = claim_centers(docs, encoder)
    x = feature_matrix(pairs, docs, encoder, centers)
    np.savez(FEATURES, x=x, center_langs=np.array(list(centers)),
             centers=np.stack(list(centers.values())),
             pair_ids=np.array([p.pair_id for p in pairs]), names=np.array(FEATURE_NAMES))
    print(f"wrote {FEATURES} {x.shape}")


if __name__ == "__main__":
    main()
