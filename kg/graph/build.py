"""Resolved entities and their evidence -> RDF quads (pyoxigraph terms).

Layout: the default graph holds what the whole corpus says of each entity (type, best name, other names,
links); each article's named graph (named by the article's IRI) holds the article, its sentences, its mentions
and what they refer to. The union of all graphs is what ``graph.ttl`` holds.
"""

from __future__ import annotations

from collections.abc import Iterator, Sequence

import pyoxigraph as ox

from kg.graph import terms as t
from kg.graph.facts import fact_quads
from kg.graph.iri import mint
from kg.model import (
    PUBLISHER,
    Article,
    Entity,
    Extraction,
    Interval,
    Link,
    Mention,
    Resolution,
    Sentence,
    TimeValue,
)
from kg.resolve.kinds import TOP

DEFAULT = ox.DefaultGraph()

#: Superclasses written beside a subclass, so that ``?x a kg:Place`` finds countries without a reasoner.
SUPER = {"Country": "Place", "City": "Place", "Region": "Place"}

GEONAMES = "https://sws.geonames.org/{}/"
WIKIDATA = "http://www.wikidata.org/entity/{}"


def article_iri(article: Article) -> ox.NamedNode:
    return ox.NamedNode(mint("article", article.id))


def sentence_iri(sentence: Sentence) -> ox.NamedNode:
    return ox.NamedNode(mint("sentence", f"{sentence.doc_id}-{sentence.index}"))


def mention_iri(m: Mention) -> ox.NamedNode:
    return ox.NamedNode(mint("mention", f"{m.prov.doc_id}-{m.prov.start}-{m.prov.end}"))


def extractor_iri(name: str) -> ox.NamedNode:
    return ox.NamedNode(mint("extractor", name))


def time_iri(value: TimeValue | Interval) -> ox.NamedNode:
    if isinstance(value, Interval):
        return ox.NamedNode(mint("date", f"{value.start.value}--{value.end.value}"))
    return ox.NamedNode(mint("date", value.value))


def entity_iris(entities: Sequence[Entity]) -> dict[str, ox.NamedNode]:
    """One IRI per entity key, readable (``person/jeyhun-bayramov``) and unique: clashes get ``-2``, ``-3``...
    in key order, so the same corpus always gets the same IRIs."""
    out: dict[str, ox.NamedNode] = {}
    taken: set[str] = set()
    for e in sorted(entities, key=lambda e: e.key):
        kind = TOP[e.kind].lower()
        base = str(mint(kind, e.label))  # type: ignore[arg-type]
        iri, n = base, 1
        while iri in taken:
            n += 1
            iri = f"{base}-{n}"
        taken.add(iri)
        out[e.key] = ox.NamedNode(iri)
    return out


def link_node(link: Link) -> ox.NamedNode | ox.Literal:
    if link.scheme == "geonames":
        return ox.NamedNode(GEONAMES.format(link.value))
    if link.scheme == "wikidata":
        return ox.NamedNode(WIKIDATA.format(link.value))
    return ox.NamedNode(link.value)


def entity_quads(e: Entity, iri: ox.NamedNode) -> Iterator[ox.Quad]:
    yield ox.Quad(iri, t.A, t.kg(e.kind), DEFAULT)
    if e.kind in SUPER:
        yield ox.Quad(iri, t.A, t.kg(SUPER[e.kind]), DEFAULT)
    yield ox.Quad(iri, t.LABEL, ox.Literal(e.label), DEFAULT)
    for alias in e.aliases:
        yield ox.Quad(iri, t.ALT, ox.Literal(alias), DEFAULT)
    for link in e.links:
        if link.scheme == "iso3166":
            yield ox.Quad(iri, t.kg("iso3166Code"), ox.Literal(link.value), DEFAULT)
        else:
            yield ox.Quad(iri, t.SAME_AS, link_node(link), DEFAULT)


def time_quads(value: TimeValue | Interval, g: ox.NamedNode) -> Iterator[ox.Quad]:
    node = time_iri(value)
    if isinstance(value, Interval):
        yield ox.Quad(node, t.A, t.INTERVAL, g)
        for prop, end in ((t.HAS_BEGINNING, value.start), (t.HAS_END, value.end)):
            yield ox.Quad(node, prop, time_iri(end), g)
            yield from time_quads(end, g)
    else:
        yield ox.Quad(node, t.A, t.INSTANT, g)
        yield ox.Quad(node, t.IN_XSD[value.granularity], t.typed(value.value, value.granularity), g)


