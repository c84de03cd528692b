"""Word lists for ``dates``: month and weekday names, relative expressions, per language.

Languages with full word lists: en, fr, de, es, it, pt; pl, ru, tr and ar have month and weekday
names (with their common case forms) and yesterday/today/tomorrow; zh and ja weekdays and
yesterday/today/tomorrow (their dates are written with digits and signs, ``dates._CJK_SOURCES``).
Hand-written.
"""

from __future__ import annotations

__all__ = [
    "CAPITALISED_ONLY",
    "DIRECTIONS",
    "MONTHS",
    "MONTH_ALONE_UNSAFE",
    "RELATIVE",
    "UNIT_STEMS",
    "WEEKDAYS",
    "YEAR_CUES",
]


def _table(words: str) -> dict[str, int]:
    """Map space-separated names (alternatives joined by '/') to 1, 2, 3…"""
    return {w: i for i, alts in enumerate(words.split(), start=1) for w in alts.split("/")}


MONTHS: dict[str, dict[str, int]] = {
    "en": _table("january/jan february/feb march/mar april/apr may june/jun july/jul "
                 "august/aug september/sep/sept october/oct november/nov december/dec"),
    "fr": _table("janvier/janv février/fevrier/févr mars avril/avr mai juin juillet/juil "
                 "août/aout septembre/sept octobre/oct novembre/nov décembre/decembre/déc"),
    "de": _table("januar/jänner/jan februar/feb märz/maerz april/apr mai juni/jun juli/jul "
                 "august/aug september/sept/sep oktober/okt november/nov dezember/dez"),
    "es": _table("enero febrero marzo abril mayo junio julio agosto septiembre/setiembre "
                 "octubre noviembre diciembre"),
    "it": _table("gennaio febbraio marzo aprile maggio giugno luglio agosto settembre ottobre "
                 "novembre dicembre"),
    "pt": _table("janeiro fevereiro março/marco abril maio junho julho agosto setembro outubro "
                 "novembro dezembro"),
    "pl": _table("styczeń/stycznia/styczniu luty/lutego/lutym marzec/marca/marcu "
                 "kwiecień/kwietnia/kwietniu maj/maja/maju czerwiec/czerwca/czerwcu "
                 "lipiec/lipca/lipcu sierpień/sierpnia/sierpniu wrzesień/września/wrześniu "
                 "październik/października/październiku listopad/listopada/listopadzie "
                 "grudzień/grudnia/grudniu"),
    "ru": _table("январь/января/январе февраль/февраля/феврале март/марта/марте "
                 "апрель/апреля/апреле май/мая/мае июнь/июня/июне июль/июля/июле "
                 "август/августа/августе сентябрь/сентября/сентябре октябрь/октября/октябре "
                 "ноябрь/ноября/ноябре декабрь/декабря/декабре"),
    "tr": _table("ocak şubat mart nisan mayıs haziran temmuz ağustos eylül ekim kasım aralık"),
    "ar": _table("يناير/كانون_الثاني فبراير/شباط مارس/آذار أبريل/إبريل/نيسان مايو/أيار "
                 "يونيو/يونيه/حزيران يوليو/يوليه/تموز أغسطس/آب سبتمبر/أيلول "
                 "أكتوبر/تشرين_الأول نوفمبر/تشرين_الثاني ديسمبر/كانون_الأول"),
}  # fmt: skip
"""Month names and abbreviations (lower case) → month number."""

MONTH_ALONE_UNSAFE = frozenset({"ar", "tr", "pl"})
"""Languages whose month names are also common words without capitals to tell them apart
(Arabic مارس 'exercised', Turkish 'ocak' stove, Polish 'maja'): there a month counts only next
to a day number or a year."""

CAPITALISED_ONLY = frozenset(
    [
        "may", "march", "mar", "jan", "feb", "apr", "jun", "jul", "aug", "sep", "sept", "oct",
        "nov", "dec", "okt", "dez", "ocak", "mart", "nisan", "mayıs", "haziran", "temmuz",
        "ağustos", "eylül", "ekim", "kasım", "aralık",
    ]
)  # fmt: skip
"""Month names that are also common words or short forms: counted only when capitalised."""
# the Arabic names of two words are written with an underscore in ``MONTHS``'s source text
MONTHS["ar"] = {name.replace("_", " "): number for name, number in MONTHS["ar"].items()}

