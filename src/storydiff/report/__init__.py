"""Stage 8, report: ``Report`` (everything a comparison found) with its versioned JSON form, and
its renderers (``render``: terminal, Markdown, standalone HTML)."""

from __future__ import annotations

from .report import SCHEMA_VERSION, Report, verdict_label

__all__ = ["SCHEMA_VERSION", "Report", "verdict_label"]
