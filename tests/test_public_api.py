"""The public surface: ``__all__`` is sorted, complete and importable."""

from __future__ import annotations

import storydiff


def test_all_is_sorted_and_importable() -> None:
    assert list(storydiff.__all__) == sorted(storydiff.__all__, key=lambda n: (not n.isupper(), n))
    for name in storydiff.__all__:
        assert hasattr(storydiff, name), name


def test_every_public_member_is_exported() -> None:
    assert storydiff.Corpus.__name__ == "Corpus"  # loaded on first use
    public = {name for name in vars(storydiff) if not name.startswith("_")}
    modules = {name for name in public if type(getattr(storydiff, name)).__name__ == "module"}
    assert public - modules == set(storydiff.__all__) - {"__version__"}


def test_errors_share_one_base() -> None:
    errors = [getattr(storydiff, n) for n in storydiff.__all__ if n.endswith("Error")]
    assert all(issubclass(e, storydiff.StorydiffError) for e in errors)


def test_the_objects_users_handle_are_exported() -> None:
    """What the README shows users handling, each importable from the package root."""
    shown = {"Similarity", "Discrepancy", "Alignment", "Link", "ReusedPassage", "LikelySource",
             "Article", "CorpusConfig", "Encoder", "Scorer", "ContradictionModel", "Report",
             "Document", "Comparer", "Corpus", "Settings"}
    assert shown <= set(storydiff.__all__)


def test_no_package_is_shadowed_by_a_function() -> None:
    import storydiff.align.alignment

    assert callable(storydiff.compare) and not hasattr(storydiff.compare, "__path__")
    assert storydiff.align.alignment.align_claims is not None


def test_importing_the_package_leaves_corpus_mode_unloaded() -> None:
    """``compare`` does not pay for corpus mode's imports (about a second of start-up)."""
    import subprocess
    import sys

    code = ("import sys, storydiff; assert 'storydiff.corpus' not in sys.modules; "
            "storydiff.Corpus; assert 'storydiff.corpus' in sys.modules")
    subprocess.run([sys.executable, "-c", code], check=True)
