"""``kg serve``: a read-only SPARQL 1.1 Protocol endpoint over the store, on 127.0.0.1 by default.

Queries run in worker processes (:mod:`kg.querypool`), each holding the store open read-only, stopped at the
time limit (``timeout``) or the memory limit (``memory``); a worker keeps at most ``limit`` rows (or triples)
and the response says so in the ``Kg-Truncated: true`` header. A worker reopens the store when ``kg build`` has
swapped in a new one.

Updates are refused: a request with ``update=`` or of type ``application/sparql-update`` gets 403, and an
update sent as a query (``INSERT``, ``DELETE``, ``LOAD``, ``CLEAR``, ``DROP``, ``CREATE`` ...) does not parse
as a query and gets 403 too; in any case the workers open the store read-only. Federated ``SERVICE`` calls get
403: the endpoint serves its own store and never opens a connection. Requests from other web origins (see
:mod:`kg.guard`) get 403 unless ``cors`` allows the origin, which then also gets answers to preflight
``OPTIONS``. Results are negotiated from the Accept header: SPARQL JSON, XML, CSV and TSV for SELECT and ASK;
Turtle, N-Triples and JSON-LD for CONSTRUCT and DESCRIBE.

Each connection has a deadline for each phase: ``idle`` seconds to start a request (then it is closed),
``header_timeout`` to send the request line and headers, ``body_timeout`` to send the body (and to read the
answer); at most ``max_connections`` are open at once, and at most ``client_connections`` from one address
(a quarter of them by default), more get 503 and are closed. Queries are admitted fairly over clients (their
addresses): each has its own queue and at most ``per_client`` workers (:mod:`kg.admission`).
"""

from __future__ import annotations

import os
import socket
import threading
import time
from collections.abc import Callable, Iterable
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from typing import Any
from urllib.parse import parse_qs, urlsplit

from kg.errors import Errors, QueryError
from kg.guard import Gate, cross_site, opens_connection
from kg.querypool import Job, Pool, Reply, answer, negotiate, text

MAX_BODY = 1 << 20  # bytes of a POSTed query
PATHS = ("/sparql", "/query")
PREFLIGHT_MAX_AGE = "600"


