"""The multilingual phrase list of boilerplate lines, grouped by the reason a line is removed.

Languages: en, fr, de, es, it, pt, nl, pl, ru, tr, ar, zh. Patterns are matched against a line's
*key*: lower-cased, without leading bullets or trailing arrows and colons (see ``boilerplate``).

* ``WHOLE`` patterns must match the whole key ("pin it", "publicité", "12 comments").
* ``PREFIX`` patterns must match at the start of the key ("lire aussi : …", "photo : …").
* ``STRONG`` patterns mark a line as boilerplate even when it reads like a sentence
  ("© 2021 Daily News. All rights reserved.", "We use cookies to improve your experience.").

The ``INLINE_*`` tables and markers find boilerplate *inside* a paragraph: media-player notices,
newsletter widgets, share and caption widgets, photo credits, click prompts, copyright notices
and "Read more:" teasers (see ``boilerplate.inline_spans_heuristic``).
"""

from __future__ import annotations

import re

__all__ = [
    "AD_LABELS",
    "AGENCIES",
    "AGENCY_TAILS",
    "COPYRIGHT_MARKER",
    "CREDIT_CONNECTORS",
    "CREDIT_MARKER",
    "CREDIT_STOP_WORDS",
    "INLINE_EXACT",
    "INLINE_SENTENCE",
    "INLINE_TRIGGERS",
    "PREFIX",
    "PREFIX_ONE",
    "READ_MORE_LABELS",
    "SECTION_WORDS",
    "SHARE_CORE",
    "SHARE_FILLER",
    "STRONG",
    "STRONG_ONE",
    "TEASER_MARKER",
    "WHOLE",
    "WHOLE_ONE",
]


def _words(text: str) -> frozenset[str]:
    """The whitespace-separated words of ``text``: word lists read best as plain text."""
    return frozenset(text.split())


# Words that alone make a share button, and words allowed around them ("share this article").
SHARE_CORE = _words("""
share shares sharing tweet retweet pin pinterest facebook twitter linkedin whatsapp telegram reddit
email e-mail mail print imprimer partager partagez drucken teilen compartir imprimir condividi
stampa compartilhar partilhar delen printen udostępnij drukuj поделиться печать paylaş yazdır
مشاركة شارك طباعة 分享 转发 打印 flipboard messenger viber
""")
SHARE_FILLER = _words("""
it this the article story page post link copy on via with to by an a x sur par cet cette l'article
ce auf per diesen artikel den en este artículo la el por su questo articolo no este artigo o op dit
deze het na ten artykuł эту статью в bu haberi 文章 本文 ce lien copier kopieren link
enlace copiar copia collegamento copiar
""")

# Lower-cased words that name a section or category of a news site. A line of one or two of these
# before the headline is a category tag, never an author's name.
SECTION_WORDS = _words("""
news world politics opinion sport sports business economy tech technology science health culture
entertainment lifestyle travel local national international breaking exclusive live analysis
video videos photos podcast latest top stories home us uk europe asia africa americas middle east
environment climate education media arts books music film style food weather crime
actualités actualité monde politique économie société sciences santé sport culture international
france europe régions opinions idées débats vidéo direct exclusif
nachrichten welt politik wirtschaft gesellschaft kultur wissen panorama meinung ausland inland
noticias mundo política economía sociedad cultura deportes opinión internacional nacional
notizie mondo politica economia cronaca cultura esteri interni sport
notícias mundo política economia sociedade cultura esportes desporto
nieuws wereld politiek economie binnenland buitenland
wiadomości świat polityka gospodarka kraj sport
новости мир политика экономика общество культура спорт
haberler dünya siyaset ekonomi gündem spor
أخبار العالم سياسة اقتصاد رياضة
新闻 国际 政治 经济 体育 财经 社会
""")

