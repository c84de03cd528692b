from __future__ import annotations

from typing import Any

import pytest

from storydiff.analyse import find_dates, find_quantities
from storydiff.document import Quantity


def quantities(text: str, language: str, spans_ok: Any) -> list[Quantity]:
    found = find_quantities(text, language)
    spans_ok(text, found)
    return found


def summary(found: list[Quantity]) -> list[tuple[str, float, str | None, str | None, bool]]:
    return [(q.text, q.value, q.unit, q.counted, q.approximate) for q in found]


def test_english_counts_with_markers(spans_ok: Any) -> None:
    text = "Approximately 40 survivors hid. At least 100 men were held. Only two people left."
    assert summary(quantities(text, "en", spans_ok)) == [
        ("40", 40.0, None, "survivors", True),
        ("100", 100.0, None, "men", True),
        ("two", 2.0, None, "people", False),
    ]


def test_adjectives_between_number_and_noun_are_skipped(spans_ok: Any) -> None:
    (q,) = quantities("Police detained 100 gay men.", "en", spans_ok)
    assert q.counted == "men"


def test_function_word_after_the_number_means_nothing_is_counted(spans_ok: Any) -> None:
    (q,) = quantities("Only two have managed to leave.", "en", spans_ok)
    assert (q.value, q.counted) == (2.0, None)


@pytest.mark.parametrize(
    ("text", "value", "unit"),
    [
        ("It cost $3.5 million.", 3_500_000.0, "$"),
        ("It cost €5m.", 5_000_000.0, "€"),
        ("It cost 3 bn euros.", 3_000_000_000.0, "€"),
        ("Turnout was 40% today.", 40.0, "%"),
        ("Turnout was 12 per cent.", 12.0, "%"),
        ("They walked 5km.", 5.0, "km"),
        ("They sent 1,200 soldiers.", 1200.0, None),
        ("They sent twenty-five soldiers.", 25.0, None),
        ("They sent two hundred and fifty thousand soldiers.", 250_000.0, None),
    ],
)
def test_english_values_and_units(text: str, value: float, unit: str | None, spans_ok: Any) -> None:
    (q,) = quantities(text, "en", spans_ok)
    assert (q.value, q.unit) == (value, unit)


def test_vague_amounts_are_approximate(spans_ok: Any) -> None:
    found = quantities("Dozens of gay men fled. Scores of people hid.", "en", spans_ok)
    assert [(q.text, q.counted, q.approximate) for q in found] == [
        ("Dozens", "men", True),
        ("Scores", "people", True),
    ]


@pytest.mark.parametrize(
    "text", ["the 1st time", "COVID-19 cases", "on 9/11", "at 10:30", "a G7 summit", "in 2017"]
)
def test_ordinals_codes_times_and_years_are_not_quantities(text: str, spans_ok: Any) -> None:
    assert quantities(text, "en", spans_ok) == []


def test_numbers_inside_dates_are_skipped(spans_ok: Any) -> None:
    text = "On May 19, 2017, 40 refugees arrived."
    found = find_quantities(text, "en", dates=find_dates(text, "en", None))
    spans_ok(text, found)
    assert [(q.text, q.counted) for q in found] == [("40", "refugees")]


def test_a_lone_one_counts_only_with_a_noun(spans_ok: Any) -> None:
    assert summary(quantities("One man died, one of them said.", "en", spans_ok)) == [
        ("One", 1.0, None, "man", False)
    ]


