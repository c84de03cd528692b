"""The report as one standalone HTML page: verdict, both texts side by side with linked claims.

The page opens offline: CSS and script are inlined and a Content-Security-Policy allows only
those two blocks (by hash, or by a caller's nonce), no network at all. Every piece of article
text and metadata goes through ``html.escape(quote=True)``; article text never reaches a URL,
an event handler or a style. Hovering a claim lights its partners (``data-claim`` and
``data-partners`` hold ids such as ``a3``/``b5``); discrepancies are underlined in red with their
reason as a tooltip and listed in ``#discrepancies``.
"""

from __future__ import annotations

import base64
import hashlib
import html
import re
from collections.abc import Iterable
from dataclasses import dataclass, field
from importlib import resources
from typing import Any

from ..report import uncertain_link
from ._highlight import Mark, Segment, segments
from ._view import (
    DIMENSION_NOTE,
    SET_ASIDE,
    dimension_items,
    link_confidence,
    links_by_relation,
    number,
    one_line,
    removed_summary,
    shorten,
    side_label,
    similarity_share,
    verdict_tone,
)

__all__ = ["render_html"]

_NONCE = re.compile(r"[A-Za-z0-9+/_=-]{16,}")
_LANG = re.compile(r"[A-Za-z]{2,3}(-[A-Za-z0-9]{1,8})*")
#: The strongest link of a claim sets its look; a claim linked only by links the model is unsure
#: of (``report.uncertain_link``) is drawn fainter.
_RELATION_RANK = {"same_wording": 4, "paraphrase": 3, "partial": 2, "uncertain": 1}
_GROUP_COLOURS = 8
_CELL = 220  # characters kept of a text in a table cell

Tag = tuple[str, int]  # ("claim", claim index) | ("disc", i) | ("reuse", i)


def render_html(data: dict[str, Any], *, nonce: str | None = None) -> str:
    """Render a comparison report as one standalone HTML page.

    Args:
        data: a report as plain data, ``Report.to_dict()`` or the same JSON read back.
        nonce: when the page is served under a CSP header that uses a nonce, that nonce: the
            inline style and script carry it. Without it the page's own CSP lists their hashes.

    Returns:
        The HTML document (no external asset: it opens offline, from a file).

    Raises:
        ValueError: ``nonce`` is not a base64 string of at least 16 characters.

    Example:
        >>> Path("report.html").write_text(render_html(report.to_dict()))  # doctest: +SKIP
    """
    if nonce is not None and not _NONCE.fullmatch(nonce):
        raise ValueError("nonce must be at least 16 base64 characters")
    css, script = _asset("page.css"), _asset("page.js")
    body = "".join(_body(data))
    return _page(_title(data), body, css, script, nonce)


def _asset(name: str) -> str:
    """The text of a file shipped beside this module."""
    return resources.files(__package__).joinpath(name).read_text(encoding="utf-8")


def _esc(value: object) -> str:
    """Escape text for HTML content or a quoted attribute; keeps carriage returns."""
    text = "" if value is None else str(value)
    return html.escape(text, quote=True).replace("\r", "&#13;")


def _hash(source: str) -> str:
    """The CSP source expression that allows an inline block with this exact content."""
    digest = hashlib.sha256(source.encode("utf-8")).digest()
    return "'sha256-" + base64.b64encode(digest).decode("ascii") + "'"


def _page(title: str, body: str, css: str, script: str, nonce: str | None) -> str:
    """Wrap ``body`` in the HTML document with its CSP, style and script."""
    style_src = f"'nonce-{nonce}'" if nonce else _hash(css)
    script_src = f"'nonce-{nonce}'" if nonce else _hash(script)
    csp = (f"default-src 'none'; style-src {style_src}; script-src {script_src}; "
           "img-src 'none'; base-uri 'none'; form-action 'none'")
    attr = f' nonce="{nonce}"' if nonce else ""
    return (
        "<!DOCTYPE html>\n<html lang=\"en\">\n<head>\n<meta charset=\"utf-8\">\n"
        f"<meta http-equiv=\"Content-Security-Policy\" content=\"{_esc(csp)}\">\n"
        "<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n"
        "<meta name=\"referrer\" content=\"no-referrer\">\n"
        f"<title>{_esc(title)}</title>\n<style{attr}>{css}</style>\n</head>\n<body>\n"
        f"<main>\n{body}</main>\n<script{attr}>{script}</script>\n</body>\n</html>\n"
    )