_WHOLE = {
    "share button": [
        r"follow us( on \w+)?", r"suivez[- ]nous( sur \w+)?", r"folgen sie uns( auf \w+)?",
        r"síguenos( en \w+)?", r"seguici( su \w+)?", r"siga-nos( no \w+)?",
    ],
    "comment prompt": [
        r"(\d+\s+)?(comments?|commentaires?|kommentare?|comentarios?|commenti|comentários?"
        r"|reacties|komentarz[ey]?|комментари[ийя]|yorum(lar)?|تعليقات|التعليقات|评论)(\s*\(?\d+\)?)?",
        r"(leave|add|post|write) (a|your) (comment|reply)", r"(show|view|read) (all )?comments",
        r"discuss this (article|story)", r"join the (discussion|conversation|debate)",
        r"discuter de cet article", r"commenter( cet article)?", r"réagir( à cet article)?",
        r"(laisser|ajouter|écrire) un commentaire", r"(artikel )?kommentieren",
        r"diskutieren sie mit", r"(deja|escribe) (un|tu) comentario", r"comentar",
        r"lascia un commento", r"commenta", r"deixe (um|seu) comentário", r"reageer",
        r"dodaj komentarz", r"оставить комментарий", r"yorum yap", r"أضف تعليق", r"发表评论",
    ],
    "subscription prompt": [
        r"subscribe( now| today| here)?", r"newsletter", r"sign up", r"s'abonner",
        r"abonnez-vous", r"jetzt abonnieren", r"abonnieren", r"suscríbete", r"suscribirse",
        r"iscriviti", r"abbonati", r"assine( já)?", r"inscreva-se", r"abonneer( je)?",
        r"subskrybuj", r"подписаться", r"подпишитесь", r"abone ol", r"اشترك", r"订阅",
    ],
    "advertisement": [
        r"advertisement", r"advertising", r"ads?", r"sponsored( content)?", r"paid (content|post)",
        r"promoted", r"publicité", r"pub", r"contenu sponsorisé", r"anzeige", r"werbung",
        r"publicidad", r"anuncio", r"contenido patrocinado", r"pubblicità", r"annuncio",
        r"publicidade", r"anúncio", r"advertentie", r"reclame", r"reklama", r"реклама",
        r"reklam", r"إعلان", r"广告",
        r"(story|article) continues below( this)?( advertisement)?",
        r"continue reading (below|the main story)", r"la suite (après|sous) (la|cette) publicité",
        r"weiter nach der anzeige", r"el artículo continúa (tras|después de) la publicidad",
    ],
    "navigation": [
        r"home", r"menu", r"skip to (main )?content", r"(back|go) to top", r"sign in", r"log ?in",
        r"register", r"search", r"accueil", r"retour en haut( de (la )?page)?", r"se connecter",
        r"startseite", r"anmelden", r"nach oben", r"inicio", r"volver arriba",
        r"iniciar sesión", r"accedi", r"torna su", r"início", r"voltar ao topo", r"entrar",
        r"inloggen", r"terug naar boven", r"strona główna", r"zaloguj się", r"главная",
        r"войти", r"ana sayfa", r"giriş yap", r"الرئيسية", r"首页", r"返回顶部",
    ],
    "photo credit": [r"photo", r"image", r"foto", r"фото", r"صورة", r"图片"],
    "related links": [
        r"related( articles?| stories| content| coverage| posts| news)?", r"more stories",
        r"recommended( for you| stories| articles)?", r"à lire aussi", r"articles liés",
        r"verwandte artikel", r"relacionados", r"correlati", r"relacionadas",
    ],
}

