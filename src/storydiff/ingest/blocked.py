"""Pages a site served instead of the article: a bot check, an access block or an ad blocker's
wall (a heuristic).

A crawler that asked too often gets a short page that asks it to prove it is no robot, says its
address sent too many requests, or says access is denied ("Przykro nam, ale z adresu IP …
zaznacz 'NIE JESTEM ROBOTEM'", "Attention Required! | Cloudflare … Why have I been blocked?");
a reader with an ad blocker gets a wall asking to turn it off ("Wyłącz AdBlocka/uBlocka. Aby
czytać nasze artykuły …"). Such a page holds no article, yet it reads as text: compared, it is
a different story from everything; stored in a corpus, every copy of it is a near-duplicate of
every other, one "story" of block pages. ``blocked_page_heuristic`` finds them: a short text
(at most ``MAX_CHARS`` characters) that holds cues of two kinds of such a page; one kind alone
is news ("'I am not a robot,' the striking worker said"). Measured on the 2,502 distinct texts
of SemEval-2022 Task 8 (``tests/ingest/test_blocked.py``): it finds the six bot checks and six
ad blockers' walls there, each read by a person, and no article.
"""

from __future__ import annotations

import re
from collections.abc import Sequence

__all__ = ["MAX_CHARS", "blocked_page_heuristic"]

#: Longest text read as a block page: they are a few sentences; an article that mentions a
#: robot check or a blocked address is longer.
MAX_CHARS = 1500

#: Cues of a block page, by kind: a page with cues of two kinds is one.
_CUES = {
    "robot": (
        r"\bi(?:'| a)?m not a robot\b", r"\bnot a robot\b", r"\bare you a (?:robot|human)\b",
        r"\bverify (?:that )?you(?:'re| are) (?:a )?human\b",
        r"\bprove you(?:'re| are) (?:a )?human\b", r"\bnie jestem robotem\b",
        r"\bkein roboter\b", r"\bje ne suis pas un robot\b", r"\bno soy un robot\b",
        r"\bnon sono un robot\b", r"\bnão sou um robô\b", r"\bя не робот\b",
        r"\brobot değilim\b", r"لست روبوت", r"我不是机器人", r"\bik ben geen robot\b",
    ),
    "traffic": (
        r"\bunusual traffic\b", r"\btoo many requests\b", r"\bhuge amount of connections\b",
        r"\bzu viele anfragen\b",
        r"\bogromn\w+ (?:ilość|liczb\w+) połączeń\b", r"\bungewöhnliche\w* (?:datenverkehr|"
        r"zugriffe)\b", r"\btrafic inhabituel\b", r"\btráfico inusual\b", r"\btraffico insolito\b",
        r"\bнеобычн\w+ трафик\b", r"\bolağan ?dışı trafik\b", r"异常流量",
    ),
    "address": (
        r"\byour ip(?: address)?\b", r"\bthe ip address you\b", r"\badres\w* ip\b",
        r"\bihre\w? ip\b", r"\bvotre adresse ip\b", r"\bsu dirección ip\b",
        r"\bil tuo indirizzo ip\b", r"\bваш ip\b", r"\bip adresiniz\b", r"\bray id\b",
    ),
    "check": (
        r"\bchecking your browser\b", r"\bsecurity check\b", r"\bcaptcha\b",
        r"\bbrowser check\b", r"\bzaznacz\b",
    ),
    "denied": (
        r"\baccess (?:to this page )?(?:has been )?denied\b", r"\byou have been blocked\b",
        r"\bwhy have i been blocked\b", r"\brequest (?:was )?blocked\b", r"\bzugriff verweigert\b",
        r"\baccès refusé\b", r"\bacceso denegado\b", r"\baccesso negato\b",
        r"\bдоступ запрещ[её]н\b", r"\berişim engellendi\b", r"访问被拒绝",
    ),
    "adblock": (
        r"\bad ?blocker\b", r"\badblock\w*", r"\bublock\w*", r"\bblocking ads\b",
        r"\bad blocking\b", r"\bwerbeblocker\b", r"\bbloqueur de publicit[ée]s?\b",
        r"\bbloqueador de anuncios\b", r"\bblocco (?:degli )?annunci\b",
        r"блокировщик\w* рекламы", r"\bblokowani\w* reklam\w*\b",
        r"\breklamy? nie s[ąa] (?:takie|tak) z[łl]e\b",
    ),
    "support": (
        r"\badd(?:ing)? an exception\b", r"\bwhitelist\w*\b", r"\bdoda\w* wyjąt\w*\b",
        r"\bsupport(?:ing)? (?:great |quality |our )?journalism\b",
        r"\bto read our articles\b", r"\baby czytać nasze artykuły\b",
        r"\bpurchase a subscription\b", r"\budostępnia\w* (?:ci )?nasze treści\b",
        r"\bdzielić naszą treść\b",
    ),
    "required": (
        r"\benable (?:javascript|cookies)\b", r"\bjavascript (?:and cookies )?(?:is )?required\b",
        r"\bjavascript is disabled\b", r"\bcookies? (?:are|is) disabled\b",
    ),
}
_CUE_PATTERNS = {kind: re.compile("|".join(cues), re.IGNORECASE) for kind, cues in _CUES.items()}


def blocked_page_heuristic(text: str, removed: Sequence[str] = ()) -> str | None:
    """What marks ``text`` as a bot check, an access block or an ad blocker's wall instead of
    an article (the words found, as written), or None: a text of at most ``MAX_CHARS``
    characters with cues of two kinds (asking to prove one is no robot, an address that sent
    too much traffic, a browser check, access denied or blocked, an ad blocker, a plea to
    let the ads through, cookies or JavaScript required). ``removed`` are the lines the
    boilerplate cleaner took out of the text (read only for a short text with a cue): their
    cues count too when the text itself still holds one (the cleaner removes "Czy wiesz, że
    korzystasz z AdBlocka?" and keeps "Aby czytać nasze artykuły, dodaj wyjątek …"; an
    article whose wall line went holds none).

    Example:
        >>> blocked_page_heuristic("We recorded a huge amount of connections from the IP "
        ...                        "address you are connecting from. Tick 'I'm not a robot'.")
        "I'm not a robot, huge amount of connections, the IP address you"
        >>> blocked_page_heuristic('"I am not a robot," the striking worker said.') is None
        True
    """
    body = " ".join(text.split())  # a phrase may run over a line's end
    if not body or len(body) > MAX_CHARS:
        return None
    found = {kind: m.group() for kind, p in _CUE_PATTERNS.items() if (m := p.search(body))}
    if not found:
        return None
    rest = " ".join(word for line in removed for word in line.split())
    found |= {kind: m.group() for kind, p in _CUE_PATTERNS.items()
              if kind not in found and (m := p.search(rest))}
    return ", ".join(found.values()) if len(found) >= 2 else None
