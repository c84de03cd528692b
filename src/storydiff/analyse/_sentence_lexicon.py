"""Word lists of the sentence splitter: abbreviations with a final stop, and sentence openers.

Abbreviations come in two kinds, lower-cased and without the final stop ("z.b" for "z.B."):

* ``PREFIXES``: words that stand before what they qualify and never end a sentence — titles
  ("Dr.", "Mme", "Sr."), street and number words ("ul.", "Av.", "Nr."), "z.B.", "vgl.". No
  sentence break is made after them.
* ``ABBREVIATIONS``: any other abbreviation, which may end a sentence ("etc.", "Inc.", "Dec."):
  a break after one stays only when the next word starts with a capital letter (not with a
  lower-case letter or a digit: "on Dec. 31", "20 tys. osób", "Apple Inc. said").

``NUMBER_PREFIXES`` ("No.", "Nr.", "Art.") are prefixes only before a digit ("No. 5" but "I said
no.").

``OPENERS`` are capitalised words that open sentences and are followed by a lower-case word
("The foreign ministers…", "El gobierno…"): after a lower-case word with no stop between, one
marks where a headline runs into the first sentence. The lists are hand-written from general
knowledge of each language's newspaper style.
"""

from __future__ import annotations

__all__ = ["ABBREVIATIONS", "NUMBER_PREFIXES", "OPENERS", "PREFIXES", "abbreviations",
           "prefixes"]


def _words(text: str) -> frozenset[str]:
    return frozenset(text.split())


_PREFIXES: dict[str, frozenset[str]] = {
    "*": _words("dr prof st mr mrs ms messrs sr sra srta dra jr ul"),
    "en": _words("""gen sen rep gov lt col sgt capt cmdr adm rev hon mt ft pres supt insp det
                 cpl pvt maj brig e.g i.e cf approx vs"""),
    "fr": _words("m mme mlle mm me pr ste mgr gal cf env"),
    "de": _words("""hr fr frl z.b d.h u.a bzw ca vgl ggf evtl inkl sog bspw z.t u.u o.g i.d.r
                 dipl ing univ-prof st"""),
    "es": _words("d dña av avda sres lic ing arq pág c/ ud uds excmo"),
    "it": _words("sig sigg dott dott.ssa ing avv on geom rag arch prof.ssa ca"),
    "pt": _words("sr sra dra av eng prof.ª"),
    "nl": _words("dhr mevr mw drs ir ing mr bijv o.a m.b.t"),
    "pl": _words("""ul al pl os ok np tzw tj godz ks mgr inż prof dr hab red płk gen kpt tel
                 im woj pow gm"""),
    "ru": _words("г гг ул им т.е т.к т.д т.п пр д см напр проф акад"),
    "uk": _words("вул ім т.д напр проф"),
    "tr": _words("doç yrd av op sn bkz uzm müh öğr gör"),
    "cs": _words("ing mudr judr phdr tj např mj ul nám"),
    "ro": _words("dl dna dr str bd nr"),
    "sv": _words("bl.a t.ex d.v.s s.k ca"),
}
_ABBREVIATIONS: dict[str, frozenset[str]] = {
    "*": _words("etc inc corp co ltd plc bros u.s u.k u.n e.u a.m p.m vs"),
    "en": _words("""jan feb mar apr jun jul aug sep sept oct nov dec est dept univ assn ave blvd
                 rd calif fla ariz mass conn ill mich penn wash tenn va md no"""),
    "fr": _words("janv févr avr juil sept oct nov déc av apr j.-c etc"),
    "de": _words("""jan feb mär apr jun jul aug sep sept okt nov dez usw str jh jhd mio mrd
                 tsd chr v.chr n.chr gmbh"""),
    "es": _words("ene feb abr jun jul ago sept oct nov dic a.c d.c a m p núm"),
    "it": _words("gen feb apr mag giu lug ago sett ott nov dic a.c d.c"),
    "pt": _words("jan fev abr mai jun jul ago set out nov dez"),
    "pl": _words("r tys mln mld proc sty lut kwi cze lip sie wrz paź lis gru"),
    "ru": _words("тыс млн млрд руб коп янв фев апр авг сент окт нояб дек"),
    "tr": _words("vb vs"),
}
NUMBER_PREFIXES: frozenset[str] = _words("no nr art nos núm n nº vol abs")
"""Prefixes only before a digit ("No. 5", "Nr. 12", "Art. 3")."""

PREFIXES: frozenset[str] = frozenset().union(*_PREFIXES.values())
"""Every language's prefixes together (for text whose language is unknown)."""

ABBREVIATIONS: frozenset[str] = frozenset().union(*_ABBREVIATIONS.values()) | NUMBER_PREFIXES
"""Every language's abbreviations together."""


def prefixes(language: str) -> frozenset[str]:
    """The prefixes of ``language`` (every language's when it has no list of its own)."""
    if language not in _PREFIXES:
        return PREFIXES
    return _PREFIXES["*"] | _PREFIXES[language]


def abbreviations(language: str) -> frozenset[str]:
    """Every abbreviation of ``language``, prefixes included."""
    own = _ABBREVIATIONS.get(language, ABBREVIATIONS)
    return _ABBREVIATIONS["*"] | own | prefixes(language) | NUMBER_PREFIXES


OPENERS: dict[str, frozenset[str]] = {
    "en": _words("the this these those his her their its our all after when while according"
                 " officials police authorities"),
    "de": _words("der die das ein eine im am nach bei seit laut"),
    "fr": _words("le la les un une des ce cette selon dans après depuis"),
    "es": _words("el la los las un una según tras desde este esta"),
    "it": _words("il lo la gli le un una secondo nel nella dopo"),
    "pt": _words("os as um uma segundo após"),
    "nl": _words("de het een volgens"),
    "pl": _words("według"),
}
"""Lower-cased words that open a sentence (single letters left out: "vitamin A deficiency")."""
