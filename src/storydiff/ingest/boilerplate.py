"""The boilerplate line cleaner: takes share buttons, credits, prompts and tags out of plain text.

Three mechanisms, as in web-corpus cleaning:

1. a multilingual phrase list (``phrases``): "Pin It", "Lire aussi : …", "photography NAME", "©"…;
2. rules for short lines at the edges of the text, as in C4 (Raffel et al. 2020) and Gopher
   (Rae et al. 2021): one- or two-word lines before the headline are category tags, and lines of
   at most three words after the last sentence are trailing fragments;
3. lines repeated across many documents of one source (``RepeatedLineFilter``, as in CCNet and
   Dolma), for corpus mode;
4. spans *inside* the kept lines (``inline_spans_heuristic``), for one-paragraph scraped
   articles: media-player notices, newsletter and share widgets, photo captions and credits
   ("Foto: David Young/dpa", "(Photo by X/Getty Images)", "© picture alliance/dpa"), click and
   cookie prompts, copyright notices ("Copyright © RFA. All rights reserved.") and "Read more:"
   teasers. Each removed span is reported with its reason and line number, like a removed line;
   the kept text of the line closes up around it.

Guarantee: a line of at least eight words that ends like a sentence is never removed, unless it
carries an explicit marker (a copyright sign, a cookie notice, "Read more:" with a colon) and
is at most 40 words long.
"""

from __future__ import annotations

import bisect
import functools
import itertools
import re
from collections.abc import Sequence

from .._budget import checkpoint
from ..document import RemovedLine
from .lines import (
    Line,
    ends_sentence,
    is_prose,
    join_paragraphs,
    non_blank,
    split_lines,
    word_count,
)
from .names import looks_like_author_list_heuristic, looks_like_person_name_heuristic
from .phrases import (
    AD_LABELS,
    AGENCIES,
    AGENCY_TAILS,
    COPYRIGHT_MARKER,
    CREDIT_CONNECTORS,
    CREDIT_MARKER,
    CREDIT_STOP_WORDS,
    INLINE_EXACT,
    INLINE_SENTENCE,
    INLINE_TRIGGERS,
    PREFIX_ONE,
    READ_MORE_LABELS,
    SECTION_WORDS,
    SHARE_CORE,
    SHARE_FILLER,
    STRONG_ONE,
    TEASER_MARKER,
    WHOLE_ONE,
)
from .repetition import RepeatedLineFilter

__all__ = [
    "RepeatedLineFilter",
    "boilerplate_reason",
    "credit_end_heuristic",
    "echo_spans_heuristic",
    "inline_spans_heuristic",
    "line_key",
    "remove_boilerplate",
    "remove_boilerplate_lines",
    "remove_inline_boilerplate",
]

_LEADING = re.compile(r"^[\s•·*\-–—>»›▶►|#~=+]+")
_TRAILING = re.compile(r"[\s:»›>→|…\-–—.!]+$")
_SPLIT = re.compile(r"[\s|/·,]+")
_BARE_CREDIT = re.compile(
    r"(?i)^(?:photo(?:graph(?:y|er|ie)?)?s?|foto(?:graf(?:ie|ia|ía))?|pictures?|images?|bild)"
    r"(?:\s+(?:by|par|von|de|di|door|credit))?\s+(.+)$"
)
_AGENCIES = frozenset(
    ["afp", "ap", "reuters", "epa", "dpa", "getty", "ansa", "efe", "anp", "pap", "tass", "aa",
     "xinhua", "shutterstock", "getty images", "ap photo", "afp photo"]
)
_PREFIX_MAX_WORDS = 25
_HEADER_LINES = 6
_TAIL_MAX_LINES = 5


#: A line longer than this is article text even when it carries a marker (a one-line article
#: that ends with "Copyright … All rights reserved." must not vanish whole).
_STRONG_MAX_WORDS = 40


def line_key(text: str) -> str:
    """The form phrases are matched on: lower-case, no leading bullets or trailing arrows."""
    key = _TRAILING.sub("", _LEADING.sub("", text.replace("’", "'")))
    return " ".join(key.lower().replace("\u0307", "").split())


