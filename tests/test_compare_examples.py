"""End to end on whole article pairs: the project's examples and the real seed pair."""

from __future__ import annotations

from typing import Any

import pytest

from storydiff import Report

from .conftest import EXAMPLES, shared_path


def spans_are_exact(data: dict[str, Any]) -> None:
    """Every span in a report dict matches the clean text of its side."""
    texts = {d["side"]: d["clean_text"] for d in data["documents"]}

    def check(span: dict[str, Any], side: str) -> None:
        assert texts[side][span["start"]:span["end"]] == span["text"]

    for link in data["alignment"]["links"]:
        check(link["a_span"], "a")
        check(link["b_span"], "b")
    for side in ("a", "b"):
        for span in data["alignment"][f"only_{side}"]:
            check(span, side)
    for item in data["discrepancies"] + data["reuse"]:
        check(item["a"], "a")
        check(item["b"], "b")


def types_between(report: Report, needle_a: str, needle_b: str) -> set[str]:
    """Types of the discrepancies whose claims contain both needles."""
    found = set()
    for d in report.discrepancies:
        claim_a = report.a.claims[d.claim_a].text
        claim_b = report.b.claims[d.claim_b].text
        if needle_a in claim_a and needle_b in claim_b:
            found.add(d.type)
    return found


def test_example_pair_metadata_and_boilerplate(example_report: Report) -> None:
    a, b = example_report.a, example_report.b
    assert (a.author, a.published, b.author, b.published) == (
        "Jonas Whitfield", "2025-03-03", "Sam Porter", "2025-03-04")
    removed_a = {r.text for r in a.removed_lines}
    assert {"Share this article", "Comments (12)"} <= removed_a
    assert "Tweet" in {r.text for r in b.removed_lines}
    assert "Share this" not in a.clean_text and "Tweet" not in b.clean_text
    assert a.clean_text.startswith("Flood barrier fails in Riverton")


def test_example_pair_verdict_and_alignment(example_report: Report) -> None:
    assert example_report.similarity.same_story > 0.5
    only_b = [example_report.b.claims[i].text for i in example_report.alignment.only_b]
    assert any("last flooded in 2013" in text for text in only_b)
    only_a = [example_report.a.claims[i].text for i in example_report.alignment.only_a]
    assert any("shelters" in text for text in only_a)
    spans_are_exact(example_report.to_dict())


def test_example_pair_discrepancies(example_report: Report) -> None:
    assert "number" in types_between(example_report, "1,200", "3,000")
    assert "polarity" in types_between(example_report, "approved", "refused to approve")
    assert "attribution" in types_between(example_report, "Okafor", "Brandt")
    assert "date" in types_between(example_report, "January", "November")


def test_findings_between_different_stories_are_set_aside(comparer,  # type: ignore[no-untyped-def]
                                                           example_report: Report) -> None:
    # below discrepancy_min_same_story the verdict's "different stories" keeps the findings
    # apart (here every pair is below 1.0); they are not lost
    from storydiff import Comparer, Settings

    strict = Comparer(settings=Settings(discrepancy_min_same_story=1.0), encoder=comparer.encoder,
                      scorer=comparer.scorer, cache=comparer.cache)
    report = strict.compare(EXAMPLES / "original.txt", EXAMPLES / "rewrite.txt")
    assert report.discrepancies == []
    assert report.set_aside == example_report.discrepancies
    assert f"0 discrepancies ({len(report.set_aside)} set aside: different stories)" \
        in report.summary()
    data = report.to_dict()
    assert data["discrepancies"] == [] and data["discrepancies_set_aside"] \
        == example_report.to_dict()["discrepancies"]
    assert example_report.set_aside == []  # the default: one story, everything reported


def test_example_pair_reuse_and_source(example_report: Report) -> None:
    assert any("did not expect the barrier" in r.a.text for r in example_report.reuse)
    assert example_report.likely_source.side == "a"


def test_cross_language_pair(comparer) -> None:  # type: ignore[no-untyped-def]
    report = comparer.compare(EXAMPLES / "original.txt", EXAMPLES / "rewrite_fr.txt")
    assert report.b.language == "fr" and report.a.language == "en"
    assert report.similarity.same_story > 0.5
    pairs = {(report.a.claims[link.a].text, report.b.claims[link.b].text)
             for link in report.alignment.links}
    assert any("85 homes" in a and "85 maisons" in b for a, b in pairs)
    assert any("did not expect" in a and "Nous ne nous attendions pas" in b for a, b in pairs)
    # Facts that agree across languages ("1,200" and "1 200", "January" and "janvier") are not
    # flagged. Known miss: the funding claim's flip ("approved" / "a refusé d'accorder") is
    # linked only weakly across languages, so neither the rules nor the classifier report it.
    assert report.discrepancies == []
    spans_are_exact(report.to_dict())


def test_seed_pair_is_same_story_with_the_visa_distortion(comparer) -> None:  # type: ignore[no-untyped-def]
    folder = shared_path("examples", "seed-pair")
    first, second = sorted(folder.glob("*.txt"))
    report = comparer.compare(first, second)
    assert report.similarity.same_story > 0.5
    removed = {r.text for r in report.a.removed_lines} | {r.text for r in report.b.removed_lines}
    assert {"Pin It", "Discuter de cet article"} <= removed
    distortion = [d for d in report.discrepancies if d.type == "polarity"
                  and "deny them entry" in report.b.claims[d.claim_b].text]
    assert distortion, [(d.type, d.a.text, d.b.text) for d in report.discrepancies]
    spans_are_exact(report.to_dict())


def test_self_comparison_finds_nothing_to_disagree_on(comparer) -> None:  # type: ignore[no-untyped-def]
    report = comparer.compare(EXAMPLES / "rewrite.txt", EXAMPLES / "rewrite.txt")
    assert report.identical and report.discrepancies == []
    assert report.similarity.same_story == pytest.approx(1.0)
    assert report.alignment.only_a == [] and report.alignment.only_b == []
