"""Stage 4, align: many-to-many links between the claims of two documents (``align_claims``),
each with the link model's confidence (``links``)."""

from __future__ import annotations

from .alignment import Alignment, Link, align_claims

__all__ = ["Alignment", "Link", "align_claims"]
