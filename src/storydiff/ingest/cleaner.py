"""``clean``: an :class:`Article` to a :class:`CleanText` (plain body, headline first, metadata).

Steps: HTML extraction (trafilatura) or the plain text itself → numbered, normalised lines →
boilerplate lines out → author/date lines out of the header → paragraphs joined, headline first.
"""

from __future__ import annotations

from collections.abc import Sequence

from .._errors import EmptyInputError, NoArticleBodyError
from ..document import Article, CleanText, RemovedLine
from ..settings import Settings
from .boilerplate import remove_boilerplate_lines
from .dates import iso_date
from .html import ExtractedPage, extract_html
from .lines import Line, join_paragraphs, plain_inline, split_lines, word_count
from .metadata import Header, detect_header_heuristic, same_headline
from .readers import check_size

__all__ = ["clean"]

_DEFAULT_SETTINGS = Settings()
_MIN_BODY_WORDS = 3


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


def _lines(article: Article, page: ExtractedPage | None,
           settings: Settings) -> tuple[list[Line], list[RemovedLine]]:
    """The numbered lines of the body, and those the boilerplate cleaner removed."""
    lines = split_lines(page.text if page is not None else article.raw)
    return remove_boilerplate_lines(lines) if settings.clean_boilerplate else (lines, [])


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
        NoArticleBodyError: the HTML holds no article body, or only boilerplate was found.
        InputTooLargeError: the article is over ``settings.max_text_bytes``.
        EmptyInputError: the article holds no text.

    Example:
        >>> c = clean(Article(raw="Pin It\\nStorm hits the coast\\nBy Jane Doe\\n\\nIt rained.",
        ...                   kind="text", source="<text>"))
        >>> c.text, c.author, [r.reason for r in c.removed_lines]
        ('Storm hits the coast\\n\\nIt rained.', 'Jane Doe', ['share button', 'author line'])
    """
    check_size(article.raw, article.kind, article.source, settings)
    if not article.raw.strip():
        raise EmptyInputError(article.source, "the article is empty; pass some text")
    page = extract_html(article.raw, article.source) if article.kind == "html" else None
    lines, removed = _lines(article, page, settings)
    known_title = _first(article.title, page.title if page else None)
    header = detect_header_heuristic(lines, known_title=known_title)
    body = _assemble(article, page, lines, header)
    title = known_title or (header.title.text if header.title else None)
    text, title = _with_headline(body, title)
    return CleanText(
        text=text,
        source=article.source,
        title=title,
        author=_first(article.author, page.author if page else None, header.author),
        published=iso_date(article.published) or iso_date(page.date if page else None)
        or header.published,
        removed_lines=tuple(sorted(removed + header.removed, key=lambda r: r.line_no)),
        declared_language=_first(article.language, page.language if page else None),
    )
