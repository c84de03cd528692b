"""Many-to-many, cross-lingual alignment of the claims of two documents."""

from __future__ import annotations

import functools
import json
import re
from collections.abc import Mapping
from dataclasses import dataclass, field
from importlib import resources
from typing import Literal

import numpy as np

from .._budget import check_budget
from .._errors import ModelError
from ..document import Document
from ..embed import Encoder
from ..embed.centres import center_of, centred, shipped_centers
from ..settings import Settings
from ..text import containment, content_words, dice, light_stem, ngrams, word_runs

__all__ = [
    "Alignment",
    "ClaimMatrices",
    "CosineCalibration",
    "Link",
    "Relation",
    "align_claims",
    "anchored_pairs",
    "candidate_floor",
    "candidate_sets",
    "claim_matrices",
    "claim_similarity",
    "lexical_matrix",
    "lexical_overlap",
    "load_calibration",
]

Relation = Literal["same_wording", "paraphrase", "partial"]


@dataclass(frozen=True)
class Link:
    """Claim ``a`` (index into ``doc_a.claims``) is linked to claim ``b`` of ``doc_b``.

    ``similarity`` is the calibrated semantic similarity in [0, 1]; ``lexical`` the word
    overlap in [0, 1] (same-language only; 0 across languages); ``confidence`` the link model's
    probability that the two claims report the same fact (``align/links.py``; None where no
    model judged the link).
    """

    a: int
    b: int
    relation: Relation
    similarity: float
    lexical: float
    confidence: float | None = None


@dataclass
class Alignment:
    """Links between the claims of two documents and the claims found on one side only.

    ``sim`` is the full claim-by-claim similarity matrix, len(a) × len(b): the calibrated semantic
    similarity, raised to the lexical evidence where that is higher (word-trigram containment,
    content-word overlap). The scorer and the report use it for coverage statistics.

    ``weak`` holds further candidate links, below ``Settings.partial_threshold`` and down to
    ``Settings.link_candidate_threshold``, with the link model's confidence: the scorer, which
    reads ``links``, ``only_a`` and ``only_b``, never sees them; ``links.confident_links``
    keeps those the model is sure of beside the others.
    """

    links: list[Link] = field(default_factory=list)
    only_a: list[int] = field(default_factory=list)
    only_b: list[int] = field(default_factory=list)
    sim: list[list[float]] = field(default_factory=list)
    weak: list[Link] = field(default_factory=list)

    def restricted(self, claims_a: int, claims_b: int) -> Alignment:
        """The alignment of the first ``claims_a`` claims of A with the first ``claims_b`` of B
        (links to claims beyond them dropped; claims left without a link become one-side)."""
        links = [k for k in self.links if k.a < claims_a and k.b < claims_b]
        linked_a, linked_b = {k.a for k in links}, {k.b for k in links}
        return Alignment(links, [i for i in range(claims_a) if i not in linked_a],
                         [j for j in range(claims_b) if j not in linked_b],
                         [row[:claims_b] for row in self.sim[:claims_a]],
                         [k for k in self.weak if k.a < claims_a and k.b < claims_b])

    def transposed(self) -> Alignment:
        """The same alignment seen from the other side (B's claims first)."""
        return Alignment(_transposed(self.links), list(self.only_b), list(self.only_a),
                         [list(col) for col in zip(*self.sim, strict=True)],
                         _transposed(self.weak))


def _transposed(links: list[Link]) -> list[Link]:
    """Links seen from the other side, in that side's order."""
    return sorted((Link(k.b, k.a, k.relation, k.similarity, k.lexical, k.confidence)
                   for k in links), key=lambda k: (k.a, k.b))


# --------------------------------------------------------------------------------------------
# Aligning claims



@dataclass(frozen=True)
class CosineCalibration:
    """Maps a raw encoder cosine to a similarity in [0, 1] (fitted on STS-B by
    training/alignment/calibrate.py): one line for same-language, one for cross-language pairs."""

    same: tuple[float, float]
    cross: tuple[float, float]

    def apply(self, cosine: np.ndarray, cross_language: bool) -> np.ndarray:
        """Calibrated similarity for a matrix of cosines."""
        slope, intercept = self.cross if cross_language else self.same
        return np.clip(slope * cosine + intercept, 0.0, 1.0)


