"""Discrepancy precision on real same-story pairs, against findings a person read and judged.

Usage: ``python bench/findings_audit.py [--part PART|all] [--unjudged]`` (PART: dev,
held-out-1, held-out-2, held-out-3)

``claims_real.py`` scores links and discrepancies against 59 hand-labelled pairs, which hold
only 11 disagreements, so its discrepancy precision rests on three or four findings. What a
user meets is different: on real same-story pairs most findings are reported where nobody
labelled anything. This bench runs a fixed sample of unlabelled SemEval-2022 Task 8 pairs
(``bench/labels/findings_audit.json``, none of them in the labelled set: the *dev* part, 346
pairs read while the rules of issue #12 were tuned, all 226 with an Overall label of 1.5 or
less and 120 labelled above 1.5 and at most 2.0; *held-out-1*, 88 pairs labelled above 1.5
and at most 2.5, read after the first rules were fixed; *held-out-2*, 100 pairs labelled above
2.5 and at most 3.0, related stories more than the same one, read after the last change of its
time; *held-out-3*, the other 85 pairs of that group, read after the number and polarity
guards of 2026-12-01, which were written against false findings of the other three parts)
through the real pipeline, as ``claims_real.py`` does (``semeval_clean_text`` of each side, then
``Comparer().compare``), and matches every finding with the audit: findings that were read and
judged *true* (the two texts disagree on that point, as ``labels/GUIDE.md`` defines a
discrepancy: figures of two days' versions of a report count) or *false* (the two spans do not
report the same thing, or agree). A finding matches an audited one of the same type whose spans
overlap it on both sides (raw-text offsets; the audit stores offsets and one-line reasons,
never the texts).

Prints findings per pair, judged true, judged false, unjudged, and the precision among judged
findings, per part and per type. ``--unjudged`` prints each unjudged finding with its two
claims (on the console only), to be read and added to the audit. Writes
``bench/out/findings_audit.json``: the counts, and each finding's pair, type, raw offsets,
reason, confidence and verdict (no claim text), so that two runs can be compared.
"""

from __future__ import annotations

import argparse
import json
import sys
import time
from collections import Counter
from collections.abc import Callable, Iterable
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "bench"))

from claims_real import DATA, OffsetMap, overlaps, sha1  # noqa: E402

AUDIT = ROOT / "bench" / "labels" / "findings_audit.json"
OUT = ROOT / "bench" / "out" / "findings_audit.json"
PARTS = ("dev", "held-out-1", "held-out-2", "held-out-3")


def load_audit(path: Path = AUDIT) -> dict[str, Any]:
    """The audit: ``parts`` (part -> [pair_id, sha1 of text 1, sha1 of text 2]) and
    ``findings`` (pair_id, type, raw spans ``a`` and ``b``, ``verdict``, ``why``)."""
    return json.loads(path.read_text(encoding="utf-8"))


def found_in_pair(comparer: Any, pair: Any) -> list[dict[str, Any]]:
    """The pipeline's findings for one SemEval pair, spans in raw-text offsets, with the two
    claims' texts (for reading)."""
    from storydiff.evaluate.semeval import semeval_clean_text

    clean_a = semeval_clean_text(pair.text1, f"{pair.pair_id}/1", pair.lang1)
    clean_b = semeval_clean_text(pair.text2, f"{pair.pair_id}/2", pair.lang2)
    report = comparer.compare(clean_a.text, clean_b.text)
    map_a = OffsetMap(pair.text1, report.a.clean_text)
    map_b = OffsetMap(pair.text2, report.b.clean_text)
    out = []
    for d in report.discrepancies:
        ra, rb = map_a.span(d.a.start, d.a.end), map_b.span(d.b.start, d.b.end)
        out.append({"pair_id": pair.pair_id, "type": d.type, "a": ra, "b": rb,
                    "reason": d.reason, "confidence": round(float(d.confidence), 3),
                    "claim_a": report.a.claims[d.claim_a].text,
                    "claim_b": report.b.claims[d.claim_b].text})
    return out


def verdict(finding: dict[str, Any], audited: Iterable[dict[str, Any]]) -> bool | None:
    """The audit's verdict on a finding (True, False), or None when nobody judged it."""
    if finding["a"] is None or finding["b"] is None:
        return None
    for judged in audited:
        if judged["type"] == finding["type"] and overlaps(judged["a"], finding["a"]) \
                and overlaps(judged["b"], finding["b"]):
            return bool(judged["verdict"])
    return None


def _counts(rows: list[dict[str, Any]], pairs: int) -> dict[str, Any]:
    true = sum(r["verdict"] is True for r in rows)
    false = sum(r["verdict"] is False for r in rows)
    return {"pairs": pairs, "findings": len(rows), "true": true, "false": false,
            "unjudged": len(rows) - true - false,
            "precision": round(true / (true + false), 3) if true + false else None}


