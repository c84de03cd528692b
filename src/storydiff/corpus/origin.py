"""Provenance inside a story: the likely origin and the rewrite chain (who copied whom).

Heuristic, built on pairwise compare reports between near-duplicate group representatives:
each report's likely-source verdict (earlier publication, containment of the other's claims,
reused passages) is a vote; the representative with the most net votes, then the earliest
date, is the origin. Every other representative hangs under the earlier member it shares the
most with (reused words, then matched claims); near-duplicates hang under their group's
representative, so the chain is a tree rooted at the origin.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Callable
from dataclasses import dataclass

from ..document import Document
from ..report.report import Report
from .types import Divergence, Member

__all__ = ["Provenance", "trace_provenance_heuristic"]

Compare = Callable[[Document, Document], Report]


@dataclass(frozen=True)
class Provenance:
    """Origin (None when no pairwise verdict names one), rewrite-chain edges (parent, child)
    and each member's divergence from the chain's root (the origin when there is one)."""

    origin: int | None
    chain: list[tuple[int, int]]
    divergences: list[Divergence]


def _time_key(member: Member) -> tuple[bool, str, int]:
    """Sort key: dated before undated, earlier first, then smaller id."""
    return (member.published is None, member.published or "", member.article_id)


def _representatives(members: list[Member]) -> list[Member]:
    """The earliest member of each near-duplicate group, in time order."""
    best: dict[int, Member] = {}
    for member in sorted(members, key=_time_key):
        best.setdefault(member.duplicate_group, member)
    return sorted(best.values(), key=_time_key)


class _Reports:
    """Compare reports between members, computed once each."""

    def __init__(self, docs: dict[int, Document], compare: Compare) -> None:
        self.docs, self.compare, self.cache = docs, compare, dict[tuple[int, int], Report]()

    def get(self, a: int, b: int) -> Report:
        """The report with ``a`` as side A."""
        if (a, b) not in self.cache:
            self.cache[(a, b)] = self.compare(self.docs[a], self.docs[b])
        return self.cache[(a, b)]


def _votes(ids: list[int], reports: _Reports) -> dict[int, float]:
    """Net likely-source confidence of each id over all pairs of ``ids``."""
    votes = dict.fromkeys(ids, 0.0)
    for i, a in enumerate(ids):
        for b in ids[i + 1:]:
            verdict = reports.get(a, b).likely_source
            if verdict.side != "unknown":
                winner, loser = (a, b) if verdict.side == "a" else (b, a)
                votes[winner] += verdict.confidence
                votes[loser] -= verdict.confidence
    return votes


def _dated_first(root: int, members: list[Member]) -> bool:
    """Whether ``root`` carries a date strictly earlier than every other dated member."""
    dates = {m.article_id: m.published for m in members}
    first = dates.get(root)
    others = [d for i, d in dates.items() if i != root and d is not None]
    return first is not None and all(first < d for d in others) and bool(others)


def _closeness(report: Report) -> tuple[int, float]:
    """How much two members share: reused words, then matched claims of the child."""
    return sum(p.words for p in report.reuse), report.coverage[1]


def trace_provenance_heuristic(members: list[Member], docs: dict[int, Document],
                               compare: Compare, *, max_candidates: int = 8,
                               max_members: int = 40) -> Provenance:
    """Origin, chain and divergences of one story (see the module docs).

    Args:
        members: the story's members.
        docs: analysed documents by article id (all members).
        compare: the pairwise comparison (``Comparer.compare_documents``).
        max_candidates: how many representatives (earliest first) compete to be the origin.
        max_members: members compared with the origin for divergences (earliest first).
    """
    if not members:
        return Provenance(None, [], [])
    reports = _Reports(docs, compare)
    reps = _representatives(members)
    candidates = [m.article_id for m in reps[:max_candidates]]
    votes = _votes(candidates, reports)
    root = max(candidates, key=lambda i: (votes[i], -candidates.index(i)))
    chain = _chain(root, reps, members, candidates, reports)
    # With no pairwise verdict (no dates, no one-sided coverage or reuse) and no strictly
    # earliest publication date, nothing names an origin: the earliest representative still
    # roots the chain and the divergences, but the story says its origin is unknown, as
    # compare's likely source does.
    origin = root if any(votes.values()) or _dated_first(root, members) else None
    return Provenance(origin, chain, _divergences(root, members, reports, max_members))


def _chain(origin: int, reps: list[Member], members: list[Member], candidates: list[int],
           reports: _Reports) -> list[tuple[int, int]]:
    """Tree edges: representatives under their closest earlier candidate, copies under reps."""
    order = [origin] + [m.article_id for m in reps if m.article_id != origin]
    edges = []
    for position, child in enumerate(order[1:], start=1):
        earlier = [p for p in order[:position] if p in candidates] if child in candidates \
            else [origin]
        parent = max(earlier, key=lambda p: (_closeness(reports.get(p, child)), -order.index(p)))
        edges.append((parent, child))
    rep_of = {m.duplicate_group: m.article_id for m in reps}
    for member in members:
        rep = rep_of[member.duplicate_group]
        if member.article_id != rep:
            edges.append((rep, member.article_id))
    return edges


def _divergences(origin: int, members: list[Member], reports: _Reports,
                 limit: int) -> list[Divergence]:
    """Each member's compare report against the origin, summarised."""
    out = []
    for member in sorted(members, key=_time_key)[: limit + 1]:
        if member.article_id == origin:
            continue
        report = reports.get(origin, member.article_id)
        counts = Counter(d.type for d in report.discrepancies)
        out.append(Divergence(member.article_id, round(report.similarity.same_story, 4),
                              len(report.discrepancies), dict(sorted(counts.items())),
                              round(report.coverage[0], 4)))
    return out[:limit]
