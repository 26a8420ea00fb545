"""A built graph: the sorted, distinct triples of each of its graphs (the default graph, one per article).

The builder makes one; the files, the store, the manifest's hashes and the view read it. Terms are N-Triples
strings (:mod:`kg.graph.nt`), so the whole graph sorts, hashes and writes without a term object per triple.
"""

from __future__ import annotations

import hashlib
from collections.abc import Iterable, Iterator, Mapping
from dataclasses import dataclass
from functools import cached_property
from itertools import chain, groupby
from typing import Final

import pyoxigraph as ox

from kg.graph.nt import Term, Triple

#: The default graph's name in :attr:`GraphSet.graphs` (named graphs are IRI terms, ``<...>``).
DEFAULT: Final = ""
#: The default graph's key in the hashes a manifest keeps (named graphs go by their IRI).
DEFAULT_KEY: Final = "default"

Quad = tuple[Term, Term, Term, Term]  # (graph, subject, predicate, object)


@dataclass(frozen=True)
class GraphSet:
    """``graphs`` maps a graph's name to its triples, sorted and distinct; the default graph comes first, the
    named graphs follow in name order. Read-only: build a new one rather than change it."""

    graphs: Mapping[Term, tuple[Triple, ...]]

    @classmethod
    def of(cls, graphs: Mapping[Term, Iterable[Triple]]) -> GraphSet:
        """Sort, de-duplicate and order the triples of each graph; empty graphs are dropped."""
        names = sorted(graphs, key=lambda g: (g != DEFAULT, g))
        return cls({g: tuple(sorted(set(graphs[g]))) for g in names if graphs[g]})

    def quads(self) -> Iterator[Quad]:
        for g, triples in self.graphs.items():
            for s, p, o in triples:
                yield g, s, p, o

    def __len__(self) -> int:
        return sum(len(t) for t in self.graphs.values())

    @cached_property
    def triples(self) -> list[Triple]:
        """The union of the graphs: distinct triples, sorted. Each graph is sorted already: a sort of their
        concatenation merges those runs (ten times faster than sorting a set), then duplicates are neighbours."""
        return [t for t, _ in groupby(sorted(chain.from_iterable(self.graphs.values())))]

    def ntriples(self) -> bytes:
        return "".join([f"{s} {p} {o} .\n" for s, p, o in self.triples]).encode("utf-8")

    def nquads(self, names: Iterable[Term] | None = None) -> bytes:
        lines = []
        for g in self.graphs if names is None else names:
            end = f" {g} .\n" if g != DEFAULT else " .\n"
            lines.extend([f"{s} {p} {o}{end}" for s, p, o in self.graphs.get(g, ())])
        return "".join(lines).encode("utf-8")

    def nquad_chunks(self, size: int = 200_000) -> Iterator[bytes]:
        """The N-Quads of whole graphs, about ``size`` quads at a time: a store loads them one after the other
        without the whole corpus's text in memory at once."""
        names: list[Term] = []
        count = 0
        for g, triples in self.graphs.items():
            names.append(g)
            count += len(triples)
            if count >= size:
                yield self.nquads(names)
                names, count = [], 0
        if names:
            yield self.nquads(names)

    def to_ox(self) -> list[ox.Quad]:
        """The quads as pyoxigraph objects (for the Python API and tests; the build itself never needs them)."""
        return [q for q in ox.parse(self.nquads(), format=ox.RdfFormat.N_QUADS) if isinstance(q, ox.Quad)]

    def hashes(self) -> dict[str, str]:
        """A hash of each graph's content, by graph ("default", or the named graph's IRI)."""
        out = {}
        for g, triples in self.graphs.items():
            digest = hashlib.sha256("".join([f"{s} {p} {o}\n" for s, p, o in triples]).encode("utf-8"))
            out[DEFAULT_KEY if g == DEFAULT else g[1:-1]] = digest.hexdigest()[:32]
        return dict(sorted(out.items()))

    @classmethod
    def from_ox(cls, quads: Iterable[ox.Quad]) -> GraphSet:
        """From pyoxigraph quads (a graph file read back, a test's hand-made quads)."""
        graphs: dict[Term, list[Triple]] = {}
        for q in quads:
            g = DEFAULT if isinstance(q.graph_name, ox.DefaultGraph) else str(q.graph_name)
            graphs.setdefault(g, []).append((str(q.subject), str(q.predicate), str(q.object)))
        return cls.of(graphs)


__all__ = ["DEFAULT", "DEFAULT_KEY", "GraphSet", "Quad"]