class Handler(BaseHTTPRequestHandler):
    server: SparqlServer
    server_version = "kg-serve"
    protocol_version = "HTTP/1.1"
    disable_nagle_algorithm = True  # else each keep-alive response waits ~40 ms for a delayed ACK

    def setup(self) -> None:
        super().setup()
        self.connection.settimeout(self.server.idle)

    def handle_one_request(self) -> None:
        """Wait ``idle`` seconds at most for a request to start, then give it ``header_timeout`` seconds."""
        try:
            if not self.rfile.peek(1):  # type: ignore[attr-defined]  # a BufferedReader
                self.close_connection = True
                return
        except OSError:  # idle too long, or reset
            self.close_connection = True
            return
        self.connection.settimeout(self.server.header_timeout)
        self.server.watch(self.connection, self.server.header_timeout)
        try:
            super().handle_one_request()
        finally:
            self.server.unwatch(self.connection)
            self.connection.settimeout(self.server.idle)

    def parse_request(self) -> bool:
        if not super().parse_request():
            return False
        self.server.watch(self.connection, self.server.body_timeout)  # the headers are in: now the body
        self.connection.settimeout(self.server.body_timeout)
        return True

    def do_GET(self) -> None:  # noqa: N802 - http.server's naming
        if not self._admit():
            return
        url = urlsplit(self.path)
        params = parse_qs(url.query, keep_blank_values=True)
        if url.path == "/" and "query" not in params:  # a browser: the query page (kg/sparql_page)
            from kg.sparql_page import query_page

            self._send(Reply(200, "text/html; charset=utf-8", query_page()))
            return
        self._query(url.path, params)

    def do_POST(self) -> None:  # noqa: N802
        if not self._admit():
            return
        url = urlsplit(self.path)
        params = parse_qs(url.query, keep_blank_values=True)
        media = self.headers.get("Content-Type", "").split(";")[0].strip().lower()
        length = self.headers.get("Content-Length")
        if length is None or not length.strip().isdigit():
            self._send(text(411, "A POST needs a Content-Length."), close=True)
            return
        if int(length) > MAX_BODY:
            left = min(int(length), 16 * MAX_BODY)  # read (some of) it, so that the client gets the answer
            while left > 0 and (chunk := self.rfile.read(min(left, 1 << 16))):
                left -= len(chunk)
            self._send(text(413, f"The request body is larger than {MAX_BODY} bytes."), close=True)
            return
        body = self.rfile.read(int(length)).decode("utf-8", "replace")
        if media == "application/sparql-update":
            self._send(text(403, "This endpoint is read-only: SPARQL updates are refused."))
            return
        if media == "application/sparql-query":
            params["query"] = [body]
        elif media == "application/x-www-form-urlencoded":
            for key, values in parse_qs(body, keep_blank_values=True).items():
                params.setdefault(key, []).extend(values)
        else:
            self._send(text(415, "POST application/sparql-query or application/x-www-form-urlencoded."))
            return
        self._query(url.path, params)

    def do_OPTIONS(self) -> None:  # noqa: N802
        """A CORS preflight: answered for an origin allowed with ``--cors``, refused for any other."""
        if not self._admit():
            return
        allowed = self.server.gate.allowed_origin(self.headers.get("Origin"))
        if allowed is None:
            self._send(text(403, "Preflight requests are answered only for origins allowed with --cors."))
            return
        self._send(
            Reply(204, "text/plain; charset=utf-8", b""),
            extra=(
                ("Access-Control-Allow-Methods", "GET, POST, OPTIONS"),
                ("Access-Control-Allow-Headers", "Accept, Content-Type"),
                ("Access-Control-Max-Age", PREFLIGHT_MAX_AGE),
            ),
        )

    def _refuse(self) -> None:
        self._send(Reply(405, "text/plain; charset=utf-8", b"This endpoint is read-only: use GET or POST.\n"))

    do_PUT = do_DELETE = do_PATCH = _refuse  # noqa: N815

    def _admit(self) -> bool:
        """Refuse (403) a request for another Host, or from another web origin not allowed with ``--cors``."""
        gate = self.server.gate
        host, origin = self.headers.get("Host"), self.headers.get("Origin")
        if not gate.host_ok(host):
            shown = repr(host) if host is not None else "(none)"
            self._send(text(403, str(QueryError(Errors.K423, host=shown, url=self.server.url))), close=True)
            return False
        if gate.allowed_origin(origin) is not None:
            return True
        if not gate.origin_ok(origin, host) or cross_site(self.headers.get("Sec-Fetch-Site")):
            shown = origin if origin is not None else "of another site"
            self._send(text(403, str(QueryError(Errors.K422, origin=shown))), close=True)
            return False
        return True

    def _query(self, path: str, params: dict[str, list[str]]) -> None:
        self.server.unwatch(self.connection)  # the request is in; the query has its own limits
        if path not in (*PATHS, "/"):
            self._send(text(404, f"Not found. The endpoint is {self.server.url}"))
        elif "update" in params:
            self._send(text(403, "This endpoint is read-only: SPARQL updates are refused."))
        elif len(params.get("query", [])) != 1:
            self._send(text(400, "Pass exactly one 'query' parameter."))
        elif opens_connection(params["query"][0]):
            self._send(text(403, str(QueryError(Errors.K420))))
        else:
            job = Job(
                params["query"][0],
                self.headers.get("Accept", ""),
                tuple(params.get("default-graph-uri", [])),
                tuple(params.get("named-graph-uri", [])),
            )
            self._send(self.server.pool.run(job, self.server.query_timeout, client=self.client_address[0]))

    def _send(self, reply: Reply, close: bool = False, extra: Iterable[tuple[str, str]] = ()) -> None:
        self.server.watch(self.connection, self.server.body_timeout)  # a client that does not read is dropped
        self.send_response(reply.status)
        self.send_header("Content-Type", reply.content_type)
        self.send_header("Content-Length", str(len(reply.body)))
        self.send_header("Vary", "Accept, Origin")
        allowed = self.server.gate.allowed_origin(self.headers.get("Origin")) if self.headers else None
        if allowed is not None:
            self.send_header("Access-Control-Allow-Origin", allowed)
            self.send_header("Access-Control-Expose-Headers", "Kg-Truncated")
        for name, value in extra:
            self.send_header(name, value)
        if reply.status == 405:
            self.send_header("Allow", "GET, POST")
        if reply.truncated:
            self.send_header("Kg-Truncated", "true")
        if close:
            self.send_header("Connection", "close")
            self.close_connection = True
        self.end_headers()
        if self.command != "HEAD":
            self.wfile.write(reply.body)

    def log_message(self, format: str, *args: Any) -> None:  # noqa: A002 - http.server's signature
        if self.server.log is not None:
            self.server.log(format % args)

    def log_request(self, code: int | str = "-", size: int | str = "-") -> None:
        if self.server.log is not None:  # the path only: a query string can be long
            self.server.log(f"{self.command} {urlsplit(self.path).path} {code}")


