"""Edits injected into the real counterpart of a labelled link: does the finding follow the edit?

Usage: ``python bench/claims_injected.py [--per-kind 25] [--seed 0] [--kinds KIND ...]``

The edit suite (``bench/claims.py``) sets an article against a copy of itself with one edit, so
the edited sentence always has a word-for-word counterpart. Real rewrites are not copies: the
same fact is told in other words, or in another language, and then a figure, a date, a
negation or a name is changed. This bench builds that case from the labelled real pairs of
``bench/labels/`` (SemEval-2022 Task 8 same-story pairs; the labels hold offsets only): for a
labelled link (a sentence of A and a sentence of B that report the same fact), B's sentence
gets ONE edit of a kind (``storydiff.evaluate.edit_ops``: a number, a date, a negation, an
antonym, a name), and the edited pair goes through the real pipeline as two texts
(``semeval_clean_text`` of each side, then ``Comparer().compare``), as ``claims_real.py``
does. Only B sentences whose A counterpart the unedited text already agrees with are used
(no labelled discrepancy touches them), and only edits that make B disagree with what A's
counterpart says: a changed figure, date or name must be one that A's counterpart also gives
(the same digits, the same name or date word), so that the edited B contradicts it; a negation
or an opposite predicate contradicts any counterpart that reports the same fact.

Scores, per edit kind and per language group (English, cross-lingual, other same-language):

- **detected**: some finding of a fitting type (``evaluate.edits.EDIT_KINDS``) has its B span
  inside the edited sentence and its A span inside one of that sentence's labelled
  counterparts (any type: ``detected_any``);
- **linked**: the report keeps a link between the edited sentence and one of its labelled
  counterparts (without it no rule can run: the misses split into alignment and rule misses);
- **new elsewhere**: findings of the edited pair that the unedited pair does not have and that
  lie outside the edited sentence, per case.

Writes ``bench/out/claims_injected.json`` (counts only, no text).
"""

from __future__ import annotations

import argparse
import dataclasses
import json
import random
import re
import sys
import time
from collections import defaultdict
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "bench"))

from claims_real import (  # noqa: E402
    DATA,
    LABELS,
    _group,
    load_labels,
    overlaps,
    predictor,
    sha1,
)

from storydiff.evaluate.edits import EDIT_KINDS  # noqa: E402

OUT = ROOT / "bench" / "out" / "claims_injected.json"
KINDS = ("number.plain", "number.bound", "number.percent", "number.money", "date.weekday",
         "date.month", "date.day", "negation.not", "negation.denied", "antonym",
         "entity.person", "entity.place", "entity.org")
GOAL = 0.9  # issue #12: recall per edit type


@dataclass(frozen=True)
class Case:
    """One edit in B's counterpart sentence of a labelled link."""

    pair_id: str
    kind: str
    group: str
    text_b: str  # the edited raw B text
    edited: tuple[int, int]  # the edited sentence in ``text_b``
    counterparts: tuple[tuple[int, int], ...]  # its labelled A sentences (raw A offsets)


def _counterparts(label: dict[str, Any]) -> dict[tuple[int, int], list[tuple[int, int]]]:
    """Each labelled B sentence with its A counterparts, leaving out sentences that a labelled
    discrepancy touches."""
    out: dict[tuple[int, int], list[tuple[int, int]]] = defaultdict(list)
    for link in label["links"]:
        b = (link["b"][0], link["b"][1])
        if any(overlaps(d["b"], b) for d in label["discrepancies"]):
            continue
        out[b].append((link["a"][0], link["a"][1]))
    return out


def _changed(before: str, after: str) -> str:
    """The words of ``before`` that the edit replaced (common head and tail trimmed, widened
    to whole words)."""
    head = 0
    while head < min(len(before), len(after)) and before[head] == after[head]:
        head += 1
    tail = 0
    while (tail < min(len(before), len(after)) - head
           and before[-1 - tail] == after[-1 - tail]):
        tail += 1
    start, end = head, len(before) - tail
    while start > 0 and before[start - 1].isalnum():
        start -= 1
    while end < len(before) and before[end].isalnum():
        end += 1
    return before[start:end]


