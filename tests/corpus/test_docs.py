"""Every corpus option is documented in docs/settings.md with its default; the public surface of
``storydiff.corpus`` matches its ``__all__``."""

from __future__ import annotations

from pathlib import Path

import storydiff.corpus as corpus
from storydiff.corpus import CORPUS_SETTINGS, CorpusConfig

DOCS = Path(__file__).resolve().parents[2] / "docs" / "corpus.md"
SETTINGS_DOC = DOCS.with_name("settings.md")


def test_every_option_is_documented_with_its_default() -> None:
    """In docs/settings.md's corpus section, the one list of options (docs/corpus.md links it)."""
    text = SETTINGS_DOC.read_text(encoding="utf-8")
    section = text[text.index("## Corpus (`CorpusConfig`)"):]
    for name, default, _ in CORPUS_SETTINGS:
        assert f"| `{name}` | {default} |" in section, name
    assert "settings.md#corpus-corpusconfig" in DOCS.read_text(encoding="utf-8")


def test_exports_match_all() -> None:
    public = {n for n in dir(corpus) if not n.startswith("_")}
    modules = {n for n in public if type(getattr(corpus, n)).__name__ == "module"}
    assert set(corpus.__all__) == public - modules - {"annotations"}


def test_invalid_options_are_refused() -> None:
    import pytest

    from storydiff import SettingsError

    with pytest.raises(SettingsError):
        CorpusConfig(dedup_threshold=1.5)
    with pytest.raises(SettingsError):
        CorpusConfig(batch_size=0)
