"""Links the link model is unsure of are listed apart, with every link's confidence shown."""

from __future__ import annotations

import io
import re
from typing import Any

import pytest
from rich.console import Console

from storydiff.report.render import render_html, render_markdown, render_terminal
from storydiff.report.render._view import LOOSE, UNCERTAIN, links_by_relation, loosely_linked
from storydiff.report.report import UNCERTAIN_LINK_BELOW, uncertain_link
from tests.conftest import shared_path


def _with_confidences(report: dict[str, Any]) -> dict[str, Any]:
    """The hand-built report with the link model's confidences: its partial link unsure."""
    for link in report["alignment"]["links"]:
        link["confidence"] = 0.31 if link["relation"] == "partial" else 0.87
    return report


@pytest.mark.parametrize(("relation", "confidence", "unsure"), [
    ("partial", 0.49, True), ("paraphrase", 0.2, True), ("partial", 0.5, False),
    ("same_wording", 0.1, False), ("partial", None, False), ("partial", False, False),
    ("partial", "0.1", False)])
def test_which_links_are_uncertain(relation: str, confidence: object,
                                   unsure: bool) -> None:
    assert uncertain_link(relation, confidence) is unsure
    assert UNCERTAIN_LINK_BELOW == 0.5


def test_uncertain_links_leave_their_relation_group(report: dict[str, Any]) -> None:
    groups = dict(links_by_relation(_with_confidences(report)["alignment"]["links"]))
    assert len(groups["Partial"]) == 0 and len(groups[UNCERTAIN]) == 1
    assert len(groups["Paraphrase"]) == 3 and len(groups["Same wording"]) == 2


def test_every_renderer_lists_them_apart_with_the_confidence(report: dict[str, Any]) -> None:
    data = _with_confidences(report)
    console = Console(record=True, width=120, file=io.StringIO())
    render_terminal(data, console)
    terminal = console.export_text()
    markdown = render_markdown(data)
    page = render_html(data)
    for text in (terminal, markdown, page):
        assert f"{UNCERTAIN} (1)" in text or f"<td>{UNCERTAIN}</td>" in text
        assert "31%" in text and "87%" in text
    assert "Partial (1)" not in terminal and "### Partial" not in markdown


def test_the_summary_counts_the_uncertain_links(comparer: Any) -> None:
    # the seed pair of ../shared: a real article and a spun rewrite of it
    seed = sorted(shared_path("examples", "seed-pair").glob("*.txt"))
    report = comparer.compare(*seed)
    unsure = sum(uncertain_link(k.relation, k.confidence) for k in report.alignment.links)
    assert 0 < unsure < len(report.alignment.links)
    assert f"{len(report.alignment.links)} linked claims ({unsure} uncertain)," in report.summary()
    assert report.to_dict()["verdict"]["summary"] == report.summary()


def test_the_page_draws_a_claim_linked_only_uncertainly_fainter(report: dict[str, Any]) -> None:
    links = report["alignment"]["links"]
    for link in links:  # A's first claim keeps only links the model is unsure of
        link["confidence"] = 0.3 if link["a"] == 0 else 0.9
    marked = re.findall(r'class="[^"]*rel-uncertain[^"]*"', render_html(report))
    assert marked and all("linked" in m for m in marked)
    for link in links:
        link["confidence"] = 0.9
    assert not re.findall(r'class="[^"]*rel-uncertain[^"]*"', render_html(report))


def test_claims_linked_only_uncertainly_are_shown_beside_the_one_side_claims(
        report: dict[str, Any]) -> None:
    alignment = report["alignment"]
    for link in alignment["links"]:  # A's first claim keeps only links the model is unsure of
        link["confidence"] = 0.3 if link["a"] == 0 else 0.9
    loose_a, loose_b = loosely_linked(alignment, "a"), loosely_linked(alignment, "b")
    assert [span["claim"] for span in loose_a] == [0]
    assert [span["claim"] for span in loose_b] == [0]  # B's first claim is linked to A's only
    console = Console(record=True, width=160, file=io.StringIO())
    render_terminal(report, console)
    terminal = console.export_text()
    markdown = render_markdown(report)
    for text in (terminal, markdown):
        only_a = text[text.index("Only in A"):text.index("Only in B")]
        assert LOOSE in only_a and loose_a[0]["text"] in only_a
    for link in alignment["links"]:
        link["confidence"] = 0.9
    assert not loosely_linked(alignment, "a") and LOOSE not in render_markdown(report)
