"""The JSON bodies the API accepts, and how they become ``Article`` objects.

Article text arrives as a string and is read as bytes, so a string is never taken for a file
path on the server. A URL is fetched only when the operator enabled fetching.

Every string must be well-formed Unicode (a lone surrogate such as ``\ud800`` is refused with
422, not carried to the encoder), and the schema says what is refused: article text is at
least one character with something other than white space (``minLength``, ``pattern``), a
batch holds 1 to 1000 articles.
"""

from __future__ import annotations

from dataclasses import replace
from typing import Annotated, Literal, Self

from pydantic import AfterValidator, BaseModel, ConfigDict, Field, model_validator

from .._errors import BinaryInputError, EmptyInputError, InputError
from ..document import Article
from ..ingest import read
from ..ingest.readers import check_size
from ..settings import Settings
from .fetch import FetchPolicy, fetch_url

__all__ = ["MAX_BATCH", "ArticleIn", "ArticleText", "Batch", "CompareIn", "Fetching", "Item",
           "to_article", "well_formed"]

#: Most articles one ingest request may carry.
MAX_BATCH = 1000


def well_formed(value: str) -> str:
    """``value`` when it is well-formed Unicode (no lone surrogate), else ValueError."""
    if not value.isascii():
        try:
            value.encode("utf-8")
        except UnicodeEncodeError as exc:
            raise ValueError(f"holds a lone surrogate (U+{ord(value[exc.start]):04X} at "
                             f"character {exc.start}): send well-formed Unicode") from None
    return value


def _not_blank(value: str) -> str:
    """``value`` when it holds something other than white space, else ValueError."""
    if not value.strip():
        raise ValueError("is empty or only white space: send the article's text")
    return well_formed(value)


#: Article text or HTML: at least one character that is not white space, well-formed.
ArticleText = Annotated[str, Field(min_length=1, json_schema_extra={"pattern": r"\S"}),
                        AfterValidator(_not_blank)]
_Short = Annotated[str, Field(max_length=1000), AfterValidator(well_formed)]


class ArticleIn(BaseModel):
    """One article: its ``text`` or ``html`` (or a ``url`` to fetch), plus optional metadata."""

    model_config = ConfigDict(extra="forbid", json_schema_extra={
        "anyOf": [{"required": ["text"]}, {"required": ["html"]}, {"required": ["url"]}],
        "not": {"required": ["text", "html"]}})

    text: ArticleText | None = Field(default=None, description="Plain text of the article.")
    html: ArticleText | None = Field(default=None, description="HTML page of the article.")
    url: _Short | None = Field(default=None, description=(
        "Where it was published; fetched only when neither text nor html is given and the "
        "server allows fetching."))
    title: _Short | None = None
    author: _Short | None = None
    published: _Short | None = Field(default=None, description="Publication date (any format).")
    language: Annotated[str, Field(max_length=16), AfterValidator(well_formed)] | None = None
    source: _Short | None = Field(default=None,
                                  description="A name for the article (outlet, file).")

    @model_validator(mode="after")
    def _one_body(self) -> Self:
        """Exactly one of text, html or url must carry the article."""
        if self.text is not None and self.html is not None:
            raise ValueError("give either text or html, not both")
        if self.text is None and self.html is None and self.url is None:
            raise ValueError("give the article's text, html, or a url to fetch")
        return self


class CompareIn(BaseModel):
    """Two articles to compare: each a string (text or HTML, sniffed) or an ``ArticleIn``."""

    model_config = ConfigDict(extra="forbid")

    a: ArticleText | ArticleIn = Field(description="Article A: its text or HTML, or an object.")
    b: ArticleText | ArticleIn = Field(description="Article B: its text or HTML, or an object.")
    format: Literal["json", "html"] = Field("json", description="'html' returns the report "
                                                                "page instead of JSON.")


#: One article as a request gives it: text or HTML (sniffed), uploaded bytes, or an ArticleIn.
Item = str | bytes | ArticleIn

#: The body of an ingest request: one article, or a list of 1 to ``MAX_BATCH``.
Batch = ArticleIn | Annotated[list[ArticleIn], Field(min_length=1, max_length=MAX_BATCH)]


class Fetching:
    """Whether URLs may be fetched, and with which caps."""

    def __init__(self, policy: FetchPolicy | None) -> None:
        self.policy = policy

    def fetch(self, url: str, settings: Settings) -> Article:
        """The article at ``url``, or InputError when fetching is off."""
        if self.policy is None:
            raise InputError(url[:200], "fetching URLs is disabled on this server; send the "
                                        "article's text or html instead")
        page = fetch_url(url, self.policy)
        return replace(read(page.data, settings=settings, name=page.url), url=page.url)


def to_article(item: Item, label: str, settings: Settings,
               fetching: Fetching) -> Article:
    """Turn one request item into an ``Article`` (fetching a URL when allowed).

    A string or bytes is the article itself (text or HTML, sniffed), never a path.

    Raises:
        InputError: empty, binary or too large text, a refused or failed fetch.
    """
    if isinstance(item, str | bytes):
        data = item.encode("utf-8") if isinstance(item, str) else item
        return read(data, settings=settings, name=label)
    if item.text is None and item.html is None:
        fetched = fetching.fetch(item.url or "", settings)
        return _with_metadata(fetched, item)
    kind: Literal["text", "html"] = "html" if item.html is not None else "text"
    raw = item.html if item.html is not None else item.text or ""
    name = item.source or label
    _check_text(raw, kind, name, settings)
    return _with_metadata(Article(raw=raw, kind=kind, source=name), item)


def _check_text(raw: str, kind: str, name: str, settings: Settings) -> None:
    """Refuse empty, binary or oversized text, as ``read`` does for files."""
    if not raw.strip():
        raise EmptyInputError(name, f"the {kind} is empty or only white space")
    if "\x00" in raw:
        raise BinaryInputError(name, "the text holds NUL characters; send text, not binary data")
    check_size(raw, kind, name, settings)


def _with_metadata(article: Article, item: ArticleIn) -> Article:
    """``article`` with the metadata the request declared (declared values win)."""
    return replace(article, title=item.title or article.title,
                   author=item.author or article.author,
                   published=item.published or article.published,
                   language=item.language or article.language,
                   url=item.url or article.url, source=item.source or article.source)