def _figures(text: str) -> set[str]:
    """Digit groups of a text, thousands separators removed ("1,200" -> "1200")."""
    return set(re.findall(r"\d+", re.sub(r"(?<=\d)[,.\s\u00a0'](?=\d{3}(?!\d))", "", text)))


def _disagrees(kind: str, original: str, counterparts: Sequence[str]) -> bool:
    """Whether the edit of ``original`` (the replaced words) makes B disagree with what A's
    counterparts say (see the module docstring)."""
    family = kind.split(".")[0]
    if family in ("negation", "antonym"):
        return True
    if family == "number" or kind == "date.day":
        digits = _figures(original)
        return bool(digits) and any(digits <= _figures(text) for text in counterparts)
    word = original.strip().casefold()
    return bool(word) and any(word in text.casefold() for text in counterparts)


def build(labels: Sequence[dict[str, Any]], pairs: dict[str, Any], kinds: Sequence[str],
          per_kind: int, seed: int) -> list[Case]:
    """Up to ``per_kind`` cases of each kind, at most one a pair and kind."""
    from storydiff.analyse.entities import find_entities
    from storydiff.analyse.quotes import find_quotes
    from storydiff.discrepancies.rules.entities import same_entity
    from storydiff.discrepancies.rules.places import is_country, place_level
    from storydiff.evaluate.edit_ops import OPERATIONS, Context

    rng = random.Random(seed)
    order = list(labels)
    rng.shuffle(order)
    cases: list[Case] = []
    counts: dict[str, int] = defaultdict(int)
    for label in order:
        pair = pairs.get(label["pair_id"])
        if pair is None or sha1(pair.text2) != label["sha1_b"]:
            continue
        text, lang = pair.text2, pair.lang2
        entities = find_entities(text, lang)
        quotes = find_quotes(text, lang, entities)
        sentences = sorted(_counterparts(label).items())
        for kind in kinds:
            if counts[kind] >= per_kind:
                continue
            rng.shuffle(sentences)
            for (start, end), counterparts in sentences:
                ctx = Context(lang, text, start, entities, quotes, same_entity, is_country,
                              place_level, lambda t, lang=lang: find_entities(t, lang))
                edited = OPERATIONS[kind](text[start:end], ctx, rng)
                if edited is None or edited == text[start:end] or not _disagrees(
                        kind, _changed(text[start:end], edited),
                        [pair.text1[a:b] for a, b in counterparts]):
                    continue
                cases.append(Case(label["pair_id"], kind, _group(pair.lang1, pair.lang2),
                                  text[:start] + edited + text[end:],
                                  (start, start + len(edited)), tuple(counterparts)))
                counts[kind] += 1
                break
    return cases


def _shifted(span: tuple[int, int], case: Case, original_length: int) -> tuple[int, int]:
    """A span of the unedited B text moved to the edited text's offsets."""
    delta = len(case.text_b) - original_length
    start, end = span
    edited_end = case.edited[1]
    return (start + delta, end + delta) if start >= edited_end - delta else (start, end)


def run_cases(cases: Sequence[Case], pairs: dict[str, Any]) -> list[dict[str, Any]]:
    """Each case through the pipeline (``claims_real.predictor``, as two texts), beside its
    unedited pair (computed once a pair)."""
    predict = predictor("text")
    baseline: dict[str, list[dict[str, Any]]] = {}
    results = []
    for done, case in enumerate(cases, 1):
        pair = pairs[case.pair_id]
        if case.pair_id not in baseline:
            baseline[case.pair_id] = predict(pair).discrepancies
        edited = predict(dataclasses.replace(pair, text2=case.text_b))
        found, links = edited.discrepancies, edited.links
        fitting = EDIT_KINDS[case.kind]

        def on_edit(d: dict[str, Any], case: Case = case) -> bool:
            return overlaps(d["b"], case.edited) and any(overlaps(d["a"], a)
                                                         for a in case.counterparts)

        before = {(d["type"], tuple(d["a"]), _shifted(tuple(d["b"]), case, len(pair.text2)))
                  for d in baseline[case.pair_id]}
        new_elsewhere = [d for d in found if not overlaps(d["b"], case.edited)
                         and (d["type"], tuple(d["a"]), tuple(d["b"])) not in before]
        results.append({
            "pair_id": case.pair_id, "kind": case.kind, "group": case.group,
            "detected": any(on_edit(d) and d["type"] in fitting for d in found),
            "detected_any": any(on_edit(d) for d in found),
            "linked": any(overlaps(b, case.edited) and any(overlaps(a, c)
                                                           for c in case.counterparts)
                          for a, b in links),
            "new_elsewhere": len(new_elsewhere),
        })
        print(f"\r{done}/{len(cases)} {case.kind:<16}", end="", file=sys.stderr, flush=True)
    print(file=sys.stderr)
    return results


