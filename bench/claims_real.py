"""Claim links and discrepancies of the real pipeline against hand labels on real SemEval pairs.

Usage: ``python bench/claims_real.py [--labels F] [--data CSV] [--mode text|documents]
[--pairs ID ...] [--out F]``

The labels (``bench/labels/real_pairs.jsonl``, made by hand as described in
``bench/labels/GUIDE.md``) hold, for same-story pairs of the SemEval-2022 Task 8 training file,
which sentences of A and B report the same fact (links) and every factual disagreement between
them (discrepancies), as character offsets into the *raw* CSV texts (``text1``/``text2`` as
``load_semeval`` returns them) with the sha1 of each text; the texts are never stored.

Each labelled pair goes through the real pipeline on the inputs the project gets from the task
file: ``semeval_clean_text`` of each raw text, then ``Comparer().compare(clean_a, clean_b)``
(``--mode text``, the default: read, clean, analyse, compare, as a user's two texts would), or
``compare_documents`` on ``analyse(semeval_clean_text(...))`` (``--mode documents``: declared
language and title kept, as ``storydiff eval semeval`` and the scorer's training do). Every
predicted alignment link (the two claims' spans) and every predicted discrepancy (its two spans)
is mapped from the report's clean texts back to raw-text offsets by aligning the non-space
characters of clean and raw text (``difflib``), so changes in the cleaner or the sentence
splitter do not move the labels.

Scores, overall and per language pair (micro-averaged):

- link recall: a labelled link is found when some predicted link overlaps both of its spans;
- link precision: a predicted link is correct when it overlaps both spans of some labelled link;
- discrepancy recall / precision: the same rule on discrepancy spans, type-agnostic; the typed
  figures also require the predicted type to equal the labelled one.

Goals: link recall and precision >= 0.85, discrepancy recall and precision >= 0.8.
``run(...)`` returns the figures as a dict (for a slow test to pin floors); ``main()`` prints
the table and writes ``bench/out/claims_real.json`` (offsets, types and counts only; no text).
"""

from __future__ import annotations

import argparse
import bisect
import difflib
import hashlib
import json
import sys
import time
from collections import defaultdict
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from storydiff.evaluate.data import SEMEVAL_TRAIN, data_file

ROOT = Path(__file__).resolve().parents[1]
LABELS = ROOT / "bench" / "labels" / "real_pairs.jsonl"
DATA = data_file(*SEMEVAL_TRAIN)
OUT = ROOT / "bench" / "out" / "claims_real.json"
GOALS = {"link_recall": 0.85, "link_precision": 0.85,
         "discrepancy_recall": 0.8, "discrepancy_precision": 0.8}
DISCREPANCY_TYPES = ("number", "date", "entity", "attribution", "quote", "polarity")

RawSpan = tuple[int, int]


# --------------------------------------------------------------------------------------------
# Labels


def load_labels(path: Path = LABELS) -> list[dict[str, Any]]:
    """The labelled pairs, one JSON object a line (see GUIDE.md for the fields)."""
    with path.open(encoding="utf-8") as handle:
        return [json.loads(line) for line in handle if line.strip()]


def sha1(text: str) -> str:
    """The sha1 of a raw text as the labels record it (UTF-8 bytes)."""
    return hashlib.sha1(text.encode("utf-8")).hexdigest()


# --------------------------------------------------------------------------------------------
# Clean-text offsets back to raw-text offsets


