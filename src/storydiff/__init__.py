"""storydiff: compare news articles claim by claim.

    >>> import storydiff
    >>> a, b = "examples/original.txt", "examples/rewrite.txt"
    >>> report = storydiff.compare(a, b)  # doctest: +SKIP
    >>> print(report.summary())  # doctest: +SKIP

``compare`` returns a ``Report``; ``Comparer`` keeps the models loaded for many comparisons
(``compare_many`` runs pairs in worker processes, a ``PairFailure`` in place of a pair that
failed) and an ``AnalysisCache`` of analysed documents and claim vectors; ``prepare`` turns one
input into an analysed ``Document``; ``Corpus`` is a store of many articles grouped into stories.
A ``Report`` holds a ``Similarity``, an ``Alignment`` of ``Link``s, ``Discrepancy`` records,
``ReusedPassage``s and a ``LikelySource``. The models sit behind small interfaces (``Encoder``,
``Scorer``, ``ContradictionModel``); the options are ``Settings``, ``CorpusConfig`` and
``ServeConfig``. Every error is a ``StorydiffError``.
"""

import typing

from ._errors import (
    BinaryInputError,
    DecodingError,
    EmptyInputError,
    FetchError,
    InputError,
    InputFormatError,
    InputTooLargeError,
    ModelError,
    NoArticleBodyError,
    SettingsError,
    StoreError,
    StoreFullError,
    StoreReadOnlyError,
    StorydiffError,
    TimeBudgetError,
    UnknownIdError,
)
from ._version import __version__
from .align import Alignment, Link
from .discrepancies import ContradictionModel, Discrepancy
from .document import Article, Document, Span
from .embed import Encoder
from .pipeline import AnalysisCache, Comparer, PairFailure, WorkerDiedError, compare, prepare
from .provenance import LikelySource, ReusedPassage
from .report import SCHEMA_VERSION, Report
from .settings import CorpusConfig, ServeConfig, Settings
from .similarity import Scorer, Similarity

if typing.TYPE_CHECKING:
    from .corpus import Corpus


def __getattr__(name: str) -> typing.Any:
    """``Corpus`` on first use: corpus mode's imports (SciPy's graph routines, faiss, the
    stores) cost a second of start-up that ``compare`` does not need."""
    if name == "Corpus":
        from .corpus import Corpus

        globals()["Corpus"] = Corpus
        return Corpus
    raise AttributeError(f"module 'storydiff' has no attribute {name!r}")

__all__ = [
    "SCHEMA_VERSION",
    "Alignment",
    "AnalysisCache",
    "Article",
    "BinaryInputError",
    "Comparer",
    "ContradictionModel",
    "Corpus",
    "CorpusConfig",
    "DecodingError",
    "Discrepancy",
    "Document",
    "EmptyInputError",
    "Encoder",
    "FetchError",
    "InputError",
    "InputFormatError",
    "InputTooLargeError",
    "LikelySource",
    "Link",
    "ModelError",
    "NoArticleBodyError",
    "PairFailure",
    "Report",
    "ReusedPassage",
    "Scorer",
    "ServeConfig",
    "Settings",
    "SettingsError",
    "Similarity",
    "Span",
    "StoreError",
    "StoreFullError",
    "StoreReadOnlyError",
    "StorydiffError",
    "TimeBudgetError",
    "UnknownIdError",
    "WorkerDiedError",
    "__version__",
    "compare",
    "prepare",
]
