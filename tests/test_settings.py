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


def test_assignments_are_read_as_each_setting_s_type() -> None:
    settings = Settings().with_assignments([
        "link_min_confidence=0.3", "time_budget_s=none", "clean_boilerplate=false",
        "max_claims=50", "contradiction=nli"])
    assert (settings.link_min_confidence, settings.time_budget_s, settings.clean_boilerplate,
            settings.max_claims, settings.contradiction) == (0.3, None, False, 50, "nli")
    with pytest.raises(SettingsError, match="takes true or false"):
        Settings().with_assignments(["clean_boilerplate=maybe"])
    with pytest.raises(SettingsError, match="takes an integer, got"):
        Settings().with_assignments(["max_claims=none"])  # not a setting that may be None
    with pytest.raises(SettingsError, match="unknown setting"):
        Settings().with_assignments(["max_claims"])
