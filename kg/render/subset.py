"""What the view needs of a graph, and no more: the entities, their relations and names, and at most
:data:`MAX_EVIDENCE` mentions (with their sentences and articles) per entity. Converting a million-triple
graph to rdflib for the page costs more than the page itself; this keeps the view's share of a build small."""

from __future__ import annotations

from collections import defaultdict
from itertools import chain

from rdflib.namespace import DCTERMS, OWL, RDF, RDFS, SKOS
from rdflib.term import Node

from kg.graph import nt
from kg.graph.namespace import KG
from kg.graph.quads import GraphSet
from kg.render.network import MAX_EVIDENCE
from kg.render.vocab import vocabulary

_V = vocabulary()
#: Predicates the page reads about nodes (types, names, links, dates, relations, event roles, co-mentions).
_ABOUT = frozenset(
    (
        RDF.type,
        RDFS.label,
        SKOS.altLabel,
        OWL.sameAs,
        KG.iso3166Code,
        KG.mentions,
        DCTERMS.title,
        DCTERMS.date,
        _V.post_in,
        _V.event_date,
        _V.co_mention,
        _V.sentence_count,
        _V.article_count,
        *_V.drawn,
    )
)
#: What the page reads about a mention and its sentence, and about the assertion of a relation.
_EVIDENCE = frozenset(p for p in (KG.refersTo, KG.inSentence, KG.inArticle, KG.anchorOf, KG.text))
_ASSERTION = frozenset((RDF.type, RDF.subject, RDF.predicate, RDF.object, KG.inSentence))
_SKIP_TYPES = frozenset(c for c in (KG.Mention, KG.Sentence, KG.Assertion, KG.Quote))


def view_quads(graph: GraphSet) -> list[tuple[Node, Node, Node]]:
    """The triples of ``graph`` the view uses (rdflib terms, each made once), in their order."""
    refers, a, in_sentence = _term(KG.refersTo), _term(RDF.type), _term(KG.inSentence)
    evidence = {_term(p) for p in _EVIDENCE}
    about = {_term(p) for p in _ABOUT}
    skip_types = {_term(c) for c in _SKIP_TYPES}
    assertion_type, assertion_about = _term(KG.Assertion), {_term(p) for p in _ASSERTION}
    assertions: set[str] = set()
    co_type, co_nodes = _term(_V.co_mention_class), set()
    skipped_nodes: set[str] = set()
    per_entity: dict[str, list[str]] = defaultdict(list)
    triples = list(graph.graphs.values())
    for s, p, o in chain.from_iterable(triples):
        if p == refers and len(per_entity[o]) < MAX_EVIDENCE:
            per_entity[o].append(s)
        elif p == a and o in skip_types:
            skipped_nodes.add(s)
            if o == assertion_type:
                assertions.add(s)
        elif p == a and o == co_type:
            co_nodes.add(s)
    kept_mentions = {m for ms in per_entity.values() for m in ms}
    sentences = {
        o for s, p, o in chain.from_iterable(triples) if p == in_sentence and (s in kept_mentions or s in assertions)
    }
    out = []
    terms: dict[str, Node] = {}

    def node(term: str) -> Node:
        hit = terms.get(term)
        if hit is None:
            hit = terms[term] = nt.to_rdflib(term)
        return hit

    for s, p, o in chain.from_iterable(triples):
        if s in kept_mentions or s in sentences:
            keep = p in evidence
        elif s in assertions:
            keep = p in assertion_about
        elif s in co_nodes:
            keep = True  # a co-mention: its two entities (whatever links them) and its counts
        else:
            keep = s not in skipped_nodes and p in about
        if keep:
            out.append((node(s), node(p), node(o)))
    return out


def _term(value: str) -> str:
    return nt.iri(str(value))