@pytest.mark.parametrize(
    ("language", "text", "expected"),
    [
        (
            "fr",
            "Environ 1 200 personnes et 3,5 millions d'euros.",
            [(1200.0, None, "personnes", True), (3_500_000.0, "€", None, False)],
        ),
        (
            "fr",
            "Près de deux cents manifestants, vingt et un blessés, quatre-vingt-dix morts.",
            [
                (200.0, None, "manifestants", True),
                (21.0, None, "blessés", False),
                (90.0, None, "morts", False),
            ],
        ),
        (
            "de",
            "Etwa 1.200 Menschen, 3,5 Millionen Euro, einundzwanzig Tote, zwei schwule Männer.",
            [
                (1200.0, None, "menschen", True),
                (3_500_000.0, "€", None, False),
                (21.0, None, "tote", False),
                (2.0, None, "männer", False),
            ],
        ),
        (
            "es",
            "Unos 1.200 migrantes, treinta y cinco casas y decenas de heridos.",
            [
                (1200.0, None, "migrantes", True),
                (35.0, None, "casas", False),
                (20.0, None, "heridos", True),
            ],
        ),
        (
            "it",
            "Circa 1.200 persone e due uomini.",
            [(1200.0, None, "persone", True), (2.0, None, "uomini", False)],
        ),
        (
            "pt",
            "Cerca de 1.200 pessoas e duas mulheres.",
            [(1200.0, None, "pessoas", True), (2.0, None, "mulheres", False)],
        ),
    ],
)
def test_other_languages(language: str, text: str, expected: list[Any], spans_ok: Any) -> None:
    found = quantities(text, language, spans_ok)
    assert [(q.value, q.unit, q.counted, q.approximate) for q in found] == expected


def test_decimal_separator_depends_on_language(spans_ok: Any) -> None:
    assert [q.value for q in quantities("It grew 3.5 times, by 1,200.", "en", spans_ok)] == [
        3.5,
        1200.0,
    ]
    assert [q.value for q in quantities("Il a grandi de 3,5 et 1.200.", "fr", spans_ok)] == [
        3.5,
        1200.0,
    ]


@pytest.mark.parametrize(("language", "text", "values"), [
    # Latin American Spanish groups thousands with commas, as the SemEval Spanish texts do
    ("es", "Créditos desde 60,001 soles hasta 90,000 soles.", [60001.0, 90000.0]),
    ("es", "Presentó casi $111,000 en reclamos y 1,234,567.89 dólares.", [111000.0, 1234567.89]),
    ("es", "Unos 2.000 mineros y 3,5 millones de euros.", [2000.0, 3500000.0]),
    ("tr", "Ons fiyatındaki 1,730 dolarlık destek.", [1730.0]),
    # a decimal comma stays one: a leading zero, or other than three digits after the comma
    ("de", "Nur 0,125 mm, der Kurs bei 1,1234 Dollar, 13,7 Prozent.", [0.125, 1.1234, 13.7]),
])
def test_comma_grouped_thousands_in_a_decimal_comma_language(language: str, text: str,
                                                              values: list[float],
                                                              spans_ok: Any) -> None:
    assert [q.value for q in quantities(text, language, spans_ok)] == values


def test_unsupported_language_still_reads_digits(spans_ok: Any) -> None:
    found = quantities("Yaklaşık 1.200 kişi ve %40 oranında.", "tr", spans_ok)
    assert [q.value for q in found][:1] == [1200.0]


@pytest.mark.parametrize(
    ("language", "text", "value", "unit"),
    [
        ("en", "The firm paid Rs 3-crore to the farmers.", 3e7, "₹"),
        ("en", "The firm paid Rs 25-lakh to the farmers.", 2.5e6, "₹"),
        ("it", "Il piano aiuterà circa 6 crore di persone.", 6e7, None),
        ("de", "Die Bahn investiert 3,5 Mrd. Euro.", 3.5e9, "€"),
        ("de", "Der Bund zahlt 20 Mio Euro.", 2e7, "€"),
        ("ru", "Бюджет составил 3 млн рублей.", 3e6, "₽"),
        ("ru", "Рынок достигнет 2 млрд долларов.", 2e9, "$"),
        ("pl", "Gmina wyda 400 tysięcy złotych.", 4e5, "zł"),
        ("pl", "Rząd przekaże 3 mln zł.", 3e6, "zł"),
        ("tr", "Proje 2 milyar lira tutuyor.", 2e9, "₺"),
        ("ar", "بلغت الخسائر 15 مليون دولار.", 1.5e7, "$"),
        # a trillion: "Billion" in German, French, Polish ("bilion"), Spanish ("billones")
        ("de", "Der Umsatz sank auf 1,75 Billionen Yen.", 1.75e12, "¥"),
        ("fr", "La dette atteint 2,4 billions d'euros.", 2.4e12, "€"),
        ("es", "La deuda llega a 1,2 billones de euros.", 1.2e12, "€"),
        ("pl", "Dług przekroczył 1,1 bilion złotych.", 1.1e12, "zł"),
        ("ru", "Госдолг составил 3,4 триллиона долларов.", 3.4e12, "$"),
        ("ru", "Бюджет получит 115 трлн рублей.", 1.15e14, "₽"),
        ("tr", "Ekonomi 4 trilyon dolar büyüklüğünde.", 4e12, "$"),
        # currency codes and Turkish case forms of a currency
        ("pl", "Zysk wyniósł 27,6 mld PLN.", 2.76e10, "zł"),
        ("tr", "İhracat 249,4 milyar dolara yükseldi.", 2.494e11, "$"),
        ("tr", "Fiyat 5,08 liraya çıktı.", 5.08, "₺"),
        ("tr", "Şirket 2 milyar dolarlık yatırım yaptı.", 2e9, "$"),
    ],
)
def test_scale_words_of_many_languages(language: str, text: str, value: float,
                                       unit: str | None, spans_ok: Any) -> None:
    (q,) = quantities(text, language, spans_ok)
    assert (q.value, q.unit) == (value, unit)


