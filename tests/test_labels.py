"""The hand-labelled real pairs (bench/labels/real_pairs.jsonl): well-formed, in range, and still
pointing at the texts they were made on (see bench/labels/GUIDE.md)."""

from __future__ import annotations

import hashlib
import json
from functools import cache
from pathlib import Path
from typing import Any

import pytest

from tests.conftest import bench_module

ROOT = Path(__file__).resolve().parents[1]
LABELS = ROOT / "bench" / "labels" / "real_pairs.jsonl"
DATA = ROOT.parent / "shared" / "data" / "semeval2022-task8" / "train.csv"
TYPES = {"number", "date", "entity", "attribution", "quote", "polarity"}
FIELDS = {"pair_id", "lang1", "lang2", "sha1_a", "sha1_b", "links", "discrepancies"}


@cache
def records() -> tuple[dict[str, Any], ...]:
    with LABELS.open(encoding="utf-8") as handle:
        return tuple(json.loads(line) for line in handle if line.strip())


@cache
def raw_texts() -> dict[str, tuple[str, str]]:
    from storydiff.evaluate.semeval import load_semeval

    return {p.pair_id: (p.text1, p.text2) for p in load_semeval(DATA)}


def _valid_span(span: object) -> bool:
    return (isinstance(span, list) and len(span) == 2 and all(isinstance(x, int) for x in span)
            and 0 <= span[0] < span[1])


def test_the_label_file_parses_and_every_record_has_its_fields() -> None:
    recs = records()
    ids = [r["pair_id"] for r in recs]
    assert len(ids) == len(set(ids)), "a pair is labelled twice"
    for r in recs:
        assert r.keys() >= FIELDS, r["pair_id"]
        assert len(r["sha1_a"]) == len(r["sha1_b"]) == 40
        for link in r["links"]:
            assert _valid_span(link["a"]) and _valid_span(link["b"]), r["pair_id"]
        for d in r["discrepancies"]:
            assert d["type"] in TYPES, (r["pair_id"], d["type"])
            assert _valid_span(d["a"]) and _valid_span(d["b"]), r["pair_id"]
            assert isinstance(d["reason"], str) and 0 < len(d["reason"]) <= 200, r["pair_id"]


def test_the_set_is_large_and_multilingual_enough() -> None:
    recs = records()
    assert len(recs) >= 40
    assert sum(r["lang1"] != r["lang2"] for r in recs) >= 10, "cross-lingual pairs"
    assert sum(r["lang1"] != "en" and r["lang2"] != "en" for r in recs) >= 10, "non-English"
    assert sum(len(r["links"]) for r in recs) >= 200
    assert sum(len(r["discrepancies"]) for r in recs) >= 5


def test_no_text_is_stored_in_the_labels() -> None:
    """Reasons are one line and short; nothing but ids, offsets and labels."""
    for r in records():
        allowed = FIELDS | {"gold_overall"}
        assert set(r) <= allowed, set(r) - allowed
        for d in r["discrepancies"]:
            assert set(d) == {"type", "a", "b", "reason"}
            assert "\n" not in d["reason"]


@pytest.mark.skipif(not DATA.exists(), reason="../shared (the SemEval data) is absent")
def test_every_text_hash_matches_the_csv_and_every_span_is_in_range_and_not_blank() -> None:
    texts = raw_texts()
    for r in records():
        assert r["pair_id"] in texts, r["pair_id"]
        a, b = texts[r["pair_id"]]
        assert hashlib.sha1(a.encode("utf-8")).hexdigest() == r["sha1_a"], r["pair_id"]
        assert hashlib.sha1(b.encode("utf-8")).hexdigest() == r["sha1_b"], r["pair_id"]
        for item in [*r["links"], *r["discrepancies"]]:
            assert item["a"][1] <= len(a) and item["b"][1] <= len(b), r["pair_id"]
            assert a[item["a"][0]:item["a"][1]].strip(), r["pair_id"]
            assert b[item["b"][0]:item["b"][1]].strip(), r["pair_id"]


# --------------------------------------------------------------------------------------------
# bench/claims_real.py: the offset map and the scoring rules (fast, synthetic)


def _bench() -> Any:
    return bench_module("claims_real")


