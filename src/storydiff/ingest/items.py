"""Turn what ``Corpus.add`` is given into articles, one ``Loaded`` item each.

Accepted: ``Article`` objects; dicts (JSON article records); paths of ``.jsonl``/``.csv`` record
files, ``.warc``/``.warc.gz`` archives, single ``.html``/``.txt``/``.json`` files and folders of
them; ``"-"`` for JSONL on standard input; any other string is the text of one article.
A bad record becomes a ``Loaded`` item with an error ("file:line: problem"), never an exception.
"""

from __future__ import annotations

import csv
import io
import json
import sys
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from .._errors import InputError
from ..document import Article
from ..settings import Settings
from . import read
from .records import parse_record
from .warc import warc_articles

__all__ = ["Loadable", "Loaded", "count_items", "load_items"]

Loadable = Article | dict[str, Any] | str | Path

_FILE_SUFFIXES = (".html", ".htm", ".txt", ".json", ".jsonl", ".csv", ".warc", ".warc.gz")


@dataclass(frozen=True)
class Loaded:
    """One input record: its label ("file:line"), and the article or the reason it failed."""

    label: str
    article: Article | None
    error: str | None = None


def load_items(items: Iterable[Loadable], settings: Settings) -> Iterator[Loaded]:
    """Every article in ``items``, in order, with failures reported in place."""
    for number, item in enumerate(items, start=1):
        if isinstance(item, Article):
            yield Loaded(item.source, item)
        elif isinstance(item, dict):
            yield _from_record(item, f"<record {number}>")
        else:
            yield from _from_source(item, settings)


def count_items(items: Iterable[Loadable]) -> int:
    """How many records ``items`` holds, counting lines of record files (0 for stdin/WARC)."""
    total = 0
    for item in items:
        if isinstance(item, Article | dict):
            total += 1
        elif _is_path(item):
            total += sum(_count_file(p) for p in _files(Path(item)))
        elif item != "-":
            total += 1
    return total


def _is_path(item: str | Path) -> bool:
    """Whether ``item`` names an existing file or folder."""
    if isinstance(item, Path):
        return True
    return len(item) < 4096 and "\n" not in item and item != "-" and Path(item).exists()


def _from_source(item: str | Path, settings: Settings) -> Iterator[Loaded]:
    """Articles from a path, from stdin, or from inline text."""
    if item == "-":
        yield from _jsonl(sys.stdin, "<stdin>")
    elif _is_path(item):
        path = Path(item)
        if not path.exists():
            yield Loaded(str(path), None, f"{path}: no such file or folder")
            return
        for file in _files(path):
            yield from _from_file(file, settings)
    else:
        yield _guard("<text>", lambda: read(str(item), settings=settings, name="<text>"))


def _files(path: Path) -> list[Path]:
    """The file itself, or every readable file under a folder, sorted."""
    if path.is_file():
        return [path]
    return sorted(p for p in path.rglob("*") if p.is_file() and _suffix(p) in _FILE_SUFFIXES)


def _suffix(path: Path) -> str:
    """The file's suffix, with ``.warc.gz`` as one."""
    name = path.name.lower()
    return ".warc.gz" if name.endswith(".warc.gz") else path.suffix.lower()


def _from_file(path: Path, settings: Settings) -> Iterator[Loaded]:
    """Articles of one file, by its suffix."""
    suffix = _suffix(path)
    try:
        if suffix == ".jsonl":
            with path.open(encoding="utf-8", errors="replace") as handle:
                yield from _jsonl(handle, str(path))
        elif suffix == ".csv":
            with path.open(encoding="utf-8", errors="replace", newline="") as handle:
                yield from _csv(handle, str(path))
        elif suffix in (".warc", ".warc.gz"):
            for label, article, error in warc_articles(path):
                yield Loaded(label, article, error)
        else:
            yield _guard(str(path), lambda: read(path, settings=settings))
    except OSError as exc:
        yield Loaded(str(path), None, f"{path}: cannot read ({exc.strerror})")


def _jsonl(handle: io.TextIOBase | Any, name: str) -> Iterator[Loaded]:
    """One article a non-blank line of JSONL."""
    for line_no, line in enumerate(handle, start=1):
        if line.strip():
            label = f"{name}:{line_no}"
            yield _guard(label, lambda line=line, label=label: parse_record(line, label))


def _csv(handle: io.TextIOBase | Any, name: str) -> Iterator[Loaded]:
    """One article a CSV row; columns named like JSON record fields."""
    reader = csv.DictReader(handle)
    try:
        for row in reader:
            label = f"{name}:{reader.line_num}"
            if None in row or any(v is None for v in row.values()):
                yield Loaded(label, None, f"{label}: the row has {len(row)} fields, the header "
                                          f"{len(reader.fieldnames or [])}; fix the row")
                continue
            yield _from_record(row, label)
    except csv.Error as exc:
        yield Loaded(f"{name}:{reader.line_num}", None,
                     f"{name}:{reader.line_num}: malformed CSV ({exc}); the rest of the file "
                     "is skipped")


def _from_record(record: dict[str, Any], label: str) -> Loaded:
    """A dict record read like a JSON article record."""
    return _guard(label, lambda: parse_record(json.dumps(record, default=str), label))


def _guard(label: str, make: Any) -> Loaded:
    """Call ``make``; an InputError becomes a failed ``Loaded`` with its message."""
    try:
        article: Article = make()
    except InputError as exc:
        return Loaded(label, None, str(exc))
    return Loaded(label, article)


def _count_file(path: Path) -> int:
    """Records in one file: lines for JSONL, rows for CSV, 1 for single articles, 0 for WARC."""
    suffix = _suffix(path)
    if suffix in (".warc", ".warc.gz"):
        return 0
    if suffix not in (".jsonl", ".csv"):
        return 1
    try:
        with path.open("rb") as handle:
            lines = sum(1 for line in handle if line.strip())
    except OSError:
        return 0
    return max(0, lines - (1 if suffix == ".csv" else 0))
