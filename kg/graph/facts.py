"""Relations, events and quotes -> quads.

A relation is a triple in the named graph of each article that supports it, with a ``kg:Assertion`` beside it
(RDF reification: subject, predicate, object, sentence, offsets, rule, confidence). A position is a ``kg:Post``
named by its title as written. An event is a node in the default graph (like an entity) with its participants,
date, place, trigger and CAMEO code, and a mention of its trigger in each article that tells it. A quote is a node
in its article's graph.
"""

from __future__ import annotations

import hashlib
from collections.abc import Iterator

import pyoxigraph as ox

from kg.graph import terms as t
from kg.graph.iri import mint
from kg.model import Event, Provenance, Quote, Relation, Resolution

DEFAULT = ox.DefaultGraph()

#: CAMEO codes of the event types where one fits (CAMEO 1.1b3).
CAMEO = {"Meeting": "040", "Visit": "042", "Speech": "010", "Statement": "010", "Signing": "057"}
EVENT_TYPES = frozenset({"Meeting", "Speech", "Visit", "Signing", "Adoption", "Session", "Election", "Statement"})


def _hash(*parts: str) -> str:
    return hashlib.sha256("\x1f".join(parts).encode()).hexdigest()[:16]


def _sentence(prov: Provenance) -> ox.NamedNode:
    return ox.NamedNode(mint("sentence", f"{prov.doc_id}-{prov.sentence}"))


def _evidence(node: ox.NamedNode, prov: Provenance, confidence: float, g: ox.NamedNode) -> Iterator[ox.Quad]:
    yield ox.Quad(node, t.kg("inArticle"), g, g)
    yield ox.Quad(node, t.kg("inSentence"), _sentence(prov), g)
    yield ox.Quad(node, t.kg("beginIndex"), t.integer(prov.start), g)
    yield ox.Quad(node, t.kg("endIndex"), t.integer(prov.end), g)
    yield ox.Quad(node, t.kg("extractedBy"), ox.NamedNode(mint("extractor", prov.extractor)), g)
    yield ox.Quad(node, t.kg("confidence"), ox.Literal(f"{confidence:.2f}", datatype=t.XSD_TYPES["decimal"]), g)


def post_iri(relation: Relation, iris: dict[str, ox.NamedNode]) -> ox.NamedNode:
    holder = iris[relation.object].value.rstrip("/").rsplit("/", 1)[-1]
    return ox.NamedNode(mint("post", f"{relation.role or ''} {holder}"))


def relation_quads(rel: Relation, iris: dict[str, ox.NamedNode], article: ox.NamedNode) -> Iterator[ox.Quad]:
    g = article
    s, o = iris[rel.subject], iris[rel.object]
    if rel.predicate == "holdsPosition":
        post = post_iri(rel, iris)
        yield ox.Quad(post, t.A, t.kg("Post"), g)
        yield ox.Quad(post, t.LABEL, ox.Literal(rel.role or ""), g)
        yield ox.Quad(post, t.kg("postIn"), o, g)
        o = post
    predicate = t.kg(rel.predicate)
    yield ox.Quad(s, predicate, o, g)
    node = ox.NamedNode(mint("assertion", _hash(rel.prov.doc_id, s.value, predicate.value, o.value)))
    yield ox.Quad(node, t.A, t.kg("Assertion"), g)
    yield ox.Quad(node, t.RDF_SUBJECT, s, g)
    yield ox.Quad(node, t.RDF_PREDICATE, predicate, g)
    yield ox.Quad(node, t.RDF_OBJECT, o, g)
    yield from _evidence(node, rel.prov, rel.confidence, g)


def event_iri(event: Event) -> ox.NamedNode:
    return ox.NamedNode(
        mint("event", f"{event.type.lower()}-{event.time.value if event.time else 'undated'}-{_hash(event.key)}")
    )


def event_quads(event: Event, iris: dict[str, ox.NamedNode], articles: dict[str, ox.NamedNode]) -> Iterator[ox.Quad]:
    node = event_iri(event)
    yield ox.Quad(node, t.A, t.kg("Event"), DEFAULT)
    if event.type in EVENT_TYPES:
        yield ox.Quad(node, t.A, t.kg(event.type), DEFAULT)
    yield ox.Quad(node, t.LABEL, ox.Literal(event.label), DEFAULT)
    for role, key in event.arguments:
        yield ox.Quad(node, t.kg(role), iris[key], DEFAULT)
    if event.place is not None:
        yield ox.Quad(node, t.kg("place"), iris[event.place], DEFAULT)
    if event.time is not None:
        yield ox.Quad(node, t.kg("date"), t.typed(event.time.value, event.time.granularity), DEFAULT)
    if event.theme:
        yield ox.Quad(node, t.kg("theme"), ox.Literal(event.theme), DEFAULT)
    if event.type in CAMEO:
        yield ox.Quad(node, t.kg("cameo"), ox.NamedNode(mint("cameo", CAMEO[event.type])), DEFAULT)
    yield ox.Quad(
        node, t.kg("confidence"), ox.Literal(f"{event.confidence:.2f}", datatype=t.XSD_TYPES["decimal"]), DEFAULT
    )
    for told in event.mentions:
        trig = told.trigger
        g = articles[trig.prov.doc_id]
        yield ox.Quad(node, t.kg("trigger"), ox.Literal(trig.text), DEFAULT)
        m = ox.NamedNode(mint("mention", f"{trig.prov.doc_id}-{trig.prov.start}-{trig.prov.end}"))
        yield ox.Quad(m, t.A, t.kg("Mention"), g)
        yield ox.Quad(m, t.kg("anchorOf"), ox.Literal(trig.text), g)
        yield ox.Quad(m, t.kg("refersTo"), node, g)
        yield ox.Quad(g, t.kg("mentions"), node, g)
        yield from _evidence(m, trig.prov, told.confidence, g)


def quote_quads(quote: Quote, iris: dict[str, ox.NamedNode], articles: dict[str, ox.NamedNode]) -> Iterator[ox.Quad]:
    q = quote.mention
    g = articles[q.prov.doc_id]
    node = ox.NamedNode(mint("quote", f"{q.quote.doc_id}-{q.quote.start}-{q.quote.end}"))
    yield ox.Quad(node, t.A, t.kg("Quote"), g)
    yield ox.Quad(node, t.kg("speaker"), iris[quote.speaker], g)
    yield ox.Quad(node, t.kg("text"), ox.Literal(q.text), g)
    yield ox.Quad(node, t.kg("inArticle"), g, g)
    yield ox.Quad(node, t.kg("inSentence"), _sentence(q.prov), g)
    yield ox.Quad(node, t.kg("beginIndex"), t.integer(q.quote.start), g)
    yield ox.Quad(node, t.kg("endIndex"), t.integer(q.quote.end), g)
    yield ox.Quad(node, t.kg("extractedBy"), ox.NamedNode(mint("extractor", q.prov.extractor)), g)
    yield ox.Quad(node, t.kg("confidence"), ox.Literal(f"{q.confidence:.2f}", datatype=t.XSD_TYPES["decimal"]), g)


def fact_quads(
    resolution: Resolution, iris: dict[str, ox.NamedNode], articles: dict[str, ox.NamedNode]
) -> Iterator[ox.Quad]:
    for rel in resolution.relations:
        yield from relation_quads(rel, iris, articles[rel.prov.doc_id])
    for event in resolution.events:
        yield from event_quads(event, iris, articles)
    for quote in resolution.quotes:
        yield from quote_quads(quote, iris, articles)
