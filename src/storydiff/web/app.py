"""``create_app``: the FastAPI application behind ``storydiff serve`` (pages and REST API)."""

from __future__ import annotations

import asyncio
import logging
from collections.abc import AsyncIterator
from contextlib import asynccontextmanager

from fastapi import FastAPI
from jinja2 import Environment, PackageLoader
from starlette.concurrency import run_in_threadpool
from starlette.staticfiles import StaticFiles

from .._version import __version__
from ..pipeline.comparer import Comparer
from . import api, pages
from .comparing import CompareService
from .config import ServeConfig
from .errors import install_error_handlers
from .fetch import FetchPolicy
from .headers import SecurityHeadersMiddleware
from .hosts import HostCheckMiddleware
from .inputs import Fetching
from .limits import BodyLimitMiddleware
from .store import CorpusView, StoreGate, open_corpus
from .stories import StoryCache

__all__ = ["create_app"]

_log = logging.getLogger("storydiff.web")


def create_app(config: ServeConfig | None = None, *, comparer: Comparer | None = None,
               store: CorpusView | None = None, preload: bool = False) -> FastAPI:
    """Build the web app and REST API.

    Args:
        config: server options (store folder, token, limits, fetching); safe defaults.
        comparer: a ready ``Comparer`` to share (default: one created on first use).
        store: a ready store object (default: the corpus in ``config.store``, if any).
        preload: load the models in the background at start-up, so the first comparison is
            not slow.

    Returns:
        A FastAPI application; serve it with uvicorn, or test it with ``TestClient``.

    Example:
        >>> from fastapi.testclient import TestClient             # doctest: +SKIP
        >>> TestClient(create_app()).get("/api/health").json()["status"]  # doctest: +SKIP
        'ok'
    """
    config = config or ServeConfig()
    app = FastAPI(title="storydiff", version=__version__, docs_url=None, redoc_url=None,
                  openapi_url="/openapi.json", lifespan=_lifespan(preload),
                  description="Compare news articles claim by claim; explore stored stories.")
    app.state.config = config
    app.state.compare = CompareService(settings=config.settings, slots=config.max_concurrency,
                                       fetching=Fetching(_policy(config)), comparer=comparer,
                                       queue=config.queue_size,
                                       timeout_s=config.request_timeout_s,
                                       large_bytes=config.large_bytes)
    app.state.store = _gate(config, store)
    app.state.stories = None if app.state.store is None else StoryCache(
        app.state.store, app.state.compare, size=config.story_cache_size,
        timeout_s=max(600.0, 10 * config.request_timeout_s))
    app.state.templates = Environment(loader=PackageLoader("storydiff.web", "templates"),
                                      autoescape=True, trim_blocks=True, lstrip_blocks=True)
    app.add_middleware(BodyLimitMiddleware, max_bytes=config.max_body_bytes,
                       timeout_s=config.body_timeout_s)
    app.add_middleware(HostCheckMiddleware, allowed=config.allowed_hosts,
                       addresses=config.token is not None)
    app.add_middleware(SecurityHeadersMiddleware)
    app.mount("/static", StaticFiles(packages=[("storydiff.web", "static")]), name="static")
    app.include_router(api.router)
    app.include_router(pages.router)
    install_error_handlers(app)
    return app


def _policy(config: ServeConfig) -> FetchPolicy | None:
    """The fetch policy, or None when fetching is off."""
    if not config.allow_fetch:
        return None
    return FetchPolicy(timeout_s=config.fetch_timeout_s, max_bytes=config.fetch_max_bytes)


def _gate(config: ServeConfig, store: CorpusView | None) -> StoreGate | None:
    """The gate to the given store, to the configured store folder, or None."""
    if store is not None:
        return StoreGate(lambda: store)
    if config.store is not None:
        path, settings = config.store, config.settings
        return StoreGate(lambda: open_corpus(path, settings))
    return None


def _lifespan(preload: bool):  # type: ignore[no-untyped-def]  # FastAPI's lifespan type is private
    """Start-up (optional model warm-up) and shutdown (close the store)."""

    @asynccontextmanager
    async def lifespan(app: FastAPI) -> AsyncIterator[None]:
        warm = asyncio.create_task(_warm_up(app.state.compare)) if preload else None
        yield
        if warm is not None and not warm.done():
            warm.cancel()
        if app.state.stories is not None:
            await app.state.stories.close()
        if app.state.store is not None:
            await run_in_threadpool(app.state.store.close)
        app.state.compare.close()

    return lifespan


async def _warm_up(service: CompareService) -> None:
    """Load the models in a worker thread; a failure is logged, the first request retries."""
    try:
        await service.run(service.warm_up, service.job(what="loading the models",
                                                       timeout_s=3600))
        _log.info("models loaded")
    except Exception:  # the server stays up; the error shows again on the first comparison
        _log.exception("loading the models failed")
