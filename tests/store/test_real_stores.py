"""``kg load`` and ``kg query --endpoint`` with real stores: Virtuoso 7 (one server for the session) and the
Oxigraph server. TriG and Turtle go in both ways (Graph Store Protocol and SPARQL Update); the quads per graph
there are the file's, and every example query answers there as it does on kg's own store."""

from __future__ import annotations

import csv
import io
import json
import re
import urllib.parse
from collections import Counter
from collections.abc import Iterator
from pathlib import Path

import pyoxigraph as ox
import pytest
from typer.testing import CliRunner

from kg.cli import app
from kg.errors import QueryError
from kg.graph.io import read_quads
from kg.graph.load import DEFAULT_GRAPH, load
from kg.graph.remote import remote_query

from .conftest import http_get

QUERIES = Path(__file__).resolve().parents[2] / "queries"
KG_GRAPHS = (
    "SELECT ?g (COUNT(*) AS ?n) { GRAPH ?g { ?s ?p ?o } "
    'FILTER (STRSTARTS(STR(?g), "https://w3id.org/kg-news/") || STRSTARTS(STR(?g), "http://e/")) } GROUP BY ?g'
)
runner = CliRunner()


def select(endpoint: str, query: str) -> list[dict[str, str]]:
    url = f"{endpoint}?" + urllib.parse.urlencode({"query": query})
    data = json.loads(http_get(url))
    return [{k: v["value"] for k, v in row.items()} for row in data["results"]["bindings"]]


def per_graph(endpoint: str) -> dict[str, int]:
    """Triples per graph of kg's (and the tests') graphs in the store."""
    return {r["g"]: int(r["n"]) for r in select(endpoint, KG_GRAPHS)}


def expected(quads: list[ox.Quad], default: str = DEFAULT_GRAPH) -> dict[str, int]:
    """Distinct triples per graph of a file, the default graph under the name it gets in a store without one."""
    graphs: dict[str, set[tuple[object, object, object]]] = {}
    for q in quads:
        name = default if isinstance(q.graph_name, ox.DefaultGraph) else q.graph_name.value
        graphs.setdefault(name, set()).add((q.subject, q.predicate, q.object))
    return {g: len(t) for g, t in graphs.items()}


@pytest.fixture()
def virtuoso_empty(virtuoso: str) -> Iterator[str]:
    """The session's Virtuoso with none of kg's graphs (dropped before and after the test)."""

    def clear() -> None:
        for g in per_graph(f"{virtuoso}/sparql"):
            http_post_update(f"{virtuoso}/sparql", f"DROP SILENT GRAPH {ox.NamedNode(g)}")

    clear()
    yield virtuoso
    clear()


def http_post_update(endpoint: str, update: str) -> None:
    import urllib.request

    data = update.encode("utf-8")
    request = urllib.request.Request(endpoint, data=data, headers={"Content-Type": "application/sparql-update"})
    with urllib.request.urlopen(request, timeout=60) as response:
        response.read()


@pytest.mark.server
@pytest.mark.model
@pytest.mark.parametrize("fmt", ["trig", "ttl"])
@pytest.mark.parametrize("update", [False, True], ids=["gsp", "update"])
def test_virtuoso_holds_each_graph_as_the_file(virtuoso_empty: str, seed: Path, fmt: str, update: bool) -> None:
    path = seed / f"graph.{fmt}"
    endpoint = f"{virtuoso_empty}/sparql" if update else f"{virtuoso_empty}/sparql-graph-crud"
    result = runner.invoke(app, ["load", str(path), "--endpoint", endpoint] + (["--update"] * update))
    assert result.exit_code == 0, result.output
    assert "the store has no default graph" in result.stdout and DEFAULT_GRAPH in result.stdout
    quads = read_quads(path)
    want = expected(quads)
    assert per_graph(f"{virtuoso_empty}/sparql") == want
    assert len(want) == (4 if fmt == "trig" else 1)  # a graph per article, or the union in one


@pytest.mark.server
@pytest.mark.model
def test_virtuoso_takes_the_default_graph_where_the_user_says(virtuoso_empty: str, seed: Path) -> None:
    g = "https://w3id.org/kg-news/id/graph/mine"
    report = load(seed / "graph.trig", f"{virtuoso_empty}/sparql-graph-crud", default_graph=g)
    assert report.notes == ()  # asked for, so not a fallback
    assert per_graph(f"{virtuoso_empty}/sparql") == expected(read_quads(seed / "graph.trig"), default=g)
    load(seed / "graph.trig", f"{virtuoso_empty}/sparql", default_graph=g, update=True, replace=True)
    assert per_graph(f"{virtuoso_empty}/sparql") == expected(read_quads(seed / "graph.trig"), default=g)


@pytest.mark.server
def test_virtuoso_update_batches_shrink_until_accepted(virtuoso_empty: str) -> None:
    # Virtuoso's SPARQL compiler runs out of memory on an INSERT DATA of some 5,000 triples
    quads = [
        ox.Quad(
            ox.NamedNode(f"http://e/s{i}"), ox.NamedNode("http://e/p"), ox.Literal(f"v{i}"), ox.NamedNode("http://e/g")
        )
        for i in range(12_000)
    ]
    report = load(quads, f"{virtuoso_empty}/sparql", update=True, batch_triples=12_000)
    assert any(n.startswith("the store refused ") for n in report.notes), report.notes  # 12,000, then 6,000
    assert report.requests > 3
    assert per_graph(f"{virtuoso_empty}/sparql") == {"http://e/g": 12_000}


