"""The report on a terminal, with rich: the verdict line first, then one section per finding.

Article text is untrusted: it only ever reaches rich inside ``Text`` objects, never as markup,
so ``[bold red]`` in an article prints literally.
"""

from __future__ import annotations

from collections.abc import Iterable
from typing import Any

from rich.console import Console, Group, RenderableType
from rich.rule import Rule
from rich.table import Table
from rich.text import Text

from ._view import (
    DIMENSION_NOTE,
    LOOSE,
    SET_ASIDE,
    dimension_items,
    link_confidence,
    links_by_relation,
    loosely_linked,
    number,
    one_line,
    removed_summary,
    shorten,
    side_label,
    similarity_share,
    verdict_tone,
)

__all__ = ["render_terminal"]

_TONE_STYLE = {"same": "bold green", "possible": "bold yellow", "different": "bold red"}
_BAR_WIDTH = 12
_SHORT = 70  # characters kept of a claim or passage in a table cell


def render_terminal(data: dict[str, Any], console: Console) -> None:
    """Print a comparison report on ``console``.

    The first line is the verdict (``verdict.summary``), coloured by the verdict; then the
    sections Similarity, Discrepancies, Documents, Shared claims, Only in A, Only in B,
    Reused text and Likely source. Long texts are shortened with '…'. Colour and width follow
    the console (``NO_COLOR``, pipes and narrow terminals are handled by rich).

    Args:
        data: a report as plain data, ``Report.to_dict()`` or the same JSON read back.
        console: where to print.

    Example:
        >>> render_terminal(report.to_dict(), Console())  # doctest: +SKIP
    """
    verdict = data.get("verdict") or {}
    tone = verdict_tone(verdict.get("label"))
    console.print(Text(one_line(verdict.get("summary")), style=_TONE_STYLE[tone]))
    for title, body in _sections(data):
        console.print()
        console.print(Rule(Text(title, style="bold"), align="left"))
        console.print(body)


def _sections(data: dict[str, Any]) -> Iterable[tuple[str, RenderableType]]:
    """(heading, body) of every section, in reading order."""
    alignment = data.get("alignment") or {}
    yield "Similarity", _similarity(data.get("verdict") or {})
    yield f"Discrepancies ({len(data.get('discrepancies') or [])})", _discrepancies(
        data.get("discrepancies") or [])
    set_aside = data.get("discrepancies_set_aside") or []
    if set_aside:
        yield (f"Set aside: different stories ({len(set_aside)})",
               Group(Text(SET_ASIDE, style="dim"), _discrepancies(set_aside)))
    yield "Documents", _documents(data.get("documents") or [])
    yield f"Shared claims ({len(alignment.get('links') or [])})", _shared(alignment)
    for side in ("a", "b"):
        spans = alignment.get(f"only_{side}") or []
        yield f"Only in {side.upper()} ({len(spans)})", _one_side(spans,
                                                                  loosely_linked(alignment, side))
    yield f"Reused text ({len(data.get('reuse') or [])})", _reuse(data.get("reuse") or [])
    yield "Likely source", _likely_source(data.get("likely_source") or {})


def _none(what: str) -> Text:
    """A dimmed 'No …' line for an empty section."""
    return Text(f"No {what}.", style="dim")


def _similarity(verdict: dict[str, Any]) -> RenderableType:
    """The same-story probability and the seven dimensions with bars."""
    table = Table(show_header=False, box=None, pad_edge=False)
    for column in ("dimension", "score", "bar"):
        table.add_column(column)
    for name, score in dimension_items(verdict):
        table.add_row(Text(name.capitalize()), Text(f"{score:.2f}"), _bar(score))
    head = Text(f"Same-story probability {number(verdict.get('same_story')):.2f} "
                f"({one_line(verdict.get('label'))}; method: {one_line(verdict.get('method'))})")
    return Group(head, table, Text(DIMENSION_NOTE, style="dim italic"))


def _bar(score: float) -> Text:
    """A bar that grows with similarity (score 1 → full, 4 → empty)."""
    filled = round(similarity_share(score) * _BAR_WIDTH)
    bar = Text("█" * filled, style="cyan")
    bar.append("░" * (_BAR_WIDTH - filled), style="dim")
    return bar


def _discrepancies(items: list[dict[str, Any]]) -> RenderableType:
    """A discrepancies table: type, both spans, reason, confidence."""
    if not items:
        return _none("discrepancies found")
    table = Table(expand=True, show_lines=True)
    table.add_column("Type", style="bold red", no_wrap=True)
    table.add_column("A", ratio=2)
    table.add_column("B", ratio=2)
    table.add_column("Reason", ratio=3)
    table.add_column("Conf.", justify="right", no_wrap=True)
    for item in items:
        table.add_row(Text(one_line(item.get("type"))), _span_text(item.get("a")),
                      _span_text(item.get("b")), Text(shorten(item.get("reason"), 160)),
                      Text(f"{number(item.get('confidence')):.0%}"))
    return table


