"""A page a site served instead of the article (a bot check, an access block, an ad blocker's
wall) is refused with its reason, in every way in; an article that mentions robots, captchas,
IP addresses or ad blockers is not."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest

from storydiff import NoArticleBodyError, Settings
from storydiff.document import Article
from storydiff.ingest.blocked import blocked_page_heuristic
from storydiff.ingest.cleaner import clean

DATA = Path(__file__).resolve().parents[2].parent / "shared" / "data" / "semeval2022-task8" \
    / "train.csv"

BLOCK_PAGES = [
    ("en", "We are sorry, but we have recorded a very large number of connections from the IP "
           "address you are connecting from.\n\nIf you want to reach us, tick \"I am not a "
           "robot\".\n\nYour IP address: 192.0.2.7"),
    ("pl", "Przepraszamy, z Twojego adresu IP odnotowaliśmy ogromną liczbę połączeń.\n\n"
           "Aby kontynuować, zaznacz pole \"Nie jestem robotem\"."),
    ("de", "Bitte bestätigen Sie: Ich bin kein Roboter.\n\nVon Ihrer IP-Adresse kamen zu viele "
           "Anfragen."),
    ("fr", "Accès refusé\n\nNous avons détecté un trafic inhabituel depuis votre adresse IP."),
    ("es", "Hemos detectado tráfico inusual desde su red. Marque la casilla «No soy un "
           "robot» para continuar."),
    ("en", "Attention Required! | Cloudflare\n\nSorry, you have been blocked\n\nWhy have I "
           "been blocked? This website is using a security service to protect itself from "
           "online attacks.\n\nCloudflare Ray ID: 7a1b2c3d4e5f6789"),
    ("en", "Access Denied\n\nPlease enable JavaScript and cookies to continue. Your request was "
           "blocked by our security system."),
    # an ad blocker's wall, under the article's headline
    ("en", "Council approves new budget\n\nWe see you're using an ad blocker.\n\nTo read our "
           "articles, add an exception for our site or purchase a subscription."),
    ("pl", "Czy wiesz, że korzystasz z AdBlocka?\n\nAby czytać nasze artykuły, dodaj wyjątek dla "
           "naszej strony."),
]

ARTICLES = [
    # a report on robots, a captcha and blocked access, as news tells them
    "The robot vacuum sold out within a day, the company said on Monday. Buyers who tried to "
    "order online were asked to solve a captcha before they could pay.",
    "Access to the beach was denied to residents on Sunday after the storm, police said. "
    "Officials asked people to stay home.",
    "Hackers used thousands of IP addresses to flood the ministry's website with traffic on "
    "Tuesday, officials said, and access to the site was blocked for two hours.",
    "\"I am not a robot,\" the striking worker told reporters outside the warehouse, where "
    "machines now sort most of the parcels.",
    "The share of readers using an ad blocker rose to 27% last year, a study found. Publishers "
    "say the lost revenue threatens local newsrooms.",
]


@pytest.mark.parametrize(("language", "text"), BLOCK_PAGES)
def test_a_block_page_is_refused_with_its_reason(language: str, text: str) -> None:
    assert blocked_page_heuristic(text) is not None
    with pytest.raises(NoArticleBodyError, match="not an article"):
        clean(Article(raw=text, kind="text", source="<text>"))


@pytest.mark.parametrize("text", ARTICLES)
def test_an_article_about_robots_or_blocked_access_is_kept(text: str) -> None:
    assert blocked_page_heuristic(text) is None
    assert clean(Article(raw=text, kind="text", source="<text>")).text


def test_an_article_longer_than_a_block_page_is_never_one() -> None:
    text = BLOCK_PAGES[0][1] + "\n\n" + " ".join([ARTICLES[0]] * 12)
    assert blocked_page_heuristic(text) is None


def test_keeping_every_line_keeps_a_block_page() -> None:
    text = BLOCK_PAGES[0][1]
    kept = clean(Article(raw=text, kind="text", source="<text>"),
                 settings=Settings(clean_boilerplate=False))
    assert "not a robot" in kept.text


def test_a_block_page_as_html_is_refused_by_the_cli(tmp_path: Path) -> None:
    page = tmp_path / "blocked.html"
    page.write_text("<html><head><title>Attention Required! | Cloudflare</title></head><body>"
                    "<h1>Sorry, you have been blocked</h1><h2>Why have I been blocked?</h2>"
                    "<p>This website is using a security service to protect itself from online "
                    "attacks.</p><p>Cloudflare Ray ID: 7a1b2c3d4e5f6789 &bull; Your IP: "
                    "192.0.2.7</p></body></html>", encoding="utf-8")
    article = tmp_path / "article.txt"
    article.write_text(ARTICLES[1], encoding="utf-8")
    done = subprocess.run([sys.executable, "-m", "storydiff", "compare", str(article), str(page)],
                          capture_output=True, text=True, timeout=600)
    assert done.returncode == 2
    assert "not an article" in done.stderr
    assert "Traceback" not in done.stderr


@pytest.mark.skipif(not DATA.exists(), reason="../shared (the SemEval data) is absent")
def test_on_real_texts_only_the_pages_served_instead_of_articles_are_found() -> None:
    """Every text of SemEval-2022 Task 8 (2,502 distinct): read by a person, the texts the
    heuristic finds are the six bot checks a crawler got there (in Polish and English) and six
    ad blockers' walls (five Polish, one English, some under the article's headline), and it
    finds all of them; no article."""
    from storydiff.evaluate.semeval import load_semeval

    texts = {t for p in load_semeval(DATA) for t in (p.text1, p.text2)}
    found = {t for t in texts if blocked_page_heuristic(t) is not None}
    openings = ("Przykro nam, ale z adresu IP", "We are sorry, but we recorded a huge amount",
                "Wyborcza.pl", "Winning numbers drawn in ‘Pick 4 Midday’ game\nWe noticed",
                "Rekomendacja Zarządu Sescom S.A.", "Informacja o zawarciu umowy o zmianie gry")
    assert found == {t for t in texts if t.strip().startswith(openings)}
    assert len(found) == 12
