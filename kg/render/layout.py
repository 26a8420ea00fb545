"""Node positions computed in Python, so the same graph always opens the same way.

Each connected component is laid out on its own. Up to :data:`SPRING_NODES` nodes it is networkx's spring
layout with a fixed seed. A bigger component lays out its best-connected :data:`SPRING_NODES` nodes so, and
puts every other node in the cluster of the core node that reaches it first (breadth-first): a sunflower disc
around it, the discs pushed apart until none overlap. That costs O(n) where the spring layout costs O(n^2)
(and networkx needs SciPy for it past 500 nodes, which kg does not). The
components are then packed in rows, largest first, with the isolated nodes in a grid at the end.
"""

from __future__ import annotations

import math
from collections import deque
from collections.abc import Iterable
from typing import Final

import networkx as nx
import numpy as np

Positions = dict[str, tuple[float, float]]

SEED: Final = 7
SPRING_NODES: Final = 300
SMALL: Final = 12  # a component this small is drawn as a star or a ring, without a spring layout
EDGE_LENGTH: Final = 130.0  # the median edge length, in vis-network canvas pixels
SPIRAL: Final = 30.0  # spacing of the sunflower a big component's nodes sit in around their core node
GAP: Final = 160.0  # between packed components
CELL: Final = (150.0, 70.0)  # the grid of isolated nodes: room for a label
_GOLDEN_ANGLE: Final = math.pi * (3.0 - math.sqrt(5.0))
_SEARCH: Final = 512  # candidate places on a sunflower when a disc looks for room


def positions(g: nx.Graph) -> Positions:
    """Deterministic (x, y) for every node of ``g``: the same graph gives the same numbers."""
    simple = nx.Graph()
    simple.add_nodes_from(sorted(g.nodes))
    simple.add_edges_from(sorted((min(u, v), max(u, v)) for u, v in g.edges if u != v))
    components = sorted((sorted(c) for c in nx.connected_components(simple)), key=lambda c: (-len(c), c[0]))
    pieces = [_component(simple, c) for c in components if len(c) > 1]
    singles = [c[0] for c in components if len(c) == 1]
    if singles:
        pieces.append(_grid(singles))
    return {n: (round(x, 1), round(y, 1)) for n, (x, y) in _pack(pieces).items()}


def _component(g: nx.Graph, nodes: list[str]) -> Positions:
    """Positions for one connected component of ``g`` (its neighbours are all in it: no subgraph view)."""
    if len(nodes) <= SMALL:
        return _small(g, nodes)
    if len(nodes) <= SPRING_NODES:
        return _spring(g.subgraph(nodes))
    adj = g.adj
    core = sorted(nodes, key=lambda n: (-len(adj[n]), n))[:SPRING_NODES]
    # every other node joins the cluster of the core node that reaches it first, breadth-first
    members: dict[str, list[str]] = {c: [] for c in core}
    owner = {c: c for c in core}
    queue = deque(core)
    while queue:
        parent = queue.popleft()
        for node in adj[parent]:  # adjacency order follows the sorted edge list: deterministic
            if node not in owner:
                owner[node] = owner[parent]
                members[owner[node]].append(node)
                queue.append(node)
    # each cluster is a disc of its members around its core node; the discs are spread so none overlap
    radius = {c: SPIRAL * math.sqrt(len(members[c]) + 2) for c in core}
    core_graph = g.subgraph(core)
    centres = _spread(_spring(core_graph), radius, core_graph.edges)
    pos = dict(centres)
    for c in core:
        cx, cy = centres[c]
        for k, node in enumerate(members[c], start=2):  # a sunflower: even spacing, inner ring first
            r, angle = SPIRAL * math.sqrt(k), k * _GOLDEN_ANGLE
            pos[node] = (cx + r * math.cos(angle), cy + r * math.sin(angle))
    return pos


