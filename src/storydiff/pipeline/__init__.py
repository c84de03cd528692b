"""The pipeline: ``Comparer`` runs read → clean → analyse → align → discrepancies, provenance and
similarity → report for one pair (``compare``), or for many pairs in worker processes
(``compare_pairs``; ``run_pairs_file`` behind ``storydiff compare-pairs``, resumable), with an
``AnalysisCache`` of analysed documents and claim vectors.

    >>> from storydiff.pipeline import compare_pairs
    >>> for result in compare_pairs([("a.txt", "b.txt")], workers=2):  # doctest: +SKIP
    ...     print(result.summary())
"""

from __future__ import annotations

from .cache import AnalysisCache
from .comparer import Comparer, compare, prepare
from .pairs_file import BatchSummary, run_pairs_file
from .pool import (
    PairEngine,
    PairFailure,
    PairResults,
    WorkerDiedError,
    available_cores,
    compare_pairs,
)

__all__ = ["AnalysisCache", "BatchSummary", "Comparer", "PairEngine", "PairFailure",
           "PairResults", "WorkerDiedError", "available_cores", "compare", "compare_pairs",
           "prepare", "run_pairs_file"]
