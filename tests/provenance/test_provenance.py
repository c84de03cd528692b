"""Which side is the likely source: dates, claim coverage, reused wording, excerpts."""

from __future__ import annotations

from storydiff.align.alignment import Alignment
from storydiff.document import Document
from storydiff.provenance.reuse import find_reuse
from storydiff.provenance.source import likely_source
from tests.helpers import build, links

SOURCE = (
    "Floods hit the northern valley on Monday. "
    "Rescuers found 40 survivors in the village of Arlon. "
    "The mayor said the dam had not been inspected since 2015. "
    "Three bridges collapsed and the main road is closed. "
    "The regional council will meet on Friday to vote emergency funds. "
    "Weather services expect more rain over the weekend. "
    "Schools in the valley will stay closed until further notice. "
    "Volunteers from nearby towns brought food and blankets."
)

#: A rewrite: four of the source's sentences, lifted word for word.
COPY = (
    "Rescuers found 40 survivors in the village of Arlon. "
    "The mayor said the dam had not been inspected since 2015. "
    "Three bridges collapsed and the main road is closed. "
    "Weather services expect more rain over the weekend."
)


def pair(published_a: str | None = None, published_b: str | None = None,
         text_a: str = SOURCE, text_b: str = COPY) -> tuple[Document, Document]:
    """The source as A, the copy as B (or any texts)."""
    return (build(text_a, published=published_a, source="a"),
            build(text_b, published=published_b, source="b"))


def copy_alignment() -> Alignment:
    """B's four claims match claims 1, 2, 3 and 5 of A."""
    return links((1, 0), (2, 1), (3, 2), (5, 3))


def test_excerpt_with_reuse_points_to_the_longer_original() -> None:
    a, b = pair()
    verdict = likely_source(a, b, copy_alignment(), find_reuse(a, b))
    assert verdict.side == "a"
    assert 0.5 < verdict.confidence <= 0.95
    assert "100% of B's claims match A, only 50% of A's match B." in verdict.reasons


def test_sides_swap_with_the_documents() -> None:
    a, b = pair()
    alignment = Alignment(links=[type(k)(k.b, k.a, k.relation, k.similarity, k.lexical)
                                 for k in copy_alignment().links])
    verdict = likely_source(b, a, alignment, find_reuse(b, a))
    assert verdict.side == "b"


def test_dates_alone() -> None:
    text_a = "The council approved the budget on Monday after a long debate."
    text_b = "The council approved the budget on Monday after a long debate about taxes."
    a, b = pair("2017-05-19", "2017-05-18", text_a, text_b)
    verdict = likely_source(a, b, links((0, 0)), [])
    assert verdict.side == "b"
    assert "B was published on 2017-05-18, A later, on 2017-05-19." in verdict.reasons


def test_missing_or_equal_dates_give_no_vote() -> None:
    text = "The council approved the budget on Monday after a long debate."
    a, b = pair(None, "2017-05-19", text, text + " Done.")
    verdict = likely_source(a, b, links((0, 0), (0, 1)), [])
    assert verdict.side == "unknown" and verdict.confidence == 0.0
    assert "B was published on 2017-05-19; A has no date." in verdict.reasons
    a, b = pair("2017-05-19", "2017-05-19", text, text + " Done.")
    verdict = likely_source(a, b, links((0, 0), (0, 1)), [])
    assert verdict.side == "unknown"
    assert "Both were published on 2017-05-19." in verdict.reasons


def test_conflicting_signals_give_unknown() -> None:
    a, b = pair("2017-05-20", "2017-05-01")  # the excerpt B came out first
    verdict = likely_source(a, b, copy_alignment(), [])
    assert verdict.side == "unknown"
    assert verdict.reasons[-1] == "The signals disagree."


def test_unrelated_texts_give_unknown() -> None:
    a, b = pair("2017-05-01", "2017-05-20", SOURCE, "Le chat dort sur le canapé du salon.")
    verdict = likely_source(a, b, Alignment(), [])
    assert verdict.side == "unknown"
    assert verdict.reasons == ["The texts share no claims and no passages."]


def test_rewrite_with_extra_material_is_not_called_the_source() -> None:
    extra = (" Critics say the region ignored warnings for years. Insurance firms expect"
             " record claims. The opposition demands an inquiry. A fundraiser has started.")
    a, b = pair(text_b=COPY + extra)
    alignment = links((1, 0), (2, 1), (3, 2), (5, 3))
    verdict = likely_source(a, b, alignment, find_reuse(a, b))
    assert verdict.side in ("a", "unknown")


def test_unspaced_scripts_count_characters_as_words() -> None:
    """A Chinese side is counted in characters, not in runs of non-space (issue 11)."""
    zh = "洪水周一袭击了北部山谷。救援人员在阿尔隆村找到了四十名幸存者。"
    a, b = build(SOURCE, source="a"), build(zh, language="zh", source="b")
    alignment = links((0, 0), (1, 1))
    reasons = " ".join(likely_source(a, b, alignment, []).reasons)
    assert "B is shorter" not in reasons or f"({len(zh) - 2} vs" in reasons
    assert "(2 vs" not in reasons and "(1 vs" not in reasons