_PREFIX = {
    "related links": [
        r"related( articles?| stories| content| coverage| posts| news| reading| topics)?\s*:",
        r"read (more|also|next)", r"also read", r"see also",
        r"more (on|about) this( story| topic)?",
        r"more from", r"you (may|might) also (like|be interested)", r"recommended( for you)?\s*:",
        r"most (read|popular|viewed)", r"trending now", r"(à |a )?lire (aussi|également)",
        r"lire la suite", r"voir aussi", r"sur le même sujet", r"dans la même rubrique",
        r"d'autres (rapports|articles)", r"nos articles", r"articles (similaires|liés|connexes)",
        r"lesen sie (auch|mehr|weiter)", r"mehr zum thema", r"weitere artikel",
        r"das könnte sie auch interessieren", r"auch interessant", r"leer más",
        r"le[ae] también", r"te puede interesar", r"noticias relacionadas",
        r"artículos relacionados", r"leggi (anche|di più|tutto)", r"articoli correlati",
        r"potrebbe interessarti", r"leia (também|mais)", r"saiba mais", r"veja também",
        r"notícias relacionadas", r"lees (ook|meer)", r"meer over", r"gerelateerde artikelen",
        r"czytaj (też|także|więcej|również)", r"zobacz (też|także|również)",
        r"читайте также", r"по теме", r"смотрите также", r"ayrıca (okuyun|bakınız)",
        r"ilgili haberler", r"devamını oku", r"اقرأ أيضا", r"اقرأ أيضاً", r"مواضيع ذات صلة",
        r"相关阅读", r"相关新闻", r"延伸阅读", r"阅读更多",
    ],
    "photo credit": [
        r"(photo|image|picture|foto|bild|illustration|credit|crédit|crédits|фото|صورة|图片|摄影)"
        r"s?(\s+(credits?|crédits?|photo|image))?\s*(:|©)",
        r"(ap|afp|epa|reuters|getty|dpa|ansa|efe|anp|pap|tass|ria|aa)( photo| images?)?\s*/",
        r"(getty images|shutterstock|istock|alamy)\b", r"(image|media|photo) caption\b",
    ],
    "category tag": [
        r"(tags?|topics?|filed under|categor(y|ies)|posted in|mots[- ]clés|thèmes?|catégories?"
        r"|rubrique|schlagw(ö|o)rter|schlagworte|themen|etiquetas|temas|categorías|argomenti"
        r"|etichette|onderwerpen|tagi|теги|метки|etiketler|الوسوم|标签)\s*:",
    ],
    "subscription prompt": [
        r"(subscribe|sign up) (to|for) (our|the)( \w+)? newsletters?",
        r"get (our|the)( \w+)? newsletter", r"inscrivez-vous à (notre|la) newsletter",
        r"recevez (notre|la) newsletter", r"newsletter abonnieren", r"abonnieren sie",
        r"suscríbete a", r"iscriviti (a|alla)", r"assine (a|o|nossa)", r"inscreva-se (na|em)",
        r"abonneer je op", r"zapisz się na", r"подпишитесь на", r"اشترك في",
    ],
}

_STRONG = {
    "copyright notice": [
        r"(©|\(c\)|copyright\b)", r".*\ball rights reserved\b", r".*\btous droits réservés\b",
        r".*\balle rechte vorbehalten\b", r".*\btodos los derechos reservados\b",
        r".*\btutti i diritti riservati\b", r".*\btodos os direitos reservados\b",
    ],
    "subscription prompt": [
        r"(?:sign up|subscribe) (?:to|for) (?:our|the) (?:\w+ )?newsletter"
        r"|subscribe to .{1,60}? on (?:apple podcasts|spotify|itunes|google podcasts)",
    ],
    "cookie notice": [
        r"(we|this (web)?site) uses? cookies", r"(accept|manage) (all )?cookies",
        r"cookie (policy|settings|preferences)", r"nous utilisons des cookies",
        r"ce site utilise des cookies", r"accepter (les|tous les) cookies",
        r"wir verwenden cookies", r"diese (web)?seite (verwendet|nutzt) cookies",
        r"utilizamos cookies", r"este sitio (web )?utiliza cookies", r"utilizziamo (i )?cookie",
        r"questo sito utilizza (i )?cookie", r"usamos cookies", r"wij gebruiken cookies",
        r"używamy (plików )?cookies", r"мы используем (файлы )?cookie", r"çerezler",
        r"نستخدم ملفات تعريف الارتباط", r"我们使用cookie",
    ],
    "related links": [
        r"(related|read more|read also|see also|lire aussi|à lire aussi|voir aussi"
        r"|lesen sie auch|leer más|lea también|leggi anche|leia também|lees ook|czytaj też"
        r"|czytaj także|читайте также|ayrıca okuyun|اقرأ أيضا)\s*:",
    ],
}


