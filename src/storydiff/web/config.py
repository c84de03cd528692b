"""``ServeConfig``: every option of the web app and REST API, in one validated object."""

from __future__ import annotations

import ipaddress
import re
from dataclasses import dataclass, field
from pathlib import Path

from .._errors import SettingsError
from ..settings import Settings

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
class ServeConfig:
    """Options of ``storydiff serve``. All have safe defaults: loopback only, no fetching.

    Attributes:
        store: folder of a corpus store; without one only the compare page and API exist.
        token: when set, write endpoints (``POST /api/articles``) require it as a bearer token,
            and the server may bind to a non-loopback address.
        max_body_bytes: larger request bodies get a 413.
        max_concurrency: comparisons run at most this many at a time (they are CPU-bound).
        queue_size: comparisons that may wait for a free slot; one more gets 503 with
            ``Retry-After`` (load shedding).
        large_bytes: a comparison of articles over this many characters together (or of a
            URL, or a story's details) is large work, which may hold at most
            ``max_concurrency - 1`` slots (at least one), so ordinary comparisons keep a slot.
        request_timeout_s: a comparison (waiting included) that takes longer is answered 503;
            its work stops at the next stage boundary. Story details go on computing in the
            background and are served from the cache once done.
        header_timeout_s: a connection must send a request's headers within this time (slow
            clients are disconnected).
        body_timeout_s: a request body must arrive within this time (else 408).
        keep_alive_s: an idle keep-alive connection is closed after this time.
        max_connections: connections (and requests in flight) beyond this get 503.
        allowed_hosts: host names (besides loopback names, and with a token any IP address)
            that the ``Host`` header may carry; any other is refused with 421 (DNS rebinding).
        story_cache_size: story details kept in memory (each keyed by the store's write marker,
            so an ingest makes them stale).
        allow_fetch: whether a request may ask the server to fetch an article by URL.
        fetch_timeout_s, fetch_max_bytes: time and size caps of one fetch.
        settings: pipeline options shared by every comparison.

    Example:
        >>> ServeConfig(max_concurrency=2).max_concurrency
        2
    """

    store: Path | None = None
    token: str | None = None
    max_body_bytes: int = 4_000_000
    max_concurrency: int = 2
    queue_size: int = 8
    large_bytes: int = 1_000_000
    request_timeout_s: float = 120.0
    header_timeout_s: float = 10.0
    body_timeout_s: float = 60.0
    keep_alive_s: int = 5
    max_connections: int = 100
    allowed_hosts: tuple[str, ...] = ()
    story_cache_size: int = 64
    allow_fetch: bool = False
    fetch_timeout_s: float = 10.0
    fetch_max_bytes: int = 4_000_000
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
