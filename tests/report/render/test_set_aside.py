"""Findings the verdict set aside (different stories): each renderer lists them apart from the
discrepancies, escaped like every other piece of article text, and the page marks none of them
in the texts."""

from __future__ import annotations

import io
from typing import Any

import lxml.html
import pytest
from rich.console import Console

from storydiff.report.render import render_html, render_markdown, render_terminal
from storydiff.report.render._view import SET_ASIDE

from .report_data import PAYLOADS, Builder


def _set_aside(make_report: Builder, payload: str) -> dict[str, Any]:
    """The report with its one discrepancy set aside, the verdict saying different stories."""
    data = make_report(payload)
    data["discrepancies_set_aside"], data["discrepancies"] = data["discrepancies"], []
    data["verdict"].update(same_story=0.2, label="different stories")
    return data


def _terminal(data: dict[str, Any]) -> str:
    console = Console(record=True, width=120, file=io.StringIO())
    render_terminal(data, console)
    return console.export_text()


@pytest.mark.parametrize("payload", ["", *PAYLOADS])
def test_each_renderer_lists_the_set_aside_findings_apart(make_report: Builder,
                                                          payload: str) -> None:
    data = _set_aside(make_report, payload)
    reason = data["discrepancies_set_aside"][0]["reason"]
    text = _terminal(data)
    assert "No discrepancies found." in text
    assert "Set aside: different stories (1)" in text and "About 1,200" in text
    md = render_markdown(data)
    assert "## Set aside: different stories" in md and SET_ASIDE in md
    assert md.index("No discrepancies found.") < md.index("| 1 | number | About 1,200 |")
    assert not any(tag in md for tag in ("<script", "<img", "<svg"))
    page = lxml.html.fromstring(render_html(data))
    (section,) = page.xpath('//section[@id="set-aside"]')
    assert reason in section.text_content()  # the payload stays text
    assert not page.find_class("discrepancy")  # nothing marked in the texts
    assert not page.xpath('//*[@id="set-aside"]//*[@onerror or @onload]')


def test_no_section_when_nothing_is_set_aside(make_report: Builder) -> None:
    data = make_report("")
    assert "Set aside" not in _terminal(data) and "Set aside" not in render_markdown(data)
    assert not lxml.html.fromstring(render_html(data)).xpath('//*[@id="set-aside"]')
