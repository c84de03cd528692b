"""The REST API through FastAPI's test client: compare, ingest, stories, articles, errors."""

from __future__ import annotations

import json

import pytest
from fastapi.testclient import TestClient

from storydiff import SCHEMA_VERSION
from storydiff.web import ServeConfig, create_app

from .conftest import local_client
from .fakes import FakeStore


def test_health_says_what_is_on(client: TestClient, bare_client: TestClient) -> None:
    body = client.get("/api/health").json()
    assert body["status"] == "ok" and body["store"] is True and body["fetch"] is False
    assert bare_client.get("/api/health").json()["store"] is False


def test_openapi_lists_every_endpoint(client: TestClient) -> None:
    paths = client.get("/openapi.json").json()["paths"]
    for path in ("/api/compare", "/api/articles", "/api/stories", "/api/stories/{story_id}",
                 "/api/articles/{article_id}", "/api/articles/{article_id}/similar",
                 "/api/health"):
        assert path in paths, path
    assert "/stories" not in paths  # pages stay out of the API document


def test_compare_returns_the_report_schema(client: TestClient,
                                           example_texts: tuple[str, str]) -> None:
    a, b = example_texts
    response = client.post("/api/compare", json={"a": a, "b": b})
    assert response.status_code == 200, response.text
    data = response.json()
    assert data["schema_version"] == SCHEMA_VERSION
    assert set(data["verdict"]["dimensions"]) >= {"geography", "entities", "time", "overall"}
    assert data["discrepancies"], "the example pair disagrees on numbers and dates"
    for doc in data["documents"]:
        for claim in doc["claims"]:
            assert doc["clean_text"][claim["start"]:claim["end"]] == claim["text"]


def test_compare_takes_metadata_and_html_format(client: TestClient) -> None:
    a = {"text": "Storm floods Norland harbour\n\nA storm flooded 40 homes in Norland on Monday.",
         "title": "Storm floods Norland harbour", "published": "2025-02-03", "source": "one.test"}
    b = {"html": "<html><body><h1>Norland storm</h1><p>A storm flooded 60 homes in Norland on "
                 "Monday, the mayor said.</p></body></html>", "source": "two.test"}
    response = client.post("/api/compare", json={"a": a, "b": b, "format": "html"})
    assert response.status_code == 200
    assert response.headers["content-type"].startswith("text/html")
    nonce = response.headers["content-security-policy"].split("'nonce-")[1].split("'")[0]
    assert f'<script nonce="{nonce}">' in response.text
    assert 'class="verdict' in response.text and "one.test" in response.text


@pytest.mark.parametrize("body, fragment", [
    ({"a": "text only"}, "b: Field required"),
    ({"a": {"text": "x", "html": "<p>x</p>"}, "b": "y"}, "either text or html"),
    ({"a": {}, "b": "y"}, "text, html, or a url"),
    ({"a": "x", "b": "y", "colour": "red"}, "Extra inputs are not permitted"),
    ({"a": 3, "b": "y"}, "a"),
])
def test_malformed_compare_gets_422_with_a_message(client: TestClient, body: object,
                                                   fragment: str) -> None:
    response = client.post("/api/compare", json=body)
    assert response.status_code == 422
    assert response.json()["detail"].startswith("malformed request")
    assert fragment in response.json()["detail"]


def test_invalid_json_gets_422(client: TestClient) -> None:
    response = client.post("/api/compare", content=b'{"a": "x",',
                           headers={"content-type": "application/json"})
    assert response.status_code == 422 and "JSON" in response.json()["detail"]


def test_input_errors_map_to_422_and_too_large_to_413() -> None:
    from storydiff import Settings

    app = create_app(ServeConfig(settings=Settings(max_text_bytes=2000)), comparer=None)
    with local_client(app) as client:
        empty = client.post("/api/compare", json={"a": "   \n ", "b": "text"})
        assert empty.status_code == 422 and "empty" in empty.json()["detail"]
        big = client.post("/api/compare", json={"a": {"text": "word " * 1000}, "b": "x"})
        assert big.status_code == 413 and "limit" in big.json()["detail"]


def test_a_bot_check_page_maps_to_422_with_its_reason() -> None:
    app = create_app(ServeConfig(), comparer=None)
    page = ("We are sorry, but we have recorded a very large number of connections from the IP "
            "address you are connecting from. If you want to reach us, tick \"I am not a "
            "robot\".")
    with local_client(app) as client:
        article = ("Council approves budget\n\nThe city council approved the new budget on "
                   "Monday. Schools get more money, the mayor said.")
        response = client.post("/api/compare", json={"a": article, "b": page})
        assert response.status_code == 422
        assert "not an article" in response.json()["detail"]


