"""The entity network (kg.graph.network): nodes and edges from a small hand-made graph; GraphML, GEXF and CSV
that networkx reads back to the same network, byte-identical on every run."""

from __future__ import annotations

import csv
from pathlib import Path

import networkx as nx
import pyoxigraph as ox
import pytest

from kg.errors import GraphError
from kg.graph.network import entity_network, write_network

KG = "https://w3id.org/kg-news/ontology#"
ID = "https://w3id.org/kg-news/id/"
RDF = "http://www.w3.org/1999/02/22-rdf-syntax-ns#"
LABEL = "http://www.w3.org/2000/01/rdf-schema#label"
XSD = "http://www.w3.org/2001/XMLSchema#"
COUNT3 = ox.Literal("3", datatype=ox.NamedNode(f"{XSD}nonNegativeInteger"))
A1, A2 = ox.NamedNode(f"{ID}article/a1"), ox.NamedNode(f"{ID}article/a2")
ANN, BOB = f"{ID}person/ann", f"{ID}person/bob"
LABOUR, UK, MEETING, POST = f"{ID}organization/labour", f"{ID}place/uk", f"{ID}event/meeting-1", f"{ID}post/leader"


def q(s: str, p: str, o: str | ox.Literal, g: ox.NamedNode | None = None) -> ox.Quad:
    obj = o if isinstance(o, ox.Literal) else ox.NamedNode(o)
    return ox.Quad(ox.NamedNode(s), ox.NamedNode(p), obj, g or ox.DefaultGraph())


def graph() -> list[ox.Quad]:
    quads = [
        q(ANN, f"{RDF}type", f"{KG}Person"),
        q(ANN, LABEL, ox.Literal('Ann <A> & "Co"')),
        q(BOB, f"{RDF}type", f"{KG}Person"),
        q(BOB, LABEL, ox.Literal("Bob")),
        q(LABOUR, f"{RDF}type", f"{KG}Organization"),
        q(LABOUR, LABEL, ox.Literal("Labour")),
        q(UK, f"{RDF}type", f"{KG}Country"),
        q(UK, f"{RDF}type", f"{KG}Place"),
        q(UK, LABEL, ox.Literal("UK")),
        q(MEETING, f"{RDF}type", f"{KG}Event"),
        q(MEETING, f"{RDF}type", f"{KG}Meeting"),
        q(MEETING, LABEL, ox.Literal("met")),
        q(MEETING, f"{KG}agent", ANN),
        q(MEETING, f"{KG}participant", BOB),
        q(MEETING, f"{KG}place", UK),
        q(POST, f"{RDF}type", f"{KG}Post"),
        q(POST, LABEL, ox.Literal("leader")),
        q(POST, f"{KG}postIn", LABOUR),
        q(f"{POST}-2", f"{RDF}type", f"{KG}Post"),
        q(f"{POST}-2", LABEL, ox.Literal("party leader")),
        q(f"{POST}-2", f"{KG}postIn", LABOUR),
        # co-mention, with its evidence node
        q(ANN, f"{KG}mentionedWith", BOB),
        q(BOB, f"{KG}mentionedWith", ANN),
        q(f"{ID}comention/ab", f"{RDF}type", f"{KG}CoMention"),
        q(f"{ID}comention/ab", f"{RDF}subject", ANN),
        q(f"{ID}comention/ab", f"{RDF}object", BOB),
        q(
            f"{ID}comention/ab",
            f"{KG}sentenceCount",
            COUNT3,
        ),
    ]
    for g, who in ((A1, (ANN, BOB, UK)), (A2, (ANN, LABOUR))):
        for i, e in enumerate(who):
            m = f"{g.value}-m{i}"
            quads += [q(m, f"{KG}refersTo", e, g), q(g.value, f"{KG}mentions", e, g)]
    quads += [
        q(ANN, f"{KG}holdsPosition", POST, A1),
        q(ANN, f"{KG}holdsPosition", POST, A2),
        q(ANN, f"{KG}holdsPosition", f"{POST}-2", A2),
        q(ANN, f"{KG}memberOf", LABOUR, A2),
    ]
    return quads


def test_nodes_are_entities_and_events_with_type_label_and_counts() -> None:
    net = entity_network(graph())
    assert set(net) == {ANN, BOB, LABOUR, UK, MEETING}  # not the post, mentions or co-mention node
    assert net.nodes[UK]["type"] == "Country" and net.nodes[MEETING]["type"] == "Meeting"
    assert net.nodes[ANN]["label"] == 'Ann <A> & "Co"'
    assert (net.nodes[ANN]["mentions"], net.nodes[ANN]["articles"]) == (2, 2)
    assert (net.nodes[LABOUR]["mentions"], net.nodes[MEETING]["mentions"]) == (1, 0)


