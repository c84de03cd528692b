"""Many pairs at once: ``compare_pairs`` (worker processes, results in input order) and the
resumable JSONL runner behind ``storydiff compare-pairs`` (``run_pairs_file``).

    >>> from storydiff.batch import compare_pairs
    >>> for result in compare_pairs([("a.txt", "b.txt")], workers=2):  # doctest: +SKIP
    ...     print(result.summary())
"""

from __future__ import annotations

from .pairs_file import BatchSummary, run_pairs_file
from .pool import PairFailure, PairResults, WorkerDiedError, available_cores, compare_pairs

__all__ = ["BatchSummary", "PairFailure", "PairResults", "WorkerDiedError", "available_cores",
           "compare_pairs", "run_pairs_file"]
