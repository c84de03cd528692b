"""storydiff: compare news articles claim by claim.

    >>> import storydiff
    >>> a, b = "examples/original.txt", "examples/rewrite.txt"
    >>> report = storydiff.compare(a, b)  # doctest: +SKIP
    >>> print(report.summary())  # doctest: +SKIP

``compare`` returns a ``Report``; ``Comparer`` keeps the models loaded for many comparisons
(``compare_many`` runs pairs in worker processes, a ``PairFailure`` in place of a pair that
failed) and an ``AnalysisCache`` of analysed documents and claim vectors; ``prepare`` turns one
input into an analysed ``Document``; ``Corpus`` is a store of many articles grouped into stories.
Every error is a ``StorydiffError``.
"""

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
from .corpus import Corpus
from .document import Document, Span
from .pipeline import PairFailure, WorkerDiedError
from .pipeline.cache import AnalysisCache
from .pipeline.comparer import Comparer, compare, prepare
from .report.report import SCHEMA_VERSION, Report
from .settings import Settings

__all__ = [
    "SCHEMA_VERSION",
    "AnalysisCache",
    "BinaryInputError",
    "Comparer",
    "Corpus",
    "DecodingError",
    "Document",
    "EmptyInputError",
    "FetchError",
    "InputError",
    "InputFormatError",
    "InputTooLargeError",
    "ModelError",
    "NoArticleBodyError",
    "PairFailure",
    "Report",
    "Settings",
    "SettingsError",
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