class OffsetMap:
    """Maps character offsets of a clean text to the raw text it was derived from.

    The clean text is the raw text with lines removed, white space normalised and, at most, a
    few characters repaired; so the non-space characters of both are aligned with difflib and
    each clean non-space character gets the raw offset of its partner (when it has one).
    """

    def __init__(self, raw: str, clean: str) -> None:
        raw_pos = [i for i, ch in enumerate(raw) if not ch.isspace()]
        clean_pos = [i for i, ch in enumerate(clean) if not ch.isspace()]
        raw_chars = "".join(raw[i] for i in raw_pos)
        clean_chars = "".join(clean[i] for i in clean_pos)
        matcher = difflib.SequenceMatcher(None, raw_chars, clean_chars, autojunk=False)
        self._clean_pos = clean_pos
        self._to_raw: list[int | None] = [None] * len(clean_pos)
        for block in matcher.get_matching_blocks():
            for k in range(block.size):
                self._to_raw[block.b + k] = raw_pos[block.a + k]
        matched = sum(1 for r in self._to_raw if r is not None)
        self.coverage = matched / len(clean_pos) if clean_pos else 1.0

    def span(self, start: int, end: int) -> RawSpan | None:
        """The raw span of the clean span ``[start, end)``: from the raw position of its first
        mapped non-space character to just after its last; None when nothing in it maps."""
        lo = bisect.bisect_left(self._clean_pos, start)
        hi = bisect.bisect_left(self._clean_pos, end)
        mapped = [r for r in self._to_raw[lo:hi] if r is not None]
        if not mapped:
            return None
        return min(mapped), max(mapped) + 1


# --------------------------------------------------------------------------------------------
# Prediction


@dataclass
class Prediction:
    """One pair's predicted links and discrepancies in raw-text offsets."""

    links: list[tuple[RawSpan, RawSpan]] = field(default_factory=list)
    relations: list[str] = field(default_factory=list)  # relation or "uncertain", same order
    discrepancies: list[dict[str, Any]] = field(default_factory=list)  # type, a, b, method, conf
    #: each claim as the report lists it: ("one_side" | "loose" | "linked", side, span); loose:
    #: linked only by links under 50% confidence (``report.uncertain_link``)
    listed: list[tuple[str, str, RawSpan]] = field(default_factory=list)
    unmapped: int = 0  # predicted items whose span could not be placed in the raw text
    coverage: tuple[float, float] = (1.0, 1.0)
    seconds: float = 0.0


def predictor(mode: str = "text") -> Callable[[Any], Prediction]:
    """A function running the real pipeline on one ``SemevalPair``."""
    from storydiff import Comparer
    from storydiff.analyse import analyse
    from storydiff.evaluate.semeval import semeval_clean_text
    from storydiff.report.report import uncertain_link

    if mode not in ("text", "documents"):
        raise ValueError(f"unknown mode {mode!r} (text or documents)")
    comparer = Comparer()

    def predict(pair: Any) -> Prediction:
        started = time.perf_counter()
        clean_a = semeval_clean_text(pair.text1, f"{pair.pair_id}/1", pair.lang1)
        clean_b = semeval_clean_text(pair.text2, f"{pair.pair_id}/2", pair.lang2)
        if mode == "text":
            report = comparer.compare(clean_a.text, clean_b.text)
        else:
            report = comparer.compare_documents(analyse(clean_a), analyse(clean_b))
        map_a = OffsetMap(pair.text1, report.a.clean_text)
        map_b = OffsetMap(pair.text2, report.b.clean_text)
        out = Prediction(coverage=(map_a.coverage, map_b.coverage))
        for link in report.alignment.links:
            ca, cb = report.a.claims[link.a], report.b.claims[link.b]
            ra, rb = map_a.span(ca.start, ca.end), map_b.span(cb.start, cb.end)
            if ra is None or rb is None:
                out.unmapped += 1
                continue
            out.links.append((ra, rb))
            # as the report lists it: the links the model is unsure of apart, whatever their
            # relation (report.uncertain_link)
            out.relations.append("uncertain" if uncertain_link(link.relation, link.confidence)
                                 else link.relation)
        links = report.alignment.links
        for side, doc, mapping, only in (("a", report.a, map_a, report.alignment.only_a),
                                         ("b", report.b, map_b, report.alignment.only_b)):
            sure = {getattr(k, side) for k in links
                    if not uncertain_link(k.relation, k.confidence)}
            loose = {getattr(k, side) for k in links} - sure
            for listing, indices in (("one_side", set(only)), ("loose", loose),
                                     ("linked", sure)):
                for index in sorted(indices):
                    claim = doc.claims[index]
                    raw = mapping.span(claim.start, claim.end)
                    if raw is not None:
                        out.listed.append((listing, side, raw))
        for d in report.discrepancies:
            ra, rb = map_a.span(d.a.start, d.a.end), map_b.span(d.b.start, d.b.end)
            if ra is None or rb is None:
                out.unmapped += 1
                continue
            out.discrepancies.append({"type": d.type, "a": ra, "b": rb, "method": d.method,
                                      "confidence": round(float(d.confidence), 4)})
        out.seconds = time.perf_counter() - started
        return out

    return predict