def _rates(rows: Sequence[dict[str, Any]]) -> dict[str, Any]:
    n = len(rows)
    if not n:
        return {"cases": 0}
    return {"cases": n,
            "detected": sum(r["detected"] for r in rows) / n,
            "detected_any": sum(r["detected_any"] for r in rows) / n,
            "linked": sum(r["linked"] for r in rows) / n,
            "detected_when_linked": (sum(r["detected"] for r in rows if r["linked"])
                                     / max(1, sum(r["linked"] for r in rows))),
            "new_elsewhere_per_case": sum(r["new_elsewhere"] for r in rows) / n}


def summarise(results: Sequence[dict[str, Any]]) -> dict[str, Any]:
    """Rates overall, by kind, by family and by language group."""
    by: dict[str, dict[str, list[dict[str, Any]]]] = {"kind": defaultdict(list),
                                                       "family": defaultdict(list),
                                                       "group": defaultdict(list)}
    for r in results:
        by["kind"][r["kind"]].append(r)
        by["family"][r["kind"].split(".")[0]].append(r)
        by["group"][r["group"]].append(r)
    return {"overall": _rates(results),
            **{f"by_{k}": {name: _rates(rows) for name, rows in sorted(v.items())}
               for k, v in by.items()}}


def _print(summary: dict[str, Any]) -> None:
    head = f"{'':<22}{'cases':>6}{'detected':>10}{'any type':>10}{'linked':>8}" \
           f"{'det|linked':>12}{'new/case':>10}"
    for section in ("by_kind", "by_family", "by_group"):
        print(head)
        print("-" * len(head))
        for name, r in summary[section].items():
            print(f"{name:<22}{r['cases']:>6}{r['detected']:>10.2f}{r['detected_any']:>10.2f}"
                  f"{r['linked']:>8.2f}{r['detected_when_linked']:>12.2f}"
                  f"{r['new_elsewhere_per_case']:>10.2f}")
        print()
    r = summary["overall"]
    print(f"overall: {r['cases']} cases, detected {r['detected']:.2f} (goal {GOAL}), any type "
          f"{r['detected_any']:.2f}, linked {r['linked']:.2f}, detected when linked "
          f"{r['detected_when_linked']:.2f}, new findings elsewhere "
          f"{r['new_elsewhere_per_case']:.2f} a case")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--per-kind", type=int, default=25)
    parser.add_argument("--seed", type=int, default=0)
    parser.add_argument("--kinds", nargs="*", default=list(KINDS))
    args = parser.parse_args()
    from storydiff.evaluate.semeval import load_semeval

    if not DATA.exists():
        sys.exit(f"benchmark data missing: {DATA}")
    started = time.perf_counter()
    pairs = {p.pair_id: p for p in load_semeval(DATA)}
    cases = build(load_labels(LABELS), pairs, args.kinds, args.per_kind, args.seed)
    results = run_cases(cases, pairs)
    summary = summarise(results)
    _print(summary)
    OUT.parent.mkdir(parents=True, exist_ok=True)
    OUT.write_text(json.dumps({"seed": args.seed, "per_kind": args.per_kind,
                               "summary": summary, "cases": results,
                               "seconds": round(time.perf_counter() - started, 1)}, indent=1))
    print(f"{time.perf_counter() - started:.0f} s; wrote {OUT.relative_to(ROOT)}")


if __name__ == "__main__":
    main()
