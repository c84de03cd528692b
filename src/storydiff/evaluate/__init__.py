"""Evaluation of storydiff's models on labelled files."""

from __future__ import annotations

from .nli import evaluate_nli
from .semeval import evaluate_semeval

__all__ = ["evaluate_nli", "evaluate_semeval"]