# --------------------------------------------------------------------------------------------
# Scoring


def overlaps(x: Sequence[int], y: Sequence[int]) -> bool:
    """Whether two ``[start, end)`` spans share at least one character."""
    return min(x[1], y[1]) > max(x[0], y[0])


def _both(gold: dict[str, Any], a: Sequence[int], b: Sequence[int]) -> bool:
    return overlaps(gold["a"], a) and overlaps(gold["b"], b)


COUNT_KEYS = ("pairs", "link_gold", "link_gold_found", "link_pred", "link_pred_correct",
              "disc_gold", "disc_gold_found", "disc_gold_found_typed", "disc_pred",
              "disc_pred_correct", "disc_pred_correct_typed", "unmapped")


def score_pair(label: dict[str, Any], pred: Prediction) -> dict[str, Any]:
    """Counts of one pair, and which labelled items were missed / which predictions were wrong
    (offsets only)."""
    gold_links, gold_disc = label["links"], label["discrepancies"]
    found = [any(_both(g, a, b) for a, b in pred.links) for g in gold_links]
    correct = [any(_both(g, a, b) for g in gold_links) for a, b in pred.links]
    d_found = [[p for p in pred.discrepancies if _both(g, p["a"], p["b"])] for g in gold_disc]
    d_correct = [[g for g in gold_disc if _both(g, p["a"], p["b"])]
                 for p in pred.discrepancies]
    counts = {
        "pairs": 1,
        "link_gold": len(gold_links), "link_gold_found": sum(found),
        "link_pred": len(pred.links), "link_pred_correct": sum(correct),
        "disc_gold": len(gold_disc), "disc_gold_found": sum(bool(m) for m in d_found),
        "disc_gold_found_typed": sum(any(p["type"] == g["type"] for p in m)
                                     for g, m in zip(gold_disc, d_found, strict=True)),
        "disc_pred": len(pred.discrepancies),
        "disc_pred_correct": sum(bool(m) for m in d_correct),
        "disc_pred_correct_typed": sum(any(g["type"] == p["type"] for g in m)
                                       for p, m in zip(pred.discrepancies, d_correct,
                                                       strict=True)),
        "unmapped": pred.unmapped,
    }
    by_relation: dict[str, list[int]] = {}
    for relation, ok in zip(pred.relations, correct, strict=True):
        row = by_relation.setdefault(relation, [0, 0])
        row[0] += 1
        row[1] += ok
    by_listing: dict[str, list[int]] = {}
    for listing, side, span in pred.listed:
        row = by_listing.setdefault(listing, [0, 0])
        row[0] += 1
        row[1] += not any(overlaps(span, g[side]) for g in gold_links)
    detail = {
        "links_by_relation": by_relation,
        "claims_by_listing": by_listing,
        "missed_links": [g for g, ok in zip(gold_links, found, strict=True) if not ok],
        "wrong_links": [{"a": list(a), "b": list(b)}
                        for (a, b), ok in zip(pred.links, correct, strict=True) if not ok],
        "missed_discrepancies": [{"type": g["type"], "a": g["a"], "b": g["b"]}
                                 for g, m in zip(gold_disc, d_found, strict=True) if not m],
        "predicted_discrepancies": [p | {"a": list(p["a"]), "b": list(p["b"]),
                                         "matches_label": bool(m)}
                                    for p, m in zip(pred.discrepancies, d_correct, strict=True)],
        "coverage": [round(c, 4) for c in pred.coverage],
        "seconds": round(pred.seconds, 2),
    }
    return {"counts": counts, "detail": detail}


