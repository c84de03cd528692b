"""The REST API: JSON endpoints under ``/api`` (the OpenAPI document is at ``/openapi.json``)."""

from __future__ import annotations

from dataclasses import asdict
from typing import Annotated, Any

from fastapi import APIRouter, Body, Depends, HTTPException, Query, Request
from fastapi.responses import HTMLResponse, JSONResponse, Response
from starlette.concurrency import run_in_threadpool

from .. import __version__
from ..compare.render import render_html
from ..corpus.types import ArticleRecord, IngestSummary, StoryDetail, StorySummary
from ..document import Article
from .auth import require_token
from .comparing import CompareService
from .inputs import ArticleIn, CompareIn, to_article
from .store import StoreGate

__all__ = ["router", "store_gate"]

router = APIRouter(prefix="/api", tags=["api"])
_MAX_BATCH = 1000


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


Service = Annotated[CompareService, Depends(service)]
Gate = Annotated[StoreGate, Depends(store_gate)]


@router.get("/health")
async def health(request: Request, svc: Service) -> dict[str, Any]:
    """Liveness: version, whether the models are loaded, whether a store and fetching are on."""
    return {"status": "ok", "version": __version__, "models_loaded": svc.loaded,
            "store": request.app.state.store is not None,
            "fetch": request.app.state.config.allow_fetch}


@router.post("/compare", response_model=None, responses={
    200: {"description": "The report (docs/schema.md), or its HTML page when format='html'."},
    413: {"description": "Body or article over the size limit."},
    422: {"description": "Malformed request, or an input that is not an article."}})
async def compare(request: Request, body: CompareIn, svc: Service) -> Response:
    """Compare two articles: verdict, aligned claims, discrepancies, reuse, likely source."""
    data = await svc.compare(body.a, body.b)
    if body.format == "html":
        return HTMLResponse(render_html(data, nonce=request.state.nonce))
    return JSONResponse(data)


@router.post("/articles", status_code=201, dependencies=[Depends(require_token)],
             response_model=IngestSummary)
async def add_articles(
    svc: Service, gate: Gate,
    body: Annotated[ArticleIn | list[ArticleIn], Body(description="One article or a list.")],
) -> IngestSummary:
    """Ingest one or many articles into the store (needs the token when one is configured)."""
    items = body if isinstance(body, list) else [body]
    if not items or len(items) > _MAX_BATCH:
        raise HTTPException(422, f"send between 1 and {_MAX_BATCH} articles per request")
    articles = [await _article(svc, item, i) for i, item in enumerate(items)]
    return await gate.run(lambda store: store.add(articles))


async def _article(svc: CompareService, item: ArticleIn, index: int) -> Article:
    """One request item as an Article (fetching runs in a worker thread)."""
    label = item.source or item.url or f"<article {index}>"
    return await run_in_threadpool(to_article, item, label, svc.settings, svc.fetching)


@router.get("/stories", response_model=dict[str, Any])
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


@router.get("/stories/{story_id}", response_model=StoryDetail)
async def story(story_id: int, gate: Gate) -> StoryDetail:
    """One story: members by time, near-duplicate groups, origin, rewrite chain, divergences."""
    return await gate.run(lambda store: store.story(story_id))


@router.get("/articles/{article_id}", response_model=ArticleRecord)
async def article(article_id: int, gate: Gate) -> ArticleRecord:
    """One stored article: metadata, clean text and its story."""
    return await gate.run(lambda store: store.article(article_id))


@router.get("/articles/{article_id}/similar", response_model=dict[str, Any])
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
