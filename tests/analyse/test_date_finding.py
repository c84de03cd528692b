from __future__ import annotations

from typing import Any

import pytest

from storydiff.analyse import find_dates

PUBLISHED = "2017-05-19"  # a Friday


def dates(
    text: str, language: str, spans_ok: Any, published: str | None = PUBLISHED
) -> list[tuple[str, str | None, str]]:
    found = find_dates(text, language, published)
    spans_ok(text, found)
    return [(d.text, d.value, d.granularity) for d in found]


def test_english_relative_expressions(spans_ok: Any) -> None:
    text = "News broke last month; on Tuesday the group was told; last week it said so."
    assert dates(text, "en", spans_ok) == [
        ("last month", "2017-04", "relative"),
        ("Tuesday", "2017-05-16", "relative"),
        ("last week", "2017-05-08", "relative"),
    ]


@pytest.mark.parametrize(
    ("text", "value", "granularity"),
    [
        ("Born on May 19, 2017.", "2017-05-19", "day"),
        ("Born on 19 May 2017.", "2017-05-19", "day"),
        ("Born on 2017-05-03.", "2017-05-03", "day"),
        ("Born on 05/19/2017.", "2017-05-19", "day"),
        ("Born in March 2016.", "2016-03", "month"),
        ("Born in 2015.", "2015", "year"),
        ("Born on March 3.", "2017-03-03", "day"),
        ("It happened yesterday.", "2017-05-18", "relative"),
        ("It happens next Tuesday.", "2017-05-23", "relative"),
        ("It happened three days ago.", "2017-05-16", "relative"),
        ("It happened a week ago.", "2017-05-12", "relative"),
    ],
)
def test_english_values(text: str, value: str, granularity: str, spans_ok: Any) -> None:
    (found,) = dates(text, "en", spans_ok)
    assert found[1:] == (value, granularity)


@pytest.mark.parametrize(("text", "language", "span"), [
    ("The warning was extended until 14 June.", "en", "14 June"),
    ("It opens on 14 Jun. Tickets are sold out.", "en", "14 Jun"),
    ("Die Warnung gilt bis 3. Mai. Dann nicht mehr.", "de", "3. Mai"),
    ("La réunion aura lieu le 3 mai.", "fr", "3 mai"),
])
def test_a_full_stop_after_the_month_is_the_sentences_not_the_dates(
        text: str, language: str, span: str, spans_ok: Any) -> None:
    """The evidence span of a day and month ends with the month: "14 June." once carried the
    sentence's full stop into a finding's span."""
    assert [d[0] for d in dates(text, language, spans_ok)] == [span]


def test_full_date_in_another_languages_month_names(spans_ok: Any) -> None:
    assert dates("Byline\nMai 19, 2017", "en", spans_ok) == [("Mai 19, 2017", "2017-05-19", "day")]


def test_modal_may_and_impossible_dates_are_not_dates(spans_ok: Any) -> None:
    assert dates("You may go. It was 31 Feb.", "en", spans_ok) == []


def test_without_publication_date_relative_values_stay_unknown(spans_ok: Any) -> None:
    assert dates("Last month, on May 3.", "en", spans_ok, published=None) == [
        ("Last month", None, "relative"),
        ("May 3", None, "day"),
    ]


@pytest.mark.parametrize(
    ("language", "text", "expected"),
    [
        (
            "fr",
            "Le mois dernier, mardi, il y a deux jours, le 19 mai 2017, l'an dernier.",
            ["2017-04", "2017-05-16", "2017-05-17", "2017-05-19", "2016"],
        ),
        (
            "de",
            "Am 3. Mai 2017, letzte Woche, vor zwei Tagen, am Dienstag, gestern.",
            ["2017-05-03", "2017-05-08", "2017-05-17", "2017-05-16", "2017-05-18"],
        ),
        (
            "es",
            "El martes pasado, hace tres semanas, el 19 de mayo de 2017, el mes pasado.",
            ["2017-05-16", "2017-04-28", "2017-05-19", "2017-04"],
        ),
        (
            "it",
            "Il mese scorso, tre giorni fa, martedì, 19 maggio 2017.",
            ["2017-04", "2017-05-16", "2017-05-16", "2017-05-19"],
        ),
        (
            "pt",
            "Há dois dias, na semana passada, terça-feira, 19 de maio de 2017.",
            ["2017-05-17", "2017-05-08", "2017-05-16", "2017-05-19"],
        ),
    ],
)
def test_other_languages(language: str, text: str, expected: list[str], spans_ok: Any) -> None:
    assert [value for _, value, _ in dates(text, language, spans_ok)] == expected


