"""Where input comes from: a file path, standard input (``"-"``), a string, or bytes."""

from __future__ import annotations

import re
import sys
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

from .._errors import InputFormatError, InputTooLargeError

__all__ = ["RawInput", "resolve_source"]

_PATH_SUFFIXES = (".txt", ".text", ".md", ".html", ".htm", ".xhtml", ".json")
_PATH_STARTS = ("/", "./", "../", "~/", ".\\", "..\\")
_MAX_PATH_CHARS = 4096
_URL = re.compile(r"(?i)^\s*(?:https?|ftp)://\S+\s*$")


@dataclass(frozen=True)
class RawInput:
    """One input before decoding: its bytes (or a string given directly) and how to name it."""

    label: str
    suffix: str = ""  # lower-case file suffix, "" when the input is not a file
    data: bytes | None = None
    text: str | None = None


def _read_limited(stream_read: Callable[[int], bytes], label: str, limit: int) -> bytes:
    """Read at most ``limit`` bytes; raise InputTooLargeError when there is more."""
    data = stream_read(limit + 1)
    if len(data) > limit:
        raise InputTooLargeError(label, f"the input is over {limit:,} bytes, more than any "
                                        "article within the size limit; pass a shorter article "
                                        "or raise max_text_bytes (--max-bytes)")
    return data


def _read_file(path: Path, label: str, limit: int) -> RawInput:
    """The bytes of one file, with errors that say what to do."""
    if path.is_dir():
        raise InputFormatError(label, "this is a directory; pass one article file")
    try:
        with path.open("rb") as handle:
            data = _read_limited(handle.read, label, limit)
    except FileNotFoundError:
        raise InputFormatError(label, "no such file; check the path") from None
    except OSError as exc:
        raise InputFormatError(label, f"the file cannot be read ({exc.strerror}); check its "
                                      "permissions") from None
    except ValueError:  # a NUL character: no file can be named so
        raise InputFormatError(label, "this is no valid file name (it holds a NUL character); "
                                      "check the path") from None
    return RawInput(label, path.suffix.lower(), data=data)


def _read_stdin(label: str, limit: int) -> RawInput:
    """The bytes of standard input."""
    try:
        return RawInput(label, data=_read_limited(sys.stdin.buffer.read, label, limit))
    except (OSError, AttributeError, ValueError) as exc:
        raise InputFormatError(label, f"standard input cannot be read ({exc}); pass a file "
                                      "instead") from None


def _existing_path(text: str) -> Path | None:
    """``text`` as a path when it names an existing file or directory."""
    if len(text) > _MAX_PATH_CHARS or "\n" in text or "\x00" in text or not text.strip():
        return None
    try:
        path = Path(text).expanduser()
        return path if path.exists() else None
    except (OSError, ValueError, RuntimeError):  # RuntimeError: "~user" with no such home
        return None


def _looks_like_path_heuristic(text: str) -> bool:
    """Heuristic: one short line ending in a known suffix, or starting like a path."""
    if len(text) > 260 or "\n" in text or "<" in text:
        return False
    return text.lower().endswith(_PATH_SUFFIXES) or text.startswith(_PATH_STARTS)


def is_inline_text(source: object) -> bool:
    """Whether ``read`` takes ``source`` as the article itself rather than a file or stdin."""
    if isinstance(source, bytes):
        return True
    if not isinstance(source, str) or source == "-" or _URL.match(source):
        return False
    return _existing_path(source) is None and not _looks_like_path_heuristic(source)


def resolve_source(source: str | bytes | Path, *, name: str | None, limit: int) -> RawInput:
    """Turn a ``read`` argument into a :class:`RawInput`, reading files and stdin (``"-"``).

    Raises:
        InputFormatError: a missing file, a directory, an unreadable file, a URL (never
            fetched) or an unknown type.
        InputTooLargeError: more than ``limit`` bytes.
    """
    if isinstance(source, Path):
        return _read_file(source, name or str(source), limit)
    if isinstance(source, bytes):
        return RawInput(name or "<bytes>", data=source)
    if not isinstance(source, str):
        raise InputFormatError(name or "<input>", f"cannot read a {type(source).__name__}; "
                                                  "pass a path, a string or bytes")
    if _URL.match(source):
        raise InputFormatError(name or source, "URLs are not fetched; save the page and pass the "
                                               "file, or pass its text")
    if source == "-":
        return _read_stdin(name or "<stdin>", limit)
    path = _existing_path(source)
    if path is not None or _looks_like_path_heuristic(source):
        return _read_file(path or Path(source), name or source, limit)
    return RawInput(name or "<text>", text=source)
