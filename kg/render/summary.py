"""What matters in a corpus, for the first screen: each node's importance, the communities, and the few hundred
nodes the page opens on.

Importance is what a reader means by "who matters here": how many sentences and articles mention a thing and
how many typed links it has. Communities are networkx's Louvain (seeded) on the typed relations, event
participation and co-mentions; each is named by its most important entity. An entity with no typed relation
and no event is *isolated*: it is listed in the side panel, not strewn around the picture.
"""

from __future__ import annotations

import math
from collections import defaultdict
from dataclasses import dataclass
from typing import Final

import networkx as nx

from kg.render.network import NewsNetwork

#: The page opens on at most this many nodes (the rest are found by search and shown on demand).
SUMMARY_NODES: Final = 250
#: Of those, at most this many are events (an event must join two or more of the summary's entities).
SUMMARY_EVENTS: Final = 50
SEED: Final = 7
#: The weight of a co-mention in the community graph, per sentence, up to that of a typed relation.
CO_WEIGHT: Final = 0.25
#: How many labels the first screen shows, and the size of the others' (drawn from a closer zoom).
LABELLED: Final = 50
SMALL_FONT: Final = 10


@dataclass(frozen=True, slots=True)
class Edge:
    source: str
    target: str
    label: str
    kind: str  # "relation" (entity -> entity), "role" (event -> entity) or "pair" (an event joining exactly two)
    support: int  # index of a sentence that says it, or -1
    event: str = ""  # for "pair": the event's key


@dataclass(frozen=True)
class Map:
    """The nodes in page order (summary first, then the rest by importance, the isolated last) and what each is."""

    order: tuple[str, ...]
    score: dict[str, float]
    community: dict[str, int]  # index into communities, -1 when alone
    communities: tuple[tuple[str, int], ...]  # (name: its top entity's label, members), most important first
    summary: int  # order[:summary] is drawn at first
    isolated: int  # order[isolated:] have no drawn edge
    edges: tuple[Edge, ...]
    participants: dict[str, tuple[str, ...]]  # event -> its entities


def drawable(news: NewsNetwork) -> list[str]:
    return [n for n, d in news.graph.nodes(data=True) if d["kind"] != "Date"]


def drawn_edges(news: NewsNetwork) -> tuple[tuple[Edge, ...], dict[str, tuple[str, ...]]]:
    """Typed relations, event roles, and an edge for each event that joins exactly two entities."""
    g = news.graph
    edges: list[Edge] = []
    participants: defaultdict[str, list[str]] = defaultdict(list)
    for u, v, d in g.edges(data=True):
        ku, kv = g.nodes[u]["kind"], g.nodes[v]["kind"]
        if "Date" in (ku, kv):
            continue
        kind = "role" if ku == "Event" and kv != "Event" else "relation"
        for label, support in zip(d["labels"], d["support"], strict=True):
            edges.append(Edge(u, v, label, kind, support))
        if kind == "role":
            participants[u].append(v)
    for event, ends in sorted(participants.items()):
        if len(ends) == 2:
            a, b = sorted(ends)
            data = g.nodes[event]
            label = data["type"] + (" " + data["date"] if data["date"] else "")
            edges.append(Edge(a, b, label, "pair", -1, event))
    return tuple(edges), {e: tuple(sorted(ends)) for e, ends in participants.items()}


