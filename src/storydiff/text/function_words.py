"""Short lists of very frequent function words (articles, pronouns, prepositions, auxiliaries) per
language, used to tell real text from gibberish, to spot clause subjects and to skip non-nouns.

The lists are deliberately small (the 25–40 most frequent words of news text); they are hand-written
from general knowledge of each language, not copied from any corpus.
"""

from __future__ import annotations

__all__ = ["FUNCTION_WORDS", "PRONOUNS", "is_function_word"]

_RAW: dict[str, str] = {
    "en": "the a an of to in on at for from by with and or but is are was were be been being "
    "has have had it its this that these those he she they we i you his her their our not "
    "as will would who which there than also after",
    "fr": "le la les un une des du de d l au aux et ou mais est sont était été a ont avait il "
    "elle ils elles on nous vous je ce cette ces que qui dans sur pour par avec pas ne se "
    "sa son ses leur plus y en",
    "de": "der die das den dem des ein eine einen einem einer und oder aber ist sind war waren "
    "wird werden hat haben hatte er sie es wir ihr ich nicht mit von zu im in auf für an "
    "dass auch sich bei nach aus",
    "es": "el la los las un una unos unas de del al y o pero es son era fue han ha había él "
    "ella ellos ellas que en con por para no se su sus lo como más este esta",
    "it": "il lo la i gli le un uno una di del della dei delle da dal e o ma è sono era stato "
    "ha hanno lui lei loro che in con per non si suo sua nel nella al alla",
    "pt": "o a os as um uma uns umas de do da dos das no na nos nas e ou mas é são era foi tem "
    "têm ele ela eles elas que em com por para não se seu sua ao à",
    "nl": "de het een en of maar is zijn was waren heeft hebben hij zij ze wij ik niet met van "
    "te in op voor dat die dit aan ook er",
    "sv": "en ett och eller men är var har hade han hon de vi jag inte med av till i på för att "
    "som den det detta om",
    "pl": "i a w z na do nie to jest są był była się że jak ale od po przez dla o przy ten ta tego",
    "cs": "a i v ve z na do se je jsou byl byla bylo že to jak ale od po pro o s ten ta tento také",
    "ro": "și sau dar este sunt era a au un o al ale lui ei el ea în la cu de pe pentru din că "
    "nu se care mai",
    "tr": "ve veya ama bir bu şu o ile için da de ki mi ne çok daha en gibi olarak olan var yok "
    "ben sen biz siz onlar",
    "id": "dan atau tetapi yang di ke dari untuk dengan ini itu ada adalah tidak akan sudah "
    "juga dia mereka kami kita saya pada dalam oleh",
}

FUNCTION_WORDS: dict[str, frozenset[str]] = {
    lang: frozenset(words.split()) for lang, words in _RAW.items()
}
"""Function words per ISO 639-1 code (Latin-script languages only)."""

PRONOUNS: frozenset[str] = frozenset(
    [
        "he", "she", "they", "it", "we", "i", "you", "him", "her", "them", "us", "who", "il",
        "elle", "ils", "elles", "on", "nous", "vous", "lui", "er", "sie", "es", "wir", "ihr",
        "man", "él", "ella", "ellos", "ellas", "usted", "nosotros", "lui", "lei", "loro",
        "egli", "ella", "noi", "voi", "ele", "ela", "eles", "elas", "nós",
    ]
)  # fmt: skip
"""Personal pronouns in en/fr/de/es/it/pt: never a quote's speaker."""


def is_function_word(word: str, language: str) -> bool:
    """Whether ``word`` (any case) is a function word of ``language`` (False when unknown).

    Example:
        >>> is_function_word("The", "en")
        True
    """
    return word.lower() in FUNCTION_WORDS.get(language, frozenset())
