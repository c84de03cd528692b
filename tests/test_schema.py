"""Pins the JSON report's shape: a change here is a schema change (bump SCHEMA_VERSION)."""

from __future__ import annotations

import json

from storydiff import SCHEMA_VERSION, Report
from storydiff.similarity import DIMENSIONS

from .conftest import ROOT

TOP = {"schema_version", "identical", "verdict", "documents", "alignment", "discrepancies",
       "discrepancies_set_aside", "reuse", "likely_source"}
VERDICT = {"same_story", "label", "dimensions", "method", "summary"}
DOCUMENT = {"side", "source", "title", "author", "published", "language", "clean_text",
            "removed_lines", "warnings", "sentences", "claims"}
LINK = {"a", "b", "relation", "similarity", "lexical", "confidence", "a_span", "b_span"}
DISCREPANCY = {"type", "a", "b", "claim_a", "claim_b", "reason", "confidence", "method"}
REUSE = {"kind", "a", "b", "words", "overlap"}
SPAN = {"start", "end", "text"}


def test_schema_version_is_pinned() -> None:
    assert SCHEMA_VERSION == "1.2"
    assert f"schema {SCHEMA_VERSION}" in (ROOT / "docs" / "schema.md").read_text(encoding="utf-8")


def test_report_shape(example_report: Report) -> None:
    data = json.loads(example_report.to_json())
    assert set(data) == TOP
    assert set(data["verdict"]) == VERDICT
    assert tuple(data["verdict"]["dimensions"]) == DIMENSIONS
    assert all(1.0 <= v <= 4.0 for v in data["verdict"]["dimensions"].values())
    assert 0.0 <= data["verdict"]["same_story"] <= 1.0
    assert all(set(doc) == DOCUMENT for doc in data["documents"])
    assert set(data["alignment"]) == {"links", "only_a", "only_b", "coverage"}
    assert data["alignment"]["links"] and data["discrepancies"] and data["reuse"]
    assert all(set(link) == LINK for link in data["alignment"]["links"])
    assert all(set(d) == DISCREPANCY and set(d["a"]) == SPAN for d in data["discrepancies"])
    assert data["discrepancies_set_aside"] == []  # the example pair is one story
    assert all(set(r) == REUSE for r in data["reuse"])
    assert set(data["likely_source"]) == {"side", "confidence", "reasons"}
    assert data["likely_source"]["side"] in ("a", "b", "unknown")