def test_clean_spans_map_back_to_the_raw_text_across_removed_lines_and_spaces() -> None:
    bench = _bench()
    raw = (" Flood hits town  Share this\nThe river rose   3 metres.\n\nPhoto: AP\n"
           " 85 homes were lost.")
    clean = "Flood hits town\n\nThe river rose 3 metres. 85 homes were lost."
    mapping = bench.OffsetMap(raw, clean)
    for piece in ("Flood hits town", "The river rose 3 metres.", "85 homes", "3"):
        start = clean.index(piece)
        span = mapping.span(start, start + len(piece))
        assert span is not None
        assert raw[span[0]:span[1]].split() == piece.split()
    assert mapping.span(0, 0) is None


def test_a_link_counts_when_a_prediction_overlaps_both_of_its_spans() -> None:
    bench = _bench()
    label = {"links": [{"a": [0, 10], "b": [0, 10]}, {"a": [20, 30], "b": [20, 30]}],
             "discrepancies": [{"type": "number", "a": [2, 4], "b": [3, 5], "reason": "x"}]}
    pred = bench.Prediction(links=[((5, 15), (9, 12)), ((5, 15), (20, 25))],
                            relations=["partial", "paraphrase"],
                            discrepancies=[{"type": "date", "a": (3, 4), "b": (4, 9)},
                                           {"type": "number", "a": (40, 41), "b": (4, 5)}])
    counts = bench.score_pair(label, pred)["counts"]
    assert (counts["link_gold_found"], counts["link_pred_correct"]) == (1, 1)
    assert (counts["disc_gold_found"], counts["disc_gold_found_typed"]) == (1, 0)
    assert (counts["disc_pred_correct"], counts["disc_pred_correct_typed"]) == (1, 0)


@pytest.mark.slow(seconds=105)
@pytest.mark.skipif(not DATA.exists(), reason="../shared (the SemEval data) is absent")
def test_the_real_pipeline_keeps_its_floors_on_the_labelled_pairs() -> None:
    """Floors at or a little under the measured figures. When the labels were made: link recall
    0.66, precision 0.29; discrepancies: recall 0.18 then 0.09, precision 0.04 then 0.08, as the
    number rules changed in between (11 labelled, so one is 0.09). The link model (trained on
    these pairs; its out-of-fold figures are in align/weights/links.json) keeps the recall
    floor and raises precision; the F1 floor keeps it from sliding back. Shares read as per
    cent, strong links judged by the link model's confidence and Chinese amounts then found 3
    of 11 disagreements with no false one; the same digits on another scale ("0.63 美元" /
    "0.63 cents") a fourth. Weak candidates judged by the link model's weak part raised the
    link recall from 0.600 to 0.614 and the precision from 0.523 to 0.531. About 2 minutes on
    one core."""
    result = _bench().run()
    overall = result["overall"]
    assert not result["stale"]
    recall, precision = overall["link_recall"], overall["link_precision"]
    # measured 0.614 (255 of 415) since weak candidates (from link_candidate_threshold) may be
    # kept, 0.600 before; four links of margin for thread noise
    assert recall >= 0.605
    assert precision >= 0.52  # measured 0.531 (273 of 514), 0.523 before
    assert 2 * recall * precision / (recall + precision) >= 0.56  # measured 0.570
    assert overall["discrepancy_recall"] >= 0.36  # measured 4 of 11
    # measured 4 of 4 (3 of 4 with the encoder on ONNX Runtime; the number rule's loose-link
    # and subject guards of issue #12 took the wrong one away again)
    assert overall["discrepancy_precision"] >= 1.0
    # The links a reader sees outside the uncertain list (report.uncertain_link): measured 169
    # of 220 right (0.77) when the list was split off; a claim linked only uncertainly has no
    # labelled partner in 124 of 253 cases (0.49), a surely linked one in 38 of 341 (0.11).
    relations = result["links_by_relation"]
    sure = [r for key, r in relations.items() if key != "uncertain"]
    assert sum(r["correct"] for r in sure) / sum(r["pred"] for r in sure) >= 0.75
    listing = result["claims_by_listing"]
    assert listing["linked"]["share"] <= 0.13 and listing["loose"]["share"] >= 0.45
