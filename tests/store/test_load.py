"""``load`` into a real Oxigraph server (the ``oxigraph`` package): the count there equals what was sent."""

from __future__ import annotations

import threading
from collections.abc import Callable, Iterator
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path

import pyoxigraph as ox
import pytest

from kg.errors import QueryError
from kg.graph.io import FORMATS, write_graph
from kg.graph.load import auth_header, batches, gsp_url, load, plan, public_url

ALL = "SELECT (COUNT(*) AS ?n) { ?s ?p ?o }"  # Oxigraph's default graph only (no union)
NAMED = "SELECT (COUNT(*) AS ?n) { GRAPH ?g { ?s ?p ?o } }"
GRAPHS = "SELECT (COUNT(DISTINCT ?g) AS ?n) { GRAPH ?g { ?s ?p ?o } }"
Count = Callable[[str, str], int]


def split(quads: list[ox.Quad]) -> tuple[int, int]:
    default = sum(isinstance(q.graph_name, ox.DefaultGraph) for q in quads)
    return default, len(quads) - default


@pytest.mark.server
@pytest.mark.parametrize("update", [False, True], ids=["gsp", "update"])
def test_dataset_loads_each_graph_into_its_graph(
    oxigraph: str, sparql_count: Count, quads: list[ox.Quad], update: bool
) -> None:
    endpoint = f"{oxigraph}/update" if update else f"{oxigraph}/store"
    report = load(quads, endpoint, update=update, batch_triples=10)
    default, named = split(quads)
    assert report.triples == len(quads) and report.requests > len(report.graphs)  # batched
    assert sparql_count(oxigraph, ALL) == default
    assert sparql_count(oxigraph, NAMED) == named
    assert sparql_count(oxigraph, GRAPHS) == 3


@pytest.mark.server
@pytest.mark.parametrize("update", [False, True], ids=["gsp", "update"])
def test_replace_replaces_and_add_adds(oxigraph: str, sparql_count: Count, quads: list[ox.Quad], update: bool) -> None:
    endpoint = f"{oxigraph}/update" if update else f"{oxigraph}/store"
    g = "https://example.org/graph/news"
    one = f"SELECT (COUNT(*) AS ?n) {{ GRAPH <{g}> {{ ?s ?p ?o }} }}"
    unique = len({(q.subject, q.predicate, q.object) for q in quads})
    load(quads[:20], endpoint, graph_iri=g, update=update)
    load(quads[20:40], endpoint, graph_iri=g, update=update)  # adds
    assert sparql_count(oxigraph, one) == 40
    report = load(quads, endpoint, graph_iri=g, replace=True, update=update, batch_triples=7)
    assert report.graphs == ((g, unique),)
    assert sparql_count(oxigraph, one) == unique  # replaced, not added
    load(quads[:5], endpoint, graph_iri=g, replace=True, update=update)
    assert sparql_count(oxigraph, one) == 5


@pytest.mark.server
def test_turtle_file_loads_into_the_default_graph(
    oxigraph: str, sparql_count: Count, quads: list[ox.Quad], tmp_path: Path
) -> None:
    write_graph(quads, tmp_path / "graph.ttl", FORMATS["ttl"])
    report = load(tmp_path / "graph.ttl", f"{oxigraph}/store", replace=True, body="nt")
    assert sparql_count(oxigraph, ALL) == report.triples == len(quads)
    assert sparql_count(oxigraph, NAMED) == 0


@pytest.mark.server
def test_nasty_values_arrive_intact(oxigraph: str, sparql_count: Count, nasty: str) -> None:
    values = [nasty, "}}} ; DROP ALL ; {", "\\", "'''\"\"\"", "a\r\nb", "\x00"]
    quads = [
        ox.Quad(ox.NamedNode(f"http://e/{i}"), ox.NamedNode("http://e/p"), ox.Literal(v)) for i, v in enumerate(values)
    ]
    load(quads, f"{oxigraph}/update", update=True)
    load(quads, f"{oxigraph}/store", graph_iri="http://e/g")
    assert sparql_count(oxigraph, ALL) == len(values)
    assert sparql_count(oxigraph, NAMED) == len(values)
    for v in values:
        found = f"SELECT (COUNT(*) AS ?n) {{ ?s ?p {ox.Literal(v)} }}"
        assert sparql_count(oxigraph, found) == 1


@pytest.mark.server
def test_failing_endpoint_is_k403_with_the_status(oxigraph: str, quads: list[ox.Quad]) -> None:
    with pytest.raises(QueryError) as info:
        load(quads, f"{oxigraph}/nowhere")
    assert info.value.code == "K403" and info.value.fields["status"] == 404
    assert f"{oxigraph}/nowhere" in str(info.value) and "HTTP 404" in str(info.value)


def test_unreachable_endpoint_is_k404(quads: list[ox.Quad], port: int) -> None:
    with pytest.raises(QueryError) as info:
        load(quads, f"http://127.0.0.1:{port}/store", retries=1)
    assert info.value.code == "K404" and f"127.0.0.1:{port}" in str(info.value)


