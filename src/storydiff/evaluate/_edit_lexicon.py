"""Word lists for the edit suite (``evaluate.edits``): what to change in a sentence, per language.

Languages: en, de, es, fr, it, pl, ru, tr, ar; some of zh (``MORE_LANGUAGES``). Hand-written and
kept apart from the analysis and rule lexicons on purpose: the suite makes edits the way a
rewriting journalist would, and the rules must find them without sharing these lists. Each
table maps a language to pairs ``(pattern, replacement)`` or to tuples of forms; patterns are
regex bodies matched on word edges, replacements may use ``\\g<n>``.
"""

from __future__ import annotations

__all__ = [
    "ANTONYMS",
    "BOILERPLATE",
    "BOUNDS",
    "CURRENCIES",
    "DENIALS",
    "MONTHS",
    "NEGATIONS",
    "NEVER",
    "NUMBER_WORDS",
    "PERCENT",
    "PREFIXED",
    "REFUSALS",
    "SCALES",
    "SYNONYMS",
    "TENSES",
    "WEEKDAYS",
]

LANGUAGES = ("en", "de", "es", "fr", "it", "pl", "ru", "tr", "ar")
"""The languages of the default suite."""

MORE_LANGUAGES = ("zh",)
"""Languages with some edits only (``bench/claims.py --languages zh``): Chinese has weekdays,
CJK dates ('1 月 20 日', changed by month or day), plain counts, percentages, years, names,
negations ('会' → '不会', '曾' → '从未'), denials, refusals and opposite predicates."""

UNSPACED = frozenset({"zh", "ja"})
"""Languages written without spaces between words: names are matched inside runs of letters."""


def _forms(*rows: str) -> tuple[tuple[str, ...], ...]:
    """Rows of space-separated forms (one row = one grammatical form of all the names)."""
    return tuple(tuple(w.replace("_", " ") for w in row.split()) for row in rows)


WEEKDAYS: dict[str, tuple[tuple[str, ...], ...]] = {
    "en": _forms("Monday Tuesday Wednesday Thursday Friday Saturday Sunday"),
    "de": _forms("Montag Dienstag Mittwoch Donnerstag Freitag Samstag Sonntag"),
    "es": _forms("lunes martes miércoles jueves viernes sábado domingo"),
    "fr": _forms("lundi mardi mercredi jeudi vendredi samedi dimanche"),
    "it": _forms("lunedì martedì mercoledì giovedì venerdì sabato domenica"),
    "pl": _forms("poniedziałek wtorek środa czwartek piątek sobota niedziela",
                 "poniedziałek wtorek środę czwartek piątek sobotę niedzielę"),
    "ru": _forms("понедельник вторник среда четверг пятница суббота воскресенье",
                 "понедельник вторник среду четверг пятницу субботу воскресенье"),
    "tr": _forms("Pazartesi Salı Çarşamba Perşembe Cuma Cumartesi Pazar"),
    "ar": _forms("الاثنين الثلاثاء الأربعاء الخميس الجمعة السبت الأحد"),
    "zh": _forms("星期一 星期二 星期三 星期四 星期五 星期六 星期日",
                 "周一 周二 周三 周四 周五 周六 周日"),
}  # fmt: skip
"""Weekday names, Monday first; an edit replaces a name by another of the same row."""

