"""The server's token: ``Authorization: Bearer <token>`` (or ``X-Storydiff-Token``).

When a token is configured, every endpoint that writes or runs a comparison needs it. The API
takes it only from those headers. The pages take it once, from the compare form's token field,
and then from a cookie (``HttpOnly``, ``SameSite=Strict``) that holds an HMAC of the token,
never the token itself, so that the story page's comparison links work in a browser.
"""

from __future__ import annotations

import hashlib
import hmac

from fastapi import HTTPException, Request

__all__ = ["COOKIE", "cookie_value", "page_token_ok", "require_token", "token_ok"]

COOKIE = "storydiff_session"
_UNAUTHORIZED = ("this endpoint needs the server's token: send 'Authorization: Bearer <token>'")


def _presented(request: Request) -> str | None:
    """The token the request carries in its headers, if any."""
    header = request.headers.get("authorization", "")
    scheme, _, value = header.partition(" ")
    if scheme.lower() == "bearer" and value.strip():
        return value.strip()
    return request.headers.get("x-storydiff-token")


def _equal(given: str | None, expected: str) -> bool:
    """Constant-time comparison of a presented secret with the expected one."""
    return given is not None and hmac.compare_digest(given.encode("utf-8", "replace"),
                                                     expected.encode("utf-8", "replace"))


def cookie_value(token: str) -> str:
    """What the page cookie holds for ``token``: an HMAC, useless as an API token."""
    return hmac.new(token.encode(), b"storydiff page session", hashlib.sha256).hexdigest()


def token_ok(request: Request, form_token: str | None = None) -> bool:
    """Whether the request may run: no token configured, or it is presented (a header, the
    form's field when given)."""
    expected: str | None = request.app.state.config.token
    if expected is None:
        return True
    return _equal(_presented(request), expected) or _equal(form_token, expected)


def page_token_ok(request: Request, form_token: str | None = None) -> bool:
    """``token_ok``, or the page cookie set after an earlier correct token."""
    expected: str | None = request.app.state.config.token
    if token_ok(request, form_token) or expected is None:
        return True
    return _equal(request.cookies.get(COOKIE), cookie_value(expected))


def require_token(request: Request) -> None:
    """FastAPI dependency: refuse the request (401) when a token is configured and not given.

    Raises:
        HTTPException: 401 with a ``WWW-Authenticate: Bearer`` header.
    """
    if not token_ok(request):
        raise HTTPException(401, _UNAUTHORIZED, headers={"WWW-Authenticate": "Bearer"})