@pytest.mark.server
def test_virtuoso_failures_give_its_reason_on_one_line(virtuoso_empty: str, quads: list[ox.Quad]) -> None:
    with pytest.raises(QueryError) as info:
        remote_query("SELEC * { ?s ?p ?o }", f"{virtuoso_empty}/sparql")
    message = str(info.value)
    assert "\n" not in message and "SP030" in message and "SELEC" in message
    assert "SPARQL query:" not in message  # the query Virtuoso echoes after its reason is left out
    env = {"KG_ENDPOINT_USER": "ann", "KG_ENDPOINT_PASSWORD": "s3cret"}
    with pytest.raises(QueryError) as info:  # a Graph Store request to the SPARQL endpoint: an HTML page
        load(quads[:3], f"{virtuoso_empty}/sparql-graph-crud?graph=x", graph_iri="http://e/g", env=env)
    message = str(info.value)
    assert "\n" not in message and "<" not in message and "s3cret" not in message, message
    assert info.value.code == "K403" and len(message) < 600


def canonical(query: str, text: str) -> Counter[tuple[str, ...]]:
    """The rows of ``kg query -f csv`` output, a GROUP_CONCAT's parts sorted (SPARQL leaves their order open),
    as a multiset (rows that tie on the ORDER BY keys may come in any order)."""
    pattern = r'GROUP_CONCAT\(.*?separator\s*=\s*"([^"]*)"\)\s*AS\s*\?(\w+)'
    concat = {name: sep for sep, name in re.findall(pattern, query, re.I | re.S)}
    rows = list(csv.reader(io.StringIO(text)))
    header, body = rows[0], rows[1:]
    cut = {i: concat[name] for i, name in enumerate(header) if name in concat}
    return Counter(
        tuple(cut[i].join(sorted(c.split(cut[i]))) if i in cut else c for i, c in enumerate(r)) for r in body
    )


def example_bindings(query: str) -> list[str]:
    """The --bind options the query's first line gives as its example."""
    first = query.splitlines()[0]
    return [f"--bind={name}={value}" for name, value in re.findall(r'--bind (\w+)="([^"]*)"', first)]


def assert_answers_as_the_store(endpoint: str, seed: Path) -> None:
    files = sorted(QUERIES.glob("*.rq"))
    assert len(files) >= 9
    for f in files:
        text = f.read_text(encoding="utf-8")
        binds = example_bindings(text)
        here = runner.invoke(app, ["query", "--file", str(f), "--out", str(seed), "-f", "csv", *binds])
        there = runner.invoke(app, ["query", "--file", str(f), "--endpoint", endpoint, "-f", "csv", *binds])
        assert here.exit_code == 0 and there.exit_code == 0, (f.name, here.output, there.output)
        rows = canonical(text, here.stdout)
        assert sum(rows.values()) >= 1, f.name  # each example answers something on the seeds
        assert canonical(text, there.stdout) == rows, f.name


@pytest.mark.server
@pytest.mark.model
@pytest.mark.parametrize("update", [False, True], ids=["gsp", "update"])
def test_example_queries_answer_on_virtuoso_as_on_the_store(virtuoso_empty: str, seed: Path, update: bool) -> None:
    endpoint = f"{virtuoso_empty}/sparql" if update else f"{virtuoso_empty}/sparql-graph-crud"
    load(seed / "graph.trig", endpoint, update=update)
    assert_answers_as_the_store(f"{virtuoso_empty}/sparql", seed)


@pytest.mark.server
@pytest.mark.model
@pytest.mark.parametrize("update", [False, True], ids=["gsp", "update"])
def test_example_queries_answer_on_oxigraph_as_on_the_store(oxigraph_union: str, seed: Path, update: bool) -> None:
    report = load(
        seed / "graph.trig", f"{oxigraph_union}/update" if update else f"{oxigraph_union}/store", update=update
    )
    assert report.notes == ()  # Oxigraph has a default graph
    assert per_graph(f"{oxigraph_union}/query") == {
        g: n for g, n in expected(read_quads(seed / "graph.trig")).items() if g != DEFAULT_GRAPH
    }
    assert_answers_as_the_store(f"{oxigraph_union}/query", seed)


@pytest.mark.server
@pytest.mark.model
def test_turtle_on_oxigraph_both_ways(oxigraph_union: str, seed: Path) -> None:
    quads = read_quads(seed / "graph.ttl")
    report = load(seed / "graph.ttl", f"{oxigraph_union}/store")
    assert report.graphs == (("default", len(quads)),) and report.notes == ()
    default = http_get(f"{oxigraph_union}/store?default", accept="application/n-triples")
    assert len(list(ox.parse(default, ox.RdfFormat.N_TRIPLES))) == len(quads)
    load(seed / "graph.ttl", f"{oxigraph_union}/update", update=True, graph_iri="http://e/ttl")
    assert per_graph(f"{oxigraph_union}/query") == {"http://e/ttl": len(quads)}
