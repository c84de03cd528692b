"""Shared test fixtures: models load once per run; shared data is optional and skipped if absent."""

from __future__ import annotations

import functools
import importlib.util
import sys
from pathlib import Path
from types import ModuleType
from typing import TYPE_CHECKING

import pytest

from storydiff.evaluate.data import data_dir

if TYPE_CHECKING:
    from storydiff.evaluate.invariants import Article

ROOT = Path(__file__).resolve().parents[1]
SHARED = data_dir().parent  # ../shared: its data/ and examples/
EXAMPLES = ROOT / "examples"


def shared_path(*parts: str) -> Path:
    """A file under ../shared, or skip the test when the checkout has none beside it."""
    path = SHARED.joinpath(*parts)
    if not path.exists():
        pytest.skip(f"{path} is not available")
    return path


@functools.cache
def real_articles() -> list[Article]:
    """The articles of the SemEval task file in ../shared as ``evaluate.invariants`` draws them,
    cleaned once per test process (a test that reads them skips when ../shared is absent)."""
    from storydiff.evaluate.invariants import semeval_articles
    from storydiff.evaluate.semeval import load_semeval

    return semeval_articles(load_semeval(shared_path("data", "semeval2022-task8", "train.csv")))


@functools.cache
def bench_module(name: str) -> ModuleType:
    """``bench/<name>.py`` imported as the module ``name`` (registered in ``sys.modules``,
    where dataclasses look their module up)."""
    spec = importlib.util.spec_from_file_location(name, ROOT / "bench" / f"{name}.py")
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    sys.modules[name] = module
    spec.loader.exec_module(module)
    return module


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


@pytest.hookimpl(trylast=True)  # after ``-m`` has deselected: only a run of slow tests is ordered
def pytest_collection_modifyitems(items: list[pytest.Item]) -> None:
    """Order a run of slow tests so that CI's two workers finish together.

    CI runs the slow gates with ``-n 2 --dist worksteal``: pytest-xdist gives the first half of
    the list to one worker and the second half to the other, and a worker that runs dry takes
    the tail of the other's queue, never its running test or the one after it. In file order,
    three of the four longest gates fell in the second half and the step took 1,150 s of about
    1,850 s of tests. Each slow test states its usual time (``@pytest.mark.slow(seconds=N)``,
    measured in CI's slow step); the tests are dealt, longest first, to the half with the
    smaller total (equal counts), and each half runs longest first, so what is stolen at the end
    is short. The order changes nothing a test checks.
    """
    cost: dict[str, float] = {}
    for item in items:
        mark = item.get_closest_marker("slow")
        if mark is None:
            return
        cost[item.nodeid] = float(mark.kwargs.get("seconds", 60))
    if not items:
        return
    ranked = sorted(items, key=lambda item: (-cost[item.nodeid], item.nodeid))
    halves: tuple[list[pytest.Item], list[pytest.Item]] = ([], [])
    size = (len(ranked) + 1) // 2
    for item in ranked:
        open_halves = [half for half in halves if len(half) < size]
        min(open_halves, key=lambda half: sum(cost[i.nodeid] for i in half)).append(item)
    items[:] = halves[0] + halves[1]
