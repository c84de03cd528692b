"""Entity rule: a name swapped for another (of the same kind, or of another kind in the same
words); name variants across languages."""

from __future__ import annotations

import re

from ...document import Document, Entity, within
from ...text import (
    Word,
    char_bigrams,
    char_pairs,
    content_words,
    dice,
    fold,
    is_content_word,
    tokenize,
)
from ..record import Discrepancy
from .directions import directions
from .pair import ClaimPair
from .places import exclusive_places, place_level

__all__ = ["distinctive_words", "entity_heuristic", "mentioned", "same_entity"]


_ALIAS_GROUPS = {
    "us": "us|u s|usa|u s a|united states|united states of america|america|etats unis|"
          "vereinigte staaten|estados unidos|eeuu|ee uu|stati uniti|verenigde staten",
    "uk": "uk|u k|united kingdom|britain|great britain|royaume uni|grande bretagne|"
          "grossbritannien|vereinigtes konigreich|reino unido|regno unito|gran bretana",
    "russia": "russia|russian federation|russie|federation de russie|russland|"
              "russische foderation|rusia|federacion rusa|russia federation|rusland",
    "un": "un|u n|united nations|onu|nations unies|vereinte nationen|naciones unidas|vn",
    "eu": "eu|e u|european union|ue|union europeenne|europaische union|union europea",
    "germany": "germany|allemagne|deutschland|alemania|germania|duitsland",
    "france": "france|frankreich|francia|frankrijk|franca",
    "china": "china|chine|cina|prc|people s republic of china",
    "spain": "spain|espagne|spanien|espana|spagna|spanje",
    "italy": "italy|italie|italien|italia|italie",
    "chechnya": "chechnya|tchetchenie|tschetschenien|chechenia|cecenia|chechen republic|"
                "republic of chechnya|tsjetsjenie",
    "ukraine": "ukraine|ucrania|ucraina|oekraine",
    "uk_pm": "downing street|number 10|no 10",
}
_ALIASES = {variant: canon for canon, group in _ALIAS_GROUPS.items()
            for variant in group.split("|")}
_GENERIC = frozenset({"united", "republic", "state", "states", "national", "federal", "new",
                      "north", "south", "east", "west", "the", "of", "and", "de", "la", "le",
                      "del", "der", "die", "city", "saint", "san", "group", "party", "news",
                      "bank", "company", "corporation", "international", "university",
                      "ministry", "airport", "hospital", "club", "council", "association",
                      "agency", "institute", "foundation", "holding", "holdings",
                      # the kind of a place, which two different places share ("rue Janin" /
                      # "rue Belfort", "Orange County" / "Kern County")
                      "street", "road", "avenue", "boulevard", "square", "rue", "strasse",
                      "platz", "via", "viale", "piazza", "calle", "avenida", "plaza", "ulica",
                      "county", "province", "district", "region", "river", "lake", "mount",
                      "island", "islands"})
_LABEL_GROUP = {"GPE": "place", "LOC": "place"}
#: A claim's dateline: a short opening (up to 12 words, with a comma or a bracket, and a digit
#: or a word in capitals) cut from the body by a double hyphen or a spaced dash: "Riyadh,
#: January 01, 2020, SPA -- A statement…", "RIYADH, Jan 1 (KUNA) -- Six Saudi…". Its names
#: are the place and the agency that filed the text, not facts of the story.
_DATELINE = re.compile(r"^(?=[^\n]{0,120}?\s(?:--|—|–)\s)((?:\S+\s+){0,11}?\S+)\s(?:--|—|–)\s")


def _canonical(name: str) -> str:
    """A name folded, without punctuation or a leading article, mapped through the aliases."""
    text = " ".join(re.sub(r"[^\w\s]", " ", fold(name)).split())
    text = re.sub(r"^(?:the|le|la|les|l|der|die|das|el|los|las|il|lo)\s+", "", text)
    return _ALIASES.get(text, text)