def test_a_verb_after_a_turkish_currency_case_is_not_counted(spans_ok: Any) -> None:
    # "dolara yükseldi" (rose to … dollars): the verb is no counted noun; "dolarlık yatırım"
    # (an investment worth …) names what the sum is
    (rose,) = quantities("İhracat 249,4 milyar dolara yükseldi.", "tr", spans_ok)
    (worth,) = quantities("Şirket 2 milyar dolarlık yatırım yaptı.", "tr", spans_ok)
    assert (rose.counted, worth.counted) == (None, "yatırım")


@pytest.mark.parametrize(
    ("language", "text", "piece", "value", "unit"),
    [
        ("ar", "بلغت قيمة المضبوطات مليون و 300 ألف جنيه.", "مليون و 300 ألف جنيه", 1.3e6, "£E"),
        ("de", "Das Land zahlt 2 Millionen 300.000 Euro.", "2 Millionen 300.000 Euro", 2.3e6, "€"),
        ("fr", "La ville verse deux millions et 300 000 euros.", "deux millions et 300 000 euros",
         2.3e6, "€"),
        ("ar", "قدرت قيمتها بحوالي 65 مليون ستمائة و خمسون ألف جنيه.",
         "65 مليون ستمائة و خمسون ألف جنيه", 6.565e7, "£E"),
        ("ar", "وصلت التبرعات إلى مائتين وخمسين ألف دولار.", "مائتين وخمسين ألف دولار", 2.5e5, "$"),
        ("ar", "بلغت الخسائر خمسة عشر ألف دولار.", "خمسة عشر ألف دولار", 1.5e4, "$"),
        ("tr", "Ölenlerin sayısı 39 bin 904 oldu.", "39 bin 904", 39904.0, None),
        ("tr", "Nüfus 1 milyon 200 bin 500 kişi.", "1 milyon 200 bin 500", 1200500.0, None),
        ("en", "The army sent 5 thousand 300 soldiers.", "5 thousand 300", 5300.0, None),
    ],
)
def test_an_amount_written_in_two_pieces_is_one_amount(language: str, text: str, piece: str,
                                                       value: float, unit: str | None,
                                                       spans_ok: Any) -> None:
    """Once read as a million and, apart, 300,000 pounds: set against "1.3 مليون جنيه" the
    300,000 made a false "changed figure". Turkish "39 bin 904" (39,904) was read as 39,000
    and 904, and a real pair's two death tolls gave six findings of pieces."""
    (q,) = quantities(text, language, spans_ok)
    assert (q.text, q.value, q.unit) == (piece, value, unit)


@pytest.mark.parametrize(
    ("text", "piece", "value"),
    [("ضبط 300 طربة حشيش بـ3 محافظات", "3", 3.0), ("تبرع ب3 ملايين دولار", "3 ملايين دولار", 3e6),
     ("قدرت القيمة بمليون جنيه", "مليون جنيه", 1e6), ("وبـ5 آلاف جنيه", "5 آلاف جنيه", 5e3)],
)
def test_arabic_numbers_after_a_joined_one_letter_word(text: str, piece: str, value: float,
                                                       spans_ok: Any) -> None:
    """"بـ3 ملايين" ("with 3 million") was read as a million: the 3 after the joined ب was
    skipped, and set against "3 ملايين" it made a changed figure."""
    found = quantities(text, "ar", spans_ok)
    assert (found[-1].text, found[-1].value) == (piece, value)
    assert quantities("لست متأكدا من العدد", "ar", spans_ok) == []  # "I am not": no ست (six)


