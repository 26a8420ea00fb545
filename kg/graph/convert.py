"""pyoxigraph quads -> an rdflib Dataset, for the Python API, pyshacl and the view."""

from __future__ import annotations

from collections.abc import Iterable

import pyoxigraph as ox
from rdflib import BNode, Dataset, Literal, URIRef
from rdflib.graph import DATASET_DEFAULT_GRAPH_ID
from rdflib.term import Node


def to_rdflib(quads: Iterable[ox.Quad]) -> Dataset:
    ds = Dataset()
    cache: dict[object, Node] = {}

    def term(t: object) -> Node:
        hit = cache.get(t)
        if hit is not None:
            return hit
        node: Node
        if isinstance(t, ox.NamedNode):
            node = URIRef(t.value)
        elif isinstance(t, ox.BlankNode):
            node = BNode(t.value)
        elif isinstance(t, ox.Literal):
            if t.language:
                node = Literal(t.value, lang=t.language)
            else:
                node = Literal(t.value, datatype=URIRef(t.datatype.value))
        elif isinstance(t, ox.DefaultGraph):
            node = DATASET_DEFAULT_GRAPH_ID
        else:  # pragma: no cover - RDF-star terms are never written by kg
            raise TypeError(f"unsupported term {t!r}")
        cache[t] = node
        return node

    for q in quads:
        ds.add((term(q.subject), term(q.predicate), term(q.object), term(q.graph_name)))  # type: ignore[arg-type]
    return ds
