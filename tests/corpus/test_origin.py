"""A story's origin is named only where some pairwise verdict names one (issue 11)."""

from __future__ import annotations

from storydiff.align.alignment import Alignment
from storydiff.corpus.origin import trace_provenance_heuristic
from storydiff.corpus.types import Member
from storydiff.document import Document
from storydiff.provenance.evidence import LikelySource
from storydiff.report.report import Report
from storydiff.similarity import DIMENSIONS, Similarity
from tests.helpers import build

DOCS = {i: build(f"Floods hit the valley on day {i}. Rescuers found survivors.") for i in (1, 2, 3)}


def members(published: str | None) -> list[Member]:
    """Three undated (or equally dated) members, each its own near-duplicate group."""
    return [Member(i, f"t{i}", "s", published, "en", i) for i in (1, 2, 3)]


def comparer(side: str) -> object:
    """A compare stub whose likely-source verdict is always ``side``."""
    def compare(a: Document, b: Document) -> Report:
        verdict = LikelySource(side, 0.0 if side == "unknown" else 0.7)  # type: ignore[arg-type]
        return Report(a, b, Similarity(0.9, dict.fromkeys(DIMENSIONS, 1.5), "stub"),
                      Alignment(), [], [], verdict)
    return compare


def test_no_verdict_means_no_origin() -> None:
    trace = trace_provenance_heuristic(members(None), DOCS, comparer("unknown"))  # type: ignore[arg-type]
    assert trace.origin is None
    assert len(trace.chain) == 2  # the chain still hangs the others under the earliest member
    assert {d.article_id for d in trace.divergences} == {2, 3}


def test_a_verdict_names_the_origin() -> None:
    trace = trace_provenance_heuristic(members(None), DOCS, comparer("a"))  # type: ignore[arg-type]
    assert trace.origin == 1


def test_a_strictly_earliest_date_names_the_origin_without_a_verdict() -> None:
    dated = [Member(i, f"t{i}", "s", f"2024-01-0{i}", "en", i) for i in (1, 2, 3)]
    trace = trace_provenance_heuristic(dated, DOCS, comparer("unknown"))  # type: ignore[arg-type]
    assert trace.origin == 1
    tied = members("2024-01-01")
    assert trace_provenance_heuristic(tied, DOCS, comparer("unknown")).origin is None  # type: ignore[arg-type]