def _title(data: dict[str, Any]) -> str:
    """The page title: both document titles."""
    titles = [shorten(d.get("title") or d.get("source") or "?", 60)
              for d in data.get("documents") or []]
    return "storydiff: " + " vs ".join(titles)


def _body(data: dict[str, Any]) -> Iterable[str]:
    """The page's sections, in reading order."""
    yield "<h1>storydiff report</h1>\n"
    yield _verdict(data.get("verdict") or {}, bool(data.get("identical")))
    yield _top(data.get("likely_source") or {})
    yield _discrepancies(data.get("discrepancies") or [])
    yield _set_aside(data.get("discrepancies_set_aside") or [])
    yield _documents(data)
    yield _shared(data.get("alignment") or {})
    yield _reuse(data.get("reuse") or [])


# ---- verdict, likely source, legend ----------------------------------------------------------

def _verdict(verdict: dict[str, Any], identical: bool) -> str:
    """The verdict header: label, probability, summary and the seven dimensions."""
    tone = verdict_tone(verdict.get("label"))
    badge = '<span class="badge">identical texts</span>' if identical else ""
    dims = "".join(_dimension(name, score) for name, score in dimension_items(verdict))
    return (
        f'<header class="verdict card v-{tone}">\n'
        f'<p class="label">{_esc(one_line(verdict.get("label")).capitalize())}</p>'
        f'<span class="badge">p = {number(verdict.get("same_story")):.2f}</span> {badge}\n'
        f'<p class="summary">{_esc(verdict.get("summary"))}</p>\n'
        f'<ul class="dims">{dims}</ul>\n'
        f'<p class="note">{_esc(DIMENSION_NOTE)} Method: {_esc(verdict.get("method"))}.</p>\n'
        "</header>\n"
    )


def _dimension(name: str, score: float) -> str:
    """One dimension: name, an SVG bar that grows with similarity, the score."""
    width = round(similarity_share(score) * 100, 1)
    bar = ('<svg class="bar" viewBox="0 0 100 8" width="100%" height="8" aria-hidden="true" '
           'preserveAspectRatio="none">'
           '<rect class="track" width="100" height="8" rx="4" fill="#dfe3ea"/>'
           f'<rect class="fill" width="{width}" height="8" rx="4" fill="#2b6cb0"/></svg>')
    return (f'<li><span class="name">{_esc(name.capitalize())}</span>{bar}'
            f'<span class="score">{score:.2f}</span></li>')


_LEGEND = (
    '<aside class="card"><h2>How to read the texts</h2><p class="legend">'
    '<span><span class="swatch linked"></span>claims found in both (same colour = linked; '
    "hover one to light its partners; faint hatching = a link the model is less than 50% "
    "sure of)</span>"
    '<span><span class="swatch only"></span>claim on one side only</span>'
    '<span><span class="swatch disc"></span>discrepancy (hover for the reason)</span>'
    '<span><span class="swatch reuse-sw"></span>reused passage</span></p></aside>\n'
)


def _top(source: dict[str, Any]) -> str:
    """The likely-source box beside the legend."""
    side = side_label(source.get("side"))
    share = f"{number(source.get('confidence')):.0%}"
    confidence = "" if side == "Unknown" else f' <span class="muted">(confidence {share})</span>'
    reasons = "".join(f"<li>{_esc(r)}</li>" for r in source.get("reasons") or [])
    return (
        '<div class="top">\n'
        f'<aside id="likely-source" class="card"><h2>Likely source: {_esc(side)}{confidence}</h2>'
        f"<ul>{reasons}</ul></aside>\n{_LEGEND}</div>\n"
    )


# ---- tables -----------------------------------------------------------------------------------

def _table(section_id: str, title: str, header: list[str], rows: list[str]) -> str:
    """A titled card holding a table; ``rows`` are ready ``<tr>`` elements."""
    return (f'<section id="{section_id}" class="card"><h2>{_esc(title)}</h2>'
            f"{_bare_table(header, rows)}</section>\n")


