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


# --- abbreviations, glued stops, run-in headlines, length limit (issue #12) -------------------


@pytest.mark.parametrize(("text", "language", "expected"), [
    ("The vote is on Jan. 5 in the capital. It may be delayed.", "en",
     ["The vote is on Jan. 5 in the capital.", "It may be delayed."]),
    ("Police said the man was arrested Dec. 20 near the bridge. He denied it.", "en",
     ["Police said the man was arrested Dec. 20 near the bridge.", "He denied it."]),
    ("They met at St. Mary's church with Mr. Lee and Prof. Ode. Then they left.", "en",
     ["They met at St. Mary's church with Mr. Lee and Prof. Ode.", "Then they left."]),
    ("Ships from the U.S. and Japan arrived. Apple Inc. said nothing.", "en",
     ["Ships from the U.S. and Japan arrived.", "Apple Inc. said nothing."]),
    ("Sie wohnt in der Hauptstraße Nr. 12 in Köln. Sie kam z.B. Montag. Dann ging sie.", "de",
     ["Sie wohnt in der Hauptstraße Nr. 12 in Köln.", "Sie kam z.B. Montag.", "Dann ging sie."]),
    ("Es gab Obst, Brot etc. und viel Wasser. Alle waren satt.", "de",
     ["Es gab Obst, Brot etc. und viel Wasser.", "Alle waren satt."]),
    ("W szpitalu przy ul. Długiej leży 20 tys. osób. To dużo.", "pl",
     ["W szpitalu przy ul. Długiej leży 20 tys. osób.", "To dużo."]),
    # a scale word after a figure and before its currency: one amount
    ("Fundusz zgromadził ponad 4 tys. USD, a w 2019 r. 4,5 tys. Zł. Potem spadł.", "pl",
     ["Fundusz zgromadził ponad 4 tys. USD, a w 2019 r. 4,5 tys. Zł.", "Potem spadł."]),
    ("Бюджет составил 3 млн. рублей. Это много.", "ru",
     ["Бюджет составил 3 млн. рублей.", "Это много."]),
    # the same scale word at a sentence's end, before a capitalised word that is no currency
    ("Zebrano 20 tys. Nowy rekord padł w piątek.", "pl",
     ["Zebrano 20 tys.", "Nowy rekord padł w piątek."]),
    ("La Sra. Pérez vive en la Av. Central desde hace años. Es feliz.", "es",
     ["La Sra. Pérez vive en la Av. Central desde hace años.", "Es feliz."]),
    ("Uzm.Dr. Ayşe Kaya açıklama yaptı. Toplantı bitti.", "tr",
     ["Uzm.Dr. Ayşe Kaya açıklama yaptı.", "Toplantı bitti."]),
])
def test_abbreviations_do_not_end_sentences(text: str, language: str,
                                            expected: list[str]) -> None:
    assert texts(text, language) == expected


@pytest.mark.parametrize(("text", "expected"), [
    ("The court heard the case.Prior to that, the judge retired.",
     ["The court heard the case.", "Prior to that, the judge retired."]),
    ("Der Zoo brannte ab.Die Polizei ermittelt.",
     ["Der Zoo brannte ab.", "Die Polizei ermittelt."]),
])
def test_a_stop_glued_to_the_next_sentence_ends_a_sentence(text: str,
                                                           expected: list[str]) -> None:
    assert texts(text, "en" if text.startswith("The") else "de") == expected


@pytest.mark.parametrize("text", [
    "Read it at www.Example.Com today and see.",
    "Write to editor@Coast.News with your views.",
    "The e.g.Example form is rare.",
])
def test_web_addresses_and_abbreviations_are_not_glued_stops(text: str) -> None:
    assert texts(text, "en") == [text]


@pytest.mark.parametrize(("text", "language", "headline"), [
    ("Council approves the new budget after a long debate The council approved the budget on "
     "Monday after members argued for six hours about taxes, schools and the state of the roads "
     "in the old town, and the mayor thanked them.", "en",
     "Council approves the new budget after a long debate"),
    ("Nuevo puente abre tras dos años de obras en la ciudad El puente fue abierto el lunes por "
     "la alcaldesa, que dijo que la obra costó más de lo previsto y que el tráfico mejorará en "
     "las próximas semanas.", "es",
     "Nuevo puente abre tras dos años de obras en la ciudad"),
    ("Village mourns its lifeguard after the storm at sea RIVERTON: As the town woke up on "
     "Sunday, hundreds gathered at the harbour to remember the lifeguard who died trying to save "
     "two swimmers during the storm.", "en",
     "Village mourns its lifeguard after the storm at sea"),
])
def test_a_headline_run_into_the_first_sentence_is_split_off(text: str, language: str,
                                                             headline: str) -> None:
    assert texts(text, language)[0] == headline


@pytest.mark.parametrize("text", [
    "He told the newspaper El País that the deal was done and that nobody in the government had "
    "objected to it during the long meeting on Monday, despite rumours.",
    "The vitamin A deficiency that doctors found in the children of the valley was treated with "
    "drops, and the health ministry said that the programme would continue.",
])
def test_a_first_sentence_without_a_headline_stays_whole(text: str) -> None:
    assert texts(text, "es" if "El País" in text else "en") == [text]


def test_no_sentence_is_longer_than_the_limit() -> None:
    text = "word " * 3000 + "end, " * 200 + "; ".join(["clause"] * 400)
    sentences = split_sentences(text, "en", max_chars=500)
    assert all(len(s.text) <= 500 for s in sentences)
    covered = "".join(s.text for s in sentences)
    assert covered.replace(" ", "") == text.replace(" ", "")
    assert [s.index for s in sentences] == list(range(len(sentences)))


def test_long_text_without_spaces_is_cut_at_the_limit() -> None:
    text = "x" * 5000
    assert [len(s.text) for s in split_sentences(text, "en", max_chars=1000)] == [1000] * 5


def test_a_long_sentence_is_cut_at_a_clause_boundary() -> None:
    text = ", ".join(f"part {i} of the list" for i in range(60)) + "."
    first = split_sentences(text, "en", max_chars=300)[0].text
    assert first.endswith(",") and len(first) <= 300


def test_one_long_line_splits_like_its_paragraphs() -> None:
    sentences = [f"The council met on Jan. {i % 28 + 1} and Dr. Ode spoke for {i} minutes."
                 for i in range(400)]
    one_line = " ".join(sentences)
    assert texts(one_line, "en") == sentences