WEEKDAYS: dict[str, dict[str, int]] = {
    "en": _table("monday tuesday wednesday thursday friday saturday sunday"),
    "fr": _table("lundi mardi mercredi jeudi vendredi samedi dimanche"),
    "de": _table("montag dienstag mittwoch donnerstag freitag samstag/sonnabend sonntag"),
    "es": _table("lunes martes miércoles/miercoles jueves viernes sábado/sabado domingo"),
    "it": _table("lunedì/lunedi martedì/martedi mercoledì/mercoledi giovedì/giovedi "
                 "venerdì/venerdi sabato domenica"),
    "pt": _table("segunda-feira terça-feira/terca-feira quarta-feira quinta-feira sexta-feira "
                 "sábado/sabado domingo"),
    "pl": _table("poniedziałek/poniedziałku wtorek/wtorku środa/środę/środy czwartek/czwartku "
                 "piątek/piątku sobota/sobotę/soboty niedziela/niedzielę/niedzieli"),
    "ru": _table("понедельник/понедельника вторник/вторника среда/среду/среды "
                 "четверг/четверга пятница/пятницу/пятницы суббота/субботу/субботы "
                 "воскресенье/воскресенья"),
    "tr": _table("pazartesi salı çarşamba perşembe cuma cumartesi pazar"),
    "ar": _table("يوم_الاثنين الثلاثاء الأربعاء الخميس الجمعة السبت الأحد"),
}  # fmt: skip
WEEKDAYS["zh"] = _table("星期一/周一/礼拜一/週一/禮拜一 星期二/周二/礼拜二/週二/禮拜二 "
                        "星期三/周三/礼拜三/週三/禮拜三 星期四/周四/礼拜四/週四/禮拜四 "
                        "星期五/周五/礼拜五/週五/禮拜五 星期六/周六/礼拜六/週六/禮拜六 "
                        "星期日/星期天/周日/礼拜日/礼拜天/週日/禮拜日/禮拜天")
WEEKDAYS["ja"] = _table("月曜日/月曜 火曜日/火曜 水曜日/水曜 木曜日/木曜 金曜日/金曜 土曜日/土曜 "
                        "日曜日/日曜")
# "الاثنين" alone also means "both": Monday counts only as "يوم الاثنين" (the day Monday)
WEEKDAYS["ar"] = {name.replace("_", " "): number for name, number in WEEKDAYS["ar"].items()}
"""Weekday names (lower case) → 1 (Monday) … 7 (Sunday)."""

DIRECTIONS: dict[str, int] = {
    "last": -1, "past": -1, "previous": -1, "next": 1, "this": 0, "dernier": -1,
    "dernière": -1, "passé": -1, "passée": -1, "prochain": 1, "prochaine": 1, "letzten": -1,
    "letzte": -1, "vergangenen": -1, "vergangene": -1, "vorigen": -1, "nächsten": 1,
    "nächste": 1, "diesen": 0, "pasado": -1, "pasada": -1, "próximo": 1, "próxima": 1,
    "scorso": -1, "scorsa": -1, "prossimo": 1, "prossima": 1, "passado": -1, "passada": -1,
}  # fmt: skip
"""Words that point before (-1) or after (+1) the publication date."""

UNIT_STEMS: tuple[tuple[str, tuple[str, ...]], ...] = (
    ("day", ("day", "jour", "tag", "día", "dia", "giorn")),
    ("week", ("week", "semaine", "woche", "semana", "settiman")),
    ("month", ("month", "mois", "monat", "mes", "mês")),
    ("year", ("year", "an", "jahr", "año", "ano")),
)
"""How a time-unit word starts, per unit ('semaines' → week, 'années' → year)."""

_DAY = "day"
_UNIT = "unit"
_AGO = "ago"
_WEEKDAY = "weekday"
_NAMED_WEEKDAY = "named weekday"

