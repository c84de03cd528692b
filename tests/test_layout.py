"""The package layout follows the pipeline: imports between packages only point down it.

Read from the source (``ast``), not by importing, so a lazy import inside a function counts too.
"""

from __future__ import annotations

import ast
from pathlib import Path

import pytest

SRC = Path(__file__).resolve().parents[1] / "src" / "storydiff"

#: The stages in pipeline order; a module may import from its own stage and from earlier ones.
#: The first row is the base every stage may use; the package root is the public surface.
ORDER: tuple[tuple[str, ...], ...] = (
    ("_errors", "_budget", "_lru", "_version", "settings", "document", "text"),
    ("ingest",),
    ("analyse",),
    ("embed",),
    ("align",),
    ("discrepancies",),
    ("provenance",),
    ("similarity",),
    ("report",),
    ("pipeline",),
    ("corpus",),
    ("evaluate",),
    ("web",),
    ("cli",),
    ("__main__", "__init__"),
)
RANK = {name: rank for rank, names in enumerate(ORDER) for name in names}


def _modules() -> list[Path]:
    return sorted(SRC.rglob("*.py"))


def _package(path: Path) -> str:
    """The top-level unit of ``path`` under storydiff/: a subpackage or a root module."""
    parts = path.relative_to(SRC).parts
    return parts[0] if len(parts) > 1 else Path(parts[0]).stem


def _imported(path: Path) -> set[str]:
    """Top-level units of storydiff that ``path`` imports, besides its own."""
    here = path.relative_to(SRC).with_suffix("").parts
    return _imports_of(path.read_text(encoding="utf-8"), here) - {_package(path)}


def _imports_of(source: str, here: tuple[str, ...]) -> set[str]:
    """Top-level units of storydiff that ``source``, the module at ``here`` (its path under
    storydiff/ without the suffix), imports: relative or absolute, at any depth."""
    package = here[:-1]
    found = set()
    for node in ast.walk(ast.parse(source)):
        if isinstance(node, ast.ImportFrom) and node.level:
            base = package[: len(package) - node.level + 1]
            target = [*base, *(node.module.split(".") if node.module else [])]
            names = [target] if node.module or target else [[a.name] for a in node.names]
        elif isinstance(node, ast.ImportFrom) and (node.module or "").startswith("storydiff."):
            names = [node.module.split(".")[1:]] if node.module else []
        elif isinstance(node, ast.Import):
            names = [a.name.split(".")[1:] for a in node.names if a.name.startswith("storydiff.")]
        else:
            continue
        found.update(target[0] for target in names if target)
    return found


def test_every_unit_has_a_stage() -> None:
    units = {_package(p) for p in _modules()}
    assert units - set(RANK) == set(), "add new packages to ORDER, at their place in the pipeline"


@pytest.mark.parametrize("path", _modules(), ids=lambda p: str(p.relative_to(SRC)))
def test_imports_point_down_the_pipeline(path: Path) -> None:
    unit = _package(path)
    upward = {name for name in _imported(path)
              if RANK.get(name, -1) > RANK[unit] or (RANK.get(name) == RANK[unit] and RANK[unit])}
    assert upward == set(), f"{unit} imports from later stages: {sorted(upward)}"


def test_the_check_sees_every_form_of_import() -> None:
    here = ("align", "alignment")
    assert _imports_of("from ..pipeline.cache import x", here) == {"pipeline"}
    assert _imports_of("def f():\n    from .. import web", here) == {"web"}
    assert _imports_of("import storydiff.corpus.store", here) == {"corpus"}
    assert _imports_of("from storydiff.report import Report", here) == {"report"}
    assert _imports_of("from .links import x\nfrom ..text import y", here) == {"align", "text"}
