"""The machinery every options object shares: one field kind with help text, validation on
construction, copies with changes, ``NAME=VALUE`` assignments read as each option's type, and
the registry rows that feed ``storydiff settings``, the CLI's ``--set`` and docs/settings.md."""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import Field, field, fields, replace
from pathlib import Path
from typing import Any, NamedTuple, Self

from .._errors import SettingsError

__all__ = ["Option", "Options", "option"]


class Option(NamedTuple):
    """One row of the registry: a setting's name, default and help text."""

    name: str
    default: Any
    help: str


def option(default: Any, help: str) -> Any:
    """A dataclass field that is a documented option (``help`` shows in every listing)."""
    return field(default=default, metadata={"help": help})


class Options:
    """Base of the frozen, keyword-only options dataclasses (``Settings``, ``CorpusConfig``,
    ``ServeConfig``). Fields declared with ``option`` are settings; others (a nested object)
    are not listed and cannot be assigned from text."""

    @classmethod
    def _options(cls) -> list[Field[Any]]:
        return [f for f in fields(cls) if "help" in f.metadata]  # type: ignore[arg-type]

    @classmethod
    def registry(cls) -> tuple[Option, ...]:
        """Every option of this group: name, default and help, in declaration order."""
        return tuple(Option(f.name, f.default, f.metadata["help"]) for f in cls._options())

    def with_(self, **changes: Any) -> Self:
        """Return a copy with ``changes`` applied (validated again)."""
        return replace(self, **changes)  # type: ignore[type-var]

    def with_assignments(self, assignments: Iterable[str]) -> Self:
        """Return a copy with ``NAME=VALUE`` assignments applied, each value read as its
        option's type (``none`` for an option that may be None; ``true``/``false`` for a
        switch; a comma-separated list for a tuple), as the CLI's ``--set`` gives them.

        Raises:
            SettingsError: an unknown name, a value of the wrong type, or a value the option
                refuses.
        """
        kinds = {f.name: str(f.type) for f in self._options()}
        changes: dict[str, Any] = {}
        for item in assignments:
            name, equals, raw = (part.strip() for part in item.partition("="))
            if not equals or name not in kinds:
                raise SettingsError(f"unknown setting {name or item!r} in --set {item!r}; "
                                    f"`storydiff settings` lists them: {', '.join(kinds)}")
            changes[name] = read_value(name, kinds[name], raw)
        return self.with_(**changes)


_TRUE, _FALSE = ("true", "yes", "on", "1"), ("false", "no", "off", "0")
_WANTED = {"int": "an integer", "float": "a number", "bool": "true or false"}


def read_value(name: str, kind: str, raw: str) -> Any:
    """``raw`` read as a value of the option ``name``, whose declared type is ``kind``."""
    if raw.lower() in ("none", "null") and "None" in kind:
        return None
    base = kind.replace("| None", "").strip()
    try:
        if base == "bool":
            if raw.lower() not in (*_TRUE, *_FALSE):
                raise ValueError(raw)
            return raw.lower() in _TRUE
        if base.startswith("tuple"):
            return tuple(part.strip() for part in raw.split(",") if part.strip())
        return {"int": int, "float": float, "Path": Path}.get(base, str)(raw)
    except ValueError:
        raise SettingsError(f"{name} takes {_WANTED.get(base, 'text')}"
                            + (" or none" if "None" in kind else "") + f", got {raw!r}") from None