MONTHS: dict[str, tuple[tuple[str, ...], ...]] = {
    "en": _forms("January February March April May June July August September October "
                 "November December"),
    "de": _forms("Januar Februar März April Mai Juni Juli August September Oktober November "
                 "Dezember"),
    "es": _forms("enero febrero marzo abril mayo junio julio agosto septiembre octubre noviembre "
                 "diciembre"),
    "fr": _forms("janvier février mars avril mai juin juillet août septembre octobre novembre "
                 "décembre"),
    "it": _forms("gennaio febbraio marzo aprile maggio giugno luglio agosto settembre ottobre "
                 "novembre dicembre"),
    "pl": _forms("stycznia lutego marca kwietnia maja czerwca lipca sierpnia września "
                 "października listopada grudnia",
                 "styczniu lutym marcu kwietniu maju czerwcu lipcu sierpniu wrześniu "
                 "październiku listopadzie grudniu"),
    "ru": _forms("января февраля марта апреля мая июня июля августа сентября октября ноября "
                 "декабря",
                 "январе феврале марте апреле мае июне июле августе сентябре октябре ноябре "
                 "декабре"),
    "tr": _forms("Ocak Şubat Mart Nisan Mayıs Haziran Temmuz Ağustos Eylül Ekim Kasım Aralık"),
    "ar": _forms("يناير فبراير مارس أبريل مايو يونيو يوليو أغسطس سبتمبر أكتوبر نوفمبر ديسمبر"),
}  # fmt: skip
"""Month names, January first (as written next to a day number or a year)."""

NUMBER_WORDS: dict[str, tuple[str, ...]] = {
    "en": ("two", "three", "four", "five", "six", "seven", "eight", "nine", "ten", "twelve"),
    "de": ("zwei", "drei", "vier", "fünf", "sechs", "sieben", "acht", "neun", "zehn", "zwölf"),
    "es": ("dos", "tres", "cuatro", "cinco", "seis", "siete", "ocho", "nueve", "diez", "doce"),
    "fr": ("deux", "trois", "quatre", "cinq", "six", "sept", "huit", "neuf", "dix", "douze"),
    "it": ("due", "tre", "quattro", "cinque", "sei", "sette", "otto", "nove", "dieci", "dodici"),
    "pl": ("dwa", "trzy", "cztery", "pięć", "sześć", "siedem", "osiem", "dziewięć", "dziesięć"),
    "ru": ("два", "три", "четыре", "пять", "шесть", "семь", "восемь", "девять", "десять"),
    "tr": ("iki", "üç", "dört", "beş", "yedi", "sekiz", "dokuz"),
    "ar": ("ثلاثة", "أربعة", "خمسة", "ستة", "سبعة", "ثمانية", "تسعة", "عشرة"),
}
"""Number words that an edit may replace by another of the same list (two to twelve)."""

BOUNDS: dict[str, str] = {
    "en": r"at least|more than|over|nearly|almost|about|around|some",
    "de": r"mindestens|mehr als|über|fast|knapp|etwa|rund|ungefähr",
    "es": r"al menos|más de|casi|unos|unas|alrededor de|cerca de",
    "fr": r"au moins|plus de|près de|environ|presque",
    "it": r"almeno|più di|oltre|quasi|circa",
    "pl": r"co najmniej|ponad|prawie|około|blisko",
    "ru": r"по меньшей мере|не менее|более|свыше|почти|около",
    "tr": r"en az|yaklaşık|neredeyse",
    "ar": r"ما لا يقل عن|أكثر من|نحو|حوالي",
}
"""Words before a number that bound it or make it approximate ('at least 32')."""

PERCENT: dict[str, str] = {
    "en": r"%|percent|per cent", "de": r"%|Prozent", "es": r"%|por ciento",
    "fr": r"%|pour cent", "it": r"%|per cento", "pl": r"%|procent\w*", "ru": r"%|процент\w*",
    "tr": r"%", "ar": r"%|٪|في المئة|بالمئة",
}  # fmt: skip
"""What follows a number to make it a percentage."""

CURRENCIES = (r"\$|€|£|₹|Rs\.?|US\$|USD|EUR|dollars?|euros?|Euro|dólares|dollari|złotych|zł|"
              r"рублей|долларов|евро|TL|lira|دولار|ريال|جنيه|rupees")
"""Currency signs and words written next to a number (any language)."""

