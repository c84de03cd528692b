"""The rewrite chain as a picture: a left-to-right tree laid out for an inline SVG.

The origin sits in the first column; each article is one column right of its parent; rows are
given in depth-first order so siblings stay together. Articles outside the chain are left out.
"""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass

__all__ = ["ChainEdge", "ChainNode", "ChainPicture", "layout_chain"]

NODE_W, NODE_H, GAP_X, GAP_Y, PAD = 200, 48, 60, 16, 12


@dataclass(frozen=True)
class ChainNode:
    """One article drawn as a box at ``(x, y)`` (top-left corner)."""

    article_id: int
    x: int
    y: int
    depth: int


@dataclass(frozen=True)
class ChainEdge:
    """An arrow from the right side of the parent's box to the left side of the child's."""

    parent: int
    child: int
    x1: int
    y1: int
    x2: int
    y2: int


@dataclass(frozen=True)
class ChainPicture:
    """Boxes, arrows and the size of the drawing."""

    nodes: list[ChainNode]
    edges: list[ChainEdge]
    width: int
    height: int


def layout_chain(edges: list[tuple[int, int]], origin: int | None) -> ChainPicture:
    """Lay out the rewrite tree given as ``(parent, child)`` edges.

    Args:
        edges: parent → child article ids; a child with several parents keeps the first.
        origin: the root; without one, every parent that is nobody's child is a root.

    Returns:
        A picture with one node per article reachable from a root (cycles are cut).

    Example:
        >>> [n.depth for n in layout_chain([(1, 2), (2, 3)], 1).nodes]
        [0, 1, 2]
    """
    children: dict[int, list[int]] = defaultdict(list)
    for parent, child in edges:
        children[parent].append(child)
    order = _depth_first(_roots(edges, origin), children)
    nodes = [ChainNode(i, PAD + d * (NODE_W + GAP_X), PAD + row * (NODE_H + GAP_Y), d)
             for row, (i, d) in enumerate(order)]
    return ChainPicture(nodes, _arrows(nodes, edges), *_size(nodes))


def _roots(edges: list[tuple[int, int]], origin: int | None) -> list[int]:
    """The origin, or the parents that are nobody's child, in first-seen order."""
    if origin is not None:
        return [origin]
    children = {child for _, child in edges}
    return list(dict.fromkeys(p for p, _ in edges if p not in children))


def _depth_first(roots: list[int], children: dict[int, list[int]]) -> list[tuple[int, int]]:
    """``(article, depth)`` pairs in depth-first order, each article once."""
    seen: set[int] = set()
    out: list[tuple[int, int]] = []
    stack = [(r, 0) for r in reversed(roots)]
    while stack:
        node, depth = stack.pop()
        if node in seen:
            continue
        seen.add(node)
        out.append((node, depth))
        stack += [(c, depth + 1) for c in reversed(children.get(node, [])) if c not in seen]
    return out


def _arrows(nodes: list[ChainNode], edges: list[tuple[int, int]]) -> list[ChainEdge]:
    """One arrow per drawn tree edge (the edge through which the child was placed)."""
    where = {n.article_id: n for n in nodes}
    out = []
    for parent, child in edges:
        p, c = where.get(parent), where.get(child)
        if p is None or c is None or c.depth != p.depth + 1:
            continue
        mid = NODE_H // 2
        out.append(ChainEdge(parent, child, p.x + NODE_W, p.y + mid, c.x, c.y + mid))
    return out


def _size(nodes: list[ChainNode]) -> tuple[int, int]:
    """Width and height that hold every box with padding."""
    if not nodes:
        return 0, 0
    return (max(n.x for n in nodes) + NODE_W + PAD, max(n.y for n in nodes) + NODE_H + PAD)