def _ratio(num: int, den: int) -> float | None:
    return num / den if den else None


def figures(counts: dict[str, int]) -> dict[str, Any]:
    """Recall and precision from summed counts (None where nothing was there to count)."""
    return dict(counts) | {
        "link_recall": _ratio(counts["link_gold_found"], counts["link_gold"]),
        "link_precision": _ratio(counts["link_pred_correct"], counts["link_pred"]),
        "discrepancy_recall": _ratio(counts["disc_gold_found"], counts["disc_gold"]),
        "discrepancy_precision": _ratio(counts["disc_pred_correct"], counts["disc_pred"]),
        "discrepancy_recall_typed": _ratio(counts["disc_gold_found_typed"], counts["disc_gold"]),
        "discrepancy_precision_typed": _ratio(counts["disc_pred_correct_typed"],
                                              counts["disc_pred"]),
    }


def _sum(rows: Iterable[dict[str, int]]) -> dict[str, int]:
    total = dict.fromkeys(COUNT_KEYS, 0)
    for row in rows:
        for key in COUNT_KEYS:
            total[key] += row[key]
    return total


def _group(lang1: str, lang2: str) -> str:
    if lang1 != lang2:
        return "cross-lingual"
    return "English" if lang1 == "en" else "other same-language"


# --------------------------------------------------------------------------------------------
# The run


def run(labels: Path | Sequence[dict[str, Any]] = LABELS, data: Path = DATA, *,
        mode: str = "text", pair_ids: Iterable[str] | None = None,
        predict: Callable[[Any], Prediction] | None = None,
        progress: Callable[[int, int, str], None] | None = None) -> dict[str, Any]:
    """Score the real pipeline on the labelled pairs.

    Args:
        labels: the label file, or its records already loaded.
        data: the SemEval-2022 Task 8 CSV the labels point into.
        mode: ``"text"`` (``Comparer.compare`` on the clean texts) or ``"documents"``.
        pair_ids: only these pairs (all when None).
        predict: the predictor (``predictor(mode)`` when None), e.g. to reuse loaded models.
        progress: called after each pair with (done, total, pair id).

    Returns:
        ``{"overall": figures, "by_lang_pair": {lp: figures}, "by_group": {...},
        "by_type": {type: {"gold", "found", "found_typed", "pred", "pred_correct"}},
        "goals", "stale": [pair ids whose text changed], "pairs": {id: counts and detail},
        "mode", "seconds"}``; figures hold the counts and ``link_recall``, ``link_precision``,
        ``discrepancy_recall``, ``discrepancy_precision`` and the typed discrepancy figures.

    Raises:
        FileNotFoundError: the label file or the CSV is missing.
    """
    from storydiff.evaluate.semeval import load_semeval

    records = load_labels(labels) if isinstance(labels, Path) else list(labels)
    if not data.exists():
        raise FileNotFoundError(f"the SemEval data is missing: {data}")
    wanted = set(pair_ids) if pair_ids is not None else None
    records = [r for r in records if wanted is None or r["pair_id"] in wanted]
    pairs = {p.pair_id: p for p in load_semeval(data)}
    predict = predict or predictor(mode)
    started = time.perf_counter()
    per_pair: dict[str, dict[str, Any]] = {}
    stale: list[str] = []
    for done, record in enumerate(records, 1):
        pair = pairs.get(record["pair_id"])
        if (pair is None or sha1(pair.text1) != record["sha1_a"]
                or sha1(pair.text2) != record["sha1_b"]):
            stale.append(record["pair_id"])
            continue
        result = score_pair(record, predict(pair))
        result["lang_pair"] = f"{record['lang1']}-{record['lang2']}"
        per_pair[record["pair_id"]] = result
        if progress is not None:
            progress(done, len(records), record["pair_id"])
    by_lang: dict[str, list[dict[str, int]]] = defaultdict(list)
    by_group: dict[str, list[dict[str, int]]] = defaultdict(list)
    for record in records:
        if record["pair_id"] in per_pair:
            counts = per_pair[record["pair_id"]]["counts"]
            by_lang[f"{record['lang1']}-{record['lang2']}"].append(counts)
            by_group[_group(record["lang1"], record["lang2"])].append(counts)
    return {
        "mode": mode,
        "overall": figures(_sum(r["counts"] for r in per_pair.values())),
        "by_lang_pair": {lp: figures(_sum(rows)) for lp, rows in sorted(by_lang.items())},
        "by_group": {g: figures(_sum(rows)) for g, rows in sorted(by_group.items())},
        "by_type": _by_type(records, per_pair),
        "links_by_relation": _by_relation(per_pair.values()),
        "claims_by_listing": _by_listing(per_pair.values()),
        "goals": GOALS,
        "stale": stale,
        "pairs": per_pair,
        "seconds": round(time.perf_counter() - started, 1),
    }


