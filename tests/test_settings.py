"""Settings: validation, immutability, and that every option is documented."""

from __future__ import annotations

import dataclasses

import pytest

from storydiff import Settings, SettingsError
from storydiff.settings import GROUPS, SETTINGS, CorpusConfig, ServeConfig, assign

from .conftest import ROOT


@pytest.mark.parametrize("group", list(GROUPS))
def test_every_setting_of_every_group_is_documented(group: str) -> None:
    docs = (ROOT / "docs" / "settings.md").read_text(encoding="utf-8")
    section = docs[docs.index(f"`{GROUPS[group].__name__}`)"):]
    missing = [name for name, _, _ in GROUPS[group].registry() if f"| `{name}` |" not in section]
    assert not missing, f"document these {group} settings in docs/settings.md: {missing}"


def test_every_setting_has_help_and_one_name_across_groups() -> None:
    rows = [row for options in GROUPS.values() for row in options.registry()]
    assert all(row.help.strip() for row in rows)
    assert len({row.name for row in rows}) == len(rows)
    assert Settings.registry() == SETTINGS


def test_assign_routes_each_assignment_to_its_group() -> None:
    settings, config, serve = assign(
        ["num_perm=64", "max_claims=50", "allowed_hosts=a.example, b.example", "store=none"],
        Settings(), CorpusConfig(), ServeConfig())
    assert (settings.max_claims, config.num_perm) == (50, 64)
    assert serve.allowed_hosts == ("a.example", "b.example") and serve.store is None
    with pytest.raises(SettingsError, match="this command takes"):
        assign(["num_perm=64"], Settings())
    with pytest.raises(SettingsError, match="must be at least 1"):
        assign(["num_perm=0"], CorpusConfig())


@pytest.mark.parametrize("changes", [
    {"max_text_bytes": 0},
    {"paraphrase_threshold": 1.5},
    {"partial_threshold": 0.99, "paraphrase_threshold": 0.5},
    {"max_links_per_claim": 0},
    {"contradiction": "oracle"},
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