SCALES: dict[str, dict[str, float]] = {
    "en": {"thousand": 1e3, "million": 1e6, "billion": 1e9, "lakh": 1e5, "crore": 1e7},
    "de": {"Tausend": 1e3, "Millionen": 1e6, "Milliarden": 1e9, "Mio.": 1e6, "Mrd.": 1e9},
    "es": {"mil": 1e3, "millones": 1e6, "mil millones": 1e9},
    "fr": {"mille": 1e3, "millions": 1e6, "milliards": 1e9},
    "it": {"mila": 1e3, "milioni": 1e6, "miliardi": 1e9},
    "pl": {"tys.": 1e3, "mln": 1e6, "mld": 1e9, "tysięcy": 1e3, "milionów": 1e6,
           "miliardów": 1e9},
    "ru": {"тыс.": 1e3, "млн": 1e6, "млрд": 1e9, "тысяч": 1e3, "миллионов": 1e6,
           "миллиардов": 1e9},
    "tr": {"bin": 1e3, "milyon": 1e6, "milyar": 1e9},
    "ar": {"ألف": 1e3, "مليون": 1e6, "مليار": 1e9},
}
"""Scale words after a number and what they multiply by; an edit swaps one for another of a
different value ('3 crore' → '3 lakh', never 'Millionen' → 'Mio.')."""

NEGATIONS: dict[str, tuple[tuple[str, str], ...]] = {
    "en": ((r"(is|are|was|were|has|have|had|will|would|can|could|should|must|does|did)"
            r"(?= (?!not\b|n't)[a-z])", r"\g<1> not"),),
    "de": ((r"(ist|sind|war|waren|wird|werden|wurde|wurden|hat|haben|hatte|hatten|kann|können|"
            r"konnte|soll|sollen|muss|müssen)(?= (?!nicht\b)\w)", r"\g<1> nicht"),),
    "es": ((r"(?<!no )(es|son|era|eran|fue|fueron|está|están|estaba|ha|han|había|será|puede|"
            r"pueden|tiene|tienen)(?= \w)", r"no \g<1>"),),
    "fr": ((r"(?<!n')(?<!ne )(est|sont|était|étaient|ont|avait|avaient|peut|peuvent|sera|doit|"
            r"va|vont)(?= \w)", "NE_PAS"),),
    "it": ((r"(?<!non )(è|sono|era|erano|ha|hanno|aveva|sarà|può|possono|deve)(?= \w)",
            r"non \g<1>"),),
    "pl": ((r"(?<!nie )(jest|są|był|była|było|byli|były|będzie|będą|może|mogą|ma|mają|miał|"
            r"miała)(?= \w)", r"nie \g<1>"),),
    "ru": ((r"(?<!не )(является|был|была|было|были|будет|будут|может|могут|"
            r"[а-яё]{3,}(?:ал|ала|али|ило|ил|ила|или|ел|ела|ели))(?= \w)", r"не \g<1>"),),
    "tr": ((r"([a-zçğıöşü]{3,}?)(d[ıi]|t[ıi])(?=[\s.,])", "TR_BACK_FRONT"),
           (r"(var)(?=[\s.,])", "yok")),
    "ar": ((r"(كان)(?= )", "لم يكن"), (r"(?<= )(ي[\u0621-\u064a]{3,})", r"لا \g<1>")),
    "zh": ((r"(?<![不没未非并但还于就只可总要若凡或倒像])(会|能|是|可以|愿意|应该)"
            r"(?=[\u4e00-\u9fff])", r"不\g<1>"),),
}
"""Insert a 'not': (pattern of the verb, replacement). NE_PAS and TR_BACK_FRONT are rewritten by
``evaluate.edits`` (French ne…pas around the verb; the Turkish negative suffix after the stem)."""

