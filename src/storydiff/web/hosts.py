"""Answer only requests addressed to this server's own names (the DNS-rebinding guard).

A web page elsewhere can point its own host name at this server (127.0.0.1, or a LAN address)
and then call it from the victim's browser; its requests then carry that foreign name in
``Host``. The guard is always on, token or not: ``Host`` must be a loopback name
(``localhost``, 127.0.0.0/8, ``::1``), one of the configured ``allowed_hosts``, or, when a token
is set (the server may listen beyond loopback), an IP address. An IP address cannot be
rebound: a page can only carry it in ``Host`` when that page came from the address itself.
"""

from __future__ import annotations

import ipaddress
import json
from collections.abc import Iterable
from urllib.parse import urlsplit

from starlette.types import ASGIApp, Receive, Scope, Send

from .config import is_loopback_host

__all__ = ["HostCheckMiddleware", "LoopbackHostMiddleware", "host_allowed", "host_is_loopback"]


def _name(header: str) -> str | None:
    """The host name (or address) of a ``Host`` header, lower-cased; None when malformed."""
    try:
        name = urlsplit("//" + header.strip()).hostname
    except ValueError:
        return None
    return name.rstrip(".") if name else None


def host_is_loopback(header: str) -> bool:
    """Whether a ``Host`` header (name or address, optional port) names this machine."""
    name = _name(header)
    return name is not None and is_loopback_host(name)


def _is_address(name: str) -> bool:
    """Whether ``name`` is an IP address other than 0.0.0.0 or ::."""
    try:
        return not ipaddress.ip_address(name).is_unspecified
    except ValueError:
        return False


def host_allowed(header: str, allowed: Iterable[str] = (), *, addresses: bool = False) -> bool:
    """Whether a ``Host`` header names this server: a loopback name, one of ``allowed``, or
    (with ``addresses``) any IP address.

    Example:
        >>> host_allowed("news.example.org:8000", ["news.example.org"])
        True
        >>> host_allowed("evil.example", ["news.example.org"], addresses=True)
        False
    """
    name = _name(header)
    if name is None:
        return False
    if is_loopback_host(name) or name in {a.lower().strip("[]") for a in allowed}:
        return True
    return addresses and _is_address(name)


class HostCheckMiddleware:
    """Answer 421 to HTTP requests whose ``Host`` header names no one this server answers for.

    Args:
        app: the wrapped app.
        allowed: host names allowed besides loopback names.
        addresses: allow any IP address in ``Host`` (set when a token is configured).
    """

    def __init__(self, app: ASGIApp, *, allowed: Iterable[str] = (),
                 addresses: bool = False) -> None:
        self.app = app
        self.allowed = tuple(allowed)
        self.addresses = addresses

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        """Pass requests for this server's names on; refuse the others."""
        if scope["type"] != "http" or host_allowed(_host(scope), self.allowed,
                                                   addresses=self.addresses):
            await self.app(scope, receive, send)
            return
        names = ", ".join(["127.0.0.1", "localhost", *self.allowed])
        body = json.dumps({"detail": f"this server only answers requests addressed to {names}"
                                     f"{' or an IP address' if self.addresses else ''}; start "
                                     "it with --allowed-host NAME to serve another name"}).encode()
        await send({"type": "http.response.start", "status": 421,
                    "headers": [(b"content-type", b"application/json"),
                                (b"content-length", str(len(body)).encode())]})
        await send({"type": "http.response.body", "body": body})


#: The guard without a token and without extra names (kept for callers of earlier releases).
LoopbackHostMiddleware = HostCheckMiddleware


def _host(scope: Scope) -> str:
    """The request's Host header (empty when absent)."""
    for name, value in scope.get("headers") or []:
        if name == b"host":
            return bytes(value).decode("latin-1")
    return ""