def _abbreviates(short: str, long: str) -> bool:
    """Whether ``short`` is the initials of ``long`` ('wh' / 'white house', 'nyt' / 'new york
    times'); both folded by ``_canonical``."""
    words = [w for w in long.split() if w not in ("of", "and", "de", "la", "du", "der", "für")]
    return " " not in short and len(words) >= 2 and short == "".join(w[0] for w in words)


def same_entity(x: str, y: str) -> bool:
    """Whether two names denote the same entity: equal after folding and the alias table
    ("U.S" / "United States" / "Etats-Unis"), one the initials of the other ("WH" / "the White
    House"), or sharing a distinctive word ("Zakharova" / "Svetlana Zakharova"), a genitive
    "s" aside ("Trumps" / "Trump")."""
    cx, cy = _canonical(x), _canonical(y)
    if cx == cy or _abbreviates(cx, cy) or _abbreviates(cy, cx):
        return True
    return bool(_name_words(cx) & _name_words(cy))


def _name_words(canonical: str) -> set[str]:
    """The words of a canonical name that can tell it apart (three letters or more, none of
    the generic words), and, for a word of five letters or more ending in "s", the word
    without it: a German or English genitive ("Trumps Drohungen" names Trump, as "Donald
    Trump" does)."""
    words = {w for w in canonical.split() if len(w) >= 3 and w not in _GENERIC}
    return words | {w[:-1] for w in words if len(w) >= 5 and w.endswith("s")}


def _acronym(variant: str) -> re.Pattern[str] | None:
    """A case-sensitive pattern for a short alias ("u s a" → U.S.A, USA), else None."""
    parts = variant.split()
    if not (all(len(p) == 1 for p in parts) or (len(parts) == 1 and len(variant) <= 3)):
        return None
    return re.compile(r"\b" + r"\.?\s?".join("".join(parts).upper()) + r"\b")


def mentioned(name: str, text: str) -> bool:
    """Whether ``text`` names the entity even where no entity was tagged.

    Short aliases ("US", "UN", "EU") must appear in capitals, so "told us" names no country.
    A name of four letters or more is also found with a genitive "s" ("Trumps Drohungen"
    names Trump), and a word of six letters or more ending in "s" without it ("Merkels" /
    "Merkel"), as ``same_entity`` matches them; a five-letter word keeps its "s" ("Paris"
    is no "pari").
    """
    canon = _canonical(name)
    folded = " ".join(re.sub(r"[^\w\s]", " ", fold(text)).split())
    variants = [v for v, c in _ALIASES.items() if c == canon] or [canon]
    words = distinctive_words(name)
    words += [w[:-1] for w in words if len(w) >= 6 and w.endswith("s")]
    for variant in variants + words:
        acronym = _acronym(variant)
        genitive = "s?" if len(variant) >= 4 else ""
        pattern = acronym or re.compile(rf"\b{re.escape(variant)}{genitive}\b")
        if pattern.search(text if acronym else folded):
            return True
    return False


def distinctive_words(name: str) -> list[str]:
    """The words of a name that tell it apart (folded, four letters or more, none of the
    generic words "bank", "group", "united", ...)."""
    return [w for w in _canonical(name).split() if len(w) >= 4 and w not in _GENERIC]


def _unmatched(ents: list[Entity], others: list[Entity], other_text: str) -> list[Entity]:
    """Entities with no counterpart among ``others`` nor in the other claim's text."""
    return [e for e in ents if not any(same_entity(e.text, o.text) for o in others)
            and not mentioned(e.text, other_text)]


def _rest_overlap(pair: ClaimPair, x: Entity, y: Entity) -> float:
    """Word overlap of the two claims once the two names are taken out (same language; in
    Chinese and Japanese, pairs of characters stand for words)."""
    words_a = _units(pair.claim_a.text) - _units(x.text)
    words_b = _units(pair.claim_b.text) - _units(y.text)
    return dice(words_a, words_b)