def _share_reason(key: str) -> str | None:
    """'share button' when the line holds only share words ("Pin It", "Facebook Twitter")."""
    tokens = [t.strip(".:!()[]") for t in _SPLIT.split(key) if t.strip(".:!()[]")]
    if not tokens or len(tokens) > 8 or not any(t in SHARE_CORE for t in tokens):
        return None
    return "share button" if all(t in SHARE_CORE or t in SHARE_FILLER for t in tokens) else None


def _bare_credit(text: str) -> str | None:
    """'photo credit' for "photography Bex Wade" or "Photo AFP": a photo word, then a name."""
    match = _BARE_CREDIT.match(text.strip())
    if match is None:
        return None
    parts = [p.strip() for p in match.group(1).split("/") if p.strip()]
    credited = all(p.lower() in _AGENCIES or looks_like_author_list_heuristic(p) for p in parts)
    return "photo credit" if parts and credited else None


def _first_reason(table: tuple[re.Pattern[str], list[str]], key: str) -> str | None:
    """The reason of the first pattern of a table (``phrases.*_ONE``) matching at the start of
    ``key``."""
    pattern, reasons = table
    match = pattern.match(key)
    return reasons[int(match.lastgroup[1:])] if match and match.lastgroup else None


@functools.lru_cache(maxsize=65536)
def boilerplate_reason(text: str) -> str | None:
    """Why the phrase list marks one line as boilerplate, or None when it does not.

    Example:
        >>> boilerplate_reason("Pin It")
        'share button'
        >>> boilerplate_reason("The minister resigned on Monday after weeks of pressure.") is None
        True
    """
    key = line_key(text)
    if not key:
        return None
    strong = _first_reason(STRONG_ONE, key) if word_count(text) <= _STRONG_MAX_WORDS else None
    if strong is not None and is_prose(text) and _prose_without_inline(text):
        return None  # "… said Smith. Copyright © RFA.": the inline cleaner takes the notice out
    if strong is not None or is_prose(text):
        return strong
    found = _share_reason(key) or _first_reason(WHOLE_ONE, key) or _bare_credit(text)
    if found is None and word_count(text) <= _PREFIX_MAX_WORDS:
        found = _first_reason(PREFIX_ONE, key)
    return found


def _prose_without_inline(text: str) -> bool:
    """Whether ``text`` still reads as prose once its inline boilerplate is cut out."""
    spans = inline_spans_heuristic(text)
    return bool(spans) and is_prose(_without(text, spans))


def _is_category_tag(text: str) -> bool:
    """One or two words, no digits, no final punctuation, and not a person's name."""
    if word_count(text) > 2 or ends_sentence(text) or any(ch.isdigit() for ch in text):
        return False
    words = {w.lower().strip(":") for w in text.split()}
    return bool(words & SECTION_WORDS) or not looks_like_person_name_heuristic(text)


def _leading_tags(lines: Sequence[Line], reasons: dict[int, str]) -> dict[int, str]:
    """Category tags: short lines above the headline (the first line of three words or more)."""
    found: dict[int, str] = {}
    for line in non_blank(lines)[:_HEADER_LINES]:
        if line.no in reasons:
            continue
        if word_count(line.text) >= 3:
            break
        if _is_category_tag(line.text):
            found[line.no] = "category tag"
    return found


def _trailing_fragments(lines: Sequence[Line], reasons: dict[int, str]) -> dict[int, str]:
    """Lines of at most three words, without punctuation, after the text's last sentence."""
    content = [line for line in non_blank(lines) if line.no not in reasons]
    ends = [i for i, line in enumerate(content) if ends_sentence(line.text)]
    tail = content[ends[-1] + 1 :] if ends else []
    if len(tail) > _TAIL_MAX_LINES:
        return {}
    return {
        line.no: "trailing fragment"
        for line in tail
        if word_count(line.text) <= 3 and not looks_like_author_list_heuristic(line.text)
    }


