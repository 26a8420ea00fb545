"""SHACL validation of a graph against ontology/shapes.ttl, with each violation as one readable line."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

import pyshacl
from rdflib import Graph, URIRef
from rdflib.namespace import SH

from kg.errors import Errors, GraphError
from kg.vocab import KG_NS, vocabulary
from kg.vocab import ontology_file as vocab_file

SHAPES_NS = "https://w3id.org/kg-news/shapes#"


def ontology_file(name: str) -> Path:
    """A file of the ontology folder: the checkout's ``ontology/`` when running from one, else the installed copy."""
    found = vocab_file(name)
    if not found.is_file():
        raise GraphError(Errors.K304, path=found)
    return found


def _classes(kinds: frozenset[str]) -> str:
    return "( " + " ".join(f"[ sh:class kg:{k} ]" for k in sorted(kinds)) + " )"


def vocabulary_shapes() -> str:
    """SHACL shapes, in Turtle, for the ends of every typed relation and the objects of every event role, from
    the ontology (kg.vocab): a relation's subject is of a kind its domain includes, its object of a kind its
    range includes (for holdsPosition, a kg:Post whose kg:postIn is)."""
    v = vocabulary()
    lines = [f"@prefix kg: <{KG_NS}> .", f"@prefix kgs: <{SHAPES_NS}> .", "@prefix sh: <http://www.w3.org/ns/shacl#> ."]
    for name, term in v.relations.items():
        if not term.domain or not term.range:
            continue
        target = "kg:Post" if name == "holdsPosition" else None
        objects = "[ sh:class kg:Post ]" if target else f"[ sh:or {_classes(term.range)} ]"
        lines.append(
            f"kgs:{name}Ends a sh:NodeShape ; sh:targetSubjectsOf kg:{name} ; sh:or {_classes(term.domain)} ;"
            f" sh:property [ sh:path kg:{name} ; sh:node {objects} ] ."
        )
    entities = frozenset({"Person", "Organization", "Place", "Event"})
    for role in v.roles:
        kinds = frozenset({"Place"}) if role == "place" else entities
        lines.append(
            f"kgs:{role}Role a sh:NodeShape ; sh:targetSubjectsOf kg:{role} ; sh:class kg:Event ;"
            f" sh:property [ sh:path kg:{role} ; sh:or {_classes(kinds)} ] ."
        )
    return "\n".join(lines) + "\n"


@dataclass(frozen=True, slots=True)
class Violation:
    focus: str
    path: str
    message: str
    severity: str

    def __str__(self) -> str:
        where = f" {self.path}" if self.path else ""
        return f"{self.severity}: <{self.focus}>{where}: {self.message}"


def validate(data: Graph, shapes: Path | None = None) -> list[Violation]:
    """The SHACL violations of ``data`` (a Graph or Dataset; named graphs are validated as their union)."""
    shapes_graph = Graph().parse(shapes or ontology_file("shapes.ttl"))
    if shapes is None:
        shapes_graph.parse(data=vocabulary_shapes(), format="turtle")
    union = Graph()
    for s, p, o, *_ in data:  # a Dataset yields quads, a Graph triples
        union.add((s, p, o))
    _, report, _ = pyshacl.validate(union, shacl_graph=shapes_graph, inference="none", allow_warnings=True)
    out = []
    for r in report.subjects(predicate=None, object=SH.ValidationResult):
        focus = report.value(r, SH.focusNode)
        path = report.value(r, SH.resultPath)
        msg = report.value(r, SH.resultMessage)
        sev = report.value(r, SH.resultSeverity)
        out.append(
            Violation(
                str(focus),
                report.namespace_manager.normalizeUri(path) if isinstance(path, URIRef) else "",
                str(msg or ""),
                str(sev).rsplit("#", 1)[-1] if sev else "Violation",
            )
        )
    return sorted(out, key=lambda v: (v.focus, v.path, v.message))
