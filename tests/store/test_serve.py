"""``kg serve`` over real HTTP: the SPARQL 1.1 Protocol, content negotiation, limits, timeouts, no updates."""

from __future__ import annotations

import json
import os
import signal
import subprocess
import sys
import threading
import time
import urllib.error
import urllib.parse
import urllib.request
from collections.abc import Iterator
from pathlib import Path

import pyoxigraph as ox
import pytest

from kg.errors import QueryError
from kg.serve import SparqlServer, make_server, negotiate

pytestmark = pytest.mark.server

COUNT = "SELECT (COUNT(*) AS ?n) WHERE { ?s ?p ?o }"
SLOW = "SELECT (COUNT(*) AS ?n) WHERE { ?a ?b ?c . ?d ?e ?f . ?g ?h ?i . ?j ?k ?l . ?m ?o ?p }"


@pytest.fixture(scope="module")
def server(store_dir: Path) -> Iterator[SparqlServer]:
    srv = make_server(store_dir, port=0, timeout=2, limit=50, workers=2)
    thread = threading.Thread(target=srv.serve_forever, daemon=True)
    thread.start()
    yield srv
    srv.shutdown()
    srv.server_close()


def call(
    server: SparqlServer,
    query: str | None = None,
    *,
    accept: str = "",
    method: str = "GET",
    data: bytes | None = None,
    content_type: str | None = None,
    extra: dict[str, str] | None = None,
) -> tuple[int, dict[str, str], bytes]:
    params = ({"query": query} if query is not None else {}) | (extra or {})
    url = server.url + ("?" + urllib.parse.urlencode(params) if params else "")
    headers = {k: v for k, v in (("Accept", accept), ("Content-Type", content_type)) if v}
    request = urllib.request.Request(url, data=data, method=method, headers=headers)
    try:
        with urllib.request.urlopen(request, timeout=30) as response:
            return response.status, dict(response.headers), response.read()
    except urllib.error.HTTPError as exc:
        return exc.code, dict(exc.headers), exc.read()


def count(server: SparqlServer) -> int:
    status, _, body = call(server, COUNT)
    assert status == 200
    return int(json.loads(body)["results"]["bindings"][0]["n"]["value"])


def test_binds_loopback_by_default(server: SparqlServer) -> None:
    assert server.url.startswith("http://127.0.0.1:")


def test_get_select_json_by_default(server: SparqlServer, quads: list[ox.Quad]) -> None:
    status, headers, body = call(server, COUNT)
    assert status == 200 and headers["Content-Type"] == "application/sparql-results+json"
    assert count(server) == len(quads)  # the union of the graphs


@pytest.mark.parametrize(
    ("accept", "media", "parser"),
    [
        ("text/csv", "text/csv", None),
        ("text/tab-separated-values", "text/tab-separated-values", ox.QueryResultsFormat.TSV),
        ("application/sparql-results+xml", "application/sparql-results+xml", ox.QueryResultsFormat.XML),
        (
            "text/html;q=0.9, application/sparql-results+json;q=0.8",
            "application/sparql-results+json",
            ox.QueryResultsFormat.JSON,
        ),
        ("*/*", "application/sparql-results+json", ox.QueryResultsFormat.JSON),
    ],
)
def test_content_negotiation(
    server: SparqlServer, accept: str, media: str, parser: ox.QueryResultsFormat | None
) -> None:
    q = "SELECT ?e ?name WHERE { ?e a kg:Person ; rdfs:label ?name }"
    status, headers, body = call(server, q, accept=accept)
    assert status == 200 and headers["Content-Type"].split(";")[0] == media
    if parser is not None:
        assert len(list(ox.parse_query_results(body, format=parser))) == 3  # type: ignore[arg-type]
    else:
        assert body.decode().count("\r\n") == 4


def test_construct_as_turtle_and_ntriples(server: SparqlServer) -> None:
    q = "CONSTRUCT { ?e rdfs:label ?n } WHERE { ?e a kg:Person ; rdfs:label ?n }"
    status, headers, body = call(server, q, accept="text/turtle")
    assert status == 200 and headers["Content-Type"].startswith("text/turtle")
    assert len(list(ox.parse(body, format=ox.RdfFormat.TURTLE))) == 3
    status, headers, body = call(server, q, accept="application/n-triples")
    assert len(list(ox.parse(body, format=ox.RdfFormat.N_TRIPLES))) == 3
    status, _, _ = call(server, q, accept="text/csv")
    assert status == 406


def test_ask(server: SparqlServer) -> None:
    status, _, body = call(server, "ASK { ?s a kg:Article }")
    assert status == 200 and json.loads(body) == {"head": {}, "boolean": True}


def test_post_query_and_form(server: SparqlServer, quads: list[ox.Quad]) -> None:
    status, _, body = call(server, method="POST", data=COUNT.encode(), content_type="application/sparql-query")
    assert status == 200 and str(len(quads)) in body.decode()
    form = urllib.parse.urlencode({"query": COUNT}).encode()
    status, _, body = call(server, method="POST", data=form, content_type="application/x-www-form-urlencoded")
    assert status == 200 and str(len(quads)) in body.decode()


