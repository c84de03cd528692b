"""Ingest: prepare a batch of articles (clean, analyse, embed, sign), then link and commit it in
one transaction, so a crash leaves the store as it was after the last whole batch."""

from __future__ import annotations

import json
from collections.abc import Callable, Iterable, Iterator
from concurrent.futures import Future, ThreadPoolExecutor
from dataclasses import dataclass
from typing import TypeVar

import numpy as np

from .._errors import InputError
from ..analyse import analyse
from ..analyse.codec import encode_document
from ..document import CleanText, Document
from ..embed import Encoder
from ..ingest import clean
from ..ingest.items import Loaded
from ..settings import Settings
from .config import CorpusConfig
from .features import content_hash, entity_keys, lead_text
from .minhash import text_signature

T = TypeVar("T")

__all__ = ["Outcome", "Prepared", "batches", "outcome_batches", "prepare_each",
           "prepared_batches"]


@dataclass(frozen=True)
class Prepared:
    """One new article, ready to be stored and linked."""

    label: str
    url: str | None
    hash: str
    doc: Document
    entities: frozenset[str]
    signature: np.ndarray
    vector: np.ndarray

    def document_blob(self) -> bytes:
        """The compressed analysed document."""
        return encode_document(self.doc)

    def entities_json(self) -> str:
        """The entity keys as a sorted JSON list."""
        return json.dumps(sorted(self.entities), ensure_ascii=False)


@dataclass
class BatchResult:
    """A prepared batch: new articles, duplicates skipped and failures."""

    prepared: list[Prepared]
    duplicates: int
    errors: list[str]

    @property
    def records(self) -> int:
        """How many input records the batch held."""
        return len(self.prepared) + self.duplicates + len(self.errors)


def batches(items: Iterable[T], size: int) -> Iterator[list[T]]:
    """Consecutive lists of at most ``size`` items."""
    batch: list[T] = []
    for item in items:
        batch.append(item)
        if len(batch) >= size:
            yield batch
            batch = []
    if batch:
        yield batch


@dataclass
class Analysed:
    """A batch after cleaning and analysis, waiting for its lead embeddings."""

    staged: list[tuple[Loaded, str, Document]]
    duplicates: int
    errors: list[str]

    @property
    def hashes(self) -> set[str]:
        """Content hashes of the batch's new articles."""
        return {digest for _, digest, _ in self.staged}


def analyse_batch(batch: list[Loaded], known: Callable[[list[str]], set[str]],
                  settings: Settings) -> Analysed:
    """Clean the batch, drop exact duplicates (``known`` returns which of some content hashes
    are stored already) and analyse the new articles."""
    errors: list[str] = []
    cleaned = [(item, c) for item in batch if (c := _cleaned(item, settings, errors)) is not None]
    hashes = [content_hash(c.text) for _, c in cleaned]
    seen = known(hashes)
    staged: list[tuple[Loaded, CleanText, str]] = []
    for (item, text), digest in zip(cleaned, hashes, strict=True):
        if digest not in seen:
            seen.add(digest)
            staged.append((item, text, digest))
    analysed = [(item, digest, doc) for item, text, digest in staged
                if (doc := _analysed(item, text, settings, errors)) is not None]
    return Analysed(analysed, len(cleaned) - len(staged), errors)


def finish_batch(analysed: Analysed, vectors: np.ndarray, config: CorpusConfig) -> BatchResult:
    """Attach the lead embeddings and MinHash signatures."""
    prepared = [_prepared(item, digest, doc, vector, config)
                for (item, digest, doc), vector in zip(analysed.staged, vectors, strict=True)]
    return BatchResult(prepared, analysed.duplicates, analysed.errors)


def _leads(analysed: Analysed, config: CorpusConfig) -> list[str]:
    """The title-and-lead texts to embed."""
    return [lead_text(doc.clean_text, config.lead_chars) for _, _, doc in analysed.staged]


def _or_waiting(known: Callable[[list[str]], set[str]],
                waiting: set[str]) -> Callable[[list[str]], set[str]]:
    """``known`` extended with the hashes of a batch that is not committed yet."""
    def check(hashes: list[str]) -> set[str]:
        return known(hashes) | (set(hashes) & waiting)

    return check


def prepared_batches(batches: Iterable[list[Loaded]], known: Callable[[list[str]], set[str]],
                     encoder: Encoder, config: CorpusConfig, settings: Settings, *,
                     overlap: bool = True) -> Iterator[BatchResult]:
    """Prepared batches, in order. With ``overlap``, a worker thread embeds one batch while
    this thread analyses the next (the encoder's C engine releases the GIL), so both cores
    work; the consumer must commit each batch before asking for the next."""
    if not overlap:
        for batch in batches:
            analysed = analyse_batch(batch, known, settings)
            yield finish_batch(analysed, encoder.encode(_leads(analysed, config)), config)
        return
    with ThreadPoolExecutor(max_workers=1, thread_name_prefix="storydiff-embed") as pool:
        pending: tuple[Analysed, Future[np.ndarray]] | None = None
        for batch in batches:
            waiting = pending[0].hashes if pending else set()
            analysed = analyse_batch(batch, _or_waiting(known, waiting), settings)
            if pending is not None:
                vectors = pending[1].result()
            future = pool.submit(encoder.encode, _leads(analysed, config))
            if pending is not None:
                yield finish_batch(pending[0], vectors, config)
            pending = (analysed, future)
        if pending is not None:
            yield finish_batch(pending[0], pending[1].result(), config)