def _bare_table(header: list[str], rows: list[str]) -> str:
    """A scrollable table; ``rows`` are ready ``<tr>`` elements."""
    head = "".join(f"<th>{_esc(h)}</th>" for h in header)
    return (f'<div class="table-wrap"><table><thead><tr>{head}</tr></thead>'
            f"<tbody>{''.join(rows)}</tbody></table></div>")


def _td(value: object, css: str = "") -> str:
    """A table cell with escaped, shortened text."""
    cls = f' class="{css}"' if css else ""
    return f"<td{cls}>{_esc(shorten(value, _CELL))}</td>"


def _num(value: object, spec: str) -> str:
    """A right-aligned cell with a number formatted by ``spec``."""
    return f'<td class="num">{format(number(value), spec)}</td>'


def _span_cell(span: Any) -> str:
    """A cell with a span's text."""
    return _td((span or {}).get("text"))


def _discrepancies(items: list[dict[str, Any]]) -> str:
    """The ``#discrepancies`` table: type, both spans, reason, confidence, method."""
    if not items:
        return ('<section id="discrepancies" class="card"><h2>Discrepancies</h2>'
                '<p class="muted">No discrepancies found.</p></section>\n')
    rows = [f'<tr data-disc="{i}" tabindex="0">{_finding_cells(d)}'
            f'{_td(d.get("method"), "muted")}</tr>' for i, d in enumerate(items)]
    return _table("discrepancies", f"Discrepancies ({len(items)})",
                  [*_FINDING_HEADER, "Method"], rows)


_FINDING_HEADER = ["Type", "A says", "B says", "Reason", "Confidence"]


def _finding_cells(d: dict[str, Any]) -> str:
    """A finding's cells under ``_FINDING_HEADER``: type, both spans, reason, confidence."""
    return (f'{_td(d.get("type"), "type")}{_span_cell(d.get("a"))}{_span_cell(d.get("b"))}'
            f'{_td(d.get("reason"))}{_num(d.get("confidence"), ".0%")}')


def _set_aside(items: list[dict[str, Any]]) -> str:
    """The ``#set-aside`` table, when the verdict set findings aside (not marked in the
    texts)."""
    if not items:
        return ""
    rows = [f"<tr>{_finding_cells(d)}</tr>" for d in items]
    return (f'<section id="set-aside" class="card"><h2>Set aside: different stories '
            f'({len(items)})</h2><p class="muted">{_esc(SET_ASIDE)}</p>'
            f"{_bare_table(_FINDING_HEADER, rows)}</section>\n")


def _shared(alignment: dict[str, Any]) -> str:
    """Linked claims by relation, in a collapsed block."""
    rows = []
    for title, group in links_by_relation(alignment.get("links") or []):
        rows += [f"<tr>{_td(title)}{_span_cell(lk.get('a_span'))}{_span_cell(lk.get('b_span'))}"
                 f"{_num(lk.get('similarity'), '.2f')}"
                 f'<td class="num">{html.escape(link_confidence(lk))}</td></tr>' for lk in group]
    coverage = alignment.get("coverage") or {}
    table = _bare_table(["Relation", "A", "B", "Similarity", "Confidence"], rows)
    return (f'<section id="shared-claims" class="card"><details class="shared"><summary>'
            f"Shared claims ({len(rows)}): matched {number(coverage.get('a')):.0%} of A and "
            f"{number(coverage.get('b')):.0%} of B</summary>{table}</details></section>\n")


def _reuse(passages: list[dict[str, Any]]) -> str:
    """The table of reused passages."""
    rows = [f"<tr>{_td(one_line(p.get('kind')).replace('_', ' '))}"
            f"{_num(p.get('words'), '.0f')}"
            f"{_num(p.get('overlap'), '.0%')}"
            f"{_span_cell(p.get('a'))}{_span_cell(p.get('b'))}</tr>" for p in passages]
    if not rows:
        return ('<section id="reuse-list" class="card"><h2>Reused text</h2>'
                '<p class="muted">No reused passages.</p></section>\n')
    return _table("reuse-list", f"Reused text ({len(rows)})",
                  ["Kind", "Words", "Overlap", "A", "B"], rows)