def remove_boilerplate_lines(lines: Sequence[Line]) -> tuple[list[Line], list[RemovedLine]]:
    """Split numbered lines into those kept and those removed as boilerplate (with reasons),
    then take boilerplate spans out of the kept ones (``remove_inline_boilerplate``)."""
    reasons: dict[int, str] = {}
    for count, line in enumerate(non_blank(lines)):
        checkpoint("boilerplate cleaning", count)
        reason = boilerplate_reason(line.text)
        if reason is not None:
            reasons[line.no] = reason
    reasons |= _leading_tags(lines, reasons)
    reasons |= _trailing_fragments(lines, reasons)
    kept = [line for line in lines if line.no not in reasons]
    removed = [RemovedLine(line.text, reasons[line.no], line.no) for line in lines
               if line.no in reasons]
    kept, inline = remove_inline_boilerplate(kept)
    return kept, sorted(removed + inline, key=lambda r: r.line_no)


def remove_boilerplate(text: str) -> tuple[str, list[RemovedLine]]:
    """Remove boilerplate lines from plain text.

    Args:
        text: plain text, one paragraph or heading per line, paragraphs split by blank lines.

    Returns:
        The normalised text without boilerplate lines (paragraphs separated by one blank line),
        and the removed lines with their reason and 1-based line number in ``text``.

    Example:
        >>> kept, removed = remove_boilerplate("Pin It\\nStorm hits the coast\\n\\nIt rained.")
        >>> kept
        'Storm hits the coast\\n\\nIt rained.'
        >>> [(r.text, r.reason, r.line_no) for r in removed]
        [('Pin It', 'share button', 1)]
    """
    kept, removed = remove_boilerplate_lines(split_lines(text))
    return join_paragraphs(kept), removed


# ------------------------------------------------------------------ inline boilerplate

_BOUNDARY_CHARS = frozenset(".!?…:;\"”»)]|+–—-*•>")
_SENTENCE_STOP = re.compile(r"[.!?。！？](?=\s|$)")
_PROMPT_STOP = re.compile(r"[.!?。！？](?!\d)")  # a prompt's sentence ends even at a glued stop
_SENTENCE_WINDOW = 300  # characters searched either side of a marker for its sentence's edges
_SCAN_WINDOW = 600  # characters scanned either side of a trigger word in a long line
_SENTENCE_MAX_WORDS = 30
_PROMPT_MAX_WORDS = 15
_TEASER_MAX_WORDS = 18
_COPYRIGHT_TAIL_WORDS = 60
_TAIL_CHARS = 40  # a "short remainder" is at most this many characters a word
_CREDIT_TAIL_WORDS = 12
_CREDIT_TOKEN = re.compile(r"/|[^\s/]+")
_CREDIT_MAX_TOKENS = 16
_DOMAIN = re.compile(r"[\w-]+(?:\.[\w-]+)+")
_YEAR_AFTER = re.compile(r"\s?(?:copyright\s?)?(?:\d{4}|版权所有|copyright)", re.IGNORECASE)
_LABELS = "|".join(
    re.escape(x) for x in sorted(AD_LABELS | READ_MORE_LABELS, key=len, reverse=True)
)
_LABEL_RUN = re.compile(rf"(?<!\w)(?:{_LABELS})(?:\s(?:{_LABELS}))*(?!\w)")

Span = tuple[int, int, str]


def _at_boundary(text: str, at: int) -> bool:
    """Whether ``at`` starts the line or follows sentence-final or list punctuation."""
    before = text[max(0, at - 8) : at].rstrip()
    return not before or before[-1] in _BOUNDARY_CHARS


def _few_words(text: str, start: int, end: int, most: int) -> bool:
    """Whether ``text[start:end]`` holds at most ``most`` words (read in a bounded window)."""
    return end - start <= most * _TAIL_CHARS and word_count(text[start:end]) <= most


