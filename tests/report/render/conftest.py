"""Fixtures: the hand-built report and its builder."""

from __future__ import annotations

from typing import Any

import pytest

from .report_data import Builder, build_report


@pytest.fixture
def report() -> dict[str, Any]:
    """The plain report, without payloads."""
    return build_report()


@pytest.fixture
def make_report() -> Builder:
    """The builder, for tests that inject a payload."""
    return build_report
