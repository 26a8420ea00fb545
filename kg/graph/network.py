"""The entity network of a graph, as a networkx graph, and its files: GraphML, GEXF (Gephi) and CSV.

Nodes are the entities and events (an IRI with a ``kg:`` entity or event type), with ``label``, ``type`` (the
most specific kg class), ``iri``, ``mentions`` (the kg:Mention that refer to it) and ``articles`` (the articles
that mention it). Edges are the triples between two nodes (typed relations, an event's participants, its place),
with ``predicate`` (a prefixed name) and ``weight``; a position (``kg:holdsPosition`` a kg:Post ``kg:postIn`` an
organisation) becomes an edge from the person to the organisation with the post's label as ``title`` (posts in the
same organisation: one edge, their titles joined by ``; ``, their weights added). ``weight`` is the
number of articles that state the triple (1 for a triple of the default graph only); for a co-mention
(``kg:mentionedWith``) it is the number of sentences its kg:CoMention counts (``kg:sentenceCount``), when the
graph has one.

The graph is a networkx ``MultiDiGraph`` (one edge per predicate between two nodes, its key the predicate), whose
attributes are all strings and numbers, so ``nx.write_graphml`` and ``nx.write_gexf`` take it as it is. The same
graph always gives the same bytes.
"""

from __future__ import annotations

import csv
import io
from collections import defaultdict
from collections.abc import Callable, Iterable, Iterator, Sequence
from dataclasses import dataclass
from pathlib import Path

import networkx as nx
import pyoxigraph as ox

from kg.errors import Errors, GraphError
from kg.graph import nt
from kg.graph.io import atomic_write
from kg.graph.namespace import KG_NS
from kg.graph.quads import GraphSet
from kg.graph.stats import _short
from kg.vocab import vocabulary

RDF_TYPE = "http://www.w3.org/1999/02/22-rdf-syntax-ns#type"
RDF_SUBJECT = "http://www.w3.org/1999/02/22-rdf-syntax-ns#subject"
RDF_OBJECT = "http://www.w3.org/1999/02/22-rdf-syntax-ns#object"
RDFS_LABEL = "http://www.w3.org/2000/01/rdf-schema#label"
#: The entity and event classes, most specific first (a country is also a kg:Place: it is typed Country).
NODE_CLASSES = tuple(
    f"{KG_NS}{c}"
    for c in ("Country", "City", "Region", "Person", "Organization", "Place", *sorted(vocabulary().events), "Event")
)
REFERS_TO = f"{KG_NS}refersTo"
MENTIONS = f"{KG_NS}mentions"
POST = f"{KG_NS}Post"
POST_IN = f"{KG_NS}postIn"
# Co-mention: kg:mentionedWith and its kg:CoMention with kg:sentenceCount.
MENTIONED_WITH = f"{KG_NS}mentionedWith"
CO_MENTION = f"{KG_NS}CoMention"
SENTENCE_COUNT = f"{KG_NS}sentenceCount"


#: One statement as the network reads it: (subject IRI, predicate IRI, object IRI or literal text, whether the
#: object is an IRI, graph IRI or "" for the default graph). Statements about blank nodes are left out.
Row = tuple[str, str, str, bool, str]
#: The predicates whose literal objects the network reads (names and counts); other literals are not unescaped.
_READ_LITERALS = frozenset({RDFS_LABEL, SENTENCE_COUNT})


