"""Node positions computed in Python, so the same graph always opens the same way.

Each connected component is laid out on its own. Up to :data:`SPRING_NODES` nodes it is networkx's spring
layout with a fixed seed. A bigger component lays out its best-connected :data:`SPRING_NODES` nodes so, and
sets every other node on a sunflower spiral around the neighbour that reached it first (breadth-first), which
costs O(n) where the spring layout costs O(n^2) (networkx needs SciPy past 500 nodes, and kg does not). The
components are then packed in rows, largest first, with the isolated nodes in a grid at the end.
"""

from __future__ import annotations

import math
from collections import Counter, deque
from collections.abc import Iterable
from typing import Final

import networkx as nx

Positions = dict[str, tuple[float, float]]

SEED: Final = 7
SPRING_NODES: Final = 300
EDGE_LENGTH: Final = 130.0  # the median edge length, in vis-network canvas pixels
GAP: Final = 160.0  # between packed components
CELL: Final = (150.0, 70.0)  # the grid of isolated nodes: room for a label
_GOLDEN_ANGLE: Final = math.pi * (3.0 - math.sqrt(5.0))


def positions(g: nx.Graph) -> Positions:
    """Deterministic (x, y) for every node of ``g``: the same graph gives the same numbers."""
    simple = nx.Graph()
    simple.add_nodes_from(sorted(g.nodes))
    simple.add_edges_from(sorted((min(u, v), max(u, v)) for u, v in g.edges if u != v))
    components = sorted((sorted(c) for c in nx.connected_components(simple)), key=lambda c: (-len(c), c[0]))
    pieces = [_component(simple.subgraph(c)) for c in components if len(c) > 1]
    singles = [c[0] for c in components if len(c) == 1]
    if singles:
        pieces.append(_grid(singles))
    return {n: (round(x, 1), round(y, 1)) for n, (x, y) in _pack(pieces).items()}


def _component(sub: nx.Graph) -> Positions:
    if len(sub) <= SPRING_NODES:
        return _spring(sub)
    degree = dict(sub.degree())
    core = sorted(sub.nodes, key=lambda n: (-degree[n], n))[:SPRING_NODES]
    pos = _spring(sub.subgraph(core))
    children: Counter[str] = Counter()
    queue = deque(core)
    while queue:
        parent = queue.popleft()
        px, py = pos[parent]
        for node in sub.adj[parent]:  # adjacency order follows the sorted edge list: deterministic
            if node in pos:
                continue
            k = children[parent]
            children[parent] += 1
            radius = EDGE_LENGTH * (0.55 + 0.3 * math.sqrt(k))
            angle = k * _GOLDEN_ANGLE
            pos[node] = (px + radius * math.cos(angle), py + radius * math.sin(angle))
            queue.append(node)
    return pos


def _spring(sub: nx.Graph) -> Positions:
    raw = nx.spring_layout(sub, seed=SEED, iterations=60)
    pos = {n: (float(x), float(y)) for n, (x, y) in raw.items()}
    lengths = sorted(math.dist(pos[u], pos[v]) for u, v in sub.edges)
    median = lengths[len(lengths) // 2] if lengths else 0.0
    scale = EDGE_LENGTH / median if median > 1e-9 else EDGE_LENGTH
    return {n: (x * scale, y * scale) for n, (x, y) in pos.items()}


def _grid(nodes: list[str]) -> Positions:
    columns = max(1, math.ceil(math.sqrt(len(nodes) * CELL[1] / CELL[0] * 1.6)))
    return {n: ((i % columns) * CELL[0], (i // columns) * CELL[1]) for i, n in enumerate(nodes)}


def _bounds(pos: Positions) -> tuple[float, float, float, float]:
    xs = [x for x, _ in pos.values()]
    ys = [y for _, y in pos.values()]
    return min(xs), min(ys), max(xs), max(ys)


def _pack(pieces: Iterable[Positions]) -> Positions:
    """Shelf packing, about as wide as a desktop screen is wider than tall; centred on the origin."""
    boxes = [(piece, _bounds(piece)) for piece in pieces]
    if not boxes:
        return {}
    area = sum((b[2] - b[0] + GAP) * (b[3] - b[1] + GAP) for _, b in boxes)
    width = max(max(b[2] - b[0] for _, b in boxes), math.sqrt(area * 1.6))
    out: Positions = {}
    x = y = row_height = 0.0
    for piece, (x0, y0, x1, y1) in boxes:
        if x > 0 and x + (x1 - x0) > width:
            x, y, row_height = 0.0, y + row_height + GAP, 0.0
        for n, (px, py) in piece.items():
            out[n] = (x + px - x0, y + py - y0)
        x += x1 - x0 + GAP
        row_height = max(row_height, y1 - y0)
    cx0, cy0, cx1, cy1 = _bounds(out)
    cx, cy = (cx0 + cx1) / 2, (cy0 + cy1) / 2
    return {n: (px - cx, py - cy) for n, (px, py) in out.items()}
