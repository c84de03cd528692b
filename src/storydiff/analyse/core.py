"""Run every analysis step on a ``CleanText`` and collect the results in a ``Document``."""

from __future__ import annotations

import dataclasses

from storydiff._budget import check_budget, checkpoint, time_budget
from storydiff._errors import InputTooLargeError
from storydiff.document import CleanText, Document, Sentence
from storydiff.settings import Settings

from .claims import split_claims
from .dates import find_dates
from .entities import find_entities
from .language import detect_language
from .numbers import find_quantities
from .quotes import find_quotes
from .sentences import iter_sentences

__all__ = ["analyse", "sentences_and_claims"]

_DEFAULT_SETTINGS = Settings()


def analyse(clean: CleanText, *, settings: Settings = _DEFAULT_SETTINGS) -> Document:
    """Analyse a clean text: language, sentences, claims, entities, quantities, dates, quotes.

    Sentences and claims come first: a text with more claims than ``settings.max_claims`` is
    refused as soon as its sentences alone pass the limit, before the costlier steps run. The
    whole analysis runs under ``settings.time_budget_s`` (the active budget of a comparison, or
    one of its own), checked between steps and inside the long loops.

    Args:
        clean: the cleaned article (``text`` starts with the headline when one is known).
        settings: ``max_sentence_chars``, ``max_claims`` and ``time_budget_s`` apply here.

    Returns:
        A ``Document`` whose every span points into ``clean.text``; embeddings are not computed
        here.

    Raises:
        InputTooLargeError: the text holds more than ``settings.max_claims`` claims.
        TimeBudgetError: the analysis ran past the time budget.
        ModelError: the spaCy model of an English or French text cannot be loaded.

    Example:
        >>> doc = analyse(CleanText(text="Two people died on Tuesday.", source="<text>",
        ...                         published="2017-05-19", declared_language="en"))
        >>> [(q.value, q.counted) for q in doc.quantities], [d.value for d in doc.dates]
        ([(2.0, 'people')], ['2017-05-16'])
    """
    with time_budget(settings.time_budget_s, source=clean.source):
        first = _first_steps(clean, settings)
        text, language = first.clean_text, first.language
        entities = find_entities(text, language)
        check_budget("entities")
        dates = find_dates(text, language, clean.published)
        check_budget("dates")
        quantities = find_quantities(text, language, dates=dates)
        check_budget("numbers")
        quotes = find_quotes(text, language, entities, sentences=first.sentences)
        check_budget("quotes")
    return dataclasses.replace(first, entities=entities, quantities=quantities, dates=dates,
                               quotes=quotes)


def sentences_and_claims(clean: CleanText, *, settings: Settings = _DEFAULT_SETTINGS) -> Document:
    """``clean`` analysed as far as its claims: its language, sentences and claims, as
    ``analyse`` finds them (the later steps do not change them), and no entities, figures,
    dates or quotes. A few milliseconds where ``analyse`` takes tens: what an encoder needs to
    begin on a text while the rest of its analysis runs.

    Raises:
        InputTooLargeError: the text holds more than ``settings.max_claims`` claims.
        TimeBudgetError: the steps ran past the time budget.
    """
    with time_budget(settings.time_budget_s, source=clean.source):
        return _first_steps(clean, settings)


def _first_steps(clean: CleanText, settings: Settings) -> Document:
    """Language, sentences and claims (refused past ``settings.max_claims``)."""
    text = clean.text
    language = detect_language(text, clean.declared_language)
    sentences = _sentences(clean, language, settings)
    claims = split_claims(sentences, text, language)
    if len(claims) > settings.max_claims:
        raise _too_many_claims(clean.source, settings, f"{len(claims):,}")
    check_budget("claims")
    return Document(
        source=clean.source,
        clean_text=text,
        title=clean.title,
        author=clean.author,
        published=clean.published,
        language=language,
        removed_lines=clean.removed_lines,
        sentences=sentences,
        claims=claims,
        warnings=clean.warnings,
    )


def _sentences(clean: CleanText, language: str, settings: Settings) -> list[Sentence]:
    """The sentences of the text, refused past ``max_claims`` (each sentence is a claim or more)."""
    sentences: list[Sentence] = []
    for sentence in iter_sentences(clean.text, language, max_chars=settings.max_sentence_chars):
        sentences.append(sentence)
        if len(sentences) > settings.max_claims:
            raise _too_many_claims(clean.source, settings, f"more than {settings.max_claims:,}")
        checkpoint("sentences", len(sentences))
    return sentences


def _too_many_claims(source: str, settings: Settings, count: str) -> InputTooLargeError:
    """The error for a text with more claims than ``settings.max_claims``."""
    return InputTooLargeError(
        source,
        f"the text holds {count} claims, over the limit of {settings.max_claims:,}; compare "
        "shorter articles or raise the limit (--set max_claims=N; Settings(max_claims=N))",
    )
