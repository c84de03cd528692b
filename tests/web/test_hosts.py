"""The DNS-rebinding guard: without a token only loopback Host names are answered."""

from __future__ import annotations

import pytest
from fastapi.testclient import TestClient

from storydiff.web import ServeConfig, create_app
from storydiff.web.hosts import host_allowed, host_is_loopback

from .fakes import FakeStore


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


@pytest.mark.parametrize("header, allowed, addresses, ok", [
    ("news.example.org:8000", ["news.example.org"], False, True),
    ("NEWS.example.org.", ["news.example.org"], False, True),
    ("evil.example", ["news.example.org"], True, False),
    ("evil.example", [], True, False),
    ("192.168.1.5:8000", [], True, True),
    ("[2001:db8::1]:8000", [], True, True),
    ("192.168.1.5:8000", [], False, False),
    ("0.0.0.0:8000", [], True, False),
    ("localhost", [], True, True),
])
def test_host_allowed(header: str, allowed: list[str], addresses: bool, ok: bool) -> None:
    assert host_allowed(header, allowed, addresses=addresses) is ok


def test_a_token_no_longer_opens_every_host_name() -> None:
    """The red-team finding: with a token set, ``Host: evil.example`` read a stored article.
    The guard now stays on: only this server's names (and, with a token, IP addresses)."""
    store = FakeStore()
    store.put(title="Secret", text="The full text of a stored article.")
    app = create_app(ServeConfig(token="long-enough-token"), store=store)
    rebound = TestClient(app, base_url="http://evil.example")
    response = rebound.get("/api/articles/1")
    assert response.status_code == 421 and "full text" not in response.text
    assert "--allowed-host" in response.json()["detail"]
    assert TestClient(app, base_url="http://10.1.2.3:8000").get("/api/articles/1").status_code \
        == 200
    assert TestClient(app, base_url="http://127.0.0.1:8000").get("/api/health").status_code == 200


def test_configured_names_are_served() -> None:
    app = create_app(ServeConfig(token="long-enough-token", allowed_hosts=("news.example.org",)))
    assert TestClient(app, base_url="http://news.example.org").get(
        "/api/health").status_code == 200
    assert TestClient(app, base_url="http://other.example.org").get(
        "/api/health").status_code == 421
    tokenless = create_app(ServeConfig(allowed_hosts=("storydiff.local",)))
    assert TestClient(tokenless, base_url="http://storydiff.local").get(
        "/api/health").status_code == 200
    # without a token an address other than loopback is not this server's
    assert TestClient(tokenless, base_url="http://192.168.1.5").get(
        "/api/health").status_code == 421
