"""kg.render: the HTML network view of a kg graph, one self-contained page (``out/graph.html``).

    >>> report = render_html(graph, Path("out/graph.html"), title="kg: seeds")

The data flows one way: RDF -> :mod:`~kg.render.network` (networkx, with the evidence) ->
:mod:`~kg.render.select` (the view limit) -> :mod:`~kg.render.summary` (importance, communities, the nodes
the page opens on) -> :mod:`~kg.render.placement` (their positions, labels apart) -> :mod:`~kg.render.page`
(the data and the HTML) -> an atomic write.
"""

from __future__ import annotations

import gc
from collections.abc import Iterable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass, replace
from pathlib import Path

from rdflib import Graph
from rdflib.term import Node

from kg.graph.io import atomic_write
from kg.render.network import to_network
from kg.render.page import render_page
from kg.render.select import MAX_VIEW_NODES, most_connected
from kg.render.summary import SUMMARY_NODES

__all__ = ["MAX_VIEW_NODES", "SUMMARY_NODES", "ViewReport", "render_html"]


@dataclass(frozen=True, slots=True)
class ViewReport:
    """What a written view shows and leaves out."""

    path: Path
    nodes: int  # in the page: entities and events (the summary is drawn at first, the rest on demand)
    edges: int  # in the page's graph: one per ordered pair of nodes, labelled with every relation between them
    nodes_left_out: int  # by the view limit
    edges_left_out: int
    bytes: int


def render_html(
    graph: Graph | Iterable[tuple[Node, Node, Node]], path: Path, *, title: str = "kg", view_limit: int | None = None
) -> ViewReport:
    """Write the view of ``graph`` (a Graph, a Dataset read as the union of its graphs, or triples) to ``path``.

    ``view_limit`` keeps that many of the most connected nodes (``None``: up to :data:`MAX_VIEW_NODES`); the
    page says what it leaves out. The same graph gives a byte-identical file. Raises :class:`GraphError`
    (K300) when the file cannot be written.
    """
    with _no_gc():
        news = to_network(graph)
        shown, left_out = most_connected(news.graph, view_limit)
        if shown is not news.graph:
            news = replace(news, graph=shown)
        page = render_page(news, title=title, left_out=left_out)
    # lone surrogates can only be in the JSON's strings (the HTML text is cleaned): there \udXXX is their escape
    content = page.encode("utf-8", "backslashreplace")
    atomic_write(Path(path), content)  # a reader sees the old page or the new one; a full disk is K305
    return ViewReport(
        path=Path(path),
        nodes=sum(1 for _, kind in shown.nodes(data="kind") if kind != "Date"),
        edges=shown.number_of_edges(),
        nodes_left_out=left_out.nodes if left_out else 0,
        edges_left_out=left_out.edges if left_out else 0,
        bytes=len(content),
    )


@contextmanager
def _no_gc() -> Iterator[None]:
    """Pause the cyclic garbage collector: with a big rdflib graph alive, its passes cost a third of the time."""
    enabled = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if enabled:
            gc.enable()