def test_default_graph_uri_restricts_the_dataset(server: SparqlServer, quads: list[ox.Quad]) -> None:
    a1 = "https://w3id.org/kg-news/id/article/a1"
    status, _, body = call(server, COUNT, extra={"default-graph-uri": a1})
    assert status == 200
    n = int(json.loads(body)["results"]["bindings"][0]["n"]["value"])
    assert n == sum(q.graph_name == ox.NamedNode(a1) for q in quads)


MALICIOUS = [
    "INSERT DATA { <http://evil/s> <http://evil/p> <http://evil/o> }",
    "PREFIX x: <http://evil/>\nDELETE WHERE { ?s ?p ?o }",
    "DROP ALL",
    "CLEAR DEFAULT",
    "LOAD <http://evil/data.ttl>",
    "CREATE GRAPH <http://evil/g>",
    "# comment\nDELETE DATA { <http://a> <http://b> <http://c> }",
    "SELECT * {} ; DROP ALL",
]


@pytest.mark.parametrize("update", MALICIOUS)
def test_updates_are_refused_and_change_nothing(server: SparqlServer, quads: list[ox.Quad], update: str) -> None:
    attempts = [
        call(server, update),
        call(server, extra={"update": update}),
        call(server, method="POST", data=update.encode(), content_type="application/sparql-update"),
        call(
            server,
            method="POST",
            data=urllib.parse.urlencode({"update": update}).encode(),
            content_type="application/x-www-form-urlencoded",
        ),
        call(server, method="POST", data=update.encode(), content_type="application/sparql-query"),
    ]
    assert all(status in (400, 403) for status, _, _ in attempts), [a[0] for a in attempts]
    assert count(server) == len(quads)
    status, _, body = call(server, "ASK { GRAPH ?g { ?s ?p ?o } FILTER(STRSTARTS(STR(?s), 'http://evil')) }")
    assert json.loads(body)["boolean"] is False


def test_other_methods_are_refused(server: SparqlServer) -> None:
    assert call(server, method="PUT", data=b"<a> <b> <c> .", content_type="text/turtle")[0] == 405
    assert call(server, method="DELETE")[0] == 405


def test_result_size_limit(server: SparqlServer) -> None:
    status, headers, body = call(server, "SELECT * WHERE { ?s ?p ?o }")
    assert status == 200 and headers.get("Kg-Truncated") == "true"
    assert len(json.loads(body)["results"]["bindings"]) == 50


def test_slow_query_times_out_and_the_server_goes_on(server: SparqlServer, quads: list[ox.Quad]) -> None:
    start = time.monotonic()
    status, _, body = call(server, SLOW)
    took = time.monotonic() - start
    assert status == 503 and b"K410" in body
    assert 1.5 < took < 6
    assert count(server) == len(quads)  # a fresh worker answers
    assert call(server, SLOW)[0] == 503  # and again


def test_syntax_error_is_400(server: SparqlServer) -> None:
    status, _, body = call(server, "SELECT ?x WHERE {")
    assert status == 400 and b"K400" in body and b"line 1" in body


def test_big_body_is_413(server: SparqlServer) -> None:
    assert call(server, method="POST", data=b"#" * (2 << 20), content_type="application/sparql-query")[0] == 413


def test_negotiate() -> None:
    assert negotiate("", "select") == ("application/sparql-results+json", "json")
    assert negotiate("text/csv;q=0.5, text/tab-separated-values", "select") == (
        "text/tab-separated-values",
        "tsv",
    )
    assert negotiate("application/xml;q=0", "select") is None
    assert negotiate("text/*", "graph") == ("text/turtle", "ttl")
    assert negotiate("image/png", "graph") is None


def test_no_store_is_k402(tmp_path: Path) -> None:
    with pytest.raises(QueryError) as info:
        make_server(tmp_path / "nothing", port=0)
    assert info.value.code == "K402"


def test_kg_serve_command(store_dir: Path, quads: list[ox.Quad]) -> None:
    """The real command in its own process: prints its URL, answers, stops on Ctrl-C."""
    process = subprocess.Popen(
        [
            sys.executable,
            "-c",
            "from kg.cli import app; app()",
            "serve",
            "--store",
            str(store_dir),
            "--port",
            "0",
        ],
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
        env=dict(os.environ, PYTHONUNBUFFERED="1"),
    )
    try:
        assert process.stdout is not None
        line = process.stdout.readline()
        assert line.startswith("serving http://127.0.0.1:"), line
        url = line.split()[1]
        with urllib.request.urlopen(url + "?" + urllib.parse.urlencode({"query": COUNT}), timeout=30) as r:
            assert str(len(quads)) in r.read().decode()
        process.send_signal(signal.SIGINT)
        assert process.wait(10) == 0
        assert "stopped" in process.stdout.read()
    finally:
        if process.poll() is None:
            process.kill()
            process.wait()
