"""Word lists for ``discrepancies.negation``: negation cues, opposite predicates, negating prefixes.

Languages: en, fr, de, es, it, pt, nl, pl, ru, tr, ar, zh. Hand-written; each entry is a regex
body matched between word edges (Chinese, written without spaces: anywhere, its forms listing the
characters that make a negating character part of another word: 不断 "continuously", 不同
"different", 无论 "whatever", 未来 "future").
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from ..text import UNSPACED_LANGUAGES

__all__ = ["CUES", "NEGATING_PREFIXES", "OPPOSITES", "Cues", "words_pattern"]

_F = re.IGNORECASE


def words_pattern(body: str, language: str | None = None) -> re.Pattern[str]:
    """Compile an alternation of word forms, bounded by word edges (none in languages
    written without spaces, ``text.UNSPACED_LANGUAGES``, where a word is not set apart)."""
    if language in UNSPACED_LANGUAGES:
        return re.compile(body, _F)
    return re.compile(rf"\b(?:{body})\b", _F)


def _unless(forms: str, comparison: str) -> str:
    """``forms`` where none of the ``comparison`` words follows within 40 characters of the
    same clause: "higher" but not "higher in March than"."""
    return rf"(?:{forms})(?![^.;:!?]{{0,40}}\b(?:{comparison})\b)"


@dataclass(frozen=True)
class Cues:
    """The cue lists of one language."""

    negations: re.Pattern[str]
    predicates: re.Pattern[str]  # negative-polarity predicates: deny, refuse to, fail to
    idioms: re.Pattern[str]  # look like negations but do not negate: "not only", "no doubt"
    noncommittal: re.Pattern[str]  # "refused to confirm or deny"


CUES: dict[str, Cues] = {
    "en": Cues(
        negations=re.compile(
            r"\b(?:not|never|none|nobody|nothing|nowhere|neither|without|cannot)\b"
            r"|\bno\b(?!\.\s*\d)|n['’]t\b", _F),
        predicates=words_pattern(
            r"refus(?:e|es|ed|ing)(?:\s+to)?|fail(?:s|ed|ing)?\s+to|den(?:y|ies|ied|ying)"),
        idioms=re.compile(
            r"(?:\bnot|n['’]t)\s+(?:only|just|merely|simply|least|to\s+mention)\b"
            r"|\bno\s+(?:doubt|wonder|matter)\b|\bnone\s+other\b|\bnothing\s+but\b", _F),
        noncommittal=words_pattern(
            r"(?:(?:refus\w*|declin\w*|fail\w*)\s+to\s+|(?:would|did|could|will)\s*n(?:o|['’])t\s+"
            r"|neither\s+)?(?:confirm\w*\s+(?:or|nor)\s+den(?:y|ied|ying)"
            r"|den(?:y|ied|ying)\s+(?:or|nor)\s+confirm\w*)"),
    ),
    "fr": Cues(
        negations=re.compile(
            r"\bn(?:e\s+|['’])(?:[\w'’-]+\s+){0,3}?"
            r"(?:pas|jamais|plus|rien|personne|aucune?|guère|point|nullement)\b"
            r"|\b(?:sans|jamais|aucune?|non(?![-‐]))\b", _F),
        predicates=words_pattern(
            r"refus\w*(?:\s+(?:de|d['’]))?|échou\w*\s+à|nie|nient|nier|niée?s?|niant|dément\w*|démenti\w*"),
        idioms=words_pattern(r"non\s+seulement|sans\s+doute|sans\s+aucun\s+doute|"
                              r"n['’](?:ai|a|y\s+a)\s+(?:aucun|pas\s+de)\s+doute|nul\s+doute"),
        noncommittal=words_pattern(
            r"(?:refus\w*\s+de\s+)?(?:ni\s+)?confirm\w*\s+(?:ou|ni)\s+(?:de\s+)?"
            r"(?:démenti\w*|infirm\w*|nier)"),
    ),
    "de": Cues(
        negations=words_pattern(r"nicht|kein\w*|nie|niemals|niemand|nichts|ohne|weder"),
        predicates=words_pattern(
            r"weiger\w*|verweiger\w*|bestreit\w*|bestritt\w*|dementier\w*|leugne\w*"),
        idioms=words_pattern(r"nicht\s+nur|ohne\s+Zweifel|keinen?\s+Zweifel"),
        noncommittal=words_pattern(
            r"(?:weder\s+)?bestätig\w*\s+(?:noch|oder)\s+(?:dementier\w*|bestreit\w*)"),
    ),
    "es": Cues(
        negations=words_pattern(r"no\s+(?:[\w'’]+\s+){0,3}?(?:nunca|jamás|nada|nadie|ningún|ninguna)"
                         r"|no|nunca|jamás|sin|ningún|ninguno|ninguna|nadie|nada|tampoco"),
        predicates=words_pattern(
            r"niega\w*|negó|negaron|negar|negado|desmient\w*|desmint\w*|rehús\w*|rehus\w*"),
        idioms=words_pattern(r"no\s+sólo|no\s+solo|sin\s+duda|"
                              r"no\s+(?:tengo|tenemos|hay|cabe)\s+(?:ninguna\s+)?duda"),
        noncommittal=words_pattern(
            r"(?:ni\s+)?confirm\w*\s+(?:o|ni)\s+(?:desmenti\w*|desment\w*|negar)"),
    ),
    "it": Cues(
        negations=words_pattern(r"non\s+(?:[\w'’]+\s+){0,3}?(?:mai|nessun\w*|niente|nulla|neanche|nemmeno)"
                         r"|non(?![-‐])|mai|senza|nessun\w*|niente|nulla|neanche|nemmeno"),
        predicates=words_pattern(r"nega|negano|negato|negare|negava|smenti\w*|smentisc\w*"
                          r"|rifiut\w*(?:\s+di)?"),
        idioms=words_pattern(r"non\s+solo|senza\s+dubbio|nessun\s+dubbio|"
                              r"non\s+(?:ho|c['’]è)\s+(?:alcun\s+)?dubbio"),
        noncommittal=words_pattern(r"(?:né\s+)?conferm\w*\s+(?:o|né)\s+smenti\w*"),
    ),
    "pt": Cues(
        negations=words_pattern(r"não\s+(?:[\w'’]+\s+){0,3}?(?:nunca|nada|ninguém|nenhum\w*|jamais)"
                         r"|não|nunca|sem|nenhum|nenhuma|ninguém|nada|jamais"),
        predicates=words_pattern(r"nega|negou|negaram|negar|negado|desment\w*|recus\w*(?:\s+a)?"),
        idioms=words_pattern(r"não\s+só|não\s+apenas|sem\s+dúvida|não\s+(?:há|tenho)\s+dúvida|"
                              r"nenhuma\s+dúvida"),
        noncommittal=words_pattern(r"(?:nem\s+)?confirm\w*\s+(?:ou|nem)\s+(?:negar|desmentir)"),
    ),
    "nl": Cues(
        negations=words_pattern(r"niet|geen|nooit|niemand|niets|zonder"),
        predicates=words_pattern(r"ontken\w*|weiger\w*"),
        idioms=words_pattern(r"niet\s+alleen|zonder\s+twijfel"),
        noncommittal=words_pattern(r"bevestig\w*\s+(?:noch|of)\s+ontken\w*"),
    ),
    "pl": Cues(
        negations=words_pattern(r"(?:nigdy|nikt|nikogo|nic|niczego|żaden|żadna|żadne|żadnego|żadnych)"
                         r"\s+(?:\w+\s+){0,2}?nie"
                         r"|nie|nigdy|żaden|żadna|żadne|żadnego|żadnych|nikt|nikogo|nic|niczego|"
                         r"bez|ani"),
        predicates=words_pattern(r"zaprzecz\w*|odmówi\w*|odmawia\w*|zdementowa\w*|dementuj\w*"),
        idioms=words_pattern(r"nie\s+tylko|bez\s+wątpienia|nie\s+mniej\s+niż|mimo\s+to|"
                              r"nie\s+(?:ma|mam|mamy)\s+(?:żadnych\s+)?wątpliwości"),
        noncommittal=words_pattern(r"(?:ani\s+)?(?:nie\s+)?potwierdzi\w*\s+(?:ani|ani\s+nie|ani\s+też)\s+"
                            r"(?:nie\s+)?zaprzeczy\w*"),
    ),
    "ru": Cues(
        negations=words_pattern(r"(?:никогда|никто|ничего|ничто|нигде|ни)\s+(?:\w+\s+){0,2}?не"
                         r"|не|ни|нет|никогда|никто|ничего|ничто|нигде|без|нельзя"),
        predicates=words_pattern(r"отрица\w*|опроверг\w*|отказа\w*|отказыва\w*"),
        idioms=words_pattern(r"не\s+только|без\s+сомнения|нет\s+(?:никаких\s+)?сомнени\w*|"
                      r"не\s+менее|не\s+более|тем\s+не\s+менее|"
                      r"не\s+раз|ни\s+один\s+из"),
        noncommittal=words_pattern(r"(?:не\s+)?(?:ни\s+)?подтверд\w*\s+(?:и\s+не\s+|ни\s+|или\s+)"
                            r"опроверг\w*"),
    ),
    "tr": Cues(
        negations=words_pattern(r"değil\w*|yok\w*|hiçbir\w*|asla|hiç"),
        predicates=words_pattern(r"reddet\w*|reddetti\w*|yalanla\w*|inkar\w*"),
        idioms=words_pattern(r"sadece\s+\w+\s+değil|hiç\s+şüphesiz|yok\s+yere|şüphe\s+yok"),
        noncommittal=words_pattern(r"doğrulama\w*\s+ya\s+da\s+yalanlama\w*"),
    ),
    "ar": Cues(
        negations=words_pattern(r"لا|لم|لن|ليس|ليست|ليسوا|غير|دون|بدون|بلا|أبدا"),
        predicates=words_pattern(r"نفى|نفت|ينفي|تنفي|نفوا|رفض|رفضت|يرفض|ترفض|رفضوا|أنكر|أنكرت"),
        idioms=words_pattern(r"لا\s+سيما|ليس\s+فقط|لا\s+بد|غير\s+أن|بما\s+لا\s+يقل|لا\s+يقل|لا\s+تقل"),
        noncommittal=words_pattern(r"(?:لم\s+)?(?:يؤكد|تؤكد)\s+(?:أو|ولم)\s+(?:ينف|تنف)\w*"),
    ),
    "zh": Cues(
        negations=words_pattern(
            r"不(?![过断少久管论然如仅但止免愧料禁妨得]|同(?!意))|没有|没(?![收])"
            r"|未(?![来知婚成必])|无(?![论数人线锡辜限穷])|并非|绝非|别再", "zh"),
        predicates=words_pattern(r"否认|拒绝|未能|没能|驳斥|否定", "zh"),
        idioms=words_pattern(r"不仅|不但|不过|不断|不少|不久|不管|不论|不得不|毫无疑问|无论"
                             r"|不止|不同(?!意)|未来|未知|不禁|不料", "zh"),
        noncommittal=words_pattern(r"(?:既)?(?:不|未)(?:证实|确认)(?:也|亦)?(?:不|未)?否认"
                                   r"|拒绝(?:证实|确认)(?:或|也不)否认", "zh"),
    ),
}

"""Negation cues per language."""


# (positive pole, negative pole) per language; regex bodies of word forms.
OPPOSITES: tuple[dict[str, tuple[str, str]], ...] = (
    {  # confirm / deny
        "en": (r"confirm\w*", r"den(?:y|ies|ied|ying)"),
        "fr": (r"confirm\w*", r"dément\w*|démenti\w*|nie|nient|nier|niée?s?|infirm\w*"),
        "de": (r"bestätig\w*", r"dementier\w*|bestreit\w*|bestritt\w*"),
        "es": (r"confirm\w*", r"desmient\w*|desmint\w*|niega\w*|negó|negaron"),
        "it": (r"conferm\w*",
               r"smenti\w*|smentisc\w*|negat[oaie]|nega|negano"),
        "pt": (r"confirm\w*",
               r"desment\w*|nega|negou|negaram|negado"),
        "pl": (r"potwierdz\w*|potwierdzi\w*",
               r"zaprzecz\w*|zdementow\w*|dementuj\w*"),
        "ru": (r"подтверд\w*|подтвержда\w*",
               r"опроверг\w*|отрица\w*"),
        "tr": (r"doğrula\w*",
               r"yalanla\w*"),
        "ar": (r"(?:و)?(?:أكد|أكدت|يؤكد|تؤكد)",
               r"(?:و)?(?:نفى|نفت|ينفي|تنفي)"),
        "zh": (r"证实|确认|承认", r"否认|驳斥"),
    },
    {  # accept / reject
        "en": (r"accept\w*", r"reject\w*|turn(?:s|ed|ing)?\s+down"),
        "fr": (r"accept\w*", r"rejet\w*|rejett\w*"),
        "de": (r"akzeptier\w*|angenommen", r"abgelehnt|ablehn\w*|lehnt\w*"),
        "es": (r"acept\w*", r"rechaz\w*"),
        "it": (r"accett\w*",
               r"rifiut\w*|respint\w*|respinge\w*"),
        "pt": (r"aceit\w*",
               r"rejeit\w*|recus\w*"),
        "pl": (r"przyjął|przyjęł\w*|przyjęt\w*|zaakceptow\w*|akceptuj\w*",
               r"odrzuc\w*|odrzuci\w*"),
        "ru": (r"принял\w*|принят\w*|приня\w*",
               r"отклон\w*|отверг\w*"),
        "tr": (r"kabul\s+et\w*",
               r"reddet\w*"),
        "ar": (r"(?:و)?(?:قبل|قبلت|يقبل)",
               r"(?:و)?(?:رفض|رفضت|يرفض)"),
        "zh": (r"接受", r"拒绝"),
    },
    {  # grant / refuse
        "en": (r"grant\w*|issu(?:e|es|ed|ing)", r"refus\w*|den(?:y|ies|ied|ying)|turn\w*\s+away"),
        "fr": (r"accord\w*|octroy\w*|délivr\w*", r"refus\w*"),
        "de": (r"gewähr\w*|erteil\w*", r"verweiger\w*"),
        "es": (r"conced\w*|otorg\w*", r"deneg\w*|negó|niega\w*"),
    },
    {  # approve / reject
        "en": (r"approv\w*", r"reject\w*|veto\w*"),
        "fr": (r"approuv\w*|adopt\w*", r"rejet\w*|rejett\w*"),
        "de": (r"billig\w*|genehmig\w*", r"abgelehnt|ablehn\w*"),
        "es": (r"aprob\w*|aprueb\w*", r"rechaz\w*"),
        "it": (r"approv\w*",
               r"respint\w*|respinge\w*|bocciat\w*"),
        "pt": (r"aprov\w*",
               r"rejeit\w*|chumb\w*"),
        "pl": (r"zatwierdz\w*|zatwierdzi\w*",
               r"odrzuc\w*|odrzuci\w*"),
        "ru": (r"одобр\w*|утверд\w*",
               r"отклон\w*|отверг\w*"),
        "tr": (r"onayla\w*",
               r"reddet\w*"),
        "ar": (r"(?:و)?(?:وافق|وافقت|يوافق|أقر|أقرت)",
               r"(?:و)?(?:رفض|رفضت|يرفض)"),
        "zh": (r"批准", r"否决|驳回"),
    },
    {  # increase / decrease
        "en": (r"increas\w*", r"decreas\w*|reduc\w*"),
        "fr": (r"augment\w*", r"diminu\w*|rédui\w*"),
        "de": (r"erhöh\w*|zugenommen|nimmt\s+zu", r"gesenkt|senk\w*|abgenommen|verringer\w*"),
        "es": (r"aument\w*", r"disminu\w*|reduj\w*|reduc\w*"),
        "it": (r"aument\w*|crescit\w*|cresciut\w*",
               r"diminu\w*|calat\w*|calo|ridott\w*|riduz\w*"),
        "pt": (r"aument\w*|cresc\w*",
               r"diminu\w*|reduz\w*|reduç\w*|queda"),
        "pl": (r"wzr[oó]s\w*|wzrosł\w*|zwiększ\w*",
               r"spad\w*|spadł\w*|zmniejsz\w*"),
        "ru": (r"вырос\w*|увелич\w*|рост\w*|повыс\w*",
               r"упал\w*|снизи\w*|сниж\w*|уменьш\w*|падени\w*|сократи\w*"),
        "tr": (r"arttı|artış\w*|artıyor|artacak|yükseldi|yükseliş\w*",
               r"azaldı|azalış\w*|azalma\w*|düştü|düşüş\w*"),
        "ar": (r"(?:و)?(?:ارتفع|ارتفعت|ارتفاع|زاد|زادت|زيادة)",
               r"(?:و)?(?:انخفض|انخفضت|انخفاض|تراجع|تراجعت|نقص)"),
        "zh": (r"增加|增长|提高", r"减少|下降|降低"),
    },
    {  # rise / fall
        "en": (r"ris(?:e|es|en|ing)|rose", r"fall|falls|fell|fallen|falling|drop\w*"),
        "fr": (r"hausse|monté\w*|grimp\w*", r"baisse|chut\w*"),
        "de": (r"steig\w*|gestiegen|stieg\w*", r"fiel|fallen|gefallen|sink\w*|gesunken|sank"),
        "es": (r"subi\w*|subió|alza", r"baj\w*|cay\w*|caíd\w*"),
        "it": (r"salit[oaie]|sale|salgono|rialz\w*",
               r"sces[oaie]|scend\w*|crollat\w*|crollo"),
        "pt": (r"subi\w*|sobe|alta",
               r"caiu|caí\w*|desce\w*|desceu|baixa"),
        "zh": (r"上涨|上升|攀升", r"下跌|下降|回落"),
    },
    {  # win / lose
        "en": (r"win|wins|won|winning", r"lose|loses|lost|losing"),
        "fr": (r"gagn\w*|remport\w*", r"perd\w*"),
        "de": (r"gewinn\w*|gewonnen|gewann", r"verlier\w*|verloren|verlor"),
        "es": (r"gana|ganó|ganar|ganaron|ganado", r"pierd\w*|perdi\w*|perder|perdió"),
        "it": (r"vint[oaie]|vince\w*|vinse\w*",
               r"pers[oaie]|perde\w*"),
        "pt": (r"venc\w*|ganh\w*",
               r"perd\w*"),
        "pl": (r"wygra\w*",
               r"przegra\w*"),
        "ru": (r"выигра\w*|победил\w*",
               r"проигра\w*"),
        "tr": (r"kazan\w*",
               r"kaybet\w*"),
        "ar": (r"(?:و)?(?:فاز|فازت|يفوز)",
               r"(?:و)?(?:خسر|خسرت|يخسر)"),
        "zh": (r"赢得|获胜|胜选", r"输掉|落败|败选"),
    },
    {  # allow / ban
        "en": (r"allow\w*|permit\w*|authori[sz]\w*",
               r"ban|bans|banned|banning|forbid\w*|forbade|prohibit\w*"),
        "fr": (r"autoris\w*|permet\w*|permis", r"interdi\w*"),
        "de": (r"erlaub\w*|gestatte\w*", r"verbiet\w*|verboten|untersag\w*"),
        "es": (r"permit\w*|autoriz\w*", r"prohib\w*"),
        "it": (r"permess[oaie]|consent\w*|autorizz\w*",
               r"vietat\w*|vieta\w*|proibit\w*"),
        "pt": (r"permit\w*|autoriz\w*",
               r"proib\w*"),
        "pl": (r"zezwol\w*|pozwol\w*|dopuści\w*",
               r"zakaz\w*"),
        "ru": (r"разреш\w*",
               r"запрет\w*|запрещ\w*"),
        "tr": (r"izin\s+ver\w*",
               r"yasakla\w*"),
        "ar": (r"(?:و)?(?:سمح|سمحت|يسمح)",
               r"(?:و)?(?:منع|منعت|يمنع|حظر|حظرت)"),
        "zh": (r"允许|准许", r"禁止"),
    },
    {  # open / close
        "en": (r"open(?:s|ed|ing)?", r"clos(?:e|es|ed|ing)|shut\w*"),
        "fr": (r"ouvr\w*|ouvert\w*", r"ferm\w*"),
        "de": (r"öffn\w*|geöffnet|eröffn\w*", r"schließ\w*|geschlossen|schloss"),
        "es": (r"abri\w*|abiert\w*|abre\w*", r"cerr\w*|cierr\w*"),
        "it": (r"apert[oaie]|apre|aprono|aprì",
               r"chius[oaie]|chiude|chiudono"),
        "pt": (r"abri\w*|abert\w*",
               r"fech\w*"),
        "pl": (r"otworz\w*|otwarł\w*|otwarto|otwart\w*",
               r"zamkn\w*|zamyk\w*|zamknięt\w*"),
        "ru": (r"открыл\w*|открыт\w*|открыва\w*",
               r"закрыл\w*|закрыт\w*|закрыва\w*"),
        "tr": (r"açtı|açıldı|açılış\w*",
               r"kapattı|kapandı|kapatıldı|kapanış\w*"),
        "ar": (r"(?:و)?(?:فتح|فتحت|افتتح)",
               r"(?:و)?(?:أغلق|أغلقت|إغلاق)"),
        "zh": (r"开放|开启", r"关闭"),
    },
    {  # arrest / release
        "en": (r"arrest\w*|detain\w*", r"releas\w*|freed"),
        "fr": (r"arrêt\w*|interpell\w*", r"libér\w*|relâch\w*"),
        "de": (r"festgenommen|verhaft\w*|festnahm\w*", r"freigelassen|freilass\w*"),
        "es": (r"arrest\w*|detenid\w*|detuv\w*", r"liber\w*|excarcel\w*"),
        "it": (r"arrestat[oaie]|arrest[oa]|fermat[oaie]",
               r"rilasciat[oaie]|liberat[oaie]|scarcerat\w*"),
        "pt": (r"pres[oa]s?|detid[oa]s?",
               r"libertad[oa]s?|solt[oa]s?"),
        "pl": (r"aresztow\w*",
               r"zwolni\w*|zwolnion\w*|uwolni\w*"),
        "ru": (r"задержа\w*|арестова\w*",
               r"освобо\w*|отпущ\w*"),
        "tr": (r"tutuklan\w*|gözaltına\s+alın\w*",
               r"serbest\s+bırak\w*"),
        "ar": (r"(?:و)?(?:اعتقال|اعتقل|اعتقلت|احتجاز)",
               r"(?:و)?(?:الإفراج|أفرج|أفرجت|إطلاق\s+سراح)"),
        "zh": (r"逮捕|拘留", r"释放"),
    },
    {  # admit / deny
        "en": (r"admit\w*|acknowledg\w*", r"den(?:y|ies|ied|ying)"),
        "fr": (r"admet\w*|admis|reconn\w*", r"nie|nient|nier|niée?s?"),
        "de": (r"gestanden|gesteh\w*|eingeräumt", r"bestreit\w*|bestritt\w*|leugn\w*"),
        "es": (r"admit\w*|reconoc\w*", r"niega\w*|negó|negaron"),
    },
    {  # guilty / innocent
        "en": (r"guilty|convicted", r"innocent|acquit\w*"),
        "fr": (r"coupables?|condamné\w*", r"innocent\w*|acquitt\w*"),
        "de": (r"schuldig|verurteilt", r"unschuldig|freigesproch\w*"),
        "es": (r"culpables?|condenad\w*", r"inocentes?|absuelt\w*"),
        "it": (r"colpevol\w*|condannat\w*",
               r"innocent\w*|assolt\w*"),
        "pt": (r"culpad\w*|condenad\w*",
               r"inocente\w*|absolvid\w*"),
        "pl": (r"winn[yaei]\w*|skazan\w*",
               r"niewinn\w*|uniewinni\w*"),
        "ru": (r"виновн\w*|осужд\w*",
               r"невиновн\w*|оправда\w*"),
        "tr": (r"suçlu\w*",
               r"masum\w*|beraat\w*"),
    },
    {  # alive / dead
        "en": (r"alive|survived", r"dead|died|killed"),
        "fr": (r"vivants?|vivantes?|survécu", r"morts?|mortes?|décédé\w*|tué\w*"),
        "de": (r"lebend\w*|überlebt", r"tot|tote\w*|gestorben|getötet|starb\w*"),
        "es": (r"vivos?|vivas?|sobrevivi\w*", r"muert\w*|falleci\w*|murió"),
        "it": (r"viv[oaie]|sopravvissut\w*",
               r"mort[oaie]|decedut\w*|uccis[oaie]"),
        "pt": (r"viv[oa]s?|sobreviv\w*",
               r"mort[oa]s?|falec\w*"),
        "pl": (r"żyw[iya]\w*|przeży\w*",
               r"zmarł\w*|zgin\w*|martw\w*|zabit\w*"),
        "ru": (r"жив[ыао]\w*|выжил\w*",
               r"погиб\w*|умер\w*|мертв\w*|убит\w*"),
        "tr": (r"hayatta|kurtuldu",
               r"öldü|öldürüldü|ölü"),
    },
    {  # support / oppose
        "en": (r"support(?:s|ed|ing)?", r"oppos(?:e|es|ed|ing)"),
        "fr": (r"soutien\w*|soutenu\w*|soutient", r"oppos\w*"),
        "de": (r"unterstütz\w*|befürwort\w*", r"lehn\w*\s+ab"),
        "es": (r"apoy\w*", r"opon\w*|opus\w*"),
        "it": (r"sosten\w*|sostien\w*|appoggi\w*",
               r"oppon\w*|oppost[oaie]"),
        "pt": (r"apoi\w*",
               r"opõe|opor|opôs|opuseram"),
        "pl": (r"popiera\w*|poparł\w*|wspiera\w*",
               r"sprzeciw\w*"),
        "ru": (r"поддерж\w*",
               r"выступ\w*\s+против"),
        "tr": (r"destekle\w*",
               r"karşı\s+çık\w*"),
        "ar": (r"(?:و)?(?:دعم|يدعم|أيد|تؤيد|يؤيد)",
               r"(?:و)?(?:عارض|يعارض|تعارض|معارضة)"),
        "zh": (r"支持|赞成", r"反对"),
    },
    {  # victory / defeat
        "en": (r"victor(?:y|ies)|triumph\w*", r"defeat\w*"),
        "fr": (r"victoire\w*", r"défaite\w*"),
        "de": (r"Sieg|Siege|Siegs|Sieges", r"Niederlage\w*"),
        "es": (r"victoria\w*|triunfo\w*", r"derrota\w*"),
        "it": (r"vittori\w*", r"sconfitt\w*"),
        "pt": (r"vitória\w*", r"derrota\w*"),
        "pl": (r"zwycięst\w*", r"porażk\w*|porażce"),
        "ru": (r"победа|победу|победы|победой", r"поражени\w*"),
        "tr": (r"zafer\w*|galibiyet\w*", r"yenilgi\w*|mağlubiyet\w*"),
        "ar": (r"(?:ال)?(?:انتصار|فوز)", r"(?:ال)?(?:هزيمة|خسارة)"),
    },
    {  # higher / lower, only where no term of comparison follows ("higher than …"): the
       # other report may state the same comparison the other way round
        "en": (_unless(r"higher", r"than"), _unless(r"lower", r"than")),
        "fr": (_unless(r"supérieure?s?|plus\s+élevée?s?", r"que|qu'|à"),
               _unless(r"inférieure?s?|plus\s+faibles?|plus\s+bas(?:ses?)?", r"que|qu'|à")),
        "de": (_unless(r"höher(?:e|en|er|es)?", r"als"),
               _unless(r"niedriger(?:e|en|er|es)?|geringer(?:e|en|er|es)?", r"als")),
        "es": (_unless(r"mayor(?:es)?|más\s+alt[oa]s?", r"que|a"),
               _unless(r"menor(?:es)?|más\s+baj[oa]s?", r"que|a")),
        "it": (_unless(r"superior[ei]|più\s+alt[oaie]", r"di|a|che|del\w*|al\w*"),
               _unless(r"inferior[ei]|più\s+bass[oaie]", r"di|a|che|del\w*|al\w*")),
        "pt": (_unless(r"maior(?:es)?|superior(?:es)?", r"que|a"),
               _unless(r"menor(?:es)?|inferior(?:es)?", r"que|a")),
        "pl": (_unless(r"wyższ\w*", r"niż|od"), _unless(r"niższ\w*", r"niż|od")),
        "ru": (_unless(r"выше", r"чем"), _unless(r"ниже", r"чем")),
    },
    {  # more / fewer, only where no term of comparison follows ("more than 40", "fewer than
       # last year"): as for higher / lower, the other report may turn the comparison round.
       # Not in French, Italian or Portuguese, where "plus", "più" and "mais" also end a
       # negation ("ne … plus": no longer)
        "en": (_unless(r"more", r"than"), _unless(r"less|fewer", r"than")),
        "de": (_unless(r"mehr", r"als"), _unless(r"weniger", r"als")),
        "es": (_unless(r"más", r"que|de"), _unless(r"menos", r"que|de")),
    },
    {  # improve / worsen
        "en": (r"improv(?:e|es|ed|ing|ement|ements)", r"worsen\w*|deteriorat\w*"),
        "fr": (r"amélior\w*", r"aggrav\w*|dégrad\w*|détérior\w*"),
        "de": (r"verbesser\w*", r"verschlechter\w*"),
        "es": (r"mejor(?:ó|a|an|aron|ado|ada|ados|adas|ía)", r"empeor\w*"),
        "it": (r"miglior(?:at[oaie]|a|ano|amento)", r"peggior(?:at[oaie]|a|ano|amento)"),
        "pt": (r"melhor(?:ou|aram|ado|ada|ia)", r"pior(?:ou|aram|ado|ada)"),
        "pl": (r"popraw(?:ił|iła|iło|iły|iają|ia|a)\w*", r"pogorsz\w*"),
        "ru": (r"улучш\w*", r"ухудш\w*"),
        "tr": (r"iyileş\w*", r"kötüleş\w*"),
    },
)

"""Opposite predicates: (positive pole, negative pole) per language, one concept an entry."""


#: Prefixes that negate the word they start ("un" + "likely"), per language.
NEGATING_PREFIXES: dict[str, tuple[str, ...]] = {
    "en": ("un", "in", "im", "il", "ir", "non", "dis"), "de": ("un", "nicht"),
    "fr": ("in", "im", "il", "ir", "non", "dé", "dés", "mé"), "es": ("in", "im", "i", "des", "no"),
    "it": ("in", "im", "il", "ir", "dis", "s", "non"), "pt": ("in", "im", "i", "des", "não"),
    "nl": ("on", "niet"), "pl": ("nie",), "ru": ("не", "без"), "ar": (),
}  # fmt: skip
