"""The REST API: JSON endpoints under ``/api`` (the OpenAPI document is at ``/openapi.json``)."""

from __future__ import annotations

from dataclasses import asdict
from typing import Annotated, Any

from fastapi import APIRouter, Body, Depends, HTTPException, Query, Request
from fastapi.responses import HTMLResponse, JSONResponse, Response
from starlette.concurrency import run_in_threadpool

from .._errors import InputError
from .._version import __version__
from ..corpus.types import ArticleRecord, IngestSummary, StoryDetail, StorySummary
from ..document import Article
from ..report.render import render_html
from .auth import require_token
from .comparing import CompareService
from .errors import ERRORS
from .inputs import ArticleIn, Batch, CompareIn, to_article
from .jobs import watch_disconnect
from .store import StoreGate
from .stories import StoryCache

__all__ = ["router", "store_gate", "story_cache"]

router = APIRouter(prefix="/api", tags=["api"])


def _errors(*codes: int) -> dict[int | str, dict[str, Any]]:
    """The documented error answers of one route."""
    return {code: ERRORS[code] for code in codes}


def service(request: Request) -> CompareService:
    """The app's comparison service."""
    svc: CompareService = request.app.state.compare
    return svc


def store_gate(request: Request) -> StoreGate:
    """The app's store, or 404 when the server runs without one."""
    gate: StoreGate | None = request.app.state.store
    if gate is None:
        raise HTTPException(404, "this server has no store: start it with "
                                 "'storydiff serve --store DIR'")
    return gate


def story_cache(request: Request) -> StoryCache:
    """The app's story cache (404 without a store)."""
    store_gate(request)
    cache: StoryCache = request.app.state.stories
    return cache


Service = Annotated[CompareService, Depends(service)]
Gate = Annotated[StoreGate, Depends(store_gate)]
Stories = Annotated[StoryCache, Depends(story_cache)]


@router.get("/health")
async def health(request: Request, svc: Service) -> dict[str, Any]:
    """Liveness: version, whether the models are loaded, whether a store and fetching are on,
    and the comparison queue (running, waiting, slots, queue size)."""
    return {"status": "ok", "version": __version__, "models_loaded": svc.loaded,
            "store": request.app.state.store is not None,
            "fetch": request.app.state.config.allow_fetch,
            "queue": {"running": svc.running, "waiting": svc.waiting, "slots": svc.slots,
                      "size": svc.queue}}


@router.post("/compare", response_model=None, dependencies=[Depends(require_token)],
             responses={200: {"description": "The report (docs/schema.md), or its HTML page when "
                                             "format='html'.",
                              "content": {"application/json": {"schema": {"type": "object"}},
                                          "text/html": {"schema": {"type": "string"}}}},
                        **_errors(401, 413, 422, 503)})
async def compare(request: Request, body: CompareIn, svc: Service) -> Response:
    """Compare two articles: verdict, aligned claims, discrepancies, reuse, likely source.
    Needs the token when one is configured. Answers 503 with ``Retry-After`` when the
    comparison queue is full or the comparison runs past the time limit."""
    async with watch_disconnect(request, svc.job()) as job:
        data = await svc.compare(body.a, body.b, job)
    if body.format == "html":
        return HTMLResponse(render_html(data, nonce=request.state.nonce))
    return JSONResponse(data)


@router.post("/articles", status_code=201, dependencies=[Depends(require_token)],
             response_model=IngestSummary, responses=_errors(401, 404, 413, 422, 503))
async def add_articles(
    svc: Service, gate: Gate,
    body: Annotated[Batch, Body(description="One article or a list of 1 to 1000.")],
) -> IngestSummary:
    """Ingest one or many articles into the store (needs the token when one is configured).

    One article that cannot be read (empty, binary, too large, a refused URL) fails the
    request with 413 or 422; in a list, each such item is reported in ``errors`` ("item N:
    problem") and counted in ``failed``, and the others are ingested."""
    if isinstance(body, ArticleIn):
        articles = [await _article(svc, body, 0)]
        return await gate.run(lambda store: store.add(articles))
    kept: list[Article] = []
    failures: list[str] = []
    for index, item in enumerate(body):
        try:
            kept.append(await _article(svc, item, index))
        except InputError as exc:
            failures.append(f"item {index}: {exc}")
    if not kept:
        return IngestSummary(0, 0, len(failures), failures, 0.0)
    summary: IngestSummary = await gate.run(lambda store: store.add(kept))
    return IngestSummary(summary.added, summary.duplicates, summary.failed + len(failures),
                         failures + summary.errors, summary.seconds)


async def _article(svc: CompareService, item: ArticleIn, index: int) -> Article:
    """One request item as an Article (fetching runs in a worker thread)."""
    label = item.source or item.url or f"<article {index}>"
    return await run_in_threadpool(to_article, item, label, svc.settings, svc.fetching)


@router.get("/stories", response_model=dict[str, Any], responses=_errors(404, 422, 503))
async def stories(
    gate: Gate,
    q: Annotated[str | None, Query(max_length=200, description="Words to search for.")] = None,
    since: Annotated[str | None, Query(max_length=32, description="ISO date.")] = None,
    lang: Annotated[str | None, Query(max_length=16)] = None,
    min_size: Annotated[int, Query(ge=1, le=100_000)] = 1,
    limit: Annotated[int, Query(ge=1, le=200)] = 50,
    offset: Annotated[int, Query(ge=0, le=10_000_000)] = 0,
) -> dict[str, Any]:
    """List stories (searchable, paginated) with size, languages, sources and first-seen time."""
    found: list[StorySummary] = await gate.run(lambda store: store.stories(
        since=since, lang=lang, min_size=min_size, query=q or None, limit=limit, offset=offset))
    return {"stories": [asdict(s) for s in found], "limit": limit, "offset": offset}


@router.get("/stories/{story_id}", response_model=StoryDetail, responses=_errors(404, 422, 503))
async def story(request: Request, story_id: int, cache: Stories,
                svc: Service) -> StoryDetail:
    """One story: members by time, near-duplicate groups, origin, rewrite chain, divergences.

    Computed once after each ingest (it compares the members) and then served from a cache;
    503 with ``Retry-After`` while a large story is still being computed."""
    async with watch_disconnect(request, svc.job(what=f"story {story_id}")) as job:
        return await cache.get(story_id, job)


@router.get("/articles/{article_id}", response_model=ArticleRecord,
            responses=_errors(404, 422, 503))
async def article(article_id: int, gate: Gate) -> ArticleRecord:
    """One stored article: metadata, clean text and its story."""
    return await gate.run(lambda store: store.article(article_id))


@router.get("/articles/{article_id}/similar", response_model=dict[str, Any],
            responses=_errors(404, 422, 503))
async def similar(article_id: int, gate: Gate,
                  k: Annotated[int, Query(ge=1, le=100)] = 10) -> dict[str, Any]:
    """The ``k`` stored articles nearest in meaning to this one (itself left out)."""
    record: ArticleRecord = await gate.run(lambda store: store.article(article_id))
    # a trailing newline keeps the corpus from ever reading a one-line text as a file path
    query = record.clean_text + "\n"
    hits = await gate.run(lambda store: store.similar(query, k + 1))
    kept = [(i, score) for i, score in hits if i != article_id][:k]
    return {"article": article_id,
            "similar": [{"id": i, "score": round(score, 4)} for i, score in kept]}
