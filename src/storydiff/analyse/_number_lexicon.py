"""Word lists for ``numbers``: number words, vague amounts, approximation markers, currencies,
units.

Languages with full word lists: en, fr, de, es, it, pt; pl, ru, tr and ar have number words up
to the tens, scale words and vague amounts. Other languages get digits, symbols, the
South-Asian scale words (lakh, crore) and the language-neutral units. All lists are
hand-written.
"""

from __future__ import annotations

__all__ = [
    "APPROXIMATE_MARKERS",
    "ARTICLES_BEFORE_MULTIPLIER",
    "CURRENCY_SYMBOLS",
    "CURRENCY_WORDS",
    "DECIMAL_COMMA",
    "FRACTIONS",
    "MULTIPLIERS",
    "NUMBER_WORDS",
    "PERCENT_PREFIXES",
    "PERCENT_WORDS",
    "PROPORTION_JOINERS",
    "SHARED_MULTIPLIERS",
    "SUBUNITS",
    "UNITS",
    "VAGUE_AMOUNTS",
    "WORD_JOINERS",
]


def _numbered(words: str, start: int = 0, step: int = 1) -> dict[str, float]:
    """Map space-separated words (alternatives joined by '/') to consecutive values."""
    table: dict[str, float] = {}
    for i, alternatives in enumerate(words.split()):
        for word in alternatives.split("/"):
            table[word] = float(start + i * step)
    return table


def _german_compounds() -> dict[str, float]:
    """German numbers written as one word: 'einundzwanzig', 'zweihundert', 'dreitausend'."""
    units = {"ein": 1, "zwei": 2, "drei": 3, "vier": 4, "fünf": 5, "sechs": 6, "sieben": 7,
             "acht": 8, "neun": 9}  # fmt: skip
    tens = {"zwanzig": 20, "dreißig": 30, "vierzig": 40, "fünfzig": 50, "sechzig": 60,
            "siebzig": 70, "achtzig": 80, "neunzig": 90}  # fmt: skip
    table = {f"{u}und{t}": float(uv + tv) for u, uv in units.items() for t, tv in tens.items()}
    for unit, value in units.items():
        table[f"{unit}hundert"] = float(value * 100)
        table[f"{unit}tausend"] = float(value * 1000)
    return table


def _italian_compounds() -> dict[str, float]:
    """Italian 21–99 written as one word, with the vowel elision of 'uno' and 'otto'."""
    tens = {"venti": 20, "trenta": 30, "quaranta": 40, "cinquanta": 50, "sessanta": 60,
            "settanta": 70, "ottanta": 80, "novanta": 90}  # fmt: skip
    units = {"uno": 1, "due": 2, "tre": 3, "quattro": 4, "cinque": 5, "sei": 6, "sette": 7,
             "otto": 8, "nove": 9}  # fmt: skip
    table: dict[str, float] = {}
    for ten, tv in tens.items():
        for unit, uv in units.items():
            stem = ten[:-1] if unit[0] in "uo" else ten
            table[stem + unit.replace("tre", "tré") if unit == "tre" else stem + unit] = tv + uv
    return table


