"""Fetching an article by URL, guarded: off unless the operator enables it.

When enabled, only ``http``/``https`` URLs are fetched, and only from public addresses: the host
is resolved and the connection refused when any of its addresses is private, loopback,
link-local, multicast, reserved or unspecified. The check runs at connection time on the very
address connected to (so a DNS answer cannot change between check and use), again on every
redirect hop, with caps on redirects, bytes and seconds. No proxy is used.
"""

from __future__ import annotations

import ipaddress
import socket
import time
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from urllib.parse import urljoin, urlsplit

import httpcore

from .._errors import FetchError

__all__ = ["FetchError", "FetchPolicy", "FetchedPage", "address_is_public", "fetch_url",
           "system_resolve"]

Resolver = Callable[[str, int], list[str]]
_REDIRECTS = frozenset({301, 302, 303, 307, 308})


def system_resolve(host: str, port: int) -> list[str]:
    """Every address ``host`` resolves to, via the system resolver."""
    try:
        infos = socket.getaddrinfo(host, port, type=socket.SOCK_STREAM)
    except (socket.gaierror, UnicodeError) as exc:
        raise FetchError(host, f"the host cannot be resolved ({exc}); check the URL") from None
    return list(dict.fromkeys(str(info[4][0]) for info in infos))


def address_is_public(address: str) -> bool:
    """Whether an IP address is globally routable (not private, loopback, link-local…).

    IPv4 addresses embedded in IPv6 (mapped, 6to4, Teredo) are judged by the IPv4 part.

    Example:
        >>> address_is_public("10.1.2.3"), address_is_public("::ffff:127.0.0.1")
        (False, False)
    """
    try:
        ip = ipaddress.ip_address(address.split("%", 1)[0])
    except ValueError:
        return False
    if isinstance(ip, ipaddress.IPv6Address):
        embedded = ip.ipv4_mapped or ip.sixtofour or (ip.teredo[1] if ip.teredo else None)
        if embedded is not None:
            return address_is_public(str(embedded))
    return ip.is_global and not (ip.is_private or ip.is_loopback or ip.is_link_local
                                 or ip.is_multicast or ip.is_reserved or ip.is_unspecified)


@dataclass(frozen=True, kw_only=True)
class FetchPolicy:
    """Caps and checks of one fetch; ``resolve`` and ``allowed`` are swappable in tests."""

    timeout_s: float = 10.0
    max_bytes: int = 4_000_000
    max_redirects: int = 5
    resolve: Resolver = field(default=system_resolve)
    allowed: Callable[[str], bool] = field(default=address_is_public)


@dataclass(frozen=True)
class FetchedPage:
    """The bytes of a fetched page and the URL they finally came from."""

    url: str
    data: bytes


def checked_addresses(host: str, port: int, policy: FetchPolicy) -> list[str]:
    """The addresses of ``host``, or FetchError when any of them is not allowed."""
    addresses = policy.resolve(host, port)
    if not addresses:
        raise FetchError(host, "the host has no address; check the URL")
    refused = [a for a in addresses if not policy.allowed(a)]
    if refused:
        raise FetchError(host, f"refusing to fetch from {refused[0]}: private, loopback or "
                               "reserved addresses are never fetched")
    return addresses


class _GuardedBackend(httpcore.SyncBackend):
    """Opens connections only to addresses the policy allows, checked at connect time."""

    def __init__(self, policy: FetchPolicy) -> None:
        self.policy = policy

    def connect_tcp(self, host: str, port: int, timeout: float | None = None,
                    local_address: str | None = None,
                    socket_options: Iterable[httpcore.SOCKET_OPTION] | None = None,
                    ) -> httpcore.NetworkStream:
        """Resolve, check every address, connect to the first checked one."""
        address = checked_addresses(host, port, self.policy)[0]
        return super().connect_tcp(address, port, timeout, local_address, socket_options)