def _compile(table: dict[str, list[str]], *, whole: bool) -> list[tuple[re.Pattern[str], str]]:
    """Compile a reason → patterns table into (pattern, reason) pairs."""
    end = r"\Z" if whole else ""
    return [(re.compile(f"(?:{p}){end}"), reason) for reason, ps in table.items() for p in ps]


def _one_pattern(table: list[tuple[re.Pattern[str], str]]) -> tuple[re.Pattern[str], list[str]]:
    """The pairs as one alternation (tried in order, like the pairs), with each pair's reason
    found by the name of its group: one ``match`` per line in place of one per pattern."""
    pattern = re.compile("|".join(f"(?P<r{i}>{p.pattern})" for i, (p, _) in enumerate(table)))
    return pattern, [reason for _, reason in table]


WHOLE = _compile(_WHOLE, whole=True)
PREFIX = _compile(_PREFIX, whole=False)
STRONG = _compile(_STRONG, whole=False)
WHOLE_ONE, PREFIX_ONE, STRONG_ONE = (_one_pattern(t) for t in (WHOLE, PREFIX, STRONG))


# ------------------------------------------------------------------ inline boilerplate
# Spans inside a paragraph (not whole lines), as scrapers leave them in one-paragraph articles.
# Each table maps a reason to patterns, matched case-insensitively anywhere in a line; they use
# only bounded repetition, so a search is linear in the line. See ``boilerplate.inline_spans``.

#: An English month name as embedded posts date themselves ("March 12, 2020", "Dec 31, 2019").
_MONTH = (r"(?:jan(?:uary)?|feb(?:ruary)?|mar(?:ch)?|apr(?:il)?|may|june?|july?|aug(?:ust)?"
          r"|sep(?:t(?:ember)?)?|oct(?:ober)?|nov(?:ember)?|dec(?:ember)?)")

#: A site's motto, "leftist, secular, democratic" (ar), the first word cut short on some pages.
_MOTTO = r"(?:يس)?ار(?:ي|ية) ?[،,] ?علماني(?:ة)? ?[،,] ?ديمقراطي(?:ة)?"