def rows(source: Iterable[ox.Quad] | GraphSet) -> Iterator[Row]:
    """The statements of ``source`` (pyoxigraph quads, or a built GraphSet read as its N-Triples strings)."""
    if isinstance(source, GraphSet):
        iris: dict[str, str] = {}  # each IRI's value made once: the rows share their strings

        def value(term: str) -> str:
            hit = iris.get(term)
            if hit is None:
                hit = iris[term] = term[1:-1]
            return hit

        for g, triples in source.graphs.items():
            graph = g[1:-1]
            for s, p, o in triples:
                if s[0] != "<":
                    continue
                if o[0] == "<":
                    yield value(s), value(p), value(o), True, graph
                elif o[0] == '"':
                    pred = value(p)
                    yield value(s), pred, nt.parts(o)[0] if pred in _READ_LITERALS else o, False, graph
        return
    for q in source:
        if not isinstance(q.subject, ox.NamedNode) or not isinstance(q.object, ox.NamedNode | ox.Literal):
            continue
        g = q.graph_name.value if isinstance(q.graph_name, ox.NamedNode) else ""
        yield q.subject.value, q.predicate.value, q.object.value, isinstance(q.object, ox.NamedNode), g


def entity_network(source: Iterable[ox.Quad] | GraphSet) -> nx.MultiDiGraph:
    """The entity network of ``source`` (see the module's docstring): pyoxigraph quads, or a built GraphSet."""
    return network_of(list(rows(source)))


def network_of(named: Sequence[Row]) -> nx.MultiDiGraph:
    """The entity network of statements already read by :func:`rows`."""
    types: dict[str, set[str]] = defaultdict(set)
    labels: dict[str, str] = {}
    for s, p, o, is_iri, _ in named:
        if p == RDF_TYPE and is_iri:
            types[s].add(o)
        elif p == RDFS_LABEL and not is_iri:
            labels.setdefault(s, o)
    network = nx.MultiDiGraph()
    nodes = []
    for iri in sorted(types):
        kind = next((c for c in NODE_CLASSES if c in types[iri]), None)
        if kind is not None:
            attrs = {"label": labels.get(iri, iri), "type": kind[len(KG_NS) :], "iri": iri, "mentions": 0}
            nodes.append((iri, {**attrs, "articles": 0}))
    network.add_nodes_from(nodes)
    posts = {iri for iri, kinds in types.items() if POST in kinds}
    co_mentions = {iri for iri, kinds in types.items() if CO_MENTION in kinds}

    mentions: dict[str, set[str]] = defaultdict(set)
    articles: dict[str, set[str]] = defaultdict(set)
    post_in: dict[str, set[str]] = defaultdict(set)
    co: dict[str, dict[str, str]] = defaultdict(dict)
    stated: dict[tuple[str, str, str], set[str]] = defaultdict(set)
    for s, p, o, is_iri, g in named:
        if p == REFERS_TO and is_iri and o in network:
            mentions[o].add(s)
        elif p == MENTIONS and is_iri and o in network:
            articles[o].add(s)
        elif s in posts and p == POST_IN and is_iri:
            post_in[s].add(o)
        elif s in co_mentions and p in (RDF_SUBJECT, RDF_OBJECT, SENTENCE_COUNT):
            co[s][p] = o
        elif s in network and p != RDF_TYPE and is_iri and (o in network or o in posts):
            stated[(s, p, o)].add(g)
    for iri, found in mentions.items():
        network.nodes[iri]["mentions"] = len(found)
    for iri, found in articles.items():
        network.nodes[iri]["articles"] = len(found)
    weights = _co_mention_weights(co)
    for (a, pred, b), graphs in sorted(stated.items()):
        articles_stating = len(graphs - {""}) or 1
        if b in posts:  # person -> post -> organisation: one edge, the post's label on it
            for body in sorted(post_in.get(b, ())):
                if body in network:
                    _edge(network, a, body, pred, articles_stating, title=labels.get(b, ""))
            continue
        weight = weights.get((a, b)) if pred == MENTIONED_WITH else None
        _edge(network, a, b, pred, weight if weight is not None else articles_stating)
    return network