# --- a stub server: what exactly is sent, retries, credentials ---


class Stub(BaseHTTPRequestHandler):
    statuses: list[int] = []
    seen: list[tuple[str, str, dict[str, str], bytes]] = []

    def _any(self) -> None:
        body = self.rfile.read(int(self.headers.get("Content-Length", 0)))
        type(self).seen.append((self.command, self.path, dict(self.headers), body))
        status = type(self).statuses.pop(0) if type(self).statuses else 204
        self.send_response(status)
        if status == 503:
            self.send_header("Retry-After", "0")
        self.send_header("Content-Length", "18")
        self.end_headers()
        self.wfile.write(b"secret-free reason")

    do_POST = do_PUT = _any  # noqa: N815

    def log_message(self, *args: object) -> None:
        pass


@pytest.fixture()
def stub() -> Iterator[tuple[str, type[Stub]]]:
    handler = type("StubHandler", (Stub,), {"statuses": [], "seen": []})
    server = ThreadingHTTPServer(("127.0.0.1", 0), handler)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    yield f"http://127.0.0.1:{server.server_address[1]}/store", handler
    server.shutdown()
    server.server_close()


def test_transient_failures_are_retried(stub: tuple[str, type[Stub]], quads: list[ox.Quad]) -> None:
    url, handler = stub
    handler.statuses = [503, 502, 204]
    report = load(quads[:3], url, graph_iri="http://e/g", retries=3)
    assert report.retries == 2 and report.requests == 3 and len(handler.seen) == 3


def test_retries_are_bounded(stub: tuple[str, type[Stub]], quads: list[ox.Quad]) -> None:
    url, handler = stub
    handler.statuses = [503] * 10
    with pytest.raises(QueryError) as info:
        load(quads[:3], url, graph_iri="http://e/g", retries=2)
    assert info.value.code == "K403" and info.value.fields["status"] == 503
    assert len(handler.seen) == 3


def test_gsp_requests_put_then_post(stub: tuple[str, type[Stub]], quads: list[ox.Quad]) -> None:
    url, handler = stub
    load(quads, url, replace=True, batch_triples=50)
    methods = [(m, p.split("?", 1)[1]) for m, p, _, _ in handler.seen]
    assert methods[0] == ("PUT", "default")
    graphs = [p for m, p in methods if m == "PUT"]
    assert len(graphs) == 4 and all(p.startswith("graph=https%3A%2F%2F") for p in graphs[1:])
    assert all(h["Content-Type"].startswith("text/turtle") for _, _, h, _ in handler.seen)


def test_credentials_come_from_the_environment_and_are_never_shown(
    stub: tuple[str, type[Stub]], quads: list[ox.Quad]
) -> None:
    url, handler = stub
    load(quads[:2], url, env={"KG_ENDPOINT_USER": "ann", "KG_ENDPOINT_PASSWORD": "s3cret"})
    assert handler.seen[-1][2]["Authorization"] == auth_header(
        {"KG_ENDPOINT_USER": "ann", "KG_ENDPOINT_PASSWORD": "s3cret"}
    )
    load(quads[:2], url, env={"KG_ENDPOINT_TOKEN": "tok3n"})
    assert handler.seen[-1][2]["Authorization"] == "Bearer tok3n"
    handler.statuses = [401]
    with pytest.raises(QueryError) as info:
        load(quads[:2], url.replace("http://", "http://ann:s3cret@"), env={"KG_ENDPOINT_TOKEN": "tok3n"})
    message = str(info.value)
    assert "HTTP 401" in message and "s3cret" not in message and "tok3n" not in message and "ann" not in message


def test_helpers() -> None:
    assert public_url("https://u:p@host:8080/x?y") == "https://host:8080/x?y"
    g = ox.NamedNode("https://e.org/a b".replace(" ", "%20"))
    assert gsp_url("http://h/ds/data", g) == "http://h/ds/data?graph=https%3A%2F%2Fe.org%2Fa%2520b"
    assert gsp_url("http://h/gsp?repo=1", ox.DefaultGraph()) == "http://h/gsp?repo=1&default"
    assert auth_header({}) is None
    b = ox.BlankNode()
    triples = plan(
        [ox.Quad(ox.NamedNode(f"http://e/{i}"), ox.NamedNode("http://e/p"), b) for i in range(5)]
        + [ox.Quad(ox.NamedNode(f"http://e/x{i}"), ox.NamedNode("http://e/p"), ox.Literal("v")) for i in range(5)]
    )
    first, *rest = list(batches(triples[ox.DefaultGraph()], 2))
    assert len(first) == 5 and all(isinstance(t.object, ox.BlankNode) for t in first)  # blank nodes stay together
    assert [len(x) for x in rest] == [2, 2, 1]
    with pytest.raises(QueryError) as info:
        plan([], "not an iri")
    assert info.value.code == "K411"
