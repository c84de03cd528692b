"""Server-rendered pages: compare form and result, stories, story; escaping; error pages."""

from __future__ import annotations

import re

import pytest
from fastapi.testclient import TestClient

from storydiff.web import create_app

from .conftest import local_client
from .fakes import FakeStore
from .payloads import HOSTILE_TEXT, PAYLOADS, UNESCAPED_MARKERS, hostile_store_items


def _nonce(response) -> str:  # type: ignore[no-untyped-def]
    return re.search(r"'nonce-([^']+)'", response.headers["content-security-policy"]).group(1)


def test_compare_form_needs_no_store(bare_client: TestClient) -> None:
    page = bare_client.get("/")
    assert page.status_code == 200
    for name in ("a_text", "b_text", "a_file", "b_file", "a_kind"):
        assert f'name="{name}"' in page.text
    assert "/stories" not in page.text  # no Stories link without a store
    assert "a_url" not in page.text  # no URL field while fetching is off


def test_the_compare_page_states_the_time_measured(client: TestClient,
                                                   example_texts: tuple[str, str]) -> None:
    """The page quotes the measured figure (bench/serve.py: a normal comparison 0.72 s on an
    idle server, models loaded 1.5 s after the start), then this server's own recent median."""
    first = client.get("/").text
    assert "0.7 s on two CPU cores" in first and "Comparisons on this server took" not in first
    a, b = example_texts
    assert client.post("/compare", data={"a_text": a, "b_text": b}).status_code == 200
    after = client.get("/").text
    assert re.search(r"Comparisons on this server took \d+\.\d s\s+\(median of the last 1\)",
                     after)


def test_every_asset_is_local(client: TestClient) -> None:
    for path in ("/", "/stories", "/stories/1"):
        html = client.get(path).text
        assert not re.search(r"(src|href)=\"(https?:)?//", html), path
    assert client.get("/static/app.css").status_code == 200


def test_compare_result_embeds_the_report(client: TestClient,
                                         example_texts: tuple[str, str]) -> None:
    a, b = example_texts
    page = client.post("/compare", data={"a_text": a, "b_text": b, "a_kind": "auto"})
    assert page.status_code == 200
    html = page.text
    for marker in ('class="verdict', 'class="doc doc-a', 'class="doc doc-b', 'data-claim="',
                   'id="discrepancies"', 'id="likely-source"', "only-one-side", "discrepancy"):
        assert marker in html, marker
    nonce = _nonce(page)
    assert f'<style nonce="{nonce}">' in html and f'<script nonce="{nonce}">' in html
    assert html.count("<main>") == 1 and "New comparison" in html


def test_uploaded_files_are_compared(client: TestClient, example_texts: tuple[str, str]) -> None:
    a, b = example_texts
    page = client.post("/compare", files={"a_file": ("original.txt", a.encode()),
                                          "b_file": ("rewrite.txt", b.encode())})
    assert page.status_code == 200 and 'class="verdict' in page.text


def test_missing_side_shows_the_form_with_a_message(client: TestClient) -> None:
    page = client.post("/compare", data={"a_text": "Some text about a flood.", "b_text": " "})
    assert page.status_code == 422
    assert "article B" in page.text and 'role="alert"' in page.text
    assert "Some text about a flood." in page.text  # what the user pasted is kept


def test_stories_page_lists_searches_and_pages(comparer) -> None:  # type: ignore[no-untyped-def]
    store = FakeStore(story_size=1)
    for n in range(25):
        store.put(title=f"Story number {n}", text=f"Text {n}.", source=f"s{n}.test")
    with local_client(create_app(comparer=comparer, store=store)) as client:
        first = client.get("/stories").text
        assert first.count("data-story=") == 20
        assert 'rel="next"' in first and 'rel="prev"' not in first
        second = client.get("/stories?page=2").text
        assert second.count("data-story=") == 5 and 'rel="prev"' in second
        assert 'rel="next"' not in second
        found = client.get("/stories?q=number 7").text
        assert found.count("data-story=") == 1 and "s7.test" in found
        assert "No story" in client.get("/stories?q=zzz").text


def test_story_page_shows_every_part(client: TestClient) -> None:
    html = client.get("/stories/1").text
    for section in ('id="origin"', 'id="chain"', 'id="timeline"', 'id="duplicates"',
                    'id="divergence"', "<svg", 'marker-end="url(#arrow)"'):
        assert section in html, section
    assert html.count('class="edge-link"') == 2  # 1 → 2 → 3
    assert "/compare/articles?a=1&amp;b=2" in html and "near-duplicate of" in html


def test_pair_comparison_from_the_store(client: TestClient) -> None:
    page = client.get("/compare/articles?a=1&b=2")
    assert page.status_code == 200 and 'class="verdict' in page.text
    assert client.get("/compare/articles?a=1&b=99").status_code == 404


def test_pages_without_store_say_so(bare_client: TestClient) -> None:
    page = bare_client.get("/stories")
    assert page.status_code == 404 and "--store" in page.text
    assert page.headers["content-type"].startswith("text/html")


def test_unknown_page_is_a_404_page(client: TestClient) -> None:
    page = client.get("/no/such/page")
    assert page.status_code == 404 and "Error 404" in page.text


@pytest.fixture
def hostile_client(comparer):  # type: ignore[no-untyped-def]
    store = FakeStore()
    for item in hostile_store_items():
        store.put(**item)
    with local_client(create_app(comparer=comparer, store=store)) as client:
        yield client


@pytest.mark.parametrize("path", ["/stories", "/stories/1", "/compare/articles?a=1&b=2",
                                  "/stories?q=" + PAYLOADS[0], "/stories?q=" + PAYLOADS[4]])
def test_payloads_are_escaped_on_every_page(hostile_client: TestClient, path: str) -> None:
    html = hostile_client.get(path).text
    for marker in UNESCAPED_MARKERS:
        assert marker not in html, (path, marker)
    assert "&lt;script&gt;window.__xss" in html or path.startswith("/stories?q=" + PAYLOADS[4])


def test_payloads_in_a_pasted_text_are_escaped(client: TestClient) -> None:
    page = client.post("/compare", data={"a_text": HOSTILE_TEXT, "a_kind": "text",
                                         "b_text": HOSTILE_TEXT.replace("Sunday", "Monday"),
                                         "b_kind": "text"})
    assert page.status_code == 200
    for marker in UNESCAPED_MARKERS:
        assert marker not in page.text
    assert "&lt;script&gt;window.__xss = 1" in page.text


def test_payloads_in_a_failed_form_are_escaped(client: TestClient) -> None:
    page = client.post("/compare", data={"a_text": PAYLOADS[6], "b_text": ""})
    assert page.status_code == 422
    assert "</textarea><script>" not in page.text
    assert "&lt;/textarea&gt;&lt;script&gt;" in page.text
