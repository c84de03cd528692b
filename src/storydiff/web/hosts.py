"""Without a token, answer only requests addressed to a loopback name (DNS-rebinding guard).

A web page elsewhere can point its own host name at 127.0.0.1 and then call a local server
from the victim's browser; its requests then carry that foreign name in ``Host``. Refusing
every ``Host`` that is not loopback closes that door while the server runs token-less.
"""

from __future__ import annotations

import json
from urllib.parse import urlsplit

from starlette.types import ASGIApp, Receive, Scope, Send

from .config import is_loopback_host

__all__ = ["LoopbackHostMiddleware", "host_is_loopback"]

_REFUSED = ("this server only answers requests addressed to 127.0.0.1 or localhost (start it "
            "with a token to serve other names)")


def host_is_loopback(header: str) -> bool:
    """Whether a ``Host`` header (name or address, optional port) names this machine."""
    try:
        name = urlsplit("//" + header.strip()).hostname
    except ValueError:
        return False
    return name is not None and is_loopback_host(name)


class LoopbackHostMiddleware:
    """Answer 421 to HTTP requests whose ``Host`` header is not a loopback name."""

    def __init__(self, app: ASGIApp) -> None:
        self.app = app

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        """Pass loopback requests on; refuse the others."""
        if scope["type"] != "http" or host_is_loopback(_host(scope)):
            await self.app(scope, receive, send)
            return
        body = json.dumps({"detail": _REFUSED}).encode()
        await send({"type": "http.response.start", "status": 421,
                    "headers": [(b"content-type", b"application/json"),
                                (b"content-length", str(len(body)).encode())]})
        await send({"type": "http.response.body", "body": body})


def _host(scope: Scope) -> str:
    """The request's Host header (empty when absent)."""
    for name, value in scope.get("headers") or []:
        if name == b"host":
            return bytes(value).decode("latin-1")
    return ""
