"""The request body limit: declared and streamed bodies over it get a 413, smaller ones pass."""

from __future__ import annotations

from collections.abc import Iterator

from fastapi.testclient import TestClient

from storydiff.web import ServeConfig, create_app

from .conftest import local_client

LIMIT = 4096


def _client() -> TestClient:
    return local_client(create_app(ServeConfig(max_body_bytes=LIMIT)))


def test_declared_body_over_the_limit_gets_413() -> None:
    response = _client().post("/api/compare", content=b"x" * (LIMIT + 1),
                              headers={"content-type": "application/json"})
    assert response.status_code == 413
    assert "4,096" in response.json()["detail"]
    assert "content-security-policy" in response.headers


def test_streamed_body_without_length_is_counted() -> None:
    def chunks() -> Iterator[bytes]:
        for _ in range(10):
            yield b"y" * 1000

    response = _client().post("/api/compare", content=chunks(),
                              headers={"content-type": "application/json"})
    assert response.status_code == 413


def test_body_under_the_limit_reaches_the_route() -> None:
    response = _client().post("/api/compare", json={"a": "x" * (LIMIT // 2)})
    assert response.status_code == 422  # the route answered: b is missing


def test_page_form_posts_obey_the_limit_too() -> None:
    response = _client().post("/compare", files={"a_file": ("a.txt", b"z" * LIMIT * 2)})
    assert response.status_code == 413
