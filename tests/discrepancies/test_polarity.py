"""Polarity cues, opposite predicates and the rules-only contradiction model."""

from __future__ import annotations

import pytest
from hypothesis import given
from hypothesis import strategies as st

from storydiff.discrepancies.negation import (
    LANGUAGES,
    is_noncommittal,
    negation_cues,
    opposite_predicates_heuristic,
    polarity_flip_heuristic,
    polarity_heuristic,
)
from storydiff.discrepancies.rules_baseline import (
    RulesContradictionModel,
    number_mismatch_heuristic,
)
from storydiff.text import same_stem


@pytest.mark.parametrize(
    ("text", "language", "cues"),
    [
        ("The ministry did not comment and never replied.", "en", ["not", "never"]),
        ("They couldn't find anyone.", "en", ["n't"]),
        ("Nobody left without a visa.", "en", ["Nobody", "without"]),
        ("The United States has denied the visas.", "en", ["denied"]),
        ("The mayor refused to sign and failed to attend.", "en", ["refused to", "failed to"]),
        ("Le ministre n'a pas répondu.", "fr", ["n'a pas"]),
        ("Il ne l'a jamais dit, sans preuve.", "fr", ["ne l'a jamais", "sans"]),
        ("Aucun visa n'a été délivré.", "fr", ["Aucun"]),
        ("Der Minister hat nicht geantwortet, ohne Grund.", "de", ["nicht", "ohne"]),
        ("Es gibt keine Beweise.", "de", ["keine"]),
        # negative concord: "no … nunca", "non … mai" are one negation, not two
        ("El ministro no respondió nunca.", "es", ["no respondió nunca"]),
        ("Il ministro non ha mai risposto.", "it", ["non ha mai"]),
        ("Minister nigdy nie odpowiedział.", "pl", ["nigdy nie"]),
        ("Министр никогда не отвечал.", "ru", ["никогда не"]),
        ("Bakan yanıt vermedi, bu doğru değil.", "tr", ["değil"]),
        ("الوزير لم يرد.", "ar", ["لم"]),
        ("O ministro não respondeu.", "pt", ["não"]),
        ("De minister heeft niet gereageerd.", "nl", ["niet"]),
        # Chinese: no spaces; a negating character inside another word is no cue (不断
        # "continuously", 不同 "different", 无论 "whatever", 未来 "future"), 不同意 is one
        ("部长没有回应，也不会出席。", "zh", ["没有", "不"]),
        ("政府否认了这一报道，并拒绝置评。", "zh", ["否认", "拒绝"]),
        ("调查不断推进，两者不同，无论结果如何，未来都会公布。", "zh", []),
        ("他不同意这一结论。", "zh", ["不"]),
    ],
)
def test_negation_cues_per_language(text: str, language: str, cues: list[str]) -> None:
    found = negation_cues(text, language)
    assert [c.text for c in found] == cues
    for cue in found:
        assert text[cue.start:cue.end] == cue.text


def test_french_ne_pas_counts_once() -> None:
    assert polarity_heuristic("Les États-Unis n'ont pas accordé les visas.", "fr") == -1
    assert polarity_heuristic("Les États-Unis n'ont jamais rien refusé.", "fr") == 1


@pytest.mark.parametrize(
    ("text", "language", "sign"),
    [
        ("The United States has denied the visas.", "en", -1),
        ("The USA is reportedly refusing to deny them entry.", "en", 1),
        ("The ministry did not deny the report.", "en", 1),
        ("Officials confirmed the news.", "en", 1),
        ("Not only the police but the army came.", "en", 1),
        ("There is no doubt that it happened.", "en", 1),
        ("Il est sans doute parti.", "fr", 1),
        ("Er hat es nicht nur bestätigt.", "de", 1),
        ("El gobierno negó las acusaciones.", "es", -1),
        ("Le gouvernement refuse de démentir.", "fr", 1),
    ],
)
def test_polarity_parity(text: str, language: str, sign: int) -> None:
    assert polarity_heuristic(text, language) == sign


def test_noncommittal_phrases_yield_no_cue() -> None:
    text = "Officials refused to confirm or deny the visa situation."
    assert is_noncommittal(text, "en")
    assert negation_cues(text, "en") == []
    assert is_noncommittal("Le ministère n'a voulu ni confirmer ni démentir.", "fr")
    assert is_noncommittal("Das Amt wollte weder bestätigen noch dementieren.", "de")
    assert not is_noncommittal("The ministry denied the report.", "en")