def test_german_heute_morgen_is_not_tomorrow(spans_ok: Any) -> None:
    assert dates("Er kam heute Morgen.", "de", spans_ok) == [("heute", "2017-05-19", "relative")]


def test_spanish_por_la_manana_is_not_tomorrow(spans_ok: Any) -> None:
    assert dates("Llegó ayer por la mañana.", "es", spans_ok) == [
        ("ayer", "2017-05-18", "relative")
    ]


@pytest.mark.parametrize(
    ("language", "text", "expected"),
    [
        ("pl", "W środę 5 maja 2020 roku, a w czwartek wczoraj.",
         [("W środę", "2020-03-04"), ("5 maja 2020", "2020-05-05"), ("w czwartek", "2020-03-05"),
          ("wczoraj", "2020-03-04")]),
        ("ru", "В среду 14 октября, в пятницу.",
         [("В среду", "2020-03-04"), ("14 октября", "2020-10-14"),
          ("в пятницу", "2020-02-28")]),
        ("tr", "12 Mart 2020 Perşembe günü, Cuma'dan beri.",
         [("12 Mart 2020", "2020-03-12"), ("Perşembe", "2020-03-05"), ("Cuma", "2020-02-28")]),
        ("ar", "الجمعة 10 يناير 2020، يوم الاثنين.",
         [("الجمعة", "2020-02-28"), ("10 يناير 2020", "2020-01-10"),
          ("يوم الاثنين", "2020-03-02")]),
    ],
)
def test_weekdays_and_months_of_more_languages(language: str, text: str,
                                               expected: list[tuple[str, str]],
                                               spans_ok: Any) -> None:
    found = find_dates(text, language, "2020-03-05")
    spans_ok(text, found)
    assert [(d.text, d.value) for d in found] == expected


@pytest.mark.parametrize(
    ("language", "text"),
    [("tr", "Köylüler pazar yerinde ocak başında aralık bıraktı."),  # market, stove, gap
     ("ar", "مارس الضغط على الحكومة."),  # 'exerted', not March
     ("ar", "اتفق الاثنين على الخطة.")],  # 'the two', not Monday
)
def test_month_and_weekday_words_that_are_common_words(language: str, text: str) -> None:
    assert find_dates(text, language, "2020-03-05") == []


@pytest.mark.parametrize(("language", "text", "expected"), [
    ("zh", "民意调查在 1 月 20 日至 26 日期间进行。", [("1 月 20 日", "2017-01-20", "day")]),
    ("zh", "2019年12月31日，武汉报告了病例。", [("2019年12月31日", "2019-12-31", "day")]),
    ("zh", "事件发生在 2019 年 12 月中旬。", [("2019 年 12 月", "2019-12", "month")]),
    ("zh", "费用将在 2020 年增加 2.4%。", [("2020 年", "2020", "year")]),
    ("ja", "2020年3月5日に発表された。", [("2020年3月5日", "2020-03-05", "day")]),
    # a Chinese date in an English text (a quotation) is a date too
    ("en", "The notice dated 2021年4月1日 was withdrawn.", [("2021年4月1日", "2021-04-01", "day")]),
    ("zh", "电费将于 4 月上涨。", [("4 月", "2017-04", "month")]),
    # durations and ordinals are not dates
    ("zh", "为期 3 个月的调查，第 5 号选手。", []),
    ("ja", "調査は3ヶ月続いた。", []),
    ("zh", "增长了 1.5月", []),
])
def test_cjk_dates_with_year_month_and_day_signs(language: str, text: str,
                                                 expected: list[tuple[str, str, str]],
                                                 spans_ok: Any) -> None:
    assert dates(text, language, spans_ok) == expected


def test_cjk_weekdays_are_read_as_days_of_the_week_and_left_unresolved(spans_ok: Any) -> None:
    """"上周三" is the Wednesday of last week, which the nearest Wednesday before the
    publication date is not on every day: the value stays unknown, the weekday is kept."""
    from storydiff.discrepancies.rules.dates import _weekday

    found = dates("他上周三说，星期五上午将举行会议，昨天已经通知。", "zh", spans_ok)
    assert found == [("上周三", None, "relative"), ("星期五", None, "relative"),
                     ("昨天", "2017-05-18", "relative")]
    assert [_weekday(text) for text, _, _ in found[:2]] == [3, 5]
    assert dates("先週の月曜日に発表された。", "ja", spans_ok) == [
        ("先週の月曜日", None, "relative")]