def test_edges_are_relations_participation_positions_and_co_mention_with_weights() -> None:
    net = entity_network(graph())
    edges = {(s, o, k): d for s, o, k, d in net.edges(keys=True, data=True)}
    position = edges[(ANN, LABOUR, "kg:holdsPosition")]  # person -> post -> organisation
    assert position["title"] == "leader; party leader"  # two posts in Labour: one edge
    assert position["weight"] == 3  # two articles state the first post, one the second
    assert edges[(ANN, LABOUR, "kg:memberOf")]["weight"] == 1
    assert {k for s, o, k in edges if s == MEETING} == {"kg:agent", "kg:participant", "kg:place"}
    assert edges[(ANN, BOB, "kg:mentionedWith")]["weight"] == 3  # the sentences its kg:CoMention counts
    assert edges[(BOB, ANN, "kg:mentionedWith")]["weight"] == 3
    assert len(edges) == 7


@pytest.mark.parametrize("fmt", ["graphml", "gexf"])
def test_networkx_reads_the_file_back_to_the_same_network(tmp_path: Path, fmt: str) -> None:
    net = entity_network(graph())
    (path,) = write_network(net, tmp_path / "network", fmt)
    back = nx.read_graphml(path) if fmt == "graphml" else nx.read_gexf(path)
    assert set(back) == set(net) and back.number_of_edges() == net.number_of_edges()
    for n, d in net.nodes(data=True):
        got = back.nodes[n]
        assert (got["label"], got["type"], int(got["mentions"])) == (d["label"], d["type"], d["mentions"])
    got_edges = sorted((s, o, d["predicate"], int(d["weight"])) for s, o, d in back.edges(data=True))
    assert got_edges == sorted((s, o, d["predicate"], d["weight"]) for s, o, d in net.edges(data=True))
    write_network(entity_network(graph()), tmp_path / "again", fmt)
    assert (tmp_path / f"again.{fmt}").read_bytes() == path.read_bytes()  # same graph, same bytes


def test_csv_is_a_nodes_and_an_edges_table(tmp_path: Path) -> None:
    net = entity_network(graph())
    nodes_path, edges_path = write_network(net, tmp_path / "network", "csv")
    nodes = list(csv.DictReader(nodes_path.open(encoding="utf-8")))
    edges = list(csv.DictReader(edges_path.open(encoding="utf-8")))
    back = nx.MultiDiGraph()
    back.add_nodes_from((r["Id"], {"label": r["Label"], "type": r["type"]}) for r in nodes)
    back.add_edges_from((r["Source"], r["Target"], r["predicate"], {"weight": int(r["Weight"])}) for r in edges)
    assert set(back) == set(net) and back.number_of_edges() == net.number_of_edges()
    assert back.nodes[ANN]["label"] == 'Ann <A> & "Co"'
    assert back.edges[ANN, BOB, "kg:mentionedWith"]["weight"] == 3


def test_an_unknown_format_is_k301(tmp_path: Path) -> None:
    with pytest.raises(GraphError) as info:
        write_network(entity_network(graph()), tmp_path / "network", "dot")
    assert info.value.code == "K301" and "graphml, gexf, csv" in str(info.value)


def test_a_built_graphset_gives_the_network_and_counts_its_quads_give() -> None:
    """A build counts from its GraphSet (N-Triples strings, escaped labels included), not from parsed quads:
    both readings must give the same network and the same numbers."""
    from kg.graph.quads import DEFAULT, GraphSet
    from kg.graph.stats import count

    quads = graph()
    by_graph: dict[str, list[tuple[str, str, str]]] = {}
    for x in quads:
        name = str(x.graph_name) if isinstance(x.graph_name, ox.NamedNode) else DEFAULT
        by_graph.setdefault(name, []).append((str(x.subject), str(x.predicate), str(x.object)))
    graphs = GraphSet.of(by_graph)
    a, b = entity_network(graphs), entity_network(quads)
    assert sorted(a.nodes(data=True)) == sorted(b.nodes(data=True))
    assert sorted(a.edges(keys=True, data=True)) == sorted(b.edges(keys=True, data=True))
    assert a.nodes[ANN]["label"] == 'Ann <A> & "Co"'
    assert count(graphs) == count(quads)
    assert count(graphs).triples == len(graphs.triples) > 0