def run(parts: Iterable[str], audit: dict[str, Any] | None = None,
        progress: Callable[[int, int], None] | None = None) -> dict[str, Any]:
    """Every pair of the chosen parts through the pipeline, each finding judged by the audit.

    Returns per-part and per-type counts, the findings themselves (``rows``, with their claims),
    ``stale``: pairs whose texts no longer match the audit's hashes (skipped), and ``refused``:
    pairs a side of which ``compare`` refuses (a page with no article text; no findings)."""
    from storydiff import Comparer, InputError
    from storydiff.evaluate.semeval import load_semeval

    audit = audit or load_audit()
    by_pair: dict[str, list[dict[str, Any]]] = {}
    for judged in audit["findings"]:
        by_pair.setdefault(judged["pair_id"], []).append(judged)
    data = {p.pair_id: p for p in load_semeval(DATA)}
    comparer = Comparer()
    chosen = [(part, entry) for part in parts for entry in audit["parts"][part]]
    rows: list[dict[str, Any]] = []
    stale: list[str] = []
    refused: dict[str, str] = {}
    ran: Counter[str] = Counter()
    started = time.perf_counter()
    for done, (part, (pair_id, sha_a, sha_b)) in enumerate(chosen, 1):
        pair = data.get(pair_id)
        if pair is None or sha1(pair.text1) != sha_a or sha1(pair.text2) != sha_b:
            stale.append(pair_id)
            continue
        ran[part] += 1
        try:
            found = found_in_pair(comparer, pair)
        except InputError as exc:
            refused[pair_id], found = str(exc), []
        for finding in found:
            finding["part"] = part
            finding["verdict"] = verdict(finding, by_pair.get(pair_id, ()))
            rows.append(finding)
        if progress is not None:
            progress(done, len(chosen))
    types = sorted({r["type"] for r in rows})
    return {
        "by_part": {part: _counts([r for r in rows if r["part"] == part], ran[part])
                    for part in ran},
        "by_type": {t: _counts([r for r in rows if r["type"] == t], sum(ran.values()))
                    for t in types},
        "overall": _counts(rows, sum(ran.values())),
        "rows": rows, "stale": stale, "refused": refused,
        "seconds": round(time.perf_counter() - started, 1),
    }


def _print(result: dict[str, Any], show_unjudged: bool) -> None:
    head = f"{'':<12}{'pairs':>6}{'findings':>9}{'true':>6}{'false':>6}{'unjudged':>9}" \
           f"{'precision':>10}"
    print(head)
    print("-" * len(head))
    for name, c in [*result["by_part"].items(), *result["by_type"].items(),
                    ("overall", result["overall"])]:
        precision = "" if c["precision"] is None else f"{c['precision']:.2f}"
        print(f"{name:<12}{c['pairs']:>6}{c['findings']:>9}{c['true']:>6}{c['false']:>6}"
              f"{c['unjudged']:>9}{precision:>10}")
    if result["stale"]:
        print(f"{len(result['stale'])} pair(s) skipped, their text changed: "
              f"{', '.join(result['stale'])}")
    for pair_id, error in result["refused"].items():
        print(f"{pair_id} refused (no findings): {error}")
    if show_unjudged:
        for r in result["rows"]:
            if r["verdict"] is None:
                print(f"\n{r['pair_id']} {r['type']} a={r['a']} b={r['b']} "
                      f"({r['confidence']}): {r['reason']}")
                print(f"  A: {r['claim_a'][:400]}")
                print(f"  B: {r['claim_b'][:400]}")
    print(f"\n{result['seconds']} s")


def main(argv: list[str] | None = None) -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--part", choices=(*PARTS, "all"), default="all")
    parser.add_argument("--unjudged", action="store_true",
                        help="print each unjudged finding with its claims")
    args = parser.parse_args(argv)
    if not DATA.exists():
        sys.exit(f"benchmark data missing: {DATA} (needs ../shared beside the repo)")

    def progress(done: int, total: int) -> None:
        print(f"\r{done}/{total}", end="", file=sys.stderr, flush=True)

    result = run(PARTS if args.part == "all" else (args.part,), progress=progress)
    print(file=sys.stderr)
    _print(result, args.unjudged)
    OUT.parent.mkdir(parents=True, exist_ok=True)
    findings = [{k: v for k, v in row.items() if k not in ("claim_a", "claim_b")}
                for row in result["rows"]]  # offsets, types and verdicts: two runs compare
    OUT.write_text(json.dumps({**{k: v for k, v in result.items() if k != "rows"},
                               "findings": findings}, indent=1), encoding="utf-8")
    print(f"wrote {OUT.relative_to(ROOT)}")


if __name__ == "__main__":
    main()
