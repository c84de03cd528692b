from __future__ import annotations

import time
from typing import Any

import pytest

import storydiff.analyse as analyse_package
from storydiff.analyse import analyse
from storydiff.document import CleanText, Document

SAMPLE = (
    "Storm leaves two people dead\n\n"
    "Around 40 houses were destroyed on Tuesday, officials said; the army arrived last week.\n\n"
    '"We lost everything," said Maria Lopez. Dozens of families slept in the school.'
)


def all_items(doc: Document) -> list[Any]:
    speakers = [q.speaker for q in doc.quotes if q.speaker is not None]
    return [
        *doc.sentences,
        *doc.claims,
        *doc.entities,
        *doc.quantities,
        *doc.dates,
        *doc.quotes,
        *speakers,
    ]


def test_analyse_fills_every_field(spans_ok: Any) -> None:
    clean = CleanText(text=SAMPLE, source="<text>", published="2017-05-19", title="Storm")
    doc = analyse(clean)
    assert (doc.language, doc.source, doc.title, doc.published) == (
        "en",
        "<text>",
        "Storm",
        "2017-05-19",
    )
    spans_ok(doc.clean_text, all_items(doc))
    assert doc.sentences[0].text == "Storm leaves two people dead"
    assert len(doc.claims) > len(doc.sentences)
    assert ("Maria Lopez", "PERSON") in {(e.text, e.label) for e in doc.entities}
    assert [(q.value, q.counted, q.approximate) for q in doc.quantities] == [
        (2.0, "people", False),
        (40.0, "houses", True),
        (24.0, "families", True),
    ]
    assert [d.value for d in doc.dates] == ["2017-05-16", "2017-05-08"]
    assert [(q.text, q.speaker.text if q.speaker else None) for q in doc.quotes] == [
        ("We lost everything", "Maria Lopez")
    ]


def test_declared_language_is_used() -> None:
    doc = analyse(
        CleanText(text="Deux personnes sont mortes mardi.", source="x", declared_language="fr")
    )
    assert doc.language == "fr"
    assert doc.quantities[0].counted == "personnes"


def test_gibberish_is_undetermined_and_still_analysed(spans_ok: Any) -> None:
    doc = analyse(CleanText(text="Qwrtp zxcvb. Mnbvc Lkjhg pqwx.", source="x"))
    assert doc.language == "und"
    spans_ok(doc.clean_text, all_items(doc))
    assert len(doc.sentences) == 2


def test_seed_articles(seed_texts: list[str], spans_ok: Any) -> None:
    for text in seed_texts:
        doc = analyse(CleanText(text=text, source="seed", published="2017-05-19"))
        assert doc.language == "en"
        spans_ok(text, all_items(doc))
        assert any(q.approximate and q.counted == "survivors" for q in doc.quantities)
        assert any(d.text.lower() == "last month" and d.value == "2017-04" for d in doc.dates)
        assert any(q.text == "gay purge" and q.speaker is None for q in doc.quotes)


def test_warm_analysis_is_fast() -> None:
    text = " ".join([SAMPLE] * 8)  # about 300 words
    analyse(CleanText(text=text, source="x"))
    started = time.perf_counter()
    analyse(CleanText(text=text, source="x", published="2017-05-19"))
    assert time.perf_counter() - started < 1.5  # generous: shared CI cores; measured ~0.1 s


def test_exported_members_match_all() -> None:
    public = {n for n in dir(analyse_package) if not n.startswith("_")}
    modules = {"claims", "codec", "core", "dates", "entities", "language", "numbers", "quotes",
                   "sentences"}
    assert public - modules - {"annotations"} == set(analyse_package.__all__)
    assert analyse_package.__all__ == sorted(analyse_package.__all__)


@pytest.mark.slow(seconds=2)
def test_cold_start_loads_models_once() -> None:
    from storydiff.analyse.entities import _pipeline
    from storydiff.analyse.language import _detector

    assert _pipeline("en") is _pipeline("en")
    assert _detector() is _detector()


def test_sentences_and_claims_are_analyses_first_steps_on_real_articles() -> None:
    """What ``Comparer.compare`` starts encoding before a side's analysis ends: the same
    language, sentences and claims that ``analyse`` returns, on real articles of every
    language of the SemEval file (the first 120 of them)."""
    from collections import Counter

    from tests.conftest import real_articles

    from storydiff.analyse import sentences_and_claims

    articles = real_articles()[:120]
    assert len(Counter(article.language for article in articles)) >= 3
    for article in articles:
        clean = CleanText(text=article.text, source="<text>")
        first, doc = sentences_and_claims(clean), analyse(clean)
        assert (first.language, first.sentences, first.claims) == (
            doc.language, doc.sentences, doc.claims)
        assert (first.entities, first.quantities, first.dates, first.quotes) == ([], [], [], [])
