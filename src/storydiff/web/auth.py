"""The write-endpoint token: ``Authorization: Bearer <token>`` (or ``X-Storydiff-Token``)."""

from __future__ import annotations

import hmac

from fastapi import HTTPException, Request

__all__ = ["require_token"]


def _presented(request: Request) -> str | None:
    """The token the request carries, if any."""
    header = request.headers.get("authorization", "")
    scheme, _, value = header.partition(" ")
    if scheme.lower() == "bearer" and value.strip():
        return value.strip()
    return request.headers.get("x-storydiff-token")


def require_token(request: Request) -> None:
    """FastAPI dependency: refuse the request (401) when a token is configured and not given.

    Raises:
        HTTPException: 401 with a ``WWW-Authenticate: Bearer`` header.
    """
    expected: str | None = request.app.state.config.token
    if expected is None:
        return
    given = _presented(request)
    if given is None or not hmac.compare_digest(given.encode(), expected.encode()):
        raise HTTPException(401, "this endpoint needs the server's token: send "
                                 "'Authorization: Bearer <token>'",
                            headers={"WWW-Authenticate": "Bearer"})