RELATIVE: dict[str, tuple[tuple[str, str, int], ...]] = {
    "en": (
        (r"the day before yesterday", _DAY, -2), (r"the day after tomorrow", _DAY, 2),
        (r"yesterday|last night", _DAY, -1),
        (r"today|tonight|this (?:morning|afternoon|evening)", _DAY, 0),
        (r"tomorrow", _DAY, 1),
        (r"(?:last|past|previous) (?P<unit>week|month|year)", _UNIT, -1),
        (r"(?:earlier |later )?this (?P<unit>week|month|year)", _UNIT, 0),
        (r"next (?P<unit>week|month|year)", _UNIT, 1),
        (r"(?P<n>NUM) (?P<unit>days?|weeks?|months?|years?) ago", _AGO, -1),
        (r"(?:(?P<dir>last|next|this) )?(?P<wd>WEEKDAY)", _WEEKDAY, 0),
    ),
    "fr": (
        (r"avant-hier", _DAY, -2), (r"après-demain", _DAY, 2), (r"hier", _DAY, -1),
        (r"aujourd['’]hui|ce (?:matin|soir)", _DAY, 0), (r"demain", _DAY, 1),
        (r"(?:la |le |l['’])?(?P<unit>semaine|mois|année|an) (?:derni[eè]re?|passée?)", _UNIT, -1),
        (r"(?:cette |ce |cet )(?P<unit>semaine|mois|année)(?:-ci)?", _UNIT, 0),
        (r"(?:la |le |l['’])?(?P<unit>semaine|mois|année|an) (?:prochaine|prochain)", _UNIT, 1),
        (r"il y a (?P<n>NUM) (?P<unit>jours?|semaines?|mois|ans|années?)", _AGO, -1),
        (r"(?P<wd>WEEKDAY)(?: (?P<dir>dernier|prochain))?", _WEEKDAY, 0),
    ),
    "de": (
        (r"vorgestern", _DAY, -2), (r"übermorgen", _DAY, 2), (r"gestern", _DAY, -1),
        (r"heute", _DAY, 0), (r"(?-i:morgen)(?! früh)", _DAY, 1),
        (r"(?:letzte[nrs]?|vergangene[nrs]?|vorige[nrs]?) (?P<unit>Woche|Monat|Jahr)", _UNIT, -1),
        (r"(?:diese[nrs]?|in diesem) (?P<unit>Woche|Monat|Jahr)", _UNIT, 0),
        (r"(?:nächste[nrs]?|kommende[nrs]?) (?P<unit>Woche|Monat|Jahr)", _UNIT, 1),
        (r"vor (?P<n>NUM) (?P<unit>Tag(?:en)?|Wochen?|Monat(?:en)?|Jahr(?:en)?)", _AGO, -1),
        (r"(?:(?P<dir>letzten|vergangenen|nächsten|diesen) )?(?P<wd>WEEKDAY)", _WEEKDAY, 0),
    ),
    "es": (
        (r"anteayer|antes de ayer", _DAY, -2), (r"pasado mañana", _DAY, 2), (r"ayer", _DAY, -1),
        (r"hoy|esta (?:mañana|tarde|noche)", _DAY, 0), (r"(?<!la )(?<!una )mañana", _DAY, 1),
        (r"(?:la |el )?(?P<unit>semana|mes|año) pasad[oa]", _UNIT, -1),
        (r"est[ea] (?P<unit>semana|mes|año)", _UNIT, 0),
        (r"(?:la |el )?(?P<unit>semana|mes|año) (?:próxim[oa]|que viene)", _UNIT, 1),
        (r"hace (?P<n>NUM) (?P<unit>días?|semanas?|mes(?:es)?|años?)", _AGO, -1),
        (r"(?:el )?(?P<wd>WEEKDAY)(?: (?P<dir>pasado|próximo))?", _WEEKDAY, 0),
    ),
    "it": (
        (r"l['’]altro ieri", _DAY, -2), (r"dopodomani", _DAY, 2), (r"ieri", _DAY, -1),
        (r"oggi|stamattina|stasera", _DAY, 0), (r"domani", _DAY, 1),
        (r"(?:la |il |l['’])?(?P<unit>settimana|mese|anno) scors[oa]", _UNIT, -1),
        (r"quest[oa] (?P<unit>settimana|mese|anno)", _UNIT, 0),
        (r"(?:la |il |l['’])?(?P<unit>settimana|mese|anno) prossim[oa]", _UNIT, 1),
        (r"(?P<n>NUM) (?P<unit>giorn[oi]|settiman[ae]|mes[ei]|ann[oi]) fa", _AGO, -1),
        (r"(?P<wd>WEEKDAY)(?: (?P<dir>scors[oa]|prossim[oa]))?", _WEEKDAY, 0),
    ),
    "pt": (
        (r"anteontem", _DAY, -2), (r"depois de amanhã", _DAY, 2), (r"ontem", _DAY, -1),
        (r"hoje", _DAY, 0), (r"amanhã", _DAY, 1),
        (r"(?:n?[ao] )?(?P<unit>semana|mês|ano) passad[oa]", _UNIT, -1),
        (r"(?:n?est[ea] )(?P<unit>semana|mês|ano)", _UNIT, 0),
        (r"(?:n?[ao] )?(?P<unit>semana|mês|ano) (?:que vem|próxim[oa])", _UNIT, 1),
        (r"há (?P<n>NUM) (?P<unit>dias?|semanas?|meses|mês|anos?)", _AGO, -1),
        (r"(?P<wd>WEEKDAY)(?: (?P<dir>passad[oa]|próxim[oa]))?", _WEEKDAY, 0),
    ),
    "pl": (
        (r"przedwczoraj", _DAY, -2), (r"pojutrze", _DAY, 2), (r"wczoraj", _DAY, -1),
        (r"dzisiaj|dziś", _DAY, 0), (r"jutro", _DAY, 1),
        (r"(?:(?:w|we) )?(?P<wd>WEEKDAY)", _WEEKDAY, 0),
    ),
    "ru": (
        (r"позавчера", _DAY, -2), (r"послезавтра", _DAY, 2), (r"вчера", _DAY, -1),
        (r"сегодня", _DAY, 0), (r"завтра", _DAY, 1),
        (r"(?:(?:в|во) )?(?P<wd>WEEKDAY)", _WEEKDAY, 0),
    ),
    "tr": (
        (r"dün", _DAY, -1), (r"bugün", _DAY, 0), (r"yarın", _DAY, 1),
        (r"(?P<wd>(?-i:Pazartesi|Salı|Çarşamba|Perşembe|Cumartesi|Cuma|Pazar))", _WEEKDAY, 0),
    ),
    # Chinese and Japanese are written without spaces: these match inside words
    # (``text.UNSPACED_LANGUAGES``); 后天 ("the day after tomorrow", also "acquired") is left out
    "zh": (
        (r"前天", _DAY, -2), (r"昨天", _DAY, -1), (r"今天", _DAY, 0), (r"明天", _DAY, 1),
        (r"(?:(?:上|下|本|这|這)个?)?(?P<wd>WEEKDAY)", _NAMED_WEEKDAY, 0),
    ),
    "ja": (
        (r"一昨日", _DAY, -2), (r"昨日", _DAY, -1), (r"今日", _DAY, 0), (r"明日", _DAY, 1),
        (r"(?:(?:先週|来週|今週)の?)?(?P<wd>WEEKDAY)", _NAMED_WEEKDAY, 0),
    ),
    "ar": (
        (r"أمس|الأمس", _DAY, -1), (r"غدا|غدًا", _DAY, 1),
        (r"(?P<wd>WEEKDAY)", _WEEKDAY, 0),
    ),
}  # fmt: skip
"""Relative expressions: (regex with NUM/WEEKDAY placeholders, kind, offset).

Kinds: "day" (offset in days), "unit" (offset in the matched unit), "ago" (n units back),
"weekday" (the nearest such day on or before publication, or after it with 'next'), "named
weekday" (a day of the week left unresolved: "上周三" is the Wednesday of last week, which
"the nearest Wednesday before" is not on a Thursday; the rules compare it as a weekday)."""

YEAR_CUES = (
    "in", "since", "until", "by", "from", "during", "of", "en", "depuis", "jusqu'en", "im", "seit",
    "bis", "desde", "hasta", "nel", "dal", "fino al", "em", "até", "year", "année", "Jahr",
    "año", "anno", "ano",
)  # fmt: skip
"""Words after which a four-digit number is a year ('in 2017', 'depuis 2015')."""
