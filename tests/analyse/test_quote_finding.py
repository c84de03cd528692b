from __future__ import annotations

from typing import Any

import pytest

from storydiff.analyse import find_entities, find_quotes


def quotes(text: str, language: str, spans_ok: Any) -> list[tuple[str, str | None]]:
    found = find_quotes(text, language, find_entities(text, language))
    spans_ok(text, found)
    spans_ok(text, [q.speaker for q in found if q.speaker is not None])
    return [(q.text, q.speaker.text if q.speaker else None) for q in found]


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ('"We will not give up," said John Smith.', [("We will not give up", "John Smith")]),
        ('"We will not give up," John Smith said.', [("We will not give up", "John Smith")]),
        ('John Smith said: "We will not give up."', [("We will not give up.", "John Smith")]),
        ('According to Reuters, "the talks failed".', [("the talks failed", "Reuters")]),
        ('"The talks failed", the statement says.', [("The talks failed", "the statement")]),
        ('He said "it is over".', [("it is over", None)]),
    ],
)
def test_english_attribution_patterns(text: str, expected: list[Any], spans_ok: Any) -> None:
    assert quotes(text, "en", spans_ok) == expected


def test_speaker_earlier_in_the_sentence_covers_both_quotes(spans_ok: Any) -> None:
    text = (
        'Maria Lopez said "talks were hard" with partners, '
        'and later her team heard that "no visas will come".'
    )
    assert quotes(text, "en", spans_ok) == [
        ("talks were hard", "Maria Lopez"),
        ("no visas will come", "Maria Lopez"),
    ]


def test_continued_quotation_keeps_the_speaker(spans_ok: Any) -> None:
    text = "“The plan failed,” the minister told reporters. “It will not be tried again.”"
    found = quotes(text, "en", spans_ok)
    assert [speaker for _, speaker in found] == ["the minister", "the minister"]


def test_apposition_between_speaker_and_verb(spans_ok: Any) -> None:
    text = (
        "Ramon Diaz, who leads the region, continues to uphold that the town “has no such problem”."
    )
    assert quotes(text, "en", spans_ok) == [("has no such problem", "Ramon Diaz")]


def test_a_list_inside_an_apposition_is_not_the_speaker(spans_ok: Any) -> None:
    # the apposition holds a list of countries: its last item is not who spoke
    text = ("A WHO spokesman, asked about clusters in Singapore, France, Britain, Germany and "
            "elsewhere, recently said, “We do not have enough evidence.”")
    assert quotes(text, "en", spans_ok) == [("We do not have enough evidence.", None)]
    text = "His lawyer, Jane Doe, who represents him, said: “He is innocent.”"
    assert quotes(text, "en", spans_ok) == [("He is innocent.", "Jane Doe")]


def test_apostrophes_are_not_quotes_and_scare_words_have_no_speaker(spans_ok: Any) -> None:
    text = "It’s the firm’s ‘best year’ ever, Tom's boss said of the 1990s' boom."
    assert quotes(text, "en", spans_ok) == [("best year", None)]


@pytest.mark.parametrize(
    ("language", "text", "expected"),
    [
        (
            "fr",
            "« Nous ne céderons pas », a déclaré Emmanuel Macron.",
            [("Nous ne céderons pas", "Emmanuel Macron")],
        ),
        (
            "fr",
            "Selon l'AFP, « la situation est grave ». Il a dit : « Non. »",
            [("la situation est grave", "AFP"), ("Non.", None)],
        ),
        (
            "de",
            "„Wir schaffen das“, sagte Angela Merkel. „Das ist falsch“, so der Minister.",
            [("Wir schaffen das", "Angela Merkel"), ("Das ist falsch", "der Minister")],
        ),
        ("es", "«No vamos a ceder», dijo el presidente.", [("No vamos a ceder", "el presidente")]),
        ("it", "«Non cederemo», ha detto il ministro.", [("Non cederemo", "il ministro")]),
        ("pt", "“Não vamos ceder”, disse o ministro.", [("Não vamos ceder", "o ministro")]),
    ],
)
def test_other_languages(language: str, text: str, expected: list[Any], spans_ok: Any) -> None:
    assert quotes(text, language, spans_ok) == expected


def test_unclosed_curly_quote_runs_to_the_end_of_its_paragraph(spans_ok: Any) -> None:
    text = "She said: “The first part goes on.\n\n“The second part ends here.”"
    assert [q for q, _ in quotes(text, "en", spans_ok)] == [
        "The first part goes on.",
        "The second part ends here.",
    ]
