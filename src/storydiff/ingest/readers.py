"""``read``: any input (file, stdin, string, bytes) to an :class:`~storydiff.document.Article`."""

from __future__ import annotations

import dataclasses
import logging
from pathlib import Path

from .._errors import BinaryInputError, EmptyInputError, InputTooLargeError
from ..document import Article
from ..settings import Settings
from .decoding import decode_text
from .records import parse_record
from .sniff import InputKind, sniff_kind
from .sources import resolve_source

__all__ = ["HTML_SIZE_FACTOR", "check_size", "read"]

#: Raw HTML may be this many times ``Settings.max_text_bytes`` (markup is not article text).
HTML_SIZE_FACTOR = 4
_RAW_FACTOR = 2 * HTML_SIZE_FACTOR  # UTF-16 doubles the bytes of HTML
_SUFFIX_KINDS: dict[str, InputKind] = {
    ".txt": "text", ".text": "text", ".html": "html", ".htm": "html", ".xhtml": "html",
    ".json": "record",
}
_DEFAULT_SETTINGS = Settings()
#: Where reading reports what it had to repair (undecodable bytes). With no logging set up,
#: Python prints WARNING records on stderr as the bare message, as the CLI wants them.
log = logging.getLogger("storydiff.ingest")


def check_size(text: str, kind: str, source: str, settings: Settings) -> None:
    """Raise InputTooLargeError when ``text`` is over the limit for its kind.

    Text may hold ``settings.max_text_bytes`` bytes of UTF-8; HTML four times as many.
    """
    limit = settings.max_text_bytes * (HTML_SIZE_FACTOR if kind == "html" else 1)
    size = len(text.encode("utf-8", errors="replace"))
    if size > limit:
        raise InputTooLargeError(source, f"the {kind} is {size:,} bytes, over the limit of "
                                         f"{limit:,}; pass a shorter article or raise "
                                         "max_text_bytes (--max-bytes)")


def _decoded(source: str | bytes | Path, settings: Settings,
             name: str | None) -> tuple[str, str, str, tuple[str, ...]]:
    """The decoded text of the input, its label, its file suffix and the decoding's warnings."""
    raw = resolve_source(source, name=name, limit=settings.max_text_bytes * _RAW_FACTOR)
    if raw.text is not None:
        if "\x00" in raw.text:
            raise BinaryInputError(raw.label, "the text holds NUL characters; pass text, not "
                                              "binary data")
        return raw.text, raw.label, raw.suffix, ()
    decoded = decode_text(raw.data or b"", raw.label)
    if decoded.warning is not None:
        log.warning("%s", decoded.warning)
    return decoded.text, raw.label, raw.suffix, \
        (decoded.warning,) if decoded.warning is not None else ()


def read(source: str | bytes | Path, *, settings: Settings = _DEFAULT_SETTINGS,
         name: str | None = None) -> Article:
    """Read one article from a file, standard input, a string or bytes.

    Args:
        source: a :class:`~pathlib.Path`; a string naming an existing file; ``"-"`` for standard
            input; otherwise the text or HTML itself (a string or bytes).
        settings: options; ``max_text_bytes`` bounds the input size.
        name: the label used for this input in messages (default: the path, ``<stdin>``,
            ``<text>`` or ``<bytes>``).

    Returns:
        An :class:`~storydiff.document.Article`: ``.txt`` files are text, ``.html``/``.htm``
        files HTML, ``.json`` files article records; other inputs are sniffed.

    Raises:
        EmptyInputError, BinaryInputError, DecodingError, InputTooLargeError, InputFormatError.

    Bytes that are mostly UTF-8 but hold invalid bytes have each run of them replaced with
    U+FFFD (never re-read in a legacy code page), a WARNING is logged on ``storydiff.ingest``
    naming the input, the count and the first offset, and the article carries it in
    ``warnings`` (so does the report's document).

    Example:
        >>> read("<html><body><p>Hello</p></body></html>").kind
        'html'
    """
    text, label, suffix, warnings = _decoded(source, settings, name)
    if not text.strip():
        raise EmptyInputError(label, "the input is empty or only white space; pass an article's "
                                     "text, HTML page or JSON record")
    kind = _SUFFIX_KINDS.get(suffix) or sniff_kind(text)
    if kind == "record":
        check_size(text, "html", label, settings)
        article = parse_record(text, label)
    else:
        article = Article(raw=text, kind=kind, source=label)
    check_size(article.raw, article.kind, label, settings)
    return dataclasses.replace(article, warnings=warnings) if warnings else article
