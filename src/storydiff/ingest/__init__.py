"""Reading inputs and cleaning them: ``read`` (file, stdin, string, bytes → ``Article``) and
``clean`` (``Article`` → ``CleanText``: plain body, headline first, author, date, removed lines).

    >>> from storydiff.ingest import clean, read
    >>> clean(read("Storm hits the coast\\n\\nThe storm hit on Monday.")).title
    'Storm hits the coast'

The boilerplate line cleaner is usable on its own (``remove_boilerplate``), and
``RepeatedLineFilter`` learns the lines one source repeats in all its documents.
"""

from __future__ import annotations

from .boilerplate import boilerplate_reason, remove_boilerplate
from .cleaner import clean
from .readers import read
from .repetition import RepeatedLineFilter

__all__ = ["RepeatedLineFilter", "boilerplate_reason", "clean", "read", "remove_boilerplate"]
