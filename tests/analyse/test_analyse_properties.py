"""Invariants over generated text: sentences tile the text, claims stay inside their sentence,
and every extractor's spans are exact slices of the text."""

from __future__ import annotations

import itertools

from hypothesis import given, settings
from hypothesis import strategies as st

from storydiff.analyse import (
    capitalised_spans_heuristic,
    find_dates,
    find_quantities,
    find_quotes,
    split_claims,
    split_sentences,
)

TOKENS = [
    "The",
    "army",
    "left",
    "Dr.",
    "Mr.",
    "U.S.",
    "said",
    "but",
    "and",
    "the",
    "men",
    "Paris",
    "40",
    "1,200",
    "3,5",
    "two",
    "dozens",
    "of",
    "May",
    "19,",
    "2017",
    "last",
    "month",
    "Tuesday",
    "mardi",
    "mai",
    "deux",
    "mais",
    ".",
    "!",
    "?",
    ";",
    ",",
    " - ",
    '"',
    "“",
    "”",
    "«",
    "»",
    "‘",
    "’",
    "'",
    "\n",
    "\n\n",
    "。",
    "東京",
    "、",
    "€5m",
    "40%",
    "Ankara'da",
    "…",
    "(",
    ")",
]
LANGUAGES = st.sampled_from(["en", "fr", "de", "es", "tr", "ja", "und"])
TEXTS = st.lists(st.sampled_from(TOKENS), max_size=60).map(" ".join) | st.text(max_size=120)


@settings(max_examples=150, deadline=None)
@given(TEXTS, LANGUAGES)
def test_sentences_tile_the_non_space_text(text: str, language: str) -> None:
    sentences = split_sentences(text, language)
    covered = [0] * len(text)
    for index, sentence in enumerate(sentences):
        assert sentence.index == index
        assert text[sentence.start : sentence.end] == sentence.text
        assert sentence.text and sentence.text == sentence.text.strip()
        for i in range(sentence.start, sentence.end):
            covered[i] += 1
    assert all(a.end <= b.start for a, b in itertools.pairwise(sentences))
    assert max(covered, default=0) <= 1  # no overlap
    assert all(covered[i] == 1 for i, char in enumerate(text) if not char.isspace())


@settings(max_examples=150, deadline=None)
@given(TEXTS, LANGUAGES)
def test_claims_lie_inside_their_sentence(text: str, language: str) -> None:
    sentences = split_sentences(text, language)
    claims = split_claims(sentences, text, language)
    assert [c.index for c in claims] == list(range(len(claims)))
    for claim in claims:
        sentence = sentences[claim.sentence]
        assert sentence.start <= claim.start < claim.end <= sentence.end
        assert text[claim.start : claim.end] == claim.text
    assert all(a.end <= b.start for a, b in itertools.pairwise(claims))
    assert {c.sentence for c in claims} == {s.index for s in sentences}


@settings(max_examples=150, deadline=None)
@given(TEXTS, LANGUAGES)
def test_extractor_spans_are_exact(text: str, language: str) -> None:
    dates = find_dates(text, language, "2017-05-19")
    items: list[object] = [*dates, *find_quantities(text, language, dates=dates)]
    entities = capitalised_spans_heuristic(text, language)
    quotes = find_quotes(text, language, entities)
    items += [*entities, *quotes, *(q.speaker for q in quotes if q.speaker is not None)]
    for item in items:
        start, end, span_text = item.start, item.end, item.text  # type: ignore[attr-defined]
        assert 0 <= start < end <= len(text)
        assert text[start:end] == span_text