def _units(text: str) -> set[str]:
    """The content words of a text and its pairs of neighbouring CJK characters."""
    return content_words(text) | char_bigrams([w.norm for w in tokenize(text)])


def _neighbour(doc: Document, e: Entity) -> tuple[str, str]:
    """The folded words right before and right after an entity; in a script written without
    spaces, where each character is a word, the two characters on each side ("识别在 Liquor
    Depot 商店的": "别在", "商店"), about a word of Chinese."""
    before = tokenize(doc.clean_text[max(0, e.start - 30):e.start])
    after = tokenize(doc.clean_text[e.end:e.end + 30])
    return (_word_at(before[-2:], last=True), _word_at(after[:2], last=False))


def _title(doc: Document, e: Entity, floor: int) -> list[str]:
    """The two folded words right before a name within its claim (from ``floor``), when they
    hold a content word and no digit ("chancelier autrichien", "Legitimacy in"): the title or
    role the name fills."""
    words = [w.norm for w in tokenize(doc.clean_text[max(floor, e.start - 40):e.start])][-2:]
    if len(words) < 2 or any(ch.isdigit() for w in words for ch in w):
        return []
    return words if any(is_content_word(w) and len(w) > 2 for w in words) else []


def _same_title(pair: ClaimPair, x: Entity, y: Entity) -> bool:
    """Whether both names fill the same title or role: the same two words before each."""
    title = _title(pair.a, x, pair.claim_a.start)
    return bool(title) and title == _title(pair.b, y, pair.claim_b.start)


def _word_at(words: list[Word], *, last: bool) -> str:
    """The word at the edge (``last``: the end) of two words, or both as one where they are
    touching characters of a script written without spaces (``text.char_pairs``)."""
    if not words:
        return ""
    pair = char_pairs(words)
    return pair[0].norm if pair else (words[-1] if last else words[0]).norm


def _entity_confidence(pair: ClaimPair, x: Entity, y: Entity) -> float | None:
    """Heuristic confidence that ``y`` replaced ``x``; None when the rest does not match."""
    if not pair.same_language:
        ok = pair.link.similarity >= pair.settings.paraphrase_threshold
        # names of unknown kind across languages are mostly one name translated ("Año Nuevo" /
        # "Capodanno"): no swap without a name model on both sides
        unknown = "MISC" in (x.label, y.label)
        return 0.45 + 0.3 * pair.link.similarity if ok and not unknown else None
    rest = _rest_overlap(pair, x, y)
    loose = pair.link.similarity < pair.settings.paraphrase_threshold
    if rest < (0.7 if loose else 0.5):
        if pair.strong and "MISC" not in (x.label, y.label) and _same_title(pair, x, y):
            return 0.45 + 0.2 * pair.link.similarity
        return None
    same_role = _same_role(_neighbour(pair.a, x), _neighbour(pair.b, y))
    if x.label == y.label == "MISC" and not same_role:
        return None  # names of unknown kind in other places: "do College w" / "– Morawiecki."
    return 0.35 + 0.3 * rest + 0.2 * pair.link.similarity + (0.1 if same_role else 0.0)


def dateline_end(text: str) -> int:
    """Where a claim's dateline ends (``_DATELINE``), or 0 when it has none (a heuristic)."""
    match = _DATELINE.match(text)
    if match is None or not re.search(r"[,(]", match.group(1)):
        return 0
    if not any(word.isdigit() or (len(word) > 1 and word.isupper())
               for word in re.findall(r"\w+", match.group(1))):
        return 0
    return match.end(1)


def _names(doc: Document, start: int, end: int) -> list[Entity]:
    """The entities of a claim that are no date or number ("Cuma", "December" tagged as names
    by a capitalisation heuristic are the date rule's), nor in its dateline (the agency that
    filed it: "SPA" / "Kuwait News Agency" is no swap)."""
    taken = [(d.start, d.end) for d in within(doc.dates, start, end)]
    cut = dateline_end(doc.clean_text[start:end])
    if cut:
        taken.append((start, start + cut))
    taken += [(q.start, q.end) for q in within(doc.quantities, start, end)]
    return [e for e in within(doc.entities, start, end)
            if not any(s < e.end and e.start < t for s, t in taken)]


