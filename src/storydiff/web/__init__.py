"""The web app and REST API behind ``storydiff serve`` (FastAPI + Jinja2, server-rendered).

    >>> from storydiff.web import ServeConfig, create_app      # doctest: +SKIP
    >>> app = create_app(ServeConfig(store=Path("news.store")))  # doctest: +SKIP

Pages: ``/`` (compare), ``/stories``, ``/stories/{id}``. JSON: ``/api/...``; the OpenAPI
document is at ``/openapi.json``. See docs/web.md.
"""

from __future__ import annotations

from .app import create_app
from .config import ServeConfig, is_loopback_host
from .fetch import FetchError, FetchPolicy, address_is_public, fetch_url

__all__ = ["FetchError", "FetchPolicy", "ServeConfig", "address_is_public", "create_app",
           "fetch_url", "is_loopback_host"]