def check_url(url: str) -> str:
    """``url`` when it is an absolute http(s) URL with a host and no credentials, its host
    written in ASCII (IDNA: ``bücher.de`` becomes ``xn--bcher-kva.de``, and ``①②⑦.0.0.1``
    becomes ``127.0.0.1``, which the address check then refuses)."""
    try:
        parts = urlsplit(url.strip())
        host, port = parts.hostname, parts.port
    except ValueError as exc:
        raise FetchError(_shown(url), f"the URL is malformed ({exc})") from None
    if parts.scheme not in ("http", "https") or not host:
        raise FetchError(_shown(url), "only absolute http:// or https:// URLs are fetched")
    if parts.username or parts.password:
        raise FetchError(_shown(url), "URLs with credentials are not fetched")
    try:
        ascii_host = host if host.isascii() else host.encode("idna").decode("ascii")
    except UnicodeError:
        raise FetchError(_shown(url), "the host is not a valid internet name") from None
    if not ascii_host or not ascii_host.isascii() or any(c in ascii_host for c in "/?#@ "):
        raise FetchError(_shown(url), "the host is not a valid internet name")
    netloc = f"[{ascii_host}]" if ":" in ascii_host else ascii_host
    if port is not None:
        netloc += f":{port}"
    return parts._replace(netloc=netloc).geturl()


def _shown(url: str) -> str:
    """A URL shortened for an error message."""
    return url if len(url) <= 200 else url[:200] + "…"


def fetch_url(url: str, policy: FetchPolicy | None = None) -> FetchedPage:
    """Fetch one page over http(s), refusing non-public addresses on every hop.

    Args:
        url: an absolute ``http://`` or ``https://`` URL.
        policy: caps and checks; the defaults allow public addresses only.

    Returns:
        The page's bytes (at most ``policy.max_bytes``) and its final URL.

    Raises:
        FetchError: a refused URL or address, too many redirects, a non-200 answer, a body
            over the size cap, a timeout or a network failure.
    """
    policy = policy or FetchPolicy()
    deadline = time.monotonic() + policy.timeout_s
    with httpcore.ConnectionPool(network_backend=_GuardedBackend(policy), retries=0,
                                 max_connections=2) as pool:
        for _ in range(policy.max_redirects + 1):
            current = check_url(url)
            status, location, data = _get(pool, current, policy, deadline)
            if status not in _REDIRECTS:
                if status != 200:
                    raise FetchError(_shown(current), f"the server answered {status}")
                return FetchedPage(current, data)
            if not location:
                raise FetchError(_shown(current), f"a {status} redirect without a Location")
            url = urljoin(current, location)
    raise FetchError(_shown(url), f"more than {policy.max_redirects} redirects")


def _get(pool: httpcore.ConnectionPool, url: str, policy: FetchPolicy,
         deadline: float) -> tuple[int, str, bytes]:
    """One GET: status, Location header and body (read only when not a redirect)."""
    left = max(0.1, deadline - time.monotonic())
    timeouts = {"connect": left, "read": left, "write": left, "pool": left}
    headers = [(b"User-Agent", b"storydiff"), (b"Accept", b"text/html, text/plain;q=0.9")]
    try:
        with pool.stream("GET", url, headers=headers, extensions={"timeout": timeouts}) as resp:
            location = _header(resp.headers, b"location")
            if resp.status in _REDIRECTS:
                return resp.status, location, b""
            return resp.status, location, _body(resp.iter_stream(), url, policy, deadline)
    except httpcore.TimeoutException:
        raise FetchError(_shown(url), f"no answer within {policy.timeout_s:g} s") from None
    except (httpcore.NetworkError, httpcore.ProtocolError, httpcore.UnsupportedProtocol) as exc:
        raise FetchError(_shown(url), f"the fetch failed ({type(exc).__name__})") from None


def _header(headers: list[tuple[bytes, bytes]], name: bytes) -> str:
    """The first value of header ``name``, decoded (empty when absent)."""
    for key, value in headers:
        if key.lower() == name:
            return value.decode("latin-1")
    return ""


def _body(chunks: Iterable[bytes], url: str, policy: FetchPolicy, deadline: float) -> bytes:
    """The response body, refused when over the size cap or the deadline."""
    out = bytearray()
    for chunk in chunks:
        out += chunk
        if len(out) > policy.max_bytes:
            raise FetchError(_shown(url), f"the page is over {policy.max_bytes:,} bytes")
        if time.monotonic() > deadline:
            raise FetchError(_shown(url), f"the page took over {policy.timeout_s:g} s")
    return bytes(out)