#: Spans removed exactly as matched.
_INLINE_EXACT = {
    "media notice": [
        r"your browser does(?: not|n't) support (?:the |this )?(?:html5 )?(?:audio|video|iframe)"
        r"(?: element| tag| player| playback)?\.?",
        r"to view this video,? (?:please )?enable javascript(?:[^.\n]{0,100}?html5(?: video)?)?\.?",
        r"per visualizzare questo video,? abilita javascript(?:[^.\n]{0,120}?(?:video html5"
        r"|html5))?\.?",
        r"ihr browser unterstützt (?:das|den|dieses|diesen|kein|keine)[^.\n]{0,60}\.?",
        r"votre navigateur ne (?:prend pas en charge|supporte pas)[^.\n]{0,60}\.?",
        r"(?:tu|su) navegador no (?:admite|soporta|es compatible con)[^.\n]{0,60}\.?",
        r"il tuo browser non supporta[^.\n]{0,60}\.?",
        r"twoja przeglądarka nie (?:obsługuje|wspiera)[^.\n]{0,60}\.?",
        r"ваш браузер не поддерживает[^.\n]{0,60}\.?",
        r"tarayıcınız[^.\n]{0,40}desteklemiyor\.?", r"متصفحك لا يدعم[^.\n]{0,60}\.?",
        r"您的浏览器不支持[^。\n]{0,30}。?", r"(?:the )?video will start in \d+ cancel",
    ],
    "subscription prompt": [
        r"sign up to (?:our )?(?:free )?(?:daily |weekly )?e-?mail alerts?"
        r"(?: from (?:.{1,60}? subscribe\b|\S+))?",
        r"thank you for subscribing(?: we have more newsletters show me)?(?: see our privacy "
        r"notice)?(?: could not subscribe, try again later)?(?: invalid email)?",
        r"(?:get the best of [\w.]{2,30} )?delivered to your inbox\W{1,3}subscribe to [\w.]{2,30}"
        r"(?: \w{2,20})?\.?",
        # the sign-up widget above as machine translation renders it (SemEval's ru, zh, es)
        r"подпишитесь на бесплатные (?:ежедневные )?оповещения по электронной почте от "
        r"[^\n]{1,60}? (?:подпишитесь|подписаться|подписывайтесь)(?: спасибо за подписку)?"
        r"(?: у нас есть больше информационных бюллетеней)?(?: показать мне)?"
        r"(?: см\. наше уведомление о конфиденциальности)?"
        r"(?: не удалось подписаться, повторите попытку позже)?"
        r"(?: (?:недействительный|неверный) адрес электронной почты)?",
        r"订阅来自 ?[\w.-]{2,40} 的免费每日电子邮件提醒 - [^\n]{1,12}?订阅(?: 感谢您订阅)?"
        r"(?: 我们有更多时事通讯)?(?: 给我看)?(?: (?:请参阅|看看)我们的隐私声明)?"
        r"(?: 无法订阅，(?:重试后来|稍后再试))?(?: ?无效(?:的)?电子邮件)?",
        r"regístrese para recibir alertas de correo electrónico (?:diarias )?gratuitas de "
        r"[^\n]{1,60}? suscribirse(?: gracias por suscribirse)?(?: tenemos más boletines)?"
        r"(?: muéstrame)?(?: ver nuestro aviso de privacidad)?"
        r"(?: no se pudo suscríbete, inténtalo de nuevo más tarde)?"
        r"(?: correo electrónico no válido)?",
        r"(?:every evening, )?dw sends out a selection of the day['’]s news and features\.?"
        r"(?: sign up here\.?)?",
        r"(?:ne (?:ratez|manquez) (?:plus )?(?:aucun|aucune|rien)|(?:never|don't|do not) miss"
        r" (?:a|an|any)) (?:[^.\n]|\.(?=\w)){0,80}?(?:alertes?|notifications?|newsletters?|alerts?)"
        r"(?: (?:via|sur|par|on|by|from) [\w.-]{2,30})?\.?",
    ],
    "share button": [
        r"(?:(?:jetzt )?teilen(?: sie)?(?: jetzt)?\s?:\s?){1,4}",
        r"(?:share (?:this|the) (?:article|story|page|post)(?: on \w+| via \w+)?\s?:?\s?){1,3}",
        r"(?:(?:share|partager|compartir|condividi|udostępnij|поделиться) (?:on|sur|via|en|su|na|в)"
        r" (?:facebook|twitter|whatsapp|linkedin|pinterest|reddit|telegram|e-?mail|facebooku"
        r"|twitterze|вконтакте)\s?){1,6}",
        r"(?:guardar )?enviar noticia por correo electrónico",
        r"send this page to someone via e-?mail",
        r"(?:dettagli|detalles|details) dmca",
        r"(?:like us on facebook|follow us on (?:twitter|instagram|facebook))[.!]?",
    ],
    "photo caption": [
        r"(?:image|immagine|imagen|bild|foto|photo|zdjęcie) \d{1,3} (?:of|di|de|von|sur|z) ?/? ?"
        r"\d{1,3}(?: (?:caption|didascalia|leyenda|légende|bildunterschrift)(?: (?:close|chiudi"
        r"|cerrar|fermer|schließen))?)?",
        r"in dieser galerie: ?\d{1,3} bilder",
        r"\+\+\+ ?dpa-bildfunk ?\+\+\+\.?",
    ],
    "photo credit": [
        r"\((?:photos?|fotos?|bild|image|imagen|immagine|fotoğraf|фото|zdjęcie|crédits? photo"
        r"|photo credit|credit)(?: by| de| di| von| par| av)?\s?[:©]?[^()\n]{0,120}\)",
        r"(?-i:(?:[A-Z][\w'’-]+ ){1,3}[A-Z][\w'’-]+ ?/ ?)(?:getty images|afp|reuters|ap|dpa|epa"
        r"|anadolu agency|shutterstock)(?: via getty images)?",
        r"\([^()\n]{1,80}(?:/ap|/afp|/reuters|/getty images|/dpa|/epa|/efe|/ansa|via ap"
        r"|via getty images|via reuters)\)",
    ],
    "copyright notice": [
        r"tüm hakları [^.\n]{0,60} aittir\.?",
        r"this material may not be published, broadcast, rewritten,? or redistributed"
        r"(?: without permission)?\.?",
        r"этот материал нельзя публиковать, транслировать, переписывать или распространять\.?",
    ],
    "embedded post": [
        # an embedded tweet's signature, after its text: "… pic.twitter.com/x — Name
        # (@handle) March 12, 2020" (the tweet's words stay: they are what was said)
        r"(?:pic\.twitter\.com/\w+\s?)?[—–]\s?[^—–\n()@]{1,60}?\s?\(@\w{1,15}\)\s?"
        + _MONTH + r"\.? \d{1,2}, \d{4}",
        # the same signature on a line of its own, without the dash
        r"(?<![^\n])[^\n—–()@.!?]{1,60}?\s?\(@\w{1,15}\)\s?" + _MONTH
        + r"\.? \d{1,2}, \d{4}(?![^\n])",
        r"pic\.twitter\.com/\w+",
    ],
    "related links": [
        r"den vollständigen artikel lesen(?: ?(?:\.\.\.|…))?",
        r"visit [\w'’ .-]{2,40}['’]s homepage for more stories\.?",
        r"visita la home ?page di [\w'’ .-]{2,40} per altre storie\.?",
        r"下一页 ?\d{1,2}(?: ?\| ?\d{1,2})* ?\|?",
        r"noticias relacionadas(?: vea más)?",
    ],
    "syndication notice": [
        r"\(?(?:this story has not been edited by [^()\n]{1,60}? staff and is|only the headline "
        r"and picture of this report may have been reworked by the [^()\n]{1,60}? staff; the "
        r"rest of the content is) auto-generated from a syndicated feed\.?\)?",
        r"（?此故事未经 ?[^。（）\n]{1,40}? ?(?:员工|工作人员)编辑，是从联合提要自动生成的。?）?",
    ],
    "adblock notice": [
        # a notice that is the whole body of two SemEval pages (zh), which then hold no article
        r"我们注意到您正在屏蔽广告！?", r"关闭广告拦截器，继续支持伟大的新闻业。?",
        r"或者购买订阅以无限访问您可以信赖的真实新闻。?",
    ],
    "comment form": [
        r"kommentar-profil anlegen(?: ich habe die netiquette und die datenschutzerklärung "
        r"gelesen und akzeptiere diese\.?)?(?:\*? ?\*?pflichtfelder)?",
    ],
    "login prompt": [r"anmeldung noch nicht bei (?:der |dem |den )?[^?\n]{1,40}\?"],
    "site header": [
        # a site's masthead as SemEval's pages carry it, the whole body of six of them (ar):
        # its donation prompt, its name, its motto "leftist, secular, democratic", its slogan
        # and its award
        r"(?:الحوار المتمدن\s{0,3})?(?:ال)?تبرع للموقع ?- ?ادعم(?:نا|ونا)",
        r"(?:رئيس مؤسسة الحوار الحضاري|الموقع الرئيسي لمؤسسة الحوار المتمدن)",
        r"(?<![^\n])" + _MOTTO + r"(?![^\n])",  # alone on its line, or before the slogan
        _MOTTO + r" ?(?=\"?من أجل مجتمع مدني)",
        r"\"?من أجل مجتمع مدني علماني و?ديمقراطي حديث يضمن (?:الحرية و)?العدالة الاجتماعية"
        r" للجميع[.\"]{0,2}",
        r"و?(?:فاز|حاز) الحوار (?:الحضاري|المتمدن) (?:ب|على )جائزة ابن رشد للفكر الحر ?،? ?"
        r"(?:التي مُنحت لشخصيات بارزة|والتى نالها أعلام) في الفكر و?الثقافة",
    ],
    "source credit": [
        # an aggregator's credit between headline and body, and its document id at the end
        # ("… injury (MENAFN - Gulf Times) Evgeni Malkin …", "MENAFN0201202000703653ID10994")
        r"\(menafn ?[-–] ?[^()\n]{1,60}\)", r"menafn\d{6,}id\d{6,}",
    ],
    "advertisement": [
        r"(?:story|article) continues below(?: this)?(?: advertisement)?",
        r"continue reading (?:below|the main story)", r"l'articolo continua (?:qui )?sotto",
        r"el artículo continúa (?:debajo|abajo|después de la publicidad)",
        r"weiterlesen nach der anzeige", r"la suite (?:après|sous) (?:cette |la )?publicité",
        r"this advertisement has not loaded yet(?:, but your(?: article continues below)?)?\.?",
    ],
}