NUMBER_WORDS: dict[str, dict[str, float]] = {
    "en": _numbered("zero one two three four five six seven eight nine ten eleven twelve thirteen "
                    "fourteen fifteen sixteen seventeen eighteen nineteen twenty")
    | _numbered("thirty forty fifty sixty seventy eighty ninety", 30, 10),
    "fr": _numbered("zéro un/une deux trois quatre cinq six sept huit neuf dix onze douze treize "
                    "quatorze quinze seize")
    | _numbered("vingt trente quarante cinquante soixante", 20, 10)
    | {"quatre-vingt": 80.0, "quatre-vingts": 80.0, "septante": 70.0, "huitante": 80.0,
       "nonante": 90.0},
    "de": _numbered("null eins/ein/eine zwei drei vier fünf sechs sieben acht neun zehn elf zwölf "
                    "dreizehn vierzehn fünfzehn sechzehn siebzehn achtzehn neunzehn zwanzig")
    | _numbered("dreißig vierzig fünfzig sechzig siebzig achtzig neunzig", 30, 10)
    | _german_compounds(),
    "es": _numbered("cero uno/una/un dos tres cuatro cinco seis siete ocho nueve diez once doce "
                    "trece catorce quince dieciséis diecisiete dieciocho diecinueve veinte "
                    "veintiuno/veintiún veintidós veintitrés veinticuatro veinticinco veintiséis "
                    "veintisiete veintiocho veintinueve")
    | _numbered("treinta cuarenta cincuenta sesenta setenta ochenta noventa", 30, 10)
    | _numbered("doscientos/doscientas trescientos/trescientas cuatrocientos/cuatrocientas "
                "quinientos/quinientas seiscientos/seiscientas setecientos/setecientas "
                "ochocientos/ochocientas novecientos/novecientas", 200, 100),
    "it": _numbered("zero uno/una/un due tre quattro cinque sei sette otto nove dieci undici "
                    "dodici tredici quattordici quindici sedici diciassette diciotto diciannove "
                    "venti")
    | _numbered("trenta quaranta cinquanta sessanta settanta ottanta novanta", 30, 10)
    | _italian_compounds(),
    "pt": _numbered("zero um/uma dois/duas três quatro cinco seis sete oito nove dez onze doze "
                    "treze catorze/quatorze quinze dezesseis/dezasseis dezessete/dezassete dezoito "
                    "dezenove/dezanove vinte")
    | _numbered("trinta quarenta cinquenta sessenta setenta oitenta noventa", 30, 10)
    | _numbered("duzentos/duzentas trezentos/trezentas quatrocentos/quatrocentas "
                "quinhentos/quinhentas seiscentos/seiscentas setecentos/setecentas "
                "oitocentos/oitocentas novecentos/novecentas", 200, 100),
    "nl": _numbered("nul één twee drie vier vijf zes zeven acht negen tien elf twaalf dertien "
                    "veertien vijftien zestien zeventien achttien negentien twintig")
    | _numbered("dertig veertig vijftig zestig zeventig tachtig negentig", 30, 10),
    "pl": _numbered("zero jeden dwa trzy cztery pięć sześć siedem osiem dziewięć dziesięć "
                    "jedenaście dwanaście")
    | {"dwie": 2.0, "dwóch": 2.0, "dwoje": 2.0, "trzech": 3.0, "troje": 3.0, "czterech": 4.0,
       "pięciu": 5.0, "sześciu": 6.0, "siedmiu": 7.0, "ośmiu": 8.0, "dziewięciu": 9.0,
       "dziesięciu": 10.0, "dwudziestu": 20.0}
    | _numbered("dwadzieścia trzydzieści czterdzieści pięćdziesiąt", 20, 10),
    "ru": _numbered("ноль один два три четыре пять шесть семь восемь девять десять "
                    "одиннадцать двенадцать")
    | {"две": 2.0, "двух": 2.0, "трёх": 3.0, "трех": 3.0, "четырёх": 4.0, "четырех": 4.0,
       "пяти": 5.0, "шести": 6.0, "семи": 7.0, "восьми": 8.0, "девяти": 9.0, "десяти": 10.0,
       "двадцати": 20.0, "тридцати": 30.0}
    | _numbered("двадцать тридцать сорок пятьдесят", 20, 10),
    # "altı" (six) is left out: it is far more often "under" ("örtü altı")
    "tr": {"iki": 2.0, "üç": 3.0, "dört": 4.0, "beş": 5.0, "yedi": 7.0, "sekiz": 8.0,
           "dokuz": 9.0, "on": 10.0, "sıfır": 0.0}
    | _numbered("yirmi otuz kırk elli altmış yetmiş seksen doksan", 20, 10),
    "ar": {"اثنان": 2.0, "اثنين": 2.0, "اثنتان": 2.0, "ثلاثة": 3.0, "ثلاث": 3.0, "أربعة": 4.0,
           "أربع": 4.0, "خمسة": 5.0, "خمس": 5.0, "ستة": 6.0, "سبعة": 7.0, "سبع": 7.0,
           "ثمانية": 8.0, "ثماني": 8.0, "تسعة": 9.0, "تسع": 9.0, "عشرة": 10.0, "عشرين": 20.0,
           "عشرون": 20.0, "ثلاثين": 30.0, "ثلاثون": 30.0}
    | _numbered("أربعين/أربعون خمسين/خمسون ستين/ستون سبعين/سبعون ثمانين/ثمانون تسعين/تسعون",
                40, 10)
    | {"عشر": 10.0, "اثنا": 2.0, "اثنتا": 2.0}  # the teens: "ثلاثة عشر" 13, "اثنا عشر" 12
    | {"مائتان": 200.0, "مائتين": 200.0, "مئتان": 200.0, "مئتين": 200.0}
    | _numbered("ثلاثمائة/ثلاثمئة أربعمائة/أربعمئة خمسمائة/خمسمئة ستمائة/ستمئة "
                "سبعمائة/سبعمئة ثمانمائة/ثمانمئة تسعمائة/تسعمئة", 300, 100),
}  # fmt: skip
"""Cardinal number words up to the tens (and Spanish/Portuguese hundreds) per language."""

