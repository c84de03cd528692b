"""Run every analysis step on a ``CleanText`` and collect the results in a ``Document``."""

from __future__ import annotations

from storydiff.document import CleanText, Document
from storydiff.settings import Settings

from .claims import split_claims
from .dates import find_dates
from .entities import find_entities
from .language import detect_language
from .numbers import find_quantities
from .quotes import find_quotes
from .sentences import split_sentences

__all__ = ["analyse"]

_DEFAULT_SETTINGS = Settings()


def analyse(clean: CleanText, *, settings: Settings = _DEFAULT_SETTINGS) -> Document:
    """Analyse a clean text: language, sentences, claims, entities, quantities, dates, quotes.

    Args:
        clean: the cleaned article (``text`` starts with the headline when one is known).
        settings: pipeline options (none of the analysis steps has options yet; accepted so every
            stage is called the same way).

    Returns:
        A ``Document`` whose every span points into ``clean.text``; embeddings are not computed
        here.

    Raises:
        ModelError: the spaCy model of an English or French text cannot be loaded.

    Example:
        >>> doc = analyse(CleanText(text="Two people died on Tuesday.", source="<text>",
        ...                         published="2017-05-19", declared_language="en"))
        >>> [(q.value, q.counted) for q in doc.quantities], [d.value for d in doc.dates]
        ([(2.0, 'people')], ['2017-05-16'])
    """
    del settings  # reserved: no analysis option exists yet
    text = clean.text
    language = detect_language(text, clean.declared_language)
    sentences = split_sentences(text, language)
    entities = find_entities(text, language)
    dates = find_dates(text, language, clean.published)
    return Document(
        source=clean.source,
        clean_text=text,
        title=clean.title,
        author=clean.author,
        published=clean.published,
        language=language,
        removed_lines=clean.removed_lines,
        sentences=sentences,
        claims=split_claims(sentences, text, language),
        entities=entities,
        quantities=find_quantities(text, language, dates=dates),
        dates=dates,
        quotes=find_quotes(text, language, entities, sentences=sentences),
    )
