"""Relations, events and quotes as RDF (kg.graph.facts): reified assertions with their evidence, posts, events
with CAMEO codes and a trigger mention in each article, quotes; and the whole graph against ontology/shapes.ttl.
"""

from __future__ import annotations

import hashlib
from decimal import Decimal

import pyoxigraph as ox
import pytest
from rdflib import RDF, Graph, URIRef
from spacy.language import Language

from kg.extract import extract
from kg.graph.build import build_quads, entity_iris
from kg.graph.convert import to_rdflib
from kg.graph.facts import post_iri, relation_quads
from kg.graph.iri import mint
from kg.graph.namespace import KG_NS
from kg.graph.validate import ontology_file, validate
from kg.model import Article, Entity, Extraction, Provenance, Relation, Resolution
from kg.resolve import resolve
from kg.vocab import vocabulary

pytestmark = pytest.mark.model

TEXTS = (
    "Foreign Minister Penny Wong met Sitiveni Rabuka in Suva on May 2, 2023. “We will not give up on the Pacific,” "
    "Wong said.",
    "Penny Wong met Sitiveni Rabuka in Suva. Jens Stoltenberg, Secretary General of NATO, arrived in Oslo.",
    "The treaty signed by the leaders of France, Italy and Spain on May 9, 2019 entered into force. Sweden's "
    "chairmanship of the Nordic Council ended in December. The summit was held in Nairobi, Kenya, last week.",
    "The Senegalese parliament adopted the new constitution on July 2, 2021. Narendra Modi addressed the United "
    "Nations General Assembly on September 26, 2020. Alberto van Klaveren visited Madrid on April 12, 2023.",
)
PREFIXES = f"PREFIX kg: <{KG_NS}> PREFIX rdf: <{RDF}> PREFIX rdfs: <http://www.w3.org/2000/01/rdf-schema#> "

Corpus = tuple[list[Extraction], Resolution, list[ox.Quad], ox.Store]


def corpus(nlp: Language, *texts: str) -> Corpus:
    """Extract, resolve and build ``texts``, each an article with a content-hash id as ingest gives it."""
    arts = [Article(hashlib.sha256(t.encode()).hexdigest()[:16], f"{i}.txt", t, "") for i, t in enumerate(texts)]
    exs = [r for r in extract(arts, nlp) if isinstance(r, Extraction)]
    res = resolve(exs)
    quads = build_quads(exs, res)
    store = ox.Store()
    store.extend(quads)
    return exs, res, quads, store


@pytest.fixture(scope="module")
def built(nlp: Language) -> Corpus:
    return corpus(nlp, *TEXTS)


def select(store: ox.Store, query: str) -> list[dict[str, ox.NamedNode | ox.Literal]]:
    solutions = store.query(PREFIXES + query)
    names = [v.value for v in solutions.variables]  # type: ignore[union-attr]
    return [{n: s[n] for n in names} for s in solutions]  # type: ignore[union-attr]


def test_the_graph_of_relations_events_and_quotes_conforms_to_the_shapes(built: Corpus) -> None:
    _, res, quads, _ = built
    assert res.relations and res.events and res.quotes  # the corpus has one of each
    assert validate(to_rdflib(quads)) == []


def test_every_relation_is_a_triple_with_a_reified_assertion_and_its_evidence(built: Corpus) -> None:
    exs, res, _, store = built
    rows = select(
        store,
        """SELECT ?g ?s ?p ?o ?sent ?b ?e ?by ?c WHERE { GRAPH ?g {
             ?a a kg:Assertion ; rdf:subject ?s ; rdf:predicate ?p ; rdf:object ?o ; kg:inArticle ?g ;
                kg:inSentence ?sent ; kg:beginIndex ?b ; kg:endIndex ?e ; kg:extractedBy ?by ; kg:confidence ?c .
             ?s ?p ?o . ?sent a kg:Sentence ; kg:inArticle ?g } }""",
    )
    iris = entity_iris(res.entities)
    texts = {str(mint("article", ex.article.id)): ex.article.text for ex in exs}
    assert len(rows) == len(res.relations)
    found = set()
    for r in rows:
        begin, end = int(r["b"].value), int(r["e"].value)
        assert 0 <= min(begin, end) and max(begin, end) <= len(texts[r["g"].value])  # order: see the xfail below
        assert Decimal(0) <= Decimal(r["c"].value) <= Decimal(1)
        found.add((r["g"].value, r["s"].value, r["p"].value, r["o"].value, begin, end, r["by"].value))
    expected = set()
    for rel in res.relations:
        o = post_iri(rel, iris) if rel.predicate == "holdsPosition" else iris[rel.object]
        where = (rel.prov.start, rel.prov.end, str(mint("extractor", rel.prov.extractor)))
        expected.add(
            (str(mint("article", rel.prov.doc_id)), iris[rel.subject][1:-1], KG_NS + rel.predicate, o[1:-1], *where)
        )
    assert found == expected


