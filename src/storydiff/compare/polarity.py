"""Polarity cues of a claim: negations, negative predicates and opposite predicates.

A claim's polarity is the parity of its negations: "the US denied the visas" holds one negative
predicate (-1); "the USA is refusing to deny them entry" holds two ("refusing to", "deny"), a
double negation, so it affirms (+1). Non-committal phrases ("refused to confirm or deny") say
nothing either way and are masked out. Opposite predicates ("confirmed" / "denied") flip polarity
without any negation word.

Every function here is a heuristic over hand-written, per-language cue lists (en, fr, de, es, it,
pt, nl). With an unknown language code ("und") all lists apply except a few words that mean
something else elsewhere (Italian "mai" is French for May, Spanish "sin" is an English word).
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from itertools import pairwise

from ..document import Span

__all__ = [
    "LANGUAGES",
    "PolarityFlip",
    "is_noncommittal",
    "negation_cues",
    "opposite_predicates_heuristic",
    "polarity_flip_heuristic",
    "polarity_heuristic",
]

_F = re.IGNORECASE


def _words(body: str) -> re.Pattern[str]:
    """Compile an alternation of word forms, bounded by word edges."""
    return re.compile(rf"\b(?:{body})\b", _F)


@dataclass(frozen=True)
class _Cues:
    """The cue lists of one language."""

    negations: re.Pattern[str]
    predicates: re.Pattern[str]  # negative-polarity predicates: deny, refuse to, fail to
    idioms: re.Pattern[str]  # look like negations but do not negate: "not only", "no doubt"
    noncommittal: re.Pattern[str]  # "refused to confirm or deny"


_CUES: dict[str, _Cues] = {
    "en": _Cues(
        negations=re.compile(
            r"\b(?:not|never|none|nobody|nothing|nowhere|neither|without|cannot)\b"
            r"|\bno\b(?!\.\s*\d)|n['’]t\b", _F),
        predicates=_words(
            r"refus(?:e|es|ed|ing)(?:\s+to)?|fail(?:s|ed|ing)?\s+to|den(?:y|ies|ied|ying)"),
        idioms=_words(r"not\s+(?:only|just|least)|no\s+doubt"),
        noncommittal=_words(
            r"(?:(?:refus\w*|declin\w*|fail\w*)\s+to\s+|(?:would|did|could|will)\s*n(?:o|['’])t\s+"
            r"|neither\s+)?(?:confirm\w*\s+(?:or|nor)\s+den(?:y|ied|ying)"
            r"|den(?:y|ied|ying)\s+(?:or|nor)\s+confirm\w*)"),
    ),
    "fr": _Cues(
        negations=re.compile(
            r"\bn(?:e\s+|['’])(?:[\w'’-]+\s+){0,3}?"
            r"(?:pas|jamais|plus|rien|personne|aucune?|guère|point|nullement)\b"
            r"|\b(?:sans|jamais|aucune?|non(?![-‐]))\b", _F),
        predicates=_words(
            r"refus\w*(?:\s+(?:de|d['’]))?|échou\w*\s+à|nie|nient|nier|niée?s?|niant|dément\w*|démenti\w*"),
        idioms=_words(r"non\s+seulement|sans\s+doute|sans\s+aucun\s+doute"),
        noncommittal=_words(
            r"(?:refus\w*\s+de\s+)?(?:ni\s+)?confirm\w*\s+(?:ou|ni)\s+(?:de\s+)?"
            r"(?:démenti\w*|infirm\w*|nier)"),
    ),
    "de": _Cues(
        negations=_words(r"nicht|kein\w*|nie|niemals|niemand|nichts|ohne|weder"),
        predicates=_words(
            r"weiger\w*|verweiger\w*|bestreit\w*|bestritt\w*|dementier\w*|leugne\w*"),
        idioms=_words(r"nicht\s+nur|ohne\s+Zweifel"),
        noncommittal=_words(
            r"(?:weder\s+)?bestätig\w*\s+(?:noch|oder)\s+(?:dementier\w*|bestreit\w*)"),
    ),
    "es": _Cues(
        negations=_words(r"no|nunca|jamás|sin|ningún|ninguno|ninguna|nadie|nada|tampoco"),
        predicates=_words(
            r"niega\w*|negó|negaron|negar|negado|desmient\w*|desmint\w*|rehús\w*|rehus\w*"),
        idioms=_words(r"no\s+sólo|no\s+solo|sin\s+duda"),
        noncommittal=_words(
            r"(?:ni\s+)?confirm\w*\s+(?:o|ni)\s+(?:desmenti\w*|desment\w*|negar)"),
    ),
    "it": _Cues(
        negations=_words(r"non(?![-‐])|mai|senza|nessun\w*|niente|nulla|neanche|nemmeno"),
        predicates=_words(r"nega|negano|negato|negare|negava|smenti\w*|smentisc\w*|rifiut\w*(?:\s+di)?"),
        idioms=_words(r"non\s+solo|senza\s+dubbio"),
        noncommittal=_words(r"(?:né\s+)?conferm\w*\s+(?:o|né)\s+smenti\w*"),
    ),
    "pt": _Cues(
        negations=_words(r"não|nunca|sem|nenhum|nenhuma|ninguém|nada|jamais"),
        predicates=_words(r"nega|negou|negaram|negar|negado|desment\w*|recus\w*(?:\s+a)?"),
        idioms=_words(r"não\s+só|não\s+apenas|sem\s+dúvida"),
        noncommittal=_words(r"(?:nem\s+)?confirm\w*\s+(?:ou|nem)\s+(?:negar|desmentir)"),
    ),
    "nl": _Cues(
        negations=_words(r"niet|geen|nooit|niemand|niets|zonder"),
        predicates=_words(r"ontken\w*|weiger\w*"),
        idioms=_words(r"niet\s+alleen|zonder\s+twijfel"),
        noncommittal=_words(r"bevestig\w*\s+(?:noch|of)\s+ontken\w*"),
    ),
}

#: Languages with their own cue lists.
LANGUAGES: tuple[str, ...] = tuple(sorted(_CUES))

#: Words that are negations in one language but ordinary words in another: skipped when the
#: language is unknown.
_AMBIGUOUS = frozenset({"mai", "sin", "sem"})


def _languages(language: str | None) -> list[str]:
    """The cue lists to apply for ``language`` (all of them when unknown)."""
    code = (language or "").lower()[:2]
    return [code] if code in _CUES else list(LANGUAGES)


def _masked(text: str, langs: list[str]) -> list[tuple[int, int]]:
    """Regions that hold idioms or non-committal phrases, where no cue counts."""
    regions: list[tuple[int, int]] = []
    for code in langs:
        cues = _CUES[code]
        for pattern in (cues.idioms, cues.noncommittal):
            regions.extend(m.span() for m in pattern.finditer(text))
    return regions


def _inside(start: int, end: int, regions: list[tuple[int, int]]) -> bool:
    """Whether ``[start, end)`` overlaps any region."""
    return any(start < r_end and r_start < end for r_start, r_end in regions)


def _without_overlaps(found: list[tuple[int, int]]) -> list[tuple[int, int]]:
    """Keep the earliest, then longest, of overlapping matches."""
    kept: list[tuple[int, int]] = []
    for start, end in sorted(found, key=lambda se: (se[0], -se[1])):
        if not kept or start >= kept[-1][1]:
            kept.append((start, end))
    return kept


def negation_cues(text: str, language: str | None) -> list[Span]:
    """Negation words and negative-polarity predicates in ``text``, in order.

    Args:
        text: a claim or any short text.
        language: ISO 639-1 code; ``None``, "und" or an unsupported code applies every list.

    Returns:
        Non-overlapping spans with offsets relative to ``text``. Idioms ("not only", "sans
        doute") and non-committal phrases ("refused to confirm or deny") yield no cue.

    Example:
        >>> [c.text for c in negation_cues("They refused to deny it.", "en")]
        ['refused to', 'deny']
    """
    langs = _languages(language)
    masked = _masked(text, langs)
    found: list[tuple[int, int]] = []
    for code in langs:
        for pattern in (_CUES[code].negations, _CUES[code].predicates):
            found.extend(m.span() for m in pattern.finditer(text))
    spans = [Span(s, e, text[s:e]) for s, e in _without_overlaps(found)
             if not _inside(s, e, masked)]
    if len(langs) > 1:
        spans = [s for s in spans if s.text.lower() not in _AMBIGUOUS]
    return spans


def is_noncommittal(text: str, language: str | None) -> bool:
    """Whether ``text`` holds a neither-yes-nor-no phrase such as "refused to confirm or deny"."""
    return any(_CUES[code].noncommittal.search(text) for code in _languages(language))


def polarity_heuristic(text: str, language: str | None) -> int:
    """+1 when ``text`` affirms, -1 when it negates: the parity of its ``negation_cues``.

    Example:
        >>> polarity_heuristic("The USA is refusing to deny them entry.", "en")
        1
    """
    return -1 if len(negation_cues(text, language)) % 2 else 1


# (positive pole, negative pole) per language; regex bodies of word forms.
_OPPOSITES: tuple[dict[str, tuple[str, str]], ...] = (
    {  # confirm / deny
        "en": (r"confirm\w*", r"den(?:y|ies|ied|ying)"),
        "fr": (r"confirm\w*", r"dément\w*|démenti\w*|nie|nient|nier|niée?s?|infirm\w*"),
        "de": (r"bestätig\w*", r"dementier\w*|bestreit\w*|bestritt\w*"),
        "es": (r"confirm\w*", r"desmient\w*|desmint\w*|niega\w*|negó|negaron"),
    },
    {  # accept / reject
        "en": (r"accept\w*", r"reject\w*|turn(?:s|ed|ing)?\s+down"),
        "fr": (r"accept\w*", r"rejet\w*|rejett\w*"),
        "de": (r"akzeptier\w*|angenommen", r"abgelehnt|ablehn\w*|lehnt\w*"),
        "es": (r"acept\w*", r"rechaz\w*"),
    },
    {  # grant / refuse
        "en": (r"grant\w*|issu(?:e|es|ed|ing)", r"refus\w*|den(?:y|ies|ied|ying)|turn\w*\s+away"),
        "fr": (r"accord\w*|octroy\w*|délivr\w*", r"refus\w*"),
        "de": (r"gewähr\w*|erteil\w*", r"verweiger\w*"),
        "es": (r"conced\w*|otorg\w*", r"deneg\w*|negó|niega\w*"),
    },
    {  # approve / reject
        "en": (r"approv\w*", r"reject\w*|veto\w*"),
        "fr": (r"approuv\w*|adopt\w*", r"rejet\w*|rejett\w*"),
        "de": (r"billig\w*|genehmig\w*", r"abgelehnt|ablehn\w*"),
        "es": (r"aprob\w*|aprueb\w*", r"rechaz\w*"),
    },
    {  # increase / decrease
        "en": (r"increas\w*", r"decreas\w*|reduc\w*"),
        "fr": (r"augment\w*", r"diminu\w*|rédui\w*"),
        "de": (r"erhöh\w*|zugenommen|nimmt\s+zu", r"gesenkt|senk\w*|abgenommen|verringer\w*"),
        "es": (r"aument\w*", r"disminu\w*|reduj\w*|reduc\w*"),
    },
    {  # rise / fall
        "en": (r"ris(?:e|es|en|ing)|rose", r"fall|falls|fell|fallen|falling|drop\w*"),
        "fr": (r"hausse|monté\w*|grimp\w*", r"baisse|chut\w*"),
        "de": (r"steig\w*|gestiegen|stieg\w*", r"fiel|fallen|gefallen|sink\w*|gesunken|sank"),
        "es": (r"subi\w*|subió|alza", r"baj\w*|cay\w*|caíd\w*"),
    },
    {  # win / lose
        "en": (r"win|wins|won|winning", r"lose|loses|lost|losing"),
        "fr": (r"gagn\w*|remport\w*", r"perd\w*"),
        "de": (r"gewinn\w*|gewonnen|gewann", r"verlier\w*|verloren|verlor"),
        "es": (r"gana|ganó|ganar|ganaron|ganado", r"pierd\w*|perdi\w*|perder|perdió"),
    },
    {  # allow / ban
        "en": (r"allow\w*|permit\w*|authori[sz]\w*",
               r"ban|bans|banned|banning|forbid\w*|forbade|prohibit\w*"),
        "fr": (r"autoris\w*|permet\w*|permis", r"interdi\w*"),
        "de": (r"erlaub\w*|gestatte\w*", r"verbiet\w*|verboten|untersag\w*"),
        "es": (r"permit\w*|autoriz\w*", r"prohib\w*"),
    },
    {  # open / close
        "en": (r"open(?:s|ed|ing)?", r"clos(?:e|es|ed|ing)|shut\w*"),
        "fr": (r"ouvr\w*|ouvert\w*", r"ferm\w*"),
        "de": (r"öffn\w*|geöffnet|eröffn\w*", r"schließ\w*|geschlossen|schloss"),
        "es": (r"abri\w*|abiert\w*|abre\w*", r"cerr\w*|cierr\w*"),
    },
    {  # arrest / release
        "en": (r"arrest\w*|detain\w*", r"releas\w*|freed"),
        "fr": (r"arrêt\w*|interpell\w*", r"libér\w*|relâch\w*"),
        "de": (r"festgenommen|verhaft\w*|festnahm\w*", r"freigelassen|freilass\w*"),
        "es": (r"arrest\w*|detenid\w*|detuv\w*", r"liber\w*|excarcel\w*"),
    },
    {  # admit / deny
        "en": (r"admit\w*|acknowledg\w*", r"den(?:y|ies|ied|ying)"),
        "fr": (r"admet\w*|admis|reconn\w*", r"nie|nient|nier|niée?s?"),
        "de": (r"gestanden|gesteh\w*|eingeräumt", r"bestreit\w*|bestritt\w*|leugn\w*"),
        "es": (r"admit\w*|reconoc\w*", r"niega\w*|negó|negaron"),
    },
    {  # guilty / innocent
        "en": (r"guilty|convicted", r"innocent|acquit\w*"),
        "fr": (r"coupables?|condamné\w*", r"innocent\w*|acquitt\w*"),
        "de": (r"schuldig|verurteilt", r"unschuldig|freigesproch\w*"),
        "es": (r"culpables?|condenad\w*", r"inocentes?|absuelt\w*"),
    },
    {  # alive / dead
        "en": (r"alive|survived", r"dead|died|killed"),
        "fr": (r"vivants?|vivantes?|survécu", r"morts?|mortes?|décédé\w*|tué\w*"),
        "de": (r"lebend\w*|überlebt", r"tot|tote\w*|gestorben|getötet|starb\w*"),
        "es": (r"vivos?|vivas?|sobrevivi\w*", r"muert\w*|falleci\w*|murió"),
    },
    {  # support / oppose
        "en": (r"support(?:s|ed|ing)?", r"oppos(?:e|es|ed|ing)"),
        "fr": (r"soutien\w*|soutenu\w*|soutient", r"oppos\w*"),
        "de": (r"unterstütz\w*|befürwort\w*", r"lehn\w*\s+ab"),
        "es": (r"apoy\w*", r"opon\w*|opus\w*"),
    },
)

_POLES: tuple[dict[str, tuple[re.Pattern[str], re.Pattern[str]]], ...] = tuple(
    {lang: (_words(pos), _words(neg)) for lang, (pos, neg) in concept.items()}
    for concept in _OPPOSITES
)


def _pole_span(text: str, langs: list[str], masked: list[tuple[int, int]], concept: int,
               pole: int) -> Span | None:
    """The first word of ``text`` on ``pole`` (0 positive, 1 negative) of ``concept``."""
    for code in langs:
        patterns = _POLES[concept].get(code)
        if patterns is None:
            continue
        for m in patterns[pole].finditer(text):
            if not _inside(m.start(), m.end(), masked):
                return Span(m.start(), m.end(), m.group())
    return None


def opposite_predicates_heuristic(
    a: str, b: str, lang_a: str | None, lang_b: str | None
) -> tuple[Span, Span] | None:
    """A pair of opposite predicates, one in each text ("confirmed" / "denied"), or ``None``.

    A concept counts only when each text uses one pole of it and not the other ("confirm or
    deny" is no opposite of "deny"). Spans are relative to ``a`` and ``b``.

    Example:
        >>> pair = opposite_predicates_heuristic("He won.", "Il a perdu.", "en", "fr")
        >>> (pair[0].text, pair[1].text) if pair else None
        ('won', 'perdu')
    """
    langs_a, langs_b = _languages(lang_a), _languages(lang_b)
    masked_a, masked_b = _masked(a, langs_a), _masked(b, langs_b)
    for concept in range(len(_POLES)):
        poles_a = [_pole_span(a, langs_a, masked_a, concept, p) for p in (0, 1)]
        poles_b = [_pole_span(b, langs_b, masked_b, concept, p) for p in (0, 1)]
        for pole in (0, 1):
            here, there = poles_a[pole], poles_b[1 - pole]
            if here and there and poles_a[1 - pole] is None and poles_b[pole] is None:
                return here, there
    return None


@dataclass(frozen=True)
class PolarityFlip:
    """Two texts disagree in polarity. ``a``/``b`` are the deciding spans (``None`` when a side
    carries no cue); ``sign_a``/``sign_b`` the polarity of each side (+1 affirms, -1 negates);
    ``opposite`` whether opposite predicates decided it."""

    a: Span | None
    b: Span | None
    sign_a: int
    sign_b: int
    opposite: bool


#: Prepositions that negate a noun phrase ("fled without visas"), not the statement: the flip
#: test leaves them out.
_PREPOSITIONAL = frozenset({"without", "sans", "ohne", "sin", "senza", "sem", "zonder"})
#: Cues closer than this (in characters) form one chain: "refusing to deny", "did not deny".
_CHAIN_GAP = 25


def _chains(cues: list[Span]) -> int:
    """How many separate negation chains the cues form."""
    gaps = [cue.start - before.end for before, cue in pairwise(cues)]
    return (1 if cues else 0) + sum(1 for gap in gaps if gap > _CHAIN_GAP)


def _cover(cues: list[Span], text: str) -> Span | None:
    """One span over a chain of cues."""
    if not cues:
        return None
    return Span(cues[0].start, cues[-1].end, text[cues[0].start:cues[-1].end])


def _statement_cues(text: str, language: str | None, skip: Span | None) -> list[Span]:
    """Cues that negate the statement: no prepositions, not the opposite predicate itself."""
    return [c for c in negation_cues(text, language) if c.text.lower() not in _PREPOSITIONAL
            and not (skip is not None and _inside(c.start, c.end, [(skip.start, skip.end)]))]


def polarity_flip_heuristic(
    a: str, b: str, lang_a: str | None, lang_b: str | None
) -> PolarityFlip | None:
    """Whether ``a`` and ``b`` (assumed to say the same thing) differ in polarity.

    Negation parity and opposite predicates combine: "granted" vs "denied" flips; "did not win"
    vs "lost" does not (the negation and the opposite predicate cancel). Prepositional negations
    ("without") do not count. Gives ``None`` for non-committal texts and for a text with
    several separate negation chains, whose parity says nothing about any one statement.
    """
    if is_noncommittal(a, lang_a) or is_noncommittal(b, lang_b):
        return None
    opposite = opposite_predicates_heuristic(a, b, lang_a, lang_b)
    cues_a = _statement_cues(a, lang_a, opposite[0] if opposite else None)
    cues_b = _statement_cues(b, lang_b, opposite[1] if opposite else None)
    if _chains(cues_a) > 1 or _chains(cues_b) > 1:
        return None
    sign_a, sign_b = (-1 if len(cues) % 2 else 1 for cues in (cues_a, cues_b))
    if (sign_a != sign_b) == (opposite is not None):
        return None
    if opposite is not None:
        return PolarityFlip(opposite[0], opposite[1], sign_a, sign_b, opposite=True)
    return PolarityFlip(_cover(cues_a, a), _cover(cues_b, b), sign_a, sign_b, opposite=False)
