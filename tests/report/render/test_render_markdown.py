"""The Markdown report: sections, and article text that cannot break tables or inject HTML."""

from __future__ import annotations

import re
from collections import Counter
from typing import Any

import pytest
from markdown_it import MarkdownIt

from storydiff.report.render import escape_markdown, render_markdown

from .report_data import PAYLOADS, Builder

SECTIONS = ("## Similarity", "## Discrepancies", "## Documents", "## Shared claims",
            "## Only in A", "## Only in B", "## Reused text", "## Likely source")
_OWN_TAGS = re.compile(r"</?(details|summary)>")


def _to_html(markdown: str) -> str:
    """Markdown → HTML with raw HTML allowed, as a permissive renderer would do."""
    return MarkdownIt("commonmark", {"html": True}).enable("table").render(markdown)


def test_sections_in_order(report: dict[str, Any]) -> None:
    md = render_markdown(report)
    assert md.startswith("# storydiff report\n\n**Same story (p=0.91)")
    positions = [md.index(title) for title in SECTIONS]
    assert positions == sorted(positions)
    for expected in ("| 1 | number | About 1,200 | Some 1,500 |", "### Paraphrase (3)",
                     "- Schools will stay closed until Friday.", "**A** (confidence 72%)",
                     "line 9: Pin It *(share button)*"):
        assert expected in md, expected


@pytest.mark.parametrize("payload", PAYLOADS)
def test_payloads_stay_text(make_report: Builder, payload: str) -> None:
    md = render_markdown(make_report(payload))
    assert "<" not in _OWN_TAGS.sub("", md)
    html = _to_html(md)
    assert _tags(html) == _tags(_to_html(render_markdown(make_report(""))))  # no element added
    for tag in ("<script", "<img", "<svg", "<a ", "<code"):
        assert tag not in html


def _tags(html: str) -> Counter[str]:
    """How many elements of each name the HTML holds."""
    return Counter(re.findall(r"<([a-zA-Z][a-zA-Z0-9]*)", html))


@pytest.mark.parametrize("payload", PAYLOADS)
def test_tables_keep_their_shape(make_report: Builder, payload: str) -> None:
    html = _to_html(render_markdown(make_report(payload)))
    for table in re.findall(r"<table>.*?</table>", html, flags=re.S):
        widths = {len(re.findall(r"<t[hd][ >]", row)) for row in re.findall(r"<tr>.*?</tr>", table,
                                                                            flags=re.S)}
        assert len(widths) == 1, table


@pytest.mark.parametrize(("text", "escaped"), [
    ("# not a heading", "\\# not a heading"),
    ("1. not a list", "1\\. not a list"),
    ("- not a bullet", "\\- not a bullet"),
    ("a | b", "a \\| b"),
    ("<b>x</b> & y", "&lt;b&gt;x&lt;/b&gt; &amp; y"),
    ("[link](javascript:x)", "\\[link\\](javascript:x)"),
    ("line\nbreak", "line break"),
    ("well-known 1.5", "well-known 1.5"),
])
def test_escape_markdown(text: str, escaped: str) -> None:
    assert escape_markdown(text) == escaped
