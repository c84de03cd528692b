"""``dedup_records``: one record kept per near-duplicate group, all fields; clusters map."""

from __future__ import annotations

import io
import json
from pathlib import Path

from storydiff.corpus import CorpusConfig, dedup_records

from .conftest import RECORDS, write_jsonl


def test_keeps_first_of_each_group_with_all_fields(tmp_path: Path) -> None:
    records = [r | {"extra": i} for i, r in enumerate(RECORDS)]
    records.append(records[0] | {"id": "storm-copy"})  # an exact copy under another id
    path = write_jsonl(tmp_path / "in.jsonl", records, extra=["{broken"])
    out, clusters = io.StringIO(), io.StringIO()
    summary = dedup_records(path, out, clusters=clusters, config=CorpusConfig())
    kept = [json.loads(line) for line in out.getvalue().splitlines()]
    assert kept[0] == records[0]  # every field survives, unchanged
    ids = [r["id"] for r in kept]
    assert "storm-copy" not in ids and "storm-2" not in ids and "bank-2" not in ids
    assert {"storm-1", "bank-1", "match-1", "vote-1"} <= set(ids)
    groups = {row["id"]: row["group"] for row in map(json.loads, clusters.getvalue().splitlines())}
    assert len(groups) == len(records)
    assert groups["storm-copy"] == groups["storm-2"] == "storm-1"
    assert groups["vote-1"] == "vote-1"
    assert summary.failed == 1 and summary.errors[0].startswith(f"{path}:{len(records) + 1}:")
    assert summary.kept == len(kept) and summary.records == len(records)


def test_is_idempotent(tmp_path: Path) -> None:
    path = write_jsonl(tmp_path / "in.jsonl", RECORDS + RECORDS[:2])
    first = io.StringIO()
    dedup_records(path, first)
    again_path = tmp_path / "again.jsonl"
    again_path.write_text(first.getvalue(), encoding="utf-8")
    second = io.StringIO()
    dedup_records(again_path, second)
    assert second.getvalue() == first.getvalue()


def test_a_high_threshold_keeps_light_variants(tmp_path: Path) -> None:
    path = write_jsonl(tmp_path / "in.jsonl", RECORDS)
    out = io.StringIO()
    summary = dedup_records(path, out, config=CorpusConfig(dedup_threshold=0.99))
    assert summary.kept == len(RECORDS)
