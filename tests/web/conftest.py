"""Fixtures of the web tests: apps with the shared comparer, a fake store, a live server."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest
from fastapi import FastAPI
from fastapi.testclient import TestClient

from storydiff.web import ServeConfig, create_app

from .fakes import FakeStore

ROOT = Path(__file__).resolve().parents[2]
EXAMPLES = ROOT / "examples"
OUT = ROOT / "tests" / "out"


LOCAL = "http://127.0.0.1:8000"


def local_client(app: FastAPI) -> TestClient:
    """A test client whose requests are addressed to 127.0.0.1, as a browser on this machine's."""
    return TestClient(app, base_url=LOCAL)


def pytest_configure(config: pytest.Config) -> None:
    """Register the ``browser`` marker (end-to-end tests in headless Chromium)."""
    config.addinivalue_line("markers", "browser: end-to-end tests in a real headless Chromium")
    config.addinivalue_line("markers", "fuzz: schemathesis runs against the OpenAPI document "
                                       "(bounded: well under a minute)")


@pytest.fixture(scope="session")
def example_texts() -> tuple[str, str]:
    """The project's example pair."""
    return ((EXAMPLES / "original.txt").read_text(encoding="utf-8"),
            (EXAMPLES / "rewrite.txt").read_text(encoding="utf-8"))


@pytest.fixture
def store() -> FakeStore:
    """A fake store holding two stories of three articles."""
    fake = FakeStore()
    for n in range(6):
        fake.put(title=f"Flood story {n // 3} report {n}", source=f"outlet{n}.test",
                 published=f"2025-03-0{n + 1}",
                 text=f"Report {n}. About 1,200 residents left Riverton on Sunday.")
    return fake


@pytest.fixture
def client(comparer, store: FakeStore) -> Iterator[TestClient]:  # type: ignore[no-untyped-def]
    """A client of an app with the shared comparer and the fake store, no token."""
    with local_client(create_app(ServeConfig(), comparer=comparer, store=store)) as test_client:
        yield test_client


@pytest.fixture
def bare_client(comparer) -> Iterator[TestClient]:  # type: ignore[no-untyped-def]
    """A client of an app with no store."""
    with local_client(create_app(ServeConfig(), comparer=comparer)) as test_client:
        yield test_client
