"""The DNS-rebinding guard: without a token only loopback Host names are answered."""

from __future__ import annotations

import pytest
from fastapi.testclient import TestClient

from storydiff.web import ServeConfig, create_app
from storydiff.web.hosts import host_is_loopback


@pytest.mark.parametrize("header, ok", [
    ("127.0.0.1:8000", True), ("localhost", True), ("LOCALHOST:80", True), ("[::1]:8000", True),
    ("127.0.0.1", True), ("evil.example:8000", False), ("127.0.0.1.evil.example", False),
    ("", False), ("[::1", False), ("0.0.0.0:8000", False), ("192.168.0.2", False),
])
def test_host_headers(header: str, ok: bool) -> None:
    assert host_is_loopback(header) is ok


def test_foreign_host_is_refused_without_token() -> None:
    client = TestClient(create_app(ServeConfig()), base_url="http://rebound.example:8000")
    response = client.get("/api/health")
    assert response.status_code == 421 and "127.0.0.1" in response.json()["detail"]
    assert client.post("/api/articles", json={"text": "x"}).status_code == 421


def test_any_host_is_served_with_a_token() -> None:
    client = TestClient(create_app(ServeConfig(token="long-enough-token")),
                        base_url="http://news.example.org")
    assert client.get("/api/health").status_code == 200
