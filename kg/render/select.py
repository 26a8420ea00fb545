"""What the page shows when the graph is bigger than a browser can draw: the most connected part."""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass
from typing import Final

import networkx as nx

from kg.render.style import KIND_NAMES

#: With no view limit given, a page holds at most this many nodes (it draws a summary of them at first): 50,000
#: make a 15 MB file that paints in under a second in headless Chromium on the 2-core benchmark machine, but
#: take about a minute to build (bench/view).
MAX_VIEW_NODES: Final = 50_000


@dataclass(frozen=True, slots=True)
class LeftOut:
    """What a limited view does not show, so the page can say so."""

    limit: int
    nodes: int
    edges: int
    by_kind: tuple[tuple[str, int], ...]  # (kind, nodes left out) in legend order


def most_connected(g: nx.DiGraph, limit: int | None) -> tuple[nx.DiGraph, LeftOut | None]:
    """Keep the ``limit`` nodes with most neighbours (ties by key) and the relations among them.

    ``None`` means :data:`MAX_VIEW_NODES`. Returns the graph itself when everything fits.
    """
    limit = MAX_VIEW_NODES if limit is None else limit
    if limit < 0:
        raise ValueError(f"view_limit must be 0 or more, not {limit}")
    if g.number_of_nodes() <= limit:
        return g, None
    degree = dict(g.degree())
    ranked = sorted(g.nodes, key=lambda n: (-degree[n], n))
    keep = set(ranked[:limit])
    view = nx.DiGraph()
    view.add_nodes_from((n, g.nodes[n]) for n in g.nodes if n in keep)
    view.add_edges_from((u, v, d) for u, v, d in g.edges(data=True) if u in keep and v in keep)
    dropped = Counter(g.nodes[n]["kind"] for n in ranked[limit:])
    left_out = LeftOut(
        limit=limit,
        nodes=g.number_of_nodes() - view.number_of_nodes(),
        edges=g.number_of_edges() - view.number_of_edges(),
        by_kind=tuple((k, dropped[k]) for k in KIND_NAMES if dropped[k]),
    )
    return view, left_out
