"""The public surface: ``__all__`` is sorted, complete and importable."""

from __future__ import annotations

import storydiff


def test_all_is_sorted_and_importable() -> None:
    assert list(storydiff.__all__) == sorted(storydiff.__all__, key=lambda n: (not n.isupper(), n))
    for name in storydiff.__all__:
        assert hasattr(storydiff, name), name


def test_every_public_member_is_exported() -> None:
    public = {name for name in vars(storydiff) if not name.startswith("_")}
    modules = {name for name in public if type(getattr(storydiff, name)).__name__ == "module"}
    assert public - modules == set(storydiff.__all__) - {"__version__"}


def test_errors_share_one_base() -> None:
    errors = [getattr(storydiff, n) for n in storydiff.__all__ if n.endswith("Error")]
    assert all(issubclass(e, storydiff.StorydiffError) for e in errors)
