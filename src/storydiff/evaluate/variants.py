"""Variants of an article whose verdict follows from how they were made.

The verdict's invariants (``bench/verdict.py``, the Hypothesis properties in
``tests/similarity/test_verdict_invariants.py``) and the scorer's training augmentation
(``training/scorer/augment.py``) build pairs from real articles with these functions:

- ``edited_copy``: up to ``rate`` of the words substituted (by another word of the same text),
  inserted or deleted, body sentences reordered, white space, quotes and punctuation changed,
  boilerplate lines added. The same story as the original.
- ``excerpt``: the title and the first half of the body, or every other paragraph (every other
  sentence when the body is one paragraph). The same story as the whole.
- ``appended``: the article with an unrelated article after it. Never more alike to a third
  text than the article alone.

Every function is deterministic for a given ``random.Random``. Texts are articles as a user
passes them: a title line, a blank line, then the body.
"""

from __future__ import annotations

import random
import re
from collections.abc import Callable
from dataclasses import dataclass

from ..text import tokens

__all__ = ["EDITS", "Variant", "appended", "edited_copy", "excerpt", "split_article"]

_SENTENCE_END = re.compile(r"(?<=[.!?。！？])\s+(?=\S)|(?<=[。！？])(?=\S)")
_BOILERPLATE_LINES = (
    "Share this article", "Photo: AFP", "Read more:", "Subscribe to our newsletter",
    "Partager sur Facebook", "Foto: dpa", "Compartir en Twitter", "Leggi anche",
    "Комментарии", "Paylaş", "Advertisement", "© 2020 All rights reserved.",
)
_QUOTES = (("\u201c", "\u201d"), ("\u00ab ", " \u00bb"), ("\u201e", "\u201c"), ('"', '"'))


@dataclass(frozen=True)
class Variant:
    """A generated text and what was done to make it (``kind``: e.g. ``"copy:words+reorder"``)."""

    text: str
    kind: str


def split_article(text: str) -> tuple[str, list[str]]:
    """The title line and the body paragraphs of an article text (no title when the text is
    one line)."""
    if "\n" not in text.strip():
        return "", [text.strip()] if text.strip() else []
    head, _, rest = text.strip().partition("\n")
    paragraphs = [p.strip() for p in re.split(r"\n\s*\n", rest) if p.strip()]
    return head.strip(), paragraphs


def _join(title: str, paragraphs: list[str]) -> str:
    """An article text from its title and paragraphs."""
    return "\n\n".join([title, *paragraphs]) if title else "\n\n".join(paragraphs)


def _sentences(paragraph: str) -> list[str]:
    """A paragraph cut at sentence ends (a rough cut: enough to reorder and to excerpt)."""
    return [s for s in _SENTENCE_END.split(paragraph) if s.strip()]


def _edit_words(text: str, rng: random.Random, rate: float) -> str:
    """``text`` with about ``rate`` of its words substituted, inserted or deleted."""
    found = tokens(text)
    if not found:
        return text
    count = max(1, int(rate * len(found)))
    chosen = sorted(rng.sample(range(len(found)), min(count, len(found))), reverse=True)
    out = text
    for index in chosen:  # right to left, so earlier offsets stay valid
        tok, donor = found[index], found[rng.randrange(len(found))].text
        op = rng.choice(("substitute", "insert", "delete"))
        replacement = {"substitute": donor, "insert": f"{tok.text} {donor}", "delete": ""}[op]
        out = out[: tok.start] + replacement + out[tok.end:]
    return out


def _reorder(paragraphs: list[str], rng: random.Random) -> list[str]:
    """The body's sentences shuffled (paragraphs shuffled when there are several)."""
    if len(paragraphs) > 1:
        return rng.sample(paragraphs, len(paragraphs))
    sentences = _sentences(paragraphs[0]) if paragraphs else []
    return [" ".join(rng.sample(sentences, len(sentences)))] if sentences else paragraphs