#: Labels that stand alone between two sentences: advertisements, "Read more" links, media tags.
AD_LABELS = frozenset(
    ["Advertisement", "ADVERTISEMENT", "ANZEIGE", "PUBLICITÉ", "PUBBLICITÀ", "PUBLICIDAD",
     "WERBUNG", "REKLAMA", "РЕКЛАМА", "REKLAM", "Publicité", "Pubblicità", "Publicidad"]
)
READ_MORE_LABELS = frozenset(
    ["Read more", "READ MORE", "Read More", "Leer más", "Lire la suite", "Weiterlesen",
     "Leggi di più", "Czytaj więcej", "Читать далее", "阅读更多", "(FOTO)", "(VIDEO)", "(WIDEO)",
     "(FOTOS)", "(VÍDEO)", "(PHOTOS)"]
)

#: Markers whose short sentence goes whole ("For details, click here", "Please disable AdBlock").
_INLINE_SENTENCE = {
    "click prompt": [
        r"click here|klicken sie hier|hier klicken|cliquez ici|haga clic aquí|pulse aquí"
        r"|clicca qui|kliknij tutaj|нажмите здесь|buraya tıklayın|انقر هنا|点击这里"
        r"|finden sie hier\.",
    ],
    "adblock notice": [r"ad-?blocke?r?|ublock|werbeblocker|bloqueur de publicité"],
    "cookie notice": [
        r"cookies? (?:must|need to) be enabled|enable cookies|cookies aktivieren"
        r"|activer les cookies|habilitar (?:las )?cookies|abilitare i cookie"
        r"|akzeptieren und schließen|ihre zustimmung können sie auf die weise widerrufen"
        r"|regeln der cookies-nutzung",
    ],
    "social prompt": [
        r"follow (?:\S{1,30} ){1,3}?on (?:twitter|facebook|instagram|linkedin|youtube|telegram"
        r"|tiktok)"
        r"|folgen sie uns auf|suivez-nous sur|síguenos en|seguici su|obserwuj nas na"
        r"|подписывайтесь на нас",
    ],
}

