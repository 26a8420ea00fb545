"""The entity network of a graph, as a networkx graph, and its files: GraphML, GEXF (Gephi) and CSV.

Nodes are the entities and events (an IRI with a ``kg:`` entity or event type), with ``label``, ``type`` (the
most specific kg class), ``iri``, ``mentions`` (the kg:Mention that refer to it) and ``articles`` (the articles
that mention it). Edges are the triples between two nodes (typed relations, an event's participants, its place),
with ``predicate`` (a prefixed name) and ``weight``; a position (``kg:holdsPosition`` a kg:Post ``kg:postIn`` an
organisation) becomes an edge from the person to the organisation with the post's label as ``title``. ``weight`` is the
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
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from pathlib import Path

import networkx as nx
import pyoxigraph as ox

from kg.errors import Errors, GraphError
from kg.graph.io import atomic_write
from kg.graph.namespace import KG_NS
from kg.graph.stats import _short
from kg.model import EVENT_CLASSES

RDF_TYPE = "http://www.w3.org/1999/02/22-rdf-syntax-ns#type"
RDF_SUBJECT = "http://www.w3.org/1999/02/22-rdf-syntax-ns#subject"
RDF_OBJECT = "http://www.w3.org/1999/02/22-rdf-syntax-ns#object"
RDFS_LABEL = "http://www.w3.org/2000/01/rdf-schema#label"
#: The entity and event classes, most specific first (a country is also a kg:Place: it is typed Country).
NODE_CLASSES = tuple(
    f"{KG_NS}{c}" for c in ("Country", "City", "Region", "Person", "Organization", "Place", *EVENT_CLASSES, "Event")
)
REFERS_TO = f"{KG_NS}refersTo"
MENTIONS = f"{KG_NS}mentions"
HOLDS_POSITION = f"{KG_NS}holdsPosition"
POST_IN = f"{KG_NS}postIn"
# Co-mention, from the vocabulary of issue #12: kg:mentionedWith and its kg:CoMention with kg:sentenceCount.
MENTIONED_WITH = f"{KG_NS}mentionedWith"
CO_MENTION = f"{KG_NS}CoMention"
SENTENCE_COUNT = f"{KG_NS}sentenceCount"

Obj = ox.NamedNode | ox.BlankNode | ox.Literal


def entity_network(quads: Iterable[ox.Quad]) -> nx.MultiDiGraph:
    """The entity network of ``quads`` (see the module's docstring)."""
    types: dict[str, set[str]] = defaultdict(set)
    labels: dict[str, str] = {}
    mentions: dict[str, set[str]] = defaultdict(set)
    articles: dict[str, set[str]] = defaultdict(set)
    stated: dict[tuple[str, str, str], set[str]] = defaultdict(set)
    by_subject: dict[str, dict[str, list[Obj]]] = defaultdict(lambda: defaultdict(list))
    for q in quads:
        s, p, o = q.subject, q.predicate.value, q.object
        if not isinstance(s, ox.NamedNode | ox.BlankNode):
            continue
        graph = q.graph_name.value if isinstance(q.graph_name, ox.NamedNode) else ""
        if p == RDF_TYPE and isinstance(o, ox.NamedNode):
            types[s.value].add(o.value)
        elif p == RDFS_LABEL and isinstance(o, ox.Literal):
            labels.setdefault(s.value, o.value)
        elif p == REFERS_TO and isinstance(o, ox.NamedNode):
            mentions[o.value].add(s.value)
        elif p == MENTIONS and isinstance(o, ox.NamedNode):
            articles[o.value].add(s.value)
        if isinstance(o, ox.NamedNode | ox.BlankNode | ox.Literal):
            by_subject[s.value][p].append(o)
            if isinstance(o, ox.NamedNode):
                stated[(s.value, p, o.value)].add(graph)

    network = nx.MultiDiGraph()
    for iri in sorted(types):
        kind = next((c for c in NODE_CLASSES if c in types[iri]), None)
        if kind is None:
            continue
        network.add_node(
            iri,
            label=labels.get(iri, iri),
            type=kind[len(KG_NS) :],
            iri=iri,
            mentions=len(mentions.get(iri, ())),
            articles=len(articles.get(iri, ())),
        )
    weights = _co_mention_weights(types, by_subject)
    for (a, pred, b), graphs in sorted(stated.items()):
        if a not in network or pred == RDF_TYPE:
            continue
        articles_stating = len(graphs - {""}) or 1
        if pred == HOLDS_POSITION:  # person -> post -> organisation: one edge, the post's label on it
            for body in by_subject.get(b, {}).get(POST_IN, []):
                if body.value in network:
                    _edge(network, a, body.value, pred, articles_stating, title=labels.get(b, ""))
            continue
        if b not in network:
            continue
        weight = weights.get((a, b)) if pred == MENTIONED_WITH else None
        _edge(network, a, b, pred, weight if weight is not None else articles_stating)
    return network


def _edge(network: nx.MultiDiGraph, s: str, o: str, predicate: str, weight: int, title: str = "") -> None:
    key = _short(predicate)
    if network.has_edge(s, o, key):
        data = network.edges[s, o, key]
        data["weight"] = max(int(data["weight"]), weight)
        data["title"] = data["title"] or title
        return
    network.add_edge(s, o, key=key, predicate=key, weight=weight, title=title)


def _co_mention_weights(
    types: dict[str, set[str]], by_subject: dict[str, dict[str, list[Obj]]]
) -> dict[tuple[str, str], int]:
    """(entity, entity) -> sentences that name both, from each kg:CoMention; both directions (symmetric)."""
    out: dict[tuple[str, str], int] = {}
    for node, kinds in types.items():
        if CO_MENTION not in kinds:
            continue
        props = by_subject.get(node, {})
        subjects, objects, counts = props.get(RDF_SUBJECT, []), props.get(RDF_OBJECT, []), props.get(SENTENCE_COUNT, [])
        if subjects and objects and counts and counts[0].value.isdigit():
            a, b, n = subjects[0].value, objects[0].value, int(counts[0].value)
            out[(a, b)] = out[(b, a)] = max(n, out.get((a, b), 0))
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


__all__ = ["NETWORK_FORMATS", "entity_network", "write_network"]