@functools.cache
def load_calibration() -> CosineCalibration:
    """The shipped calibration for the default encoder."""
    try:
        raw = json.loads(
            resources.files("storydiff.align")
            .joinpath("weights/alignment.json")
            .read_text(encoding="utf-8")
        )
        same, cross = raw["same_language"], raw["cross_language"]
        return CosineCalibration(
            (same["slope"], same["intercept"]), (cross["slope"], cross["intercept"])
        )
    except (OSError, KeyError, ValueError) as exc:
        raise ModelError(
            f"the alignment calibration file is missing or corrupt ({exc}); reinstall storydiff"
        ) from exc


def _words(text: str) -> list[str]:
    """Case-folded word runs (``text.word_runs``)."""
    return [w.casefold() for w in word_runs(text)]


def _ngrams(words: list[str], n: int) -> set[str]:
    """Word n-grams of a token list (the whole list when shorter than n)."""
    if len(words) < n:
        return {" ".join(words)} if words else set()
    return ngrams(words, n)


def lexical_overlap(a: str, b: str, n: int = 3) -> float:
    """Containment of word n-grams: the share of the shorter claim's n-grams found in the other."""
    return containment(_ngrams(_words(a), n), _ngrams(_words(b), n))


def claim_similarity(a: Document, b: Document, encoder: Encoder) -> np.ndarray:
    """Calibrated claim×claim similarity matrix of two documents (semantic only)."""
    va = encoder.encode([c.text for c in a.claims])
    vb = encoder.encode([c.text for c in b.claims])
    return _calibrated(a, b, va, vb)


def _calibrated(a: Document, b: Document, va: np.ndarray, vb: np.ndarray,
                calibration: CosineCalibration | None = None) -> np.ndarray:
    if not len(va) or not len(vb):
        return np.zeros((len(va), len(vb)), dtype=np.float32)
    cross = a.language != b.language or a.language == "und"
    return (calibration or load_calibration()).apply(cosines(va, vb), cross_language=cross)


def cosines(x: np.ndarray, y: np.ndarray) -> np.ndarray:
    """``x @ y.T`` as float32, computed in float64: the same numbers whichever side comes first
    (a float32 product ``y @ x.T`` may round other digits than ``x @ y.T``, depending on the
    BLAS, and that broke score(a, b) == score(b, a) by 5e-7 on real pairs)."""
    if not len(x) or not len(y):
        return np.zeros((len(x), len(y)), dtype=np.float32)
    product: np.ndarray = (x.astype(np.float64) @ y.astype(np.float64).T).astype(np.float32)
    return product


@dataclass(frozen=True)
class ClaimMatrices:
    """Claim×claim matrices of two documents: calibrated semantic similarity, word-trigram
    containment, content-word Dice, the cosine of the claim vectors after removing each
    language's mean (``embed.centres.centred``), and ``combined``: the calibrated
    similarity raised to the lexical evidence, as the alignment uses it."""

    calibrated: np.ndarray
    lexical: np.ndarray
    topic: np.ndarray
    centred: np.ndarray

    @property
    def combined(self) -> np.ndarray:
        """``calibrated`` raised to ``lexical`` and ``topic`` where those are higher."""
        out: np.ndarray = np.maximum(self.calibrated, np.maximum(self.lexical, self.topic))
        return out


def claim_matrices(a: Document, b: Document, encoder: Encoder, *,
                   calibration: CosineCalibration | None = None,
                   centers: Mapping[str, np.ndarray] | None = None) -> ClaimMatrices:
    """Every claim×claim matrix the alignment and the link model read (one encoding pass).
    ``calibration`` and ``centers`` (the mean claim vector per language) default to the
    shipped ones of the default encoder; another encoder needs its own (bench/claim_encoders.py)."""
    lexical, topic = lexical_matrix(a, b)
    check_budget("lexical claim overlap")
    va = encoder.encode([c.text for c in a.claims])
    vb = encoder.encode([c.text for c in b.claims])
    check_budget("claim encoding")
    centers = shipped_centers().claims if centers is None else centers
    centred_cosines = cosines(centred(va, center_of(a.language, centers)),
                              centred(vb, center_of(b.language, centers)))
    return ClaimMatrices(_calibrated(a, b, va, vb, calibration), lexical, topic, centred_cosines)


def _stems(text: str) -> set[str]:
    """Lightly stemmed content words (function words dropped)."""
    return {light_stem(word) for word in content_words(text)}