def _place_like(name: str) -> bool:
    """Whether a name of unknown kind reads as a place above a city: a continent, a country, or
    a country with a compass direction ("north-eastern Germany"). A country or continent among
    other words ("Europa Press", "Radio France") is more often a name of something else."""
    level = place_level(name)
    return level in ("continent", "country") or (level == "region" and bool(directions(name)))


def _exclusive(group: str, x: Entity, y: Entity) -> bool:
    """Whether two names can replace each other: places (and names of unknown kind of which one
    reads as a place above a city) only at the same level of detail ("Krefeld" does not
    contradict "north-eastern Germany", nor "Berlin" "Germany")."""
    if group == "place":
        return exclusive_places(x.text, y.text)
    if group == "MISC" and (_place_like(x.text) or _place_like(y.text)):
        return exclusive_places(x.text, y.text)
    return True


def _group(e: Entity) -> str:
    """The kind a name is compared within: places together, other labels apart."""
    return _LABEL_GROUP.get(e.label, e.label)


def _replacements(open_a: list[Entity], open_b: list[Entity]) -> list[tuple[Entity, Entity]]:
    """Candidate swaps: per kind, the one name left on each side."""
    pairs = []
    for group in sorted({_group(e) for e in open_a}):
        xs = [e for e in open_a if _group(e) == group]
        ys = [e for e in open_b if _group(e) == group]
        if len(xs) == 1 and len(ys) == 1 and _exclusive(group, xs[0], ys[0]):
            pairs.append((xs[0], ys[0]))
    return pairs


def entity_heuristic(pair: ClaimPair) -> list[Discrepancy]:
    """A name replaced by a different name of the same kind while the rest matches → "entity".

    Names with a counterpart on the other side (folded, alias table, a shared distinctive word,
    or merely mentioned there untagged) are set aside, and so are words the analysis read as a
    date or a number. A kind (PERSON, ORG, place…) left with exactly one name on each side is a
    replacement when, in one language, the claims' other words overlap (Dice ≥ 0.5; ≥ 0.7 on a
    link below ``paraphrase_threshold``), or the link is ``strong`` (the link model is sure of
    it) and both names fill the same title, the same two words right before each ("the
    Coalition to Restore Legitimacy in Yemen" / "… in Sweden"), or, across languages, the
    link's similarity reaches ``paraphrase_threshold``; two names of unknown kind (MISC: no
    name model for the language, or the model could not tell) also need a word in common
    right before or after them, and across languages are never paired. Names of different
    kinds are a swap only when, in one language, each claim is left with that one name, the
    rest is the same words (Dice ≥ 0.8) and a word right before or after both is the same
    ("Finill says" / "Strategy Membership says"); the finding is weak (confidence 0.5–0.55)
    and its reason says the other name may stand for the same source ("Zakharova said" /
    "Moscow said"). A name replaced by one its claim already gives elsewhere counts too, in
    the same words (``_named_again``: "Según Mendelblit, la elección de Ginsberg Ben-Ari" /
    "… de Avichai Mendelblit"). A name the other claim simply lacks is never reported, nor a
    place named at another level of detail (a country against a city, a region against a
    town: ``places.exclusive_places``). Symmetric.
    """
    ents_a = _names(pair.a, pair.claim_a.start, pair.claim_a.end)
    ents_b = _names(pair.b, pair.claim_b.start, pair.claim_b.end)
    open_a = _unmatched(ents_a, ents_b, pair.claim_b.text)
    open_b = _unmatched(ents_b, ents_a, pair.claim_a.text)
    found = []
    for x, y in _replacements(open_a, open_b):
        confidence = _entity_confidence(pair, x, y)
        if confidence is not None:
            found.append(_swap(pair, x, y, confidence))
    if not found and len(open_a) == len(open_b) == 1:
        confidence = _other_kind_confidence(pair, open_a[0], open_b[0])
        if confidence is not None:
            found.append(_swap(pair, open_a[0], open_b[0], confidence,
                               " (a name of another kind, which may stand for the same source)"))
    if not found and pair.same_language and len(open_a) + len(open_b) == 1:
        found += _named_again(pair, ents_a, ents_b, open_a, open_b)
    return found