def test_every_extractor_named_in_the_evidence_is_declared_in_the_ontology(built: Corpus) -> None:
    ontology = Graph().parse(ontology_file("kg.ttl"))
    declared = {str(s) for s in ontology.subjects(RDF.type, URIRef(KG_NS + "Extractor"))}
    used = {r["by"].value for r in select(built[3], "SELECT DISTINCT ?by WHERE { GRAPH ?g { ?x kg:extractedBy ?by } }")}
    assert used and used <= declared


def test_a_position_is_a_post_named_by_the_title_in_its_body(built: Corpus) -> None:
    rows = select(
        built[3],
        """SELECT ?name ?post ?body WHERE { GRAPH ?g { ?p kg:holdsPosition ?x . ?x a kg:Post ; rdfs:label ?post ;
             kg:postIn ?b } ?p rdfs:label ?name . ?b rdfs:label ?body }""",
    )
    assert [(r["name"].value, r["post"].value, r["body"].value) for r in rows] == [
        ("Jens Stoltenberg", "Secretary General", "NATO")
    ]
    heads = select(built[3], "SELECT ?b WHERE { GRAPH ?g { ?p kg:headOf ?x } ?x rdfs:label ?b }")
    assert [r["b"].value for r in heads] == ["NATO"]


def test_a_dropped_relation_leaves_no_triple(nlp: Language) -> None:
    _, res, quads, _ = corpus(
        nlp, "The conference in Porto, Spain was cancelled. The talks involved France, Germany and Italy."
    )
    assert res.relations == ()
    assert not [q for q in quads if q.predicate.value in (KG_NS + "locatedIn", KG_NS + "Assertion")]


@pytest.mark.parametrize(
    ("kind", "code"),
    [("Meeting", "040"), ("Visit", "042"), ("Signing", "057"), ("Speech", "010"), ("Adoption", None)],
)
def test_an_event_has_its_type_and_the_cameo_code_that_fits(built: Corpus, kind: str, code: str | None) -> None:
    rows = select(built[3], f"SELECT ?e ?cameo WHERE {{ ?e a kg:Event , kg:{kind} OPTIONAL {{ ?e kg:cameo ?cameo }} }}")
    assert rows
    assert {r["cameo"].value if r["cameo"] else None for r in rows} == {str(mint("cameo", code)) if code else None}
    assert vocabulary().events[kind].cameo == code  # the code is the ontology's (skos:closeMatch)


def test_an_event_told_by_two_articles_has_a_trigger_mention_in_each(built: Corpus) -> None:
    exs, _, _, store = built
    rows = select(
        store,
        """SELECT ?g ?anchor ?b ?e ?date ?who ?where WHERE {
             ?ev a kg:Meeting ; kg:date ?date ; kg:agent ?a ; kg:participant ?p ; kg:place ?pl .
             ?a rdfs:label ?who . ?pl rdfs:label ?where .
             GRAPH ?g { ?m a kg:Mention ; kg:refersTo ?ev ; kg:anchorOf ?anchor ; kg:inArticle ?g ;
                        kg:beginIndex ?b ; kg:endIndex ?e . ?g kg:mentions ?ev } }""",
    )
    articles = [str(mint("article", ex.article.id)) for ex in exs[:2]]
    assert sorted((r["g"].value, r["anchor"].value) for r in rows) == sorted((g, "met") for g in articles)
    assert {(r["date"].value, r["who"].value, r["where"].value) for r in rows} == {("2023-05-02", "Penny Wong", "Suva")}
    for r, ex in zip(sorted(rows, key=lambda r: articles.index(r["g"].value)), exs, strict=False):
        assert ex.article.text[int(r["b"].value) : int(r["e"].value)] == "met"


