"""Lexical cue features of a (premise, hypothesis) pair for the NLI head, language-agnostic.

The embedding head sees meaning but is weak on small surface edits that flip truth: a negation, a
changed number, date or name. These features expose such edits: negation parity and polarity
flips, by negation or by opposite predicates such as confirmed/denied (``discrepancies.negation``),
numbers that count the same thing with different values (``discrepancies.rules_baseline``),
digits, years and capitalised names present on one side only, and word overlap. Languages are
unknown at prediction time, so every cue list applies.
"""

from __future__ import annotations

import math
import re
from collections.abc import Sequence

import numpy as np

from ..text import HANGUL, UNSPACED, covered, fold, jaccard, word_runs
from .negation import negation_cues, polarity_flip_heuristic
from .rules_baseline import number_mismatch_heuristic

__all__ = ["CUE_FEATURE_NAMES", "cue_features", "cue_matrix"]

CUE_FEATURE_NAMES: tuple[str, ...] = (
    "polarity_flip",
    "flip_by_opposite_predicates",
    "negations_premise",
    "negations_hypothesis",
    "negation_parity_differs",
    "number_mismatch",
    "numbers_only_in_hypothesis",
    "numbers_only_in_premise",
    "both_have_numbers",
    "years_only_in_hypothesis",
    "names_only_in_hypothesis",
    "names_only_in_premise",
    "hypothesis_covered",
    "premise_covered",
    "jaccard",
    "log_length_ratio",
    "new_tokens_log",
    "identical",
)

_NUMBER = re.compile(r"\d+(?:[.,]\d+)*")
_YEAR = re.compile(r"(?<!\d)(?:1[89]\d\d|20\d\d)(?!\d)")
_UPPER = "A-ZÀ-ÖØ-ÞĀ-ŽА-ЯЁΑ-Ω"
_NAME = re.compile(rf"(?<![\w'’-])[{_UPPER}][\w'’-]+")
_SENTENCE_START = re.compile(r"(?:^|[.!?:;\"“”„«»()\n])\s*$")
# scripts written without spaces between words: compared by character bigrams
_UNSPACED = re.compile(f"[{UNSPACED}{HANGUL}]")


def _numbers(text: str) -> set[str]:
    """Digit groups of a text, with thousands separators removed."""
    return {re.sub(r"[.,](?=\d{3}(?!\d))", "", m.group()) for m in _NUMBER.finditer(text)}


def _names(text: str) -> set[str]:
    """Capitalised words that do not open a sentence, folded (a heuristic for names)."""
    return {
        fold(m.group())
        for m in _NAME.finditer(text)
        if not _SENTENCE_START.search(text[max(0, m.start() - 3) : m.start()])
    }


def _tokens(text: str) -> set[str]:
    """Folded words; words in unspaced scripts become character bigrams."""
    out: set[str] = set()
    for word in word_runs(fold(text)):
        if _UNSPACED.search(word) and len(word) > 1:
            out.update(word[i : i + 2] for i in range(len(word) - 1))
        else:
            out.add(word)
    return out


def _share_missing(these: set[str], those: set[str]) -> float:
    """Share of ``these`` absent from ``those`` (0 when ``these`` is empty)."""
    return 1.0 - covered(these, those) if these else 0.0


def _polarity_cues(premise: str, hypothesis: str) -> list[float]:
    """Polarity flip (and whether opposite predicates made it), negation counts and parity."""
    neg_p = len(negation_cues(premise, None))
    neg_h = len(negation_cues(hypothesis, None))
    flip = polarity_flip_heuristic(premise, hypothesis, None, None)
    return [
        float(flip is not None),
        float(flip is not None and flip.opposite),
        min(neg_p, 3) / 3.0,
        min(neg_h, 3) / 3.0,
        float(neg_p % 2 != neg_h % 2),
    ]


def _number_cues(premise: str, hypothesis: str) -> list[float]:
    """Number mismatch next to the same word, one-sided numbers and years."""
    nums_p, nums_h = _numbers(premise), _numbers(hypothesis)
    years_p, years_h = set(_YEAR.findall(premise)), set(_YEAR.findall(hypothesis))
    return [
        float(number_mismatch_heuristic(premise, hypothesis) is not None),
        _share_missing(nums_h, nums_p),
        _share_missing(nums_p, nums_h),
        float(bool(nums_p) and bool(nums_h)),
        float(bool(years_h - years_p)),
    ]


def _overlap_cues(premise: str, hypothesis: str) -> list[float]:
    """One-sided names, word coverage both ways, Jaccard, length ratio, new words, identity."""
    tok_p, tok_h = _tokens(premise), _tokens(hypothesis)
    names_p, names_h = _names(premise), _names(hypothesis)
    return [
        _share_missing(names_h, names_p),
        _share_missing(names_p, names_h),
        1.0 - _share_missing(tok_h, tok_p),
        1.0 - _share_missing(tok_p, tok_h),
        jaccard(tok_p, tok_h) if tok_p or tok_h else 1.0,
        math.log((len(hypothesis) + 1) / (len(premise) + 1)),
        math.log1p(len(tok_h - tok_p)),
        float(premise.strip() == hypothesis.strip()),
    ]


def cue_features(premise: str, hypothesis: str) -> list[float]:
    """The cue features of one pair, in the order of ``CUE_FEATURE_NAMES``.

    Args:
        premise: the first claim (any language).
        hypothesis: the claim judged against it.

    Returns:
        ``len(CUE_FEATURE_NAMES)`` floats, each roughly in [0, 1] (the length ratio and the
        new-word count are logarithms).

    Example:
        >>> dict(zip(CUE_FEATURE_NAMES, cue_features("Profit rose 5%.", "Profit rose 7%.")))[
        ...     "numbers_only_in_hypothesis"]
        1.0
    """
    return (
        _polarity_cues(premise, hypothesis)
        + _number_cues(premise, hypothesis)
        + _overlap_cues(premise, hypothesis)
    )


def cue_matrix(pairs: Sequence[tuple[str, str]]) -> np.ndarray:
    """Cue features of many pairs: a ``(len(pairs), len(CUE_FEATURE_NAMES))`` float32 array."""
    rows = [cue_features(premise, hypothesis) for premise, hypothesis in pairs]
    return np.asarray(rows, dtype=np.float32).reshape(len(pairs), len(CUE_FEATURE_NAMES))