def _sentence_edges(text: str, start: int, end: int) -> tuple[int, int]:
    """The start of the sentence holding ``text[start:end]`` and the end of its last stop
    (the line's edges when no stop is near; ``start``/``end`` themselves past the window)."""
    low = max(0, start - _SENTENCE_WINDOW)
    stops = [text.rfind(mark, low, start) for mark in (". ", "! ", "? ", "。", "！", "？")]
    left = max(stops)
    if left >= 0:
        begin = left + (1 if text[left] in "。！？" else 2)
    else:
        begin = 0 if start <= _SENTENCE_WINDOW else start
    stop = _PROMPT_STOP.search(text, end, end + _SENTENCE_WINDOW)
    if stop is not None:
        return begin, stop.end()
    return begin, len(text) if len(text) - end <= _SENTENCE_WINDOW else end


def _short_sentence(text: str, start: int, end: int) -> tuple[int, int] | None:
    """The short sentence around a prompt ("For details, click here."), or its part up to the
    prompt when the whole is long; None when neither is short."""
    begin, finish = _sentence_edges(text, start, end)
    if _few_words(text, begin, finish, _SENTENCE_MAX_WORDS):
        return begin, finish
    if _few_words(text, begin, end, _PROMPT_MAX_WORDS):
        return begin, end
    return None


def _exact_spans(text: str, lo: int, hi: int) -> list[Span]:
    """Widgets and notices matched as they stand (``phrases.INLINE_EXACT``)."""
    return [(m.start(), m.end(), reason) for pattern, reason in INLINE_EXACT
            for m in pattern.finditer(text, lo, hi) if m.end() > m.start()]


def _sentence_spans(text: str, lo: int, hi: int) -> list[Span]:
    """Short sentences carrying a prompt (``phrases.INLINE_SENTENCE``)."""
    spans: list[Span] = []
    for pattern, reason in INLINE_SENTENCE:
        for match in pattern.finditer(text, lo, hi):
            edges = _short_sentence(text, match.start(), match.end())
            if edges is not None:
                spans.append((*edges, reason))
    return spans


def _is_agency(word: str) -> bool:
    """A news agency, a picture library or a web address ("dpa", "Getty", "pixabay.com")."""
    lower = word.lower()
    return lower in AGENCIES or bool(_DOMAIN.fullmatch(word) and any(c.isalpha() for c in word))


def _is_name_word(word: str) -> bool:
    """A capitalised word that is not a sentence opener ("Young", "Fuentes-Suchanzeige")."""
    return (word[:1].isupper() and word.lower() not in CREDIT_STOP_WORDS
            and all(ch.isalnum() or ch in "-'’." for ch in word))


def credit_end_heuristic(text: str, start: int) -> int | None:
    """Where the photo credit that starts at ``start`` (just after "Foto:" or "©") ends.

    A credit is parts joined by "/": agencies ("dpa", "Getty Images", "pixabay.com") and names
    (up to three capitalised words, two after a slash; "de", "van", "via"… may join them). An
    agency closes its part; a sentence opener ("Die", "The"), a lower-case word or a full stop
    ends the credit. A credit of bare names (no agency, no slash) counts only when what follows
    it cannot continue it: the line's end, a sentence opener, a full stop or punctuation.

    Example:
        >>> text = "Foto: David Young/dpa Die Polizei ermittelt."
        >>> text[6 : credit_end_heuristic(text, 6)]
        'David Young/dpa'
    """
    end: int | None = None
    strong = closed = after_slash = False
    words = 0
    stopped_by = ""  # the token that ended the credit ("" at the line's end)
    for count, token in enumerate(_CREDIT_TOKEN.finditer(text, start, start + 200)):
        word = token.group()
        bare = word.rstrip(",;:")
        if count >= _CREDIT_MAX_TOKENS:
            stopped_by = word
            break
        if word == "/":
            strong, closed, after_slash, words = True, False, True, 0
            continue
        tail = closed and bare.lower() in AGENCY_TAILS and not word.endswith(":")
        if _is_agency(bare) or tail:  # "Getty Images", "AP Photo"; "… dpa Foto:" starts anew
            strong, closed, words = True, True, 0
        elif bare.lower() in CREDIT_CONNECTORS and end is not None and not closed:
            continue
        elif not closed and _is_name_word(bare) and words < (2 if after_slash else 3):
            words += 1
        else:
            stopped_by = word
            break
        end = token.start() + len(bare)
        if bare.endswith("."):
            stopped_by = "."
            break
    if end is None or strong or _ends_credit(stopped_by):
        return end
    return None


