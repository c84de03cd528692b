"""``clean``: an :class:`Article` to a :class:`CleanText` (plain body, headline first, metadata).

Steps: HTML extraction (trafilatura) or the plain text itself (a headline glued to the body by
a run of spaces, an aggregator's credit or a sign-up widget is put on its own line,
``glued_title_heuristic``) → numbered, normalised
lines → boilerplate lines and inline boilerplate out → author/date lines out of the header →
paragraphs joined, headline first.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import replace

from .._budget import check_budget, time_budget
from .._errors import EmptyInputError, NoArticleBodyError
from ..document import Article, CleanText, RemovedLine
from ..settings import Settings
from .blocked import blocked_page_heuristic
from .boilerplate import remove_boilerplate_lines
from .dates import iso_date
from .html import ExtractedPage, extract_html
from .lines import Line, join_paragraphs, plain_inline, split_lines, word_count
from .metadata import Header, detect_header_heuristic, same_headline
from .readers import check_size

__all__ = ["clean"]

_DEFAULT_SETTINGS = Settings()
_MIN_BODY_WORDS = 3
_GLUED_TITLE = re.compile(r"[^\S\n]*([^\n]{8,300}?)[ \t\u00a0]{2,}(?=\S)")
#: A headline followed on its line by an aggregator's credit, then the body ("Penguins rout
#: Senators (MENAFN - Gulf Times) Evgeni Malkin scored …"); the credit itself is inline
#: boilerplate (``phrases``, "source credit").
_CREDITED_TITLE = re.compile(
    r"[^\S\n]*([^\n]{8,300}?)[^\S\n]+(?=\(MENAFN ?[-–] ?[^()\n]{1,60}\)[^\S\n]+\S)",
    re.IGNORECASE)
#: The same with a newsletter sign-up widget between headline and body ("… New Year's Day Sign
#: up to FREE daily email alerts from … Subscribe … We've all heard …", and as machine
#: translation renders it); the widget is inline boilerplate ("subscription prompt").
_WIDGET_TITLE = re.compile(
    r"[^\S\n]*([^\n]{8,300}?)[^\S\n]+(?=sign up to (?:our )?(?:free )?(?:daily |weekly )?"
    r"e-?mail alerts|подпишитесь на бесплатные|订阅来自|regístrese para recibir alertas)",
    re.IGNORECASE)
#: The dateline that opens a body: a place in capitals (a word of four letters or more, or two
#: or three words), maybe a country or a date after a comma, maybe an agency in brackets, then
#: a dash or a colon ("MANILA, Philippines —", "LOS ANGELES (AP) —", "KÖLN (dpa-AFX) -",
#: "CHENNAI:", "BERLÍN.-", "FRAMINGHAM——…"). ``_dateline_cut`` finds one glued to a headline.
_DATELINE = re.compile(
    r"(?<=[^\S\n])(?:[A-ZÀ-ÖØ-Þ]{4,}|[A-ZÀ-ÖØ-Þ][A-ZÀ-ÖØ-Þ'’.]+"
    r"(?:[ -][A-ZÀ-ÖØ-Þ][A-ZÀ-ÖØ-Þ'’.]+){1,2})(?![\w'’])"
    r"(?:,[^\S\n]*[^\W_][^\n,.:;()—–]{0,40}?)?(?:[^\S\n]*\([^()\n]{2,30}\))?"
    r"[^\S\n]*(?:[-–—]{1,2}|:|\.-)(?:[^\S\n]+\S|[\u3040-\u9fff])")
_CLOSERS = "\"”’»)"
_LEADING_SPACE = re.compile(r"[^\S\n]*")
_TITLE_WORDS = (2, 30)
_SENTENCE_INSIDE = re.compile(r"[.!?] [A-Z]")
_SENTENCE_END = re.compile(r"[.!?…。！？]")
_RAGGED = re.compile(r"[ \t\u00a0]{2,}|\t")


def _first(*values: str | None) -> str | None:
    """The first value that is a non-empty string after sanitising, or None."""
    return next((v for v in (plain_inline(x) for x in values if x) if v), None)


def _ordered(lines: Sequence[Line], title: Line | None) -> list[Line]:
    """The kept lines with the title line moved to the front, followed by a paragraph break."""
    if title is None:
        return list(lines)
    return [title, Line(0, "")] + [line for line in lines if line.no != title.no]


def _has_body(lines: Sequence[Line], title: Line | None, *, html: bool) -> bool:
    """True when a line other than the title holds text (for HTML: three words or more)."""
    needed = _MIN_BODY_WORDS if html else 1
    return any(word_count(ln.text) >= needed for ln in lines if title is None or ln.no != title.no)


def _with_headline(body: str, title: str | None) -> tuple[str, str | None]:
    """The text starting with the headline, and the headline (its in-text form when shorter)."""
    if title is None:
        return body, None
    first_line = body.split("\n", 1)[0]
    if same_headline(first_line, title):
        return body, first_line
    return (f"{title}\n\n{body}" if body else title), title


def glued_title_heuristic(text: str) -> int | None:
    """Where a headline glued to the body by a run of spaces ends ("Storm hits  The storm…"),
    as scrapers join a title and its article, or by an aggregator's credit ("Storm hits
    (MENAFN - Gulf Times) The storm…") or a newsletter sign-up widget ("Storm hits Sign up to
    FREE daily email alerts from … The storm…"); None when the text does not start so.

    The headline is the opening of the first line, before the first run of two or more spaces
    within 300 characters; it holds 2 to 30 words and no sentence end, and does not end in a
    stop or comma. What follows it on the line reads as a body: it does not start in lower
    case, holds three words or more and a sentence end, and no other run of spaces or tabs. So
    a title line with a stray double space (a word deleted from it) and a line whose spacing
    is ragged throughout are left whole.

    Example:
        >>> text = "Storm hits the coast  The storm came at night and left."
        >>> text[: glued_title_heuristic(text)]
        'Storm hits the coast'
    """
    for pattern in (_GLUED_TITLE, _CREDITED_TITLE, _WIDGET_TITLE):
        match = pattern.match(text)
        if match is not None and _title_then_body(match, text):
            return match.end(1)
    return _dateline_cut(text)


def _dateline_cut(text: str) -> int | None:
    """Where a headline glued to the body by one space ends, the body opening with a dateline
    (``_DATELINE``: "Judge blocks voter ID law RALEIGH — The federal judge …"), as pages
    joined by machine translation or a scraper come: the first dateline within 300 characters
    whose headline ends in a lower-case or uncased letter (or a closing quote after one), so a
    headline's own capitals ("… SOUTH SALT LAKE, Utah") are not taken for one; the headline
    is no bracketed credit ("(MENAFN- The Peninsula) DOHA: …") and passes ``_title_then_body``.
    Measured on the task texts whose headline is on a line of its own, joined to the body by a
    space instead: bench/README.md, cleaning_real.py."""
    leading = _LEADING_SPACE.match(text)  # spaces, not newlines, as the other patterns take
    start = leading.end() if leading else 0
    for match in _DATELINE.finditer(text, start + 8, start + 300):
        end = match.start() - 1
        head = text[start:end].rstrip(_CLOSERS)
        if "\n" in text[start:end]:
            return None
        if not head or not head[-1].isalpha() or head[-1].isupper() or head.startswith("("):
            continue
        fake = re.match(r"[^\S\n]*([^\n]*)[^\S\n]", text[: end + 1])
        if fake is not None and _title_then_body(fake, text):
            return end
        return None
    return None


def _title_then_body(match: re.Match[str], text: str) -> bool:
    """Whether a glued headline's match reads as a headline followed by a body."""
    title = match.group(1).strip()
    rest = text[match.end() : match.end() + 600].split("\n", 1)[0]
    if not _TITLE_WORDS[0] <= word_count(title) <= _TITLE_WORDS[1] or word_count(rest) < 3:
        return False
    if (not _SENTENCE_END.search(rest) or rest[:1].islower() or _RAGGED.search(rest)
            or title.endswith((".", ",", ";", ":"))):
        return False
    return not _SENTENCE_INSIDE.search(title)


