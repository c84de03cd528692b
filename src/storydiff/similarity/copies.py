"""Near-copy evidence: a bounded, monotone part of the verdict that the trained head cannot
overrule.

The SemEval training pairs hold almost no near-copies, so for an article against a lightly
edited copy, an excerpt or the same text with boilerplate added, many of the head's features
lie far outside the range it learned, and a learned head may say anything there. Word overlap
says plainly what such a pair is. ``copy_bound_heuristic`` turns two measures into a ceiling
on every predicted dimension (1 = most similar … 4 = least):

- *containment*: the share of the smaller text's word bigrams (taken inside sentences, so that
  reordering sentences costs nothing) found in the other text. An excerpt or a copy with up to
  5% of its words edited keeps about 0.85 or more; two different reports of one story rarely
  pass 0.5 (on the SemEval-2022 Task 8 training pairs of one language: 99th percentile 0.49).
- *headline agreement*: Dice overlap of the two titles' content words, or of the two texts'
  openings (their first content words, as many as the longer title holds) where that is
  higher: a title cut short by its cleaning (a stray double space read as the end of a glued
  headline) still opens the text with the same words. Pages that share only a cookie notice,
  a paywall or a captcha page reach high containment too, but their headlines, and so their
  openings, differ; where either side has no title, nothing is held against the pair.

The strength is ``ramp(containment) × ramp(headline)``; the ceiling is ``4 − 3·strength``.
Appending unrelated text to one side can only lower the containment (the smaller side's
bigrams do not grow, the intersection gains only what the unrelated text happens to share), so
the ceiling never makes such a pair look more alike. The ceiling is symmetric in the two texts.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from itertools import pairwise

from ..text import containment, content_words, dice, is_content_word, tokenize, words

__all__ = ["CopyEvidence", "copy_bound_heuristic", "copy_evidence"]

#: Containment where the ceiling starts to fall, and where it reaches 1 (a copy).
CONTAINMENT_RAMP = (0.6, 0.85)
#: Headline Dice below which the pair gets no ceiling, and from which it gets the full one.
HEADLINE_RAMP = (0.2, 0.5)

_CHUNK = re.compile(r"[.!?;:。！？；\n]+")


@dataclass(frozen=True)
class CopyEvidence:
    """What the ceiling rests on: ``containment`` and ``headline`` in [0, 1] (``headline`` is
    1.0 when a side has no title), ``strength`` in [0, 1] and the ``ceiling`` in [1, 4]."""

    containment: float
    headline: float
    strength: float
    ceiling: float


def _ramp(x: float, bounds: tuple[float, float]) -> float:
    """0 below ``bounds[0]``, 1 above ``bounds[1]``, linear between."""
    lo, hi = bounds
    return min(1.0, max(0.0, (x - lo) / (hi - lo)))


def _bigrams(text: str) -> set[tuple[str, ...]]:
    """Word bigrams inside each sentence-like chunk (a one-word chunk counts as itself)."""
    out: set[tuple[str, ...]] = set()
    for chunk in _CHUNK.split(text):
        tokens = words(chunk)
        if len(tokens) == 1:
            out.add((tokens[0],))
        out.update(pairwise(tokens))
    return out


def _headline(text_a: str, text_b: str, title_a: str | None, title_b: str | None) -> float:
    """Dice overlap of the titles' content words (all their words when a title has none), or
    of the texts' openings where higher; 1.0 when either title is missing or empty."""
    wa, wb = content_words(title_a or ""), content_words(title_b or "")
    if not wa or not wb:
        wa, wb = set(words(title_a or "")), set(words(title_b or ""))
    if not wa or not wb:
        return 1.0
    size = max(len(wa), len(wb))
    return max(dice(wa, wb), dice(_opening(text_a, size), _opening(text_b, size)))


def _opening(text: str, size: int) -> set[str]:
    """The first ``size`` distinct content words of ``text`` (its title first)."""
    out: set[str] = set()
    for word in tokenize(text[: 40 * size]):
        if is_content_word(word.norm):
            out.add(word.norm)
            if len(out) == size:
                break
    return out


def copy_evidence(text_a: str, text_b: str, title_a: str | None = None,
                  title_b: str | None = None) -> CopyEvidence:
    """Near-copy evidence of two clean texts and their titles (symmetric in the two sides).

    Example:
        >>> copy_evidence("The river rose. Homes were flooded.",
        ...               "Homes were flooded. The river rose.").ceiling
        1.0
    """
    contained = containment(_bigrams(text_a), _bigrams(text_b))
    headline = _headline(text_a, text_b, title_a, title_b)
    strength = _ramp(contained, CONTAINMENT_RAMP) * _ramp(headline, HEADLINE_RAMP)
    return CopyEvidence(contained, headline, strength, copy_bound_heuristic(strength))


def copy_bound_heuristic(strength: float) -> float:
    """The ceiling on every dimension (1–4 scale) for a near-copy strength in [0, 1]."""
    return 4.0 - 3.0 * min(1.0, max(0.0, strength))