def _ends_credit(word: str) -> bool:
    """Whether ``word``, just after a credit of bare names, shows the credit is over."""
    if not word or not word[0].isalnum():
        return True
    return word[0].isupper() and word.rstrip(",;:").lower() in CREDIT_STOP_WORDS


def _credit_spans(text: str, lo: int, hi: int) -> list[Span]:
    """Photo credits after a label ("Foto: X/dpa", "© picture alliance/dpa", "Bild: AFP")."""
    spans: list[Span] = []
    for match in CREDIT_MARKER.finditer(text, lo, hi):
        label = match.group()
        if not (label[0] in "©@" or label[0].isupper() or _at_boundary(text, match.start())):
            continue
        end = credit_end_heuristic(text, match.end())
        if end is None and label[0] == "©" and _few_words(text, match.end(), len(text), 3):
            end = len(text)  # "© Weber" at the end of a paragraph
        if end is not None:
            spans.append((match.start(), end, "photo credit"))
    return spans


def _copyright_spans(text: str, lo: int, hi: int) -> list[Span]:
    """A copyright notice: from its marker to the line's end when little text follows, else
    to the end of its sentence."""
    spans: list[Span] = []
    for match in COPYRIGHT_MARKER.finditer(text, lo, hi):
        marker = match.group().lower()
        if marker == "©" and not _YEAR_AFTER.match(text, match.end()):
            if credit_end_heuristic(text, match.end()) is not None or not _few_words(
                    text, match.end(), len(text), _CREDIT_TAIL_WORDS):
                continue  # a bare "©" before a name is a credit (``_credit_spans``)
        elif not (_at_boundary(text, match.start()) or match.group()[0] in "©版"):
            continue  # "the band's copyright dispute" is article text
        if _few_words(text, match.start(), len(text), _COPYRIGHT_TAIL_WORDS):
            spans.append((match.start(), len(text), "copyright notice"))
            break
        end = _sentence_edges(text, match.start(), match.end())[1]
        if _few_words(text, match.start(), end, _SENTENCE_MAX_WORDS):
            spans.append((match.start(), end, "copyright notice"))
    return spans


def _teaser_spans(text: str, lo: int, hi: int) -> list[Span]:
    """"Read more: <headline>" teasers, up to the next teaser, a sentence end or the line end
    (the colon may lack when the label is capitalised and opens a sentence: "Read also X")."""
    markers = [m for m in TEASER_MARKER.finditer(text, lo, hi)
               if (m.group(1) and (m.group()[0].isupper() or _at_boundary(text, m.start())))
               or (m.group()[0].isupper() and _at_boundary(text, m.start())
                   and _opens(text[m.end() : m.end() + 3].lstrip()))]
    spans: list[Span] = []
    for i, match in enumerate(markers):
        following = markers[i + 1].start() if i + 1 < len(markers) else len(text)
        following = min(following, match.end() + _SENTENCE_WINDOW)
        stop = _SENTENCE_STOP.search(text, match.end(), following)
        end = stop.end() if stop is not None else following
        if end == match.end() + _SENTENCE_WINDOW:
            continue  # no end in sight: not a teaser of one headline
        if _few_words(text, match.end(), end, _TEASER_MAX_WORDS):
            spans.append((match.start(), end, "related links"))
    return spans


def _opens(after: str) -> bool:
    """Whether text starting with ``after`` opens a sentence (or nothing follows)."""
    first = after[:1]
    return not first or first.isupper() or first in "(“\"„«-–—" or (
        first.isalpha() and not first.islower())  # a script without case (CJK, Arabic…)


def _back_over_spaces(text: str, at: int) -> int:
    """``at`` moved back over the white space before it."""
    while at > 0 and text[at - 1].isspace():
        at -= 1
    return at


