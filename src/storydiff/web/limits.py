"""A request body size and time limit, enforced before any route reads the body.

The middleware buffers the body (up to the limit) and replays it to the app, so a chunked
upload without ``Content-Length`` is refused as surely as one that declares its size. A body
that takes longer than ``timeout_s`` to arrive (a slow sender holding a connection) gets 408 and
the connection is closed.
"""

from __future__ import annotations

import asyncio
import json

from starlette.types import ASGIApp, Message, Receive, Scope, Send

__all__ = ["BodyLimitMiddleware"]


class BodyLimitMiddleware:
    """Answer 413 to any HTTP request whose body is over ``max_bytes``, 408 to one whose body
    takes over ``timeout_s`` seconds to arrive."""

    def __init__(self, app: ASGIApp, *, max_bytes: int, timeout_s: float = 60.0) -> None:
        self.app = app
        self.max_bytes = max_bytes
        self.timeout_s = timeout_s

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        """Check the declared size, then the received size, before calling the app."""
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return
        if _declared_length(scope) > self.max_bytes:
            await self._refuse(send)
            return
        try:
            async with asyncio.timeout(self.timeout_s):
                messages = await _read_body(receive, self.max_bytes)
        except TimeoutError:
            await _close_with(send, 408, f"the request body did not arrive within "
                                         f"{self.timeout_s:g} s")
            return
        if messages is None:
            await self._refuse(send)
            return
        await self.app(scope, _replay(messages, receive), send)

    async def _refuse(self, send: Send) -> None:
        """Send the 413 answer."""
        await _close_with(send, 413, f"request body over the limit of {self.max_bytes:,} "
                                     "bytes; send a shorter article")


async def _close_with(send: Send, status: int, message: str) -> None:
    """Answer ``status`` with ``{"detail": message}`` and close the connection."""
    body = json.dumps({"detail": message}).encode()
    await send({"type": "http.response.start", "status": status,
                "headers": [(b"content-type", b"application/json"),
                            (b"content-length", str(len(body)).encode()),
                            (b"connection", b"close")]})
    await send({"type": "http.response.body", "body": body})


def _declared_length(scope: Scope) -> int:
    """The Content-Length header as a number (0 when absent or malformed)."""
    for name, value in scope.get("headers") or []:
        if name == b"content-length":
            try:
                return int(value)
            except ValueError:
                return 0
    return 0


async def _read_body(receive: Receive, limit: int) -> list[Message] | None:
    """Every body message of the request, or None as soon as they hold over ``limit`` bytes."""
    messages: list[Message] = []
    size = 0
    while True:
        message = await receive()
        messages.append(message)
        if message["type"] != "http.request":
            return messages
        size += len(message.get("body", b""))
        if size > limit:
            return None
        if not message.get("more_body", False):
            return messages


def _replay(messages: list[Message], receive: Receive) -> Receive:
    """A ``receive`` that hands back the buffered messages, then defers to the real one."""
    queue = list(messages)

    async def replayed() -> Message:
        """The next buffered message, or the next live one (a disconnect)."""
        return queue.pop(0) if queue else await receive()

    return replayed
