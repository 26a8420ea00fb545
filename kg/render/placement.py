"""Where the summary's nodes sit: a seeded spring layout in a screen-sized box, communities pulled together,
then the most important labels pushed apart until no two overlap.

Only the summary is laid out here: the page places any other node beside the node it is shown from. The same
map gives the same numbers.
"""

from __future__ import annotations

import math
from typing import Final

import networkx as nx
import numpy as np

from kg.render.summary import LABELLED, Map

Positions = dict[str, tuple[float, float]]

SEED: Final = 7
#: The summary fills about this box (canvas px): at zoom 1 it fits a laptop's screen beside the side panels.
BOX: Final = (1000.0, 640.0)
#: Width of a label character as a share of the font size (DejaVu Sans, wider than Arial: the safe side).
CHAR_WIDTH: Final = 0.62
MARGIN: Final = 6.0


def label_box(x: float, y: float, size: float, font: float, text: str) -> tuple[float, float, float, float]:
    """(left, top, right, bottom) of a label vis-network draws under a node of ``size`` at (x, y)."""
    width = CHAR_WIDTH * font * len(text) + 8.0
    height = 1.3 * font + 4.0
    top = y + size + 2.0
    return x - width / 2, top, x + width / 2, top + height


def place(m: Map, labels: dict[str, str], fonts: dict[str, int], sizes: dict[str, float]) -> Positions:
    """Positions of ``m.order[:m.summary]``."""
    shown = list(m.order[: m.summary])
    if not shown:
        return {}
    in_view = set(shown)
    h = nx.Graph()
    h.add_nodes_from(shown)
    for e in m.edges:
        if e.source in in_view and e.target in in_view and e.source != e.target:
            h.add_edge(e.source, e.target, weight=1.0)
    hubs: dict[int, str] = {}
    for n in shown:  # each node is pulled lightly towards its community's first node in the view
        c = m.community.get(n, -1)
        if c < 0:
            continue
        if c not in hubs:
            hubs[c] = n
        elif not h.has_edge(n, hubs[c]):
            h.add_edge(n, hubs[c], weight=0.3)
    sub = nx.Graph()
    sub.add_nodes_from(sorted(h.nodes))
    sub.add_weighted_edges_from(sorted((min(u, v), max(u, v), d["weight"]) for u, v, d in h.edges(data=True)))
    if len(shown) == 1:
        raw = {shown[0]: np.zeros(2)}
    else:
        k = 2.4 / math.sqrt(len(shown))
        raw = nx.spring_layout(sub, seed=SEED, iterations=120, weight="weight", k=k)
    xy = np.array([raw[n] for n in shown], dtype=float)
    xy -= xy.mean(axis=0)
    span = np.abs(xy).max(axis=0)
    span[span < 1e-9] = 1.0
    xy = xy / span * np.array(BOX) / 2 * min(1.0, math.sqrt(len(shown) / 40) + 0.3)
    radius = np.array([sizes[n] for n in shown], dtype=float)
    _declutter(xy, radius, np.ones(len(shown)))
    top = [i for i, n in enumerate(shown[:LABELLED])]
    _spread_labels(xy, top, [labels[shown[i]] for i in top], [fonts[shown[i]] for i in top], [sizes[n] for n in shown])
    free = np.ones(len(shown))
    free[top] = 0.0
    _declutter(xy, radius, free)  # what the labels' room pushed the top nodes onto moves aside
    return {n: (round(float(x), 1), round(float(y), 1)) for n, (x, y) in zip(shown, xy, strict=True)}


def _declutter(xy: np.ndarray, radius: np.ndarray, free: np.ndarray) -> None:
    """Push apart (in place) any two nodes closer than their radii and a margin: no node hides another. A node
    with ``free`` 0 stays where it is (its partner moves the whole way)."""
    need = radius[:, None] + radius[None, :] + MARGIN
    for _ in range(80):
        delta = xy[:, None, :] - xy[None, :, :]
        dist = np.hypot(delta[..., 0], delta[..., 1])
        np.fill_diagonal(dist, np.inf)
        short = np.clip(need - dist, 0.0, None)
        if short.max(initial=0.0) < 0.5:
            return
        share = free[:, None] / np.maximum(free[:, None] + free[None, :], 1e-9)  # my part of each push
        unit = delta / np.maximum(dist, 1e-6)[..., None]
        same = dist < 1e-6  # on one spot: apart along x, the lower index to the left
        unit[..., 0][same] = np.sign(np.subtract.outer(np.arange(len(xy)), np.arange(len(xy))))[same]
        xy += (unit * (short * share * 0.8)[..., None]).sum(axis=1)


def _spread_labels(xy: np.ndarray, top: list[int], texts: list[str], fonts: list[int], sizes: list[float]) -> None:
    """Move the ``top`` nodes apart (in place) until no two of their labels and shapes overlap."""

    def boxes_of(k: int) -> list[tuple[float, float, float, float]]:
        i = top[k]
        x, y, r = xy[i][0], xy[i][1], sizes[i]
        return [label_box(x, y, r, fonts[k], texts[k]), (x - r, y - r, x + r, y + r)]

    boxes = [boxes_of(k) for k in range(len(top))]
    for _ in range(300):
        moved = False
        for a in range(len(top)):
            for b in range(a + 1, len(top)):
                dx = dy = 0.0
                for l1, t1, r1, b1 in boxes[a]:
                    for l2, t2, r2, b2 in boxes[b]:
                        ox = min(r1, r2) - max(l1, l2) + MARGIN
                        oy = min(b1, b2) - max(t1, t2) + MARGIN
                        if ox > 0 and oy > 0:
                            dx, dy = max(dx, ox), max(dy, oy)
                if dx <= 0 or dy <= 0:
                    continue
                i, j = top[a], top[b]
                ux, uy = xy[j][0] - xy[i][0], xy[j][1] - xy[i][1]
                norm = math.hypot(ux, uy)
                if norm < 1e-6:  # on top of each other: apart sideways
                    ux, uy, norm = 1.0, 0.0, 1.0
                ux, uy = ux / norm, uy / norm
                # along the line between the two, far enough to clear the overlap on one axis (not too far)
                t = min(dx / max(abs(ux), 1e-3), dy / max(abs(uy), 1e-3), 3 * max(dx, dy)) / 2 + 0.5
                xy[i] -= (ux * t, uy * t)
                xy[j] += (ux * t, uy * t)
                boxes[a], boxes[b] = boxes_of(a), boxes_of(b)
                moved = True
        if not moved:
            return
