"""The boilerplate line cleaner: phrase list (many languages), edge rules, repetition filter."""

from __future__ import annotations

import string

import pytest
from hypothesis import assume, given, settings
from hypothesis import strategies as st

from storydiff.ingest import RepeatedLineFilter, boilerplate_reason, remove_boilerplate
from storydiff.ingest.boilerplate import line_key, remove_boilerplate_lines
from storydiff.ingest.lines import split_lines
from storydiff.ingest.phrases import INLINE_EXACT, INLINE_SENTENCE, STRONG

BODY = ("The council approved the new budget on Monday after a long debate.\n\n"
        "Opposition members said the plan would raise local taxes next year.")


@pytest.mark.parametrize(
    ("line", "reason"),
    [
        # share buttons
        ("Pin It", "share button"), ("Share this article", "share button"),
        ("Facebook | Twitter | Email", "share button"), ("Partager sur Facebook", "share button"),
        ("Auf Facebook teilen", "share button"), ("Compartir en Twitter", "share button"),
        ("Condividi", "share button"), ("Udostępnij", "share button"),
        ("Поделиться", "share button"), ("Paylaş", "share button"), ("分享", "share button"),
        ("Follow us on Instagram", "share button"),
        # photo credits
        ("photography Bex Wade", "photo credit"), ("Photo: AFP", "photo credit"),
        ("Photo by Jane Smith/Reuters", "photo credit"), ("Foto: dpa", "photo credit"),
        ("Crédit photo : Marie Dupont", "photo credit"), ("Bild: Max Muster", "photo credit"),
        ("AFP/Getty Images", "photo credit"), ("Фото: ТАСС", "photo credit"),
        ("© 2021 Coast Herald. All rights reserved.", "copyright notice"),
        ("Tous droits réservés", "copyright notice"),
        # related links
        ("Related articles", "related links"), ("Read more: Storm latest", "related links"),
        ("Lire aussi : Le gouvernement annonce une réforme", "related links"),
        ("D'autres rapports CampDesrEcrues", "related links"),
        ("Lesen Sie auch: Die Lage in Berlin", "related links"),
        ("Leer más", "related links"), ("Leggi anche", "related links"),
        ("Leia também: A crise no Brasil", "related links"), ("Lees ook", "related links"),
        ("Czytaj także", "related links"), ("Читайте также: новости", "related links"),
        ("İlgili haberler", "related links"), ("اقرأ أيضا", "related links"),
        ("相关新闻", "related links"),
        # comment prompts
        ("Discuter de cet article", "comment prompt"), ("12 comments", "comment prompt"),
        ("Comments (3)", "comment prompt"), ("Leave a comment", "comment prompt"),
        ("Kommentare", "comment prompt"), ("Commenti", "comment prompt"),
        ("Yorumlar", "comment prompt"), ("发表评论", "comment prompt"),
        # subscriptions
        ("Subscribe", "subscription prompt"), ("Newsletter", "subscription prompt"),
        ("Sign up for our daily newsletter", "subscription prompt"),
        ("Abonnez-vous", "subscription prompt"), ("Jetzt abonnieren", "subscription prompt"),
        ("Suscríbete", "subscription prompt"), ("Abone ol", "subscription prompt"),
        # advertisements
        ("Advertisement", "advertisement"), ("Publicité", "advertisement"),
        ("Anzeige", "advertisement"), ("Publicidad", "advertisement"),
        ("Pubblicità", "advertisement"), ("Реклама", "advertisement"), ("广告", "advertisement"),
        ("Story continues below advertisement", "advertisement"),
        # cookies, tags, navigation
        ("We use cookies to improve your experience on our website.", "cookie notice"),
        ("Nous utilisons des cookies pour améliorer votre expérience.", "cookie notice"),
        ("Tags: Russia, Chechnya, LGBT", "category tag"), ("Mots-clés : Russie", "category tag"),
        ("Schlagwörter: Politik", "category tag"), ("Skip to content", "navigation"),
        ("» Back to top", "navigation"), ("Accueil", "navigation"),
    ],
)
def test_phrase_list(line: str, reason: str) -> None:
    assert boilerplate_reason(line) == reason


@pytest.mark.parametrize(
    "line",
    [
        "Photography exhibition opens in Paris",
        "Share prices fell sharply on Monday",
        "Comments from the minister angered the opposition",
        "Related companies reported higher profits this quarter.",
        "Read the full report on the ministry website",
        "The newsletter business is booming across Europe",
        "Photo de famille pour les dirigeants du G7",
        "Photo finish decides the Olympic final",
        "Chechnya",  # only a tag when it stands above the headline, not in the middle
        "Twitter says it will appeal the ruling, the company announced on Friday.",
    ],
)
def test_phrase_list_leaves_real_lines(line: str) -> None:
    assert boilerplate_reason(line) is None


def test_removed_lines_keep_their_line_numbers() -> None:
    text = f"Politics\nCouncil approves new budget\n\n{BODY}\n\nAdvertisement\n\nComments"
    kept, removed = remove_boilerplate(text)
    assert [(r.text, r.reason, r.line_no) for r in removed] == [
        ("Politics", "category tag", 1), ("Advertisement", "advertisement", 8),
        ("Comments", "comment prompt", 10)]
    assert kept == f"Council approves new budget\n\n{BODY}"


def test_leading_short_lines_are_tags_but_the_headline_stays() -> None:
    text = f"World\nMiddle East\nTalks resume in Geneva\n\n{BODY}"
    kept, removed = remove_boilerplate(text)
    assert [r.reason for r in removed] == ["category tag", "category tag"]
    assert kept.startswith("Talks resume in Geneva\n")


