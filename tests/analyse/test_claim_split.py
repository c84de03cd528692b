from __future__ import annotations

import pytest

from storydiff.analyse import split_claims, split_sentences
from storydiff.analyse.claims import is_fragment_heuristic


def claims(text: str, language: str) -> list[str]:
    sentences = split_sentences(text, language)
    found = split_claims(sentences, text, language)
    for claim in found:
        assert text[claim.start : claim.end] == claim.text
        sentence = sentences[claim.sentence]
        assert sentence.start <= claim.start < claim.end <= sentence.end
    assert [c.index for c in found] == list(range(len(found)))
    return [c.text for c in found]


def test_semicolon_splits_two_statements() -> None:
    assert claims("The army left the town on Monday; the rebels moved in soon after.", "en") == [
        "The army left the town on Monday",
        "the rebels moved in soon after.",
    ]


def test_contrastive_conjunction_splits_and_is_dropped() -> None:
    text = "The minister promised quick tax cuts, but the unions remain deeply worried."
    assert claims(text, "en") == [
        "The minister promised quick tax cuts",
        "the unions remain deeply worried.",
    ]


@pytest.mark.parametrize(
    ("language", "text"),
    [
        (
            "fr",
            "Le gouvernement a promis des baisses d'impôts, mais les syndicats restent inquiets.",
        ),
        (
            "de",
            "Die Regierung hat neue Steuern angekündigt, aber die Opposition lehnt den Plan ab.",
        ),
        ("es", "El presidente viajó a Madrid el lunes, mientras que la ministra se quedó en casa."),
        ("it", "Il governo ha promesso nuovi fondi, ma i sindacati restano molto preoccupati."),
        ("pt", "O governo prometeu novos fundos, mas os sindicatos continuam muito preocupados."),
    ],
)
def test_conjunctions_in_other_languages(language: str, text: str) -> None:
    assert len(claims(text, language)) == 2


def test_and_splits_only_before_a_subject() -> None:
    assert (
        len(claims("The army left the town on Monday, and the rebels moved in soon after.", "en"))
        == 2
    )
    assert len(claims("She bought apples, pears, and oranges at the market today.", "en")) == 1


def test_single_dash_joins_clauses_and_skips_the_conjunction() -> None:
    text = (
        "The refugees want to leave the country altogether - but the embassy keeps refusing them."
    )
    assert claims(text, "en") == [
        "The refugees want to leave the country altogether",
        "the embassy keeps refusing them.",
    ]


def test_adjacent_quotations_are_separate_claims() -> None:
    text = (
        'The group wrote "all of the detained men were released". '
        '"None of them was charged with anything".'
    )
    found = claims(text, "en")
    assert found == [
        'The group wrote "all of the detained men were released".',
        '"None of them was charged with anything".',
    ]


def test_short_parts_are_not_split() -> None:
    assert claims("He came, but left.", "en") == ["He came, but left."]
    assert claims("It rained; we stayed inside all day long.", "en") == [
        "It rained; we stayed inside all day long."
    ]


def test_claim_indices_are_global_and_point_to_their_sentence() -> None:
    text = "First we waited for hours; then the bus finally arrived. Second sentence is here."
    sentences = split_sentences(text, "en")
    found = split_claims(sentences, text, "en")
    assert [(c.index, c.sentence) for c in found] == [(0, 0), (1, 0), (2, 1)]


def test_quote_boundary_inside_one_sentence_is_a_cut() -> None:
    from storydiff.document import Sentence

    text = 'The group wrote "all of the detained men were released". "None of them was charged".'
    whole = [Sentence(0, 0, len(text), text)]
    found = split_claims(whole, text, "en")
    assert [c.text for c in found] == [
        'The group wrote "all of the detained men were released".',
        '"None of them was charged".',
    ]


@pytest.mark.parametrize("text", ["TEKİRDAĞ", "Kaynak: AA", "SOURCE: MERCOL", "BIRMINGHAM, Ala.",
                                  "Lufthansa Group", "(Belga)", ".", "ديمقراطي"])
def test_datelines_source_lines_and_stray_headings_are_fragments(text: str) -> None:
    assert is_fragment_heuristic(text)


@pytest.mark.parametrize("text", [
    "Tedavilerimiz tamamlandı.",  # two words, one in lower case: a statement
    "Sylwester 2019.",  # a figure
    "وأضاف ستافريديس ،",  # two words of a script without capitals
    "北京",  # a script written without spaces
    "The army left.",
])
def test_short_statements_are_not_fragments(text: str) -> None:
    assert not is_fragment_heuristic(text)