def test_a_string_is_never_read_as_a_server_path(client: TestClient) -> None:
    response = client.post("/api/compare", json={"a": "/etc/passwd", "b": "/etc/hostname"})
    assert "root:" not in response.text
    if response.status_code == 200:
        assert response.json()["documents"][0]["clean_text"].strip() == "/etc/passwd"


def test_url_inputs_are_refused_when_fetching_is_off(client: TestClient) -> None:
    response = client.post("/api/compare", json={"a": {"url": "http://127.0.0.1:1/"}, "b": "x"})
    assert response.status_code == 422 and "disabled" in response.json()["detail"]


def test_stories_list_search_and_pagination(client: TestClient) -> None:
    everything = client.get("/api/stories").json()
    assert [s["id"] for s in everything["stories"]] == [1, 2]
    assert set(everything["stories"][0]) == {"id", "size", "languages", "sources",
                                              "first_seen", "headline"}
    assert [s["id"] for s in client.get("/api/stories?q=story 1").json()["stories"]] == [2]
    assert [s["id"] for s in client.get("/api/stories?limit=1&offset=1").json()["stories"]] == [2]
    assert client.get("/api/stories?limit=0").status_code == 422


def test_story_and_article_endpoints(client: TestClient) -> None:
    story = client.get("/api/stories/1").json()
    assert story["origin"] == 1 and story["chain"] == [[1, 2], [2, 3]]
    assert [m["article_id"] for m in story["members"]] == [1, 2, 3]
    article = client.get("/api/articles/2").json()
    assert article["id"] == 2 and article["story_id"] == 1 and "Riverton" in article["clean_text"]


def test_unknown_ids_get_404(client: TestClient) -> None:
    assert client.get("/api/stories/99").status_code == 404
    response = client.get("/api/articles/99")
    assert response.status_code == 404 and "99" in response.json()["detail"]
    assert client.get("/api/articles/abc").status_code == 422


def test_similar_leaves_the_article_itself_out(client: TestClient) -> None:
    body = client.get("/api/articles/1/similar?k=3").json()
    ids = [hit["id"] for hit in body["similar"]]
    assert body["article"] == 1 and 1 not in ids and len(ids) == 3
    scores = [hit["score"] for hit in body["similar"]]
    assert scores == sorted(scores, reverse=True)


def test_store_endpoints_say_when_there_is_no_store(bare_client: TestClient) -> None:
    for path in ("/api/stories", "/api/stories/1", "/api/articles/1"):
        response = bare_client.get(path)
        assert response.status_code == 404 and "--store" in response.json()["detail"]


def test_ingest_one_or_many(client: TestClient, store: FakeStore) -> None:
    one = client.post("/api/articles", json={"text": "Dam opens\n\nThe dam opened.",
                                             "title": "Dam opens", "source": "dam.test"})
    assert one.status_code == 201 and one.json()["added"] == 1
    many = client.post("/api/articles", json=[{"text": "First."}, {"html": "<p>Second.</p>"}])
    assert many.status_code == 201 and many.json()["added"] == 2
    assert [a.kind for a in store.added] == ["text", "text", "html"]
    assert store.added[0].source == "dam.test" and store.added[0].title == "Dam opens"
    assert client.post("/api/articles", json=[]).status_code == 422


def test_write_endpoints_need_the_configured_token(comparer) -> None:  # type: ignore[no-untyped-def]
    store = FakeStore()
    app = create_app(ServeConfig(token="s3cret-token"), comparer=comparer, store=store)
    body = {"text": "A bridge opened in Norland."}
    with local_client(app) as client:
        assert client.post("/api/articles", json=body).status_code == 401
        wrong = client.post("/api/articles", json=body,
                            headers={"authorization": "Bearer wrong-token"})
        assert wrong.status_code == 401 and wrong.headers["www-authenticate"] == "Bearer"
        ok = client.post("/api/articles", json=body,
                         headers={"authorization": "Bearer s3cret-token"})
        assert ok.status_code == 201
        also = client.post("/api/articles", json=body,
                           headers={"x-storydiff-token": "s3cret-token"})
        assert also.status_code == 201
        assert client.get("/api/stories").status_code == 200  # reading needs no token
    assert len(store.added) == 2 and store.closed


def test_errors_never_echo_as_html(client: TestClient) -> None:
    response = client.get("/api/stories/<script>")
    assert response.headers["content-type"].startswith("application/json")
    assert json.loads(response.text)["detail"]