def _swap(pair: ClaimPair, x: Entity, y: Entity, confidence: float,
          note: str = "") -> Discrepancy:
    """The finding that ``y`` of B replaced ``x`` of A, its reason followed by ``note``."""
    sa, sb = pair.a.span(x.start, x.end), pair.b.span(y.start, y.end)
    return pair.found("entity", sa, sb, f"A names {sa.text}, B names {sb.text}{note}",
                      confidence, "entity_heuristic")


def _count(name: Entity, ents: list[Entity]) -> int:
    """How many of ``ents`` name the same entity as ``name``."""
    return sum(same_entity(name.text, e.text) for e in ents)


def _named_again(pair: ClaimPair, ents_a: list[Entity], ents_b: list[Entity],
                 open_a: list[Entity], open_b: list[Entity]) -> list[Discrepancy]:
    """A name of one claim replaced by a name its own claim already gives elsewhere: "la
    elección de Ginsberg Ben-Ari" / "la elección de Avichai Mendelblit" in claims that both
    open "Según Mendelblit". Found when one claim has a name the other lacks, the other claim
    names one of the first claim's names once more than the first does, the same word stands
    right before or after both, and the rest is the same words (Dice ≥ 0.7; ≥ 0.8 for names
    of two kinds)."""
    a_side = bool(open_a)
    x = (open_a or open_b)[0]
    mine, theirs = (ents_a, ents_b) if a_side else (ents_b, ents_a)
    doc_x, doc_y = (pair.a, pair.b) if a_side else (pair.b, pair.a)
    around_x = _neighbour(doc_x, x)
    for y in theirs:
        given = _count(y, mine)  # the first claim gives the name too, as a name
        if not given or _count(y, theirs) <= given:
            continue
        if not _same_role(around_x, _neighbour(doc_y, y)):
            continue
        rest = _rest_overlap(pair, x, y) if a_side else _rest_overlap(pair, y, x)
        if rest < (0.7 if _group(x) == _group(y) else 0.8):
            continue
        ea, eb = (x, y) if a_side else (y, x)
        return [_swap(pair, ea, eb, 0.3 + 0.3 * rest + 0.2 * pair.link.similarity,
                      f" (whom {'B' if a_side else 'A'} also names elsewhere in the claim)")]
    return []


def _same_role(around_x: tuple[str, str], around_y: tuple[str, str]) -> bool:
    """Whether two names have the same word right before or right after them (one Chinese
    character, "的", is too common to show the same role)."""
    return any(u and u == v and (len(u) > 1 or u.isascii())
               for u, v in zip(around_x, around_y, strict=True))


def _other_kind_confidence(pair: ClaimPair, x: Entity, y: Entity) -> float | None:
    """Heuristic confidence that ``y``, a name of another kind, replaced ``x`` in a claim that
    is otherwise the same words (one language, Dice of the other words ≥ 0.8, a word in
    common right before or after both names): "Finill says" / "Strategy Membership says",
    "le ministre de l'Intérieur Karl Nehammer" / "… Vienne". None otherwise."""
    if not pair.same_language or _group(x) == _group(y):
        return None
    places = [e for e in (x, y) if _group(e) == "place" or _place_like(e.text)]
    if len(places) == 2 and not exclusive_places(x.text, y.text):
        return None  # at another level of detail ("Krefeld" / "Germany")
    rest = _rest_overlap(pair, x, y)
    if rest < 0.8:
        return None
    if not _same_role(_neighbour(pair.a, x), _neighbour(pair.b, y)):
        return None
    return 0.3 + 0.25 * rest
