"""The server-rendered pages: compare (works without a store), stories, one story.

Every value from an article goes through Jinja's autoescaping; nothing from a request reaches
a URL, an event handler or a style. Inline scripts and styles carry the request's CSP nonce.
"""

from __future__ import annotations

from typing import Annotated, Any

from fastapi import APIRouter, Depends, HTTPException, Query, Request
from fastapi.responses import HTMLResponse
from pydantic import ValidationError
from starlette.datastructures import UploadFile

from .._errors import EmptyInputError, InputFormatError, StorydiffError
from ..corpus.types import ArticleRecord, StoryDetail, StorySummary
from ..document import Article
from .api import Gate, Service, Stories, service
from .auth import COOKIE, cookie_value, page_token_ok
from .chain import NODE_H, NODE_W, layout_chain
from .comparing import CompareService
from .errors import status_of
from .inputs import ArticleIn, Item
from .jobs import watch_disconnect
from .report_embed import report_parts

__all__ = ["router"]

router = APIRouter(include_in_schema=False)
_PER_PAGE = 20
_SIDES = ("a", "b")
_KEPT = ("_text", "_kind")  # form fields shown again when the comparison fails
_NEEDS_TOKEN = ("this server needs its token: enter it in the token field of the compare "
                "page (it is then remembered for this browser session)")


def render(request: Request, name: str, status: int = 200, **context: Any) -> HTMLResponse:
    """Render template ``name`` with the request's nonce and the site's switches."""
    app = request.app
    html = app.state.templates.get_template(name).render(
        request=request, nonce=request.state.nonce, has_store=app.state.store is not None,
        allow_fetch=app.state.config.allow_fetch,
        needs_token=app.state.config.token is not None and not page_token_ok(request),
        **context)
    return HTMLResponse(html, status_code=status)


@router.get("/", response_class=HTMLResponse)
async def compare_form(request: Request) -> HTMLResponse:
    """The compare page: paste or upload two articles."""
    return _compare_page(request, values={})


def _compare_page(request: Request, status: int = 200, **context: Any) -> HTMLResponse:
    """The compare form, with what it says about the time a comparison takes: this server's
    recent median when it has one (beside the figure bench/compare.py measured)."""
    svc = service(request)
    recent = svc.recent_seconds()
    return render(request, "compare.html", status, **context,
                  recent_s=None if recent is None else round(recent[0], 1),
                  recent_n=0 if recent is None else recent[1], waiting=svc.waiting)


@router.post("/compare", response_class=HTMLResponse)
async def compare_submit(request: Request, svc: Service) -> HTMLResponse:
    """Compare the two submitted articles and show the report (or the form with the error)."""
    limit = request.app.state.config.max_body_bytes
    async with request.form(max_files=2, max_fields=10, max_part_size=limit) as form:
        values = {k: v for k, v in form.items() if isinstance(v, str) and k.endswith(_KEPT)}
        token = form.get("token")
        if not page_token_ok(request, token if isinstance(token, str) else None):
            return _compare_page(request, 401, values=values, error=_NEEDS_TOKEN)
        try:
            items = [await _submitted(form, side) for side in _SIDES]
            async with watch_disconnect(request, svc.job()) as job:
                data = await svc.compare(items[0], items[1], job)
        except StorydiffError as exc:
            return _compare_page(request, status_of(exc), values=values, error=str(exc))
    response = _report_page(request, data)
    expected = request.app.state.config.token
    if expected is not None:  # remember the token (as an HMAC) for the story page's links
        response.set_cookie(COOKIE, cookie_value(expected), httponly=True, samesite="strict",
                            path="/")
    return response


async def _submitted(form: Any, side: str) -> Item:
    """One side of the form: the uploaded file, else the pasted text, else the URL."""
    upload = form.get(f"{side}_file")
    if isinstance(upload, UploadFile) and upload.filename:
        data = await upload.read()
        if data:
            return data
    text = form.get(f"{side}_text")
    if isinstance(text, str) and text.strip():
        try:
            return _pasted(text, form.get(f"{side}_kind"))
        except ValidationError as exc:
            raise InputFormatError(f"article {side.upper()}",
                                   exc.errors()[0].get("msg", "invalid text")) from None
    url = form.get(f"{side}_url")
    if isinstance(url, str) and url.strip():
        return ArticleIn(url=url.strip()[:1000])
    raise EmptyInputError(f"article {side.upper()}", "nothing was given: paste its text or HTML, "
                                                      "or choose a file")


def _pasted(text: str, kind: object) -> Item:
    """Pasted text, read as the kind the user chose (sniffed when 'auto')."""
    if kind == "text":
        return ArticleIn(text=text)
    if kind == "html":
        return ArticleIn(html=text)
    return text


def _report_page(request: Request, data: dict[str, Any]) -> HTMLResponse:
    """The compare result inside the site's layout."""
    parts = report_parts(data, request.state.nonce)
    return render(request, "report.html", parts=parts)


@router.get("/compare/articles", response_class=HTMLResponse)
async def compare_stored(request: Request, gate: Gate,
                         svc: Annotated[CompareService, Depends(service)],
                         a: Annotated[int, Query(ge=0)], b: Annotated[int, Query(ge=0)],
                         ) -> HTMLResponse:
    """Compare two stored articles (the story page links here); with a token configured, the
    browser must have entered it on the compare page first."""
    if not page_token_ok(request):
        raise HTTPException(401, _NEEDS_TOKEN)
    first: ArticleRecord = await gate.run(lambda store: store.article(a))
    second: ArticleRecord = await gate.run(lambda store: store.article(b))
    async with watch_disconnect(request, svc.job()) as job:
        data = await svc.compare_articles(_as_article(first), _as_article(second), job)
    return _report_page(request, data)


def _as_article(record: ArticleRecord) -> Article:
    """A stored article back as an ``Article`` (its clean text, declared metadata)."""
    return Article(raw=record.clean_text, kind="text", source=record.source, title=record.title,
                   published=record.published, language=record.language, url=record.url)


@router.get("/stories", response_class=HTMLResponse)
async def stories_page(
    request: Request, gate: Gate,
    q: Annotated[str, Query(max_length=200)] = "",
    page: Annotated[int, Query(ge=1, le=100_000)] = 1,
) -> HTMLResponse:
    """The searchable, paginated list of stories."""
    offset = (page - 1) * _PER_PAGE
    found: list[StorySummary] = await gate.run(lambda s: s.stories(
        query=q.strip() or None, limit=_PER_PAGE + 1, offset=offset))
    return render(request, "stories.html", stories=found[:_PER_PAGE], q=q, page=page,
                  has_next=len(found) > _PER_PAGE)


@router.get("/stories/{story_id}", response_class=HTMLResponse)
async def story_page(request: Request, story_id: int, cache: Stories,
                     svc: Annotated[CompareService, Depends(service)]) -> HTMLResponse:
    """One story: timeline, duplicate groups, origin, rewrite chain, divergences (computed once
    per store state, then cached)."""
    async with watch_disconnect(request, svc.job(what=f"story {story_id}")) as job:
        detail: StoryDetail = await cache.get(story_id, job)
    members = {m.article_id: m for m in detail.members}
    groups = [g for g in detail.duplicate_groups if len(g) > 1]
    return render(request, "story.html", story=detail, members=members, groups=groups,
                  picture=layout_chain(detail.chain, detail.origin), node_w=NODE_W, node_h=NODE_H,
                  divergence={d.article_id: d for d in detail.divergences})
