"""``storydiff serve``: loopback unless a token is set; options reach the app's config."""

from __future__ import annotations

from typing import Any

import pytest
from typer.testing import CliRunner

from storydiff import SettingsError
from storydiff.cli.main import app
from storydiff.web import ServeConfig, is_loopback_host


@pytest.mark.parametrize("host, loopback", [
    ("127.0.0.1", True), ("127.0.0.2", True), ("localhost", True), ("::1", True),
    ("[::1]", True), ("0.0.0.0", False), ("::", False), ("192.168.1.5", False),
    ("example.org", False), ("", False),
])
def test_loopback_hosts(host: str, loopback: bool) -> None:
    assert is_loopback_host(host) is loopback


def test_config_refuses_public_bind_without_token() -> None:
    with pytest.raises(SettingsError, match="without a token"):
        ServeConfig().check_bind("0.0.0.0")
    ServeConfig(token="long-enough-token").check_bind("0.0.0.0")
    ServeConfig().check_bind("127.0.0.1")


@pytest.mark.parametrize("options", [{"max_concurrency": 0}, {"max_body_bytes": 10},
                                     {"token": "short"}, {"fetch_timeout_s": 0}])
def test_config_validates(options: dict[str, Any]) -> None:
    with pytest.raises(SettingsError):
        ServeConfig(**options)


@pytest.fixture
def started(monkeypatch: pytest.MonkeyPatch) -> list[tuple[Any, str, int]]:
    """Replace the server start with a recorder."""
    calls: list[tuple[Any, str, int]] = []
    monkeypatch.setattr("storydiff.cli.serve._run", lambda c, h, p: calls.append((c, h, p)))
    monkeypatch.delenv("STORYDIFF_TOKEN", raising=False)
    return calls


def test_serve_refuses_a_public_host_without_token(started: list[Any]) -> None:
    result = CliRunner().invoke(app, ["serve", "--host", "0.0.0.0"])
    assert result.exit_code == 4 and "without a token" in result.output
    assert started == []


def test_serve_accepts_a_public_host_with_a_token_from_the_environment(
        started: list[Any]) -> None:
    result = CliRunner().invoke(app, ["serve", "--host", "0.0.0.0", "--port", "9000",
                                      "--concurrency", "3", "--allow-fetch"],
                                env={"STORYDIFF_TOKEN": "from-the-environment"})
    assert result.exit_code == 0, result.output
    config, host, port = started[0]
    assert (host, port, config.token, config.max_concurrency, config.allow_fetch) == \
        ("0.0.0.0", 9000, "from-the-environment", 3, True)


def test_serve_defaults_to_loopback(started: list[Any]) -> None:
    result = CliRunner().invoke(app, ["serve", "--store", "some/dir"])
    assert result.exit_code == 0, result.output
    config, host, port = started[0]
    assert (host, port, str(config.store), config.token) == ("127.0.0.1", 8000, "some/dir", None)


def test_serve_passes_the_load_and_host_options(started: list[Any]) -> None:
    result = CliRunner().invoke(app, ["serve", "--queue", "3", "--request-timeout", "30",
                                      "--allowed-host", "news.example.org",
                                      "--allowed-host", "mirror.example.org"])
    assert result.exit_code == 0, result.output
    config, _, _ = started[0]
    assert (config.queue_size, config.request_timeout_s, config.allowed_hosts) == \
        (3, 30.0, ("news.example.org", "mirror.example.org"))
    bad = CliRunner().invoke(app, ["serve", "--allowed-host", "http://x.example/"])
    assert bad.exit_code == 4 and "not a host name" in bad.output


@pytest.mark.parametrize("options", [{"queue_size": -1}, {"request_timeout_s": 0},
                                     {"header_timeout_s": 0}, {"max_connections": 1},
                                     {"allowed_hosts": ("a b",)}])
def test_load_options_are_validated(options: dict[str, Any]) -> None:
    with pytest.raises(SettingsError):
        ServeConfig(**options)


def test_serve_takes_a_postgresql_store_address_intact(started: list[Any],
                                                       monkeypatch: pytest.MonkeyPatch) -> None:
    address = "postgresql://news:secret@db.example/stories"
    result = CliRunner().invoke(app, ["serve", "--store", address, "--set", "queue_size=2"])
    assert result.exit_code == 0, result.output
    config, _, _ = started[0]
    assert (config.store, config.queue_size) == (address, 2)  # not turned into a path

    opened: list[Any] = []
    monkeypatch.setattr("storydiff.corpus.Corpus", lambda path, settings: opened.append(path))
    from storydiff.web.store import open_corpus

    open_corpus(config.store, config.settings)
    assert opened == [address]


def test_the_serve_banner_hides_the_store_password() -> None:
    from storydiff.corpus.store import shown_address

    assert shown_address("postgresql://news:secret@db/x") == "postgresql://news:***@db/x"
    assert shown_address("postgresql:///storydiff_test") == "postgresql:///storydiff_test"
