from __future__ import annotations

import pytest

from storydiff.analyse import detect_language


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("The government announced new measures for the economy yesterday.", "en"),
        ("Le gouvernement a annoncé hier de nouvelles mesures pour l'économie.", "fr"),
        ("Die Regierung kündigte gestern neue Maßnahmen für die Wirtschaft an.", "de"),
        ("El gobierno anunció ayer nuevas medidas para la economía.", "es"),
        ("Il governo ha annunciato ieri nuove misure per l'economia.", "it"),
        ("O governo anunciou ontem novas medidas para a economia.", "pt"),
        ("Hükümet dün ekonomi için yeni önlemler açıkladı ve bu çok önemli.", "tr"),
        ("Pemerintah mengumumkan langkah baru untuk ekonomi pada hari ini.", "id"),
        ("政府は昨日、経済のための新しい対策を発表した。", "ja"),
        ("Правительство вчера объявило о новых мерах для экономики.", "ru"),
    ],
)
def test_detects_common_news_languages(text: str, expected: str) -> None:
    assert detect_language(text) == expected


@pytest.mark.parametrize(
    "text",
    [
        "",
        "   \n ",
        "Hi",
        "12345 678 90",
        "qwrtp zxcvb mnbvc lkjhg",
        "asdkjh qwe zxcmnb",
        "hjk " * 9,
    ],
)
def test_gibberish_and_too_short_text_is_undetermined(text: str) -> None:
    assert detect_language(text) == "und"


def test_declared_language_wins_when_valid() -> None:
    assert detect_language("The government announced new measures.", declared="fr-FR") == "fr"
    assert detect_language("qwrtp zxcvb", declared="pt_BR") == "pt"


@pytest.mark.parametrize("declared", ["english", "xx", "und", "", None, "e1"])
def test_invalid_declared_language_is_ignored(declared: str | None) -> None:
    assert detect_language("The government announced new measures today.", declared) == "en"
