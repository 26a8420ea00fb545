"""``kg serve`` cannot be turned against its user: no connection to anywhere (SERVICE), no requests from other
web origins or for other hosts, deadlines and caps on connections, a memory limit per query, keep-alive as fast as
new connections (test_serve_fair.py: cheap queries answered while expensive ones run). Real HTTP, and a listener
on 127.0.0.1 that must never be contacted."""

from __future__ import annotations

import http.client
import json
import socket
import subprocess
import sys
import threading
import time
import urllib.parse
from collections.abc import Iterator
from pathlib import Path

import pyoxigraph as ox
import pytest

from kg.guard import Gate, opens_connection
from kg.serve import SparqlServer, make_server

pytestmark = pytest.mark.server

COUNT = "SELECT (COUNT(*) AS ?n) WHERE { ?s ?p ?o }"
SLOW = "SELECT (COUNT(*) AS ?n) WHERE { ?a ?b ?c . ?d ?e ?f . ?g ?h ?i . ?j ?k ?l . ?m ?o ?p }"


class Trap:
    """A TCP listener on 127.0.0.1 that records every connection made to it."""

    def __init__(self) -> None:
        self.sock = socket.socket()
        self.sock.bind(("127.0.0.1", 0))
        self.sock.listen(16)
        self.sock.settimeout(0.1)
        self.port = int(self.sock.getsockname()[1])
        self.contacts = 0
        self._stop = threading.Event()
        self._thread = threading.Thread(target=self._run, daemon=True)
        self._thread.start()

    def _run(self) -> None:
        while not self._stop.is_set():
            try:
                conn, _ = self.sock.accept()
            except OSError:
                continue
            self.contacts += 1
            conn.close()

    def close(self) -> None:
        self._stop.set()
        self._thread.join(5)
        self.sock.close()


@pytest.fixture()
def trap() -> Iterator[Trap]:
    t = Trap()
    yield t
    t.close()


def running(store: Path, **options: object) -> SparqlServer:
    srv = make_server(store, port=0, **options)  # type: ignore[arg-type]
    threading.Thread(target=srv.serve_forever, daemon=True).start()
    return srv


def stop(srv: SparqlServer) -> None:
    srv.shutdown()
    srv.server_close()


@pytest.fixture(scope="module")
def server(store_dir: Path) -> Iterator[SparqlServer]:
    srv = running(store_dir, timeout=5, cors=["http://app.example:8000"])
    yield srv
    stop(srv)


def request(
    srv: SparqlServer,
    query: str | None = COUNT,
    *,
    method: str = "GET",
    headers: dict[str, str] | None = None,
    body: bytes | None = None,
    source: str = "127.0.0.1",
) -> tuple[int, dict[str, str], bytes]:
    """A request with exactly the headers given (and Host, unless given), over a fresh connection from the
    address ``source`` (any of 127.0.0.0/8: each is another client)."""
    port = srv.server_address[1]
    conn = http.client.HTTPConnection("127.0.0.1", port, timeout=60, source_address=(source, 0))
    path = "/sparql" + ("?" + urllib.parse.urlencode({"query": query}) if query is not None else "")
    sent = dict(headers or {})
    conn.putrequest(method, path, skip_host="Host" in sent, skip_accept_encoding=True)
    for name, value in sent.items():
        conn.putheader(name, value)
    if body is not None:
        conn.putheader("Content-Length", str(len(body)))
    conn.endheaders(body)
    response = conn.getresponse()
    data = response.read()
    conn.close()
    return response.status, {k.lower(): v for k, v in response.getheaders()}, data


SERVICES = [
    "SELECT * WHERE { SERVICE <http://127.0.0.1:{port}/x> { ?s ?p ?o } }",
    "select * where { service silent <http://127.0.0.1:{port}/x> { ?s ?p ?o } }",
    "SELECT * WHERE { \\u0053ERVICE <http://127.0.0.1:{port}/x> { ?s ?p ?o } }",
    "SELECT * WHERE { ?s ?p ?o } # comment\n; SELECT * { SERVICE <http://127.0.0.1:{port}/x> {} }",
    "SELECT * WHERE { BIND(<http://127.0.0.1:{port}/x> AS ?u) SERVICE ?u { ?s ?p ?o } }",
    "PREFIX x: <http://a#>\nSELECT * WHERE { ?s x:p ?o . SERVICE <http://127.0.0.1:{port}/x> { ?s ?p ?o } }",
]


@pytest.mark.parametrize("query", SERVICES)
def test_service_is_refused_and_nothing_is_contacted(server: SparqlServer, trap: Trap, query: str) -> None:
    text = query.replace("{port}", str(trap.port))
    status, _, body = request(server, text)
    assert status == 403 and b"K420" in body
    status, _, body = request(
        server, None, method="POST", headers={"Content-Type": "application/sparql-query"}, body=text.encode()
    )
    assert status == 403 and b"K420" in body
    time.sleep(0.2)
    assert trap.contacts == 0


