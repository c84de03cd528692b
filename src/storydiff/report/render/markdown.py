"""The report as GitHub-flavoured Markdown, with every piece of article text escaped."""

from __future__ import annotations

import re
from collections.abc import Iterable
from typing import Any

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
)

__all__ = ["escape_markdown", "render_markdown"]

_CELL = 300  # characters kept of a text in a table cell
_INLINE = re.compile(r"([\\`*_\[\]|~])")
_HTML = {"&": "&amp;", "<": "&lt;", ">": "&gt;"}
_LINE_START = re.compile(r"^([#+\-=]|\d+[.)])")


def escape_markdown(text: object) -> str:
    """``text`` on one line, safe inside GFM prose and table cells.

    HTML characters become entities (no raw HTML gets through), Markdown punctuation and ``|``
    are backslash-escaped, and a leading '#', '-', '+', '=' or '1.' cannot start a block.

    Example:
        >>> escape_markdown("<b>|x|</b>")
        '&lt;b&gt;\\\\|x\\\\|&lt;/b&gt;'
    """
    flat = "".join(_HTML.get(ch, ch) for ch in one_line(text))
    flat = _INLINE.sub(r"\\\1", flat)
    return _LINE_START.sub(lambda m: m.group(0)[:-1] + "\\" + m.group(0)[-1], flat)


def render_markdown(data: dict[str, Any]) -> str:
    """Render a comparison report as a GitHub-flavoured Markdown document.

    Sections: the verdict line, Similarity, Discrepancies, Documents, Shared claims, Only in A,
    Only in B, Reused text, Likely source. Article text is escaped (no HTML, no table breaks).

    Args:
        data: a report as plain data, ``Report.to_dict()`` or the same JSON read back.

    Returns:
        The Markdown text, ending with a newline.

    Example:
        >>> print(render_markdown(report.to_dict()))  # doctest: +SKIP
    """
    verdict = data.get("verdict") or {}
    lines = ["# storydiff report", "", f"**{escape_markdown(verdict.get('summary'))}**"]
    for title, body in _sections(data):
        lines += ["", f"## {title}", "", *body]
    return "\n".join(lines) + "\n"


def _sections(data: dict[str, Any]) -> Iterable[tuple[str, list[str]]]:
    """(heading, lines) of every section, in reading order."""
    alignment = data.get("alignment") or {}
    yield "Similarity", _similarity(data.get("verdict") or {})
    yield "Discrepancies", _discrepancies(data.get("discrepancies") or [])
    set_aside = data.get("discrepancies_set_aside") or []
    if set_aside:
        yield "Set aside: different stories", [SET_ASIDE, "", *_discrepancies(set_aside)]
    yield "Documents", _documents(data.get("documents") or [])
    yield "Shared claims", _shared(alignment)
    for side in ("a", "b"):
        loose = loosely_linked(alignment, side)
        extra = ["", f"{LOOSE}:", "", *_only(loose)] if loose else []
        yield f"Only in {side.upper()}", [*_only(alignment.get(f"only_{side}") or []), *extra]
    yield "Reused text", _reuse(data.get("reuse") or [])
    yield "Likely source", _likely_source(data.get("likely_source") or {})


def _table(header: list[str], rows: Iterable[list[str]]) -> list[str]:
    """A GFM table; cells must already be escaped."""
    out = ["| " + " | ".join(header) + " |", "|" + "---|" * len(header)]
    return out + ["| " + " | ".join(row) + " |" for row in rows]


def _cell(text: object, limit: int = _CELL) -> str:
    """An article text for a table cell: shortened and escaped."""
    return escape_markdown(shorten(text, limit))


def _similarity(verdict: dict[str, Any]) -> list[str]:
    """Same-story probability and the seven dimensions with text bars."""
    head = (f"Same-story probability **{number(verdict.get('same_story')):.2f}** "
            f"({escape_markdown(verdict.get('label'))}; method: "
            f"{escape_markdown(verdict.get('method'))}).")
    rows = [[name.capitalize(), f"{score:.2f}", _bar(score)]
            for name, score in dimension_items(verdict)]
    return [head, "", *_table(["Dimension", "Score (1–4)", "Similarity"], rows), "",
            f"*{DIMENSION_NOTE}*"]