NEVER: dict[str, tuple[tuple[str, str], ...]] = {
    "en": ((r"(has|have|had|was|were|is|are|will)(?= (?!not\b|never\b)[a-z])", r"\g<1> never"),),
    "de": ((r"(ist|sind|war|waren|hat|haben|hatte|hatten|wurde|wurden)(?= (?!nie\b)\w)",
            r"\g<1> nie"),),
    "es": ((r"(?<!no )(ha|han|había|fue|fueron|es|son)(?= \w)", r"nunca \g<1>"),),
    "fr": ((r"(?<!n')(?<!ne )(est|sont|était|ont|avait|a)(?= [a-zé]{3,}(?:é|i|u|s|t)\b)",
            "NE_JAMAIS"),),
    "it": ((r"(?<!non )(è|sono|era|ha|hanno|aveva)(?= \w)", r"non \g<1> mai"),),
    "pl": ((r"(?<!nie )(jest|są|był|była|było|byli|były|będzie|ma|mają)(?= \w)",
            r"nigdy nie \g<1>"),),
    "ru": ((r"(?<!не )(был|была|было|были|будет|[а-яё]{3,}(?:ал|ала|али|ил|ила|или))(?= \w)",
            r"никогда не \g<1>"),),
    "zh": ((r"(?<![不未])(曾经|曾)(?=[\u4e00-\u9fff])", "从未"),),
}
"""Insert a 'never'."""

DENIALS: dict[str, tuple[tuple[str, str], ...]] = {
    "en": ((r"said", "denied"), (r"confirmed", "denied"), (r"claimed", "denied")),
    "de": ((r"sagte", "bestritt"), (r"erklärte", "bestritt"), (r"bestätigte", "dementierte")),
    "es": ((r"dijo", "negó"), (r"afirmó", "negó"), (r"aseguró", "negó"), (r"confirmó", "negó")),
    "fr": ((r"a déclaré", "a démenti"), (r"a affirmé", "a nié"), (r"a dit", "a nié"),
           (r"a confirmé", "a démenti")),
    "it": ((r"ha detto", "ha negato"), (r"ha dichiarato", "ha negato"),
           (r"ha affermato", "ha negato"), (r"ha confermato", "ha smentito")),
    "pl": ((r"powiedział", "zaprzeczył"), (r"poinformował", "zaprzeczył"),
           (r"potwierdził", "zaprzeczył")),
    "ru": ((r"заявил", "отрицал"), (r"сообщил", "отрицал"), (r"сказал", "отрицал"),
           (r"подтвердил", "опроверг")),
    "tr": ((r"açıkladı", "yalanladı"), (r"söyledi", "yalanladı"), (r"doğruladı", "yalanladı")),
    "ar": ((r"قال", "نفى"), (r"أكد", "نفى"), (r"أعلن", "نفى")),
    "zh": ((r"证实", "否认"), (r"承认", "否认"), (r"(?<![不没])表示", "否认")),
}
"""A reporting verb turned into a denial."""

REFUSALS: dict[str, tuple[tuple[str, str], ...]] = {
    "en": ((r"(?:agreed|decided|plans|planned|promised|wants|wanted|intends|intended|hopes|"
            r"expects|is going|are going|was going|were going|began|started|continues|"
            r"continued|tried|sought) to", "refused to"),
           (r"(?:managed|was able|were able|is able|are able|aims|aimed) to", "failed to")),
    "de": ((r"beschloss", "weigerte sich"), (r"entschied sich", "weigerte sich"),
           (r"stimmte zu", "lehnte ab")),
    "es": ((r"decidió", "se negó a"), (r"aceptó", "se negó a"),
           (r"(?<![Nn]o )(?<!se )logró", "no logró")),
    "fr": ((r"a décidé de", "a refusé de"), (r"a accepté de", "a refusé de"),
           (r"a réussi à", "a échoué à"), (r"a choisi de", "a refusé de")),
    "it": ((r"ha deciso di", "ha rifiutato di"), (r"ha accettato di", "ha rifiutato di"),
           (r"(?<![Nn]on )è riuscito a", "non è riuscito a")),
    "pl": ((r"zgodził się", "odmówił"), (r"zdecydował", "odmówił"),
           (r"(?<![Nn]ie )zdołał", "nie zdołał")),
    "ru": ((r"решил", "отказался"), (r"согласился", "отказался"), (r"(?<![Нн]е )смог", "не смог"),
           (r"(?<![Нн]е )удалось", "не удалось")),
    "tr": ((r"kabul etti", "reddetti"), (r"karar verdi", "reddetti")),
    "ar": ((r"قرر", "رفض"), (r"وافق على", "رفض"), (r"تمكن من", "فشل في")),
    "zh": ((r"(?<![不没])同意", "拒绝"), (r"(?<![不没])决定", "拒绝")),
}
"""A decision or success turned into a refusal or failure ('agreed to' → 'refused to')."""