def _label_spans(text: str, lo: int, hi: int, ends: frozenset[int] = frozenset()) -> list[Span]:
    """Labels standing between sentences (or after other boilerplate, which ends at one of
    ``ends``): "… the rain. ADVERTISEMENT The …", "… decade. Read more Mehta, who …", "… no
    produce (FOTO)"."""
    spans: list[Span] = []
    for match in _LABEL_RUN.finditer(text, lo, hi):
        label = match.group()
        after = text[match.end() : match.end() + 24].lstrip()
        opener = after.split(" ", 1)[0].lower() in CREDIT_STOP_WORDS
        if not _opens(after[:1]):
            continue
        after_span = _back_over_spaces(text, match.start()) in ends
        if label.startswith("(") or _at_boundary(text, match.start()) or opener or after_span:
            why = "advertisement" if label.split()[0] in AD_LABELS else "related links"
            spans.append((match.start(), match.end(), "media label" if "(" in label else why))
    return spans


_FINDERS = (_exact_spans, _sentence_spans, _credit_spans, _copyright_spans, _teaser_spans)


def _merged(text: str, spans: list[Span]) -> list[Span]:
    """Spans trimmed of white space, sorted, and overlapping ones joined (the first one's reason
    is kept)."""
    merged: list[Span] = []
    for start, end, reason in sorted(_trimmed(text, span) for span in spans):
        if start == end:
            continue
        if merged and start <= merged[-1][1]:
            last = merged[-1]
            merged[-1] = (last[0], max(last[1], end), last[2])
        else:
            merged.append((start, end, reason))
    return merged


def _trimmed(text: str, span: Span) -> Span:
    """A span without white space at its edges."""
    start, end, reason = span
    while start < end and text[start].isspace():
        start += 1
    while end > start and text[end - 1].isspace():
        end -= 1
    return start, end, reason


def _triggers(text: str) -> list[int]:
    """Sorted positions in ``text`` of the words every inline pattern holds
    (``phrases.INLINE_TRIGGERS``): one fast substring search each, in place of every regex."""
    lower = text.replace("İ", "I").lower()  # İ is the one character whose lower case is longer
    hits: list[int] = []
    for stem in INLINE_TRIGGERS:
        at = lower.find(stem)
        while at >= 0:
            hits.append(at)
            at = lower.find(stem, at + 1)
    return sorted(hits)


def _windows(size: int, hits: list[int]) -> list[tuple[int, int]]:
    """Stretches of a line to scan: the trigger positions widened by ``_SCAN_WINDOW``, merged."""
    windows: list[tuple[int, int]] = []
    for at in hits:
        lo, hi = max(0, at - _SCAN_WINDOW), min(size, at + _SCAN_WINDOW)
        if windows and lo <= windows[-1][1]:
            windows[-1] = (windows[-1][0], max(windows[-1][1], hi))
        else:
            windows.append((lo, hi))
    return windows


def inline_spans_heuristic(text: str, *, scan_all: bool = False) -> list[Span]:
    """Boilerplate spans inside one line: ``(start, end, reason)``, sorted, not overlapping.

    Only the stretches around a trigger word are searched (``scan_all`` searches everything,
    for tests that check the triggers miss nothing).

    Example:
        >>> text = "The zoo burned down. Foto: David Young/dpa Police are looking for a cause."
        >>> [(text[s:e], why) for s, e, why in inline_spans_heuristic(text)]
        [('Foto: David Young/dpa', 'photo credit')]
    """
    windows = [(0, len(text))] if scan_all else _windows(len(text), _triggers(text))
    spans = [span for lo, hi in windows for find in _FINDERS for span in find(text, lo, hi)]
    ends = frozenset(_trimmed(text, span)[1] for span in spans)
    spans += [span for lo, hi in windows for span in _label_spans(text, lo, hi, ends)]
    return _merged(text, spans)


