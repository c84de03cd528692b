"""Documents to compact bytes and back (zlib-compressed JSON), for the store's documents table."""

from __future__ import annotations

import json
import zlib
from dataclasses import asdict
from typing import Any

from .._errors import StoreError
from ..document import (
    Claim,
    DateMention,
    Document,
    Entity,
    Quantity,
    Quote,
    RemovedLine,
    Sentence,
    Span,
)

__all__ = ["decode_document", "encode_document"]

_VERSION = 1


def encode_document(doc: Document) -> bytes:
    """The document as zlib-compressed JSON."""
    data = asdict(doc)
    data["_v"] = _VERSION
    return zlib.compress(json.dumps(data, ensure_ascii=False).encode("utf-8"), 6)


def decode_document(blob: bytes) -> Document:
    """The document stored by :func:`encode_document`.

    Raises:
        StoreError: the bytes are not a stored document (a corrupt store).
    """
    try:
        data: dict[str, Any] = json.loads(zlib.decompress(blob).decode("utf-8"))
    except (zlib.error, UnicodeDecodeError, json.JSONDecodeError) as exc:
        raise StoreError(f"a stored document is unreadable ({exc}); the store is corrupt: "
                         "ingest into a new store") from None
    data.pop("_v", None)
    return Document(
        **{k: data[k] for k in ("source", "clean_text", "title", "author", "published",
                                "language")},
        removed_lines=tuple(RemovedLine(**r) for r in data["removed_lines"]),
        sentences=[Sentence(**s) for s in data["sentences"]],
        claims=[Claim(**c) for c in data["claims"]],
        entities=[Entity(**e) for e in data["entities"]],
        quantities=[Quantity(**q) for q in data["quantities"]],
        dates=[DateMention(**d) for d in data["dates"]],
        quotes=[_quote(q) for q in data["quotes"]],
    )


def _quote(data: dict[str, Any]) -> Quote:
    """A quote with its speaker span rebuilt."""
    speaker = data.pop("speaker")
    return Quote(**data, speaker=Span(**speaker) if speaker else None)
