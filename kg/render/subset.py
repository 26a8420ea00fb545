"""What the view needs of a graph, and no more: the entities, their relations and names, and at most
:data:`MAX_EVIDENCE` mentions (with their sentences and articles) per entity. Converting a million-triple
graph to rdflib for the page costs more than the page itself; this keeps the view's share of a build small."""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable

import pyoxigraph as ox
from rdflib.namespace import DCTERMS, OWL, RDF, RDFS, SKOS

from kg.graph.namespace import KG
from kg.render.network import MAX_EVIDENCE

#: Predicates the page reads about nodes (types, names, links, dates, relations and event roles).
_ABOUT = frozenset(
    str(p)
    for p in (
        RDF.type,
        RDFS.label,
        SKOS.altLabel,
        OWL.sameAs,
        KG.iso3166Code,
        KG.mentions,
        DCTERMS.title,
        DCTERMS.date,
        KG.holdsPosition,
        KG.postIn,
        KG.spokespersonOf,
        KG.headOf,
        KG.memberOf,
        KG.locatedIn,
        KG.partOf,
        KG.chairs,
        KG.cooperatesWith,
        KG.reports,
        KG.agent,
        KG.participant,
        KG.host,
        KG.place,
        KG.date,
    )
)
#: What the page reads about a mention and its sentence.
_EVIDENCE = frozenset(str(p) for p in (KG.refersTo, KG.inSentence, KG.inArticle, KG.anchorOf, KG.text))
_SKIP_TYPES = frozenset(str(c) for c in (KG.Mention, KG.Sentence, KG.Assertion, KG.Quote))


def _value(term: object) -> str:
    return term.value if isinstance(term, ox.NamedNode | ox.BlankNode | ox.Literal) else str(term)


def view_quads(quads: Iterable[ox.Quad]) -> list[ox.Quad]:
    """The quads of ``quads`` the view uses, in their order."""
    rows = [(_value(q.subject), _value(q.predicate), _value(q.object), q) for q in quads]
    refers, a, in_sentence = str(KG.refersTo), str(RDF.type), str(KG.inSentence)
    skipped_nodes: set[str] = set()
    per_entity: dict[str, list[str]] = defaultdict(list)
    for s, p, o, _ in rows:
        if p == refers and len(per_entity[o]) < MAX_EVIDENCE:
            per_entity[o].append(s)
        elif p == a and o in _SKIP_TYPES:
            skipped_nodes.add(s)
    kept_mentions = {m for ms in per_entity.values() for m in ms}
    sentences = {o for s, p, o, _ in rows if p == in_sentence and s in kept_mentions}
    out = []
    for s, p, _, q in rows:
        if s in kept_mentions or s in sentences:
            if p in _EVIDENCE:
                out.append(q)
        elif s not in skipped_nodes and p in _ABOUT:
            out.append(q)
    return out
