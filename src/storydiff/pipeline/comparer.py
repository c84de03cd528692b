"""The pipeline, end to end: read → clean → analyse → compare.

``compare(a, b)`` is the one obvious entry point; ``Comparer`` holds the models for repeated use,
an ``AnalysisCache`` of analysed documents and claim vectors (the process-wide one unless given
another), and compares many pairs in worker processes with ``compare_many``.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import TYPE_CHECKING

from .. import analyse as _analysis
from .._budget import Background, check_budget, time_budget
from ..align.alignment import Alignment, align_claims
from ..align.links import confident_links, without_fragments
from ..analyse import analyse
from ..discrepancies.contradiction import ContradictionModel
from ..discrepancies.find import find_discrepancies
from ..discrepancies.record import Discrepancy
from ..document import Article, CleanText, Document
from ..embed import CachedEncoder, Encoder, default_encoder
from ..ingest import clean, read
from ..ingest.sources import is_inline_text
from ..provenance.reuse import find_reuse
from ..provenance.source import likely_source
from ..report.report import Report
from ..settings import Settings
from ..similarity import DIMENSIONS, Scorer, Similarity
from ..similarity.defaults import default_scorer
from ..similarity.features import encoder_texts
from .cache import AnalysisCache, CachingEncoder, default_cache

if TYPE_CHECKING:
    from .pool import PairEngine, PairFailure

__all__ = ["Comparer", "Side", "Source", "compare", "prepare"]

#: What ``compare`` accepts for each side: text or HTML, a path, ``-`` for stdin, bytes, a Document.
Source = str | bytes | Path | Document
#: What ``Comparer.compare`` and ``compare_many`` accept for each side: a ``Source``, or the
#: article as read (``Article``) or cleaned (``CleanText``).
Side = Source | Article | CleanText


def prepare(
    source: Source, *, settings: Settings | None = None, name: str | None = None
) -> Document:
    """Read, clean and analyse one article. A ``Document`` is returned unchanged.

    Raises:
        storydiff.InputError: the input is empty, binary, undecodable, too large or has no body.
    """
    if isinstance(source, Document):
        return source
    settings = settings or Settings()
    article = read(source, settings=settings, name=name)
    return analyse(clean(article, settings=settings), settings=settings)


def _identical_verdict() -> Similarity:
    """Two identical clean texts: the same story on every dimension."""
    return Similarity(1.0, dict.fromkeys(DIMENSIONS, 1.0), "identical_text")


class Comparer:
    """Compares articles with one set of models, loaded once.

    Example:
        >>> comparer = Comparer()                                   # doctest: +SKIP
        >>> report = comparer.compare("a.txt", "b.html")            # doctest: +SKIP
        >>> print(report.summary())                                 # doctest: +SKIP
    """

    def __init__(
        self,
        *,
        settings: Settings | None = None,
        encoder: Encoder | None = None,
        scorer: Scorer | None = None,
        contradiction: ContradictionModel | None = None,
        cache: AnalysisCache | None = None,
    ) -> None:
        self.settings = settings or Settings()
        self.cache = cache if cache is not None else default_cache()
        self.encoder = encoder or CachingEncoder(_model(default_encoder()), self.cache)
        self.scorer = scorer or default_scorer(self.encoder, self.settings)
        self.contradiction = contradiction or _contradiction_model(self.settings, self.encoder)
        #: Whether every model is the shipped default (worker processes can rebuild them).
        self.default_models = encoder is None and scorer is None and contradiction is None

    def prepare(self, source: Side, *, name: str | None = None) -> Document:
        """Read, clean and analyse one article, the analysis from ``self.cache`` when it holds
        the same clean text. A ``Document`` is returned unchanged.

        Raises:
            storydiff.InputError: the input is empty, binary, undecodable, too large or has no
                body.
        """
        text = self._clean(source, name=name)
        if isinstance(text, Document):
            return text
        return self.cache.document(text, self.settings, _analysis.analyse)

    def _clean(self, source: Side, *, name: str | None = None) -> CleanText | Document:
        """``source`` read and cleaned (a ``CleanText`` or ``Document`` as it is)."""
        if isinstance(source, CleanText | Document):
            return source
        article = source if isinstance(source, Article) else read(
            source, settings=self.settings, name=name)
        return clean(article, settings=self.settings)

    def compare(self, a: Side, b: Side) -> Report:
        """Compare two articles; see ``storydiff.compare``. The whole comparison (both
        analyses included) runs under ``settings.time_budget_s``."""
        with time_budget(self.settings.time_budget_s,
                         source=f"{_name(a, 'A')} vs {_name(b, 'B')}"):
            return self.compare_documents(*self.prepare_pair(a, b))

    def prepare_pair(self, a: Side, b: Side, *,
                     check: Callable[[], None] | None = None) -> tuple[Document, Document]:
        """``prepare`` both sides of a pair, with what comparing them will embed begun ahead:
        side A's claims from the moment they are known (while A's entities are found and B is
        read and analysed), and the scorer's second view of A beside B's analysis; both cores
        work meanwhile. ``check`` (a job's cancellation check, say) runs once A is analysed.
        The documents are those ``prepare`` gives, and a report of them is the same to the
        bit."""
        text_a = self._clean(a, name=_label(a, "A"))
        with self.encoding_ahead(text_a):
            doc_a = self.prepare(text_a)
            if check is not None:
                check()
            with self._alongside(lambda: self._score_ahead(doc_a)):
                doc_b = self.prepare(b, name=_label(b, "B"))
        return doc_a, doc_b

    @contextmanager
    def encoding_ahead(self, side: Document | CleanText) -> Iterator[None]:
        """Embed what a comparison will embed of ``side`` (``features.encoder_texts``) in a
        background thread while the body runs, so that the encoder's threads work meanwhile;
        on leaving, wait for it. Of a ``CleanText``, the thread finds the claims first
        (``analyse.sentences_and_claims``, as ``analyse`` finds them), so the body may be that
        text's own analysis. An error in the body stops the thread at its next budget check,
        and the body's error is raised. Nothing is done ahead when the encoder keeps no vectors
        (the work would be lost). A text's vector does not depend on when, or beside what, it
        is encoded, so the report is the same to the bit (tests/pipeline/test_encode_ahead.py).

        Example:
            >>> doc_a = comparer.prepare("a.txt")                       # doctest: +SKIP
            >>> with comparer.encoding_ahead(doc_a):                    # doctest: +SKIP
            ...     doc_b = comparer.prepare("b.html")
            >>> report = comparer.compare_documents(doc_a, doc_b)       # doctest: +SKIP
        """
        if not getattr(self.encoder, "caches", False):
            yield
            return

        def encode() -> None:
            doc = side if isinstance(side, Document) else _analysis.sentences_and_claims(
                side, settings=self.settings)
            self.encoder.encode(encoder_texts(doc))

        with self._alongside(encode):
            yield

    @contextmanager
    def _alongside(self, *jobs: Callable[[], object]) -> Iterator[None]:
        """Run ``jobs`` in background threads while the body runs; on leaving, wait for them
        and raise the first error. An error in the body stops them at their next budget check,
        and the body's error is raised."""
        works = [Background(job, name="storydiff-encode-ahead") for job in jobs]
        try:
            yield
        except BaseException:
            for work in works:
                work.stop()
            raise
        errors = []
        for work in works:
            try:
                work.result()
            except BaseException as exc:  # the others are waited for first
                errors.append(exc)
        if errors:
            raise errors[0]

    def _score_ahead(self, *docs: Document) -> None:
        """Let the scorer embed what it will embed of ``docs`` with its second encoder
        (``TrainedScorer.encode_ahead``), where it can; alone in a thread, this fills the
        cores while the claim encoder's windows end or the other side is analysed."""
        ahead = getattr(self.scorer, "encode_ahead", None)
        if ahead is not None:
            ahead(*docs)

    def compare_many(self, pairs: Iterable[tuple[Side, Side]], *, workers: int = 1,
                     engine: PairEngine | None = None) -> Iterator[Report | PairFailure]:
        """Compare many pairs; yields a ``Report``, or a ``PairFailure`` for a pair that could
        not be compared, per pair, in input order.

        Args:
            pairs: ``(a, b)`` tuples of anything ``compare`` takes; read lazily.
            workers: processes; 1 (the default) compares here with this comparer's models and
                cache. More start that many worker processes (spawned: call this under
                ``if __name__ == "__main__":`` in a script), each loading the default models
                once and sharing ``self.cache``'s folder, if it has one.
            engine: compare on an engine's workers instead
                (``storydiff.corpus.engine.open_engine("daft", address=...)``: processes on
                this machine or a Ray cluster), each loading the default models once.

        Raises:
            storydiff.SettingsError: ``workers`` < 1, or > 1 (or an engine) on a comparer given
                its own models.
            storydiff.ModelError: a model cannot be loaded (raised while iterating).

        Example:
            >>> pairs = [("a.txt", "b.txt"), ("a.txt", "c.html")]
            >>> for result in Comparer().compare_many(pairs):        # doctest: +SKIP
            ...     print(getattr(result, "summary", result)())
        """
        from .pool import compare_pairs

        return compare_pairs(pairs, workers=workers, comparer=self, engine=engine)

    def compare_documents(self, a: Document, b: Document) -> Report:
        """Compare two analysed documents (under ``settings.time_budget_s``, or the budget of
        the comparison that calls this)."""
        with time_budget(self.settings.time_budget_s, source=f"{a.source} vs {b.source}"):
            return self._compare_documents(a, b)

    def similarity(self, a: Document, b: Document) -> Similarity:
        """Only the verdict of two analysed documents: align their claims and score the pair
        (what corpus mode's borderline judge needs), under ``settings.time_budget_s``."""
        with time_budget(self.settings.time_budget_s, source=f"{a.source} vs {b.source}"):
            if a.clean_text == b.clean_text:
                return _identical_verdict()
            return self.scorer.score(a, b, align_claims(a, b, self.encoder, self.settings))

    def _compare_documents(self, a: Document, b: Document) -> Report:
        if getattr(self.encoder, "caches", False) and a.clean_text != b.clean_text:
            # one call: both leads beside the claims; the scorer's second view beside it
            with self._alongside(lambda: self._score_ahead(a, b)):
                self.encoder.encode(encoder_texts(a, b))
        candidates = align_claims(a, b, self.encoder, self.settings)  # the scorer reads .links
        # the report shows these: the confident links between claims that state something
        alignment = without_fragments(confident_links(candidates, self.settings), a, b)
        check_budget("alignment")
        identical = a.clean_text == b.clean_text
        reuse = find_reuse(a, b, min_words=self.settings.reuse_min_words)
        check_budget("reuse")
        similarity = _identical_verdict() if identical else self.scorer.score(a, b, candidates)
        found = [] if identical else self._discrepancies(a, b, alignment)
        different = similarity.same_story < self.settings.discrepancy_min_same_story
        return Report(
            a=a,
            b=b,
            similarity=similarity,
            alignment=alignment,
            discrepancies=[] if different else found,
            reuse=reuse,
            likely_source=likely_source(a, b, alignment, reuse),
            identical=identical,
            set_aside=found if different else [],
        )

    def _discrepancies(self, a: Document, b: Document, alignment: Alignment) -> list[Discrepancy]:
        return find_discrepancies(a, b, alignment, model=self.contradiction, settings=self.settings)


def _model(encoder: Encoder) -> Encoder:
    """The model under the default encoder's own cache (``Comparer`` caches through its
    ``AnalysisCache`` instead)."""
    return encoder.inner if isinstance(encoder, CachedEncoder) else encoder


def _contradiction_model(settings: Settings, encoder: Encoder) -> ContradictionModel | None:
    """The trained classifier when ``settings.contradiction == 'nli'``; None means rules only."""
    if settings.contradiction != "nli":
        return None
    from ..discrepancies.nli_model import EmbeddingNLIModel

    return EmbeddingNLIModel(encoder)


def _label(source: object, side: str) -> str | None:
    """Names inline texts 'article A'/'article B' in messages; files and stdin name themselves."""
    return f"<article {side}>" if is_inline_text(source) else None


def _name(source: object, side: str) -> str:
    """How an error names one side of a comparison: its path, or 'article A'/'article B'."""
    if isinstance(source, Document):
        return source.source
    if isinstance(source, (str, Path)) and not is_inline_text(source):
        return str(source)
    return f"<article {side}>"


_DEFAULT: Comparer | None = None


def compare(a: Source, b: Source, *, settings: Settings | None = None) -> Report:
    """Compare two news articles claim by claim.

    Args:
        a, b: article text or HTML, a path to a .txt/.html/.json file, ``"-"`` for stdin, bytes,
            or an analysed ``Document``.
        settings: options; the defaults ship with the package.

    Returns:
        A ``Report``: verdict, alignment, discrepancies, reused text and likely source, every item
        with character offsets into both clean texts.

    Raises:
        storydiff.InputError: an input is empty, binary, undecodable, too large or has no body.
        storydiff.ModelError: a shipped model file is missing.

    Example:
        >>> a, b = "examples/original.txt", "examples/rewrite.txt"
        >>> report = storydiff.compare(a, b)  # doctest: +SKIP
        >>> report.similarity.same_story > 0.5  # doctest: +SKIP
        True
    """
    global _DEFAULT
    if settings is not None:
        return Comparer(settings=settings).compare(a, b)
    if _DEFAULT is None:
        _DEFAULT = Comparer()
    return _DEFAULT.compare(a, b)
