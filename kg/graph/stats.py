"""Counting what a graph holds: the numbers the build summary, ``kg stats`` and the README give (one function,
:func:`count`), and the number of things of each type.

An *entity* is a node of the entity network (:func:`kg.graph.network.entity_network`): a person, organisation,
place or event, as the view draws them; *events* are the entities that are events. A *mention* is a kg:Mention
that refers to an entity. A *relation* is an edge of the network: a distinct (entity, predicate, entity) the
graph states (typed relations, an event's participants and place, a position held in an organisation).
"""

from __future__ import annotations

import functools
from collections import Counter
from collections.abc import Sequence
from dataclasses import dataclass

import pyoxigraph as ox
from rdflib.namespace import RDF

from kg.graph.namespace import KG
from kg.graph.quads import GraphSet
from kg.graph.terms import PREFIXES

_TYPE = ox.NamedNode(str(RDF.type))


#: The prefixes, longest namespace first (the most specific wins).
_BY_LENGTH = tuple(sorted(PREFIXES.items(), key=lambda kv: -len(kv[1])))


@functools.lru_cache(maxsize=4096)
def _short(iri: str) -> str:
    for prefix, ns in _BY_LENGTH:
        if iri.startswith(ns):
            return f"{prefix}:{iri[len(ns) :]}"
    return f"<{iri}>"


def count_by_type(quads: Sequence[ox.Quad]) -> tuple[list[tuple[str, int]], int]:
    """(type, number of distinct subjects) sorted by type, and the number of distinct triples."""
    typed: dict[str, set[object]] = {}
    triples = set()
    for q in quads:
        triples.add((q.subject, q.predicate, q.object))
        if q.predicate == _TYPE and isinstance(q.object, ox.NamedNode):
            typed.setdefault(q.object.value, set()).add(q.subject)
    counts = Counter({_short(t): len(s) for t, s in typed.items()})
    return sorted(counts.items()), len(triples)


@dataclass(frozen=True, slots=True)
class Counts:
    articles: int
    entities: int  # events included
    events: int
    mentions: int
    relations: int
    triples: int
    kinds: tuple[tuple[str, int], ...] = ()  # entities by their most specific type, by type

    def rows(self) -> list[tuple[str, int]]:
        return [
            ("articles", self.articles),
            ("entities", self.entities),
            ("events", self.events),
            ("mentions", self.mentions),
            ("relations", self.relations),
            ("triples", self.triples),
        ]


#: Edges of the network that are no relation: co-mention, and a statement's link to the event it reports.
_NOT_RELATIONS = frozenset({"kg:mentionedWith", "kg:reportsEvent"})


def count(source: Sequence[ox.Quad] | GraphSet) -> Counts:
    """The numbers of a graph (see the module's docstring), read from its quads or, in a build, its GraphSet:
    the same graph in any format gives the same."""
    from kg.graph.network import network_of, rows
    from kg.vocab import vocabulary

    named = list(rows(source))
    network = network_of(named)
    events = {"Event", *vocabulary().events}
    kinds = Counter(d["type"] for _, d in network.nodes(data=True))
    article, a = str(KG.Article), str(RDF.type)
    if isinstance(source, GraphSet):
        triples = len(source.triples)
    else:
        triples = len({(q.subject, q.predicate, q.object) for q in source})
    return Counts(
        articles=len({s for s, p, o, is_iri, _ in named if p == a and o == article and is_iri}),
        entities=network.number_of_nodes(),
        events=sum(1 for _, d in network.nodes(data=True) if d["type"] in events),
        mentions=sum(int(d["mentions"]) for _, d in network.nodes(data=True)),
        relations=sum(1 for *_, key in network.edges(keys=True) if key not in _NOT_RELATIONS),
        triples=triples,
        kinds=tuple(sorted(kinds.items())),
    )
