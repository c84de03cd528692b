"""Real scraped texts (SemEval-2022 Task 8 train, read from ../shared at run time; skipped when
absent): boilerplate is cut out, abbreviations do not end sentences, no claim is unbounded."""

from __future__ import annotations

import itertools
import re
from functools import cache

import pytest

from storydiff.analyse.claims import split_claims
from storydiff.analyse.sentences import split_sentences
from storydiff.document import Article, Claim, Sentence
from storydiff.evaluate.semeval import load_semeval
from storydiff.ingest import clean
from storydiff.ingest.boilerplate import inline_spans_heuristic
from storydiff.ingest.lines import split_lines

from ..conftest import shared_path

SAMPLE_EVERY = 4  # a quarter of the 2,502 distinct texts keeps the test to a few seconds
_MARKERS = re.compile(
    r"©|\bcopyright\b|all rights reserved|your browser does not support|ihr browser"
    r"|sign up to|invalid email|jetzt teilen|teilen sie|share on facebook|getty images"
    r"|picture alliance|rubriklistenbild|\((?:photo|foto|bild)\b|\b(?:foto|photo|bild)\s*:"
    r"|story continues below|czytaj (?:też|także)|lesen sie auch|read more:",
    re.IGNORECASE,
)
_ABBREVIATION = re.compile(
    r"(?<![\w.])(?:jan|feb|mar|apr|jun|jul|aug|sep|sept|oct|nov|dec|mr|mrs|dr|st|prof|nr|z\.b"
    r"|ul|tys|vgl|bzw|ca|inc|u\.s|etc)\.$",
    re.IGNORECASE,
)


@cache
def _texts() -> list[tuple[str, str, str]]:
    """(id, raw text, language) of a fixed sample of the distinct texts."""
    seen: dict[str, tuple[str, str, str]] = {}
    for pair in load_semeval(shared_path("data", "semeval2022-task8", "train.csv")):
        for side, text, lang in ((1, pair.text1, pair.lang1), (2, pair.text2, pair.lang2)):
            seen.setdefault(text, (f"{pair.pair_id}/{side}", text, lang))
    return list(seen.values())[::SAMPLE_EVERY]


@cache
def _analysed() -> list[tuple[str, str, list[Sentence], list[Claim]]]:
    """(language, clean text, sentences, claims) of every sampled text that has a body."""
    out = []
    for ident, raw, lang in _texts():
        try:
            text = clean(Article(raw=raw, kind="text", source=ident, language=lang)).text
        except Exception:  # a page that is only boilerplate is refused: nothing to check
            continue
        sentences = split_sentences(text, lang)
        out.append((lang, text, sentences, split_claims(sentences, text, lang)))
    return out


def test_few_claims_keep_boilerplate() -> None:
    claims = [c.text for _, _, _, cs in _analysed() for c in cs]
    marked = [c for c in claims if _MARKERS.search(c)]
    assert len(claims) > 5000
    assert len(marked) <= 0.004 * len(claims), marked[:20]  # 1.2% before issue #12


def test_abbreviations_rarely_end_a_sentence() -> None:
    breaks = bad = 0
    for _, text, sentences, _ in _analysed():
        for left, right in itertools.pairwise(sentences):
            if "\n" in text[left.end : right.start]:
                continue
            breaks += 1
            first = right.text[:1]
            bad += bool(_ABBREVIATION.search(left.text[-12:])) and (
                first.islower() or first.isdigit())
    assert breaks > 3000
    assert bad <= 0.001 * breaks  # 0.5% before issue #12


def test_claims_are_bounded_and_point_into_the_clean_text() -> None:
    for _, text, sentences, claims in _analysed():
        for item in [*sentences, *claims]:
            assert len(item.text) <= 1000
            assert text[item.start : item.end] == item.text


def test_every_removal_is_text_of_its_line_and_triggers_miss_nothing() -> None:
    for ident, raw, lang in _texts():
        lines = {line.no: line.text for line in split_lines(raw)}
        for line in lines.values():
            assert inline_spans_heuristic(line) == inline_spans_heuristic(line, scan_all=True)
        try:
            cleaned = clean(Article(raw=raw, kind="text", source=ident, language=lang))
        except Exception:
            continue
        for removed in cleaned.removed_lines:
            assert removed.text in lines[removed.line_no], (ident, removed)


@pytest.mark.parametrize("language", ["de", "en"])
def test_photo_credits_are_gone_from_the_clean_text(language: str) -> None:
    texts = [text for lang, text, _, _ in _analysed() if lang == language]
    assert texts
    credits = [t for t in texts if re.search(r"\bFoto: [A-Z][\w-]+ ?/ ?dpa\b|\(Photo by ", t)]
    assert credits == []
