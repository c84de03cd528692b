"""How a store address is shown: never with its password."""

from __future__ import annotations

import re

__all__ = ["shown_address"]


def shown_address(address: str) -> str:
    """A store address as messages may show it: any password replaced by ``***``.

    Example:
        >>> shown_address("postgresql://news:secret@db.example/stories")
        'postgresql://news:***@db.example/stories'
    """
    return re.sub(r"(://[^/:@]*:)[^@/]*@", r"\1***@", address)
