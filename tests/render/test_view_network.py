"""RDF -> networkx: which nodes and edges the view draws, and what the side panel gets."""

from __future__ import annotations

from collections.abc import Callable

from rdflib import OWL, RDF, RDFS, Dataset, Graph, Literal, Namespace, URIRef
from rdflib import namespace as ns

from kg.graph.iri import mint
from kg.graph.namespace import KG, KG_NS
from kg.render.network import MAX_EVIDENCE, to_network
from kg.render.select import most_connected

T = Namespace(KG_NS)
Seed = Callable[..., Dataset]
Iri = Callable[[str], URIRef]


def test_entities_become_nodes_typed_by_their_most_specific_kind(seed: Seed, iri: Iri) -> None:
    g = to_network(seed()).graph
    assert g.nodes[str(iri("bayramov"))]["kind"] == "Person"
    assert g.nodes[str(iri("azerbaijan"))]["kind"] == "Country"  # typed Country and Place: Country wins
    assert g.nodes[str(iri("geneva"))]["kind"] == "City"
    assert g.nodes[str(iri("mfa"))]["kind"] == "Organization"
    session = g.nodes[str(iri("session"))]
    assert (session["kind"], session["type"]) == ("Event", "Session")  # known event class, no ontology loaded
    entity_kinds = {d["kind"] for _, d in g.nodes(data=True)}
    assert entity_kinds == {"Person", "Organization", "Country", "City", "Event", "Date"}
    # articles, sentences and mentions are evidence, not nodes
    assert not any("/article/" in n or "/sentence/" in n or "/mention/" in n for n in g.nodes)


def test_labels_alt_names_links_and_codes(seed: Seed, iri: Iri) -> None:
    azerbaijan = to_network(seed()).graph.nodes[str(iri("azerbaijan"))]
    assert azerbaijan["label"] == "Azerbaijan"
    assert azerbaijan["alt"] == ("Azerbaijan Republic", "Republic of Azerbaijan")
    assert azerbaijan["codes"] == ("AZ",)
    # only http(s) links: the javascript: sameAs in the sample is dropped
    assert azerbaijan["links"] == ("https://sws.geonames.org/587116/", "https://www.wikidata.org/entity/Q227")
    assert azerbaijan["iri"] == str(iri("azerbaijan"))


def test_relations_are_edges_labelled_by_predicate_and_dates_are_nodes(seed: Seed, iri: Iri) -> None:
    g = to_network(seed()).graph
    edge = g.edges[str(iri("bayramov")), str(iri("mfa"))]
    assert edge["labels"] == ("member of",)  # a vocabulary term without a label is read as words
    assert g.has_edge(str(iri("session")), str(iri("geneva")))
    # one date node per value: the session and the meeting share 13 September 2023
    assert g.nodes["date 2023-09-13"]["kind"] == "Date"
    assert g.has_edge(str(iri("session")), "date 2023-09-13")
    assert g.has_edge(str(iri("meeting")), "date 2023-09-13")
    assert g.edges[str(iri("visit")), "date 2023-09"]["labels"] == ("date",)


def test_evidence_has_sentences_anchors_and_article_counts(seed: Seed, iri: Iri) -> None:
    news = to_network(seed())
    bayramov = news.graph.nodes[str(iri("bayramov"))]
    assert bayramov["sentences"] == 4
    assert bayramov["articles"] == 2
    texts = [news.sentences[i].text for i, _ in bayramov["evidence"]]
    assert texts[0].startswith("Minister of Foreign Affairs of Azerbaijan Republic Jeyhun Bayramov")
    assert ("Minister Jeyhun Bayramov",) in [anchors for _, anchors in bayramov["evidence"]]
    first = news.sentences[bayramov["evidence"][0][0]]
    assert news.articles[first.article].title.startswith("Azerbaijani FM addresses")
    assert news.articles[first.article].date == "2023-09-13"
    # sentences in article order (by date, then title), then by index
    order = [(news.sentences[i].article, news.sentences[i].index) for i, _ in bayramov["evidence"]]
    assert order == sorted(order)