def _bar(score: float) -> str:
    """A ten-character bar that grows with similarity."""
    filled = round(similarity_share(score) * 10)
    return "█" * filled + "░" * (10 - filled)


def _discrepancies(items: list[dict[str, Any]]) -> list[str]:
    """A table of discrepancies with both spans, reason and confidence."""
    if not items:
        return ["No discrepancies found."]
    rows = [[str(i), escape_markdown(d.get("type")), _cell((d.get("a") or {}).get("text")),
             _cell((d.get("b") or {}).get("text")), _cell(d.get("reason")),
             f"{number(d.get('confidence')):.0%}"] for i, d in enumerate(items, 1)]
    return _table(["#", "Type", "A", "B", "Reason", "Confidence"], rows)


def _documents(documents: list[dict[str, Any]]) -> list[str]:
    """Metadata of both documents side by side, then their removed lines."""
    fields = ("title", "author", "published", "language", "source")
    rows = [[f.capitalize(), *(_cell(doc.get(f)) or "—" for doc in documents)] for f in fields]
    rows.append(["Removed lines", *(escape_markdown(removed_summary(doc.get("removed_lines")
                                                                    or [])) for doc in documents)])
    out = _table(["", *(side_label(doc.get("side")) for doc in documents)], rows)
    for doc in documents:
        out += _removed(side_label(doc.get("side")), doc.get("removed_lines") or [])
    return out


def _removed(side: str, removed: list[dict[str, Any]]) -> list[str]:
    """A collapsed list of the boilerplate lines removed from one document."""
    if not removed:
        return []
    items = [f"- line {int(number(r.get('line_no')))}: {escape_markdown(r.get('text'))} "
             f"*({escape_markdown(r.get('reason'))})*" for r in removed]
    return ["", "<details>", f"<summary>Lines removed from {side}</summary>", "", *items, "",
            "</details>"]


def _shared(alignment: dict[str, Any]) -> list[str]:
    """Linked claims, one table per relation, then the coverage."""
    links = alignment.get("links") or []
    if not links:
        return ["No shared claims."]
    out: list[str] = []
    for title, group in links_by_relation(links):
        if group:
            rows = [[_cell((lk.get("a_span") or {}).get("text")),
                     _cell((lk.get("b_span") or {}).get("text")),
                     f"{number(lk.get('similarity')):.2f}", link_confidence(lk)] for lk in group]
            out += [f"### {title} ({len(group)})", "",
                    *_table(["A", "B", "Similarity", "Confidence"], rows), ""]
    coverage = alignment.get("coverage") or {}
    return [*out, f"Matched: {number(coverage.get('a')):.0%} of A, "
                  f"{number(coverage.get('b')):.0%} of B."]


def _only(spans: list[dict[str, Any]]) -> list[str]:
    """A list of claims found on one side only."""
    if not spans:
        return ["None."]
    return [f"- {escape_markdown(span.get('text'))}" for span in spans]


def _reuse(passages: list[dict[str, Any]]) -> list[str]:
    """A table of reused passages."""
    if not passages:
        return ["No reused passages."]
    rows = [[escape_markdown(one_line(p.get("kind")).replace("_", " ")),
             str(int(number(p.get("words")))), f"{number(p.get('overlap')):.0%}",
             _cell((p.get("a") or {}).get("text")), _cell((p.get("b") or {}).get("text"))]
            for p in passages]
    return _table(["Kind", "Words", "Overlap", "A", "B"], rows)


def _likely_source(source: dict[str, Any]) -> list[str]:
    """Which side is more likely the original, and why."""
    side = side_label(source.get("side"))
    head = f"**{side}**"
    if side != "Unknown":
        head += f" (confidence {number(source.get('confidence')):.0%})"
    return [head, "", *(f"- {escape_markdown(r)}" for r in source.get("reasons") or [])]
