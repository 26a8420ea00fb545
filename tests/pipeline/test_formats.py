"""Every output format parses back, strictly (pyoxigraph) and in rdflib, to the same graph; Turtle is
byte-for-byte deterministic; out/ holds the current build of seeds/."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pyoxigraph as ox
import pytest
import rdflib
from rdflib.compare import graph_diff, isomorphic, to_isomorphic

import kg
from kg.graph.io import FORMATS, read_quads

pytestmark = pytest.mark.model

ROOT = Path(__file__).resolve().parents[2]


def _out(seed_build: kg.BuildResult, suffix: str) -> Path:
    return next(Path(p) for p in seed_build.report.outputs if p.endswith(suffix))


@pytest.mark.parametrize("name", ["ttl", "trig", "nt", "nq", "jsonld"])
def test_each_format_parses_back_strictly_to_the_same_triples(seed_build: kg.BuildResult, name: str) -> None:
    fmt = FORMATS[name]
    path = _out(seed_build, fmt.suffix)
    expected = {(q.subject, q.predicate, q.object) for q in seed_build.quads}
    back = list(ox.parse(path=str(path), format=fmt.rdf))
    assert {(q.subject, q.predicate, q.object) for q in back} == expected
    if fmt.quads:
        assert set(back) == set(seed_build.quads)


@pytest.mark.parametrize(
    "name,rdflib_format",
    [("ttl", "turtle"), ("nt", "nt"), ("trig", "trig"), ("jsonld", "json-ld"), ("nq", "nquads")],
)
def test_each_format_parses_in_rdflib_to_the_same_graph(
    seed_build: kg.BuildResult, name: str, rdflib_format: str
) -> None:
    reference = rdflib.Graph().parse(_out(seed_build, ".ttl"), format="turtle")
    if FORMATS[name].quads:
        ds = rdflib.Dataset()
        ds.parse(_out(seed_build, FORMATS[name].suffix), format=rdflib_format)
        other = rdflib.Graph()
        for s, p, o, _ in ds.quads():
            other.add((s, p, o))
    else:
        other = rdflib.Graph().parse(_out(seed_build, FORMATS[name].suffix), format=rdflib_format)
    if not isomorphic(reference, other):
        _, only_ref, only_other = graph_diff(to_isomorphic(reference), to_isomorphic(other))
        pytest.fail(f"{name}: only in ttl {sorted(only_ref)[:5]}, only in {name} {sorted(only_other)[:5]}")


def test_turtle_is_byte_identical_across_processes(tmp_path: Path, seed_build: kg.BuildResult) -> None:
    code = "import kg,sys; kg.build([sys.argv[1]], out=sys.argv[2], view=False)"
    subprocess.run([sys.executable, "-c", code, "seeds", str(tmp_path)], check=True, cwd=ROOT)
    assert (tmp_path / "graph.ttl").read_bytes() == _out(seed_build, ".ttl").read_bytes()


def test_out_holds_the_current_build_of_the_seeds(seed_build: kg.BuildResult) -> None:
    committed = ROOT / "out" / "graph.ttl"
    assert committed.is_file(), "out/graph.ttl is missing: run `kg build`"
    assert committed.read_bytes() == _out(seed_build, ".ttl").read_bytes(), (
        "out/graph.ttl is stale: run `kg build` and commit out/"
    )
    assert (ROOT / "out" / "graph.html").is_file()


def test_read_quads_reports_a_broken_file_with_its_place(tmp_path: Path) -> None:
    bad = tmp_path / "bad.ttl"
    bad.write_text("<http://a.example/x> <http://a.example/p> .\n")
    with pytest.raises(kg.KgError) as info:
        read_quads(bad)
    assert info.value.code == "K302" and "bad.ttl" in str(info.value) and "line 1" in str(info.value)


def test_the_view_is_byte_identical_across_processes_and_out_holds_it(tmp_path: Path) -> None:
    code = "import kg,sys; kg.build([sys.argv[1]], out=sys.argv[2], store=False)"
    pages = []
    for seed in ("1", "2"):  # a different hash seed in each process: set order must not leak into the page
        target = tmp_path / seed
        env = {**os.environ, "PYTHONHASHSEED": seed}
        subprocess.run([sys.executable, "-c", code, "seeds", str(target)], check=True, cwd=ROOT, env=env)
        pages.append((target / "graph.html").read_bytes())
    assert pages[0] == pages[1]
    assert (ROOT / "out" / "graph.html").read_bytes() == pages[0], "out/graph.html is stale: run `kg build`"


def test_a_build_removes_what_an_earlier_build_wrote_and_it_does_not(tmp_path: Path) -> None:
    from typer.testing import CliRunner

    from kg.cli import app

    kg.build([ROOT / "seeds"], out=tmp_path, formats=("ttl", "nt"))
    assert {p.name for p in tmp_path.glob("graph.*")} == {"graph.ttl", "graph.nt", "graph.html"}
    runner = CliRunner()
    for fmt in ("graphml", "gexf", "csv"):
        assert runner.invoke(app, ["export", "--out", str(tmp_path), "--format", fmt]).exit_code == 0
    assert len(list(tmp_path.glob("network*"))) == 4
    kg.build([ROOT / "seeds"], out=tmp_path, formats=("trig",), view=False, store=False)
    assert {p.name for p in tmp_path.glob("graph.*")} == {"graph.trig"}  # no stale Turtle, N-Triples or view
    assert not (tmp_path / "store").exists()
    assert not list(tmp_path.glob("network*"))  # nor the network kg export wrote from the earlier graph
    validated = runner.invoke(app, ["validate", "--out", str(tmp_path)])
    assert validated.exit_code == 0 and f"{tmp_path / 'graph.trig'}: conforms" in validated.stdout
    stats = runner.invoke(app, ["stats", "--out", str(tmp_path)])
    assert stats.exit_code == 0 and "kg:Article" in stats.stdout