def test_a_dataset_is_read_as_the_union_of_its_graphs(seed: Seed, iri: Iri) -> None:
    dataset = seed()
    union = Graph()
    for s, p, o, _ in dataset.quads((None, None, None, None)):
        union.add((s, p, o))
    from_dataset, from_graph = to_network(dataset), to_network(union)
    assert from_dataset.summary.articles == 3  # the articles are in named graphs
    assert from_dataset.summary == from_graph.summary
    assert from_dataset.sentences == from_graph.sentences
    assert dict(from_dataset.graph.nodes(data=True)) == dict(from_graph.graph.nodes(data=True))


def test_summary_counts_the_whole_graph(seed: Seed, iri: Iri) -> None:
    summary = to_network(seed()).summary
    assert summary.articles == 3
    assert dict(summary.entities) == {"Person": 4, "Organization": 5, "Country": 4, "City": 2, "Event": 5}
    assert summary.relations == 20


def test_a_plain_graph_and_an_ontology_label_for_the_predicate(seed: Seed, iri: Iri) -> None:
    g = Graph()
    a, b = mint("person", "A"), mint("organization", "B")
    g.add((a, RDF.type, KG.Person))
    g.add((b, RDF.type, KG.Organization))
    g.add((a, RDFS.label, Literal("A")))
    g.add((a, RDFS.label, Literal("A in French", lang="fr")))  # English or untagged is chosen
    g.add((a, T.memberOf, b))
    g.add((T.memberOf, RDFS.label, Literal("member of", lang="en")))
    g.add((a, OWL.sameAs, URIRef("ftp://example.org/x")))
    news = to_network(g)
    assert news.graph.edges[str(a), str(b)]["labels"] == ("member of",)
    assert news.graph.nodes[str(a)]["label"] == "A"
    assert news.graph.nodes[str(b)]["label"] == "b"  # no label: the IRI's local name
    assert news.graph.nodes[str(a)]["links"] == ()


def test_event_subclass_declared_in_the_graph(seed: Seed, iri: Iri) -> None:
    g = Graph()
    e = mint("event", "Summit")
    g.add((T.Summit, RDFS.subClassOf, KG.Event))
    g.add((T.Summit, RDFS.label, Literal("Summit", lang="en")))
    g.add((e, RDF.type, T.Summit))
    g.add((e, T.date, Literal("2023", datatype=ns.XSD.gYear)))
    news = to_network(g)
    assert (news.graph.nodes[str(e)]["kind"], news.graph.nodes[str(e)]["type"]) == ("Event", "Summit")
    assert news.graph.has_edge(str(e), "date 2023")


def test_evidence_is_capped_but_counted(seed: Seed, iri: Iri) -> None:
    g = Graph()
    e = mint("person", "Busy")
    g.add((e, RDF.type, KG.Person))
    article = mint("article", "x")
    for i in range(MAX_EVIDENCE + 5):
        s, m = mint("sentence", "x", str(i)), mint("mention", "x", str(i))
        g.add((s, KG.text, Literal(f"Busy said {i}.")))
        g.add((s, KG.inArticle, article))
        g.add((s, KG.sentenceIndex, Literal(i)))
        g.add((m, KG.refersTo, e))
        g.add((m, KG.inSentence, s))
        g.add((m, KG.anchorOf, Literal("Busy")))
    data = to_network(g).graph.nodes[str(e)]
    assert len(data["evidence"]) == MAX_EVIDENCE
    assert data["sentences"] == MAX_EVIDENCE + 5
    assert data["articles"] == 1


def test_view_limit_keeps_the_most_connected_nodes(seed: Seed, iri: Iri) -> None:
    g = to_network(seed()).graph
    view, left = most_connected(g, 5)
    assert view.number_of_nodes() == 5
    assert str(iri("bayramov")) in view  # among the best connected
    assert left is not None and left.nodes == g.number_of_nodes() - 5
    assert left.edges == g.number_of_edges() - view.number_of_edges()
    assert sum(n for _, n in left.by_kind) == left.nodes
    assert most_connected(g, None) == (g, None)
    assert most_connected(g, 1000) == (g, None)