# ---- the two texts ----------------------------------------------------------------------------

@dataclass
class _Claim:
    """A claim on one side: its offsets, partner claims on the other side, relation, colour."""

    start: int
    end: int
    partners: set[int] = field(default_factory=set)
    relation: str = ""
    group: int = -1


@dataclass
class _Side:
    """Everything needed to lay out one side's text."""

    side: str  # 'a' or 'b'
    other: str
    claims: dict[int, _Claim]
    reasons: dict[int, str]  # discrepancy index → tooltip


def _documents(data: dict[str, Any]) -> str:
    """Both documents side by side."""
    docs = data.get("documents") or []
    sides = [_side(data, str(doc.get("side"))) for doc in docs]
    columns = "".join(_document(doc, side, data) for doc, side in zip(docs, sides, strict=True))
    return f'<div class="docs">\n{columns}</div>\n'


def _side(data: dict[str, Any], side: str) -> _Side:
    """Claims (with partners and colours) and discrepancy tooltips of one side."""
    side = "b" if side == "b" else "a"
    other = "a" if side == "b" else "b"
    alignment = data.get("alignment") or {}
    claims = _linked_claims(alignment.get("links") or [], side, other)
    for span in alignment.get(f"only_{side}") or []:
        index = int(number(span.get("claim"), -1))
        if index >= 0 and index not in claims:
            claims[index] = _Claim(int(number(span.get("start"))), int(number(span.get("end"))))
    reasons = {i: _tooltip(d) for i, d in enumerate(data.get("discrepancies") or [])}
    return _Side(side, other, claims, reasons)


def _linked_claims(links: list[dict[str, Any]], side: str, other: str) -> dict[int, _Claim]:
    """The claims of ``side`` that have partners, keyed by claim index."""
    groups = _groups(links)
    claims: dict[int, _Claim] = {}
    for link in links:
        index, partner = int(number(link.get(side))), int(number(link.get(other)))
        span = link.get(f"{side}_span") or {}
        claim = claims.setdefault(index, _Claim(int(number(span.get("start"))),
                                                int(number(span.get("end")))))
        claim.partners.add(partner)
        claim.group = groups[(side, index)]
        relation = "uncertain" if uncertain_link(link.get("relation"), link.get("confidence")) \
            else str(link.get("relation"))
        if _RELATION_RANK.get(relation, 0) > _RELATION_RANK.get(claim.relation, 0):
            claim.relation = relation
    return claims


def _groups(links: list[dict[str, Any]]) -> dict[tuple[str, int], int]:
    """Connected components of the link graph, numbered in order of first appearance."""
    parent: dict[tuple[str, int], tuple[str, int]] = {}

    def find(node: tuple[str, int]) -> tuple[str, int]:
        """Root of ``node``'s component (with path halving)."""
        parent.setdefault(node, node)
        while parent[node] != node:
            parent[node] = parent[parent[node]]
            node = parent[node]
        return node

    pairs = sorted((int(number(lk.get("a"))), int(number(lk.get("b")))) for lk in links)
    for a, b in pairs:
        parent[find(("a", a))] = find(("b", b))
    numbers: dict[tuple[str, int], int] = {}
    for a, _ in pairs:
        numbers.setdefault(find(("a", a)), len(numbers))
    return {node: numbers[find(node)] for node in list(parent)}


def _tooltip(item: dict[str, Any]) -> str:
    """The tooltip of a discrepancy: type, reason and confidence."""
    return (f"{one_line(item.get('type'))}: {one_line(item.get('reason'))} "
            f"(confidence {number(item.get('confidence')):.0%})")


def _document(doc: dict[str, Any], side: _Side, data: dict[str, Any]) -> str:
    """One column: metadata header, highlighted text, removed boilerplate lines."""
    letter = side_label(side.side)
    lang = one_line(doc.get("language"))
    lang_attr = f' lang="{_esc(lang)}"' if _LANG.fullmatch(lang) and lang != "und" else ""
    title = one_line(doc.get("title")) or f"Document {letter}"
    return (
        f'<section class="doc doc-{side.side} card" aria-label="Document {letter}">\n'
        f'<header><span class="side">{letter}</span><h2>{_esc(title)}</h2>{_meta(doc)}</header>\n'
        f'<div class="text"{lang_attr}>{_text(str(doc.get("clean_text") or ""), side, data)}'
        f"</div>\n{_removed(doc.get('removed_lines') or [])}</section>\n"
    )