#: Markers of a copyright notice: from one at a sentence start to the end of a short remainder.
COPYRIGHT_MARKER = re.compile(
    r"copyright\b|©|\(c\) ?\d{4}|derechos de autor|авторское право|telif hakkı|版权所有"
    r"|all rights reserved|tous droits réservés|alle rechte vorbehalten"
    r"|todos los derechos reservados|tutti i diritti riservati|wszelkie prawa zastrzeżone"
    r"|все права защищены|tüm hakları saklıdır|جميع الحقوق محفوظة",
    re.IGNORECASE,
)

#: A photo-credit label; the credit after it (names, agencies, slashes) is read by a grammar.
CREDIT_MARKER = re.compile(
    r"(?:rubriklistenbild|bildquelle|photo credit|crédit photo|créditos|credits?"
    r"|(?:text[eo]? (?:y|und|et|and|&) )?(?:photos?|fotos?|bild)|image|imagen|immagine|picture"
    r"|fotoğraf|фото|zdjęcie)\s?(?::|©)\s?©?\s?|[©@]\s?(?:quelle|source)\s?:\s?"
    r"|©\s?",
    re.IGNORECASE,
)

#: A teaser label; the teaser after it runs to the next label, a sentence end or the line end.
TEASER_MARKER = re.compile(
    r"(?:(?:to )?read more|read also|see also|more on this|lesen sie (?:auch|mehr)|mehr zum thema"
    r"|à lire aussi|lire aussi|voir aussi|leer más|lea también|leggi anche|leia também"
    r"|czytaj (?:też|także|również|więcej)|zobacz (?:też|także)|читайте также"
    r"|ayrıca bakınız|اقرأ أيضا|相关阅读|延伸阅读|vous voudrez peut-être (?:également |aussi )?"
    r"(?:regarder|lire)|you (?:may|might) also (?:like|want to (?:read|watch)))(\s?(?::|»|>>))?",
    re.IGNORECASE,
)