def make_map(news: NewsNetwork, *, summary_nodes: int = SUMMARY_NODES) -> Map:
    g = news.graph
    nodes = sorted(drawable(news))
    edges, participants = drawn_edges(news)
    typed = nx.Graph()
    typed.add_nodes_from(nodes)
    for e in sorted(edges, key=lambda e: (e.source, e.target, e.label)):
        if e.kind != "pair" and e.source != e.target:
            typed.add_edge(e.source, e.target, weight=1.0)
    degree = dict(typed.degree())
    score = {
        n: float(g.nodes[n]["sentences"] + g.nodes[n]["articles"] + 2 * degree[n] + (degree[n] > 0)) for n in nodes
    }
    order_all = sorted(nodes, key=lambda n: (-score[n], g.nodes[n]["label"], n))
    isolated = [n for n in order_all if degree[n] == 0]
    linked = [n for n in order_all if degree[n] > 0]

    communities = _communities(typed, news, score, g)
    chosen = _summary(typed, linked, participants, g, summary_nodes)
    rest = [n for n in linked if n not in chosen]
    first = [n for n in linked if n in chosen]
    order = tuple(first + rest + isolated)
    return Map(
        order=order,
        score=score,
        community=communities[0],
        communities=communities[1],
        summary=len(first),
        isolated=len(first) + len(rest),
        edges=edges,
        participants=participants,
    )


def _summary(
    typed: nx.Graph, linked: list[str], participants: dict[str, tuple[str, ...]], g: nx.DiGraph, limit: int
) -> set[str]:
    """The most important linked entities, kept when linked to another of them, and the events among them (at
    most :data:`SUMMARY_EVENTS`, each joining three or more of the chosen entities)."""
    entities = [n for n in linked if g.nodes[n]["kind"] != "Event"]
    events = [n for n in linked if g.nodes[n]["kind"] == "Event"]

    def pick(budget: int) -> tuple[set[str], list[str]]:
        top = set(entities[:budget])
        chosen = {n for n in entities[:budget] if any(m in top for m in typed.adj[n]) or _shares_event(n, top, typed)}
        for n in entities[budget:]:  # fill the places of the entities that had no link among the top ones
            if len(chosen) >= budget:
                break
            if any(m in chosen for m in typed.adj[n]):
                chosen.add(n)
        joining = [e for e in events if sum(p in chosen for p in participants.get(e, ())) >= 3]
        return chosen, joining[: max(0, limit - len(chosen))]

    reserve = min(SUMMARY_EVENTS, limit // 5)
    chosen, joining = pick(limit - reserve)
    if len(joining) < reserve:
        chosen, joining = pick(limit - len(joining))
    return chosen | set(joining)


def _shares_event(n: str, top: set[str], typed: nx.Graph) -> bool:
    return any(m in top for e in typed.adj[n] for m in typed.adj[e] if m != n)


def _communities(
    typed: nx.Graph, news: NewsNetwork, score: dict[str, float], g: nx.DiGraph
) -> tuple[dict[str, int], tuple[tuple[str, int], ...]]:
    """Louvain on the typed and co-mention graph; communities ranked by the importance of their members."""
    both = nx.Graph()
    both.add_nodes_from(typed.nodes)
    both.add_weighted_edges_from((u, v, d["weight"]) for u, v, d in typed.edges(data=True))
    for a, b, sentences, _ in news.co_mentions:
        if a in both and b in both and a != b:
            w = min(1.0, CO_WEIGHT * sentences)
            if both.has_edge(a, b):
                both[a][b]["weight"] += w
            else:
                both.add_edge(a, b, weight=w)
    groups = [sorted(c) for c in nx.community.louvain_communities(both, weight="weight", seed=SEED) if len(c) > 1]
    groups.sort(key=lambda c: (-sum(score[n] for n in c), c[0]))
    community = {n: -1 for n in typed.nodes}
    named = []
    for i, members in enumerate(groups):
        for n in members:
            community[n] = i
        people = [n for n in members if g.nodes[n]["kind"] != "Event"] or members
        top = min(people, key=lambda n: (-score[n], g.nodes[n]["label"], n))
        named.append((g.nodes[top]["label"], len(members)))
    return community, tuple(named)


def font_and_size(rank: int, score: float, top: float) -> tuple[int, float]:
    """Label size (canvas px) and node size by rank in the summary: the top :data:`LABELLED` labels are
    legible at the first zoom, the others wait for a closer one."""
    share = math.sqrt(score / top) if top > 0 else 0.0
    size = round(8.0 + 20.0 * share, 1)
    if rank < LABELLED:
        return round(16 + 8 * share), size
    return SMALL_FONT, size
