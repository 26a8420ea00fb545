"""The ontology and the vocabulary agree; every term has a label and a comment; it aligns with the standards."""

from __future__ import annotations

from pathlib import Path

import pyoxigraph as ox
import rdflib
from rdflib.namespace import OWL, RDF, RDFS, SH

from kg.graph.namespace import KG, KG_NS
from kg.graph.validate import ontology_file

ROOT = Path(__file__).resolve().parents[1]


def ontology() -> rdflib.Graph:
    return rdflib.Graph().parse(ROOT / "ontology" / "kg.ttl")


def test_both_files_parse_strictly() -> None:
    for name in ("kg.ttl", "shapes.ttl"):
        assert list(ox.parse(path=str(ROOT / "ontology" / name), format=ox.RdfFormat.TURTLE))


def test_the_namespace_and_the_ontology_define_the_same_terms() -> None:
    g = ontology()
    defined = {str(s)[len(KG_NS) :] for s in g.subjects(RDF.type, None) if str(s).startswith(KG_NS)}
    in_code = set(KG.__annotations__)
    assert defined == in_code, f"only in kg.ttl: {defined - in_code}; only in namespace.py: {in_code - defined}"


def test_every_term_has_an_english_label_and_comment() -> None:
    g = ontology()
    for s in (
        set(g.subjects(RDF.type, OWL.Class))
        | set(g.subjects(RDF.type, OWL.ObjectProperty))
        | set(g.subjects(RDF.type, OWL.DatatypeProperty))
    ):
        assert g.value(s, RDFS.label), s
        assert g.value(s, RDFS.comment), s


def test_the_classes_are_aligned_with_schema_prov_time_and_org() -> None:
    g = ontology()
    targets = {str(o) for p in (RDFS.subClassOf, OWL.equivalentClass, RDFS.subPropertyOf) for o in g.objects(None, p)}
    for ns in ("https://schema.org/", "http://www.w3.org/ns/prov#", "http://www.w3.org/ns/org#"):
        assert any(t.startswith(ns) for t in targets), ns
    assert (KG.Person, OWL.equivalentClass, rdflib.URIRef("https://schema.org/Person")) in g
    assert (KG.Country, RDFS.subClassOf, KG.Place) in g


def test_every_shape_targets_a_defined_class() -> None:
    shapes = rdflib.Graph().parse(ontology_file("shapes.ttl"))
    classes = set(ontology().subjects(RDF.type, OWL.Class))
    for target in shapes.objects(None, SH.targetClass):
        assert target in classes or not str(target).startswith(KG_NS), target
