"""Text toolkit shared by the stages: word tokens with offsets (one rule for scripts written
without spaces)."""

from .tokens import UNSPACED, Token, count_words, tokens, words

__all__ = ["UNSPACED", "Token", "count_words", "tokens", "words"]