def test_arabic_teens_are_read_whole(spans_ok: Any) -> None:
    """"ثلاثة عشر شخصا" (thirteen people) was read as three, counting "عشر"."""
    assert summary(quantities("قتل ثلاثة عشر شخصا و اثنا عشر جنديا", "ar", spans_ok)) == [
        ("ثلاثة عشر", 13.0, None, "شخصا", False), ("اثنا عشر", 12.0, None, "جنديا", False)]


@pytest.mark.parametrize("text", ["They counted 5 million, 300 thousand more came later.",
                                  "In all 2 million 5 percent of them voted.",
                                  "The 3 million 2 of them kept were sold."])
def test_pieces_that_are_not_one_amount_stay_apart(text: str, spans_ok: Any) -> None:
    assert len(quantities(text, "en", spans_ok)) == 2


@pytest.mark.parametrize(
    ("language", "text"),
    [("tr", "Taksilerde yüzde 30 indirim var."), ("tr", "Oran %30 oldu."),
     ("ar", "ارتفعت الأسعار 30 في المئة."), ("pl", "Bezrobocie wyniosło 30 procent.")],
)
def test_percentages_written_before_or_in_words(language: str, text: str,
                                                spans_ok: Any) -> None:
    (q,) = quantities(text, language, spans_ok)
    assert (q.value, q.unit) == (30.0, "%")


@pytest.mark.parametrize("text", ["The 5G network opens today.", "A 4K screen was sold.",
                                  "The 10M rifle event starts."])
def test_numbers_glued_to_a_capital_letter_name_things(text: str, spans_ok: Any) -> None:
    assert quantities(text, "en", spans_ok) == []


def test_small_units_and_currency_suffixes_still_count(spans_ok: Any) -> None:
    assert [(q.value, q.unit) for q in quantities("It weighs 5 g and cost $4K.", "en",
                                                   spans_ok)] == [(5.0, "g"), (4000.0, "$")]


def test_casualty_participles_are_what_a_number_counts(spans_ok: Any) -> None:
    found = quantities("At least 32 people died and 213 injured; 42 wounded.", "en", spans_ok)
    assert [(q.value, q.counted) for q in found] == [
        (32.0, "people"), (213.0, "injured"), (42.0, "wounded")]


@pytest.mark.parametrize(
    ("language", "text", "value", "counted"),
    [("pl", "Zginęło trzech górników.", 3.0, "górników"),
     ("ru", "Погибли пять человек.", 5.0, "человек"),
     ("tr", "Kazada beş kişi yaralandı.", 5.0, "kişi"),
     ("ar", "أصيب ثلاثة أشخاص.", 3.0, "أشخاص")],
)
def test_number_words_of_more_languages(language: str, text: str, value: float, counted: str,
                                        spans_ok: Any) -> None:
    (q,) = quantities(text, language, spans_ok)
    assert (q.value, q.counted) == (value, counted)


def test_vague_amounts_of_more_languages(spans_ok: Any) -> None:
    (q,) = quantities("На площадь вышли десятки тысяч человек.", "ru", spans_ok)
    assert (q.value, q.approximate) == (2e4, True)


def test_signed_numbers_and_ranges(spans_ok: Any) -> None:
    found = quantities("Output fell (-4.3%) in 2019-2020; 10–20 people; COVID-19; 2-1; "
                       "call 250-247-8333; a Boeing 737-800; on 5-6 May; $3-5 billion.", "en",
                       spans_ok)
    assert [(q.text, q.value, q.unit, q.counted) for q in found] == [
        ("-4.3%", -4.3, "%", None), ("10", 10, None, "people"), ("20", 20, None, "people"),
        ("$3", 3e9, "$", None), ("5 billion", 5e9, "$", None)]


