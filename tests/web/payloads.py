"""Hostile strings pushed through every page: script tags, event handlers, ``javascript:`` URLs,
attribute and element break-outs. A page is safe when none of them runs."""

from __future__ import annotations

PAYLOADS = (
    "<script>window.__xss = 1; alert(1)</script>",
    '<img src=x onerror="window.__xss = 2; alert(2)">',
    '<svg onload="window.__xss = 3; alert(3)"></svg>',
    '<a href="javascript:window.__xss = 4; alert(4)" id="xss-link">click me</a>',
    '"><script>window.__xss = 5; alert(5)</script>',
    "'><body onload=\"window.__xss = 6\">",
    "</textarea><script>window.__xss = 7; alert(7)</script>",
    "</title></style><script>window.__xss = 8; alert(8)</script>",
    "javascript:alert(9)",
)

HOSTILE_TEXT = "Flood in Riverton\n\n" + "\n\n".join(
    f"Residents said {p} about the flood on Sunday." for p in PAYLOADS)

UNESCAPED_MARKERS = ("<script>window.__xss", "onerror=\"window", "onload=\"window",
                     'href="javascript:', "<img src=x", "<svg onload")


def hostile_store_items() -> list[dict[str, str]]:
    """Three articles whose every field carries a payload."""
    return [{"title": f"{p} headline {i}", "text": HOSTILE_TEXT, "source": p,
             "published": f"2025-03-0{i + 1}", "language": "en"}
            for i, p in enumerate(PAYLOADS[:3])]
