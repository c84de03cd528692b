"""Training pairs made by construction, with labels that follow from how they were made.

Usage: ``OMP_NUM_THREADS=1 python -m training.scorer.augment`` (after ``build_features``)

The SemEval pairs hold almost no near-copies and no article padded with another story, so a
head fitted on them alone extrapolates there. One pair is made from each labelled pair (the
kind cycles in a seeded order), from its own texts, so it falls in that pair's fold:

- ``copy``: text 1 against an edited copy of itself (``evaluate.variants.edited_copy``, up to 5%
  of the words): every dimension 1;
- ``excerpt``: text 1 against its first half or every other paragraph: every dimension 1;
- ``append_a`` / ``append_b``: the pair with an article of another pair appended to one side:
  the pair's labels plus ``APPEND_PENALTY`` (at most 4): a second story on one side makes the
  two no more alike.

The variant side goes through the whole pipeline (``storydiff.prepare``: read, clean, analyse),
as a user's file would. Rows are cached in ``training/cache/augmented.npz``.
"""

from __future__ import annotations

import pickle
import random
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path

import numpy as np

from storydiff import InputError, Settings
from storydiff.document import Document
from storydiff.embed.use import default_story_encoder
from storydiff.evaluate.semeval import SemevalPair, load_semeval, semeval_clean_text
from storydiff.evaluate.variants import appended, edited_copy, excerpt
from storydiff.pipeline.comparer import prepare
from storydiff.similarity.features import FEATURE_NAMES
from storydiff.similarity.scorer import DIMENSIONS

from .build_features import analysed_documents, documents_of, load_features, pair_row
from .embed_texts import TRAIN_CSV
from .store_encoder import StoreEncoder
from .vector_store import CACHE_DIR

AUGMENTED = CACHE_DIR / "augmented.npz"
MADE_DOCS = CACHE_DIR / "augmented-docs.pkl"
KINDS = ("copy", "excerpt", "append_a", "append_b")
#: How much less alike every dimension becomes when one side carries a second story.
APPEND_PENALTY = 0.25


@dataclass(frozen=True)
class Augmented:
    """Rows made by construction: features, labels, the labelled pair each comes from, kind."""

    x: np.ndarray
    y: np.ndarray
    source: np.ndarray
    kinds: list[str]


def _article(text: str, pair: SemevalPair, lang: str) -> str:
    """A task text as a user would pass it: title line, blank line, body."""
    return semeval_clean_text(text, pair.pair_id, lang).text


def _labels(kind: str, gold: np.ndarray) -> np.ndarray:
    """The labels of a made pair, from the labels of the pair it was made from."""
    if kind in ("copy", "excerpt"):
        return np.ones(len(DIMENSIONS))
    return np.minimum(gold + APPEND_PENALTY, 4.0)


def _other(rng: random.Random, pairs: Sequence[SemevalPair], pair: SemevalPair) -> SemevalPair:
    """A pair of another story (another base pair) to take an unrelated article from."""
    while True:
        other = pairs[rng.randrange(len(pairs))]
        if other.base_id != pair.base_id:
            return other


def _made_pair(kind: str, rng: random.Random, pair: SemevalPair, pairs: Sequence[SemevalPair],
               docs: dict[str, Document], settings: Settings) -> tuple[Document, Document]:
    """The two documents of one made pair."""
    a, b = documents_of(pair, docs)
    text_a = _article(pair.text1, pair, pair.lang1)
    if kind == "copy":
        return a, prepare(edited_copy(text_a, rng).text, settings=settings)
    if kind == "excerpt":
        how = rng.choice(("first_half", "every_other"))
        return a, prepare(excerpt(text_a, how).text, settings=settings)
    other = _other(rng, pairs, pair)
    extra = _article(other.text1, other, other.lang1)
    if kind == "append_a":
        return prepare(appended(text_a, extra).text, settings=settings), b
    text_b = _article(pair.text2, pair, pair.lang2)
    return a, prepare(appended(text_b, extra).text, settings=settings)


def _made_documents(pairs: Sequence[SemevalPair], kinds: Sequence[str],
                    docs: dict[str, Document], settings: Settings, rng: random.Random,
                    path: Path = MADE_DOCS) -> dict[int, tuple[Document, Document] | None]:
    """The analysed documents of every made pair (None where the made text was refused),
    cached in ``path``: the texts depend only on the seed, the analysis on the code (delete
    the cache with ``docs.pkl`` after changing analysis)."""
    if path.exists():
        cached: dict[int, tuple[Document, Document] | None] = pickle.loads(path.read_bytes())
        return cached
    out: dict[int, tuple[Document, Document] | None] = {}
    for i, (pair, kind) in enumerate(zip(pairs, kinds, strict=True)):
        try:
            out[i] = _made_pair(kind, rng, pair, pairs, docs, settings)
        except InputError as exc:  # e.g. nothing left of a tiny excerpt once cleaned
            print(f"skipped {pair.pair_id} ({kind}): {exc}", flush=True)
            out[i] = None
        if i % 100 == 99:
            print(f"made {i + 1}/{len(pairs)} pairs", flush=True)
    path.write_bytes(pickle.dumps(out))
    return out


def build(pairs: Sequence[SemevalPair], gold: np.ndarray, seed: int = 0) -> Augmented:
    """One made pair for each labelled pair (kinds dealt in a seeded order)."""
    cached = load_features(pairs)
    if cached is None:
        raise SystemExit("no feature cache: run python -m training.scorer.build_features first")
    centers = cached[1]
    docs = analysed_documents(pairs)
    encoder, text_encoder, settings = StoreEncoder(), default_story_encoder(), Settings()
    rng = random.Random(seed)
    kinds = [KINDS[i % len(KINDS)] for i in range(len(pairs))]
    rng.shuffle(kinds)
    made_docs = _made_documents(pairs, kinds, docs, settings, rng)
    rows, labels, source, made = [], [], [], []
    for i, kind in enumerate(kinds):
        if made_docs.get(i) is None:
            continue
        a, b = made_docs[i]
        rows.append(pair_row(a, b, encoder, centers, text_encoder))
        labels.append(_labels(kind, gold[i]))
        source.append(i)
        made.append(kind)
    encoder.save()
    return Augmented(np.vstack(rows), np.vstack(labels), np.array(source), made)


def save(aug: Augmented, pairs: Sequence[SemevalPair], path: Path = AUGMENTED) -> None:
    """Cache the made rows beside the feature cache."""
    np.savez(path, x=aug.x, y=aug.y, source=aug.source, kinds=np.array(aug.kinds),
             pair_ids=np.array([p.pair_id for p in pairs]), names=np.array(FEATURE_NAMES))


def load(pairs: Sequence[SemevalPair], path: Path = AUGMENTED) -> Augmented | None:
    """The cached made rows for exactly these pairs and feature names, or None."""
    if not path.exists():
        return None
    with np.load(path) as data:
        same = (data["pair_ids"].tolist() == [p.pair_id for p in pairs]
                and tuple(data["names"].tolist()) == FEATURE_NAMES)
        if not same:
            return None
        return Augmented(np.asarray(data["x"]), np.asarray(data["y"]),
                         np.asarray(data["source"]), [str(k) for k in data["kinds"]])


def main() -> None:
    """Build and cache the made pairs."""
    from .train import labels

    pairs = load_semeval(TRAIN_CSV)
    aug = build(pairs, labels(pairs))
    save(aug, pairs)
    counts = {k: aug.kinds.count(k) for k in KINDS}
    print(f"wrote {AUGMENTED} {aug.x.shape} {counts}")


if __name__ == "__main__":
    main()
