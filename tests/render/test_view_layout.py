"""Positions: the same for the same graph, every node placed, no two on the same spot."""

from __future__ import annotations

import math
from collections.abc import Callable

import networkx as nx
from rdflib import Dataset

from kg.render.layout import EDGE_LENGTH, SPRING_NODES, positions
from kg.render.network import to_network
from kg.render.synthetic import synthetic_graph


def test_small_graph_is_deterministic_and_places_every_node(seed: Callable[..., Dataset]) -> None:
    g = to_network(seed()).graph
    pos = positions(g)
    assert pos == positions(g.copy())
    assert set(pos) == set(g.nodes)
    linked = sorted(math.dist(pos[u], pos[v]) for u, v in g.edges)
    assert 0.5 * EDGE_LENGTH < linked[len(linked) // 2] < 2 * EDGE_LENGTH  # scaled for labels to fit


def test_big_component_is_spread_without_stacking() -> None:
    g = to_network(synthetic_graph(3 * SPRING_NODES, seed=5)).graph
    assert max(len(c) for c in nx.weakly_connected_components(g)) > SPRING_NODES  # the core-and-discs path
    pos = positions(g)
    assert pos == positions(g)
    assert set(pos) == set(g.nodes)
    assert all(math.isfinite(x) and math.isfinite(y) for x, y in pos.values())
    assert len(set(pos.values())) == len(pos)  # no two nodes on one spot


def test_isolated_nodes_and_components_do_not_overlap() -> None:
    g = nx.DiGraph()
    g.add_edges_from([("a", "b"), ("b", "c"), ("d", "e")])
    g.add_nodes_from(["x", "y", "z"])
    pos = positions(g)
    assert len({(round(x), round(y)) for x, y in pos.values()}) == len(pos)
    assert positions(nx.DiGraph()) == {}


def test_small_components_are_stars_and_rings_with_room_between_nodes() -> None:
    g = nx.DiGraph()
    g.add_edges_from([("hub", f"leaf{i}") for i in range(5)])  # a star
    g.add_edges_from([(f"r{i}", f"r{(i + 1) % 6}") for i in range(6)])  # a ring: nobody touches everyone
    g.add_edge("a", "b")  # a pair
    pos = positions(g)
    assert set(pos) == set(g.nodes)
    # the hub sits one edge length from each leaf; neighbours on the ring one edge length apart
    assert all(math.isclose(math.dist(pos["hub"], pos[f"leaf{i}"]), EDGE_LENGTH, abs_tol=0.2) for i in range(5))
    ring = [math.dist(pos[f"r{i}"], pos[f"r{(i + 1) % 6}"]) for i in range(6)]
    assert all(d >= EDGE_LENGTH - 0.2 for d in ring)
    assert math.isclose(math.dist(pos["a"], pos["b"]), EDGE_LENGTH, abs_tol=0.2)
    points = list(pos.values())
    assert min(math.dist(p, q) for i, p in enumerate(points) for q in points[i + 1 :]) > EDGE_LENGTH / 3
    assert positions(g) == pos
