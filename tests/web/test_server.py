"""Slow connections against a live uvicorn on 127.0.0.1 (issue #13): request headers that
trickle in are cut off, a body that does not arrive gets 408, idle keep-alive connections are
closed. Every loop here is bounded by a deadline."""

from __future__ import annotations

import socket
import threading
import time
from collections.abc import Iterator

import pytest
import uvicorn

from storydiff.web import ServeConfig, create_app
from storydiff.web.server import HeaderTimeoutH11Protocol, uvicorn_options


def _free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return int(sock.getsockname()[1])


@pytest.fixture(scope="module")
def server() -> Iterator[tuple[str, int]]:
    """A live server with short limits: headers 0.5 s, body 0.5 s, keep-alive 1 s."""
    config = ServeConfig(header_timeout_s=0.5, body_timeout_s=0.5, keep_alive_s=1)
    port = _free_port()
    live = uvicorn.Server(uvicorn.Config(create_app(config), host="127.0.0.1", port=port,
                                         log_level="warning", lifespan="off",
                                         **uvicorn_options(config)))
    thread = threading.Thread(target=live.run, daemon=True)
    thread.start()
    deadline = time.monotonic() + 10
    while not live.started:
        assert time.monotonic() < deadline, "the server did not start"
        time.sleep(0.02)
    yield "127.0.0.1", port
    live.should_exit = True
    thread.join(10)


def _closed_after(sock: socket.socket, trickle: bytes | None, limit_s: float) -> float:
    """Seconds until the server closes ``sock`` (sending ``trickle`` a byte at a time every
    0.1 s meanwhile); fails after ``limit_s``."""
    started = time.monotonic()
    sock.settimeout(0.1)
    sent = 0
    while time.monotonic() - started < limit_s:
        if trickle is not None and sent < len(trickle):
            try:
                sock.sendall(trickle[sent:sent + 1])
            except OSError:
                return time.monotonic() - started
            sent += 1
        try:
            data = sock.recv(65536)
        except TimeoutError:
            continue
        except OSError:
            return time.monotonic() - started
        if data == b"":
            return time.monotonic() - started
    raise AssertionError(f"the connection was still open after {limit_s} s")


def test_headers_that_trickle_in_are_cut_off(server: tuple[str, int]) -> None:
    with socket.create_connection(server, timeout=5) as sock:
        seconds = _closed_after(sock, b"GET /api/health HTTP/1.1\r\nHost: 127.0.0.1\r\n"
                                      b"X-Slow: " + b"a" * 200, limit_s=5)
    assert seconds < 2


def test_a_silent_connection_is_closed(server: tuple[str, int]) -> None:
    with socket.create_connection(server, timeout=5) as sock:
        assert _closed_after(sock, None, limit_s=5) < 2


def test_a_kept_alive_connection_cannot_trickle_either(server: tuple[str, int]) -> None:
    with socket.create_connection(server, timeout=5) as sock:
        sock.sendall(b"GET /api/health HTTP/1.1\r\nHost: 127.0.0.1\r\n\r\n")
        sock.settimeout(5)
        assert sock.recv(65536).startswith(b"HTTP/1.1 200")
        seconds = _closed_after(sock, b"GET /api/health HTTP/1.1\r\nX-Slow: " + b"b" * 200,
                                limit_s=5)
    assert seconds < 2


def test_a_body_that_does_not_arrive_gets_408(server: tuple[str, int]) -> None:
    with socket.create_connection(server, timeout=5) as sock:
        sock.sendall(b"POST /api/compare HTTP/1.1\r\nHost: 127.0.0.1\r\n"
                     b"Content-Type: application/json\r\nContent-Length: 1000\r\n\r\n{\"a\": ")
        sock.settimeout(5)
        answer = b""
        deadline = time.monotonic() + 5
        while time.monotonic() < deadline:  # until the server closes the connection
            chunk = sock.recv(65536)
            if not chunk:
                break
            answer += chunk
    assert answer.startswith(b"HTTP/1.1 408") and b"did not arrive" in answer


def test_the_protocol_takes_the_configured_timeout() -> None:
    options = uvicorn_options(ServeConfig(header_timeout_s=3.5, max_connections=50))
    assert issubclass(options["http"], HeaderTimeoutH11Protocol)
    assert options["http"].header_timeout_s == 3.5 and options["limit_concurrency"] == 50
