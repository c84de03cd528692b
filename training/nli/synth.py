"""FactCC-style synthetic pairs from real news sentences (SemEval-2022 Task 8 articles).

Contradictions change a number, a date, an entity, the speaker of a quote or the polarity;
entailments apply a meaning-preserving edit (drop a clause, reorder, swap a synonym or the
reporting verb); neutrals pair a sentence with one from another story or elsewhere in the article.
Articles are split by connected group of article ids (translated copies such as ``123_456de``
stay with ``123_456``), so the test set shares no article with training.
"""

from __future__ import annotations

import random
import re
from collections import defaultdict
from collections.abc import Callable

from .data import HELDOUT_FRACTION, SEED, SEMEVAL_PATH, Pair, read_rows
from .synth_edits import CONTRADICTIONS, ENTAILMENTS

SENTENCES_PER_ARTICLE = 2
_SENT_END = re.compile(r"(?<=[.!?。！？])\s+|(?<=[。！？])")
_BASE_ID = re.compile(r"^(\d+)")


def split_sentences(text: str) -> list[str]:
    """Sentences of an article: a light punctuation split, keeping 40-300 characters."""
    parts = (s.strip() for s in _SENT_END.split(text))
    return [s for s in parts if 40 <= len(s) <= 300 and not s.isupper()]


def _article_ids(pair_id: str) -> tuple[str, str]:
    """Base article ids of a pair id, language suffixes removed."""
    left, right = pair_id.split("_")[:2]
    return _base(left), _base(right)


def _base(article: str) -> str:
    """An article id without its language suffix."""
    match = _BASE_ID.match(article)
    return match.group(1) if match else article


def _find(parent: dict[str, str], node: str) -> str:
    """Union-find root with path halving."""
    while parent.setdefault(node, node) != node:
        parent[node] = parent[parent[node]]
        node = parent[node]
    return node


def heldout_articles(rows: list[dict[str, str]], seed: int = SEED) -> set[str]:
    """Base article ids in held-out groups: 20% of connected groups, chosen by seed."""
    parent: dict[str, str] = {}
    for row in rows:
        a, b = _article_ids(row["pair_id"])
        parent[_find(parent, a)] = _find(parent, b)
    roots = sorted({_find(parent, n) for n in list(parent)})
    random.Random(seed).shuffle(roots)
    chosen = set(roots[: round(len(roots) * HELDOUT_FRACTION)])
    return {n for n in list(parent) if _find(parent, n) in chosen}


def _articles(rows: list[dict[str, str]]) -> dict[tuple[str, str], str]:
    """Distinct article texts keyed by (article id with suffix, language)."""
    out: dict[tuple[str, str], str] = {}
    for row in rows:
        left, right = row["pair_id"].split("_")[:2]
        out.setdefault((left, row["lang1"]), row["text1"])
        out.setdefault((right, row["lang2"]), row["text2"])
    return out


Sentence = tuple[str, str, str]  # (article id, lang, sentence)


def _sample_sentences(articles: dict[tuple[str, str], str], rng: random.Random) -> list[Sentence]:
    """Up to SENTENCES_PER_ARTICLE sentences of each article (the title is skipped)."""
    out: list[Sentence] = []
    for (article, lang), text in sorted(articles.items()):
        sentences = split_sentences(text)[1:]
        rng.shuffle(sentences)
        out.extend((article, lang, s) for s in sentences[:SENTENCES_PER_ARTICLE])
    return out


def _contradictions(item: Sentence, names: list[str], rng: random.Random,
                    every: bool) -> list[Pair]:
    """Contradicting pairs for a sentence: one random applicable edit, or all of them."""
    _, lang, text = item
    kinds = list(CONTRADICTIONS.items())
    rng.shuffle(kinds)
    out: list[Pair] = []
    for kind, edit in kinds:
        changed = edit(text, lang, names, rng)
        if changed and changed != text:
            out.append(Pair(text, changed, "contradiction", lang, f"synth-{kind}"))
            if not every:
                break
    return out


def _entailment(item: Sentence, rng: random.Random) -> Pair:
    """An entailed pair: a random applicable meaning-preserving edit, else the sentence itself."""
    _, lang, text = item
    kinds: list[tuple[str, Callable[[str, str, random.Random], str | None]]]
    kinds = list(ENTAILMENTS.items())
    rng.shuffle(kinds)
    for kind, edit in kinds:
        changed = edit(text, lang, rng)
        if changed and changed != text:
            return Pair(text, changed, "entailment", lang, f"synth-{kind}")
    return Pair(text, text, "entailment", lang, "synth-identity")


def _neutral(item: Sentence, pool: list[Sentence], by_article: dict[str, list[str]],
             rng: random.Random) -> Pair:
    """A neutral pair: another sentence of the same article, or one from another story."""
    article, lang, text = item
    others = [s for s in by_article[article] if s != text]
    if others and rng.random() < 0.5:
        return Pair(text, rng.choice(others), "neutral", lang, "synth-same-article")
    other = rng.choice(pool)
    while other[0] == article:
        other = rng.choice(pool)
    return Pair(text, other[2], "neutral", lang, "synth-other-story")


def _names_by_article(articles: dict[tuple[str, str], str]) -> dict[str, list[str]]:
    """Capitalised names seen in each article, for entity and speaker swaps."""
    from .synth_edits import names_in

    return {article: names_in(text, lang) for (article, lang), text in articles.items()}


def _build(sentences: list[Sentence], names: dict[str, list[str]], rng: random.Random,
           test: bool) -> list[Pair]:
    """All pairs of one split."""
    by_article: dict[str, list[str]] = defaultdict(list)
    for article, _, text in sentences:
        by_article[article].append(text)
    out: list[Pair] = []
    for item in sentences:
        out.extend(_contradictions(item, names[item[0]], rng, every=test))
        out.append(_entailment(item, rng))
        out.append(_neutral(item, sentences, by_article, rng))
    return out


def build_synthetic(seed: int = SEED) -> tuple[list[Pair], list[Pair]]:
    """Synthetic (train, test) pairs; the test set uses every applicable contradiction edit."""
    rows = read_rows(SEMEVAL_PATH)
    heldout = heldout_articles(rows, seed)
    articles = _articles(rows)
    names = _names_by_article(articles)
    rng = random.Random(seed)
    sentences = _sample_sentences(articles, rng)
    test_s = [s for s in sentences if _base(s[0]) in heldout]
    train_s = [s for s in sentences if _base(s[0]) not in heldout]
    return _build(train_s, names, rng, test=False), _build(test_s, names, rng, test=True)
