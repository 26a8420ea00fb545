"""Resolved entities and their evidence -> a GraphSet (terms as N-Triples strings).

Layout: the default graph holds what the whole corpus says of each entity (type, best name, other names,
links); each article's named graph (named by the article's IRI) holds the article, its sentences, its mentions
and what they refer to. The union of all graphs is what ``graph.ttl`` holds.
"""

from __future__ import annotations

import warnings
from collections import Counter, defaultdict
from collections.abc import Iterator, Sequence

import pyoxigraph as ox

from kg.errors import Errors, GraphError, InputWarning
from kg.graph import terms as t
from kg.graph.facts import fact_quads
from kg.graph.iri import extractor_node, mention_node, mint, sentence_node
from kg.graph.iri import node as minted
from kg.graph.nt import Term, Triple, is_iri, literal
from kg.graph.quads import DEFAULT, GraphSet
from kg.model import (
    PUBLISHER,
    Article,
    Entity,
    Extraction,
    Interval,
    Link,
    Mention,
    Resolution,
    TimeValue,
)
from kg.resolve.kinds import TOP
from kg.weblink import web_iri_problem

#: Superclasses written beside a subclass, so that ``?x a kg:Place`` finds countries without a reasoner.
SUPER = {"Country": "Place", "City": "Place", "Region": "Place"}

GEONAMES = "https://sws.geonames.org/{}/"
WIKIDATA = "http://www.wikidata.org/entity/{}"


def article_iri(article: Article) -> Term:
    return minted("article", article.id)


def time_iri(value: TimeValue | Interval) -> Term:
    if isinstance(value, Interval):
        return minted("date", f"{value.start.value}--{value.end.value}")
    return minted("date", value.value)


def entity_iris(entities: Sequence[Entity]) -> dict[str, Term]:
    """One IRI per entity key, readable (``person/jeyhun-bayramov``) and unique: clashes get ``-2``, ``-3``...
    in key order, so the same corpus always gets the same IRIs."""
    out: dict[str, Term] = {}
    taken: set[str] = set()
    for e in sorted(entities, key=lambda e: e.key):
        kind = TOP[e.kind].lower()
        base = str(mint(kind, e.label))  # type: ignore[arg-type]
        iri, n = base, 1
        while iri in taken:
            n += 1
            iri = f"{base}-{n}"
        taken.add(iri)
        out[e.key] = f"<{iri}>"
    return out


def link_node(link: Link) -> Term | None:
    """The IRI a link names; None for a user's link that is no absolute IRI."""
    if link.scheme == "geonames":
        value = GEONAMES.format(link.value)
    elif link.scheme == "wikidata":
        value = WIKIDATA.format(link.value)
    else:
        value = link.value
        problem = web_iri_problem(value)
        if problem is not None:
            message = GraphError(Errors.K121, field="sameAs", value=repr(value), path="the patterns", reason=problem)
            warnings.warn(str(message), InputWarning, stacklevel=2)
            return None
    return f"<{value}>" if is_iri(value) else None


def entity_quads(e: Entity, iri: Term) -> Iterator[Triple]:
    yield iri, t.A, t.kg(e.kind)
    if e.kind in SUPER:
        yield iri, t.A, t.kg(SUPER[e.kind])
    yield iri, t.LABEL, literal(e.label)
    for alias in e.aliases:
        yield iri, t.ALT, literal(alias)
    for link in e.links:
        if link.scheme == "iso3166":
            yield iri, t.kg("iso3166Code"), literal(link.value)
        elif (node := link_node(link)) is not None:
            yield iri, t.SAME_AS, node


def time_quads(value: TimeValue | Interval) -> Iterator[Triple]:
    node = time_iri(value)
    if isinstance(value, Interval):
        yield node, t.A, t.INTERVAL
        for prop, end in ((t.HAS_BEGINNING, value.start), (t.HAS_END, value.end)):
            yield node, prop, time_iri(end)
            yield from time_quads(end)
    else:
        yield node, t.A, t.INSTANT
        yield node, t.IN_XSD[value.granularity], t.typed(value.value, value.granularity)


