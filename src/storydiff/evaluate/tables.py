"""Evaluation figures as a rich table: top-level metrics, then one row per group."""

from __future__ import annotations

from typing import Any

from rich.console import Group
from rich.table import Table

__all__ = ["metrics_table"]


def _fmt(value: Any) -> str:
    """Numbers to 3 decimals, counts as integers, anything else as text."""
    if isinstance(value, bool) or not isinstance(value, int | float):
        return str(value)
    return str(value) if isinstance(value, int) else f"{value:.3f}"


def _scalars(result: dict[str, Any], title: str) -> Table:
    """Top-level scalar figures."""
    table = Table(title=title, show_header=True)
    table.add_column("metric")
    table.add_column("value", justify="right")
    for key, value in result.items():
        if not isinstance(value, dict | list):
            table.add_row(key, _fmt(value))
    return table


def _groups(name: str, groups: dict[str, Any]) -> Table:
    """One row per group (a language, a language pair, a dimension)."""
    table = Table(title=name.replace("_", " "))
    table.add_column(name.removeprefix("by_"))
    scalar_rows = {k: v for k, v in groups.items() if not isinstance(v, dict)}
    if scalar_rows:
        table.add_column("value", justify="right")
        for key, value in scalar_rows.items():
            table.add_row(key, _fmt(value))
        return table
    columns = list(dict.fromkeys(c for row in groups.values() for c in row))
    for column in columns:
        table.add_column(column, justify="right")
    for key, row in groups.items():
        table.add_row(key, *(_fmt(row.get(c, "")) for c in columns))
    return table


def metrics_table(result: dict[str, Any], title: str) -> Group:
    """Render an evaluation result (``evaluate_semeval``/``evaluate_nli`` output)."""
    parts: list[Table] = [_scalars(result, title)]
    parts += [_groups(k, v) for k, v in result.items() if isinstance(v, dict) and v]
    return Group(*parts)