def _raw_lines(article: Article, page: ExtractedPage | None) -> tuple[list[Line], int | None]:
    """The numbered lines of the body, and the number of the line whose glued headline was put
    on a line of its own (the lines after it are numbered one higher than in the input)."""
    if page is not None:
        return split_lines(page.text), None
    cut = glued_title_heuristic(article.raw) if article.title is None else None
    if cut is None:
        return split_lines(article.raw), None
    title_no = split_lines(article.raw[:cut])[-1].no
    return split_lines(f"{article.raw[:cut]}\n{article.raw[cut:].lstrip()}"), title_no


def _renumbered(removed: list[RemovedLine], title_no: int | None) -> list[RemovedLine]:
    """Removed lines numbered as in the input (undoing the headline's extra line)."""
    if title_no is None:
        return removed
    return [replace(r, line_no=r.line_no - 1) if r.line_no > title_no else r for r in removed]


def _lines(article: Article, page: ExtractedPage | None,
           settings: Settings) -> tuple[list[Line], list[RemovedLine], int | None]:
    """The numbered lines of the body, those the boilerplate cleaner removed, and the line split
    by ``glued_title_heuristic`` (if any)."""
    lines, title_no = _raw_lines(article, page)
    if not settings.clean_boilerplate:
        return lines, [], title_no
    kept, removed = remove_boilerplate_lines(lines)
    return kept, removed, title_no