ARTICLES_BEFORE_MULTIPLIER: dict[str, frozenset[str]] = {
    "en": frozenset({"a", "an"}),
    "fr": frozenset({"un", "une"}),
    "de": frozenset({"ein", "eine", "einer"}),
    "es": frozenset({"un", "una", "uno"}),
    "it": frozenset({"un", "una", "uno"}),
    "pt": frozenset({"um", "uma"}),
}
"""Words meaning 'one' that are counted only before a multiplier ('a million', 'une centaine')."""

MULTIPLIERS: dict[str, dict[str, float]] = {
    "en": {"hundred": 1e2, "thousand": 1e3, "million": 1e6, "billion": 1e9, "trillion": 1e12,
           "dozen": 12.0},
    "fr": {"cent": 1e2, "cents": 1e2, "mille": 1e3, "million": 1e6, "millions": 1e6,
           "milliard": 1e9, "milliards": 1e9, "billion": 1e12, "billions": 1e12},
    "de": {"hundert": 1e2, "tausend": 1e3, "million": 1e6, "millionen": 1e6, "milliarde": 1e9,
           "milliarden": 1e9, "mio.": 1e6, "mrd.": 1e9, "billion": 1e12, "billionen": 1e12,
           "bio.": 1e12, "dutzend": 12.0},
    "es": {"cien": 1e2, "ciento": 1e2, "mil": 1e3, "millón": 1e6, "millones": 1e6,
           "mil millones": 1e9, "billón": 1e12, "billones": 1e12},
    "it": {"cento": 1e2, "mille": 1e3, "mila": 1e3, "milione": 1e6, "milioni": 1e6,
           "miliardo": 1e9, "miliardi": 1e9, "bilione": 1e12, "bilioni": 1e12},
    "pt": {"cem": 1e2, "cento": 1e2, "mil": 1e3, "milhão": 1e6, "milhões": 1e6, "milhao": 1e6,
           "bilhão": 1e9, "bilhões": 1e9, "mil milhões": 1e9},
    "pl": {"tys.": 1e3, "tys": 1e3, "tysiąc": 1e3, "tysiące": 1e3, "tysięcy": 1e3,
           "mln": 1e6, "milion": 1e6, "miliony": 1e6, "milionów": 1e6, "mld": 1e9,
           "miliard": 1e9, "miliardy": 1e9, "miliardów": 1e9, "bilion": 1e12, "biliony": 1e12,
           "bilionów": 1e12, "bln": 1e12},
    "ru": {"тыс.": 1e3, "тыс": 1e3, "тысяча": 1e3, "тысячи": 1e3, "тысяч": 1e3, "млн": 1e6,
           "миллион": 1e6, "миллиона": 1e6, "миллионов": 1e6, "млрд": 1e9, "миллиард": 1e9,
           "миллиарда": 1e9, "миллиардов": 1e9, "трлн": 1e12, "триллион": 1e12,
           "триллиона": 1e12, "триллионов": 1e12},
    "tr": {"bin": 1e3, "milyon": 1e6, "milyar": 1e9, "trilyon": 1e12},
    "ar": {"مائة": 1e2, "مئة": 1e2, "ألف": 1e3, "آلاف": 1e3, "مليون": 1e6, "ملايين": 1e6,
           "مليار": 1e9, "مليارات": 1e9, "تريليون": 1e12, "تريليونات": 1e12},
}  # fmt: skip
"""Words that multiply the number before them ('three million', 'deux cents')."""