@dataclass
class Outcome:
    """One record after the map stage of an engine (``prepare_each``): prepared, or failed.

    ``hash`` is the content hash when cleaning got that far (a record whose analysis failed
    still counts as a duplicate of a stored text, as in ``analyse_batch``); ``stage`` says
    where a failure happened ("clean" or "analyse")."""

    label: str
    hash: str | None = None
    prepared: Prepared | None = None
    error: str | None = None
    stage: str | None = None


def prepare_each(batch: list[Loaded], encoder: Encoder, config: CorpusConfig,
                 settings: Settings) -> list[Outcome]:
    """Clean, analyse, embed and sign every record of ``batch`` on its own, without asking the
    store anything (what an engine's workers run); ``outcome_batches`` then drops duplicates
    where the store is at hand, as ``prepared_batches`` does."""
    out: list[Outcome] = []
    staged: list[tuple[Outcome, Loaded, Document]] = []
    for item in batch:
        errors: list[str] = []
        text = _cleaned(item, settings, errors)
        if text is None:
            out.append(Outcome(item.label, error=errors[0], stage="clean"))
            continue
        outcome = Outcome(item.label, content_hash(text.text))
        out.append(outcome)
        doc = _analysed(item, text, settings, errors)
        if doc is None:
            outcome.error, outcome.stage = errors[0], "analyse"
        else:
            staged.append((outcome, item, doc))
    if staged:
        vectors = encoder.encode([lead_text(doc.clean_text, config.lead_chars)
                                  for _, _, doc in staged])
        for (outcome, item, doc), vector in zip(staged, vectors, strict=True):
            assert outcome.hash is not None
            outcome.prepared = _prepared(item, outcome.hash, doc, vector, config)
    return out


def outcome_batches(outcomes: Iterable[list[Outcome]],
                    known: Callable[[list[str]], set[str]]) -> Iterator[BatchResult]:
    """The batches ``prepared_batches`` would yield for the same records: texts stored already
    (``known``, asked when the batch is reached: the consumer commits each batch before asking
    for the next) or met earlier in the batch are duplicates; cleaning failures are listed
    before analysis failures."""
    for batch in outcomes:
        seen = known([o.hash for o in batch if o.hash is not None])
        prepared, duplicates = [], 0
        failed = {"clean": list[str](), "analyse": list[str]()}
        for outcome in batch:
            if outcome.hash is not None and outcome.hash in seen:
                duplicates += 1
                continue
            if outcome.hash is not None:
                seen.add(outcome.hash)
            if outcome.prepared is not None:
                prepared.append(outcome.prepared)
            else:
                failed[outcome.stage or "clean"].append(outcome.error or f"{outcome.label}: "
                                                                        "failed")
        yield BatchResult(prepared, duplicates, failed["clean"] + failed["analyse"])


def _cleaned(item: Loaded, settings: Settings, errors: list[str]) -> CleanText | None:
    """The clean text of a loaded item, or None (with the reason added to ``errors``)."""
    if item.article is None:
        errors.append(item.error or f"{item.label}: unreadable")
        return None
    try:
        return clean(item.article, settings=settings)
    except InputError as exc:
        errors.append(_reason(item, exc))
        return None


def _analysed(item: Loaded, text: CleanText, settings: Settings,
              errors: list[str]) -> Document | None:
    """The analysed document, or None (with the reason added to ``errors``) for an article
    the analysis refuses (e.g. more than ``max_claims`` claims): that record is skipped, the
    rest of the batch goes on."""
    try:
        return analyse(text, settings=settings)
    except InputError as exc:
        errors.append(_reason(item, exc))
        return None


def _reason(item: Loaded, exc: InputError) -> str:
    """The error line of a skipped record: its label (file and line) and the problem."""
    return str(exc) if str(exc).startswith(item.label) else f"{item.label}: {exc}"


def _prepared(item: Loaded, digest: str, doc: Document, vector: np.ndarray,
              config: CorpusConfig) -> Prepared:
    """Bundle one analysed article with its features."""
    sig = text_signature(doc.clean_text, config.num_perm, config.seed, config.word_shingle,
                         config.char_shingle)
    url = item.article.url if item.article is not None else None
    return Prepared(item.label, url, digest, doc, entity_keys(doc), sig,
                    np.asarray(vector, dtype=np.float32))