def test_a_leading_person_name_is_not_a_tag() -> None:
    text = f"Claudine Rigal\nTalks resume in Geneva\n\n{BODY}"
    assert remove_boilerplate(text)[1] == []


def test_short_lines_after_the_last_sentence_are_trailing_fragments() -> None:
    kept, removed = remove_boilerplate(f"Talks resume in Geneva\n\n{BODY}\n\nCampDesrEcrues\nMore")
    assert [(r.text, r.reason) for r in removed] == [
        ("CampDesrEcrues", "trailing fragment"), ("More", "trailing fragment")]
    assert kept.endswith("next year.")


def test_a_closing_signature_name_is_kept() -> None:
    assert remove_boilerplate(f"{BODY}\n\nJane Doe")[1] == []


def test_idempotent() -> None:
    text = f"Pin It\nChechnya\nTalks resume in Geneva\n\n{BODY}\n\nLire aussi : autre chose"
    once, _ = remove_boilerplate(text)
    assert remove_boilerplate(once) == (once, [])


_WORD = st.text(alphabet=string.ascii_lowercase + "éèàüöñçß", min_size=1, max_size=10)


@st.composite
def _sentences(draw: st.DrawFn) -> str:
    words = draw(st.lists(_WORD, min_size=8, max_size=30))
    end = draw(st.sampled_from([".", "!", "?", ".”", "…"]))
    return words[0].capitalize() + " " + " ".join(words[1:]) + end


@settings(max_examples=200, deadline=None)
@given(st.lists(_sentences(), min_size=1, max_size=6), st.booleans())
def test_paragraph_sentences_are_never_removed(sentences: list[str], with_noise: bool) -> None:
    assume(all(_first_strong(s) is None for s in sentences))
    # a drawn word may be a notice's marker ("adblock" makes "A a a a a a a adblock." a short
    # ad-blocker notice, rightly removed): ordinary sentences carry none
    assume(not any(pattern.search(s) for s in sentences
                   for pattern, _ in (*INLINE_SENTENCE, *INLINE_EXACT)))
    noise = "Pin It\nPolitics\n" if with_noise else ""
    text = noise + "\n\n".join(sentences) + ("\n\nShare\nComments" if with_noise else "")
    kept, removed = remove_boilerplate(text)
    assert kept == "\n\n".join(sentences)
    assert len(removed) == (4 if with_noise else 0)


def _first_strong(line: str) -> str | None:
    key = line_key(line)
    return next((reason for pattern, reason in STRONG if pattern.match(key)), None)


@given(st.text(max_size=300))
@settings(max_examples=200, deadline=None)
def test_every_line_is_kept_or_removed_and_removals_are_its_own_text(text: str) -> None:
    lines = {ln.no: ln.text for ln in split_lines(text) if ln.text}
    kept, removed = remove_boilerplate_lines(split_lines(text))
    kept_numbers = [ln.no for ln in kept if ln.text]
    assert len(kept_numbers) == len(set(kept_numbers))
    assert set(kept_numbers) | {r.line_no for r in removed} == set(lines)
    assert [r.line_no for r in removed] == sorted(r.line_no for r in removed)
    for r in removed:  # a whole line, or a span cut out of one
        assert r.text and r.text in lines[r.line_no]


# --- cross-document repetition ----------------------------------------------------------------


def _docs() -> list[str]:
    return [f"Menu\nStory number {i} about the weather\n\nIt rained {i} mm today.\n\n"
            "Follow the Coast Herald\nThe council met today, and said it would cut taxes soon."
            for i in range(10)]


def test_repeated_line_filter_learns_a_sources_lines() -> None:
    learned = RepeatedLineFilter(min_documents=3).learn(_docs())
    assert learned.documents == 10
    assert learned.is_repeated("menu") and learned.is_repeated("Follow the  Coast Herald")
    assert not learned.is_repeated("Story number 3 about the weather")
    kept, removed = learned.filter("Menu\nA new headline\n\nFollow the Coast Herald")
    assert kept == "A new headline"
    assert [(r.text, r.reason, r.line_no) for r in removed] == [
        ("Menu", "repeated line", 1), ("Follow the Coast Herald", "repeated line", 4)]


def test_repeated_prose_is_kept_unless_asked() -> None:
    sentence = "The council met today, and said it would cut taxes soon."
    assert not RepeatedLineFilter().learn(_docs()).is_repeated(sentence)
    assert RepeatedLineFilter(keep_prose=False).learn(_docs()).is_repeated(sentence)


def test_repeated_line_filter_thresholds() -> None:
    docs = ["Menu\nA.", "Menu\nB.", "C.", "D.", "E."]
    assert RepeatedLineFilter(min_documents=2).learn(docs).is_repeated("Menu")
    assert not RepeatedLineFilter(min_documents=3).learn(docs).is_repeated("Menu")
    assert not RepeatedLineFilter(min_documents=2, min_share=0.5).learn(docs).is_repeated("Menu")
    assert not RepeatedLineFilter().is_repeated("Menu")  # nothing learned yet
    with pytest.raises(ValueError):
        RepeatedLineFilter(min_documents=0)


def test_long_line_with_a_copyright_marker_keeps_its_article_text() -> None:
    body = " ".join(["The council met on Monday and approved the budget after a long debate."] * 6)
    line = f"{body} Copyright © 2020 Example Press. All rights reserved."
    kept, removed = remove_boilerplate(f"Council approves the new budget\n\n{line}")
    assert kept == f"Council approves the new budget\n\n{body}"
    assert [(r.text, r.reason, r.line_no) for r in removed] == [
        ("Copyright © 2020 Example Press. All rights reserved.", "copyright notice", 3)]
