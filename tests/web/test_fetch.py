"""URL fetching: address checks, refusals on every hop, caps. Only loopback is ever contacted."""

from __future__ import annotations

import threading
from collections.abc import Iterator
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

import pytest

from storydiff.web import FetchError, FetchPolicy, ServeConfig, address_is_public, create_app
from storydiff.web.fetch import check_url, checked_addresses

from .conftest import local_client


@pytest.mark.parametrize("address", [
    "127.0.0.1", "127.9.9.9", "10.0.0.1", "172.16.5.4", "192.168.1.1", "169.254.169.254",
    "100.64.0.1", "0.0.0.0", "224.0.0.1", "240.0.0.1", "255.255.255.255", "::1", "::",
    "fe80::1", "fc00::1", "fd12:3456::1", "::ffff:127.0.0.1", "::ffff:10.0.0.1",
    "2002:7f00:1::1", "ff02::1", "192.0.2.10", "198.18.0.1", "not-an-ip", "fe80::1%eth0",
])
def test_non_public_addresses_are_refused(address: str) -> None:
    assert not address_is_public(address)


@pytest.mark.parametrize("address", ["93.184.216.34", "8.8.8.8", "2606:4700::1111",
                                     "::ffff:8.8.8.8"])
def test_public_addresses_are_allowed(address: str) -> None:
    assert address_is_public(address)


@pytest.mark.parametrize("url", ["file:///etc/passwd", "ftp://example.org/a", "gopher://x/",
                                 "http:///nohost", "//example.org/a", "http://user:pw@example.org/"])
def test_only_plain_http_urls_pass(url: str) -> None:
    with pytest.raises(FetchError):
        check_url(url)


def _resolver(table: dict[str, list[str]]):  # type: ignore[no-untyped-def]
    """A resolver over a fixed table: no DNS traffic."""
    return lambda host, port: table.get(host, [])


def test_a_host_with_any_private_address_is_refused() -> None:
    policy = FetchPolicy(resolve=_resolver({"mixed.test": ["8.8.8.8", "10.1.1.1"]}))
    with pytest.raises(FetchError, match=r"10\.1\.1\.1"):
        checked_addresses("mixed.test", 80, policy)
    with pytest.raises(FetchError, match="no address"):
        checked_addresses("nothing.test", 80, policy)


def test_loopback_urls_are_refused_before_any_connection() -> None:
    from storydiff.web import fetch_url

    for url in ("http://127.0.0.1:9/", "http://[::1]:9/", "http://localhost:9/",
                "http://2130706433:9/", "http://0x7f.1:9/"):
        with pytest.raises(FetchError, match=r"refusing|resolved"):
            fetch_url(url)


class _Handler(BaseHTTPRequestHandler):
    """/redirect → a private host; /big → more bytes than the cap; / → a small page."""

    def do_GET(self) -> None:
        if self.path == "/redirect":
            self.send_response(302)
            self.send_header("Location", "http://internal.test/admin")
            self.end_headers()
            return
        body = b"<html><body><p>" + (b"word " * 5000 if self.path == "/big" else b"Hi") + \
            b"</p></body></html>"
        self.send_response(200)
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        self.wfile.write(body)

    def log_message(self, *args: object) -> None:
        """Keep the test output quiet."""


@pytest.fixture
def local_server() -> Iterator[int]:
    """A tiny HTTP server on 127.0.0.1; yields its port."""
    server = ThreadingHTTPServer(("127.0.0.1", 0), _Handler)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    yield server.server_address[1]
    server.shutdown()
    server.server_close()


def _loopback_policy(**caps: int) -> FetchPolicy:
    """A policy that lets the tests reach their loopback server under a fake public name."""
    table = {"news.test": ["127.0.0.1"], "internal.test": ["10.0.0.7"]}
    return FetchPolicy(resolve=_resolver(table), allowed=lambda a: a == "127.0.0.1",
                       timeout_s=5, **caps)


def test_fetch_reads_a_page_through_the_checked_address(local_server: int) -> None:
    from storydiff.web import fetch_url

    page = fetch_url(f"http://news.test:{local_server}/", _loopback_policy())
    assert b"Hi" in page.data and page.url.startswith("http://news.test")


def test_redirects_are_checked_again(local_server: int) -> None:
    from storydiff.web import fetch_url

    with pytest.raises(FetchError, match=r"10\.0\.0\.7"):
        fetch_url(f"http://news.test:{local_server}/redirect", _loopback_policy())


def test_size_cap(local_server: int) -> None:
    from storydiff.web import fetch_url

    with pytest.raises(FetchError, match="over 2,048 bytes"):
        fetch_url(f"http://news.test:{local_server}/big", _loopback_policy(max_bytes=2048))


def test_api_refuses_loopback_urls_when_fetching_is_on() -> None:
    with local_client(create_app(ServeConfig(allow_fetch=True))) as client:
        response = client.post("/api/compare", json={"a": {"url": "http://127.0.0.1:1/x"},
                                                     "b": "text"})
    assert response.status_code == 422 and "refusing" in response.json()["detail"]
