"""The rewrite-chain layout: one box per reachable article, arrows parent → child, no overlap."""

from __future__ import annotations

from hypothesis import given
from hypothesis import strategies as st

from storydiff.web.chain import NODE_H, NODE_W, layout_chain


def test_a_chain_goes_left_to_right() -> None:
    picture = layout_chain([(1, 2), (2, 3)], origin=1)
    assert [(n.article_id, n.depth) for n in picture.nodes] == [(1, 0), (2, 1), (3, 2)]
    xs = [n.x for n in picture.nodes]
    assert xs == sorted(xs) and len(set(xs)) == 3
    assert [(e.parent, e.child) for e in picture.edges] == [(1, 2), (2, 3)]


def test_siblings_share_a_column_and_stay_together() -> None:
    picture = layout_chain([(1, 2), (1, 3), (2, 4)], origin=1)
    by_id = {n.article_id: n for n in picture.nodes}
    assert by_id[2].x == by_id[3].x and by_id[4].x > by_id[2].x
    assert [n.article_id for n in picture.nodes] == [1, 2, 4, 3]


def test_no_origin_uses_the_roots_and_cycles_end() -> None:
    picture = layout_chain([(5, 6), (6, 5), (7, 8)], origin=None)
    assert {n.article_id for n in picture.nodes} == {7, 8}
    assert layout_chain([(1, 2), (2, 1)], origin=1).nodes[-1].article_id == 2


def test_empty_chain() -> None:
    picture = layout_chain([], origin=None)
    assert picture.nodes == [] and picture.width == picture.height == 0


trees = st.lists(st.integers(1, 30), min_size=1, max_size=30).map(
    lambda parents: [(min(p, i + 1), i + 2) for i, p in enumerate(parents)])


@given(trees)
def test_boxes_never_overlap_and_arrows_join_boxes(edges: list[tuple[int, int]]) -> None:
    picture = layout_chain(edges, origin=1)
    boxes = {(n.x, n.y) for n in picture.nodes}
    assert len(boxes) == len(picture.nodes)
    assert len({n.y for n in picture.nodes}) == len(picture.nodes)  # one row each
    where = {n.article_id: n for n in picture.nodes}
    for edge in picture.edges:
        parent, child = where[edge.parent], where[edge.child]
        assert (edge.x1, edge.y1) == (parent.x + NODE_W, parent.y + NODE_H // 2)
        assert (edge.x2, edge.y2) == (child.x, child.y + NODE_H // 2)
    assert all(n.x + NODE_W <= picture.width and n.y + NODE_H <= picture.height
               for n in picture.nodes)
    assert len(picture.edges) == len(picture.nodes) - 1  # a tree
