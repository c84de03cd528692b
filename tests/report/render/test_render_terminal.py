"""The rich terminal report: verdict first, every section, article markup printed literally."""

from __future__ import annotations

import io
from typing import Any

from rich.console import Console

from storydiff.report.render import render_terminal

from .report_data import PAYLOADS, Builder

SECTIONS = ("Similarity", "Discrepancies (1)", "Documents", "Shared claims (6)", "Only in A (1)",
            "Only in B (1)", "Reused text (2)", "Likely source")


def _render(data: dict[str, Any], width: int = 100) -> str:
    """The report as plain recorded text."""
    console = Console(record=True, width=width, file=io.StringIO())
    render_terminal(data, console)
    return console.export_text()


def test_verdict_first_then_sections_in_order(report: dict[str, Any]) -> None:
    text = _render(report)
    assert text.splitlines()[0].startswith("Same story (p=0.91); 6 linked claims")
    positions = [text.index(title) for title in SECTIONS]
    assert positions == sorted(positions)
    assert text.index("Discrepancies") < text.index("Documents")


def test_sections_carry_their_content(report: dict[str, Any]) -> None:
    text = _render(report)
    for expected in ("About 1,200", "Some 1,500", "A counts 1,200 evacuated", "90%",
                     "Geography", "1 = most similar", "share button ×2", "copyright",
                     "Jo Park", "2024-03-13", "Same wording (2)", "Paraphrase (3)",
                     "Partial (1)", "Schools will stay closed until Friday.",
                     "Likely source: A (confidence 72%)", "A was published a day earlier."):
        assert expected in text, expected


def test_markup_in_article_text_prints_literally(make_report: Builder) -> None:
    text = _render(make_report(PAYLOADS[-1]), width=400)
    literal = "[bold red]RED[/bold red] | cell"
    for carrier in ("Riverton", "Jo Park", "wire/riverton.txt", "B 1,500", "copyright",
                    "everything we can", "until Friday", "a day earlier"):
        assert f"{carrier} {literal}" in text, carrier


def test_fits_80_columns_without_colour_when_not_a_terminal(report: dict[str, Any]) -> None:
    out = io.StringIO()
    render_terminal(report, Console(file=out, width=80))
    text = out.getvalue()
    assert "\x1b[" not in text
    assert max(len(line) for line in text.splitlines()) <= 80
    assert all(title.split(" (")[0] in text for title in SECTIONS)


def test_colour_follows_the_verdict(report: dict[str, Any]) -> None:
    out = io.StringIO()
    render_terminal(report, Console(file=out, width=100, force_terminal=True,
                                    color_system="standard"))
    assert out.getvalue().startswith("\x1b[1;32mSame story")  # bold green


def test_long_texts_are_shortened(report: dict[str, Any]) -> None:
    long_reason = "word " * 80
    report["discrepancies"][0]["reason"] = long_reason
    text = _render(report, width=200)
    assert "…" in text
    assert long_reason.strip() not in text


def test_empty_findings_say_so(report: dict[str, Any]) -> None:
    report["discrepancies"], report["reuse"] = [], []
    report["alignment"].update(links=[], only_a=[], only_b=[])
    report["likely_source"] = {"side": "unknown", "confidence": 0.0, "reasons": []}
    text = _render(report)
    for expected in ("No discrepancies found.", "No shared claims.", "No reused passages.",
                     "No claims on this side only.", "Likely source: Unknown"):
        assert expected in text