def article_quads(
    ex: Extraction, resolution: Resolution, iris: dict[str, Term], found: Sequence[Mention] = ()
) -> Iterator[Triple]:
    """The triples of the article's own graph: the article, its sentences, its mentions (the extraction's and
    those resolution ``found`` in it) and their targets."""
    art = ex.article
    g = article_iri(art)
    kg = t.kg
    a, begin, end, in_article, in_sentence = t.A, kg("beginIndex"), kg("endIndex"), kg("inArticle"), kg("inSentence")
    yield g, a, kg("Article")
    yield g, t.TITLE, literal(art.title)
    yield g, t.SOURCE, literal(art.source)
    yield g, t.IDENTIFIER, literal(art.id)
    if art.published is not None:
        yield g, t.DATE, t.typed(art.published.isoformat(), "date")
    if art.url and is_iri(art.url):
        yield g, kg("url"), f"<{art.url}>"
    sentence_nodes = {}
    for s in ex.sentences:
        here = sentence_nodes[s.index] = sentence_node(s.doc_id, s.index)
        yield here, a, kg("Sentence")
        yield here, in_article, g
        yield here, kg("sentenceIndex"), t.integer(s.index)
        yield here, begin, t.integer(s.start)
        yield here, end, t.integer(s.end)
        yield here, kg("text"), literal(s.text)
    for m in (*ex.mentions, *found):
        target = _mention_target(m, resolution, iris)
        if target is None:
            continue
        here = mention_node(m.prov.doc_id, m.prov.start, m.prov.end)
        yield here, a, kg("Mention")
        yield here, kg("anchorOf"), literal(m.text)
        yield here, begin, t.integer(m.prov.start)
        yield here, end, t.integer(m.prov.end)
        yield here, in_article, g
        if m.prov.sentence in sentence_nodes:
            yield here, in_sentence, sentence_nodes[m.prov.sentence]
        yield here, kg("extractedBy"), extractor_node(m.prov.extractor)
        if isinstance(target, str):
            yield here, kg("refersTo"), target
            yield g, kg("mentions"), target
            if m.prov.extractor == PUBLISHER:
                yield g, t.PUBLISHER, target
                yield target, kg("reports"), g
        elif m.time is not None:
            yield here, kg("dateValue"), t.typed(m.time.value, m.time.granularity)
            yield from time_quads(m.time)
            yield here, kg("timeValue"), time_iri(m.time)
        elif m.interval is not None:
            yield from time_quads(m.interval)
            yield here, kg("timeValue"), time_iri(m.interval)


def _mention_target(m: Mention, resolution: Resolution, iris: dict[str, Term]) -> Term | bool | None:
    """The entity a name mention refers to, True for a date mention, None for a mention left out."""
    if m.time is not None or m.interval is not None:
        return True
    key = resolution.mention_entity.get(m)
    return iris.get(key) if key is not None else None


def build_graphs(extractions: Sequence[Extraction], resolution: Resolution) -> GraphSet:
    """The corpus graph: the default graph (entities, events) and one named graph per article, each sorted
    (so every serialisation is deterministic) and without duplicates."""
    iris = entity_iris(resolution.entities)
    graphs: defaultdict[Term, list[Triple]] = defaultdict(list)
    default = graphs[DEFAULT]
    for e in resolution.entities:
        default.extend(entity_quads(e, iris[e.key]))
    found: defaultdict[str, list[Mention]] = defaultdict(list)
    for m in resolution.found:
        found[m.prov.doc_id].append(m)
    articles: dict[str, Term] = {}
    for ex in extractions:
        g = articles[ex.article.id] = article_iri(ex.article)
        graphs[g].extend(article_quads(ex, resolution, iris, found.get(ex.article.id, ())))
    for g, s, p, o in fact_quads(resolution, iris, articles):
        graphs[g].append((s, p, o))
    one_label(graphs)
    return GraphSet.of(graphs)


def one_label(graphs: dict[Term, list[Triple]]) -> None:
    """A node that articles name differently (a post: "US President" in one, "US president" in another) gets
    one ``rdfs:label`` in every graph that labels it: the one most graphs give, then the first in order; the
    others become ``skos:altLabel``. The union then has exactly one label per node, as the shapes require, and
    each article's graph still labels the node."""
    given: dict[Term, Counter[Term]] = defaultdict(Counter)
    for triples in graphs.values():
        for s, p, o in triples:
            if p == t.LABEL:
                given[s][o] += 1
    best = {s: min(c, key=lambda o: (-c[o], o)) for s, c in given.items() if len(c) > 1}
    if not best:
        return
    for g, triples in graphs.items():
        out: list[Triple] = []
        for s, p, o in triples:
            if p == t.LABEL and s in best and o != best[s]:
                out += [(s, t.ALT, o), (s, t.LABEL, best[s])]
            else:
                out.append((s, p, o))
        graphs[g] = out


def build_quads(extractions: Sequence[Extraction], resolution: Resolution) -> list[ox.Quad]:
    """The quads of :func:`build_graphs` as pyoxigraph objects, in order."""
    return build_graphs(extractions, resolution).to_ox()


__all__ = ["article_iri", "build_graphs", "build_quads", "entity_iris", "one_label"]