def test_unknown_language_applies_all_lists_but_skips_ambiguous_words() -> None:
    assert [c.text for c in negation_cues("Il n'a pas répondu.", "und")] == ["n'a pas"]
    assert [c.text for c in negation_cues("Er kam nicht.", None)] == ["nicht"]
    assert negation_cues("Le 3 mai, il est parti.", "und") == []  # French month, not Italian
    assert negation_cues("a non-traditional approach", "und") == []
    assert set(LANGUAGES) >= {"en", "fr", "de", "es", "it", "pt", "nl"}


@pytest.mark.parametrize(
    ("a", "b", "lang_a", "lang_b", "words"),
    [
        ("Officials confirmed the news.", "Officials denied the news.", "en", "en",
         ("confirmed", "denied")),
        ("Le parlement a accepté le texte.", "Le parlement a rejeté le texte.", "fr", "fr",
         ("accepté", "rejeté")),
        ("Die Partei hat gewonnen.", "Die Partei hat verloren.", "de", "de",
         ("gewonnen", "verloren")),
        ("El juez liberó al periodista.", "El juez arrestó al periodista.", "es", "es",
         ("liberó", "arrestó")),
        ("The shop opened on Monday.", "Le magasin a fermé lundi.", "en", "fr",
         ("opened", "fermé")),
        ("He was found guilty.", "Il a été déclaré innocent.", "en", "fr", ("guilty", "innocent")),
        ("油价周三上涨了。", "油价周三下跌了。", "zh", "zh", ("上涨", "下跌")),
        ("议会批准了这项预算。", "议会否决了这项预算。", "zh", "zh", ("批准", "否决")),
    ],
)
def test_opposite_predicates(a: str, b: str, lang_a: str, lang_b: str,
                             words: tuple[str, str]) -> None:
    pair = opposite_predicates_heuristic(a, b, lang_a, lang_b)
    assert pair is not None
    assert (pair[0].text, pair[1].text) == words
    assert a[pair[0].start:pair[0].end] == pair[0].text
    assert b[pair[1].start:pair[1].end] == pair[1].text


@pytest.mark.parametrize(("a", "b", "lang", "words"), [
    ("Prices were higher in March.", "Prices were lower in March.", "en", ("higher", "lower")),
    ("Fue la mayor caída desde 2008.", "Fue la menor caída desde 2008.", "es",
     ("mayor", "menor")),
    ("Il dato è superiore.", "Il dato è inferiore.", "it", ("superiore", "inferiore")),
    ("Cena jest wyższa.", "Cena jest niższa.", "pl", ("wyższa", "niższa")),
    ("The situation improved on Monday.", "The situation worsened on Monday.", "en",
     ("improved", "worsened")),
    ("Die Lage hat sich verbessert.", "Die Lage hat sich verschlechtert.", "de",
     ("verbessert", "verschlechtert")),
    ("He carried the coffin as more protesters joined.",
     "He carried the coffin as fewer protesters joined.", "en", ("more", "fewer")),
    ("Es kamen mehr Besucher.", "Es kamen weniger Besucher.", "de", ("mehr", "weniger")),
    ("Llegaron más turistas.", "Llegaron menos turistas.", "es", ("más", "menos")),
])
def test_comparatives_and_change_for_the_better_or_worse(a: str, b: str, lang: str,
                                                          words: tuple[str, str]) -> None:
    pair = opposite_predicates_heuristic(a, b, lang, lang)
    assert pair is not None and (pair[0].text, pair[1].text) == words


@pytest.mark.parametrize(("a", "b", "lang"), [
    # with a term of comparison, the other report may state it the other way round
    ("Prices were higher in March than in May.", "Prices were lower in May than in March.",
     "en"),
    ("El paro es mayor que en 2019.", "En 2019 el paro era menor que ahora.", "es"),
    ("Die Preise sind höher als im Mai.", "Im Mai waren die Preise niedriger als jetzt.", "de"),
    ("More people came than last year.", "Last year fewer people came than now.", "en"),
    ("Más de 40 personas murieron.", "Menos de 40 personas murieron.", "es"),
])
def test_no_opposite_for_a_comparison_with_its_term(a: str, b: str, lang: str) -> None:
    assert opposite_predicates_heuristic(a, b, lang, lang) is None


