"""The comparison report inside the site's layout: ``render_html``'s style, body and script,
taken from the standalone page it renders, so the web and the ``--html`` file share one
renderer. Article text in that body is already escaped by the renderer."""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import Any

from ..report.render import render_html

__all__ = ["ReportParts", "report_parts"]

_STYLE = re.compile(r"<style nonce=\"[^\"]+\">(.*?)</style>", re.S)
_SCRIPT = re.compile(r"<script nonce=\"[^\"]+\">(.*?)</script>\s*</body>", re.S)


@dataclass(frozen=True)
class ReportParts:
    """The pieces of a rendered report: CSS, the ``<main>`` content, the script."""

    css: str
    body: str
    script: str


def report_parts(data: dict[str, Any], nonce: str) -> ReportParts:
    """Render ``data`` with ``nonce`` and cut the page into style, body and script.

    Raises:
        ValueError: the renderer's page no longer has the expected shape.
    """
    page = render_html(data, nonce=nonce)
    style, script = _STYLE.search(page), _SCRIPT.search(page)
    start, end = page.find("<main>\n"), page.rfind("</main>")
    if style is None or script is None or start < 0 or end < start:
        raise ValueError("render_html's page changed shape; update report_embed")
    return ReportParts(style.group(1), page[start + len("<main>\n"):end], script.group(1))
