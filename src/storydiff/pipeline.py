"""The pipeline, end to end: read → clean → analyse → compare.

``compare(a, b)`` is the one obvious entry point; ``Comparer`` holds the models for repeated use.
"""

from __future__ import annotations

from pathlib import Path

from .analyse import analyse
from .compare.align import Alignment, align_claims
from .compare.contradiction import ContradictionModel
from .compare.discrepancies import find_discrepancies
from .compare.discrepancy import Discrepancy
from .compare.provenance import likely_source
from .compare.report import Report
from .compare.reuse import find_reuse
from .document import Document
from .embed import Encoder, default_encoder
from .ingest import clean, read
from .ingest.sources import is_inline_text
from .settings import Settings
from .similarity import DIMENSIONS, Scorer, Similarity
from .similarity.defaults import default_scorer

__all__ = ["Comparer", "Source", "compare", "prepare"]

#: What ``compare`` accepts for each side: text or HTML, a path, ``-`` for stdin, bytes, a Document.
Source = str | bytes | Path | Document


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
    ) -> None:
        self.settings = settings or Settings()
        self.encoder = encoder or default_encoder()
        self.scorer = scorer or default_scorer(self.encoder)
        self.contradiction = contradiction or _contradiction_model(self.settings, self.encoder)

    def compare(self, a: Source, b: Source) -> Report:
        """Compare two articles; see ``storydiff.compare``."""
        doc_a = prepare(a, settings=self.settings, name=_label(a, "A"))
        doc_b = prepare(b, settings=self.settings, name=_label(b, "B"))
        return self.compare_documents(doc_a, doc_b)

    def compare_documents(self, a: Document, b: Document) -> Report:
        """Compare two analysed documents."""
        alignment = align_claims(a, b, self.encoder, self.settings)
        identical = a.clean_text == b.clean_text
        reuse = find_reuse(a, b, min_words=self.settings.reuse_min_words)
        return Report(
            a=a,
            b=b,
            similarity=_identical_verdict() if identical else self.scorer.score(a, b, alignment),
            alignment=alignment,
            discrepancies=[] if identical else self._discrepancies(a, b, alignment),
            reuse=reuse,
            likely_source=likely_source(a, b, alignment, reuse),
            identical=identical,
        )

    def _discrepancies(self, a: Document, b: Document, alignment: Alignment) -> list[Discrepancy]:
        return find_discrepancies(a, b, alignment, model=self.contradiction, settings=self.settings)


def _contradiction_model(settings: Settings, encoder: Encoder) -> ContradictionModel | None:
    """The trained classifier when ``settings.contradiction == 'nli'``; None means rules only."""
    if settings.contradiction != "nli":
        return None
    from .compare.nli_model import EmbeddingNLIModel

    return EmbeddingNLIModel(encoder)


def _label(source: Source, side: str) -> str | None:
    """Names inline texts 'article A'/'article B' in messages; files and stdin name themselves."""
    return f"<article {side}>" if is_inline_text(source) else None


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