@pytest.mark.parametrize(
    ("language", "text", "low"),
    [
        ("en", "Between 1,500 and 2,000 people came.", (1500, None, "people")),
        ("en", "between $3 and $4 million", (3e6, "$", None)),
        ("en", "between 3 and 4 million dollars", (3e6, "$", None)),
        ("de", "zwischen 47 und 51 Prozent", (47, "%", None)),
        ("fr", "entre 30 et 40 personnes", (30, None, "personnes")),
        ("es", "entre 50 y 80 kilómetros", (50, "km", None)),
        ("ru", "между 30 и 40 человек", (30, None, "человек")),
        ("ar", "بين 3 و 5 جنيهات", (3, None, "جنيهات")),
        # no range: falling figures, "from … to" (more often a change), no "between"
        ("en", "the vote between 3 and 2 members", (3, None, None)),
        ("en", "rose from 30 to 40 dollars", (30, None, None)),
        ("en", "30 and 40 people", (30, None, None)),
    ],
)
def test_ranges_written_with_words(language: str, text: str, low: tuple[Any, ...],
                                   spans_ok: Any) -> None:
    first = quantities(text, language, spans_ok)[0]
    assert (first.value, first.unit, first.counted) == low


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("每千瓦时 0.34 美元增加到 0.63 美元。", [("0.34 美元", 0.34, "$", None),
                                           ("0.63 美元", 0.63, "$", None)]),
        ("价值约 7600 万列弗的费用", [("7600 万列弗", 7.6e7, "лв", None)]),
        ("电费增加2.4%。有628名选民", [("2.4%", 2.4, "%", None), ("628", 628.0, None, "名")]),
        ("萨斯卡通的电费将在 2020 年增加", []),
        ("1万人が参加した", [("1万", 1e4, None, "人")]),
        ("100명이 숨졌다", [("100", 100.0, None, "명")]),
    ],
)
def test_numbers_glued_to_chinese_japanese_korean(text: str, expected: list[Any],
                                                   spans_ok: Any) -> None:
    language = "ko" if "명" in text else "ja" if "が" in text else "zh"
    found = quantities(text, language, spans_ok)
    assert [(q.text, q.value, q.unit, q.counted) for q in found] == expected


@pytest.mark.parametrize(
    ("language", "text", "share", "approximate"),
    [
        ("de", "9 von 10 Menschen stimmen zu", "9 von 10", False),
        ("de", "Etwa die Hälfte aller Befragten", "die Hälfte", True),
        ("en", "One in five adults smoke", "One in five", False),
        ("en", "two thirds of the voters", "two thirds", False),
        ("fr", "la moitié des électeurs", "la moitié", False),
        ("es", "uno de cada cuatro jóvenes", "uno de cada cuatro", False),
    ],
)
def test_shares_are_per_cent(language: str, text: str, share: str, approximate: bool,
                             spans_ok: Any) -> None:
    (q,) = quantities(text, language, spans_ok)
    value = {"9 von 10": 90.0, "die Hälfte": 50.0, "One in five": 20.0, "two thirds": 200 / 3,
             "la moitié": 50.0, "uno de cada cuatro": 25.0}[share]
    assert (q.text, q.value, q.unit, q.counted, q.approximate) == (share, value, "%", None,
                                                                   approximate)


@pytest.mark.parametrize("text", ["in the first half of the year", "2 of 3 million homes",
                                  "at half-time", "Die erste Hälfte des Spiels"])
def test_what_is_no_share(text: str, spans_ok: Any) -> None:
    language = "de" if "Hälfte" in text else "en"
    assert all(q.unit != "%" for q in quantities(text, language, spans_ok))


def test_cents_are_hundredths_of_a_dollar(spans_ok: Any) -> None:
    (q,) = quantities("It costs 63 cents.", "en", spans_ok)
    assert (q.value, q.unit) == (0.63, "$")


def test_a_year_with_its_word_is_no_count(spans_ok: Any) -> None:
    assert quantities("Экзамен на 2019 год был проведен.", "ru", spans_ok) == []


@pytest.mark.parametrize("text", ["They paid 2 million 300 dollars.", "Kurz: 5 Tausend, 300 Euro.",
                                  "The 3,000 500 runners", "It rose 2 thousand 15 %."])
def test_pieces_that_stay_apart(text: str, spans_ok: Any) -> None:
    """A million and a bare figure under a thousand, a comma between, a first piece written in
    digits alone, and a share stay two figures."""
    assert len(quantities(text, "en" if text[0] != "K" else "de", spans_ok)) == 2
