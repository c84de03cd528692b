"""Analyse every training text, align every pair and compute ``pair_features``, with caches.

Usage: ``OMP_NUM_THREADS=1 python -m training.scorer.build_features``

Caches (``training/cache``, never committed): ``docs.pkl`` (analysed Documents by text hash and
language), ``e5-claims.npz`` (claim vectors), ``features.npz`` (one row a pair).
"""

from __future__ import annotations

import pickle
from collections.abc import Callable, Iterable, Sequence
from pathlib import Path

import numpy as np

from storydiff.align.alignment import align_claims
from storydiff.analyse import analyse
from storydiff.document import Document
from storydiff.embed.centres import ALL_LANGUAGES, Centers, center_arrays, read_centers
from storydiff.embed.encoder import Encoder
from storydiff.embed.use import default_story_encoder
from storydiff.evaluate.semeval import SemevalPair, load_semeval, semeval_clean_text
from storydiff.similarity.features import (
    DOC_CHARS,
    FEATURE_NAMES,
    WHOLE_CHARS,
)
from storydiff.similarity.trained import scorer_inputs

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


def _mean_vectors(docs: Iterable[Document], view: Callable[[Document], list[str]],
                  encoder: Encoder) -> dict[str, np.ndarray]:
    """Mean vector per language and over all (``"*"``) of the texts ``view`` takes from each
    document; each distinct text counted once."""
    by_language: dict[str, dict[str, None]] = {ALL_LANGUAGES: {}}
    for doc in docs:
        for text in view(doc):
            by_language.setdefault(doc.language, {})[text] = None
            by_language[ALL_LANGUAGES][text] = None
    return {lang: np.asarray(encoder.encode(list(texts)).mean(axis=0), dtype=np.float64)
            for lang, texts in sorted(by_language.items())}


def language_centers(docs: dict[str, Document], encoder: StoreEncoder,
                     text_encoder: Encoder) -> Centers:
    """``Centers`` of the training texts: mean claim vectors, mean 1,200-character vectors of
    the claim encoder and mean 5,000-character vectors of the second encoder, per language."""
    documents = list(docs.values())
    return Centers(
        claims=_mean_vectors(documents, lambda d: [c.text for c in d.claims], encoder),
        documents=_mean_vectors(documents, lambda d: [d.clean_text[:DOC_CHARS]], encoder),
        texts=_mean_vectors(documents, lambda d: [d.clean_text[:WHOLE_CHARS]], text_encoder))


def pair_row(a: Document, b: Document, encoder: Encoder, centers: Centers,
             text_encoder: Encoder) -> np.ndarray:
    """One pair's feature row, as the shipped scorer computes it (through the real aligner)."""
    alignment = align_claims(a, b, encoder)
    return scorer_inputs(a, b, alignment, encoder, centers=centers,
                         text_encoder=text_encoder)[0]


def feature_matrix(pairs: Sequence[SemevalPair], docs: dict[str, Document],
                   encoder: StoreEncoder, centers: Centers, text_encoder: Encoder) -> np.ndarray:
    """One row of features a pair, computed through the real aligner."""
    rows = []
    for n, pair in enumerate(pairs):
        a, b = documents_of(pair, docs)
        rows.append(pair_row(a, b, encoder, centers, text_encoder))
        if n % 100 == 99:
            print(f"features {n + 1}/{len(pairs)}", flush=True)
    encoder.save()
    return np.vstack(rows)


def load_features(pairs: Sequence[SemevalPair],
                  path: Path = FEATURES) -> tuple[np.ndarray, Centers] | None:
    """Cached features for exactly these pairs and feature names, and the centers; or None."""
    if not path.exists():
        return None
    with np.load(path) as data:
        same = (data["pair_ids"].tolist() == [p.pair_id for p in pairs]
                and tuple(data["names"].tolist()) == FEATURE_NAMES)
        return (np.asarray(data["x"]), read_centers(data)) if same else None


def main() -> None:
    """Build (or refresh) the feature cache for the training file."""
    pairs = load_semeval(TRAIN_CSV)
    docs = analysed_documents(pairs)
    encoder, text_encoder = StoreEncoder(), default_story_encoder()
    centers = language_centers(docs, encoder, text_encoder)
    x = feature_matrix(pairs, docs, encoder, centers, text_encoder)
    np.savez(FEATURES, x=x, pair_ids=np.array([p.pair_id for p in pairs]),
             names=np.array(FEATURE_NAMES),
             **center_arrays(centers))  # type: ignore[arg-type]
    print(f"wrote {FEATURES} {x.shape}")


if __name__ == "__main__":
    main()
