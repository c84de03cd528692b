"""The files a store keeps in its folder beside the database: the writer's lock, and the typed
errors of the file system."""

from __future__ import annotations

import errno
import fcntl
import os
from pathlib import Path

from ..._errors import StoreError, StoreFullError, StoreReadOnlyError

__all__ = ["LOCK_NAME", "WriteLock", "os_store_error"]

LOCK_NAME = "write.lock"


class WriteLock:
    """The writer's lock of a store folder: an exclusive ``flock`` on its ``write.lock`` file,
    so one process at a time adds to the store."""

    def __init__(self, folder: Path) -> None:
        self.folder = folder
        self._fd: int | None = None

    def acquire(self) -> None:
        """Take the lock, or raise StoreError when another process holds it."""
        path = self.folder / LOCK_NAME
        try:
            fd = os.open(path, os.O_RDWR | os.O_CREAT, 0o644)
        except OSError as exc:
            raise os_store_error(exc, path, "open the write lock") from None
        try:
            fcntl.flock(fd, fcntl.LOCK_EX | fcntl.LOCK_NB)
        except BlockingIOError:
            os.close(fd)
            raise StoreError(f"the store {self.folder} is locked: another storydiff process is "
                             "writing to it; wait for it to finish") from None
        self._fd = fd

    def release(self) -> None:
        """Release the lock (if held)."""
        if self._fd is not None:
            fcntl.flock(self._fd, fcntl.LOCK_UN)
            os.close(self._fd)
            self._fd = None


def os_store_error(exc: OSError, path: Path, doing: str) -> StoreError:
    """A typed StoreError for a file-system error while trying to ``doing`` at ``path``."""
    reason = exc.strerror or str(exc)
    if exc.errno in (errno.ENOSPC, errno.EFBIG, errno.EDQUOT):
        return StoreFullError(f"could not {doing} at {path}: {reason}; free some space (or "
                              "raise the file-size limit) and run the command again")
    if exc.errno in (errno.EACCES, errno.EPERM, errno.EROFS):
        return StoreReadOnlyError(f"could not {doing} at {path}: {reason}; the store is "
                                  "read-only: check the permissions and owner of its folder and "
                                  "files, and that the disk is not mounted read-only")
    if isinstance(exc, IsADirectoryError):
        return StoreError(f"could not {doing}: {path} is a directory, not storydiff's file; "
                          "remove or rename it (storydiff creates the file again)")
    return StoreError(f"could not {doing} at {path}: {reason}")