def test_the_word_service_elsewhere_is_not_refused(server: SparqlServer) -> None:
    for query in (
        'SELECT ?service WHERE { BIND("SERVICE <http://x/> {}" AS ?service) }',
        "SELECT * WHERE { <http://example.org/SERVICE> ?p ?o }",
        "PREFIX service: <http://example.org/>\nSELECT * WHERE { ?s service:SERVICE ?o }",
        "SELECT * WHERE { ?s ?p ?o } # no SERVICE here",
    ):
        assert not opens_connection(query), query
        assert request(server, query)[0] == 200, query


def test_a_worker_has_no_network(trap: Trap) -> None:
    """Even a query the server failed to refuse cannot reach anything: the worker's process has no network."""
    code = (
        "import socket, sys\n"
        "from kg.querypool import _offline\n"
        "assert _offline()\n"
        "s = socket.socket()\n"
        "try:\n"
        f"    s.connect(('127.0.0.1', {trap.port})); print('connected')\n"
        "except OSError as e:\n"
        "    print('refused', e.errno)\n"
    )
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, timeout=60, check=True)
    assert out.stdout.startswith("refused"), out
    time.sleep(0.2)
    assert trap.contacts == 0


def test_other_hosts_are_refused(server: SparqlServer) -> None:
    port = server.server_address[1]
    for host in ("evil.example", f"evil.example:{port}", f"127.0.0.1:{port + 1}", "", f"x@127.0.0.1:{port}"):
        status, _, body = request(server, headers={"Host": host})
        assert status == 403 and b"K423" in body, host
    for host in (f"127.0.0.1:{port}", f"localhost:{port}", f"[::1]:{port}"):
        assert request(server, headers={"Host": host})[0] == 200, host


def test_other_origins_are_refused(server: SparqlServer) -> None:
    port = server.server_address[1]
    refused = [
        {"Origin": "http://evil.example"},
        {"Origin": "null"},
        {"Origin": f"http://localhost:{port}"},  # another origin than the Host's (127.0.0.1)
        {"Sec-Fetch-Site": "cross-site"},  # an <img> on another site's page: no Origin at all
        {"Sec-Fetch-Site": "same-site", "Origin": "http://127.0.0.1:8000"},
    ]
    for headers in refused:
        status, response, body = request(server, headers=headers)
        assert status == 403 and b"K422" in body, headers
        assert "access-control-allow-origin" not in response
    for headers in ({}, {"Origin": f"http://127.0.0.1:{port}"}, {"Sec-Fetch-Site": "same-origin"}):
        assert request(server, headers=headers)[0] == 200, headers


def test_cors_allows_the_origin_given_and_answers_its_preflight(server: SparqlServer) -> None:
    origin = "http://app.example:8000"
    status, headers, body = request(server, headers={"Origin": origin, "Sec-Fetch-Site": "cross-site"})
    assert status == 200 and headers["access-control-allow-origin"] == origin
    assert json.loads(body)["results"]["bindings"]
    preflight = {"Origin": origin, "Access-Control-Request-Method": "POST"}
    status, headers, _ = request(server, None, method="OPTIONS", headers=preflight)
    assert status == 204 and headers["access-control-allow-origin"] == origin
    assert "POST" in headers["access-control-allow-methods"]
    status, headers, _ = request(server, None, method="OPTIONS", headers={"Origin": "http://evil.example"})
    assert status == 403 and "access-control-allow-origin" not in headers


def _closed_after(sock: socket.socket, limit: float) -> float:
    """Seconds until the server closes ``sock`` (reads and drops what it sends)."""
    start = time.monotonic()
    sock.settimeout(limit)
    try:
        while sock.recv(4096):
            pass
    except TimeoutError:
        pytest.fail(f"the server kept the connection open for more than {limit} s")
    except OSError:
        pass
    return time.monotonic() - start


def test_deadlines_close_idle_slow_and_stalled_connections(store_dir: Path) -> None:
    srv = running(store_dir, idle=0.5, header_timeout=1.0, body_timeout=1.0)
    try:
        port = srv.server_address[1]
        with socket.create_connection(("127.0.0.1", port)) as idle:  # says nothing
            assert _closed_after(idle, 10) < 5
        with socket.create_connection(("127.0.0.1", port)) as slow:  # headers one byte at a time
            start = time.monotonic()
            try:
                for byte in b"GET /sparql HTTP/1.1\r\nHost: 127.0.0.1\r\nX-Slow: " + b"a" * 100:
                    slow.send(bytes([byte]))
                    time.sleep(0.1)
            except OSError:
                pass
            assert time.monotonic() - start + _closed_after(slow, 10) < 5
        with socket.create_connection(("127.0.0.1", port)) as stalled:  # a body that never comes
            stalled.sendall(
                f"POST /sparql HTTP/1.1\r\nHost: 127.0.0.1:{port}\r\nContent-Type: application/sparql-query\r\n"
                "Content-Length: 100\r\n\r\nSELECT".encode()
            )
            assert _closed_after(stalled, 10) < 5
        with socket.create_connection(("127.0.0.1", port)) as kept:  # keep-alive, then idle
            kept.sendall(f"GET / HTTP/1.1\r\nHost: 127.0.0.1:{port}\r\n\r\n".encode())
            assert b"200 OK" in kept.recv(4096)
            assert _closed_after(kept, 10) < 5
        assert request(srv)[0] == 200  # and the server goes on
    finally:
        stop(srv)


