"""The scorer's view of an article: its lead, as long as the texts the head was trained on."""

from __future__ import annotations

from storydiff.align.alignment import Alignment, Link
from storydiff.similarity.lead import lead, lead_pair
from tests.helpers import build

SENTENCE = "The river rose two metres overnight in the town of Riverton. "


def test_short_documents_are_read_whole() -> None:
    doc = build(SENTENCE * 3)
    assert lead(doc, 1500) is doc


def test_long_documents_are_cut_at_a_claim_end() -> None:
    doc = build(SENTENCE * 60, entities=[("Riverton", "GPE")])
    cut = lead(doc, 500)
    assert len(cut.clean_text) <= 500 and cut.clean_text == doc.clean_text[:len(cut.clean_text)]
    assert cut.claims == [c for c in doc.claims if c.end <= len(cut.clean_text)]
    assert all(e.end <= len(cut.clean_text) for e in cut.entities)
    assert doc.claims[len(cut.claims)].end > 500


def test_alignment_is_restricted_to_the_leads() -> None:
    a, b = build(SENTENCE * 60), build(SENTENCE * 2)
    sim = [[0.9 if i == j else 0.1 for j in range(len(b.claims))] for i in range(len(a.claims))]
    alignment = Alignment([Link(0, 0, "same_wording", 0.9, 1.0), Link(40, 1, "partial", 0.5, 0.0)],
                          [], [], sim)
    la, lb, restricted = lead_pair(a, b, alignment, chars=300)
    assert lb is b and len(la.claims) < len(a.claims)
    assert [(k.a, k.b) for k in restricted.links] == [(0, 0)]
    assert restricted.only_b == [1]
    assert len(restricted.sim) == len(la.claims) and len(restricted.sim[0]) == len(b.claims)


def test_transposed_alignment_swaps_the_sides() -> None:
    alignment = Alignment([Link(0, 1, "paraphrase", 0.8, 0.2)], [1], [0], [[0.1, 0.8], [0.2, 0.3]])
    back = alignment.transposed()
    assert [(k.a, k.b) for k in back.links] == [(1, 0)]
    assert (back.only_a, back.only_b) == ([0], [1])
    assert back.sim == [[0.1, 0.2], [0.8, 0.3]]
    assert back.transposed() == alignment