def _edge(network: nx.MultiDiGraph, s: str, o: str, predicate: str, weight: int, title: str = "") -> None:
    """Add the edge, or, for a second post held in the same organisation, add its weight and its title."""
    key = _short(predicate)
    if network.has_edge(s, o, key):
        data = network.edges[s, o, key]
        data["weight"] = int(data["weight"]) + weight
        data["title"] = "; ".join(sorted({*data["title"].split("; "), title} - {""}))
        return
    network.add_edge(s, o, key=key, predicate=key, weight=weight, title=title)


def _co_mention_weights(co: dict[str, dict[str, str]]) -> dict[tuple[str, str], int]:
    """(entity, entity) -> sentences that name both, from each kg:CoMention; both directions (symmetric)."""
    out: dict[tuple[str, str], int] = {}
    for props in co.values():
        a, b, n = props.get(RDF_SUBJECT), props.get(RDF_OBJECT), props.get(SENTENCE_COUNT, "")
        if a and b and n.isdigit():
            out[(a, b)] = out[(b, a)] = max(int(n), out.get((a, b), 0))
    return out


# --- files ---


@dataclass(frozen=True, slots=True)
class NetworkFormat:
    name: str
    suffixes: tuple[str, ...]  # the files it writes, after the stem
    write: Callable[[nx.MultiDiGraph], tuple[bytes, ...]]


def _graphml(network: nx.MultiDiGraph) -> tuple[bytes, ...]:
    return ("\n".join(nx.generate_graphml(network, named_key_ids=True)).encode("utf-8") + b"\n",)


def _gexf(network: nx.MultiDiGraph) -> tuple[bytes, ...]:
    # networkx writes the date of the day into GEXF's <meta>; without it the same graph gives the same bytes
    text = "\n".join(nx.generate_gexf(network, version="1.2draft"))
    start, end = text.find("<meta"), text.find("</meta>")
    if start >= 0 and end > start:
        text = text[:start] + "<meta><creator>kg</creator></meta>" + text[end + len("</meta>") :]
    return (text.encode("utf-8") + b"\n",)


def _csv(network: nx.MultiDiGraph) -> tuple[bytes, ...]:
    """Gephi's spreadsheet import: a nodes table (Id, Label, ...) and an edges table (Source, Target, Type, ...)."""
    nodes, edges = io.StringIO(), io.StringIO()
    w = csv.writer(nodes, lineterminator="\n")
    w.writerow(["Id", "Label", "type", "mentions", "articles"])
    for n, d in network.nodes(data=True):
        w.writerow([n, d["label"], d["type"], d["mentions"], d["articles"]])
    w = csv.writer(edges, lineterminator="\n")
    w.writerow(["Source", "Target", "Type", "Label", "predicate", "Weight", "title"])
    for s, o, d in network.edges(data=True):
        w.writerow([s, o, "Directed", d["predicate"], d["predicate"], d["weight"], d["title"]])
    return nodes.getvalue().encode("utf-8"), edges.getvalue().encode("utf-8")


NETWORK_FORMATS: dict[str, NetworkFormat] = {
    f.name: f
    for f in (
        NetworkFormat("graphml", (".graphml",), _graphml),
        NetworkFormat("gexf", (".gexf",), _gexf),
        NetworkFormat("csv", ("-nodes.csv", "-edges.csv"), _csv),
    )
}


def write_network(network: nx.MultiDiGraph, stem: Path, fmt: str) -> list[Path]:
    """Write ``network`` as ``stem`` + the format's suffixes (``out/network.graphml``, or for CSV
    ``out/network-nodes.csv`` and ``out/network-edges.csv``); returns the paths written."""
    try:
        form = NETWORK_FORMATS[fmt]
    except KeyError:
        raise GraphError(Errors.K301, fmt=fmt, options=", ".join(NETWORK_FORMATS)) from None
    paths = [stem.with_name(stem.name + suffix) for suffix in form.suffixes]
    for path, data in zip(paths, form.write(network), strict=True):
        atomic_write(path, data)
    return paths


__all__ = ["NETWORK_FORMATS", "Row", "entity_network", "network_of", "rows", "write_network"]
