"""The installed version of storydiff (``0.0.0+source`` when run from a source tree)."""

from importlib.metadata import PackageNotFoundError, version

__all__ = ["__version__"]

try:
    __version__ = version("storydiff")
except PackageNotFoundError:  # running from a source tree without installing
    __version__ = "0.0.0+source"
