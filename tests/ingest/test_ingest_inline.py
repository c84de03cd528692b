"""Inline boilerplate: widgets, credits, notices and teasers cut out of the middle of paragraphs."""

from __future__ import annotations

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from storydiff.analyse import analyse
from storydiff.document import Article
from storydiff.ingest import clean, remove_boilerplate
from storydiff.ingest.boilerplate import (
    credit_end_heuristic,
    echo_spans_heuristic,
    inline_spans_heuristic,
    remove_inline_boilerplate,
)
from storydiff.ingest.lines import split_lines

BEFORE = "The council approved the budget on Monday."
AFTER = "Residents will vote on it in May."


@pytest.mark.parametrize(("junk", "reason"), [
    # photo credits and captions
    ("Foto: Anna Berg/dpa", "photo credit"),
    ("(Photo by Sam Reed/Getty Images)", "photo credit"),
    ("(Foto: AP Photo/Luis Mora)", "photo credit"),
    ("© picture alliance/dpa/Tom Weber", "photo credit"),
    ("Bild: AFP", "photo credit"),
    ("Photo: Reuters/Ken Ito", "photo credit"),
    ("(Imagen de archivo)", "photo credit"),
    ("Image 1 of / 12 Caption Close", "photo caption"),
    ("Immagine 3 di / 20 Didascalia Chiudi", "photo caption"),
    # media players, widgets, prompts
    ("Your browser does not support the audio element.", "media notice"),
    ("Ihr Browser unterstützt dieses Video nicht.", "media notice"),
    ("Votre navigateur ne prend pas en charge la vidéo.", "media notice"),
    ("Twoja przeglądarka nie wspiera odtwarzacza wideo.", "media notice"),
    ("Ваш браузер не поддерживает видео.", "media notice"),
    ("Jetzt teilen: Jetzt teilen:", "share button"),
    ("Share on Facebook Share on Twitter", "share button"),
    ("Sign up to FREE daily email alerts from coastlive - Weekend Report Subscribe",
     "subscription prompt"),
    ("Thank you for subscribing See our privacy notice Invalid Email", "subscription prompt"),
    ("Ne ratez aucun article de Monjournal.fr en recevant directement une alerte via Messenger",
     "subscription prompt"),
    ("Never miss a story from The Daily Post with our breaking news alerts.",
     "subscription prompt"),
    ("For details, click here.", "click prompt"),
    ("Per saperne di più clicca qui.", "click prompt"),
    ("Follow Jane Smith on Twitter @janesmith.", "social prompt"),
    ("Story continues below advertisement", "advertisement"),
    ("ADVERTISEMENT", "advertisement"),
    ("REKLAMA", "advertisement"),
    ("Czytaj także: Nowy most otwarty po dwóch latach.", "related links"),
    ("Read also: Ferry service resumes on Thursday.", "related links"),
    # an embedded tweet's link and signature (its text stays)
    ("pic.twitter.com/VUD9SgPn1m — Jane Roe (@janeroe) March 12, 2020", "embedded post"),
    ("— Polizei Berlin (@polizeiberlin) February 15, 2020", "embedded post"),
    ("pic.twitter.com/6Qrgh8aZKz", "embedded post"),
    # an aggregator's credit and its document id
    ("(MENAFN - Coast Times)", "source credit"),
    ("MENAFN0201202000703653ID109949713", "source credit"),
    # read-more links, prompts and forms met in the SemEval texts (German, English, Italian,
    # Chinese)
    ("Den vollständigen Artikel lesen ...", "related links"),
    ("Visit The Coast Post's homepage for more stories.", "related links"),
    ("Visita la home page di Coast Post per altre storie.", "related links"),
    ("下一页 1 | 2", "related links"),
    ("Anmeldung Noch nicht bei der Küstenzeitung?", "login prompt"),
    ("Kommentar-Profil anlegen Ich habe die NETIQUETTE und die DATENSCHUTZERKLÄRUNG gelesen und "
     "akzeptiere diese.* *Pflichtfelder", "comment form"),
    ("Every evening, DW sends out a selection of the day's news and features. Sign up here",
     "subscription prompt"),
    ("(This story has not been edited by Coast Post staff and is auto-generated from a "
     "syndicated feed.)", "syndication notice"),
    ("（此故事未经 Coast Post 员工编辑，是从联合提要自动生成的。）", "syndication notice"),
    ("我们注意到您正在屏蔽广告！", "adblock notice"),
    ("Send this page to someone via email", "share button"),
    ("Noticias relacionadas VEA MÁS", "related links"),
    # a sign-up widget as machine translation renders it
    ("Подпишитесь на БЕСПЛАТНЫЕ ежедневные оповещения по электронной почте от coastlive - "
     "Новости Подписаться Спасибо за подписку См. наше уведомление о конфиденциальности",
     "subscription prompt"),
    ("订阅来自 coastlive 的免费每日电子邮件提醒 - 每日订阅 感谢您订阅 请参阅我们的隐私声明",
     "subscription prompt"),
    ("Regístrese para recibir alertas de correo electrónico diarias GRATUITAS de coastlive - "
     "noticias Suscribirse Gracias por suscribirse", "subscription prompt"),
    ("Ihre Zustimmung können Sie auf die Weise widerrufen, wie in den Datenschutzrichtlinien "
     "beschrieben.", "cookie notice"),
    # a site's masthead (ar): its donation prompt, slogan and award
    ("الحوار المتمدن تبرع للموقع - ادعمنا", "site header"),
    ('"من أجل مجتمع مدني علماني ديمقراطي حديث يضمن الحرية والعدالة الاجتماعية للجميع"',
     "site header"),
    ("حاز الحوار المتمدن على جائزة ابن رشد للفكر الحر والتى نالها أعلام في الفكر والثقافة",
     "site header"),
])
def test_inline_boilerplate_is_cut_out_of_a_paragraph(junk: str, reason: str) -> None:
    line = f"{BEFORE} {junk} {AFTER}"
    kept, removed = remove_boilerplate(f"Budget approved after long debate\n\n{line}")
    assert kept == f"Budget approved after long debate\n\n{BEFORE} {AFTER}"
    assert [(r.text, r.reason, r.line_no) for r in removed] == [(junk, reason, 3)]