def _by_relation(results: Iterable[dict[str, Any]]) -> dict[str, dict[str, Any]]:
    """Predicted links per relation (same_wording, paraphrase, partial): how many, how many
    correct, and that precision."""
    table: dict[str, list[int]] = {}
    for result in results:
        for relation, (n, ok) in result["detail"]["links_by_relation"].items():
            row = table.setdefault(relation, [0, 0])
            row[0] += n
            row[1] += ok
    return {rel: {"pred": n, "correct": ok, "precision": _ratio(ok, n)}
            for rel, (n, ok) in sorted(table.items())}


def _by_listing(results: Iterable[dict[str, Any]]) -> dict[str, dict[str, Any]]:
    """Claims per listing of the report (one-side, linked only uncertainly, linked): how many,
    how many have no labelled partner (told on that side only, by the labels), and that
    share."""
    table: dict[str, list[int]] = {}
    for result in results:
        for listing, (n, alone) in result["detail"].get("claims_by_listing", {}).items():
            row = table.setdefault(listing, [0, 0])
            row[0] += n
            row[1] += alone
    return {key: {"claims": n, "no_labelled_partner": alone, "share": _ratio(alone, n)}
            for key, (n, alone) in sorted(table.items())}


def _by_type(records: Sequence[dict[str, Any]],
             per_pair: dict[str, dict[str, Any]]) -> dict[str, dict[str, int]]:
    """Per discrepancy type: labelled, found (any type / same type), predicted, correct."""
    table = {t: {"gold": 0, "found": 0, "found_typed": 0, "pred": 0, "pred_correct": 0}
             for t in DISCREPANCY_TYPES}
    for record in records:
        result = per_pair.get(record["pair_id"])
        if result is None:
            continue
        preds = result["detail"]["predicted_discrepancies"]
        for gold in record["discrepancies"]:
            hits = [p for p in preds if _both(gold, p["a"], p["b"])]
            row = table.setdefault(gold["type"], dict.fromkeys(table["number"], 0))
            row["gold"] += 1
            row["found"] += bool(hits)
            row["found_typed"] += any(p["type"] == gold["type"] for p in hits)
        for pred in preds:
            row = table.setdefault(pred["type"], dict.fromkeys(table["number"], 0))
            row["pred"] += 1
            row["pred_correct"] += pred["matches_label"]
    return table


# --------------------------------------------------------------------------------------------
# Printing


def _fmt(value: float | None) -> str:
    return "  –  " if value is None else f"{value:5.2f}"


