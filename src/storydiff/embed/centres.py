"""Mean vectors per language, removed from sentence vectors before a "centred" cosine.

A small multilingual encoder puts every text of one language in a narrow cone, so the raw cosine
of two unrelated sentences of one language is high. Removing the language's mean vector first
spreads them out again (the "all-but-the-top" post-processing of Mu and Viswanath, 2018, reduced
to its first step). The means of the scorer's training texts ship inside the scorer's weights
archive (``similarity/weights/scorer.npz``, written by ``training/scorer``): the aligner reads
the claim means from there, the scorer all three groups.
"""

from __future__ import annotations

import functools
import zipfile
from collections.abc import Mapping
from dataclasses import dataclass, field
from importlib import resources
from typing import Any

import numpy as np

from .._errors import ModelError

__all__ = ["ALL_LANGUAGES", "CENTER_ARRAYS", "Centers", "center_arrays", "center_of", "centred",
           "read_centers", "shipped_centers"]

ALL_LANGUAGES = "*"
"""Key of the all-language mean vector in each mapping of ``Centers``."""

CENTER_ARRAYS = {"claims": "centers", "documents": "doc_centers", "texts": "text_centers"}
"""``Centers`` field → name of its array in the weights archive (languages: ``<name>_langs``)."""

_ARCHIVE = ("storydiff.similarity", "weights/scorer.npz")


@dataclass(frozen=True)
class Centers:
    """Mean vectors per language (ISO code; ``"*"`` for all languages, used for the others),
    removed before the centred cosines. The scorer's weights ship the ones of its training texts.

    Attributes:
        claims: the claim encoder's mean claim vector.
        documents: the claim encoder's mean vector of a text's first 1,200 characters.
        texts: the second encoder's mean vector of a text's first 5,000 characters.
    """

    claims: Mapping[str, np.ndarray] = field(default_factory=dict)
    documents: Mapping[str, np.ndarray] = field(default_factory=dict)
    texts: Mapping[str, np.ndarray] = field(default_factory=dict)


def center_of(language: str, centers: Mapping[str, np.ndarray]) -> np.ndarray | None:
    """The mean vector of ``language``, else of all languages (``"*"``), or None."""
    return centers.get(language, centers.get(ALL_LANGUAGES))


def centred(vectors: np.ndarray, center: np.ndarray | None) -> np.ndarray:
    """Unit vectors after removing the mean vector ``center`` (unchanged when None or unfit).

    Example:
        >>> centred(np.array([[1.0, 2.0]]), np.array([1.0, 0.0])).tolist()
        [[0.0, 1.0]]
    """
    if center is None or center.shape != vectors.shape[1:]:
        return vectors
    shifted = vectors - center
    norms = np.linalg.norm(shifted, axis=1, keepdims=True)
    unit: np.ndarray = shifted / np.where(norms > 0, norms, 1.0)
    return unit


def center_arrays(centers: Centers) -> dict[str, np.ndarray]:
    """``centers`` as arrays of a weights archive (float32): the inverse of ``read_centers``."""
    out = {}
    for group, name in CENTER_ARRAYS.items():
        mapping = getattr(centers, group)
        out[f"{name}_langs"] = np.array(list(mapping))
        out[name] = np.stack(list(mapping.values())).astype(np.float32)
    return out


def read_centers(data: Any) -> Centers:
    """Mean vectors by language (``"*"``: all languages) from an archive ``center_arrays``
    wrote (ValueError when a group lacks ``"*"`` or its sizes disagree)."""
    groups = {}
    for group, name in CENTER_ARRAYS.items():
        langs = [str(x) for x in data[f"{name}_langs"]]
        vectors = np.asarray(data[name], np.float32)
        if len(langs) != len(vectors) or ALL_LANGUAGES not in langs:
            raise ValueError(f"the language centers ({group}) are incomplete")
        groups[group] = dict(zip(langs, vectors, strict=True))
    return Centers(**groups)


@functools.cache
def shipped_centers() -> Centers:
    """The means shipped in the scorer's weights archive, loaded once.

    Raises:
        ModelError: the archive is missing or corrupt.
    """
    package, name = _ARCHIVE
    path = resources.files(package).joinpath(name)
    try:
        with path.open("rb") as handle, np.load(handle, allow_pickle=False) as data:
            return read_centers(data)
    except (OSError, KeyError, ValueError, zipfile.BadZipFile) as exc:
        raise ModelError(f"the language means in {path} are missing or corrupt ({exc}); "
                         "reinstall storydiff or run training/scorer/train.py") from exc