def _prefix(prefix: str, words: str) -> tuple[tuple[str, str], ...]:
    """Each word with its negation by ``prefix`` ('un', 'likely' → 'unlikely')."""
    return tuple((w, prefix + w) for w in words.split())


PREFIXED: dict[str, tuple[tuple[str, str], ...]] = {
    "en": (*_prefix("un", "likely clear known able fair safe popular successful certain "
                          "official usual common stable acceptable lawful"),
           *_prefix("im", "possible proper"), *_prefix("il", "legal"),
           *_prefix("in", "effective correct formal complete accurate"),
           *_prefix("ir", "responsible regular relevant"),
           *_prefix("non-", "violent essential binding")),
    "de": (*_prefix("un", "möglich klar bekannt wahrscheinlich sicher gültig zulässig "
                          "gewöhnlich bedeutend gefährlich beliebt gerecht"),
           ("legal", "illegal")),
    "es": (("posible", "imposible"), ("legal", "ilegal"), ("probable", "improbable"),
           ("conocido", "desconocido"), ("estable", "inestable"), ("justo", "injusto"),
           ("seguro", "inseguro"), ("necesario", "innecesario"), ("oficial", "no oficial"),
           ("habitual", "inhabitual"), ("eficaz", "ineficaz")),
    "fr": (("possible", "impossible"), ("légal", "illégal"), ("probable", "improbable"),
           ("connu", "inconnu"), ("stable", "instable"), ("juste", "injuste"),
           ("officiel", "non officiel"), ("habituel", "inhabituel"), ("efficace", "inefficace"),
           ("acceptable", "inacceptable")),
    "it": (("possibile", "impossibile"), ("legale", "illegale"), ("probabile", "improbabile"),
           ("stabile", "instabile"), ("giusto", "ingiusto"), ("sicuro", "insicuro"),
           ("ufficiale", "non ufficiale"), ("necessario", "non necessario"),
           ("efficace", "inefficace"), ("accettabile", "inaccettabile")),
    "pl": _prefix("nie", "możliwe możliwy legalny legalnie znany bezpieczny bezpieczne ważny "
                         "ważne oficjalny oficjalnie jasne jasny pewny pewne zgodne zgodny"),
    "ru": _prefix("не", "возможно возможным известный известно законный законно законным "
                        "официальный официально ясно безопасно"),
    "ar": tuple((w, "غير " + w) for w in ("قانوني", "رسمي", "ممكن", "آمن", "واضح", "شرعي")),
}
"""Words and their prefixed negation ('possible' / 'impossible', 'legalny' / 'nielegalny')."""