def test_an_event_links_its_agents_and_theme(built: Corpus) -> None:
    rows = select(
        built[3], "SELECT ?theme ?who WHERE { ?e a kg:Signing ; kg:theme ?theme ; kg:agent ?a . ?a rdfs:label ?who }"
    )
    assert sorted((r["theme"].value, r["who"].value) for r in rows) == [
        ("treaty", "France"),
        ("treaty", "Italy"),
        ("treaty", "Spain"),
    ]


def test_a_quote_is_in_its_articles_graph_with_its_speaker_and_words(built: Corpus) -> None:
    exs, _, _, store = built
    rows = select(
        store,
        """SELECT ?g ?who ?text ?b ?e WHERE { GRAPH ?g { ?q a kg:Quote ; kg:speaker ?s ; kg:text ?text ;
             kg:inArticle ?g ; kg:beginIndex ?b ; kg:endIndex ?e } ?s rdfs:label ?who }""",
    )
    assert [(r["g"].value, r["who"].value) for r in rows] == [(str(mint("article", exs[0].article.id)), "Penny Wong")]
    begin, end = int(rows[0]["b"].value), int(rows[0]["e"].value)
    assert exs[0].article.text[begin:end] == rows[0]["text"].value


def test_the_evidence_of_a_title_after_a_name_begins_before_it_ends(nlp: Language) -> None:
    _, res, _, store = corpus(nlp, "Jens Stoltenberg, Secretary General of NATO, arrived in Oslo.")
    rows = select(store, "SELECT ?b ?e WHERE { GRAPH ?g { ?a a kg:Assertion ; kg:beginIndex ?b ; kg:endIndex ?e } }")
    assert len(rows) == len(res.relations) == 2  # holdsPosition and headOf
    assert all(int(r["b"].value) < int(r["e"].value) for r in rows)


def test_two_meetings_told_only_by_their_place_are_two_nodes(nlp: Language) -> None:
    _, res, quads, _ = corpus(nlp, "Ministers met in Suva on Monday.", "Officials met in Suva.")
    assert len(res.events) == 2
    assert len({e.key for e in res.events}) == 2
    assert validate(to_rdflib(quads)) == []


# relation_quads, on a relation built by hand


def to_ox_quad(quad: tuple[str, str, str, str]) -> ox.Quad:
    """A (graph, subject, predicate, object) of N-Triples terms, read by pyoxigraph's own parser."""
    g, s, p, o = quad
    (parsed,) = ox.parse(f"{s} {p} {o} {g} .\n".encode(), format=ox.RdfFormat.N_QUADS)
    assert isinstance(parsed, ox.Quad)
    return parsed


def test_the_same_post_held_by_two_people_is_one_post() -> None:
    nato = Entity("Organization:nato", "Organization", "NATO", (), ())
    people = [Entity(f"Person:{n}", "Person", n, (), ()) for n in ("jens stoltenberg", "mark rutte")]
    iris = entity_iris([nato, *people])
    article = f"<{mint('article', '0123456789abcdef')}>"
    posts = set()
    for i, p in enumerate(people):
        prov = Provenance("0123456789abcdef", 10 * i, 10 * i + 5, i, "kg.roles.v1")
        rel = Relation(p.key, "holdsPosition", nato.key, prov, 0.9, role="Secretary General")
        quads = [to_ox_quad(q) for q in relation_quads(rel, iris, article)]
        assert all(q.graph_name == ox.NamedNode(article[1:-1]) for q in quads)
        posts |= {q.object for q in quads if q.predicate.value == KG_NS + "holdsPosition"}
        conf = next(q.object for q in quads if q.predicate.value == KG_NS + "confidence")
        assert (conf.value, conf.datatype.value) == ("0.90", "http://www.w3.org/2001/XMLSchema#decimal")
    assert len(posts) == 1
