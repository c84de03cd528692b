"""The public surface of storydiff.ingest: a sorted __all__ that matches what is defined."""

from __future__ import annotations

import storydiff.ingest as ingest


def test_all_is_sorted_and_complete() -> None:
    assert ingest.__all__ == sorted(ingest.__all__)
    public = {name for name in vars(ingest) if not name.startswith("_")}
    modules = {name for name in public if type(getattr(ingest, name)).__name__ == "module"}
    assert set(ingest.__all__) == public - modules - {"annotations"}


def test_entry_points_have_docstrings() -> None:
    for name in ingest.__all__:
        assert (getattr(ingest, name).__doc__ or "").strip(), name