ANTONYMS: dict[str, tuple[tuple[str, str], ...]] = {
    "en": (("rose", "fell"), ("risen", "fallen"), ("rising", "falling"), ("rises", "falls"),
           ("increased", "decreased"), ("increase", "decrease"), ("won", "lost"),
           ("wins", "loses"), ("approved", "rejected"), ("accepted", "rejected"),
           ("opened", "closed"), ("allowed", "banned"), ("higher", "lower"),
           ("arrested", "released"), ("supported", "opposed"), ("gained", "lost"),
           ("raised", "lowered"), ("victory", "defeat"), ("confirmed", "denied"),
           ("guilty", "innocent"), ("alive", "dead"), ("improved", "worsened")),
    "de": (("gestiegen", "gesunken"), ("stieg", "sank"), ("steigt", "sinkt"),
           ("gewann", "verlor"), ("gewonnen", "verloren"), ("erhöht", "gesenkt"),
           ("genehmigt", "abgelehnt"), ("angenommen", "abgelehnt"), ("geöffnet", "geschlossen"),
           ("erlaubt", "verboten"), ("festgenommen", "freigelassen"), ("höher", "niedriger"),
           ("Sieg", "Niederlage"), ("bestätigt", "dementiert"), ("verbessert", "verschlechtert"),
           ("zugenommen", "abgenommen")),
    "es": (("subió", "bajó"), ("aumentó", "disminuyó"), ("aumento", "descenso"),
           ("ganó", "perdió"), ("aprobó", "rechazó"), ("aprobado", "rechazado"),
           ("aceptó", "rechazó"), ("abrió", "cerró"), ("permitió", "prohibió"),
           ("detenido", "liberado"), ("apoyó", "rechazó"), ("victoria", "derrota"),
           ("mayor", "menor"), ("confirmó", "desmintió"), ("mejoró", "empeoró")),
    "fr": (("augmenté", "diminué"), ("hausse", "baisse"), ("gagné", "perdu"),
           ("approuvé", "rejeté"), ("accepté", "refusé"), ("ouvert", "fermé"),
           ("autorisé", "interdit"), ("victoire", "défaite"), ("confirmé", "démenti"),
           ("arrêté", "libéré"), ("amélioré", "aggravé"), ("supérieur", "inférieur")),
    "it": (("aumentato", "diminuito"), ("aumento", "calo"), ("salito", "sceso"),
           ("vinto", "perso"), ("approvato", "respinto"), ("accettato", "rifiutato"),
           ("aperto", "chiuso"), ("permesso", "vietato"), ("arrestato", "rilasciato"),
           ("vittoria", "sconfitta"), ("confermato", "smentito"), ("migliorato", "peggiorato"),
           ("superiore", "inferiore")),
    "pl": (("wzrósł", "spadł"), ("wzrosła", "spadła"), ("wzrost", "spadek"),
           ("wygrał", "przegrał"), ("wygrała", "przegrała"), ("zatwierdził", "odrzucił"),
           ("przyjął", "odrzucił"), ("otworzył", "zamknął"), ("zezwolił", "zakazał"),
           ("wyższy", "niższy"), ("zwycięstwo", "porażka"), ("potwierdził", "zaprzeczył"),
           ("zatrzymany", "zwolniony")),
    "ru": (("вырос", "упал"), ("выросла", "упала"), ("выросли", "упали"), ("рост", "падение"),
           ("выиграл", "проиграл"), ("одобрил", "отклонил"), ("принял", "отклонил"),
           ("открыл", "закрыл"), ("разрешил", "запретил"), ("увеличил", "уменьшил"),
           ("победа", "поражение"), ("подтвердил", "опроверг"), ("задержан", "освобожден")),
    "tr": (("arttı", "azaldı"), ("yükseldi", "düştü"), ("artış", "düşüş"),
           ("kazandı", "kaybetti"), ("onayladı", "reddetti"), ("kabul etti", "reddetti"),
           ("açtı", "kapattı"), ("yasakladı", "izin verdi"), ("zafer", "yenilgi"),
           ("doğruladı", "yalanladı"), ("tutuklandı", "serbest bırakıldı")),
    "ar": (("ارتفع", "انخفض"), ("ارتفاع", "انخفاض"), ("فاز", "خسر"), ("وافق", "رفض"),
           ("قبل", "رفض"), ("فتح", "أغلق"), ("سمح", "منع"), ("زيادة", "تراجع"),
           ("أكد", "نفى"), ("اعتقال", "الإفراج عن"), ("انتصار", "هزيمة")),
    "zh": (("上涨", "下跌"), ("增加", "减少"), ("上升", "下降"), ("赢得", "输掉"),
           ("批准", "否决"), ("提高", "降低"), ("支持", "反对"), ("允许", "禁止")),
}
"""Opposite predicates; an edit replaces one side of a pair by the other (either way)."""

