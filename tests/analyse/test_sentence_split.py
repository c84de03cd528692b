from __future__ import annotations

import pytest

from storydiff.analyse import split_sentences


def texts(text: str, language: str) -> list[str]:
    sentences = split_sentences(text, language)
    for s in sentences:
        assert text[s.start : s.end] == s.text
    assert [s.index for s in sentences] == list(range(len(sentences)))
    return [s.text for s in sentences]


def test_paragraph_breaks_and_headline_lines_end_sentences() -> None:
    text = "Storm hits the coast\n\nByline Person\nMay 3, 2021\n\nThe storm came. It left"
    assert texts(text, "en") == [
        "Storm hits the coast",
        "Byline Person",
        "May 3, 2021",
        "The storm came.",
        "It left",
    ]


def test_wrapped_line_starting_lower_case_continues_the_sentence() -> None:
    assert texts("The storm came\nacross the bay. Then it left.", "en") == [
        "The storm came\nacross the bay.",
        "Then it left.",
    ]


def test_closing_quote_after_the_stop_belongs_to_the_sentence() -> None:
    text = 'He said "we stay." Then he left. "No." She smiled.'
    assert texts(text, "en") == ['He said "we stay."', "Then he left.", '"No."', "She smiled."]


def test_titles_and_initials_do_not_end_sentences() -> None:
    assert texts("Mr. Smith met Dr. Jones in the U.S. Army base. J. K. Brown came.", "en") == [
        "Mr. Smith met Dr. Jones in the U.S. Army base.",
        "J. K. Brown came.",
    ]


def test_french_titles_and_guillemets() -> None:
    text = "Le Dr. Martin est arrivé. Il a dit « bonjour. » Puis M. Dupont est parti."
    assert texts(text, "fr") == [
        "Le Dr. Martin est arrivé.",
        "Il a dit « bonjour. »",
        "Puis M. Dupont est parti.",
    ]


def test_german_ordinal_dates_do_not_end_sentences() -> None:
    assert texts("Am 3. Mai kam er. Dann ging er.", "de") == ["Am 3. Mai kam er.", "Dann ging er."]


def test_spanish_inverted_marks() -> None:
    assert texts("¿Qué pasó? El Sr. García no vino. ¡Increíble!", "es") == [
        "¿Qué pasó?",
        "El Sr. García no vino.",
        "¡Increíble!",
    ]


def test_regex_fallback_for_a_language_pysbd_lacks() -> None:
    text = "Bugün Dr. Yılmaz geldi. Ankara'da hava güzel! Yarın ne olacak?"
    assert texts(text, "tr") == [
        "Bugün Dr. Yılmaz geldi.",
        "Ankara'da hava güzel!",
        "Yarın ne olacak?",
    ]


@pytest.mark.parametrize("language", ["ja", "und"])
def test_cjk_full_stops_need_no_space(language: str) -> None:
    text = "東京は日本の首都です。大阪も大きい！本当？「はい。」と言った。"
    assert texts(text, language) == [
        "東京は日本の首都です。",
        "大阪も大きい！",
        "本当？",
        "「はい。」と言った。",
    ]


def test_sentences_inside_a_long_quotation_are_split() -> None:
    text = "“Reports show the men were held. The state denies it.” the official said."
    assert len(texts(text, "en")) == 2


def test_empty_text_has_no_sentences() -> None:
    assert split_sentences("  \n\n ", "en") == []


@pytest.mark.parametrize(("text", "expected"), [
    ("Officials flew to the U.S. The president said no.",
     ["Officials flew to the U.S.", "The president said no."]),
    ("Talks in Washington D.C. This week they resumed.",
     ["Talks in Washington D.C.", "This week they resumed."]),
    ("It came from the U.K. “The deal is off,” he said.",
     ["It came from the U.K.", "“The deal is off,” he said."]),
    ("He moved to a U.S. Army base in 2010. He left.",
     ["He moved to a U.S. Army base in 2010.", "He left."]),
    ("J. R. Smith said so. He left.", ["J. R. Smith said so.", "He left."]),
])
def test_an_acronym_ends_a_sentence_only_before_a_sentence_starter(
        text: str, expected: list[str]) -> None:
    assert texts(text, "en") == expected
