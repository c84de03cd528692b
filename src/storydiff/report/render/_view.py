"""What every renderer shows, read from a report dict: shortened texts, labels, groupings."""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Mapping
from typing import Any

from ..report import uncertain_link

__all__ = [
    "DIMENSION_NOTE",
    "LOOSE",
    "RELATIONS",
    "SET_ASIDE",
    "UNCERTAIN",
    "dimension_items",
    "link_confidence",
    "links_by_relation",
    "loosely_linked",
    "number",
    "one_line",
    "removed_summary",
    "shorten",
    "side_label",
    "similarity_share",
    "verdict_tone",
]

#: Relations in the order the report lists them, with their headings.
RELATIONS: tuple[tuple[str, str], ...] = (
    ("same_wording", "Same wording"),
    ("paraphrase", "Paraphrase"),
    ("partial", "Partial"),
)

#: The heading of the links the link model is unsure of (``report.uncertain_link``), listed
#: after the others.
UNCERTAIN = "Uncertain: link model under 50% sure"

#: The heading of a side's claims whose every link is uncertain, beside its one-side claims.
LOOSE = "Linked only uncertainly"

DIMENSION_NOTE = (
    "Scale of SemEval-2022 Task 8: 1 = most similar, 4 = least similar; "
    "longer bars mean more similar."
)

#: Why a report sets findings aside (``discrepancies_set_aside``).
SET_ASIDE = (
    "The verdict says these articles report different stories, so the details below that "
    "differ are read as facts of two stories, not as disagreements."
)

_SPACE = re.compile(r"\s+")


def one_line(text: object) -> str:
    """``text`` as a string on one line, runs of white space collapsed to one space."""
    return _SPACE.sub(" ", str(text if text is not None else "")).strip()


def shorten(text: object, limit: int) -> str:
    """``text`` on one line, cut at a word boundary to at most ``limit`` characters with '…'."""
    flat = one_line(text)
    if len(flat) <= limit:
        return flat
    cut = flat[: max(1, limit - 1)]
    space = cut.rfind(" ")
    if space > limit // 2:
        cut = cut[:space]
    return cut.rstrip(" ,;:") + "…"


def side_label(side: object) -> str:
    """'A', 'B' or 'Unknown' for a likely-source side."""
    return {"a": "A", "b": "B"}.get(str(side), "Unknown")


def verdict_tone(label: object) -> str:
    """'same', 'possible' or 'different': the colour family of a verdict label."""
    text = str(label)
    if text.startswith("possibly"):
        return "possible"
    return "same" if text == "same story" else "different"


def number(value: object, default: float = 0.0) -> float:
    """``value`` as a float, or ``default`` when it is not a number."""
    try:
        return float(value)  # type: ignore[arg-type]  # any JSON value; errors handled below
    except (TypeError, ValueError):
        return default


def link_confidence(link: Mapping[str, Any]) -> str:
    """A link's confidence as a percentage ("74%"), or "–" where no model judged it."""
    value = link.get("confidence")
    return "–" if isinstance(value, bool) or not isinstance(value, (int, float)) \
        else f"{value:.0%}"


def similarity_share(score: object) -> float:
    """A 1–4 dimension score (1 = most similar) as a share in [0, 1] (1 = most similar)."""
    return min(1.0, max(0.0, (4.0 - number(score, 4.0)) / 3.0))


def dimension_items(verdict: Mapping[str, Any]) -> list[tuple[str, float]]:
    """The seven dimensions as (name, score) pairs, in the report's order."""
    dims = verdict.get("dimensions") or {}
    return [(str(name), number(score, 4.0)) for name, score in dims.items()]


def links_by_relation(links: list[dict[str, Any]]) -> list[tuple[str, list[dict[str, Any]]]]:
    """The links grouped by relation, as (heading, links) in ``RELATIONS`` order, then those
    the link model is unsure of (``report.uncertain_link``) under ``UNCERTAIN``, whatever
    their relation."""
    sure = [lk for lk in links if not uncertain_link(lk.get("relation"), lk.get("confidence"))]
    unsure = [lk for lk in links if uncertain_link(lk.get("relation"), lk.get("confidence"))]
    known = {key for key, _ in RELATIONS}
    groups = [(title, [lk for lk in sure if lk.get("relation") == key])
              for key, title in RELATIONS]
    others = [lk for lk in sure if lk.get("relation") not in known]
    return groups + ([("Other", others)] if others else []) + [(UNCERTAIN, unsure)]


def loosely_linked(alignment: Mapping[str, Any], side: str) -> list[dict[str, Any]]:
    """The spans (with ``claim``) of ``side``'s claims whose every link is one the link model
    is unsure of (``report.uncertain_link``), in text order: claims that may well be told on
    that side only, shown beside its one-side claims."""
    sure: set[int] = set()
    spans: dict[int, dict[str, Any]] = {}
    for link in alignment.get("links") or []:
        index = link.get(side)
        if not isinstance(index, int) or isinstance(index, bool):
            continue
        if uncertain_link(link.get("relation"), link.get("confidence")):
            spans.setdefault(index, dict(link.get(f"{side}_span") or {}) | {"claim": index})
        else:
            sure.add(index)
    return sorted((span for index, span in spans.items() if index not in sure),
                  key=lambda span: number(span.get("start")))


def removed_summary(removed: list[dict[str, Any]]) -> str:
    """'3 lines (share button ×2, advert)', or 'none'."""
    if not removed:
        return "none"
    counts = Counter(one_line(line.get("reason", "")) or "unspecified" for line in removed)
    parts = [f"{reason} ×{n}" if n > 1 else reason for reason, n in counts.most_common()]
    noun = "line" if len(removed) == 1 else "lines"
    return f"{len(removed)} {noun} ({', '.join(parts)})"
