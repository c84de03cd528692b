"""The one word tokenizer: offsets, and one token a character in scripts without spaces."""

from __future__ import annotations

from hypothesis import given
from hypothesis import strategies as st

from storydiff.text import count_words, tokens, words


def test_spaced_scripts_split_at_non_word_characters() -> None:
    assert words("L'État a dit: 3,5 millions.") == ["l", "état", "a", "dit", "3", "5", "millions"]


def test_unspaced_scripts_count_characters() -> None:
    assert count_words("中国外交部发言人") == 8
    assert words("東京で会議") == ["東", "京", "で", "会", "議"]
    # Thai vowel and tone marks stay with their consonant
    assert [t.text for t in tokens("สวัสดี")] == ["ส", "วั", "ส", "ดี"]
    # Korean writes spaces between words
    assert words("한국어 단어") == ["한국어", "단어"]


@given(st.text(max_size=200))
def test_offsets_point_at_the_token(text: str) -> None:
    for tok in tokens(text):
        assert text[tok.start:tok.end] == tok.text
        assert tok.text
    assert count_words(text) == len(tokens(text)) == len(words(text))
