"""Content words and light stems: what the aligner's topic overlap, the copy evidence and the
discrepancy rules compare once the function words are gone.

``STOPWORDS`` is one folded, language-agnostic list (en, fr, de, es, it, pt, nl), deliberately
not the per-language ``function_words.FUNCTION_WORDS`` that the analysis uses to tell prose from
gibberish: it keeps negations ("nicht", "niet", "não") and pronouns as content, which the
polarity rules and the topic overlap need."""

from __future__ import annotations

import itertools

from .tokens import Word, tokenize

__all__ = ["STOPWORDS", "char_bigrams", "char_pairs", "content_words", "is_content_word",
           "light_stem", "same_stem"]

_STOPWORD_TEXT = (
    # en
    "a an the of to in on at by for from with and or but as is are was were be been has have "
    "had it its this that these those he she they them his her their who which what than then "
    "there also said says will would could can may might did does do into over about after "
    "before since while just only very more most some such any all other out up"
    # fr
    " le la les un une des du de d l au aux et ou mais est sont ete a ont avait il elle ils "
    "elles leur leurs son sa ses ce cet cette ces qui que qu dans sur par pour avec sans se "
    "s y en ne pas plus tres aussi selon"
    # de
    " der die das den dem des ein eine einen einem einer und oder aber ist sind war waren hat "
    "haben hatte er sie es ihr ihre sein seine im am zu zum zur mit von fur auf aus bei nach "
    "dass auch sich"
    # es, it, pt, nl (the commonest function words)
    " el los las lo del al y o pero es son fue han ha su sus que con por para se una uno "
    " il gli i di da e che non per con nel della delle degli"
    " os as um uma e do da dos das em no na com por para"
    " het een van en is zijn op te met voor dat die"
)
STOPWORDS = frozenset(_STOPWORD_TEXT.split())


def is_content_word(norm: str) -> bool:
    """Whether a folded word carries content (is no function word and longer than a letter)."""
    return norm not in STOPWORDS and len(norm) > 1


def content_words(text: str) -> set[str]:
    """The folded words of ``text`` that are not function words (en, fr, de, es, it, pt, nl)."""
    return {w.norm for w in tokenize(text) if is_content_word(w.norm)}


def _one_char(norm: str) -> bool:
    """Whether a token is one letter of a script written without spaces (``tokens`` makes each
    Chinese or Japanese character a word)."""
    return len(norm) == 1 and norm.isalpha() and not norm.isascii()


def char_bigrams(words: list[str]) -> set[str]:
    """Pairs of neighbouring one-character words (Chinese, Japanese: a word is about two
    characters, one shared character says little, and ``content_words`` keeps none)."""
    return {x + y for x, y in itertools.pairwise(words) if _one_char(x) and _one_char(y)}


def char_pairs(words: list[Word]) -> list[Word]:
    """``char_bigrams`` with offsets: each pair of touching one-character words as one word
    ("不会出席" → "不会", "会出", "出席")."""
    return [Word(x.norm + y.norm, x.start, y.end) for x, y in itertools.pairwise(words)
            if x.end == y.start and _one_char(x.norm) and _one_char(y.norm)]


def light_stem(word: str) -> str:
    """A folded word without a plural or feminine ending: 'visas' → 'visa'."""
    for ending in ("es", "s", "e"):
        if len(word) > 4 and word.endswith(ending):
            return word[: -len(ending)]
    return word


def same_stem(x: str, y: str) -> bool:
    """Whether two folded words are the same word or close cognates ('survivors'/'survivants')."""
    x, y = light_stem(x), light_stem(y)
    if x == y:
        return True
    common = 0
    for cx, cy in zip(x, y, strict=False):
        if cx != cy:
            break
        common += 1
    return common >= 5 and common >= 0.6 * min(len(x), len(y))
