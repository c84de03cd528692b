"""The renderers on a report the pipeline made, and the span invariant of the test report."""

from __future__ import annotations

import io
import json
from typing import Any

import lxml.html
from rich.console import Console

from storydiff.report.render import render_html, render_markdown, render_terminal


def _spans(data: dict[str, Any]) -> list[tuple[int, dict[str, Any]]]:
    """Every (document index, span dict) pair of a report dict."""
    out = [(0, link["a_span"]) for link in data["alignment"]["links"]]
    out += [(1, link["b_span"]) for link in data["alignment"]["links"]]
    out += [(0, s) for s in data["alignment"]["only_a"]]
    out += [(1, s) for s in data["alignment"]["only_b"]]
    for item in data["discrepancies"] + data["reuse"]:
        out += [(0, item["a"]), (1, item["b"])]
    return out


def test_hand_built_report_keeps_the_span_invariant(report: dict[str, Any]) -> None:
    texts = [doc["clean_text"] for doc in report["documents"]]
    for side, span in _spans(report):
        assert texts[side][span["start"]:span["end"]] == span["text"]
    for doc in report["documents"]:
        assert all(doc["clean_text"][c["start"]:c["end"]] == c["text"] for c in doc["claims"])


def test_all_renderers_on_the_pipeline_report(example_report: Any) -> None:
    data = json.loads(example_report.to_json())
    console = Console(record=True, width=80, file=io.StringIO())
    render_terminal(data, console)
    assert console.export_text().startswith(data["verdict"]["summary"][:40])
    assert "## Likely source" in render_markdown(data)
    tree = lxml.html.document_fromstring(render_html(data))
    for side, doc in zip("ab", data["documents"], strict=True):
        (text,) = tree.xpath(f'//*[contains(@class, "doc-{side}")]//div[@class="text"]')
        assert text.text_content() == doc["clean_text"]