def article_quads(ex: Extraction, resolution: Resolution, iris: dict[str, ox.NamedNode]) -> Iterator[ox.Quad]:
    art = ex.article
    g = article_iri(art)
    yield ox.Quad(g, t.A, t.kg("Article"), g)
    yield ox.Quad(g, t.TITLE, ox.Literal(art.title), g)
    yield ox.Quad(g, t.SOURCE, ox.Literal(art.source), g)
    yield ox.Quad(g, t.IDENTIFIER, ox.Literal(art.id), g)
    if art.published is not None:
        yield ox.Quad(g, t.DATE, t.typed(art.published.isoformat(), "date"), g)
    if art.url:
        yield ox.Quad(g, t.kg("url"), ox.NamedNode(art.url), g)
    for s in ex.sentences:
        node = sentence_iri(s)
        yield ox.Quad(node, t.A, t.kg("Sentence"), g)
        yield ox.Quad(node, t.kg("inArticle"), g, g)
        yield ox.Quad(node, t.kg("sentenceIndex"), t.integer(s.index), g)
        yield ox.Quad(node, t.kg("beginIndex"), t.integer(s.start), g)
        yield ox.Quad(node, t.kg("endIndex"), t.integer(s.end), g)
        yield ox.Quad(node, t.kg("text"), ox.Literal(s.text), g)
    sentence_nodes = {s.index: sentence_iri(s) for s in ex.sentences}
    for m in ex.mentions:
        target = _mention_target(m, resolution, iris)
        if target is None:
            continue
        node = mention_iri(m)
        yield ox.Quad(node, t.A, t.kg("Mention"), g)
        yield ox.Quad(node, t.kg("anchorOf"), ox.Literal(m.text), g)
        yield ox.Quad(node, t.kg("beginIndex"), t.integer(m.prov.start), g)
        yield ox.Quad(node, t.kg("endIndex"), t.integer(m.prov.end), g)
        yield ox.Quad(node, t.kg("inArticle"), g, g)
        if m.prov.sentence in sentence_nodes:
            yield ox.Quad(node, t.kg("inSentence"), sentence_nodes[m.prov.sentence], g)
        yield ox.Quad(node, t.kg("extractedBy"), extractor_iri(m.prov.extractor), g)
        if isinstance(target, ox.NamedNode):
            yield ox.Quad(node, t.kg("refersTo"), target, g)
            yield ox.Quad(g, t.kg("mentions"), target, g)
            if m.prov.extractor == PUBLISHER:
                yield ox.Quad(g, t.PUBLISHER, target, g)
                yield ox.Quad(target, t.kg("reports"), g, g)
        elif m.time is not None:
            yield ox.Quad(node, t.kg("dateValue"), t.typed(m.time.value, m.time.granularity), g)
            yield from time_quads(m.time, g)
            yield ox.Quad(node, t.kg("timeValue"), time_iri(m.time), g)
        elif m.interval is not None:
            yield from time_quads(m.interval, g)
            yield ox.Quad(node, t.kg("timeValue"), time_iri(m.interval), g)


def _mention_target(m: Mention, resolution: Resolution, iris: dict[str, ox.NamedNode]) -> ox.NamedNode | bool | None:
    """The entity a name mention refers to, True for a date mention, None for a mention left out."""
    if m.time is not None or m.interval is not None:
        return True
    key = resolution.mention_entity.get(m)
    return iris.get(key) if key is not None else None


def build_quads(extractions: Sequence[Extraction], resolution: Resolution) -> list[ox.Quad]:
    """All quads of the corpus graph, sorted (so every serialisation is deterministic) and without duplicates."""
    iris = entity_iris(resolution.entities)
    quads: set[ox.Quad] = set()
    for e in resolution.entities:
        quads.update(entity_quads(e, iris[e.key]))
    for ex in extractions:
        quads.update(article_quads(ex, resolution, iris))
    articles = {ex.article.id: article_iri(ex.article) for ex in extractions}
    quads.update(fact_quads(resolution, iris, articles))
    return sorted(quads, key=_sort_key)


def _sort_key(q: ox.Quad) -> tuple[str, str, str, str]:
    return (str(q.graph_name), str(q.subject), str(q.predicate), str(q.object))


__all__ = ["article_iri", "build_quads", "entity_iris"]
