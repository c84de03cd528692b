"""A rules-only ``ContradictionModel``: the baseline a trained classifier replaces.

``RulesContradictionModel`` reads three cues in a (premise, hypothesis) pair: a polarity flip
(negation parity or opposite predicates, see ``discrepancies.negation``), and two numbers that
count the same thing ("40 survivors" / "12 survivors") with different values. Its probabilities are
heuristic, not calibrated: a pair with a cue gets P(contradiction) between 0.4 and 0.9, growing
with the number of cues and with the pair's word overlap (a cue between unrelated sentences means
little); a pair without one gets P(entailment) from the share of the hypothesis's content words
found in the premise.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass

from ..analyse._number_lexicon import NUMBER_WORDS
from ..document import Span
from ..text import STOPWORDS, Word, content_words, covered, fold, same_stem, tokenize
from .contradiction import NLIProbabilities
from .negation import polarity_flip_heuristic

__all__ = ["RulesContradictionModel", "number_mismatch_heuristic"]

#: Number words two to ten of the languages the cue rules cover, folded (the analysis lexicon's).
_NUMBER_WORDS = {
    fold(word): value
    for language in ("en", "fr", "de", "es", "it", "pt", "nl")
    for word, value in NUMBER_WORDS[language].items()
    if value in range(2, 11)
}

_APPROXIMATE = re.compile(
    r"\b(?:about|around|approximately|roughly|nearly|almost|some|over|more than|at least|up to|"
    r"environ|pres de|quelque|plus de|au moins|jusqu'a|etwa|rund|fast|mehr als|mindestens|"
    r"unos|unas|casi|alrededor de|mas de|al menos|circa|quasi|oltre|cerca de|quase|ongeveer|"
    r"bijna)\s*$"
)

_NUMERAL = re.compile(r"(?<![\w.,])\d+(?:[.,]\d+)*(?![\w])")


def _value(numeral: str) -> float:
    """The number a numeral writes: '1,500' → 1500, '3.5' and '3,5' → 3.5."""
    parts = re.split(r"[.,]", numeral)
    if len(parts) > 1 and all(len(p) == 3 for p in parts[1:]):
        return float("".join(parts))  # thousands separators
    return float(".".join(parts[:2]))


@dataclass(frozen=True)
class _Number:
    """A number in a text with the content words next to it."""

    value: float
    span: Span
    context: tuple[str | None, str | None]  # content word before, content word after
    approximate: bool


def _spans_of_numbers(text: str, words: list[Word]) -> list[tuple[float, int, int]]:
    """Numerals and small number words of ``text``: (value, start, end)."""
    found = [(_value(m.group()), m.start(), m.end()) for m in _NUMERAL.finditer(text)]
    found += [(_NUMBER_WORDS[w.norm], w.start, w.end) for w in words if w.norm in _NUMBER_WORDS]
    return sorted(found, key=lambda f: f[1])


def _neighbours(words: list[Word], start: int, end: int) -> tuple[str | None, str | None]:
    """The nearest content word before ``start`` and after ``end`` (within two words)."""
    before = [w.norm for w in words if w.end <= start][-2:]
    after = [w.norm for w in words if w.start >= end][:2]
    before = [w for w in before if w not in STOPWORDS and not w.isdigit()]
    after = [w for w in after if w not in STOPWORDS and not w.isdigit()]
    return (before[-1] if before else None, after[0] if after else None)


def _numbers(text: str) -> list[_Number]:
    """The numbers of ``text`` with their neighbouring content words."""
    words = tokenize(text)
    return [
        _Number(value, Span(start, end, text[start:end]), _neighbours(words, start, end),
                bool(_APPROXIMATE.search(fold(text[max(0, start - 20):start]))))
        for value, start, end in _spans_of_numbers(text, words)
    ]


def _differ(x: _Number, y: _Number) -> bool:
    """Whether two numbers disagree, allowing 25% slack when either is approximate."""
    if x.approximate or y.approximate:
        return abs(x.value - y.value) > 0.25 * max(abs(x.value), abs(y.value))
    return x.value != y.value


def _same_context(x: _Number, y: _Number) -> bool:
    """Whether two numbers count the same thing: same word after, or same word before when
    either lacks a word after."""
    (before_x, after_x), (before_y, after_y) = x.context, y.context
    if after_x and after_y:
        return same_stem(after_x, after_y)
    return bool(before_x and before_y and same_stem(before_x, before_y))


def number_mismatch_heuristic(a: str, b: str) -> tuple[Span, Span] | None:
    """Two numbers, one in each text, next to the same word but with different values.

    "40 survivors" / "12 survivors" matches; "100 men detained" / "three men died" matches too
    (both count men), so callers should require the texts to be aligned. Spans are relative to
    ``a`` and ``b``; ``None`` when no such pair exists or when every shared number agrees.
    """
    nums_a, nums_b = _numbers(a), _numbers(b)
    for x in nums_a:
        partners = [y for y in nums_b if _same_context(x, y)]
        if partners and not any(not _differ(x, y) for y in partners):
            return x.span, partners[0].span
    return None


def _containment(premise: str, hypothesis: str) -> float:
    """Share of the hypothesis's content words found in the premise."""
    words_h, words_p = content_words(hypothesis), content_words(premise)
    return covered(words_h, words_p)


class RulesContradictionModel:
    """Heuristic NLI from cue rules alone; probabilities are rough, not calibrated.

    Args:
        language: ISO 639-1 code of both texts, or ``None`` to apply every language's cues.

    Example:
        >>> model = RulesContradictionModel("en")
        >>> p = model.predict([("The US granted the visas.", "The US denied the visas.")])[0]
        >>> p.contradiction > p.entailment
        True
    """

    name = "rules_heuristic"

    def __init__(self, language: str | None = None) -> None:
        self.language = language

    def _cues(self, premise: str, hypothesis: str) -> int:
        """How many contradiction cues the pair shows (0, 1 or 2)."""
        flip = polarity_flip_heuristic(premise, hypothesis, self.language, self.language)
        numbers = number_mismatch_heuristic(premise, hypothesis)
        return int(flip is not None) + int(numbers is not None)

    def _judge(self, premise: str, hypothesis: str) -> NLIProbabilities:
        """The heuristic probabilities for one pair."""
        overlap = _containment(premise, hypothesis)
        cues = self._cues(premise, hypothesis)
        if cues:
            contradiction = min(0.9, 0.4 + 0.15 * (cues - 1) + 0.45 * overlap)
            return NLIProbabilities(0.05, 0.95 - contradiction, contradiction)
        entailment = 0.1 + 0.75 * overlap
        return NLIProbabilities(entailment, 0.95 - entailment, 0.05)

    def predict(self, pairs: Sequence[tuple[str, str]]) -> list[NLIProbabilities]:
        """One heuristic judgement per ``(premise, hypothesis)`` pair."""
        return [self._judge(premise, hypothesis) for premise, hypothesis in pairs]
