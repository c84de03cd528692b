"""What the corpus keeps of each article to find its duplicates and its story: a content hash,
the title-and-lead text that is embedded, and normalised entity keys."""

from __future__ import annotations

import hashlib
import re
import unicodedata

from ..document import Document

__all__ = ["content_hash", "entity_keys", "lead_text"]

_SPACE = re.compile(r"\s+")
_KEPT_LABELS = frozenset({"PERSON", "ORG", "GPE", "LOC", "NORP", "MISC"})


def content_hash(text: str) -> str:
    """SHA-256 of the text with case and white space normalised: equal for exact duplicates.

    Example:
        >>> content_hash("A  b") == content_hash("a b\\n")
        True
    """
    normal = _SPACE.sub(" ", unicodedata.normalize("NFKC", text)).strip().lower()
    return hashlib.sha256(normal.encode("utf-8")).hexdigest()


def lead_text(text: str, chars: int) -> str:
    """The first ``chars`` characters of the clean text (headline first), cut at a space."""
    if len(text) <= chars:
        return text
    cut = text.rfind(" ", 0, chars)
    return text[: cut if cut > chars // 2 else chars]


def entity_keys(doc: Document) -> frozenset[str]:
    """Normalised names of the document's entities (lower case, no accents, no 's)."""
    return frozenset(k for k in (_key(e.text) for e in doc.entities if e.label in _KEPT_LABELS)
                     if len(k) > 1)


def _key(name: str) -> str:
    """A name folded to lower case without accents or a possessive ending."""
    folded = unicodedata.normalize("NFKD", name.lower())
    plain = "".join(c for c in folded if not unicodedata.combining(c))
    return _SPACE.sub(" ", re.sub(r"['’]s$", "", plain)).strip()