def _spread(pos: Positions, radius: dict[str, float], edges: Iterable[tuple[str, str]]) -> Positions:
    """Discs of ``radius`` at about ``pos``, none overlapping.

    The layout is first scaled so that linked discs about touch and the discs' area fits; then, from the centre
    out, each disc takes the free place nearest to where it wants to be, searched on a sunflower around it.
    """
    names = sorted(pos)
    xy = np.array([pos[n] for n in names], dtype=float)
    r = np.array([radius[n] for n in names], dtype=float)
    index = {n: i for i, n in enumerate(names)}
    touch = sorted((r[index[u]] + r[index[v]]) / max(math.dist(pos[u], pos[v]), 1e-6) for u, v in edges if u != v)
    xy -= xy.mean(axis=0)
    size = math.sqrt(2.0 * float((xy**2).sum(axis=1).mean())) or 1.0
    fits = math.sqrt(float(((r + SPIRAL) ** 2).sum())) / size
    xy *= max(1.0, fits, touch[len(touch) // 2] if touch else 1.0)
    steps = np.arange(_SEARCH, dtype=float)
    ring = (
        SPIRAL * np.sqrt(steps)[:, None] * np.stack([np.cos(steps * _GOLDEN_ANGLE), np.sin(steps * _GOLDEN_ANGLE)], 1)
    )
    ring_size = float(np.hypot(*ring[-1]))
    placed = np.zeros((len(names), 2))
    placed_r = np.zeros(len(names))
    out: Positions = {}
    for m, i in enumerate(sorted(range(len(names)), key=lambda i: (float(np.hypot(*xy[i])), names[i]))):
        need = placed_r[:m] + r[i] + SPIRAL
        distance = np.hypot(*(placed[:m] - xy[i]).T)
        spot = xy[i] + ring[-1] * 1000  # beyond everything: never needed in practice
        for reach in range(1, 1000):  # wider and wider sunflowers around the wanted place until one is free
            candidates = xy[i] + ring * reach
            near = distance < need + ring_size * reach  # only these discs can be in the way
            delta = candidates[:, None, :] - placed[None, :m][:, near]
            free = np.flatnonzero(((delta**2).sum(axis=2) >= need[near] ** 2).all(axis=1))
            if free.size:  # the nearest free candidate
                spot = candidates[free[0]]
                break
        placed[m], placed_r[m] = spot, r[i]
        out[names[i]] = (float(placed[m][0]), float(placed[m][1]))
    return out


def _spring(view: nx.Graph) -> Positions:
    # a subgraph view iterates its nodes in set order (which changes with the process's hash seed): copy it in
    # sorted order, so that the seeded layout gets the same input on every run
    sub = nx.Graph()
    sub.add_nodes_from(sorted(view.nodes))
    sub.add_edges_from(sorted((min(u, v), max(u, v)) for u, v in view.edges))
    raw = nx.spring_layout(sub, seed=SEED, iterations=60)
    pos = {n: (float(x), float(y)) for n, (x, y) in raw.items()}
    lengths = sorted(math.dist(pos[u], pos[v]) for u, v in sub.edges)
    median = lengths[len(lengths) // 2] if lengths else 0.0
    scale = EDGE_LENGTH / median if median > 1e-9 else EDGE_LENGTH
    return {n: (x * scale, y * scale) for n, (x, y) in pos.items()}


def _small(g: nx.Graph, nodes: list[str]) -> Positions:
    """A small component in closed form (a news graph has a thousand of them; a spring layout costs
    milliseconds each): a star around its hub when one node touches all the others, else a ring in
    breadth-first order from the best-connected node, neighbours one edge length apart."""
    adj = g.adj
    hub = min(nodes, key=lambda n: (-len(adj[n]), n))
    if len(adj[hub]) == len(nodes) - 1:
        rest = [n for n in nodes if n != hub]
        return {hub: (0.0, 0.0)} | {
            n: (
                EDGE_LENGTH * math.cos(2 * math.pi * i / len(rest)),
                EDGE_LENGTH * math.sin(2 * math.pi * i / len(rest)),
            )
            for i, n in enumerate(rest)
        }
    order, seen, queue = [], {hub}, deque([hub])
    while queue:
        node = queue.popleft()
        order.append(node)
        for nb in sorted(adj[node]):
            if nb not in seen:
                seen.add(nb)
                queue.append(nb)
    radius = EDGE_LENGTH / (2 * math.sin(math.pi / len(order)))
    step = 2 * math.pi / len(order)
    return {n: (radius * math.cos(i * step), radius * math.sin(i * step)) for i, n in enumerate(order)}


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
