"""compare(a, b) mirrors compare(b, a) on real same-story pairs (issue #12): the same links,
the same one-side claims, the same findings with their sides swapped, the same verdict. The
edit suite checks this on project-written articles (tests/discrepancies/test_edit_suite.py);
here the articles are real SemEval-2022 Task 8 pairs of ten languages, cross-lingual ones
among them: every twelfth pair of the findings audit's four parts, and every pair of the audit
with a finding judged true, so that findings are mirrored too."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest

from tests.conftest import bench_module

DATA = Path(__file__).resolve().parents[2].parent / "shared" / "data" / "semeval2022-task8" \
    / "train.csv"


def _pairs() -> list[Any]:
    from storydiff.evaluate.semeval import load_semeval

    audit = bench_module("findings_audit").load_audit()
    every = [pid for part in audit["parts"].values() for pid, _, _ in part]
    found = {f["pair_id"] for f in audit["findings"] if f["verdict"]}
    ids = sorted(set(every[::12]) | (found & set(every)))
    by_id = {p.pair_id: p for p in load_semeval(DATA)}
    return [by_id[pid] for pid in ids if pid in by_id]


def _findings(found: list[Any], swap: bool) -> set[tuple[Any, ...]]:
    """Type, both spans and confidence of each finding, from A's side (``swap``: read from B)."""
    return {(d.type, *((d.b.start, d.b.end, d.a.start, d.a.end) if swap
                       else (d.a.start, d.a.end, d.b.start, d.b.end)), round(d.confidence, 9))
            for d in found}


@pytest.mark.slow(seconds=80)
@pytest.mark.skipif(not DATA.exists(), reason="../shared (the SemEval data) is absent")
def test_a_real_pair_compared_both_ways_mirrors(comparer: Any) -> None:
    from storydiff import EmptyInputError
    from storydiff.evaluate.semeval import semeval_clean_text

    pairs = _pairs()
    assert len(pairs) >= 60 and len({p.lang_pair for p in pairs}) >= 10
    findings = 0
    for pair in pairs:
        a = semeval_clean_text(pair.text1, f"{pair.pair_id}/1", pair.lang1).text
        b = semeval_clean_text(pair.text2, f"{pair.pair_id}/2", pair.lang2).text
        try:
            forward = comparer.compare(a, b)
        except EmptyInputError:  # a side that is a site's masthead alone: refused both ways
            with pytest.raises(EmptyInputError):
                comparer.compare(b, a)
            continue
        backward = comparer.compare(b, a)
        fa, ba = forward.alignment, backward.alignment
        assert {(k.a, k.b, k.relation, round(k.similarity, 9), k.confidence) for k in fa.links} \
            == {(k.b, k.a, k.relation, round(k.similarity, 9), k.confidence)
                for k in ba.links}, pair.pair_id
        assert (sorted(fa.only_a), sorted(fa.only_b)) == (sorted(ba.only_b), sorted(ba.only_a))
        assert _findings(forward.discrepancies, False) == _findings(backward.discrepancies, True)
        assert _findings(forward.set_aside, False) == _findings(backward.set_aside, True)
        assert forward.similarity.same_story == pytest.approx(backward.similarity.same_story,
                                                              abs=1e-9), pair.pair_id
        for name, value in forward.similarity.dimensions.items():
            assert value == pytest.approx(backward.similarity.dimensions[name], abs=1e-9)
        findings += len(forward.discrepancies) + len(forward.set_aside)
    assert findings >= 10  # not a test of pairs with nothing to mirror