def print_table(result: dict[str, Any]) -> None:
    """The figures as a table, the goals beside the overall row."""
    head = (f"{'pairs':<22}{'n':>3} {'links':>5} {'L rec':>5} {'L prec':>6} {'pred':>5} "
            f"{'disc':>4} {'D rec':>5} {'D prec':>6} {'pred':>4} {'Dt rec':>6} {'Dt prec':>7}")
    print(head)
    print("-" * len(head))

    def row(name: str, f: dict[str, Any]) -> None:
        print(f"{name:<22}{f['pairs']:>3} {f['link_gold']:>5} {_fmt(f['link_recall'])} "
              f"{_fmt(f['link_precision']):>6} {f['link_pred']:>5} {f['disc_gold']:>4} "
              f"{_fmt(f['discrepancy_recall'])} {_fmt(f['discrepancy_precision']):>6} "
              f"{f['disc_pred']:>4} {_fmt(f['discrepancy_recall_typed']):>6} "
              f"{_fmt(f['discrepancy_precision_typed']):>7}")

    for lp, f in result["by_lang_pair"].items():
        row(lp, f)
    print("-" * len(head))
    for group, f in result["by_group"].items():
        row(group, f)
    print("-" * len(head))
    row("overall", result["overall"])
    goals = result["goals"]
    print(f"{'goal':<22}{'':>3} {'':>5} {goals['link_recall']:5.2f} {goals['link_precision']:>6.2f}"
          f" {'':>5} {'':>4} {goals['discrepancy_recall']:5.2f} "
          f"{goals['discrepancy_precision']:>6.2f}")
    overall = result["overall"]
    verdicts = []
    for key, goal in goals.items():
        value = overall[key]
        met = value is not None and value >= goal
        verdicts.append(f"{key} {_fmt(value).strip()} (goal {goal:.2f}: "
                        f"{'met' if met else 'not met'})")
    print("; ".join(verdicts))
    print("\nPredicted links by relation, as the report lists them (those under 50% confidence "
          "apart as uncertain): " + "; ".join(
        f"{rel} {r['correct']}/{r['pred']} correct ({_fmt(r['precision']).strip()})"
        for rel, r in result["links_by_relation"].items()))
    names = {"one_side": "one-side", "loose": "linked only uncertainly", "linked": "linked"}
    print("\nClaims as the report lists them, with no labelled partner (told on that side only, "
          "by the labels): " + "; ".join(
              f"{names.get(key, key)} {r['no_labelled_partner']}/{r['claims']} "
              f"({_fmt(r['share']).strip()})"
              for key, r in result.get("claims_by_listing", {}).items()))
    print("\nDiscrepancies by labelled / predicted type:")
    print(f"{'type':<12}{'gold':>5}{'found':>6}{'typed':>6}{'pred':>6}{'correct':>8}")
    for typ, r in result["by_type"].items():
        print(f"{typ:<12}{r['gold']:>5}{r['found']:>6}{r['found_typed']:>6}{r['pred']:>6}"
              f"{r['pred_correct']:>8}")
    if result["stale"]:
        print(f"\n{len(result['stale'])} labelled pair(s) skipped, their text changed or is "
              f"missing: {', '.join(result['stale'])}")
    if overall["unmapped"]:
        print(f"{overall['unmapped']} predicted item(s) could not be placed in the raw text")
    print(f"\nmode {result['mode']}; {result['seconds']} s")


def main(argv: list[str] | None = None) -> None:
    """Run the benchmark, print the table, write the JSON."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--labels", type=Path, default=LABELS)
    parser.add_argument("--data", type=Path, default=DATA)
    parser.add_argument("--mode", choices=("text", "documents"), default="text")
    parser.add_argument("--pairs", nargs="*", default=None, help="only these pair ids")
    parser.add_argument("--out", type=Path, default=OUT)
    args = parser.parse_args(argv)
    if not args.data.exists():
        sys.exit(f"benchmark data missing: {args.data} (needs ../shared beside the repo)")

    def progress(done: int, total: int, pair_id: str) -> None:
        print(f"\r{done}/{total} {pair_id:<40}", end="", file=sys.stderr, flush=True)

    result = run(args.labels, args.data, mode=args.mode, pair_ids=args.pairs, progress=progress)
    print(file=sys.stderr)
    print_table(result)
    args.out.parent.mkdir(parents=True, exist_ok=True)
    args.out.write_text(json.dumps(result, indent=1, ensure_ascii=False), encoding="utf-8")
    print(f"wrote {args.out}")


if __name__ == "__main__":
    main()
