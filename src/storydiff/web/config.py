"""Options of the web app: ``ServeConfig`` lives with the other options objects in
``storydiff.settings`` (one registry); this module keeps the web package's names."""

from __future__ import annotations

from ..settings import ServeConfig, is_loopback_host

__all__ = ["ServeConfig", "is_loopback_host"]