def _meta(doc: dict[str, Any]) -> str:
    """The metadata list of a document: author, published, language, source."""
    rows = []
    for key in ("author", "published", "language", "source"):
        value = one_line(doc.get(key))
        shown = _esc(value) if value else '<span class="muted">—</span>'
        rows.append(f"<dt>{key.capitalize()}</dt><dd>{shown}</dd>")
    return f'<dl class="meta">{"".join(rows)}</dl>'


def _removed(removed: list[dict[str, Any]]) -> str:
    """The removed boilerplate lines, in a collapsed block."""
    if not removed:
        return '<p class="note">No boilerplate lines removed.</p>\n'
    items = "".join(f"<li value=\"{int(number(r.get('line_no'), 1))}\">{_esc(r.get('text'))} "
                    f'<span class="reason">— {_esc(r.get("reason"))}</span></li>' for r in removed)
    return (f'<details class="removed"><summary>Removed boilerplate: '
            f"{_esc(removed_summary(removed))}</summary><ol>{items}</ol></details>\n")


def _text(text: str, side: _Side, data: dict[str, Any]) -> str:
    """The clean text cut into segments, each wrapped in a span with its classes."""
    marks = list(_marks(side, data))
    return "".join(_segment(seg, text, side) for seg in segments(len(text), marks))


def _marks(side: _Side, data: dict[str, Any]) -> Iterable[Mark[Tag]]:
    """Claim, discrepancy and reuse marks of one side."""
    for index, claim in side.claims.items():
        yield Mark(claim.start, claim.end, ("claim", index))
    for kind, items in (("disc", data.get("discrepancies")), ("reuse", data.get("reuse"))):
        for i, item in enumerate(items or []):
            span = item.get(side.side) or {}
            yield Mark(int(number(span.get("start"))), int(number(span.get("end"))), (kind, i))


def _segment(seg: Segment[Tag], text: str, side: _Side) -> str:
    """One segment: plain escaped text, or a span with classes, data ids and a tooltip."""
    piece = _esc(text[seg.start:seg.end])
    if not seg.tags:
        return piece
    ids = {kind: sorted(i for k, i in seg.tags if k == kind) for kind in ("claim", "disc", "reuse")}
    classes: list[str] = []
    attrs: list[str] = []
    titles: list[str] = []
    if ids["claim"]:
        _claim_attrs([side.claims[i] for i in ids["claim"]], ids["claim"], side, classes, attrs)
        titles += [] if "linked" in classes else [f"Only in {side.side.upper()}"]
    if ids["disc"]:
        classes.append("discrepancy")
        attrs.append(f'data-disc="{" ".join(map(str, ids["disc"]))}" tabindex="0"')
        titles += [side.reasons[i] for i in ids["disc"]]
    if ids["reuse"]:
        classes.append("reuse")
        attrs.append(f'data-reuse="{" ".join(map(str, ids["reuse"]))}"')
    if titles:
        attrs.append(f'title="{_esc(chr(10).join(titles))}"')
    return f'<span class="{" ".join(classes)}" {" ".join(attrs)}>{piece}</span>'


def _claim_attrs(claims: list[_Claim], indices: list[int], side: _Side,
                 classes: list[str], attrs: list[str]) -> None:
    """Classes and data attributes of a segment inside one or more claims."""
    classes.append("claim")
    attrs.append(f'data-claim="{" ".join(f"{side.side}{i}" for i in indices)}"')
    partners = sorted({p for claim in claims for p in claim.partners})
    if not partners:
        classes.append("only-one-side")
        return
    best = max(claims, key=lambda c: _RELATION_RANK.get(c.relation, 0))
    classes += ["linked", f"g{best.group % _GROUP_COLOURS}", f"rel-{best.relation or 'other'}"]
    attrs.append(f'data-partners="{" ".join(f"{side.other}{p}" for p in partners)}"')
