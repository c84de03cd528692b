"""Direction rule: the same place put on opposite sides ("northeastern" / "north-western")."""

from __future__ import annotations

import re
from dataclasses import dataclass

from ...document import Document, Span
from ...text import tokenize
from ..record import Discrepancy
from .pair import ClaimPair

__all__ = ["direction_heuristic", "directions"]

# Folded words (accents stripped; ł and ı stay) that name a compass direction, as (north-south,
# east-west) with +1 north / east and -1 south / west. A compound may be one word
# ("northeastern", "nordöstlich", "noreste", "kuzeydoğu") or two joined by a hyphen
# ("north-eastern", "nord-est", "северо-восточный", "północno-wschodni").
_NORTH = (r"north|northern|northward|norden|nord|nordlich\w*|norte|settentrional\w*|"
          r"север\w*|połnoc\w*|kuzey\w*")
_SOUTH = (r"south|southern|southward|sud|suden|sudlich\w*|meridional\w*|юг|юго|южн\w*|"
          r"połudn\w*|guney\w*")
_EAST = r"east|eastern|eastward|osten|ost|ostlich\w*|oriental\w*|восто\w*|wschod\w*|dogu\w*"
_WEST = (r"west|western|westward|westen|westlich\w*|ouest|ovest|oeste|occidental\w*|запад\w*|"
         r"zachod\w*|batı\w*")
_ONE_WORD = [(re.compile(rf"^(?:{p})$"), v) for p, v in (
    (r"northeast\w*|nordost\w*|noreste|nororiental|nordest|kuzeydogu\w*", (1, 1)),
    (r"northwest\w*|nordwest\w*|noroeste|noroccidental|nordovest|kuzeybatı\w*", (1, -1)),
    (r"southeast\w*|sudost\w*|sureste|suroriental|sudest|guneydogu\w*", (-1, 1)),
    (r"southwest\w*|sudwest\w*|suroeste|suroccidental|sudovest|guneybatı\w*", (-1, -1)))]
_PARTS = _ONE_WORD + [(re.compile(rf"^(?:{p})$"), v) for p, v in
                      ((_NORTH, (1, 0)), (_SOUTH, (-1, 0)), (_EAST, (0, 1)), (_WEST, (0, -1)))]
# East as the second half of a hyphenated compound only ("nord-est"): alone, "est" is French
# for "is" and "este" Spanish for "this".
_EAST_SECOND = re.compile(r"^(?:est|este)$")
_NAMED = frozenset({"middle", "far", "near", "nahen", "nahost", "moyen", "medio", "oriente"})


def _part(word: str, second: bool) -> tuple[int, int] | None:
    """The direction one folded word names, if any."""
    for pattern, vector in _PARTS:
        if pattern.match(word):
            return vector
    return (0, 1) if second and _EAST_SECOND.match(word) else None


@dataclass(frozen=True)
class Direction:
    """A compass direction named in a text: its span and its (north-south, east-west)."""

    start: int
    end: int
    vector: tuple[int, int]


def directions(text: str) -> list[Direction]:
    """The compass directions named in ``text``, hyphenated compounds joined, in order; a
    direction inside a name of a region ("Middle East", "Nahen Osten") is not one.

    Example:
        >>> [(d.vector) for d in directions("in the north-eastern city, not the Middle East")]
        [(1, 1)]
    """
    words = tokenize(text)
    found: list[Direction] = []
    i = 0
    while i < len(words):
        word = words[i]
        vector = _part(word.norm, second=False)
        if vector is None or (i and words[i - 1].norm in _NAMED):
            i += 1
            continue
        end = word.end
        if i + 1 < len(words) and text[word.end:words[i + 1].start] == "-":
            following = _part(words[i + 1].norm, second=True)
            if following is not None and vector[1] == 0 and following[0] == 0:
                vector, end = (vector[0], following[1]), words[i + 1].end
                i += 1
        found.append(Direction(word.start, end, vector))
        i += 1
    return found


def _exclusive(x: tuple[int, int], y: tuple[int, int]) -> bool:
    """Whether two directions lie on opposite sides along some axis: "northeastern" and
    "north-western" do, "north" and "northeastern" (another level of detail) and "north" and
    "east" do not."""
    return x[0] * y[0] < 0 or x[1] * y[1] < 0


def _one(doc: Document, start: int, end: int) -> Direction | None:
    """The claim's only direction, if it names exactly one."""
    found = directions(doc.clean_text[start:end])
    return found[0] if len(found) == 1 else None


def _span(doc: Document, offset: int, d: Direction) -> Span:
    return doc.span(offset + d.start, offset + d.end)


def direction_heuristic(pair: ClaimPair) -> list[Discrepancy]:
    """The same place put on opposite sides → "entity": each claim names exactly one compass
    direction, the two exclude each other (``_exclusive``: north against south, east against
    west, at any level of detail), and the link is as sure as a paraphrase (a loosely linked
    claim may speak of another place). Words in en, de, fr, es, it, pl, ru and tr. Symmetric.
    """
    if not pair.strong:
        return []
    ca, cb = pair.claim_a, pair.claim_b
    x, y = _one(pair.a, ca.start, ca.end), _one(pair.b, cb.start, cb.end)
    if x is None or y is None or not _exclusive(x.vector, y.vector):
        return []
    sa, sb = _span(pair.a, ca.start, x), _span(pair.b, cb.start, y)
    confidence = 0.45 + 0.4 * pair.strength
    return [pair.found("entity", sa, sb, f"A places it {sa.text}, B {sb.text}", confidence,
                       "direction_heuristic")]