SHARED_MULTIPLIERS: dict[str, float] = {
    "lakh": 1e5, "lakhs": 1e5, "lac": 1e5, "lacs": 1e5, "crore": 1e7, "crores": 1e7,
    "mio.": 1e6, "mio": 1e6, "mrd.": 1e9, "mrd": 1e9, "mln": 1e6, "mld": 1e9,
    "万": 1e4, "萬": 1e4, "亿": 1e8, "億": 1e8, "千": 1e3, "百万": 1e6, "千万": 1e7,
    "万亿": 1e12, "兆": 1e12, "만": 1e4, "억": 1e8, "천": 1e3,
}  # fmt: skip
"""Scale words of every language: the South-Asian lakh (1e5) and crore (1e7), which news in
any language quotes from Indian sources ('6 crore di persone'), common abbreviations, and the
East-Asian myriads written after digits ('7600 万' is 76 million, '3억' 300 million)."""

WORD_JOINERS: dict[str, tuple[str, ...]] = {
    "en": ("and",), "fr": ("et",), "de": ("und",), "es": ("y",), "it": ("e",), "pt": ("e",),
    "ar": ("و",),
}  # fmt: skip
"""Words that may join number words ('two hundred and five', 'vingt et un', 'treinta y uno';
Arabic و, also written joined to the next word: 'ستمائة وخمسون')."""

VAGUE_AMOUNTS: dict[str, dict[str, float]] = {
    "en": {"tens of thousands": 2e4, "hundreds of thousands": 2e5, "tens of millions": 2e7,
           "dozens": 24.0, "scores(?= of)": 40.0, "hundreds": 200.0, "thousands": 2e3,
           "millions": 2e6, "billions": 2e9, "a handful": 3.0, "a few": 3.0, "several": 3.0},
    "fr": {"des dizaines de milliers": 2e4, "des centaines de milliers": 2e5, "dizaines": 20.0,
           "une dizaine": 10.0, "une quinzaine": 15.0, "une vingtaine": 20.0,
           "une trentaine": 30.0, "une quarantaine": 40.0, "une cinquantaine": 50.0,
           "une centaine": 100.0, "centaines": 200.0, "un millier": 1e3, "milliers": 2e3,
           "plusieurs": 3.0},
    "de": {"zehntausende": 2e4, "hunderttausende": 2e5, "dutzende": 24.0, "hunderte": 200.0,
           "tausende": 2e3, "mehrere": 3.0},
    "es": {"decenas de miles": 2e4, "cientos de miles": 2e5, "decenas": 20.0,
           "una decena": 10.0, "docenas": 24.0, "una veintena": 20.0, "un centenar": 100.0,
           "centenares": 200.0, "cientos": 200.0, "un millar": 1e3, "miles": 2e3,
           "varios": 3.0, "varias": 3.0},
    "it": {"decine di migliaia": 2e4, "centinaia di migliaia": 2e5, "decine": 20.0,
           "una decina": 10.0, "una ventina": 20.0, "un centinaio": 100.0, "centinaia": 200.0,
           "un migliaio": 1e3, "migliaia": 2e3},
    "pt": {"dezenas de milhares": 2e4, "centenas de milhares": 2e5, "dezenas": 20.0,
           "uma dezena": 10.0, "uma centena": 100.0, "centenas": 200.0, "milhares": 2e3,
           "vários": 3.0, "várias": 3.0},
    "pl": {"dziesiątki tysięcy": 2e4, "setki tysięcy": 2e5, "dziesiątki": 20.0,
           "setki": 200.0, "tysiące": 2e3, "miliony": 2e6, "kilkadziesiąt": 40.0,
           "kilkaset": 400.0, "kilka tysięcy": 4e3, "kilka": 3.0, "kilku": 3.0},
    "ru": {"десятки тысяч": 2e4, "сотни тысяч": 2e5, "десятки": 20.0, "сотни": 200.0,
           "тысячи": 2e3, "миллионы": 2e6, "несколько тысяч": 4e3, "несколько": 3.0},
    "tr": {"on binlerce": 2e4, "yüz binlerce": 2e5, "onlarca": 20.0, "yüzlerce": 200.0,
           "binlerce": 2e3, "milyonlarca": 2e6},
    "ar": {"عشرات الآلاف": 2e4, "مئات الآلاف": 2e5, "عشرات": 20.0, "مئات": 200.0,
           "آلاف": 2e3, "ملايين": 2e6},
}  # fmt: skip
"""Vague amounts (regex fragments) and a representative value; always approximate."""