def _assemble(article: Article, page: ExtractedPage | None, lines: list[Line],
              header: Header) -> str:
    """The clean body text; raises when nothing of the article is left."""
    dropped = {r.line_no for r in header.removed}
    kept = [line for line in lines if line.no not in dropped]
    if not _has_body(kept, header.title, html=page is not None):
        error = NoArticleBodyError if page is not None or kept != [] else EmptyInputError
        raise error(article.source, "no article text is left once boilerplate lines are removed; "
                                    "pass the article's own text, or keep every line "
                                    "(--keep-boilerplate; Settings(clean_boilerplate=False))")
    return join_paragraphs(_ordered(kept, header.title), each_line_a_paragraph=page is not None)


def _refuse_blocked_page(source: str, text: str, removed: list[RemovedLine]) -> None:
    """Raise when the text (with the lines the cleaner ``removed``) is a page a site served
    instead of the article (``blocked.blocked_page_heuristic``: a bot check, an access block,
    an ad blocker's wall)."""
    cue = blocked_page_heuristic(text, [r.text for r in removed])
    if cue is not None:
        raise NoArticleBodyError(source, "the page is a bot check, an access block or an ad "
                                         f"blocker's wall, not an article ({cue!r}); fetch the "
                                         "article again or pass its own text, or keep every "
                                         "line (--keep-boilerplate; "
                                         "Settings(clean_boilerplate=False))")


def clean(article: Article, *, settings: Settings = _DEFAULT_SETTINGS) -> CleanText:
    """Turn an article into clean plain text with its headline, author and date.

    HTML goes through trafilatura (precision mode); the body then loses its boilerplate lines
    (share buttons, credits, prompts, tags; see ``boilerplate``) and its author/date lines.
    Metadata the article declared wins over metadata found in the page or the text.

    Args:
        article: what :func:`read` returned (or any :class:`Article`).
        settings: options; ``clean_boilerplate`` turns the line cleaner off.

    Returns:
        A :class:`CleanText` whose text starts with the headline when one is known, paragraphs
        separated by blank lines; ``published`` is an ISO date; ``removed_lines`` says what went.

    Raises:
        NoArticleBodyError: the HTML holds no article body, or only boilerplate was found, or
            the page is a bot check, an access block or an ad blocker's wall
            (``blocked.blocked_page_heuristic``).
        InputTooLargeError: the article is over ``settings.max_text_bytes``.
        EmptyInputError: the article holds no text.
        TimeBudgetError: cleaning ran past ``settings.time_budget_s`` (the comparison's budget
            when one is running).

    Example:
        >>> c = clean(Article(raw="Pin It\\nStorm hits the coast\\nBy Jane Doe\\n\\nIt rained.",
        ...                   kind="text", source="<text>"))
        >>> c.text, c.author, [r.reason for r in c.removed_lines]
        ('Storm hits the coast\\n\\nIt rained.', 'Jane Doe', ['share button', 'author line'])
    """
    check_size(article.raw, article.kind, article.source, settings)
    if not article.raw.strip():
        raise EmptyInputError(article.source, "the article is empty; pass some text")
    with time_budget(settings.time_budget_s, source=article.source):
        page = extract_html(article.raw, article.source) if article.kind == "html" else None
        check_budget("HTML extraction")
        lines, removed, title_no = _lines(article, page, settings)
        known_title = _first(article.title, page.title if page else None)
        header = detect_header_heuristic(lines, known_title=known_title)
        body = _assemble(article, page, lines, header)
        check_budget("cleaning")
    title = known_title or (header.title.text if header.title else None)
    dropped = removed + header.removed
    if settings.clean_boilerplate:
        _refuse_blocked_page(article.source, f"{title or ''}\n{body}", dropped)
    text, title = _with_headline(body, title)
    return CleanText(
        text=text,
        source=article.source,
        title=title,
        author=_first(article.author, page.author if page else None, header.author),
        published=iso_date(article.published) or iso_date(page.date if page else None)
        or header.published,
        removed_lines=tuple(sorted(_renumbered(dropped, title_no),
                                   key=lambda r: r.line_no)),
        declared_language=_first(article.language, page.language if page else None),
        warnings=article.warnings,
    )
