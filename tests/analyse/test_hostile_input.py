"""Hostile inputs under the size limit: analysis finishes, bounded, or stops with a typed error.

No test here asserts a time; bench/hostile.py measures those. These check the outcomes: every
sentence and claim within ``max_sentence_chars``, offsets into the clean text, the claim limit
as ``InputTooLargeError`` and the time budget as ``TimeBudgetError``.
"""

from __future__ import annotations

import random
from collections.abc import Callable

import pytest

import storydiff
from storydiff._budget import check_budget, time_budget
from storydiff._errors import InputError, InputTooLargeError, TimeBudgetError
from storydiff.settings import Settings

SIZE = 200_000
UNLIMITED = Settings(max_claims=10**9, time_budget_s=None)


def _prose(size: int, sep: str = " ") -> str:
    """News-like sentences with names, numbers, dates and quotes, joined by ``sep``."""
    rng = random.Random(3)
    names = ["Helen Okafor", "the council", "Dr. Brandt", "St. Clair", "the U.S. agency"]
    parts: list[str] = []
    while sum(len(p) + len(sep) for p in parts) < size:
        who, count = rng.choice(names), rng.randint(2, 9000)
        parts.append(rng.choice([
            f"{who.capitalize()} said {count:,} homes were hit on Jan. {rng.randint(1, 28)}.",
            f'"We moved {count} people," {who} said on Monday.',
            f"{who.capitalize()} moved {count} workers; the rest stayed in Riverton.",
        ]))
    return sep.join(parts)[:size]


SHAPES: dict[str, Callable[[int], str]] = {
    "prose on one line": _prose,
    "prose in paragraphs": lambda n: _prose(n, "\n\n"),
    "short lines": lambda n: "\n".join(["ab", "Cd", "ef.", "x"] * (n // 12))[:n],
    "no spaces": lambda n: ("abcdefghij" * (n // 10))[: n - 1] + ".",
    "one word repeated": lambda n: ("word " * (n // 5)).strip() + ".",
    "lines of a b": lambda n: "a b\n" * (n // 4),
    "CJK without spaces": lambda n: ("东京是日本的首都，大阪也很大。" * (n // 45))[: n // 3],
}


@pytest.mark.parametrize("shape", list(SHAPES))
def test_hostile_shape_finishes_with_bounded_sentences_and_claims(shape: str) -> None:
    settings = UNLIMITED.with_(max_sentence_chars=800)
    doc = storydiff.prepare(SHAPES[shape](SIZE), settings=settings)
    assert doc.claims
    assert max(len(s.text) for s in doc.sentences) <= 800
    assert max(len(c.text) for c in doc.claims) <= 800
    for item in [*doc.sentences, *doc.claims, *doc.entities, *doc.quantities, *doc.quotes]:
        assert doc.clean_text[item.start : item.end] == item.text


@pytest.mark.parametrize("shape", list(SHAPES))
def test_default_settings_analyse_or_refuse_with_the_claim_limit(shape: str) -> None:
    settings = Settings(max_claims=150)
    try:
        doc = storydiff.prepare(SHAPES[shape](SIZE), settings=settings)
    except InputTooLargeError as error:
        assert "--set max_claims=N" in str(error)
    else:
        assert len(doc.claims) <= 150


@pytest.mark.parametrize("shape", list(SHAPES))
def test_a_spent_time_budget_stops_the_work_with_a_typed_error(shape: str) -> None:
    with pytest.raises(TimeBudgetError) as caught:
        storydiff.prepare(SHAPES[shape](SIZE), settings=UNLIMITED.with_(time_budget_s=0.001))
    assert isinstance(caught.value, InputError)
    assert "time budget of 0.001 s" in str(caught.value)


def test_claims_over_the_limit_are_refused_before_the_costly_steps() -> None:
    with pytest.raises(InputTooLargeError, match="more than 100 claims"):
        storydiff.prepare(_prose(SIZE), settings=Settings(max_claims=100))


def test_an_outer_budget_is_shared_by_the_stages_inside_it() -> None:
    with time_budget(0.001, source="pair"), pytest.raises(TimeBudgetError, match="pair"):
        storydiff.prepare(_prose(50_000), settings=Settings(time_budget_s=1000.0))


def test_no_budget_means_no_check() -> None:
    with time_budget(None):
        check_budget("anything")  # no active budget: nothing raised
    doc = storydiff.prepare("The council met on Monday. It approved the budget.",
                            settings=Settings(time_budget_s=None))
    assert len(doc.claims) == 2


@pytest.mark.parametrize("changes", [
    {"max_sentence_chars": 50}, {"max_claims": 0}, {"time_budget_s": 0.0},
    {"time_budget_s": -1.0},
])
def test_invalid_limits_are_refused(changes: dict[str, object]) -> None:
    with pytest.raises(storydiff.SettingsError):
        Settings(**changes)  # type: ignore[arg-type]
