"""Shared fixtures for the analysis tests: a span checker and the seed examples from ../shared."""

from __future__ import annotations

from collections.abc import Callable, Sequence
from pathlib import Path
from typing import Any

import pytest

SEED_DIR = Path(__file__).resolve().parents[2] / ".." / "shared" / "examples" / "seed-pair"

SpanCheck = Callable[[str, Sequence[Any]], None]


def _check_spans(source: str, items: Sequence[Any]) -> None:
    """Every item's text is exactly the slice of ``source`` its offsets name."""
    for item in items:
        assert 0 <= item.start <= item.end <= len(source), item
        assert source[item.start : item.end] == item.text, item


@pytest.fixture
def spans_ok() -> SpanCheck:
    """The span invariant check: ``text == source[start:end]`` for every item."""
    return _check_spans


@pytest.fixture(scope="session")
def seed_texts() -> list[str]:
    """The seed example articles (read at run time, never copied), or skip when absent."""
    files = sorted(SEED_DIR.glob("*.txt"))
    if not files:
        pytest.skip("shared/examples/seed-pair is not present")
    return [f.read_text(encoding="utf-8") for f in files]