def _whitespace(text: str, rng: random.Random) -> str:
    """Doubled spaces, tabs, trailing spaces, blank lines and Windows line ends."""
    out = re.sub(r" ", lambda m: rng.choice(("  ", " ", " ", "\t", " ")), text)
    out = out.replace("\n\n", rng.choice(("\n\n\n", "\n \n", "\n\n")))
    return out.replace("\n", "\r\n") if rng.random() < 0.5 else out


def _quotes(text: str, rng: random.Random) -> str:
    """Quotation marks of one style turned into another."""
    opening, closing = rng.choice(_QUOTES)
    state = {"open": False}

    def swap(_: re.Match[str]) -> str:
        state["open"] = not state["open"]
        return opening if state["open"] else closing

    return re.sub(r"[\"\u201c\u201d\u00ab\u00bb\u201e]", swap, text)


def _punctuation(text: str, rng: random.Random) -> str:
    """Some commas dropped or doubled into semicolons; some full stops made exclamations."""
    def comma(_: re.Match[str]) -> str:
        return rng.choice((",", "", ";", ","))

    out = re.sub(r",", comma, text)
    return re.sub(r"\.(?=\s)", lambda _: rng.choice((".", ".", "!")), out)


def _boilerplate(title: str, paragraphs: list[str], rng: random.Random) -> list[str]:
    """Body paragraphs with one to three boilerplate lines added before, inside or after."""
    out = list(paragraphs)
    for line in rng.sample(_BOILERPLATE_LINES, rng.randint(1, 3)):
        out.insert(rng.choice((0, len(out))), line)
    return out


Edit = Callable[[str, list[str], random.Random], tuple[str, list[str]]]

#: The edits ``edited_copy`` draws from, by name; ``words`` takes the rate from the caller.
EDITS: dict[str, Edit] = {
    "reorder": lambda t, ps, rng: (t, _reorder(ps, rng)),
    "whitespace": lambda t, ps, rng: (t, ps),  # applied to the joined text
    "quotes": lambda t, ps, rng: (t, [_quotes(p, rng) for p in ps]),
    "punctuation": lambda t, ps, rng: (t, [_punctuation(p, rng) for p in ps]),
    "boilerplate": lambda t, ps, rng: (t, _boilerplate(t, ps, rng)),
}


def edited_copy(text: str, rng: random.Random, *, rate: float = 0.05,
                edits: tuple[str, ...] | None = None) -> Variant:
    """A lightly edited copy: word edits at ``rate`` plus ``edits`` (names of ``EDITS``; a
    random non-empty subset when None)."""
    if edits is None:
        names = sorted(EDITS)
        edits = tuple(sorted(rng.sample(names, rng.randint(1, len(names)))))
    title, paragraphs = split_article(text)
    title = _edit_words(title, rng, rate) if rate and rng.random() < rate * 10 else title
    paragraphs = [_edit_words(p, rng, rate) for p in paragraphs] if rate else paragraphs
    for name in edits:
        title, paragraphs = EDITS[name](title, paragraphs, rng)
    out = _join(title, paragraphs)
    if "whitespace" in edits:
        out = _whitespace(out, rng)
    label = "+".join((["words"] if rate else []) + list(edits)) or "none"
    return Variant(out, f"copy:{label}")


def excerpt(text: str, how: str) -> Variant:
    """The title with part of the body: ``how`` is ``"first_half"`` or ``"every_other"``."""
    title, paragraphs = split_article(text)
    units = paragraphs if len(paragraphs) >= 3 else [s for p in paragraphs for s in _sentences(p)]
    if how == "first_half":
        kept = units[: max(1, (len(units) + 1) // 2)]
    elif how == "every_other":
        kept = units[::2]
    else:
        raise ValueError(f"unknown excerpt {how!r}")
    return Variant(_join(title, kept if len(paragraphs) >= 3 else [" ".join(kept)]),
                   f"excerpt:{how}")


def appended(text: str, other: str) -> Variant:
    """``text`` with the unrelated article ``other`` after it (as further paragraphs)."""
    title, paragraphs = split_article(other)
    return Variant(_join("", [text.strip(), title, *paragraphs]), "appended")
