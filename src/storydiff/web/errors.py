"""Typed errors to HTTP answers: JSON ``{"detail": message}`` under ``/api``, a page elsewhere.

InputTooLargeError → 413; other InputError and malformed requests (a body that is not JSON,
invalid UTF-8, nesting too deep, a number too long, a lone surrogate, wrong fields) → 422 with
a message; unknown story or article → 404; an unusable store, a full queue, a request past its
time limit → 503 (with ``Retry-After`` when waiting helps); a missing model → 500. The OpenAPI
document describes every one of these answers with ``ErrorOut``.
"""

from __future__ import annotations

import re
from typing import Any

from fastapi import FastAPI, Request
from fastapi.exceptions import RequestValidationError
from fastapi.responses import HTMLResponse, JSONResponse, Response
from pydantic import BaseModel
from starlette.exceptions import HTTPException

from .._errors import (
    InputError,
    InputTooLargeError,
    ModelError,
    StoreError,
    StorydiffError,
    UnknownIdError,
)
from .jobs import UnavailableError

__all__ = ["ERRORS", "ErrorOut", "install_error_handlers", "status_of"]


class ErrorOut(BaseModel):
    """Every error answer of the API: one message that says what happened and what to do."""

    detail: str


def _error(description: str) -> dict[str, Any]:
    return {"model": ErrorOut, "description": description}


#: The error answers of the API routes, as FastAPI ``responses``.
ERRORS: dict[int | str, dict[str, Any]] = {
    401: _error("The server has a token and the request did not carry it."),
    404: _error("Unknown story or article, or a store endpoint on a server without a store."),
    413: _error("Request body or article over the size limit."),
    422: _error("Malformed request (not JSON, invalid UTF-8, nesting too deep, a number too "
                "long, wrong or missing fields), or an input that is not an article."),
    503: _error("Busy (the comparison queue is full), over the time limit, or the store is "
                "unusable; retry after the seconds in Retry-After when it is given."),
}
_BODY_PARSE = "There was an error parsing the body"
_BRANCH = re.compile(r"function-\w+\[.*?, ?([\w-]+)\]")

_STATUS: tuple[tuple[type[StorydiffError], int], ...] = (
    (InputTooLargeError, 413), (InputError, 422), (UnknownIdError, 404), (StoreError, 503),
    (ModelError, 500),
)


def status_of(exc: StorydiffError) -> int:
    """The HTTP status of a storydiff error."""
    return next((code for kind, code in _STATUS if isinstance(exc, kind)), 500)


def _place(part: object) -> str | None:
    """One element of an error's location as a reader would name it (None: leave it out).

    Pydantic names the branches of a union by their validators ("function-after[f(), X]",
    "constrained-str"); they become "X" and "text"."""
    text = str(part)
    if text == "body":
        return None
    match = _BRANCH.fullmatch(text)
    if match:
        text = match.group(1)
    return "text" if text in ("str", "constrained-str") else text


def validation_message(exc: RequestValidationError) -> str:
    """One line naming each invalid field and what is wrong with it."""
    parts: list[str] = []
    for error in exc.errors():
        where = ".".join(p for p in map(_place, error.get("loc", ())) if p) or "body"
        message = str(error.get("msg", "invalid"))
        if "unicode string" in message:
            message = "holds a lone surrogate or other invalid Unicode: send well-formed UTF-8"
        line = f"{where}: {message}"
        if line not in parts:
            parts.append(line)
    return "malformed request: " + "; ".join(parts[:5])


def body_message(cause: BaseException | None) -> str:
    """What was wrong with a body that could not be parsed as JSON."""
    if isinstance(cause, UnicodeDecodeError):
        return ("malformed request: the body is not valid UTF-8 (invalid byte at "
                f"{cause.start}); send UTF-8 JSON")
    if isinstance(cause, RecursionError):
        return "malformed request: the JSON body is nested too deeply"
    if isinstance(cause, ValueError) and "digits" in str(cause):
        return "malformed request: the JSON body holds a number with too many digits"
    return "malformed request: the body could not be read as JSON"


def _answer(request: Request, status: int, message: str,
            headers: dict[str, str] | None = None) -> Response:
    """JSON for API paths, the error page for the others."""
    if request.url.path.startswith("/api") or request.url.path == "/openapi.json":
        return JSONResponse({"detail": message}, status_code=status, headers=headers)
    templates = request.app.state.templates
    return HTMLResponse(templates.get_template("error.html").render(
        request=request, status=status, message=message), status_code=status, headers=headers)


def install_error_handlers(app: FastAPI) -> None:
    """Register the handlers on ``app``."""

    async def on_storydiff(request: Request, exc: Exception) -> Response:
        assert isinstance(exc, StorydiffError)
        return _answer(request, status_of(exc), str(exc))

    async def on_validation(request: Request, exc: Exception) -> Response:
        assert isinstance(exc, RequestValidationError)
        return _answer(request, 422, validation_message(exc))

    async def on_http(request: Request, exc: Exception) -> Response:
        assert isinstance(exc, HTTPException)
        headers: Any = getattr(exc, "headers", None)
        if exc.status_code == 400 and exc.detail == _BODY_PARSE:
            return _answer(request, 422, body_message(exc.__cause__))
        return _answer(request, exc.status_code, str(exc.detail), headers)

    async def on_unavailable(request: Request, exc: Exception) -> Response:
        assert isinstance(exc, UnavailableError)
        return _answer(request, 503, str(exc), {"Retry-After": str(exc.retry_after)})

    app.add_exception_handler(UnavailableError, on_unavailable)
    app.add_exception_handler(StorydiffError, on_storydiff)
    app.add_exception_handler(RequestValidationError, on_validation)
    app.add_exception_handler(HTTPException, on_http)
