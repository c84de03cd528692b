"""Settings: validation, immutability, and that every option is documented."""

from __future__ import annotations

import dataclasses

import pytest

from storydiff import Settings, SettingsError
from storydiff.settings import SETTINGS

from .conftest import ROOT


def test_every_setting_is_documented() -> None:
    docs = (ROOT / "docs" / "settings.md").read_text(encoding="utf-8")
    missing = [name for name, _, _ in SETTINGS if f"`{name}`" not in docs]
    assert not missing, f"document these settings in docs/settings.md: {missing}"


def test_every_setting_has_help() -> None:
    assert all(text.strip() for _, _, text in SETTINGS)


@pytest.mark.parametrize("changes", [
    {"max_text_bytes": 0},
    {"paraphrase_threshold": 1.5},
    {"partial_threshold": 0.99, "paraphrase_threshold": 0.5},
    {"max_links_per_claim": 0},
    {"encoder": "bert"},
])
def test_invalid_values_raise(changes: dict[str, object]) -> None:
    with pytest.raises(SettingsError):
        Settings(**changes)  # type: ignore[arg-type]


def test_settings_are_frozen_and_keyword_only() -> None:
    settings = Settings()
    with pytest.raises(dataclasses.FrozenInstanceError):
        settings.max_text_bytes = 1  # type: ignore[misc]
    with pytest.raises(TypeError):
        Settings(1000)  # type: ignore[misc]
    assert settings.with_(reuse_min_words=5).reuse_min_words == 5
