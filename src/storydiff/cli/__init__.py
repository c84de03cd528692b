"""The command line (``storydiff``): parse, call the pipeline or the corpus, map typed errors to
exit codes and one-line messages. ``main`` holds the comparison and evaluation commands,
``corpus`` the store commands, ``serve`` the web server; ``_common`` what they share."""

from __future__ import annotations

from .main import app, main

__all__ = ["app", "main"]