def _without(text: str, spans: list[Span]) -> str:
    """``text`` with the spans cut out, white space closed up, no space before punctuation."""
    parts, cursor = [], 0
    for start, end, _ in spans:
        parts.append(text[cursor:start])
        cursor = end
    parts.append(text[cursor:])
    joined = " ".join(" ".join(parts).split())
    return re.sub(r" (?=[.,;:!?](?:\s|$))", "", joined)


def _lines_with_triggers(lines: Sequence[Line]) -> set[int]:
    """Indexes of the lines holding a trigger word (one search over the whole text)."""
    text = "\n".join(line.text for line in lines)
    starts = list(itertools.accumulate((len(line.text) + 1 for line in lines), initial=0))
    return {bisect.bisect_right(starts, at) - 1 for at in _triggers(text)}


_ECHO_START = re.compile(r"(?<=[.!?])\s+(?=[^\W\d_])")
_ECHO_WORD = re.compile(r"[^\W_]+")
_SENTENCE_END = re.compile(r"[.!?](?=\s|$)")
_ECHO_MAX_CHARS = 300  # a fragment and its sentence are no longer than this to be compared


def echo_spans_heuristic(text: str) -> list[Span]:
    """Fragments that repeat the sentence before them with words left out: "Er will nicht mehr
    für den Bayerischen Rundfunk arbeiten. will nicht mehr für den arbeiten." (a scraped teaser
    whose linked words were dropped). A fragment counts when it starts in lower case, ends a
    sentence, its words appear in the sentence before in the same order, and both end on the
    same word of three letters or more. Linear in the line: each fragment is compared with one
    sentence of bounded length.

    Example:
        >>> text = "Er griff den Intendanten heftig an. an. Dann ging er."
        >>> [(text[s:e], why) for s, e, why in echo_spans_heuristic(text)]
        []
        >>> text = "Er attackiert den Intendanten heftig. heftig. Dann ging er."
        >>> [(text[s:e], why) for s, e, why in echo_spans_heuristic(text)]
        [('heftig.', 'repeated fragment')]
    """
    spans: list[Span] = []
    previous_start = 0
    for gap in _ECHO_START.finditer(text):
        start = gap.end()
        stop = _SENTENCE_END.search(text, start, start + _ECHO_MAX_CHARS)
        sentence = text[max(previous_start, start - _ECHO_MAX_CHARS):gap.start()]
        if stop is not None and text[start].islower() and _echoes(text[start:stop.end()],
                                                                  sentence):
            spans.append((start, stop.end(), "repeated fragment"))
        previous_start = start
    return spans


def _echoes(fragment: str, sentence: str) -> bool:
    """Whether the words of ``fragment`` appear in ``sentence`` in order, the two ending on the
    same word of three letters or more."""
    words = _ECHO_WORD.findall(fragment)
    before = _ECHO_WORD.findall(sentence)
    if not words or not before or words[-1] != before[-1] or len(words[-1]) < 3 \
            or len(words) >= len(before):
        return False
    remaining = iter(before)
    return all(any(word == other for other in remaining) for word in words)


def remove_inline_boilerplate(lines: Sequence[Line]) -> tuple[list[Line], list[RemovedLine]]:
    """Take boilerplate spans out of the middle of lines (see ``inline_spans_heuristic``) and
    fragments that repeat the sentence before them (``echo_spans_heuristic``).

    Returns:
        The lines with the spans cut out (a line left with no letter or digit goes whole), and
        one ``RemovedLine`` per removed span: its text, reason and the line's number.
    """
    candidates = _lines_with_triggers(lines)
    kept: list[Line] = []
    removed: list[RemovedLine] = []
    for index, line in enumerate(lines):
        spans = inline_spans_heuristic(line.text) if index in candidates else []
        echoes = echo_spans_heuristic(line.text) if "." in line.text else []
        if echoes:
            spans = _merged(line.text, spans + echoes)
        checkpoint("boilerplate cleaning", index)
        if not spans:
            kept.append(line)
            continue
        removed.extend(RemovedLine(line.text[s:e], why, line.no) for s, e, why in spans)
        rest = _without(line.text, spans)
        if any(ch.isalnum() for ch in rest):
            kept.append(Line(line.no, rest))
    return kept, removed
