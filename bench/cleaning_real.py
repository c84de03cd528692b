"""How well real scraped texts are cleaned and split: long claims, boilerplate claims, bad breaks.

    python bench/cleaning_real.py [--data CSV] [--show long|boilerplate|abbreviation|fragment]
        [--limit N]

Every distinct text of the SemEval-2022 Task 8 training file (../shared, read at run time) goes
through two paths, each followed by sentence and claim splitting in the text's declared language:

* ``clean``: the text as a plain-text article, ``clean(Article(...))`` (what ``storydiff compare``
  does with a ``.txt`` file);
* ``semeval``: ``semeval_clean_text`` (what the scorer's training and ``eval semeval`` use), then
  ``remove_boilerplate`` on its body when the project provides inline cleaning.

Four counts per path (see bench/README.md for the definitions):

* claims over 400 characters;
* claims holding a boilerplate marker (``MARKERS`` below: a widget phrase, a photo credit, a
  copyright line, a media-player notice…), a list kept apart from the cleaner's own phrases;
* sentence breaks right after an abbreviation: a sentence ends with one of ``ABBREVIATIONS`` and
  the next one starts on the same line, in lower case, with a digit, or after a title or prefix
  that never ends a sentence ("Dr.", "St.", "ul."); "No." and "m." count only
  before a lower-case word or a digit, since "no." and "a. m." also end sentences;
* fragments: claims that ``analyse.claims.is_fragment_heuristic`` takes for stating nothing (at
  most two words, no figure: datelines, source lines, bylines), which the report does not
  compare (``align.links.without_fragments``).

Run it on an older checkout with ``PYTHONPATH=<old>/src`` to get the "before" figures.
"""

from __future__ import annotations

import argparse
import itertools
import re
import sys
from collections.abc import Callable, Iterator
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

from _data import SEMEVAL

from storydiff.analyse.claims import is_fragment_heuristic, split_claims
from storydiff.analyse.sentences import split_sentences
from storydiff.document import Article, Claim, CleanText, Sentence
from storydiff.evaluate.semeval import load_semeval, semeval_clean_text
from storydiff.ingest import clean, remove_boilerplate
from storydiff.ingest.cleaner import glued_title_heuristic

LONG_CLAIM = 400
MARKERS = re.compile(
    r"©|\bcopyright\b|all rights reserved|alle rechte vorbehalten|tous droits réservés"
    r"|derechos reservados|diritti riservati|wszelkie prawa|все права защищены|tüm hakları"
    r"|جميع الحقوق|版权所有"
    r"|your browser does not support|ihr browser unterstützt|votre navigateur ne"
    r"|tu navegador no|il tuo browser non|twoja przeglądarka nie|ваш браузер не"
    r"|\bread more\b|\bread also\b|lesen sie auch|lire aussi|leer más|leggi anche"
    r"|czytaj (?:też|także|więcej)|читайте также|ayrıca bakınız|اقرأ أيضا|相关阅读|阅读更多"
    r"|sign up to|thank you for subscribing|invalid email|privacy notice|delivered to your inbox"
    r"|\bsubscribe (?:to|now)\b|jetzt teilen|teilen sie|share on (?:facebook|twitter)"
    r"|click here|hier klicken|cliquez ici|haga clic|clicca qui|kliknij tutaj|нажмите здесь"
    r"|\((?:photo|foto|bild|image|imagen|immagine)\b|\b(?:photo|foto|bild|fotoğraf|фото)\s*:"
    r"|getty images|picture alliance|rubriklistenbild|story continues below|\badvertisement\b"
    r"|immagine \d+ di|image \d+ of|in dieser galerie|adblock|cookies must be enabled",
    re.IGNORECASE,
)
"""Markers of boilerplate left in a claim; kept apart from the cleaner's own phrase lists."""

ABBREVIATIONS = frozenset(
    re.findall(r"\S+", """mr mrs ms dr prof st gen sen rep gov lt col sgt capt jr sr mt ft jan
    feb mar apr jun jul aug sep sept oct nov dec no nr vs etc inc corp co ltd approx dept est
    z.b d.h u.a bzw ca vgl
    usw ggf evtl u.s u.k u.n e.g i.e mme mlle m av sr sra dra dott sig ing vol abs str pl
    ul tys mln mld ok tel hr fr cf""")
)
"""Abbreviations written with a final stop."""

_NEVER_FINAL = frozenset(re.findall(
    r"\S+", "mr mrs ms dr prof st sen rep gov lt col sgt capt mt ft nr z.b d.h u.a bzw ca vgl"
    " mme mlle sra dra dott sig ing vol str ul approx e.g i.e cf"
))
_LAST_TOKEN = re.compile(r"(?:^|[\s(\"“«„])((?:[^\W\d_]{1,6}\.)+)\s*$")


def texts(path: Path) -> Iterator[tuple[str, str, str]]:
    """(id, text, language) of every distinct text of the CSV."""
    seen: set[str] = set()
    for pair in load_semeval(path):
        for side, text, lang in ((1, pair.text1, pair.lang1), (2, pair.text2, pair.lang2)):
            if text not in seen:
                seen.add(text)
                yield f"{pair.pair_id}/{side}", text, lang


def via_clean(ident: str, text: str, lang: str) -> str:
    """The clean text of ``text`` read as a plain-text article."""
    return clean(Article(raw=text, kind="text", source=ident, language=lang)).text


