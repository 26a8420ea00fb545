"""The vocabulary, read once from the ontology (``ontology/kg.ttl``): the one place each term is declared.

A typed relation is a sub-property of ``kg:relatedTo`` with the kinds of its ends (``schema:domainIncludes``,
``schema:rangeIncludes``) and, when it goes both ways, ``owl:SymmetricProperty``; an event class is a
sub-class of ``kg:Event`` with a label, a comment and, where CAMEO codes it, ``skos:closeMatch`` its code; an
event role is a sub-property of ``kg:argument``. Extraction, resolution, the RDF writer, the shapes, the view
and the evaluation read them from here, so a new predicate or event class is one edit of the ontology.
"""

from __future__ import annotations

import functools
from dataclasses import dataclass
from importlib import resources
from pathlib import Path

import pyoxigraph as ox

KG_NS = "https://w3id.org/kg-news/ontology#"
_RDF = "http://www.w3.org/1999/02/22-rdf-syntax-ns#"
_RDFS = "http://www.w3.org/2000/01/rdf-schema#"
_OWL = "http://www.w3.org/2002/07/owl#"
_SKOS = "http://www.w3.org/2004/02/skos/core#"
_SCHEMA = "https://schema.org/"
_CAMEO = "https://w3id.org/kg-news/id/cameo/"


def ontology_file(name: str) -> Path:
    """A file of the ontology folder: the checkout's ``ontology/`` when running from one, else the installed copy."""
    here = Path(__file__).resolve().parents[1] / "ontology" / name
    if here.is_file():
        return here
    return Path(str(resources.files("kg.ontology").joinpath(name)))


@dataclass(frozen=True, slots=True)
class RelationTerm:
    """A typed relation between two entities."""

    name: str  # local name: "holdsPosition"
    label: str
    domain: frozenset[str]  # top kinds of the subject: Person, Organization, Place
    range: frozenset[str]  # top kinds of the object (for holdsPosition: of the post's kg:postIn)
    symmetric: bool


@dataclass(frozen=True, slots=True)
class EventClass:
    name: str  # local name: "Meeting"
    label: str
    comment: str
    cameo: str | None  # CAMEO 1.1b3 code: "040"


@dataclass(frozen=True, slots=True)
class Vocabulary:
    relations: dict[str, RelationTerm]  # by local name, in name order
    events: dict[str, EventClass]  # by local name, in name order
    roles: tuple[str, ...]  # event roles (sub-properties of kg:argument), in name order
    terms: frozenset[str]  # every kg: term the ontology defines

    @property
    def symmetric(self) -> frozenset[str]:
        return frozenset(n for n, r in self.relations.items() if r.symmetric)


def _local(term: ox.NamedNode | ox.BlankNode | ox.Literal | ox.Triple) -> str | None:
    value = getattr(term, "value", "")
    return value[len(KG_NS) :] if isinstance(term, ox.NamedNode) and value.startswith(KG_NS) else None


@functools.cache
def vocabulary() -> Vocabulary:
    """The vocabulary of ``ontology/kg.ttl`` (parsed once per process)."""
    triples = list(ox.parse(path=str(ontology_file("kg.ttl")), format=ox.RdfFormat.TURTLE))
    by: dict[tuple[str, str], list[ox.NamedNode | ox.BlankNode | ox.Literal | ox.Triple]] = {}
    terms: set[str] = set()
    for tr in triples:
        s = _local(tr.subject)
        if s is None:
            continue
        by.setdefault((s, tr.predicate.value), []).append(tr.object)
        if tr.predicate.value == f"{_RDF}type":
            terms.add(s)

    def values(s: str, p: str) -> list[str]:
        return [str(getattr(o, "value", "")) for o in by.get((s, p), [])]

    def kinds(s: str, p: str) -> frozenset[str]:
        return frozenset(v[len(KG_NS) :] for v in values(s, p) if v.startswith(KG_NS))

    def label(s: str) -> str:
        return next(iter(values(s, f"{_RDFS}label")), s)

    relations: dict[str, RelationTerm] = {}
    events: dict[str, EventClass] = {}
    roles: list[str] = []
    for s in sorted(terms):
        supers = kinds(s, f"{_RDFS}subPropertyOf")
        if "relatedTo" in supers or s == "relatedTo":
            rng = kinds(s, f"{_SCHEMA}rangeIncludes") or kinds("postIn", f"{_SCHEMA}rangeIncludes")
            symmetric = f"{_OWL}SymmetricProperty" in values(s, f"{_RDF}type")
            relations[s] = RelationTerm(s, label(s), kinds(s, f"{_SCHEMA}domainIncludes"), rng, symmetric)
        if "argument" in supers:
            roles.append(s)
        if "Event" in kinds(s, f"{_RDFS}subClassOf"):
            code = next((v[len(_CAMEO) :] for v in values(s, f"{_SKOS}closeMatch") if v.startswith(_CAMEO)), None)
            events[s] = EventClass(s, label(s), next(iter(values(s, f"{_RDFS}comment")), ""), code)
    return Vocabulary(relations, events, tuple(roles), frozenset(terms))
