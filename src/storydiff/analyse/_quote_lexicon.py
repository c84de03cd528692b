"""Word lists for ``quotes``: reporting verbs and source phrases per language (hand-written)."""

from __future__ import annotations

__all__ = ["REPORTING_VERBS", "SKIPPABLE_BEFORE_VERB", "SOURCE_PHRASES"]

REPORTING_VERBS: dict[str, tuple[str, ...]] = {
    "en": ("said", "says", "say", "told", "tells", "added", "adds", "stated",
           "explained", "explains", "wrote", "writes", "tweeted", "claimed",
           "insisted", "insists", "warned", "warns", "noted", "argued", "argues",
           "confirmed", "confirms", "announced", "asked", "asks", "replied", "declared",
           "acknowledged", "admitted", "recalled", "remarked", "commented", "stressed",
           "emphasised", "emphasized", "posted", "responded", "concluded", "maintained",
           "uphold", "upholds", "upheld", "reported"),
    "fr": ("a déclaré", "a dit", "a affirmé", "a ajouté", "a expliqué", "a indiqué", "a souligné",
           "a estimé", "a assuré", "a confié", "a précisé", "a lancé", "a martelé", "a écrit",
           "a répondu", "a reconnu", "déclare", "dit", "affirme", "ajoute", "explique",
           "indique", "souligne", "estime", "assure", "confie", "précise", "lance", "martèle",
           "écrit", "répond", "a-t-il déclaré", "a-t-elle déclaré", "a-t-il dit", "a-t-elle dit"),
    "de": ("sagte", "sagt", "erklärte", "erklärt", "betonte", "betont", "meinte", "meint",
           "schrieb", "schreibt", "fügte hinzu", "teilte mit", "warnte", "warnt", "so"),
    "es": ("dijo", "dice", "afirmó", "afirma", "declaró", "declara", "aseguró", "asegura",
           "explicó", "explica", "señaló", "señala", "añadió", "añade", "indicó", "indica",
           "escribió", "advirtió"),
    "it": ("ha detto", "ha dichiarato", "ha affermato", "ha spiegato", "ha aggiunto",
           "ha sottolineato", "ha scritto", "dice", "afferma", "spiega", "dichiara", "aggiunge",
           "sottolinea", "scrive"),
    "pt": ("disse", "diz", "afirmou", "afirma", "declarou", "declara", "explicou", "explica",
           "acrescentou", "sublinhou", "escreveu", "garantiu", "avisou"),
}  # fmt: skip
"""Verbs that introduce or close a quotation ('X said', 'a déclaré X'), matched in lower case.
Forms that are more often nouns ('reports', 'claims', 'notes', 'states') are left out."""

SOURCE_PHRASES: dict[str, tuple[str, ...]] = {
    "en": ("according to",),
    "fr": ("selon", "d'après", "d’après"),
    "de": ("laut", "nach Angaben von", "zufolge"),
    "es": ("según", "de acuerdo con"),
    "it": ("secondo", "stando a"),
    "pt": ("segundo", "de acordo com", "conforme"),
}
"""Phrases placed before the source of a statement ('according to X', 'selon X')."""

SKIPPABLE_BEFORE_VERB = frozenset(
    [
        "has", "have", "had", "also", "then", "later", "reportedly", "recently", "once",
        "further", "again", "earlier", "continues", "continued", "to", "ensuite", "encore",
        "hat", "hatte", "auch", "dann", "ha", "también", "luego", "ha", "anche", "poi",
        "também", "depois",
    ]
)  # fmt: skip
"""Auxiliaries and adverbs that may stand between a speaker and the reporting verb."""