APPROXIMATE_MARKERS: dict[str, tuple[str, ...]] = {
    "en": ("about", "around", "approximately", "approx.", "nearly", "almost", "some",
           "roughly", "an estimated", "estimated", "up to", "more than", "over", "at least",
           "fewer than", "less than", "under", "close to", "upwards of", "as many as", "circa",
           "at most"),
    "fr": ("environ", "près de", "presque", "quelque", "à peu près", "plus de", "au moins",
           "moins de", "jusqu'à", "quasiment", "autour de", "approximativement", "au plus"),
    "de": ("etwa", "rund", "ungefähr", "fast", "knapp", "mehr als", "mindestens", "circa",
           "ca.", "über", "bis zu", "nahezu", "annähernd", "weniger als", "gut", "höchstens"),
    "es": ("unos", "unas", "alrededor de", "casi", "aproximadamente", "cerca de", "más de",
           "al menos", "menos de", "hasta", "por lo menos", "como mínimo"),
    "it": ("circa", "quasi", "oltre", "almeno", "più di", "meno di", "fino a", "intorno a",
           "all'incirca", "approssimativamente", "una ventina di"),
    "pt": ("cerca de", "quase", "aproximadamente", "mais de", "pelo menos", "menos de", "até",
           "uns", "umas", "por volta de", "no mínimo"),
    "pl": ("około", "ok.", "blisko", "prawie", "niemal", "ponad", "co najmniej", "przynajmniej",
           "mniej niż", "do", "powyżej", "poniżej"),
    "ru": ("около", "почти", "примерно", "приблизительно", "более", "свыше", "больше",
           "не менее", "по меньшей мере", "по крайней мере", "менее", "меньше", "до"),
    "tr": ("yaklaşık", "neredeyse", "en az", "en fazla"),
    "ar": ("نحو", "حوالي", "قرابة", "أكثر من", "ما لا يقل عن", "على الأقل", "أقل من", "زهاء"),
}  # fmt: skip
"""Words before a number that make it approximate or a bound ('about 40', 'at least 100')."""

DECIMAL_COMMA = frozenset(
    ["fr", "de", "es", "it", "pt", "nl", "pl", "ru", "uk", "tr", "id", "sv", "cs", "ro"]
)
"""Languages that write 3,5 for three and a half and 1.200 (or 1 200) for twelve hundred."""

CURRENCY_SYMBOLS: dict[str, str] = {
    "US$": "$", "$": "$", "€": "€", "£": "£", "¥": "¥", "₽": "₽", "₹": "₹", "USD": "$",
    "EUR": "€", "GBP": "£", "R$": "R$", "Rs.": "₹", "Rs": "₹", "INR": "₹", "₺": "₺",
}  # fmt: skip
"""Currency signs and codes written next to a number, mapped to the unit recorded."""