def via_semeval(ident: str, text: str, lang: str) -> str:
    """The text as the SemEval evaluation prepares it (title split at the double space)."""
    prepared: CleanText = semeval_clean_text(text, ident, lang)
    return remove_boilerplate(prepared.text)[0] or prepared.text


def abbreviation_break(text: str, left: Sentence, right: Sentence) -> str | None:
    """The abbreviation a wrong break follows, or None when the break looks right."""
    match = _LAST_TOKEN.search(left.text[-24:])
    if match is None or "\n" in text[left.end : right.start]:
        return None
    token = match.group(1).lower().rstrip(".")
    if token not in ABBREVIATIONS:
        return None
    first = right.text[:1]
    if first.islower() or first.isdigit() or token in _NEVER_FINAL:
        return token
    return None


def measure(prepare: Callable[[str, str, str], str], data: Path,
            show: str | None, limit: int) -> dict[str, int]:
    """The three counts over every text, printing up to ``limit`` examples of ``show``."""
    counts = {"texts": 0, "claims": 0, "long": 0, "boilerplate": 0, "abbreviation": 0,
              "failed": 0, "fragment": 0}
    shown = 0
    for ident, raw, lang in texts(data):
        try:
            text = prepare(ident, raw, lang)
        except Exception:  # an input the cleaner refuses (only boilerplate) counts apart
            counts["failed"] += 1
            continue
        sentences = split_sentences(text, lang)
        claims: list[Claim] = split_claims(sentences, text, lang)
        counts["texts"] += 1
        counts["claims"] += len(claims)
        for claim in claims:
            long = len(claim.text) > LONG_CLAIM
            marked = MARKERS.search(claim.text) is not None
            counts["long"] += long
            counts["boilerplate"] += marked
            fragment = is_fragment_heuristic(claim.text)
            counts["fragment"] += fragment
            if (show == "long" and long) or (show == "boilerplate" and marked) \
                    or (show == "fragment" and fragment):
                shown += 1
                if shown <= limit:
                    print(f"--- {ident} {lang} {len(claim.text)}: {claim.text!r}")
        for left, right in itertools.pairwise(sentences):
            token = abbreviation_break(text, left, right)
            if token is not None:
                counts["abbreviation"] += 1
                shown += show == "abbreviation"
                if show == "abbreviation" and shown <= limit:
                    print(f"--- {ident} {lang} [{token}]: {left.text[-60:]!r} | "
                          f"{right.text[:60]!r}")
    return counts


#: A headline that a line break or a run of spaces ends, within 300 characters.
_MARKED_HEADLINE = re.compile(
    r"[^\S\n]*([^\n]{1,300}?)(?:[^\S\n]*\n+|[ \t\u00a0]{2,})[^\S\n]*(?=\S)")


def glued_back(data: Path, show: bool, limit: int) -> dict[str, int]:
    """How ``glued_title_heuristic`` cuts a headline glued to its body by ONE space, measured
    where the truth is known: the texts whose headline a line break or a run of spaces marks,
    glued back with one space (a cut is right when it falls at the old mark), and their bodies
    alone (any cut there splits a body's first sentence)."""
    counts = {"marked": 0, "right": 0, "wrong": 0, "bodies cut": 0, "one-line texts cut": 0}
    shown = 0
    for ident, raw, _ in texts(data):
        text = raw.strip()
        match = _MARKED_HEADLINE.match(text)
        if match is None or not match.group(1).strip():
            if "\n" not in text[:300] and glued_title_heuristic(text) is not None:
                counts["one-line texts cut"] += 1
            continue
        headline, body = match.group(1).strip(), text[match.end():]
        counts["marked"] += 1
        cut = glued_title_heuristic(f"{headline} {body}")
        if cut is not None:
            right = cut == len(headline)
            counts["right" if right else "wrong"] += 1
            if show and not right and (shown := shown + 1) <= limit:
                print(f"--- {ident} wrong: {headline[:cut][-50:]!r} | {body[:50]!r}")
        if glued_title_heuristic(body) is not None:
            counts["bodies cut"] += 1
            if show and (shown := shown + 1) <= limit:
                print(f"--- {ident} body cut: {body[:120]!r}")
    return counts


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--data", type=Path, default=SEMEVAL)
    parser.add_argument("--show", choices=["long", "boilerplate", "abbreviation", "fragment",
                                           "glued"])
    parser.add_argument("--limit", type=int, default=40)
    parser.add_argument("--paths", nargs="+", default=["clean", "semeval"])
    parser.add_argument("--glued", action="store_true",
                        help="only the headlines glued back to their body by one space")
    args = parser.parse_args()
    if not args.data.exists():
        sys.exit(f"data missing: {args.data}")
    if args.glued:
        print(glued_back(args.data, args.show == "glued", args.limit))
        return
    paths = {"clean": via_clean, "semeval": via_semeval}
    print("| path | texts | claims | claims > 400 chars | boilerplate claims "
          "| breaks after an abbreviation | refused | fragments (not compared) |")
    print("|---|---|---|---|---|---|---|---|")
    for name in args.paths:
        c = measure(paths[name], args.data, args.show, args.limit)
        print(f"| {name} | {c['texts']} | {c['claims']} | {c['long']} | {c['boilerplate']} "
              f"| {c['abbreviation']} | {c['failed']} | {c['fragment']} |", flush=True)


if __name__ == "__main__":
    main()
