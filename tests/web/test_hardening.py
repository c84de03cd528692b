"""Red-team findings of issue #13 on the API's inputs, each shown fixed: out-of-range ids,
lone surrogates, invalid UTF-8, deep nesting and long numbers, schema constraints, documented
errors, the compare token, per-item batch errors and IDNA hosts."""

from __future__ import annotations

from typing import Any

import pytest
from fastapi.testclient import TestClient

from storydiff.web import FetchPolicy, ServeConfig, create_app
from storydiff.web.fetch import FetchError, check_url, fetch_url

from .conftest import LOCAL, local_client
from .fakes import FakeStore

JSON = {"content-type": "application/json"}


@pytest.fixture
def plain() -> TestClient:
    """A client of an app with a fake store and no comparer (nothing here compares)."""
    store = FakeStore()
    store.put(title="Flood", text="About 1,200 residents left Riverton on Sunday.")
    return TestClient(create_app(ServeConfig(), store=store), base_url=LOCAL,
                      raise_server_exceptions=False)


@pytest.mark.parametrize("path", ["/api/stories/{n}", "/api/articles/{n}",
                                  "/api/articles/{n}/similar", "/stories/{n}",
                                  "/compare/articles?a={n}&b=1"])
@pytest.mark.parametrize("n", [2**63, 2**64 + 5, 10**30])
def test_ids_beyond_64_bits_are_unknown_not_500(tmp_path: Any, path: str, n: int) -> None:
    app = create_app(ServeConfig(store=tmp_path / "store"))  # the real store: 64-bit ids
    with TestClient(app, base_url=LOCAL, raise_server_exceptions=False) as client:
        response = client.get(path.format(n=n))
        assert response.status_code == 404, response.text


@pytest.mark.parametrize("body, fragment", [
    (b'{"a": "\\ud800 text", "b": "x"}', "lone surrogate"),
    (b'{"a": {"text": "x \\udfff"}, "b": "y"}', "lone surrogate"),
    (b'{"a": "x", "b": {"text": "y", "title": "\\ud800"}}', "lone surrogate"),
    (b'{"a": "\xff\xfe caf\xe9", "b": "x"}', "not valid UTF-8"),
    (b"[" * 100_000 + b"]" * 100_000, "nested too deeply"),
    (b'{"a": ' + b"9" * 5000 + b', "b": "x"}', "too many digits"),
])
def test_malformed_bodies_get_422_with_a_message(plain: TestClient, body: bytes,
                                                 fragment: str) -> None:
    response = plain.post("/api/compare", content=body, headers=JSON)
    assert response.status_code == 422, response.text
    assert response.json()["detail"].startswith("malformed request")
    assert fragment in response.json()["detail"]


@pytest.mark.parametrize("body", [{"a": "", "b": "x"}, {"a": "  \n ", "b": "x"},
                                  {"a": {"text": ""}, "b": "x"}])
def test_blank_articles_are_refused_by_the_schema(plain: TestClient, body: Any) -> None:
    response = plain.post("/api/compare", json=body)
    assert response.status_code == 422
    schema = plain.get("/openapi.json").json()["components"]["schemas"]
    text = next(s for s in schema["CompareIn"]["properties"]["a"]["anyOf"]
                if s.get("type") == "string")
    assert text["minLength"] == 1 and text["pattern"] == r"\S"


def test_the_openapi_document_matches_the_error_answers(plain: TestClient) -> None:
    document = plain.get("/openapi.json").json()
    for path, operations in document["paths"].items():
        for method, operation in operations.items():
            responses = operation["responses"]
            if path != "/api/health":
                assert "422" in responses, (method, path)
            for code, answer in responses.items():
                if code.startswith(("4", "5")):
                    ref = answer["content"]["application/json"]["schema"]["$ref"]
                    assert ref.endswith("/ErrorOut"), (path, code)
    assert "404" in document["paths"]["/api/stories/{story_id}"]["get"]["responses"]
    error = document["components"]["schemas"]["ErrorOut"]
    assert error["properties"]["detail"]["type"] == "string"
    assert "HTTPValidationError" not in document["components"]["schemas"]
    # and the answers are what the schema says: a string detail
    assert isinstance(plain.post("/api/compare", json={}).json()["detail"], str)
    assert isinstance(plain.get("/api/stories/99").json()["detail"], str)
    batch = document["paths"]["/api/articles"]["post"]["requestBody"]["content"][
        "application/json"]["schema"]["anyOf"]
    array = next(s for s in batch if s.get("type") == "array")
    assert (array["minItems"], array["maxItems"]) == (1, 1000)


def test_an_empty_batch_is_refused_by_the_schema(plain: TestClient) -> None:
    assert plain.post("/api/articles", json=[]).status_code == 422


def test_compare_needs_the_token_when_one_is_set() -> None:
    app = create_app(ServeConfig(token="s3cret-token"))
    with local_client(app) as client:
        refused = client.post("/api/compare", json={"a": "One.", "b": "Two."})
        assert refused.status_code == 401 and refused.headers["www-authenticate"] == "Bearer"
        page = client.post("/compare", data={"a_text": "One.", "b_text": "Two."})
        assert page.status_code == 401 and "token" in page.text
        assert client.get("/compare/articles?a=1&b=2").status_code in (401, 404)
        assert 'name="token"' in client.get("/").text  # the form asks for it


def test_a_refused_item_fails_only_itself_in_a_batch(plain: TestClient) -> None:
    response = plain.post("/api/articles", json=[
        {"text": "A bridge opened in Norland."}, {"url": "http://10.0.0.1/"},
        {"html": "<p>Second good one.</p>"}, {"text": "x\u0000y"}])
    assert response.status_code == 201, response.text
    body = response.json()
    assert body["added"] == 2 and body["failed"] == 2
    assert body["errors"][0].startswith("item 1:") and "disabled" in body["errors"][0]
    assert body["errors"][1].startswith("item 3:")
    single = plain.post("/api/articles", json={"url": "http://10.0.0.1/"})
    assert single.status_code == 422  # one article: the request is that article


@pytest.mark.parametrize("url, shown", [("http://①②⑦.0.0.1/", "http://127.0.0.1/"),
                                        ("http://bücher.example/a", "http://xn--bcher-kva.example/a")])
def test_hosts_are_written_in_ascii_before_any_check(url: str, shown: str) -> None:
    assert check_url(url) == shown


def test_circled_digit_hosts_are_refused_not_500() -> None:
    with pytest.raises(FetchError, match="private, loopback"):
        fetch_url("http://①②⑦.0.0.1/", FetchPolicy())
    app = create_app(ServeConfig(allow_fetch=True))
    client = TestClient(app, base_url=LOCAL, raise_server_exceptions=False)
    for url in ("http://①②⑦.0.0.1/", "http://a..b/", "http://x:99999/"):
        response = client.post("/api/compare", json={"a": {"url": url}, "b": "x"})
        assert response.status_code == 422, (url, response.text)