#: News agencies and picture libraries, lower-cased, as credits name them.
AGENCIES = _words(
    """afp ap reuters epa dpa getty ansa efe anp pap tass aa xinhua shutterstock imago apa sda
    keystone belga kyodo yonhap anadolu iha dha sputnik ria ria-novosti itar-tass ukrinform unian
    istock istockphoto alamy pixabay unsplash flickr wikimedia dpa-afx dpa-zentralbild picture
    picture-alliance associated rtr epa-efe"""
)

#: Words that continue an agency's name ("Getty Images", "picture alliance", "AP Photo").
AGENCY_TAILS = _words("images image photo photos foto fotos alliance press pool")

#: Lower-case words allowed inside a credit's name ("Carla de Souza", "X via Getty Images").
CREDIT_CONNECTORS = _words("de da di del della van von der den du le la via y e und and")

#: Lower-cased words that open a sentence and so end a credit before them ("… /dpa Die Sonde").
CREDIT_STOP_WORDS = _words("""
the a an this that these those it he she they we his her their in on at after before when while
according but and as for der die das ein eine er sie es im am nach bei mit seit laut auch zur zum
le la les un une il elle ils selon dans après depuis pour el los las una según tras desde en lo
gli uno secondo nel dopo o os um uma após w na po we według и в на по bu bir ve
""")


def _compile_inline(table: dict[str, list[str]]) -> list[tuple[re.Pattern[str], str]]:
    """One case-insensitive alternation per reason."""
    return [(re.compile("|".join(f"(?:{p})" for p in ps), re.IGNORECASE), reason)
            for reason, ps in table.items()]


INLINE_EXACT = _compile_inline(_INLINE_EXACT)
INLINE_SENTENCE = _compile_inline(_INLINE_SENTENCE)

#: Lower-case stems of which every inline pattern holds one: only the stretches of a line around
#: them are searched with the patterns (a substring search is far cheaper than a regex). A test
#: checks that searching everything finds nothing more. "_" stands for a space.
INLINE_TRIGGERS: tuple[str, ...] = tuple(stem.replace("_", " ") for stem in _words("""
© @quelle @_quelle copyright (c) derechos авторское telif 版权 rights droits rechte diritti
prawa права hakları الحقوق material материал
browser navigateur navegador przeglądarka браузер tarayıcı متصفح 浏览器 javascript video
mail subscri inbox newsletter sign_up ratez manquez miss_a
teilen share partager compartir condividi udostępnij поделиться correo dmca like_us
foto photo bild image immagine picture credit crédit фото zdjęcie galerie
/ap /_ap /afp /_afp /reuters /_reuters /getty /_getty /dpa /_dpa /epa /_epa
/efe /ansa /anadolu /_anadolu /shutterstock /_shutterstock via_ap via_reuters @source @_source
continu continú anzeige publicit publicid pubblicit advertis werbung reklam реклам
click klick cliquez clic pulse clicca kliknij нажмите tıkla انقر 点击 finden
block bloqueur cookie follow folgen suivez síguenos seguici obserwuj подписывайтесь
read lesen lire leer lea_también leggi leia czytaj zobacz читайте читать ayrıca اقرأ 阅读
相关 延伸 voudrez also mehr_zum voir_aussi more_on weiterlesen
(foto (video (wideo (vídeo (photo
(@ pic.twitter menafn vollständigen_artikel homepage home_page 下一页
kommentar-profil anmeldung sends_out akzeptieren zustimmung подпишитесь 订阅来自 regístrese
syndicated 联合提要 屏蔽广告 广告拦截器 购买订阅 relacionadas send_this_page
تبرع_للموقع مؤسسة_الحوار علماني مجتمع_مدني جائزة_ابن_رشد
"""))
