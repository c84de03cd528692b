"""Text toolkit shared by the stages: word tokens with offsets (one rule for scripts written
without spaces), folding, content words and light stems, n-grams and set overlap measures,
paragraphs."""

from .overlap import containment, covered, dice, jaccard, ngrams
from .paragraphs import PARAGRAPH, paragraph_starts
from .stems import (
    STOPWORDS,
    char_bigrams,
    char_pairs,
    content_words,
    is_content_word,
    light_stem,
    same_stem,
)
from .tokens import (
    CJK,
    HANGUL,
    UNSPACED,
    UNSPACED_LANGUAGES,
    Token,
    Word,
    count_words,
    fold,
    tokenize,
    tokens,
    word_runs,
    words,
)

__all__ = [
    "CJK",
    "HANGUL",
    "PARAGRAPH",
    "STOPWORDS",
    "UNSPACED",
    "UNSPACED_LANGUAGES",
    "Token",
    "Word",
    "char_bigrams",
    "char_pairs",
    "containment",
    "content_words",
    "count_words",
    "covered",
    "dice",
    "fold",
    "is_content_word",
    "jaccard",
    "light_stem",
    "ngrams",
    "paragraph_starts",
    "same_stem",
    "tokenize",
    "tokens",
    "word_runs",
    "words",
]
