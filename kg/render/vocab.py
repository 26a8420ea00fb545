"""The part of kg's vocabulary the view reads: which predicates it draws as relations, which are the roles of an
event, which classes are events, and the co-mention terms.

Everything in kg/render/ asks :func:`vocabulary` and lists no term itself, so pointing the view at another
source of the vocabulary (a registry) is a change to this one function.
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import cache

from rdflib import URIRef

from kg.graph.namespace import KG
from kg.vocab import vocabulary as ontology_vocabulary


@dataclass(frozen=True, slots=True)
class Vocabulary:
    relations: tuple[URIRef, ...]  # drawn as typed edges between two entities
    event_roles: tuple[URIRef, ...]  # event -> entity: drawn as the event's participation
    event_date: URIRef  # event -> date literal: the timeline
    event_classes: frozenset[str]  # local names of the subclasses of kg:Event
    post_in: URIRef  # a post (kg:holdsPosition's object) -> where it is held: drawn as one edge
    co_mention: URIRef  # entity -> entity, weighted by a kg:CoMention node
    co_mention_class: URIRef
    sentence_count: URIRef
    article_count: URIRef

    @property
    def drawn(self) -> frozenset[URIRef]:
        """Every predicate drawn between two nodes (relations and event roles; not co-mention)."""
        return frozenset(self.relations) | frozenset(self.event_roles)


@cache
def vocabulary() -> Vocabulary:
    """The view's vocabulary, from the ontology (kg.vocab): every typed relation (kg:relatedTo and its
    sub-properties), every event role (kg:argument's) and every event class, with the news source of an article."""
    v = ontology_vocabulary()
    return Vocabulary(
        relations=(*(KG[name] for name in v.relations), KG.reports),
        event_roles=tuple(KG[name] for name in v.roles),
        event_date=KG.date,
        event_classes=frozenset(v.events),
        post_in=KG.postIn,
        co_mention=KG.mentionedWith,
        co_mention_class=KG.CoMention,
        sentence_count=KG.sentenceCount,
        article_count=KG.articleCount,
    )
