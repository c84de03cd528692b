"""Options of corpus mode: ``CorpusConfig`` lives with the other options objects in
``storydiff.settings`` (one registry); this module keeps the corpus package's names."""

from __future__ import annotations

from ..settings import CorpusConfig

__all__ = ["CORPUS_SETTINGS", "CorpusConfig"]

#: The corpus options: name, default, help (``CorpusConfig.registry()``).
CORPUS_SETTINGS = CorpusConfig.registry()
