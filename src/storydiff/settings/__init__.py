"""One options layer: ``Settings`` (reading, analysing, comparing), ``CorpusConfig`` (corpus
mode) and ``ServeConfig`` (the web server) are validated, keyword-only dataclasses built on one
machinery (``Options``). ``GROUPS`` is the registry of all three: every option, its default and
its help text. It feeds ``storydiff settings``, the CLI's ``--set NAME=VALUE``,
docs/settings.md and the test that checks every option is documented.

    >>> Settings(max_text_bytes=500_000).max_text_bytes
    500000
"""

from __future__ import annotations

from collections.abc import Iterable
from typing import Any

from .._errors import SettingsError
from ._options import Option, Options
from .compare import Settings
from .corpus import CorpusConfig
from .serve import ServeConfig, is_loopback_host

__all__ = ["GROUPS", "SETTINGS", "CorpusConfig", "Option", "Options", "ServeConfig", "Settings",
           "assign", "is_loopback_host"]

#: Every options group by the name ``storydiff settings`` shows: compare, corpus, serve.
GROUPS: dict[str, type[Options]] = {
    "compare": Settings, "corpus": CorpusConfig, "serve": ServeConfig}

#: The comparison options: name, default, help (``Settings.registry()``).
SETTINGS = Settings.registry()


def assign(assignments: Iterable[str], *objects: Any) -> tuple[Any, ...]:
    """``objects`` (options objects of different groups) with each ``NAME=VALUE`` applied to
    the one whose group holds NAME, as a command's ``--set`` gives them.

    Raises:
        SettingsError: a name none of the groups holds, or a bad value.

    Example:
        >>> settings, config = assign(["num_perm=64", "max_claims=50"], Settings(), CorpusConfig())
        >>> config.num_perm, settings.max_claims
        (64, 50)
    """
    out = list(objects)
    for item in assignments:
        name = item.partition("=")[0].strip()
        owner = next((i for i, o in enumerate(out) if name in {x.name for x in o.registry()}),
                     None)
        if owner is None:
            names = [x.name for o in out for x in o.registry()]
            raise SettingsError(f"unknown setting {name or item!r} in --set {item!r}; this "
                                f"command takes: {', '.join(names)}")
        out[owner] = out[owner].with_assignments([item])
    return tuple(out)
