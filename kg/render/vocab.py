"""The part of kg's vocabulary the view reads: which predicates it draws as relations, which are the roles of an
event, which classes are events, and the co-mention terms.

Everything in kg/render/ asks :func:`vocabulary` and lists no term itself, so pointing the view at another
source of the vocabulary (a registry) is a change to this one function.
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import cache

from rdflib import Namespace, URIRef

from kg import model
from kg.graph.namespace import KG, KG_NS

_TERMS = Namespace(KG_NS)  # terms the closed KG class may not list yet (co-mention)


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
    """The view's vocabulary; today from kg.model and kg.graph.namespace."""
    return Vocabulary(
        relations=(
            KG.holdsPosition,
            KG.spokespersonOf,
            KG.headOf,
            KG.memberOf,
            KG.locatedIn,
            KG.partOf,
            KG.chairs,
            KG.cooperatesWith,
            KG.reports,
        ),
        event_roles=(KG.agent, KG.participant, KG.host, KG.place),
        event_date=KG.date,
        event_classes=frozenset(model.EVENT_CLASSES),
        post_in=KG.postIn,
        co_mention=_TERMS.mentionedWith,
        co_mention_class=_TERMS.CoMention,
        sentence_count=_TERMS.sentenceCount,
        article_count=_TERMS.articleCount,
    )