@pytest.mark.parametrize(("tail", "reason"), [
    ("Copyright © RFA. All rights reserved.", "copyright notice"),
    ("Copyright 2020 The Coast Press. All rights reserved. This material may not be published, "
     "broadcast, rewritten or redistributed.", "copyright notice"),
    ("Авторское право © Агентство. Все права защищены.", "copyright notice"),
    ("© 2021 Example Media", "copyright notice"),
    ("版权所有 2020 新闻社。", "copyright notice"),
    ("© Weber", "photo credit"),
    ("Read more: Storm closes the harbour for a week", "related links"),
    ("Lesen Sie auch: Neue Brücke in Köln", "related links"),
    ("READ MORE: Ferry returns READ MORE: Harbour reopens", "related links"),
])
def test_a_notice_or_teaser_at_the_end_of_a_paragraph_goes(tail: str, reason: str) -> None:
    kept, removed = remove_boilerplate(f"{BEFORE} {AFTER} {tail}")
    assert kept == f"{BEFORE} {AFTER}"
    assert " ".join(r.text for r in removed) == tail
    assert {r.reason for r in removed} == {reason}


@pytest.mark.parametrize("line", [
    "The photo: a crowd at the gate, shot by a resident from her window.",
    "He said the image of the town had changed, and that the council had to respond.",
    "Subscribers can read more about the plan in the weekly edition of the paper.",
    "The agency said it would share the data with the ministry on Monday.",
    "Photographs taken by residents show the water reaching the first floor of the houses.",
    "The band's copyright dispute with the label lasted for six years before a court settled "
    "it, and the members said they were glad it was over and that they would tour again.",
    "Foto: Anna Berg lebte in der Straße und sah alles.",  # a bare name followed by a verb
    "The mayor (@mayor) wrote on March 12, 2020 that the bridge would reopen.",
    "وصف الحزب نفسه بأنه يساري، علماني، ديمقراطي في بيانه الأول يوم الاثنين.",  # the motto's words
])
def test_article_text_that_mentions_the_words_is_kept(line: str) -> None:
    assert inline_spans_heuristic(line) == []


@pytest.mark.parametrize(("text", "credit"), [
    ("Foto: David Young/dpa Die Polizei ermittelt.", "David Young/dpa"),
    ("Foto: AFP/Carla de Souza Immanuel Kant schrieb.", "AFP/Carla de Souza"),
    ("© Associated Press / Brasil2 via Getty Images 他说。",
     "Associated Press / Brasil2 via Getty Images"),
    ("Bild: AFP Mehr als hundert Menschen kamen.", "AFP"),
    ("Foto: pixabay.com Die Sonne schien.", "pixabay.com"),
])
def test_credit_grammar_finds_where_a_credit_ends(text: str, credit: str) -> None:
    start = text.index(":") + 2 if ":" in text[:8] else 2
    end = credit_end_heuristic(text, start)
    assert end is not None and text[start:end] == credit


def test_a_credit_of_bare_names_followed_by_lower_case_is_not_a_credit() -> None:
    assert credit_end_heuristic("Foto: West Virginia-Abteilung für Sicherheit", 6) is None