def lexical_matrix(a: Document, b: Document) -> tuple[np.ndarray, np.ndarray]:
    """Two claim×claim matrices for same-language pairs (zeros across languages): word-trigram
    containment (shared wording) and the Dice overlap of stemmed content words (shared topic:
    'approved emergency funding' and 'refused to approve emergency funding' share it even where
    a small encoder sees the negation as a change of meaning)."""
    shape = (len(a.claims), len(b.claims))
    wording, topic = np.zeros(shape, np.float32), np.zeros(shape, np.float32)
    if a.language != b.language:
        return wording, topic
    grams_b = [_ngrams(_words(c.text), 3) for c in b.claims]
    stems_b = [_stems(c.text) for c in b.claims]
    for i, claim in enumerate(a.claims):
        grams_a, stems_a = _ngrams(_words(claim.text), 3), _stems(claim.text)
        for j in range(shape[1]):
            wording[i, j] = containment(grams_a, grams_b[j])
            topic[i, j] = dice(stems_a, stems_b[j])
    return wording, topic


def _length_ratio(a: str, b: str) -> float:
    """Shorter claim's word count over the longer's."""
    la, lb = len(_words(a)), len(_words(b))
    return min(la, lb) / max(la, lb, 1)


def candidate_floor(settings: Settings) -> float:
    """The lowest calibrated similarity of a candidate link: ``link_candidate_threshold``, or
    ``partial_threshold`` where that is lower."""
    return min(settings.link_candidate_threshold, settings.partial_threshold)


def candidate_sets(sim: np.ndarray, settings: Settings,
                   anchored: set[tuple[int, int]] | frozenset[tuple[int, int]] = frozenset(),
                   ) -> tuple[set[tuple[int, int]], set[tuple[int, int]]]:
    """Every candidate link, from ``candidate_floor``, and the main ones among them: those at
    or above ``partial_threshold``, which the scorer reads (the rest are weak candidates).
    The ``anchored`` pairs (``anchored_pairs``) join every candidate whatever their similarity,
    as weak ones (the scorer never reads them), where weak candidates are asked for
    (``candidate_floor`` below ``partial_threshold``). ``align_claims`` and the link model's
    training script split them alike."""
    floor = candidate_floor(settings)
    found = _candidates(sim, settings, floor)
    main = {(i, j) for i, j in found if sim[i, j] >= settings.partial_threshold}
    return (found | set(anchored) if floor < settings.partial_threshold else found), main


#: A figure: digits with decimal or thousands separators, not part of a clock time ("13:44").
_FIGURE = re.compile(r"(?<![\d:])\d+(?:[.,]\d+)*(?![\d:])")
#: Claims a figure may appear in on one side and still anchor a link (beyond, it is a common
#: figure of the text, a table's column, and pairing its claims would be guessing).
_ANCHOR_SPREAD = 2


def _figures_heuristic(text: str) -> set[str]:
    """The distinctive figures of a claim, with "," read as "." ("9,5" and "9.5" are one
    figure): at least two digits, and no year from 1900 to 2099 (a story's year is in every
    other claim)."""
    out = set()
    for match in _FIGURE.finditer(text):
        figure = match.group().replace(",", ".")
        digits = sum(ch.isdigit() for ch in figure)
        if digits < 2 or (len(figure) == 4 and figure.isdigit() and 1900 <= int(figure) <= 2099):
            continue
        out.add(figure)
    return out


def anchored_pairs(a: Document, b: Document) -> set[tuple[int, int]]:
    """Claim pairs that give the same distinctive figure ("167 respaldos" / "167 votos a favor,
    165 en contra"), a figure found in at most ``_ANCHOR_SPREAD`` claims of each side: weak
    candidates the link model judges, however differently the two claims are worded (a
    heuristic anchor; on the labelled real pairs, ``bench/claims_real.py``, most pairs sharing
    such a figure below the candidate threshold report the same fact)."""
    where: list[dict[str, list[int]]] = [{}, {}]
    for doc, into in ((a, where[0]), (b, where[1])):
        for index, claim in enumerate(doc.claims):
            for figure in _figures_heuristic(claim.text):
                into.setdefault(figure, []).append(index)
    return {(i, j) for figure, rows in where[0].items()
            if len(rows) <= _ANCHOR_SPREAD and len(where[1].get(figure, ())) <= _ANCHOR_SPREAD
            for i in rows for j in where[1].get(figure, ())}


