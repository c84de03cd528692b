"""Shared test fixtures: models load once per run; shared data is optional and skipped if absent."""

from __future__ import annotations

from pathlib import Path

import pytest

from storydiff.evaluate.data import data_dir

ROOT = Path(__file__).resolve().parents[1]
SHARED = data_dir().parent  # ../shared: its data/ and examples/
EXAMPLES = ROOT / "examples"


def shared_path(*parts: str) -> Path:
    """A file under ../shared, or skip the test when the checkout has none beside it."""
    path = SHARED.joinpath(*parts)
    if not path.exists():
        pytest.skip(f"{path} is not available")
    return path


@pytest.fixture(scope="session")
def encoder():  # type: ignore[no-untyped-def]
    """The default encoder (multilingual-e5 on ONNX Runtime), loaded once for the whole run."""
    from storydiff.embed import default_encoder

    return default_encoder()


@pytest.fixture(scope="session")
def comparer():  # type: ignore[no-untyped-def]
    """A Comparer with the shipped models, loaded once for the whole run."""
    from storydiff import Comparer

    return Comparer()


@pytest.fixture(scope="session")
def example_report(comparer):  # type: ignore[no-untyped-def]
    """The report on the project's own example pair."""
    return comparer.compare(EXAMPLES / "original.txt", EXAMPLES / "rewrite.txt")
