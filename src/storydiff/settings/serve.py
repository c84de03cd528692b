"""``ServeConfig``: every option of the web app and REST API (``storydiff serve``)."""

from __future__ import annotations

import ipaddress
import re
from dataclasses import dataclass, field
from pathlib import Path

from .._errors import SettingsError
from ._options import Options, option
from .compare import Settings

__all__ = ["ServeConfig", "is_loopback_host"]

_HOST_NAME = re.compile(r"[A-Za-z0-9.-]{1,253}|\[?[0-9A-Fa-f:.]{2,45}\]?")


def is_loopback_host(host: str) -> bool:
    """Whether ``host`` names only this machine (127.0.0.0/8, ::1 or ``localhost``)."""
    if host.strip().lower() == "localhost":
        return True
    try:
        return ipaddress.ip_address(host.strip("[]")).is_loopback
    except ValueError:
        return False


@dataclass(frozen=True, kw_only=True)
class ServeConfig(Options):
    """Options of ``storydiff serve``. All have safe defaults: loopback only, no fetching.
    Each option's meaning is its help text (``ServeConfig.registry()``, ``storydiff
    settings``); ``settings`` holds the pipeline options shared by every comparison.

    Example:
        >>> ServeConfig(max_concurrency=2).max_concurrency
        2
    """

    store: str | Path | None = option(
        None,
        "Corpus store: a folder (SQLite) or a postgresql:// address; without one only the "
        "compare page and API exist. CLI: --store.")
    token: str | None = option(
        None,
        "When set, write endpoints (POST /api/articles) require it as a bearer token, and the "
        "server may bind to a non-loopback address. CLI: --token or $STORYDIFF_TOKEN.")
    max_body_bytes: int = option(4_000_000, "Larger request bodies get a 413.")
    max_concurrency: int = option(
        2,
        "Comparisons run at most this many at a time (they are CPU-bound).")
    queue_size: int = option(
        8,
        "Comparisons that may wait for a free slot; one more gets 503 with Retry-After (load "
        "shedding).")
    large_bytes: int = option(
        1_000_000,
        "A comparison of articles over this many characters together (or of a URL, or a story's "
        "details) is large work, which may hold at most max_concurrency - 1 slots (at least "
        "one), so ordinary comparisons keep a slot.")
    request_timeout_s: float = option(
        120.0,
        "A comparison (waiting included) that takes longer is answered 503; its work stops at "
        "the next stage boundary. Story details go on computing in the background and are "
        "served from the cache once done.")
    header_timeout_s: float = option(
        10.0,
        "A connection must send a request's headers within this time (slow clients are "
        "disconnected).")
    body_timeout_s: float = option(60.0, "A request body must arrive within this time (else 408).")
    keep_alive_s: int = option(5, "An idle keep-alive connection is closed after this time.")
    max_connections: int = option(100, "Connections (and requests in flight) beyond this get 503.")
    allowed_hosts: tuple[str, ...] = option(
        (),
        "Host names (besides loopback names, and with a token any IP address) that the Host "
        "header may carry; any other is refused with 421 (DNS rebinding). Comma-separated with "
        "--set.")
    story_cache_size: int = option(
        64,
        "Story details kept in memory (each keyed by the store's write marker, so an ingest "
        "makes them stale).")
    allow_fetch: bool = option(
        False,
        "Whether a request may ask the server to fetch an article by URL.")
    fetch_timeout_s: float = option(10.0, "Time cap of one fetch.")
    fetch_max_bytes: int = option(4_000_000, "Size cap of one fetch.")
    settings: Settings = field(default_factory=Settings)

    def __post_init__(self) -> None:
        if self.max_body_bytes < 1024:
            raise SettingsError("max_body_bytes must be at least 1024")
        if self.max_concurrency < 1:
            raise SettingsError("max_concurrency must be at least 1")
        if self.queue_size < 0 or self.story_cache_size < 0 or self.large_bytes < 1:
            raise SettingsError("queue_size and story_cache_size must be at least 0")
        if min(self.request_timeout_s, self.header_timeout_s, self.body_timeout_s) <= 0 \
                or self.keep_alive_s < 1:
            raise SettingsError("request_timeout_s, header_timeout_s and body_timeout_s must be "
                                "positive and keep_alive_s at least 1")
        if self.max_connections < 4:
            raise SettingsError("max_connections must be at least 4")
        for name in self.allowed_hosts:
            if not _HOST_NAME.fullmatch(name):
                raise SettingsError(f"allowed host {name!r} is not a host name or address "
                                    "(no scheme, port or path: e.g. news.example.org)")
        if self.fetch_timeout_s <= 0 or self.fetch_max_bytes < 1024:
            raise SettingsError("fetch_timeout_s must be positive and fetch_max_bytes >= 1024")
        if self.token is not None and len(self.token) < 8:
            raise SettingsError("the token must hold at least 8 characters; pick a long random "
                                "one (python -c 'import secrets; print(secrets.token_urlsafe())')")

    def check_bind(self, host: str) -> None:
        """Refuse to bind to a non-loopback ``host`` when no token is configured.

        Raises:
            SettingsError: ``host`` is reachable from other machines and no token is set.
        """
        if self.token is None and not is_loopback_host(host):
            raise SettingsError(f"refusing to listen on {host} without a token: set --token or "
                                "STORYDIFF_TOKEN, or listen on 127.0.0.1")
