"""Loads the shared NLI and STS files and splits them by item, reproducibly from a seed."""

from __future__ import annotations

import csv
import hashlib
import itertools
import random
from collections import defaultdict
from collections.abc import Iterable
from dataclasses import dataclass
from pathlib import Path

from storydiff.evaluate.data import NLI_DEV, SEMEVAL_TRAIN, STS_MULTI, data_dir, data_file

SEED = 13
SHARED = data_dir()
NLI_PATH = data_file(*NLI_DEV)
STS_PATH = data_file(*STS_MULTI)
SEMEVAL_PATH = data_file(*SEMEVAL_TRAIN)
HELDOUT_FRACTION = 0.2
XNLI_TRAIN_GROUPS_PER_LANG = 400  # premise groups (3 items each) used for training per language
OTHER_ROWS_CAP = 2000  # rows kept per (source, lang) outside XNLI, held-out share included
STS_TRAIN_PAIRS = 4000  # STS-B train paraphrases (score >= 4.5) used as entailment pairs
LABELS = ("entailment", "neutral", "contradiction")


@dataclass(frozen=True)
class Pair:
    """One labelled premise/hypothesis pair with where it came from."""

    premise: str
    hypothesis: str
    label: str
    lang: str
    source: str


def read_rows(path: Path) -> list[dict[str, str]]:
    """All rows of a CSV file as dictionaries."""
    csv.field_size_limit(1 << 30)
    with path.open(newline="", encoding="utf-8") as handle:
        return list(csv.DictReader(handle))


def _to_pair(row: dict[str, str]) -> Pair:
    """A CSV row in the nli-dev format as a Pair."""
    return Pair(row["premise"], row["hypothesis"], row["label"], row["lang"], row.get("source", ""))


def _premise_runs(rows: list[dict[str, str]]) -> list[list[dict[str, str]]]:
    """Consecutive rows sharing a premise, in file order (one XNLI item group each)."""
    return [list(group) for _, group in itertools.groupby(rows, key=lambda r: r["premise"])]


def xnli_heldout_groups(n_groups: int, seed: int = SEED) -> set[int]:
    """Indices of XNLI premise groups held out; the same indices in every language."""
    order = list(range(n_groups))
    random.Random(seed).shuffle(order)
    return set(order[: round(n_groups * HELDOUT_FRACTION)])


def _stable_hash(text: str, seed: int) -> int:
    """A process-independent hash of a text, salted with the seed."""
    return int.from_bytes(hashlib.blake2b(f"{seed}:{text}".encode(), digest_size=8).digest(), "big")


def _split_xnli(rows: list[dict[str, str]], seed: int) -> tuple[list[Pair], list[Pair]]:
    """Train and held-out pairs of one XNLI language, held out by item group."""
    runs = _premise_runs(rows)
    heldout = xnli_heldout_groups(len(runs), seed)
    train_ids = [i for i in range(len(runs)) if i not in heldout]
    random.Random(_stable_hash(rows[0]["lang"], seed)).shuffle(train_ids)
    keep = set(train_ids[:XNLI_TRAIN_GROUPS_PER_LANG])
    train = [_to_pair(r) for i in sorted(keep) for r in runs[i]]
    test = [_to_pair(r) for i in sorted(heldout) for r in runs[i]]
    return train, test


def _split_other(rows: list[dict[str, str]], seed: int) -> tuple[list[Pair], list[Pair]]:
    """Train and held-out pairs of a non-XNLI set, capped, held out by premise."""
    by_premise: dict[str, list[dict[str, str]]] = defaultdict(list)
    for row in rows:
        by_premise[row["premise"]].append(row)
    premises = sorted(by_premise, key=lambda p: _stable_hash(p, seed))
    kept: list[str] = []
    total = 0
    for premise in premises:
        if total >= OTHER_ROWS_CAP:
            break
        kept.append(premise)
        total += len(by_premise[premise])
    cut = round(len(kept) * HELDOUT_FRACTION)
    test = [_to_pair(r) for p in kept[:cut] for r in by_premise[p]]
    train = [_to_pair(r) for p in kept[cut:] for r in by_premise[p]]
    return train, test


def split_nli(path: Path = NLI_PATH, seed: int = SEED) -> tuple[list[Pair], list[Pair]]:
    """The nli-dev file split into (train, held-out) by item, with the caps above."""
    groups: dict[tuple[str, str], list[dict[str, str]]] = defaultdict(list)
    for row in read_rows(path):
        if row["label"] in LABELS:
            groups[(row["source"], row["lang"])].append(row)
    train: list[Pair] = []
    test: list[Pair] = []
    for (source, _lang), rows in sorted(groups.items()):
        part = _split_xnli(rows, seed) if source == "xnli-dev" else _split_other(rows, seed)
        train.extend(part[0])
        test.extend(part[1])
    return train, test


def write_pairs(pairs: Iterable[Pair], path: Path) -> None:
    """Write pairs in the nli-dev CSV format."""
    path.parent.mkdir(parents=True, exist_ok=True)
    with path.open("w", newline="", encoding="utf-8") as handle:
        writer = csv.writer(handle)
        writer.writerow(["source", "lang", "premise", "hypothesis", "label"])
        for p in pairs:
            writer.writerow([p.source, p.lang, p.premise, p.hypothesis, p.label])


def split_sts(path: Path = STS_PATH, seed: int = SEED) -> tuple[list[Pair], list[Pair]]:
    """STS-B faithful paraphrases (score >= 4.5) as entailment: train from 'train', test from 'dev'.

    The multilingual copies share item order, so the official split keeps items apart.
    """
    train: list[Pair] = []
    test: list[Pair] = []
    for row in read_rows(path):
        if float(row["score"]) < 4.5:
            continue
        pair = Pair(row["s1"], row["s2"], "entailment", row["lang"], "stsb-para")
        (test if row["split"] == "dev" else train).append(pair)
    random.Random(seed).shuffle(train)
    return train, test
