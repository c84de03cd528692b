"""Raw ASGI calls for tests that need concurrency or a client that goes away."""

from __future__ import annotations

import asyncio
import json
from dataclasses import dataclass
from typing import Any

from starlette.types import ASGIApp, Message


@dataclass
class Answer:
    """A response as the app sent it."""

    status: int
    headers: dict[str, str]
    body: bytes

    def json(self) -> Any:
        return json.loads(self.body)


async def call(app: ASGIApp, method: str, path: str, payload: Any = None, *,
               disconnect: asyncio.Event | None = None,
               headers: dict[str, str] | None = None) -> Answer:
    """Send one request to ``app``; the client "goes away" when ``disconnect`` is set."""
    body = b"" if payload is None else json.dumps(payload).encode()
    path, _, query = path.partition("?")
    raw = [(b"host", b"127.0.0.1:8000"), (b"content-length", str(len(body)).encode())]
    if payload is not None:
        raw.append((b"content-type", b"application/json"))
    raw += [(k.lower().encode(), v.encode()) for k, v in (headers or {}).items()]
    scope = {"type": "http", "asgi": {"version": "3.0"}, "http_version": "1.1",
             "method": method, "scheme": "http", "path": path, "raw_path": path.encode(),
             "query_string": query.encode(), "root_path": "", "headers": raw,
             "client": ("127.0.0.1", 50000), "server": ("127.0.0.1", 8000), "state": {}}
    body_sent = False

    async def receive() -> Message:
        nonlocal body_sent
        if not body_sent:
            body_sent = True
            return {"type": "http.request", "body": body, "more_body": False}
        await (disconnect or asyncio.Event()).wait()
        return {"type": "http.disconnect"}

    messages: list[Message] = []

    async def send(message: Message) -> None:
        messages.append(message)

    await app(scope, receive, send)
    start = messages[0]
    return Answer(start["status"],
                  {k.decode(): v.decode() for k, v in start.get("headers", [])},
                  b"".join(m.get("body", b"") for m in messages[1:]))