class SparqlServer(ThreadingHTTPServer):
    daemon_threads = True

    def __init__(
        self,
        store: Path,
        *,
        host: str,
        port: int,
        timeout: float,
        limit: int,
        workers: int,
        union: bool,
        log: Callable[[str], None] | None,
        memory: int | None = None,
        cors: Iterable[str] = (),
        idle: float = 15.0,
        header_timeout: float = 10.0,
        body_timeout: float = 30.0,
        max_connections: int = 64,
        client_connections: int | None = None,
        per_client: int | None = None,
    ) -> None:
        from kg.graph.store import open_store

        open_store(store)  # fails now, with K402 or K406, rather than in every query
        self.query_timeout = timeout
        self.log = log
        self.idle, self.header_timeout, self.body_timeout = idle, header_timeout, body_timeout
        self.max_connections = max_connections
        self.client_connections = max(1, client_connections or max_connections // 4)
        self._open = 0
        self._by_client: dict[str, int] = {}
        self._deadlines: dict[socket.socket, float] = {}
        self._lock = threading.Lock()
        self._stopping = threading.Event()
        self.pool = Pool(store, size=workers, limit=limit, union=union, memory=memory, per_client=per_client)
        try:
            super().__init__((host, port), Handler)
        except OSError:
            self.pool.close()
            raise
        self.gate = Gate.make(host, self.server_address[1], cors)
        self._watchdog = threading.Thread(target=self._watch_loop, name="kg-serve-deadlines", daemon=True)
        self._watchdog.start()

    @property
    def url(self) -> str:
        host, port = str(self.server_address[0]), self.server_address[1]
        host = f"[{host}]" if ":" in host else host
        return f"http://{host}:{port}/sparql"

    # --- per-connection deadlines, kept by one thread that shuts overdue sockets down ---

    def watch(self, conn: socket.socket, seconds: float) -> None:
        with self._lock:
            self._deadlines[conn] = time.monotonic() + seconds

    def unwatch(self, conn: socket.socket) -> None:
        with self._lock:
            self._deadlines.pop(conn, None)

    def _watch_loop(self) -> None:
        while not self._stopping.wait(0.1):
            now = time.monotonic()
            with self._lock:
                overdue = [c for c, t in self._deadlines.items() if t <= now]
                for c in overdue:
                    del self._deadlines[c]
            for c in overdue:
                try:
                    c.shutdown(socket.SHUT_RDWR)
                except OSError:
                    pass

    # --- the connection cap ---

    def process_request(self, request: Any, client_address: Any) -> None:
        client = str(client_address[0])
        with self._lock:
            mine = self._by_client.get(client, 0)
            refused = None
            if self._open >= self.max_connections:
                refused = QueryError(Errors.K424, limit=self.max_connections)
            elif mine >= self.client_connections:
                refused = QueryError(Errors.K426, client=client, limit=self.client_connections)
            else:
                self._open += 1
                self._by_client[client] = mine + 1
        if refused is not None:
            body = (str(refused) + "\n").encode()
            head = "HTTP/1.1 503 Service Unavailable\r\nContent-Type: text/plain; charset=utf-8\r\n"
            head += f"Content-Length: {len(body)}\r\nConnection: close\r\nRetry-After: 1\r\n\r\n"
            try:
                request.settimeout(1.0)
                request.sendall(head.encode() + body)
            except OSError:
                pass
            self.shutdown_request(request)
            return
        super().process_request(request, client_address)

    def process_request_thread(self, request: Any, client_address: Any) -> None:
        try:
            super().process_request_thread(request, client_address)
        finally:
            client = str(client_address[0])
            with self._lock:
                self._open -= 1
                left = self._by_client.get(client, 1) - 1
                if left > 0:
                    self._by_client[client] = left
                else:
                    self._by_client.pop(client, None)
                self._deadlines.pop(request, None)

    def server_close(self) -> None:
        self._stopping.set()
        super().server_close()
        self.pool.close()


def make_server(
    store: str | Path,
    *,
    host: str = "127.0.0.1",
    port: int = 7878,
    timeout: float = 10.0,
    limit: int = 10_000,
    workers: int = 2,
    union: bool = True,
    log: Callable[[str], None] | None = None,
    memory: int | None = 1 << 30,
    cors: Iterable[str] = (),
    idle: float = 15.0,
    header_timeout: float = 10.0,
    body_timeout: float = 30.0,
    max_connections: int = 64,
    client_connections: int | None = None,
    per_client: int | None = None,
) -> SparqlServer:
    """A server ready to ``serve_forever()`` (port 0 picks a free port; see ``.url``). Close it with
    ``shutdown()`` and ``server_close()``. ``memory`` is the limit of one query, in bytes (None: no limit);
    ``client_connections`` and ``per_client`` the connections and workers one client address may hold (default:
    a quarter of ``max_connections``, half of ``workers``)."""
    try:
        return SparqlServer(
            Path(os.path.abspath(store)),  # by name: after a build swapped out, the working directory is the old one
            host=host,
            port=port,
            timeout=timeout,
            limit=limit,
            workers=workers,
            union=union,
            log=log,
            memory=memory,
            cors=cors,
            idle=idle,
            header_timeout=header_timeout,
            body_timeout=body_timeout,
            max_connections=max_connections,
            client_connections=client_connections,
            per_client=per_client,
        )
    except OSError as exc:
        raise QueryError(Errors.K413, address=f"{host}:{port}", detail=exc.strerror or exc) from None


def serve(store: str | Path, **options: Any) -> None:
    """Serve until interrupted (Ctrl-C)."""
    server = make_server(store, **options)
    try:
        server.serve_forever()
    finally:
        server.server_close()


def warn_public(host: str) -> str | None:
    if host in ("127.0.0.1", "localhost", "::1"):
        return None
    return f"kg: warning: serving on {host}, reachable from other machines; the endpoint has no authentication"


__all__ = ["Job", "Reply", "SparqlServer", "answer", "make_server", "negotiate", "serve"]
