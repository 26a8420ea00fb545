"""The terms of the vocabularies kg writes, as N-Triples strings made once (the builder writes millions)."""

from __future__ import annotations

from functools import cache
from typing import Final, get_args

from rdflib.namespace import DCTERMS, OWL, PROV, RDF, RDFS, SKOS, TIME, XSD

from kg.graph.iri import DATA_NS, Kind
from kg.graph.namespace import KG, KG_NS
from kg.graph.nt import Term, iri, literal

PREFIXES: Final[dict[str, str]] = {
    "kg": KG_NS,
    # one prefix per kind of minted IRI, so that Turtle reads person:jeyhun-bayramov
    **{kind: f"{DATA_NS}{kind}/" for kind in get_args(Kind)},
    "dcterms": str(DCTERMS),
    "owl": str(OWL),
    "prov": str(PROV),
    "rdf": str(RDF),
    "rdfs": str(RDFS),
    "schema": "https://schema.org/",
    "skos": str(SKOS),
    "time": str(TIME),
    "xsd": str(XSD),
}


def _n(value: str) -> Term:
    return iri(str(value))


@cache
def kg(term: str) -> Term:
    """A kg vocabulary term; an unknown name fails (KG is a closed namespace)."""
    return _n(getattr(KG, term))


A: Final = _n(RDF.type)
RDF_SUBJECT: Final = _n(RDF.subject)
RDF_PREDICATE: Final = _n(RDF.predicate)
RDF_OBJECT: Final = _n(RDF.object)
LABEL: Final = _n(RDFS.label)
ALT: Final = _n(SKOS.altLabel)
SAME_AS: Final = _n(OWL.sameAs)
TITLE: Final = _n(DCTERMS.title)
DATE: Final = _n(DCTERMS.date)
SOURCE: Final = _n(DCTERMS.source)
PUBLISHER: Final = _n(DCTERMS.publisher)
IDENTIFIER: Final = _n(DCTERMS.identifier)
INTERVAL: Final = _n(TIME.ProperInterval)
INSTANT: Final = _n(TIME.Instant)
HAS_BEGINNING: Final = _n(TIME.hasBeginning)
HAS_END: Final = _n(TIME.hasEnd)

XSD_TYPES: Final[dict[str, Term]] = {
    "date": _n(XSD.date),
    "gYearMonth": _n(XSD.gYearMonth),
    "gYear": _n(XSD.gYear),
    "integer": _n(XSD.nonNegativeInteger),
    "decimal": _n(XSD.decimal),
}

#: OWL-Time's datatype-specific position properties, by granularity.
IN_XSD: Final[dict[str, Term]] = {
    "date": _n(TIME.inXSDDate),
    "gYearMonth": _n(TIME.inXSDgYearMonth),
    "gYear": _n(TIME.inXSDgYear),
}


_INTEGER: Final = XSD_TYPES["integer"]


def integer(value: int) -> Term:
    return f'"{value:d}"^^{_INTEGER}'


def typed(value: str, granularity: str) -> Term:
    return literal(value, XSD_TYPES[granularity])


def decimal(value: float) -> Term:
    return f'"{value:.2f}"^^{XSD_TYPES["decimal"]}'
