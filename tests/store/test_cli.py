"""``kg query`` and ``kg load`` through typer's CliRunner: formats, bound values, errors without traceback."""

from __future__ import annotations

import csv
import io
import json
import shutil
from pathlib import Path

import pyoxigraph as ox
import pytest
from typer.testing import CliRunner

from kg.cli import app
from kg.graph.io import FORMATS, write_graph

QUERIES = Path(__file__).resolve().parents[2] / "queries"
runner = CliRunner()


@pytest.fixture()
def out(tmp_path: Path, store_dir: Path, quads: list[ox.Quad]) -> Path:
    """A build folder: out/store and out/graph.trig."""
    shutil.copytree(store_dir, tmp_path / "store")
    write_graph(quads, tmp_path / "graph.trig", FORMATS["trig"])
    return tmp_path


def test_query_prints_an_aligned_table(out: Path) -> None:
    result = runner.invoke(app, ["query", "--file", str(QUERIES / "entities-by-type.rq"), "--out", str(out)])
    assert result.exit_code == 0, result.output
    lines = result.stdout.splitlines()
    assert lines[0].split() == ["type", "entity", "label", "mentions", "articles"]
    assert any(line.split()[:3] == ["kg:Person", "person:tony-blair", "Tony"] for line in lines)
    assert lines[-1] == "6 rows"


def test_query_csv_and_json(out: Path) -> None:
    q = "SELECT ?e ?name WHERE { ?e a kg:Person ; rdfs:label ?name } ORDER BY ?name"
    result = runner.invoke(app, ["query", q, "--out", str(out), "--format", "csv"])
    assert result.exit_code == 0, result.output
    rows = list(csv.reader(io.StringIO(result.stdout, newline="")))
    assert rows[0] == ["e", "name"] and len(rows) == 4
    result = runner.invoke(app, ["query", q, "--out", str(out), "-f", "json"])
    doc = json.loads(result.stdout)
    assert [b["name"]["value"] for b in doc["results"]["bindings"]][1:] == ["Gordon Brown", "Tony Blair"]


def test_query_binds_a_nasty_name_safely(out: Path, nasty: str) -> None:
    result = runner.invoke(
        app,
        [
            "query",
            "--file",
            str(QUERIES / "evidence.rq"),
            "--bind",
            f"name={nasty}",
            "-o",
            str(out),
            "-f",
            "tsv",
        ],
    )
    assert result.exit_code == 0, result.output
    assert len(result.stdout.splitlines()) == 2  # header and the one mention
    assert "bob-the-brace-o-neil-jr" in result.stdout


def test_query_on_a_graph_file(out: Path, tmp_path: Path) -> None:
    result = runner.invoke(app, ["query", "ASK { ?s a kg:Article }", "--graph", str(out / "graph.trig")])
    assert result.exit_code == 0 and result.stdout == "true\n"


def test_syntax_error_has_line_and_column_and_no_traceback(out: Path) -> None:
    result = runner.invoke(app, ["query", "SELECT ?x WHERE {\n  ?x a kg:Person\n  FILTER(?x = ) }", "-o", str(out)])
    assert result.exit_code == 2
    assert "line 3, column" in result.stderr and "(K400)" in result.stderr
    assert "Traceback" not in result.output and result.stdout == ""
    assert result.stderr.count("\n") == 1


def test_missing_store_is_k402(tmp_path: Path) -> None:
    result = runner.invoke(app, ["query", "ASK {}", "--out", str(tmp_path)])
    assert result.exit_code == 2 and "(K402)" in result.stderr


def test_bad_bind_is_k408(out: Path) -> None:
    result = runner.invoke(app, ["query", "SELECT * {}", "--bind", "novalue", "-o", str(out)])
    assert result.exit_code == 2 and "(K408)" in result.stderr


@pytest.mark.server
def test_load_command_sends_the_article_graphs(out: Path, oxigraph: str, sparql_count: object) -> None:
    result = runner.invoke(app, ["load", "--endpoint", f"{oxigraph}/store", "--out", str(out)])
    assert result.exit_code == 0, result.output
    assert "loaded 182 triples in 4 graph(s)" in result.stdout
    assert sparql_count(oxigraph, "SELECT (COUNT(*) AS ?n) { GRAPH ?g { ?s ?p ?o } }") == 182 - 15  # type: ignore[operator]


def test_load_command_unreachable_is_k404(out: Path, port: int) -> None:
    result = runner.invoke(app, ["load", "-e", f"http://127.0.0.1:{port}/store", "-o", str(out), "--retries", "0"])
    assert result.exit_code == 2 and "(K404)" in result.stderr and "Traceback" not in result.output
