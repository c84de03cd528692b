"""Every exception storydiff raises, in one hierarchy.

    StorydiffError                 base: catch this to catch everything storydiff raises
    ├── InputError                 an input cannot be turned into an article
    │   ├── EmptyInputError        empty or whitespace-only text
    │   ├── BinaryInputError       bytes that are not text (NUL bytes, a known binary signature)
    │   ├── DecodingError          text in an encoding none of the tried codecs decodes
    │   ├── NoArticleBodyError     HTML (or a record) in which no article body was found
    │   ├── InputTooLargeError     text over ``Settings.max_text_bytes``, or more claims than
    │   │                          ``Settings.max_claims``
    │   ├── TimeBudgetError        work on the input ran past ``Settings.time_budget_s``
    │   ├── InputFormatError       a malformed JSON record, an unknown file type, a missing file
    │   └── FetchError             a URL refused (private address, size, time) or not fetched
    ├── ModelError                 a model file is missing or unreadable: reinstall the package
    ├── SettingsError              an option has an invalid value
    ├── StoreError                 a corpus store is locked, corrupt, or not a storydiff store
    │   ├── StoreReadOnlyError     the store's folder or files cannot be written (permissions)
    │   └── StoreFullError         the disk is full (or a file-size limit was hit) while writing
    └── UnknownIdError             no story or article has the requested id

Each message says what happened and what to do; the CLI prints it on one line and exits non-zero.
"""

from __future__ import annotations

__all__ = [
    "BinaryInputError",
    "DecodingError",
    "EmptyInputError",
    "FetchError",
    "InputError",
    "InputFormatError",
    "InputTooLargeError",
    "ModelError",
    "NoArticleBodyError",
    "SettingsError",
    "StoreError",
    "StoreFullError",
    "StoreReadOnlyError",
    "StorydiffError",
    "TimeBudgetError",
    "UnknownIdError",
]


class StorydiffError(Exception):
    """Base class of every error storydiff raises on purpose."""


class InputError(StorydiffError):
    """An input could not be read as an article. ``source`` names the file or ``<text>``."""

    def __init__(self, source: str, problem: str) -> None:
        self.source = source
        self.problem = problem
        super().__init__(f"{source}: {problem}")


class EmptyInputError(InputError):
    """The input holds no text (empty or only white space)."""


class BinaryInputError(InputError):
    """The input is binary data, not text."""


class DecodingError(InputError):
    """No tried encoding decodes the input."""


class NoArticleBodyError(InputError):
    """The HTML or record carries no article body."""


class InputTooLargeError(InputError):
    """The text exceeds the configured size limit (bytes, or claims to compare)."""


class TimeBudgetError(InputError):
    """Work on the input (or on a comparison) ran past ``Settings.time_budget_s``."""


class InputFormatError(InputError):
    """The input is in a format storydiff cannot read, or is malformed."""


class ModelError(StorydiffError):
    """A model or weights file is missing or corrupt."""


class SettingsError(StorydiffError):
    """An option was given an invalid value."""


class FetchError(InputError):
    """A URL was refused (scheme, private address, size, time) or could not be fetched."""


class StoreError(StorydiffError):
    """The store is locked by another process, corrupt, or not a storydiff store."""


class UnknownIdError(StorydiffError):
    """No story or article has the requested id."""


class StoreReadOnlyError(StoreError):
    """The store's folder or files are read-only (permissions, a read-only mount)."""


class StoreFullError(StoreError):
    """Writing to the store failed because the disk (or a file-size limit) is full."""
