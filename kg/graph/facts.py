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

from kg.graph import terms as t
from kg.graph.iri import extractor_node, mention_node, sentence_node
from kg.graph.iri import node as minted
from kg.graph.nt import Term, literal
from kg.graph.quads import DEFAULT, Quad
from kg.model import CoMention, Event, Provenance, Quote, Relation, Resolution
from kg.vocab import vocabulary


def _hash(*parts: str) -> str:
    return hashlib.sha256("\x1f".join(parts).encode()).hexdigest()[:16]


def _evidence(node: Term, prov: Provenance, confidence: float, g: Term) -> Iterator[Quad]:
    yield g, node, t.kg("inArticle"), g
    yield g, node, t.kg("inSentence"), sentence_node(prov.doc_id, prov.sentence)
    yield g, node, t.kg("beginIndex"), t.integer(prov.start)
    yield g, node, t.kg("endIndex"), t.integer(prov.end)
    yield g, node, t.kg("extractedBy"), extractor_node(prov.extractor)
    yield g, node, t.kg("confidence"), t.decimal(confidence)


def post_iri(relation: Relation, iris: dict[str, Term]) -> Term:
    holder = iris[relation.object][1:-1].rstrip("/").rsplit("/", 1)[-1]
    return minted("post", f"{relation.role or ''} {holder}")


def relation_quads(rel: Relation, iris: dict[str, Term], article: Term) -> Iterator[Quad]:
    g = article
    s, o = iris[rel.subject], iris[rel.object]
    if rel.predicate == "holdsPosition":
        post = post_iri(rel, iris)
        yield g, post, t.A, t.kg("Post")
        yield g, post, t.LABEL, literal(rel.role or "")
        yield g, post, t.kg("postIn"), o
        o = post
    predicate = t.kg(rel.predicate)
    yield g, s, predicate, o
    node = minted("assertion", _hash(rel.prov.doc_id, s[1:-1], predicate[1:-1], o[1:-1]))
    yield g, node, t.A, t.kg("Assertion")
    yield g, node, t.RDF_SUBJECT, s
    yield g, node, t.RDF_PREDICATE, predicate
    yield g, node, t.RDF_OBJECT, o
    yield from _evidence(node, rel.prov, rel.confidence, g)


def event_iri(event: Event) -> Term:
    return minted("event", f"{event.type.lower()}-{event.time.value if event.time else 'undated'}-{_hash(event.key)}")


def event_quads(
    event: Event, iris: dict[str, Term], articles: dict[str, Term], event_iris: dict[str, Term]
) -> Iterator[Quad]:
    node, d = event_iri(event), DEFAULT
    yield d, node, t.A, t.kg("Event")
    cls = vocabulary().events.get(event.type)
    if cls is not None:
        yield d, node, t.A, t.kg(cls.name)
    yield d, node, t.LABEL, literal(event.label)
    for role, key in event.arguments:
        yield d, node, t.kg(role), iris[key]
    if event.place is not None:
        yield d, node, t.kg("place"), iris[event.place]
    if event.time is not None:
        yield d, node, t.kg("date"), t.typed(event.time.value, event.time.granularity)
    if event.theme:
        yield d, node, t.kg("theme"), literal(event.theme)
    if cls is not None and cls.cameo:
        yield d, node, t.kg("cameo"), minted("cameo", cls.cameo)
    if event.modality:
        yield d, node, t.kg("modality"), literal(event.modality)
    for reported in event.reports:
        yield d, node, t.kg("reportsEvent"), event_iris[reported]
    yield d, node, t.kg("confidence"), t.decimal(event.confidence)
    for told in event.mentions:
        trig = told.trigger
        g = articles[trig.prov.doc_id]
        yield d, node, t.kg("trigger"), literal(trig.text)
        if told.lemma:
            yield d, node, t.kg("lemma"), literal(told.lemma.replace("_", " "))
        m = mention_node(trig.prov.doc_id, trig.prov.start, trig.prov.end)
        yield g, m, t.A, t.kg("Mention")
        yield g, m, t.kg("anchorOf"), literal(trig.text)
        if told.phrase:
            yield g, m, t.kg("clause"), literal(told.phrase)
        yield g, m, t.kg("refersTo"), node
        yield g, g, t.kg("mentions"), node
        yield from _evidence(m, trig.prov, told.confidence, g)


def quote_node(quote: Quote) -> Term:
    q = quote.mention.quote
    return minted("quote", f"{q.doc_id}-{q.start}-{q.end}")


def quote_quads(quote: Quote, iris: dict[str, Term], articles: dict[str, Term]) -> Iterator[Quad]:
    q = quote.mention
    g = articles[q.prov.doc_id]
    node = quote_node(quote)
    yield g, node, t.A, t.kg("Quote")
    yield g, node, t.kg("speaker"), iris[quote.speaker]
    yield g, node, t.kg("text"), literal(q.text)
    yield g, node, t.kg("inArticle"), g
    yield g, node, t.kg("inSentence"), sentence_node(q.prov.doc_id, q.prov.sentence)
    yield g, node, t.kg("beginIndex"), t.integer(q.quote.start)
    yield g, node, t.kg("endIndex"), t.integer(q.quote.end)
    yield g, node, t.kg("extractedBy"), extractor_node(q.prov.extractor)
    yield g, node, t.kg("confidence"), t.decimal(q.confidence)


def comention_quads(c: CoMention, iris: dict[str, Term]) -> Iterator[Quad]:
    """``a kg:mentionedWith b`` and its kg:CoMention (counts, a few sentences) in the default graph."""
    d = DEFAULT
    a, b = sorted((iris[c.a], iris[c.b]))
    yield d, a, t.kg("mentionedWith"), b
    node = minted("comention", _hash(a[1:-1], b[1:-1]))
    yield d, node, t.A, t.kg("CoMention")
    yield d, node, t.RDF_SUBJECT, a
    yield d, node, t.RDF_OBJECT, b
    yield d, node, t.kg("sentenceCount"), t.integer(c.sentences)
    yield d, node, t.kg("articleCount"), t.integer(c.articles)
    for doc, index in c.evidence:
        yield d, node, t.kg("inSentence"), sentence_node(doc, index)


def fact_quads(resolution: Resolution, iris: dict[str, Term], articles: dict[str, Term]) -> Iterator[Quad]:
    """(graph, subject, predicate, object) of every relation, event and quote."""
    for rel in resolution.relations:
        yield from relation_quads(rel, iris, articles[rel.prov.doc_id])
    event_iris = {e.key: event_iri(e) for e in resolution.events}
    for event in resolution.events:
        yield from event_quads(event, iris, articles, event_iris)
    for c in resolution.comentions:
        yield from comention_quads(c, iris)
    said = {(q.mention.prov.doc_id, q.mention.prov.start): quote_node(q) for q in resolution.quotes}
    for quote in resolution.quotes:
        yield from quote_quads(quote, iris, articles)
    for event in resolution.events:  # a statement and its words
        for told in event.mentions:
            words = said.get((told.trigger.prov.doc_id, told.trigger.prov.start))
            if words is not None and event.type == "Statement":
                yield articles[told.trigger.prov.doc_id], event_iris[event.key], t.kg("quote"), words