def test_no_opposite_when_both_poles_or_same_pole() -> None:
    assert opposite_predicates_heuristic("They refused to confirm or deny it.",
                                         "They denied it.", "en", "en") is None
    assert opposite_predicates_heuristic("Prices rose.", "Prices rose again.", "en", "en") is None
    assert opposite_predicates_heuristic("It is more or less over.", "Less is known.", "en",
                                         "en") is None


def test_project_example_refusing_to_deny_flips_denied() -> None:
    a = "It has now been reported that the United States has denied the visas."
    b = "but the USA is reportedly refusing to deny them entry."
    flip = polarity_flip_heuristic(a, b, "en", "en")
    assert flip is not None and not flip.opposite
    assert flip.a is not None and flip.a.text == "denied"
    assert flip.b is not None and flip.b.text == "refusing to deny"


def test_refused_to_confirm_or_deny_is_no_flip() -> None:
    a = "Officials refused to confirm or deny the visa situation."
    b = "The United States has denied the visas."
    assert polarity_flip_heuristic(a, b, "en", "en") is None
    assert polarity_flip_heuristic(b, a, "en", "en") is None


def test_negation_and_opposite_predicate_cancel() -> None:
    assert polarity_flip_heuristic("The team did not win.", "The team lost.", "en", "en") is None
    flip = polarity_flip_heuristic("The US granted the visas.", "The US denied the visas.",
                                   "en", "en")
    assert flip is not None and flip.opposite
    cross = polarity_flip_heuristic("Les États-Unis ont accordé les visas.",
                                    "The United States has denied the visas.", "fr", "en")
    assert cross is not None and cross.a is not None and cross.a.text == "accordé"


def test_same_polarity_is_no_flip() -> None:
    assert polarity_flip_heuristic("The US denied the visas.",
                                   "Les États-Unis ont refusé les visas.", "en", "fr") is None


@given(st.text(max_size=200))
def test_cue_offsets_always_exact(text: str) -> None:
    for language in (*LANGUAGES, "und"):
        for cue in negation_cues(text, language):
            assert text[cue.start:cue.end] == cue.text
        assert polarity_heuristic(text, language) in (1, -1)


# --- the rules-only contradiction model ----------------------------------------------------


def test_number_mismatch_needs_shared_context() -> None:
    found = number_mismatch_heuristic("Rescuers found 40 survivors.", "They found 12 survivors.")
    assert found is not None and (found[0].text, found[1].text) == ("40", "12")
    assert number_mismatch_heuristic("about 40 survivors", "40 survivors were found") is None
    assert number_mismatch_heuristic("40 survivors and 3 doctors", "12 nurses") is None
    assert number_mismatch_heuristic("40 survivors and 3 doctors", "12 doctors") is not None
    assert number_mismatch_heuristic("1,500 people", "1500 people") is None
    assert number_mismatch_heuristic("three men died", "3 men died") is None


def test_same_stem_cognates() -> None:
    assert same_stem("survivors", "survivants")
    assert same_stem("visas", "visa")
    assert not same_stem("men", "women")


def test_rules_model_probabilities() -> None:
    model = RulesContradictionModel("en")
    assert model.name == "rules_heuristic"
    contra, same, unrelated = model.predict([
        ("The US granted the visas.", "The US denied the visas."),
        ("The US granted the visas.", "The US granted the visas."),
        ("The US granted the visas.", "Le chat dort sur le canapé."),
    ])
    for p in (contra, same, unrelated):
        assert p.entailment + p.neutral + p.contradiction == pytest.approx(1.0)
        assert min(p.entailment, p.neutral, p.contradiction) >= 0.0
    assert contra.contradiction > 0.5 > same.contradiction
    assert same.entailment > 0.5 > unrelated.entailment
    assert unrelated.neutral > unrelated.entailment


def test_rules_model_numbers_and_any_language() -> None:
    model = RulesContradictionModel()
    p = model.predict([("Les secours ont trouvé 40 survivants.",
                        "Les secours ont trouvé 12 survivants.")])[0]
    assert p.contradiction > 0.5
    assert model.predict([]) == []


def test_prepositional_negation_and_several_chains_do_not_flip() -> None:
    assert polarity_flip_heuristic("A handful fled without visas.", "A handful fled the country.",
                                   "en", "en") is None
    several = "The mayor did not resign, and the council said that no report was published."
    assert polarity_flip_heuristic(several, "The mayor resigned.", "en", "en") is None
    flip = polarity_flip_heuristic("The mayor did not resign.", "The mayor resigned.", "en", "en")
    assert flip is not None and (flip.sign_a, flip.sign_b) == (-1, 1) and flip.b is None
