"""``storydiff serve``: the web page and REST API (FastAPI + uvicorn), loopback by default.

Without a token the server listens on loopback only; with one (``--token`` or the
``STORYDIFF_TOKEN`` environment variable) it may listen anywhere, and the endpoints that write
or compare need it. Requests for host names other than loopback, ``--allowed-host`` names and
(with a token) IP addresses are refused, token or not.
"""

from __future__ import annotations

from typing import Annotated, Any

import typer

from .._errors import SettingsError
from ..settings import ServeConfig, Settings, assign
from ._common import Assignments, guarded

__all__ = ["register"]


def register(app: typer.Typer) -> None:
    """Add the ``serve`` command to the storydiff command line."""
    app.command("serve")(serve)


def serve(
    store: Annotated[str | None, typer.Option(
        help="Corpus store, a folder or a postgresql:// address: adds the Stories pages and "
             "the store endpoints.")] = None,
    host: Annotated[str, typer.Option(help="Address to listen on (non-loopback needs a token).")]
    = "127.0.0.1",
    port: Annotated[int, typer.Option(help="Port to listen on.", min=1, max=65535)] = 8000,
    token: Annotated[str | None, typer.Option(envvar="STORYDIFF_TOKEN", show_default=False,
                                              help="Token that write endpoints require.")] = None,
    max_body_bytes: Annotated[int, typer.Option(help="Larger request bodies get a 413.")]
    = 4_000_000,
    concurrency: Annotated[int, typer.Option(help="Comparisons run at once (CPU-bound).")] = 2,
    queue: Annotated[int, typer.Option(help="Comparisons that may wait for a slot; more get "
                                            "503 with Retry-After.", min=0)] = 8,
    request_timeout: Annotated[float, typer.Option(help="Seconds a comparison may take, "
                                                        "waiting included; then 503.")] = 120.0,
    allowed_host: Annotated[list[str] | None, typer.Option(
        "--allowed-host", help="A host name the Host header may carry (besides loopback names "
                               "and, with a token, IP addresses); repeat for more.")] = None,
    allow_fetch: Annotated[bool, typer.Option("--allow-fetch", help="Let requests ask the "
                                              "server to fetch a public URL.")] = False,
    max_bytes: Annotated[int, typer.Option(help="Largest article accepted, in bytes of text.")]
    = Settings().max_text_bytes,
    assignments: Assignments = None,
) -> None:
    """Serve the compare page, the story pages and the REST API (docs: /openapi.json)."""
    config = guarded(lambda: _with_assignments(_config(
        store, token, max_body_bytes, concurrency, allow_fetch, max_bytes, queue=queue,
        request_timeout_s=request_timeout, allowed_hosts=tuple(allowed_host or ())),
        assignments or []))
    guarded(lambda: config.check_bind(host))
    guarded(lambda: _run(config, host, port))


def _config(store: str | None, token: str | None, max_body_bytes: int, concurrency: int,
            allow_fetch: bool, max_bytes: int, *, queue: int = 8,
            request_timeout_s: float = 120.0, allowed_hosts: tuple[str, ...] = ()
            ) -> ServeConfig:
    """The validated server options."""
    _web()  # the optional dependencies, before anything is configured
    return ServeConfig(store=store, token=token or None, max_body_bytes=max_body_bytes,
                       max_concurrency=concurrency, allow_fetch=allow_fetch,
                       queue_size=queue, request_timeout_s=request_timeout_s,
                       allowed_hosts=allowed_hosts, settings=Settings(max_text_bytes=max_bytes))


def _with_assignments(config: ServeConfig, assignments: list[str]) -> ServeConfig:
    """``config`` with ``--set`` applied to it or to the comparison settings it holds."""
    settings, config = assign(assignments, config.settings, config)
    return config.with_(settings=settings)


def _web() -> Any:
    """The web package, or a clear error when its optional dependencies are missing."""
    try:
        from .. import web
    except ImportError as exc:
        raise SettingsError(f"the web server needs extra packages ({exc.name} is missing): "
                            "pip install 'storydiff[web]'") from None
    return web


def _run(config: Any, host: str, port: int) -> None:
    """Build the app and serve it until interrupted."""
    import uvicorn

    from ..corpus.store import shown_address
    from ..web.server import uvicorn_options

    app = _web().create_app(config, preload=True)
    store = shown_address(str(config.store)) if config.store else "none"
    typer.echo(f"storydiff serving on http://{_url_host(host)}:{port}/ "
               f"(store: {store}; token: {'set' if config.token else 'none'})")
    uvicorn.run(app, host=host, port=port, log_level="info", proxy_headers=False,
                server_header=False, timeout_graceful_shutdown=5, **uvicorn_options(config))


def _url_host(host: str) -> str:
    """``host`` as written in a URL (IPv6 addresses in brackets)."""
    return f"[{host}]" if ":" in host and not host.startswith("[") else host
