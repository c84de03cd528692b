"""Analysis of a clean text: language, sentences, claims, entities, numbers, dates, quotes.

``analyse`` runs every step and returns a ``Document``; each step is also usable alone.
"""

from __future__ import annotations

from .claims import split_claims
from .core import analyse, sentences_and_claims
from .dates import find_dates
from .entities import capitalised_spans_heuristic, find_entities
from .language import detect_language
from .numbers import find_quantities
from .quotes import find_quotes
from .sentences import split_sentences

__all__ = [
    "analyse",
    "capitalised_spans_heuristic",
    "detect_language",
    "find_dates",
    "find_entities",
    "find_quantities",
    "find_quotes",
    "sentences_and_claims",
    "split_claims",
    "split_sentences",
]