def test_a_line_of_only_inline_boilerplate_goes_whole() -> None:
    kept, removed = remove_inline_boilerplate(split_lines(
        f"{BEFORE}\n(Photo by Sam Reed/Getty Images) Jetzt teilen:\n{AFTER}"))
    assert [line.text for line in kept] == [BEFORE, AFTER]
    assert [(r.text, r.line_no) for r in removed] == [
        ("(Photo by Sam Reed/Getty Images)", 2), ("Jetzt teilen:", 2)]


def test_offsets_of_the_analysed_document_point_into_the_cleaned_text() -> None:
    raw = ("Storm closes the harbour for a week Foto: Anna Berg/dpa The storm hit on Tuesday. "
           "Your browser does not support the video element. Mayor Jane Okafor said: "
           "\"We will rebuild.\" Read more: Ferry service resumes Thursday. Copyright © Coast "
           "Herald 2021. All rights reserved.")
    cleaned = clean(Article(raw=raw, kind="text", source="<t>", language="en"))
    for junk in ("Foto", "browser", "Read more", "Copyright", "Ferry"):
        assert junk not in cleaned.text
    assert {r.reason for r in cleaned.removed_lines} == {
        "photo credit", "media notice", "related links", "copyright notice"}
    doc = analyse(cleaned)
    for item in [*doc.sentences, *doc.claims, *doc.entities, *doc.quotes]:
        assert doc.clean_text[item.start : item.end] == item.text
    assert any(q.text == "We will rebuild." for q in doc.quotes)


_WIDGETS = [
    "Foto: Anna Berg/dpa", "Jetzt teilen:", "Your browser does not support the audio element.",
    "(Photo by Sam Reed/Getty Images)", "ADVERTISEMENT", "Story continues below advertisement",
]
_SENTENCES = [
    "The council approved the budget on Monday.", "Residents will vote on it in May.",
    "The storm hit the coast at night.", "Der Rat stimmte am Montag zu.",
]


@settings(max_examples=100, deadline=None)
@given(st.lists(st.sampled_from(_WIDGETS + _SENTENCES), min_size=1, max_size=12))
def test_cleaning_keeps_every_sentence_and_drops_every_widget(parts: list[str]) -> None:
    line = " ".join(parts)
    kept, removed = remove_inline_boilerplate(split_lines(line))
    rest = kept[0].text if kept else ""
    assert rest == " ".join(p for p in parts if p in _SENTENCES)
    assert " ".join(r.text for r in removed) == " ".join(p for p in parts if p in _WIDGETS)


@settings(max_examples=200, deadline=None)
@given(st.text(alphabet=st.sampled_from(list("aB .:/©()-\nFotPhSrdpaAPREKLM")), max_size=200))
def test_searching_around_trigger_words_finds_what_searching_everything_finds(text: str) -> None:
    for line in text.split("\n"):
        assert inline_spans_heuristic(line) == inline_spans_heuristic(line, scan_all=True)


def test_a_fragment_echoing_the_sentence_before_goes() -> None:
    text = ("Die Moderatorin Eva Lang will nicht mehr für den Stadtsender arbeiten. will nicht "
            "mehr für den arbeiten. Sie kritisiert die Leitung heftig. heftig. Ihr Brief ist lang.")
    cleaned = clean(Article(raw=text, kind="text", source="<t>"))
    assert cleaned.text == ("Die Moderatorin Eva Lang will nicht mehr für den Stadtsender "
                            "arbeiten. Sie kritisiert die Leitung heftig. Ihr Brief ist lang.")
    assert [(r.text, r.reason) for r in cleaned.removed_lines] == [
        ("will nicht mehr für den arbeiten.", "repeated fragment"),
        ("heftig.", "repeated fragment")]


@pytest.mark.parametrize("text", [
    "Er kam z.B. mit dem Rad. Dann ging er.",  # lower case after an abbreviation
    "Sie rief: Komm. komm doch her. Er kam.",  # not the same last word
    "Er griff an. an. Dann ging er.",  # a last word too short to tell
    "Der Preis stieg auf 5 Euro. euro. Mehr nicht.",  # the same word in another case
])
def test_lower_case_after_a_full_stop_is_no_echo_by_itself(text: str) -> None:
    assert echo_spans_heuristic(text) == []


def test_an_embedded_posts_signature_on_its_own_line_goes() -> None:
    kept, removed = remove_boilerplate(f"{BEFORE}\nCity News (@citynews) December 31, 2019\n"
                                       f"{AFTER}")
    assert kept == f"{BEFORE}\n{AFTER}"
    assert [(r.reason, r.line_no) for r in removed] == [("embedded post", 2)]

