"""SHACL validation of a graph against ontology/shapes.ttl, with each violation as one readable line."""

from __future__ import annotations

from dataclasses import dataclass
from importlib import resources
from pathlib import Path

import pyshacl
from rdflib import Graph, URIRef
from rdflib.namespace import SH

from kg.errors import Errors, GraphError


def ontology_file(name: str) -> Path:
    """A file of the ontology folder: the checkout's ``ontology/`` when running from one, else the installed copy."""
    here = Path(__file__).resolve().parents[2] / "ontology" / name
    if here.is_file():
        return here
    installed = Path(str(resources.files("kg.ontology").joinpath(name)))
    if not installed.is_file():
        raise GraphError(Errors.K304, path=installed)
    return installed


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
