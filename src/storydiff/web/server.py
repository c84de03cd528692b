"""Serving the app with uvicorn, with limits on slow and idle connections.

uvicorn closes a keep-alive connection that stays idle, but not one that trickles its request
headers a byte at a time: ``HeaderTimeoutH11Protocol`` gives each request ``header_timeout_s``
seconds from the connection (or the end of the previous response) to the end of its headers,
and closes the connection otherwise. Bodies have their own limit (``BodyLimitMiddleware``), idle
connections ``keep_alive_s``, and connections (and requests in flight) beyond
``max_connections`` get 503 from uvicorn itself. Headers are capped at h11's 16 KB.
"""

from __future__ import annotations

import asyncio
import logging
from typing import Any

from uvicorn.protocols.http.h11_impl import H11Protocol

from .config import ServeConfig

__all__ = ["HeaderTimeoutH11Protocol", "protocol_for", "uvicorn_options"]

_log = logging.getLogger("storydiff.web")


class HeaderTimeoutH11Protocol(H11Protocol):
    """uvicorn's h11 protocol, closing connections whose request headers arrive too slowly."""

    header_timeout_s = 10.0

    def connection_made(self, transport: asyncio.BaseTransport) -> None:
        """Start the header clock for the first request."""
        super().connection_made(transport)  # type: ignore[arg-type]
        self._header_timer: asyncio.TimerHandle | None = None
        self._arm()

    def handle_events(self) -> None:
        """Stop the clock as soon as a request's headers are complete."""
        cycle = self.cycle
        super().handle_events()
        if self.cycle is not cycle:
            self._disarm()

    def on_response_complete(self) -> None:
        """Start the clock for the next request on this connection."""
        if not self.transport.is_closing():
            self._arm()
        super().on_response_complete()

    def connection_lost(self, exc: Exception | None) -> None:
        """Stop the clock."""
        self._disarm()
        super().connection_lost(exc)

    def _arm(self) -> None:
        self._disarm()
        self._header_timer = self.loop.call_later(self.header_timeout_s, self._too_slow)

    def _disarm(self) -> None:
        timer = getattr(self, "_header_timer", None)
        if timer is not None:
            timer.cancel()
            self._header_timer = None

    def _too_slow(self) -> None:
        """The headers did not arrive in time: close the connection."""
        self._header_timer = None
        if not self.transport.is_closing():
            _log.info("closing a connection whose request headers took over %g s",
                      self.header_timeout_s)
            self.transport.close()


def protocol_for(config: ServeConfig) -> type[HeaderTimeoutH11Protocol]:
    """The protocol class with ``config``'s header timeout."""
    return type("ConfiguredH11Protocol", (HeaderTimeoutH11Protocol,),
                {"header_timeout_s": config.header_timeout_s})


def uvicorn_options(config: ServeConfig) -> dict[str, Any]:
    """The uvicorn options that bound connections: protocol, keep-alive, connection cap."""
    return {"http": protocol_for(config), "timeout_keep_alive": config.keep_alive_s,
            "limit_concurrency": config.max_connections, "h11_max_incomplete_event_size": 16384}