def connect(srv: SparqlServer, source: str) -> socket.socket:
    return socket.create_connection(("127.0.0.1", srv.server_address[1]), source_address=(source, 0))


def refusal(sock: socket.socket) -> bytes:
    sock.settimeout(10)
    return sock.recv(4096)


def test_connections_are_capped(store_dir: Path) -> None:
    srv = running(store_dir, max_connections=3, idle=30)
    try:
        held = [connect(srv, f"127.0.0.{i}") for i in (2, 3, 4)]  # three clients, one connection each
        time.sleep(0.3)
        with connect(srv, "127.0.0.5") as extra:
            answer = refusal(extra)
        assert answer.startswith(b"HTTP/1.1 503") and b"K424" in answer
        for s in held:
            s.close()
        time.sleep(0.3)
        assert request(srv)[0] == 200
    finally:
        stop(srv)


def test_one_client_cannot_take_every_connection(store_dir: Path) -> None:
    """A client holding its share of the connections (a quarter) is refused more; another is still served."""
    srv = running(store_dir, max_connections=8, idle=30)
    try:
        assert srv.client_connections == 2
        held = [connect(srv, "127.0.0.2") for _ in range(2)]
        time.sleep(0.3)
        with connect(srv, "127.0.0.2") as extra:
            answer = refusal(extra)
        assert answer.startswith(b"HTTP/1.1 503") and b"K426" in answer and b"127.0.0.2" in answer
        assert request(srv, source="127.0.0.3")[0] == 200
        for s in held:
            s.close()
        time.sleep(0.3)
        assert request(srv, source="127.0.0.2")[0] == 200  # its connections closed, it is served again
    finally:
        stop(srv)


def test_a_query_over_the_memory_limit_is_stopped(store_dir: Path, quads: list[ox.Quad]) -> None:
    srv = running(store_dir, timeout=60, memory=300 << 20)
    try:
        hungry = "SELECT ?a ?b ?c WHERE { ?a ?x ?y . ?b ?z ?w . ?c ?q ?r } ORDER BY ?c ?b ?a"
        start = time.monotonic()
        status, _, body = request(srv, hungry)
        assert status == 503 and b"K421" in body and b"300 MB" in body
        assert time.monotonic() - start < 60  # stopped by memory, not by time
        status, _, body = request(srv)  # a fresh worker answers
        assert status == 200 and json.loads(body)["results"]["bindings"][0]["n"]["value"] == str(len(quads))
    finally:
        stop(srv)


def test_keep_alive_serves_many_requests_on_one_connection(server: SparqlServer) -> None:
    conn = http.client.HTTPConnection("127.0.0.1", server.server_address[1], timeout=30)
    path = "/sparql?" + urllib.parse.urlencode({"query": "ASK { ?s ?p ?o }"})
    for _ in range(50):
        conn.request("GET", path)
        response = conn.getresponse()
        assert response.status == 200 and json.loads(response.read())["boolean"] is True
    conn.close()


def test_keep_alive_is_as_fast_as_new_connections(server: SparqlServer) -> None:
    """A request on a kept-alive connection costs no more than one on a new connection (each used to wait ~40 ms
    for a delayed ACK)."""
    port = server.server_address[1]
    path = "/sparql?" + urllib.parse.urlencode({"query": "ASK { ?s ?p ?o }"})

    def timed(keep: bool, n: int = 60) -> float:
        conn = http.client.HTTPConnection("127.0.0.1", port, timeout=30)
        start = time.perf_counter()
        for _ in range(n):
            if not keep:
                conn = http.client.HTTPConnection("127.0.0.1", port, timeout=30)
            conn.request("GET", path)
            assert conn.getresponse().read()
            if not keep:
                conn.close()
        took = time.perf_counter() - start
        conn.close()
        return took / n

    timed(True, 5)  # warm up the workers
    kept, fresh = min(timed(True) for _ in range(3)), min(timed(False) for _ in range(3))
    assert kept < 0.03 and kept <= fresh * 1.5, (kept, fresh)


def test_gate() -> None:
    gate = Gate.make("127.0.0.1", 7878, ["http://a.example"])
    assert gate.host_ok("127.0.0.1:7878") and gate.host_ok("localhost:7878") and not gate.host_ok("a.example:7878")
    assert not gate.host_ok("127.0.0.1") and not gate.host_ok(None)
    assert gate.origin_ok(None, "127.0.0.1:7878") and gate.origin_ok("http://127.0.0.1:7878", "127.0.0.1:7878")
    assert not gate.origin_ok("https://127.0.0.1:7878", "127.0.0.1:7878")
    assert gate.allowed_origin("http://a.example/") == "http://a.example/" and gate.allowed_origin("http://b") is None
