"""Counting what a graph holds, by type."""

from __future__ import annotations

from collections import Counter
from collections.abc import Sequence

import pyoxigraph as ox
from rdflib.namespace import RDF

from kg.graph.terms import PREFIXES

_TYPE = ox.NamedNode(str(RDF.type))


def _short(iri: str) -> str:
    for prefix, ns in sorted(PREFIXES.items(), key=lambda kv: -len(kv[1])):
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
