"""One source of truth for the vocabulary: every stage reads the predicates, event classes and roles the ontology
declares (kg.vocab), and nothing else."""

from __future__ import annotations

from pathlib import Path

import rdflib
from rdflib.namespace import RDF, RDFS

from kg.evaluation.facts import RELATIONS, ROLES, SYMMETRIC
from kg.extract.predicates import lexicon
from kg.extract.relations import PATTERNS
from kg.graph.namespace import KG, KG_NS
from kg.graph.validate import validate, vocabulary_shapes
from kg.render.network import EVENT_CLASSES
from kg.vocab import ontology_file, vocabulary


def test_the_relations_are_the_sub_properties_of_related_to_in_the_ontology() -> None:
    g = rdflib.Graph().parse(ontology_file("kg.ttl"))
    subs = {str(s)[len(KG_NS) :] for s in g.subjects(RDFS.subPropertyOf, KG.relatedTo)}
    assert set(vocabulary().relations) == subs | {"relatedTo"}
    assert {"holdsPosition", "affiliatedWith", "spouseOf", "locatedIn", "partOf"} <= subs


def test_symmetry_and_kinds_come_from_the_ontology() -> None:
    v = vocabulary()
    assert v.symmetric == {"cooperatesWith", "spouseOf", "relativeOf"}
    assert v.relations["partOf"].domain == {"Organization"} == v.relations["partOf"].range
    assert v.relations["holdsPosition"].range == {"Organization", "Place"}  # of the post's kg:postIn


def test_every_stage_reads_the_same_lists() -> None:
    v = vocabulary()
    assert RELATIONS == (set(v.relations) - {"relatedTo"}) | {"reports"}
    assert SYMMETRIC == v.symmetric
    assert ROLES == set(v.roles)
    assert EVENT_CLASSES == set(v.events)
    assert {predicate for predicate, _, _ in PATTERNS.values()} <= set(v.relations)
    assert set(lexicon().classes.values()) <= set(v.events)


def test_the_closed_namespace_accepts_exactly_the_ontologys_terms() -> None:
    assert KG.Acquisition == rdflib.URIRef(KG_NS + "Acquisition")
    assert KG.mentionedWith == rdflib.URIRef(KG_NS + "mentionedWith")
    try:
        KG.acquiredBy  # noqa: B018  not in the ontology
    except AttributeError:
        pass
    else:
        raise AssertionError("an undeclared term was accepted")


def _graph(*triples: tuple[str, str, str]) -> rdflib.Graph:
    g = rdflib.Graph()
    for s, p, o in triples:
        g.add(
            (
                KG[s] if s in KG.__annotations__ else rdflib.URIRef(f"urn:{s}"),
                KG[p] if p != "type" else RDF.type,
                KG[o] if o in KG.__annotations__ else rdflib.URIRef(f"urn:{o}"),
            )
        )
    return g


def test_the_shapes_made_from_the_ontology_catch_a_relation_between_the_wrong_kinds(tmp_path: Path) -> None:
    shapes = tmp_path / "vocabulary-shapes.ttl"
    shapes.write_text(vocabulary_shapes(), encoding="utf-8")
    fine = _graph(
        ("acme", "type", "Organization"), ("nordbank", "type", "Organization"), ("acme", "partOf", "nordbank")
    )
    wrong = _graph(("ann", "type", "Person"), ("nordbank", "type", "Organization"), ("ann", "partOf", "nordbank"))
    assert validate(fine, shapes) == []
    assert [v.focus for v in validate(wrong, shapes)] == ["urn:ann"]


def test_an_event_role_must_point_at_an_entity(tmp_path: Path) -> None:
    shapes = tmp_path / "vocabulary-shapes.ttl"
    shapes.write_text(vocabulary_shapes(), encoding="utf-8")
    fine = _graph(("e1", "type", "Event"), ("e1", "patient", "ann"), ("ann", "type", "Person"))
    wrong = _graph(("e1", "type", "Event"), ("e1", "patient", "x"))
    assert validate(fine, shapes) == []
    assert [v.focus for v in validate(wrong, shapes)] == ["urn:e1"]


def test_the_roles_extraction_gives_are_the_ontologys() -> None:
    from typing import get_args

    from kg.extract.events import _ROLES
    from kg.model import ArgRole

    assert set(get_args(ArgRole)) == set(vocabulary().roles) == _ROLES
