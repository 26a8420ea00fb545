"""Writing and reading graph files: deterministic, strict, and atomic (temporary file, then rename)."""

from __future__ import annotations

import os
import tempfile
from collections.abc import Iterable
from dataclasses import dataclass
from pathlib import Path

import pyoxigraph as ox

from kg.commit import reading
from kg.errors import Errors, GraphError, unwritten
from kg.graph.quads import GraphSet
from kg.graph.terms import PREFIXES
from kg.graph.turtle import trig, turtle


@dataclass(frozen=True, slots=True)
class Format:
    name: str
    suffix: str
    rdf: ox.RdfFormat
    quads: bool  # keeps named graphs


FORMATS: dict[str, Format] = {
    "ttl": Format("ttl", ".ttl", ox.RdfFormat.TURTLE, False),
    "trig": Format("trig", ".trig", ox.RdfFormat.TRIG, True),
    "nt": Format("nt", ".nt", ox.RdfFormat.N_TRIPLES, False),
    "nq": Format("nq", ".nq", ox.RdfFormat.N_QUADS, True),
    "jsonld": Format("jsonld", ".jsonld", ox.RdfFormat.JSON_LD, True),
}
BY_SUFFIX = {f.suffix: f for f in FORMATS.values()} | {".json": FORMATS["jsonld"], ".turtle": FORMATS["ttl"]}


def get_format(name: str) -> Format:
    try:
        return FORMATS[name]
    except KeyError:
        raise GraphError(Errors.K301, fmt=name, options=", ".join(FORMATS)) from None


def serialize(graph: GraphSet | Iterable[ox.Quad], fmt: Format) -> bytes:
    """``graph`` in ``fmt``; the same graph always gives the same bytes. Turtle, TriG, N-Triples and N-Quads
    are written from the strings (fast); JSON-LD by pyoxigraph."""
    data = graph if isinstance(graph, GraphSet) else GraphSet.from_ox(graph)
    if fmt.name == "ttl":
        return turtle(data.triples, PREFIXES)
    if fmt.name == "trig":
        return trig(data.graphs, PREFIXES)
    if fmt.name == "nt":
        return data.ntriples()
    if fmt.name == "nq":
        return data.nquads()
    out = ox.serialize(data.to_ox(), format=fmt.rdf, prefixes=PREFIXES)
    assert out is not None
    return out


def atomic_write(path: Path, data: bytes) -> None:
    """Write ``data`` to ``path`` so that a reader sees the old file or the new one, never half of one."""
    path = Path(path)
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        fd, tmp = tempfile.mkstemp(prefix=f".{path.name}.", suffix=".tmp", dir=path.parent)
    except OSError as exc:
        raise GraphError(unwritten(exc), path=path, detail=exc.strerror or exc) from exc
    try:
        with os.fdopen(fd, "wb") as fh:
            fh.write(data)
            fh.flush()
            os.fsync(fh.fileno())
        os.chmod(tmp, 0o644)
        os.replace(tmp, path)
    except OSError as exc:
        Path(tmp).unlink(missing_ok=True)
        raise GraphError(unwritten(exc), path=path, detail=exc.strerror or exc) from exc
    except BaseException:
        Path(tmp).unlink(missing_ok=True)
        raise


def write_graph(graph: GraphSet | Iterable[ox.Quad], path: Path, fmt: Format) -> None:
    atomic_write(path, serialize(graph, fmt))


def read_quads(path: Path) -> list[ox.Quad]:
    """Parse a graph file (format from its suffix) strictly; an error names the file and the place. In a build
    folder the file is opened as :func:`kg.commit.reading` says: it is one whole build's."""
    path = Path(path)
    with reading(path):
        if not path.exists():
            raise GraphError(Errors.K303, path=path)
        fmt = BY_SUFFIX.get(path.suffix.lower())
        if fmt is None:
            raise GraphError(Errors.K302, path=path, detail=f"unknown suffix {path.suffix!r}")
        try:
            fh = open(path, "rb")  # noqa: SIM115 - parsed below, once no commit need wait for this reader
        except OSError as exc:
            raise GraphError(Errors.K302, path=path, detail=str(exc).splitlines()[0]) from exc
    try:
        with fh:
            parsed = ox.parse(fh, format=fmt.rdf)
            return [q if isinstance(q, ox.Quad) else ox.Quad(q.subject, q.predicate, q.object) for q in parsed]
    except (SyntaxError, ValueError, OSError) as exc:
        raise GraphError(Errors.K302, path=path, detail=str(exc).splitlines()[0]) from exc