CURRENCY_WORDS: dict[str, str] = {
    "dollars": "$", "dollar": "$", "dólares": "$", "dólar": "$", "dollari": "$",
    "euros": "€", "euro": "€", "pounds": "£", "pound": "£", "sterling": "£", "sterline": "£",
    "libras": "£", "yen": "¥", "yuan": "¥", "roubles": "₽", "rubles": "₽", "rouble": "₽",
    "ruble": "₽", "rublos": "₽", "rupees": "₹", "rupias": "₹", "usd": "$", "eur": "€",
    "gbp": "£", "reais": "R$", "złotych": "zł", "zł": "zł", "złote": "zł", "рублей": "₽",
    "рубля": "₽", "долларов": "$", "доллара": "$", "евро": "€", "lira": "₺", "tl": "₺",
    "dolar": "$", "دولار": "$", "يورو": "€", "ريال": "﷼", "جنيه": "£E", "rupiah": "Rp",
    "lev": "лв", "leva": "лв", "лева": "лв", "лв": "лв",
    "pln": "zł", "złotego": "zł", "złoty": "zł",
    # Turkish case endings of dolar, lira and avro ("249,4 milyar dolara", "20 liraya"; the
    # "-lık" forms say what a sum is worth: "2 milyar dolarlık maliyet")
    "dolara": "$", "doları": "$", "dolarlık": "$", "dolardan": "$", "liraya": "₺",
    "lirayı": "₺", "liralık": "₺", "liradan": "₺", "avro": "€", "avroya": "€",
    "avroluk": "€",
    "美元": "$", "美金": "$", "欧元": "€", "歐元": "€", "英镑": "£", "英鎊": "£", "日元": "¥",
    "日圆": "¥", "人民币": "¥", "元": "¥", "卢布": "₽", "盧布": "₽", "卢比": "₹", "列弗": "лв",
    "港元": "HK$", "港币": "HK$", "ドル": "$", "円": "¥", "ユーロ": "€", "ポンド": "£",
    "ルーブル": "₽", "달러": "$", "원": "₩", "유로": "€",
}  # fmt: skip
"""Currency names written after a number ('40 dollars', '3 Millionen Euro', '0.63 美元')."""

CURRENCY_CASES: frozenset[str] = frozenset(
    {"dolara", "doları", "dolardan", "liraya", "lirayı", "liradan", "avroya"})
"""Currency names in a Turkish case form: the sum is an argument of the verb that follows
('249,4 milyar dolara yükseldi', rose to 249.4 billion dollars), so nothing after it is
counted."""

SUBUNITS: dict[str, dict[str, tuple[str, float]]] = {
    "en": {"cents": ("$", 0.01), "cent": ("$", 0.01), "¢": ("$", 0.01)},
}  # fmt: skip
"""Fractional currency names per language, with the unit and factor they are recorded in:
'63 cents' is $0.63, so it agrees with '$0.63' and disagrees with '0.63 dollars'. (Only
English: the French 'cents' is a hundred.)"""

