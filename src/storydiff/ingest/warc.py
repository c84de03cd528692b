"""Articles from WARC archives (warcio): one a ``response`` record holding HTML."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

from ..document import Article

__all__ = ["warc_articles"]

_HTML_TYPES = ("text/html", "application/xhtml")


def warc_articles(path: Path) -> Iterator[tuple[str, Article | None, str | None]]:
    """``(label, article, error)`` for each HTML response in the archive.

    A truncated record, or one whose digest does not match, is reported with its byte offset
    and skipped; an archive that cannot be read further ends there, with a report.
    """
    # warcio ships no type information
    from warcio.archiveiterator import ArchiveIterator
    from warcio.exceptions import ArchiveLoadFailed

    with path.open("rb") as handle:
        records = ArchiveIterator(handle, check_digests=True)
        offset = 0
        try:
            for record in records:
                item = _article(record)  # read the payload before asking for the offset
                offset = records.get_record_offset()
                if item is not None:
                    yield _labelled(item, f"{path}@{offset}")
        except (ArchiveLoadFailed, EOFError, OSError, ValueError) as exc:
            label = f"{path}@{offset}"
            yield label, None, f"{label}: truncated or corrupt WARC record ({exc}); skipped"


def _article(record: object) -> Article | str | None:
    """The article in one WARC record, an error for an empty response, or None for records
    that hold no HTML page."""
    if getattr(record, "rec_type", None) != "response":
        return None
    headers = record.http_headers  # type: ignore[attr-defined]  # warcio has no type hints
    kind = headers.get_header("Content-Type", "") if headers is not None else ""
    if not any(t in kind.lower() for t in _HTML_TYPES):
        return None
    payload: bytes = record.content_stream().read()  # type: ignore[attr-defined]
    missing = getattr(record.raw_stream, "limit", 0)  # type: ignore[attr-defined]
    if missing:
        return f"truncated WARC record ({missing} bytes missing); skipped"
    if record.digest_checker.passed is False:  # type: ignore[attr-defined]
        return "corrupt WARC record (its digest does not match); skipped"
    if not payload.strip():
        return "empty WARC response; skipped"
    url = record.rec_headers.get_header("WARC-Target-URI")  # type: ignore[attr-defined]
    html = payload.decode("utf-8", errors="replace")
    return Article(raw=html, kind="html", source=url or "<warc>", url=url)


def _labelled(item: Article | str, label: str) -> tuple[str, Article | None, str | None]:
    """The ``(label, article, error)`` triple of one record."""
    if isinstance(item, str):
        return label, None, f"{label}: {item}"
    return label, item, None