def _span_text(span: Any) -> Text:
    """The text of a span dict, shortened."""
    return Text(shorten((span or {}).get("text"), _SHORT))


def _documents(documents: list[dict[str, Any]]) -> RenderableType:
    """Metadata of both documents side by side."""
    table = Table(expand=True, show_header=True, box=None)
    table.add_column("", style="bold", no_wrap=True)
    for doc in documents:
        table.add_column(side_label(doc.get("side")), ratio=1)
    rows = ("title", "author", "published", "language", "source")
    for field in rows:
        table.add_row(field.capitalize(), *(_meta(doc.get(field)) for doc in documents))
    table.add_row("Removed", *(Text(removed_summary(doc.get("removed_lines") or []))
                               for doc in documents))
    return table


def _meta(value: Any) -> Text:
    """A metadata value, or a dimmed dash when unknown."""
    text = shorten(value, 120) if value not in (None, "") else ""
    return Text(text) if text else Text("—", style="dim")


def _shared(alignment: dict[str, Any]) -> RenderableType:
    """Linked claims, one table per relation."""
    links = alignment.get("links") or []
    if not links:
        return _none("shared claims")
    parts: list[RenderableType] = []
    for title, group in links_by_relation(links):
        if group:
            parts.append(Text(f"{title} ({len(group)})", style="bold"))
            parts.append(_links_table(group))
    coverage = alignment.get("coverage") or {}
    parts.append(Text(f"Matched: {number(coverage.get('a')):.0%} of A, "
                      f"{number(coverage.get('b')):.0%} of B", style="dim"))
    return Group(*parts)


def _links_table(links: list[dict[str, Any]]) -> Table:
    """One row per link: A text, B text, similarity, the link model's confidence."""
    table = Table(expand=True, box=None, show_header=False, pad_edge=False)
    table.add_column("A", ratio=1)
    table.add_column("B", ratio=1)
    table.add_column("sim", justify="right", no_wrap=True)
    table.add_column("conf", justify="right", no_wrap=True)
    for link in links:
        table.add_row(_span_text(link.get("a_span")), _span_text(link.get("b_span")),
                      Text(f"{number(link.get('similarity')):.2f}", style="dim"),
                      Text(link_confidence(link), style="dim"))
    return table


def _one_side(spans: Any, loose: list[dict[str, Any]]) -> RenderableType:
    """A side's one-side claims, then those it links only uncertainly (``LOOSE``)."""
    if not loose:
        return _only(spans)
    return Group(_only(spans), Text(f"{LOOSE} ({len(loose)})", style="bold"), _only(loose))


def _only(spans: Any) -> RenderableType:
    """A bulleted list of claims found on one side only."""
    if not spans:
        return _none("claims on this side only")
    return Group(*(Text("• ") + Text(shorten(span.get("text"), 150)) for span in spans))


def _reuse(passages: list[dict[str, Any]]) -> RenderableType:
    """Reused passages: kind, length, overlap and the text (both sides when they differ)."""
    if not passages:
        return _none("reused passages")
    table = Table(expand=True, box=None, pad_edge=False)
    table.add_column("Kind", no_wrap=True)
    table.add_column("Words", justify="right", no_wrap=True)
    table.add_column("Overlap", justify="right", no_wrap=True)
    table.add_column("Passage", ratio=1)
    for item in passages:
        table.add_row(Text(one_line(item.get("kind")).replace("_", " ")),
                      Text(str(int(number(item.get("words"))))),
                      Text(f"{number(item.get('overlap')):.0%}"), _passage(item))
    return table


def _passage(item: dict[str, Any]) -> Text:
    """The A text of a reused passage, plus the B text when it differs."""
    a_text = one_line((item.get("a") or {}).get("text"))
    b_text = one_line((item.get("b") or {}).get("text"))
    text = Text("A: ", style="dim") + Text(shorten(a_text, 110))
    if b_text != a_text:
        text += Text("\nB: ", style="dim") + Text(shorten(b_text, 110))
    return text


def _likely_source(source: dict[str, Any]) -> RenderableType:
    """Which side is more likely the original, and why."""
    side = side_label(source.get("side"))
    head = Text("Likely source: ") + Text(side, style="bold")
    if side != "Unknown":
        head += Text(f" (confidence {number(source.get('confidence')):.0%})")
    reasons = [Text("• ") + Text(one_line(r)) for r in source.get("reasons") or []]
    return Group(head, *reasons)
