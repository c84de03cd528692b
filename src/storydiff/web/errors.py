"""Typed errors to HTTP answers: JSON ``{"detail": message}`` under ``/api``, a page elsewhere.

InputTooLargeError → 413; other InputError and malformed requests → 422 with a message;
unknown story or article → 404; an unusable store → 503; a missing model → 500.
"""

from __future__ import annotations

from typing import Any

from fastapi import FastAPI, Request
from fastapi.exceptions import RequestValidationError
from fastapi.responses import HTMLResponse, JSONResponse, Response
from starlette.exceptions import HTTPException

from .._errors import (
    InputError,
    InputTooLargeError,
    ModelError,
    StoreError,
    StorydiffError,
    UnknownIdError,
)

__all__ = ["install_error_handlers", "status_of"]

_STATUS: tuple[tuple[type[StorydiffError], int], ...] = (
    (InputTooLargeError, 413), (InputError, 422), (UnknownIdError, 404), (StoreError, 503),
    (ModelError, 500),
)


def status_of(exc: StorydiffError) -> int:
    """The HTTP status of a storydiff error."""
    return next((code for kind, code in _STATUS if isinstance(exc, kind)), 500)


def validation_message(exc: RequestValidationError) -> str:
    """One line naming each invalid field and what is wrong with it."""
    parts = []
    for error in exc.errors():
        where = ".".join(str(p) for p in error.get("loc", ()) if p != "body") or "body"
        parts.append(f"{where}: {error.get('msg', 'invalid')}")
    return "malformed request: " + "; ".join(parts[:5])


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
        return _answer(request, exc.status_code, str(exc.detail), headers)

    app.add_exception_handler(StorydiffError, on_storydiff)
    app.add_exception_handler(RequestValidationError, on_validation)
    app.add_exception_handler(HTTPException, on_http)
