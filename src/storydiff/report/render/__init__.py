"""Renderers of a comparison report: terminal (rich), Markdown and a standalone HTML page.

Each takes the report as plain data (``Report.to_dict()``, or the same JSON read back), so the
CLI, the web app and the REST API share them. They are pure: no file, no network.
"""

from __future__ import annotations

from .html import render_html
from .markdown import escape_markdown, render_markdown
from .terminal import render_terminal

__all__ = ["escape_markdown", "render_html", "render_markdown", "render_terminal"]