FRACTIONS: dict[str, dict[str, float]] = {
    "en": {r"(?:a|one)\s+half(?=\s+of\b)": 50.0, r"(?<!\ba\s)(?<!first\s)(?<!second\s)"
           r"half(?=\s+(?:of|the)\b)": 50.0, r"(?:a|one)[\s-]+third(?=\s+of\b)": 100 / 3,
           r"two[\s-]+thirds(?=\s+of\b)": 200 / 3, r"(?:a|one)[\s-]+quarter(?=\s+of\b)": 25.0,
           r"three[\s-]+quarters(?=\s+of\b)": 75.0},
    "de": {r"(?<!erste\s)(?<!ersten\s)(?<!zweite\s)(?<!zweiten\s)(?:die\s+)?hälfte": 50.0,
           r"ein\s+drittel": 100 / 3, r"zwei\s+drittel": 200 / 3,
           r"ein\s+viertel(?=\s+(?:der|des|aller)\b)": 25.0, r"drei\s*viertel": 75.0},
    "fr": {r"(?<!à\s)la\s+moitié(?=\s+(?:des?|du|d['’]))": 50.0,
           r"un\s+tiers(?=\s+(?:des?|du|d['’]))": 100 / 3, r"deux\s+tiers": 200 / 3,
           r"un\s+quart(?=\s+(?:des|du))": 25.0, r"trois\s+quarts(?=\s+(?:des?|du))": 75.0},
    "es": {r"la\s+mitad(?=\s+de)": 50.0, r"un\s+tercio(?=\s+de)": 100 / 3,
           r"dos\s+tercios": 200 / 3, r"tres\s+cuartos(?=\s+de)": 75.0},
    "it": {r"(?<!a\s)la\s+metà(?=\s+d)": 50.0, r"un\s+terzo(?=\s+d)": 100 / 3,
           r"due\s+terzi": 200 / 3, r"tre\s+quarti(?=\s+d)": 75.0},
    "pt": {r"(?:a\s+)?metade(?=\s+d)": 50.0, r"um\s+terço(?=\s+d)": 100 / 3,
           r"dois\s+terços": 200 / 3, r"três\s+quartos(?=\s+d)": 75.0},
    "pl": {r"(?<!w\s)(?<!pierwsza\s)(?<!druga\s)połowa": 50.0, r"dwie\s+trzecie": 200 / 3},
    "ru": {r"(?<!первая\s)(?<!вторая\s)половина": 50.0, r"две\s+трети": 200 / 3,
           r"три\s+четверти": 75.0},
}  # fmt: skip
"""Fractions of a group written in words, as per cent ('die Hälfte aller Befragten' is 50 %),
each a regex fragment that leaves out the senses that are no share: 'the first half',
'à moitié', 'a metà' (halfway)."""

PROPORTION_JOINERS: dict[str, tuple[str, ...]] = {
    "en": ("out of every", "in every", "out of", "of", "in"), "de": ("von", "aus"),
    "fr": ("sur",),
    "es": ("de cada",), "it": ("su",), "pt": ("em cada", "de cada"), "pl": ("na",),
    "ru": ("из",),
}  # fmt: skip
"""Words joining 'N of M' when it states a share ('9 von 10 Menschen', 'one in five'); the
share is recorded as per cent."""

PERCENT_WORDS = ("%", "per cent", "percent", "pour cent", "prozent", "por ciento", "per cento",
                 "por cento", "pct", "procent", "procenta", "proc.", "процентов", "процента",
                 "процент", "٪", "في المئة", "في المائة", "بالمئة", "بالمائة")  # fmt: skip
"""Ways of writing 'per cent'; recorded as the unit '%'."""

PERCENT_PREFIXES = ("%", "yüzde")
"""Ways of writing 'per cent' before the number (Turkish '%40', 'yüzde 40')."""

UNITS: dict[str, str] = {
    "km": "km", "kilometres": "km", "kilometers": "km", "kilomètres": "km", "kilometer": "km",
    "kilómetros": "km", "chilometri": "km", "quilômetros": "km", "quilómetros": "km",
    "m": "m", "metres": "m", "meters": "m", "mètres": "m", "metros": "m", "metri": "m",
    "cm": "cm", "mm": "mm", "mi": "mi", "miles": "mi", "mph": "mph", "km/h": "km/h",
    "kg": "kg", "kilos": "kg", "kilograms": "kg", "kilogrammes": "kg", "kilogramm": "kg",
    "t": "t", "tonnes": "t", "tons": "t", "tonnen": "t", "toneladas": "t", "tonnellate": "t",
    "g": "g", "grams": "g", "ha": "ha", "hectares": "ha", "hektar": "ha", "hectáreas": "ha",
    "acres": "acre", "feet": "ft", "ft": "ft", "l": "l", "litres": "l", "liters": "l",
    "barrels": "bbl", "mw": "MW", "gw": "GW", "kw": "kW", "kwh": "kWh", "°c": "°C", "°f": "°F",
}  # fmt: skip
"""Measurement units written after a number, mapped to a canonical symbol."""
