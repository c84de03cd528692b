"""``ServeConfig``: every option of the web app and REST API, in one validated object."""

from __future__ import annotations

import ipaddress
from dataclasses import dataclass, field
from pathlib import Path

from .._errors import SettingsError
from ..settings import Settings

__all__ = ["ServeConfig", "is_loopback_host"]


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
    allow_fetch: bool = False
    fetch_timeout_s: float = 10.0
    fetch_max_bytes: int = 4_000_000
    settings: Settings = field(default_factory=Settings)

    def __post_init__(self) -> None:
        if self.max_body_bytes < 1024:
            raise SettingsError("max_body_bytes must be at least 1024")
        if self.max_concurrency < 1:
            raise SettingsError("max_concurrency must be at least 1")
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