def _candidates(sim: np.ndarray, settings: Settings,
                floor: float | None = None) -> set[tuple[int, int]]:
    """Pairs kept from both directions: each claim's best partners within a small margin, and
    those at paraphrase strength whatever the best (a short heading contained word for word
    in a claim scores 1.0 against it, and must not hide the claim's edited twin at 0.9), at
    or above ``floor`` (default ``settings.partial_threshold``). Which partners a claim keeps
    does not depend on the floor, so the pairs of a higher floor are those of a lower one at
    or above it."""
    keep: set[tuple[int, int]] = set()
    margin = 0.08
    floor = settings.partial_threshold if floor is None else floor
    for matrix, flip in ((sim, False), (sim.T, True)):
        for row, scores in enumerate(matrix):
            order = np.argsort(-scores, kind="stable")[: settings.max_links_per_claim]
            best = scores[order[0]] if len(order) else 0.0
            for col in order:
                if scores[col] >= floor and (
                        scores[col] >= best - margin
                        or scores[col] >= settings.paraphrase_threshold):
                    keep.add((int(col), row) if flip else (row, int(col)))
    return keep


def _relation(
    similarity: float, lexical: float, length_ratio: float, settings: Settings
) -> Relation:
    """Label a link by how much wording and meaning the two claims share; a claim that covers
    only part of a much longer one is a partial overlap whatever its wording."""
    if length_ratio < 0.5:
        return "partial"
    if lexical >= settings.same_wording_threshold:
        return "same_wording"
    if similarity >= settings.paraphrase_threshold:
        return "paraphrase"
    return "partial"


def _twins(a: Document, b: Document) -> set[tuple[int, int]]:
    """Pairs of claims with the same words (case and spacing aside); a claim repeated on both
    sides pairs its k-th occurrence in A with its k-th in B (linear, whatever the input). A
    claim repeated word for word is linked to its twin even where near-identical neighbours
    tie with it, and its links to anything else get no confidence: a table of contents of
    "3.3.1 Top 3 …", "3.3.2 Top 6 …" lines otherwise links every line to every other."""
    in_a: dict[str, list[int]] = {}
    in_b: dict[str, list[int]] = {}
    for doc, into in ((a, in_a), (b, in_b)):
        for index, claim in enumerate(doc.claims):
            into.setdefault(" ".join(_words(claim.text)), []).append(index)
    return {pair for key, rows in in_a.items()
            for pair in zip(rows, in_b.get(key, []), strict=False)}


def align_claims(
    a: Document, b: Document, encoder: Encoder, settings: Settings | None = None
) -> Alignment:
    """Align the claims of ``a`` and ``b`` many-to-many, across languages.

    Each claim is linked to its best partners on the other side (both directions) whose calibrated
    similarity reaches ``settings.partial_threshold``; links are labelled 'same_wording' (high
    word-trigram containment), 'paraphrase' or 'partial', and carry the link model's confidence
    (``align/links.py``). These are the candidate links: the scorer reads all of them, the
    report keeps the confident ones (``links.confident_links``). Claims left without a partner
    are listed in ``only_a``/``only_b``. The best partners from
    ``settings.link_candidate_threshold`` up to ``partial_threshold`` are judged by the link
    model too, and go to ``weak``: the report may keep them, the scorer never reads them.

    Example:
        >>> from storydiff.embed import HashingEncoder
        >>> alignment = align_claims(doc_a, doc_b, HashingEncoder())  # doctest: +SKIP
    """
    from .links import link_confidences, load_link_model

    settings = settings or Settings()
    matrices = claim_matrices(a, b, encoder)
    sim, lexical = matrices.combined, matrices.lexical
    twins = _twins(a, b)
    every, main = candidate_sets(sim, settings, anchored_pairs(a, b))
    pairs = sorted(main | twins)
    weak = sorted(every - main - twins)
    model = load_link_model()
    confidences = np.concatenate([link_confidences(a, b, matrices, pairs, model),
                                  link_confidences(a, b, matrices, weak, model.for_weak)])
    twin_a, twin_b = {i for i, _ in twins}, {j for _, j in twins}
    beside = [(i in twin_a or j in twin_b) and (i, j) not in twins for i, j in pairs + weak]
    confidences = np.where(np.array(beside, dtype=bool), 0.0, confidences)
    links = []
    for (i, j), confidence in zip(pairs + weak, confidences, strict=True):
        ta, tb = a.claims[i].text, b.claims[j].text
        relation = _relation(
            float(sim[i, j]), float(lexical[i, j]), _length_ratio(ta, tb), settings
        )
        links.append(Link(i, j, relation, float(sim[i, j]), float(lexical[i, j]),
                          round(float(confidence), 4)))
    links, weaker = links[:len(pairs)], links[len(pairs):]
    linked_a, linked_b = {link.a for link in links}, {link.b for link in links}
    return Alignment(
        links=links,
        only_a=[i for i in range(len(a.claims)) if i not in linked_a],
        only_b=[j for j in range(len(b.claims)) if j not in linked_b],
        sim=sim.round(4).tolist(),
        weak=weaker,
    )