SYNONYMS: dict[str, tuple[tuple[str, str], ...]] = {
    "en": (("said", "stated"), ("began", "started"), ("started", "began"), ("large", "big"),
           ("big", "large"), ("quickly", "rapidly"), ("however", "though"),
           ("about", "around"), ("help", "assist"), ("buy", "purchase")),
    "de": (("sagte", "erklärte"), ("erklärte", "sagte"), ("begann", "startete"),
           ("schnell", "rasch"), ("jedoch", "allerdings"), ("groß", "riesig"),
           ("etwa", "rund")),
    "es": (("dijo", "afirmó"), ("afirmó", "dijo"), ("según", "de acuerdo con"),
           ("comenzó", "empezó"), ("empezó", "comenzó"), ("rápidamente", "velozmente"),
           ("también", "asimismo")),
    "fr": (("a déclaré", "a affirmé"), ("a dit", "a déclaré"), ("selon", "d'après"),
           ("rapidement", "vite"), ("a commencé", "a débuté"), ("aussi", "également")),
    "it": (("ha detto", "ha dichiarato"), ("secondo", "stando a"), ("iniziato", "cominciato"),
           ("rapidamente", "velocemente"), ("anche", "pure"), ("però", "tuttavia")),
    "pl": (("powiedział", "stwierdził"), ("według", "zdaniem"), ("szybko", "prędko"),
           ("rozpoczął", "zaczął"), ("również", "także"), ("także", "również")),
    "ru": (("сказал", "заявил"), ("заявил", "сообщил"), ("быстро", "стремительно"),
           ("также", "тоже"), ("однако", "но")),
    "tr": (("söyledi", "belirtti"), ("açıkladı", "duyurdu"), ("ancak", "fakat"),
           ("hızla", "çabucak"), ("ayrıca", "bunun yanı sıra")),
    "ar": (("قال", "ذكر"), ("بسرعة", "سريعا"), ("أيضا", "كذلك"), ("حيث", "إذ")),
}
"""Words replaced by a synonym: a benign edit."""

TENSES: dict[str, tuple[tuple[str, str], ...]] = {
    "en": (("has said", "said"), ("says", "said"), ("said", "has said"),
           ("announced", "has announced"), ("is", "was"), ("are", "were")),
    "de": (("ist", "war"), ("sind", "waren"), ("sagt", "sagte"), ("erklärt", "erklärte")),
    "es": (("dijo", "ha dicho"), ("es", "era"), ("son", "eran"), ("dice", "dijo")),
    "fr": (("a déclaré", "avait déclaré"), ("est", "était"), ("sont", "étaient"),
           ("a dit", "avait dit")),
    "it": (("ha detto", "aveva detto"), ("è", "era"), ("sono", "erano"), ("dice", "ha detto")),
    "pl": (("mówi", "powiedział"), ("twierdzi", "stwierdził"), ("informuje", "poinformował")),
    "ru": (("заявляет", "заявил"), ("говорит", "сказал"), ("сообщает", "сообщил")),
    "tr": (("söyledi", "söylemişti"), ("açıkladı", "açıklamıştı"), ("belirtti", "belirtmişti")),
    "ar": (("يقول", "قال"), ("يؤكد", "أكد")),
}
"""Tense changes that keep the claim: a benign edit."""

BOILERPLATE: dict[str, tuple[str, ...]] = {
    "en": ("Share this article", "Advertisement", "Read more:"),
    "de": ("Anzeige", "Lesen Sie auch:", "Foto: dpa"),
    "es": ("Publicidad", "Compartir en Twitter", "Lea también:"),
    "fr": ("Publicité", "Lire aussi :", "Partager sur Facebook"),
    "it": ("Pubblicità", "Leggi anche:", "Condividi su Facebook"),
    "pl": ("Reklama", "Czytaj także:", "Udostępnij"),
    "ru": ("Реклама", "Читайте также:", "Поделиться"),
    "tr": ("Reklam", "Paylaş", "İlgili Haberler"),
    "ar": ("إعلان", "اقرأ أيضا:", "شارك"),
}
"""Lines a page adds around an article: a benign edit."""
