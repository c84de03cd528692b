"""The multilingual phrase list of boilerplate lines, grouped by the reason a line is removed.

Languages: en, fr, de, es, it, pt, nl, pl, ru, tr, ar, zh. Patterns are matched against a line's
*key*: lower-cased, without leading bullets or trailing arrows and colons (see ``boilerplate``).

* ``WHOLE`` patterns must match the whole key ("pin it", "publicité", "12 comments").
* ``PREFIX`` patterns must match at the start of the key ("lire aussi : …", "photo : …").
* ``STRONG`` patterns mark a line as boilerplate even when it reads like a sentence
  ("© 2021 Daily News. All rights reserved.", "We use cookies to improve your experience.").
"""

from __future__ import annotations

import re

__all__ = ["PREFIX", "SECTION_WORDS", "SHARE_CORE", "SHARE_FILLER", "STRONG", "WHOLE"]


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


WHOLE = _compile(_WHOLE, whole=True)
PREFIX = _compile(_PREFIX, whole=False)
STRONG = _compile(_STRONG, whole=False)
