"""``kg serve``: a read-only SPARQL 1.1 Protocol endpoint over the store, on 127.0.0.1 by default.

Queries run in a small pool of worker processes, each holding the store open read-only. pyoxigraph cannot stop
a running query, and a thread cannot be killed, so the deadline is kept by the parent: it waits ``timeout``
seconds for the worker's answer and, past that, kills the worker process (which ends the query at once and
frees its memory), starts a fresh one and answers 503. A worker keeps at most ``limit`` rows (or triples) and
the response says so in the ``Kg-Truncated: true`` header. A worker reopens the store when ``kg build`` has
swapped in a new one. Workers talk to the server over their stdin and stdout pipes (POSIX: Linux, macOS).

Updates are refused: a request with ``update=`` or of type ``application/sparql-update`` gets 403, and an
update sent as a query (``INSERT``, ``DELETE``, ``LOAD``, ``CLEAR``, ``DROP``, ``CREATE`` ...) does not parse
as a query and gets 403 too; in any case the workers open the store read-only. Results are negotiated from the
Accept header: SPARQL JSON, XML, CSV and TSV for SELECT and ASK; Turtle, N-Triples and JSON-LD for CONSTRUCT
and DESCRIBE.
"""

from __future__ import annotations

import os
import queue
import re
import subprocess
import sys
import threading
import time
from collections.abc import Callable
from dataclasses import dataclass
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from multiprocessing.connection import Connection
from pathlib import Path
from typing import Any
from urllib.parse import parse_qs, urlsplit

from kg.errors import Errors, KgError, QueryError

MAX_BODY = 1 << 20  # bytes of a POSTed query
PATHS = ("/sparql", "/query")

#: media type -> kg.graph.sparql.render format, by result kind; the first is the default.
MEDIA: dict[str, dict[str, str]] = {
    "select": {
        "application/sparql-results+json": "json",
        "application/sparql-results+xml": "xml",
        "text/csv": "csv",
        "text/tab-separated-values": "tsv",
        "application/json": "json",
        "application/xml": "xml",
    },
    "graph": {
        "text/turtle": "ttl",
        "application/n-triples": "nt",
        "application/ld+json": "json",
        "text/plain": "nt",
    },
}
MEDIA["ask"] = MEDIA["select"]

_UPDATE = re.compile(
    r"^\s*(?:(?:PREFIX\s+[^\s:]*:\s*<[^>]*>|BASE\s+<[^>]*>)\s*)*(INSERT|DELETE|LOAD|CLEAR|DROP|CREATE|ADD|MOVE|COPY|WITH)\b",
    re.IGNORECASE,
)
_COMMENT = re.compile(r"^\s*#.*$", re.MULTILINE)


@dataclass(frozen=True, slots=True)
class Job:
    query: str
    accept: str
    default_graphs: tuple[str, ...] = ()
    named_graphs: tuple[str, ...] = ()


@dataclass(frozen=True, slots=True)
class Reply:
    status: int
    content_type: str
    body: bytes
    truncated: bool = False


def negotiate(accept: str, kind: str) -> tuple[str, str] | None:
    """(media type, format) for the best match of an Accept header, or None if nothing acceptable."""
    offered = MEDIA[kind]
    default = next(iter(offered.items()))
    best: tuple[tuple[float, int, int], tuple[str, str]] | None = None
    for i, item in enumerate(accept.split(",") if accept.strip() else ["*/*"]):
        media, *params = (p.strip() for p in item.split(";"))
        q = 1.0
        for p in params:
            name, _, value = p.partition("=")
            if name.strip() == "q":
                try:
                    q = float(value)
                except ValueError:
                    q = 0.0
        media = media.lower()
        if q <= 0:
            continue
        if media in offered:
            choice = (media, offered[media])
        elif media in ("*/*", "application/*", "text/*"):
            prefix = media.split("/")[0]
            match = [(m, f) for m, f in offered.items() if m.startswith(prefix + "/")]
            choice = default if prefix == "*" or not match else match[0]
            if prefix != "*" and not match:
                continue
        else:
            continue
        # prefer higher q, then an exact media type over a wildcard, then the client's order
        rank = (q, 0 if "*" in media else 1, -i)
        if best is None or rank > best[0]:
            best = (rank, choice)
    return best[1] if best else None


def answer(store: Any, job: Job, limit: int, union: bool) -> Reply:
    """Run ``job`` on ``store`` (in a worker) and write the reply."""
    import pyoxigraph as ox

    from kg.graph.sparql import render, run_query

    try:
        default = [ox.NamedNode(g) for g in job.default_graphs]
        named: list[ox.NamedNode | ox.BlankNode] = [ox.NamedNode(g) for g in job.named_graphs]
    except ValueError as exc:
        return _text(400, f"Bad default-graph-uri or named-graph-uri: {exc}")
    try:
        result = run_query(
            job.query,
            store=store,
            union=union,
            limit=limit,
            default_graph=default or None,
            named_graphs=named or None,
        )
    except QueryError as exc:
        if exc.code == "K400" and _UPDATE.match(_COMMENT.sub("", job.query)):
            return _text(403, "This endpoint is read-only: SPARQL updates are refused.")
        return _text(400, str(exc))
    chosen = negotiate(job.accept, result.kind)
    if chosen is None:
        offered = ", ".join(MEDIA[result.kind])
        return _text(406, f"No acceptable result format for a {result.kind.upper()} query. Offered: {offered}")
    media, fmt = chosen
    body = render(result, fmt).encode("utf-8")
    charset = "; charset=utf-8" if media.startswith("text/") else ""
    return Reply(200, media + charset, body, result.truncated)


def _text(status: int, message: str) -> Reply:
    return Reply(status, "text/plain; charset=utf-8", (message + "\n").encode("utf-8"))


def _work(conn_in: Connection, conn_out: Connection, path: str, limit: int, union: bool) -> None:
    """A worker's loop: answer jobs on the store, reopening it when a new one has been swapped in."""
    from kg.graph.store import open_store

    store = None
    ident: tuple[int, int] | None = None
    conn_out.send("ready")
    while True:
        try:
            job = conn_in.recv()
        except (EOFError, OSError, KeyboardInterrupt):
            return
        try:
            st = os.stat(path)
            if (st.st_dev, st.st_ino) != ident:
                store = None  # close the old one first
                store = open_store(path)
                ident = (st.st_dev, st.st_ino)
            reply = answer(store, job, limit, union)
        except KgError as exc:
            reply = _text(500, str(exc))
        except OSError as exc:
            reply = _text(500, f"Cannot read the store: {exc}")
        conn_out.send(reply)


def _child() -> None:
    """Entry point of a worker process: jobs come on stdin, replies go out on the original stdout."""
    out = os.dup(1)
    os.dup2(2, 1)  # anything printed goes to stderr, not into the replies
    path, limit, union = sys.argv[1], int(sys.argv[2]), sys.argv[3] == "1"
    _work(Connection(0, writable=False), Connection(out, readable=False), path, limit, union)


class Worker:
    """A worker process started with ``python -c`` (not multiprocessing: spawn would re-run the caller's main
    script, and fork is unsafe in a threaded server), talking over its stdin and stdout pipes."""

    STARTUP = 60.0  # seconds a new worker may take to import and say it is ready

    def __init__(self, path: Path, limit: int, union: bool) -> None:
        env = dict(os.environ)
        root = str(Path(__file__).resolve().parents[1])  # the folder holding the kg package
        env["PYTHONPATH"] = os.pathsep.join(p for p in (root, env.get("PYTHONPATH")) if p)
        self.process = subprocess.Popen(
            [
                sys.executable,
                "-c",
                "from kg.serve import _child; _child()",
                str(path),
                str(limit),
                str(int(union)),
            ],
            stdin=subprocess.PIPE,
            stdout=subprocess.PIPE,
            env=env,
        )
        assert self.process.stdin is not None and self.process.stdout is not None
        self.send = Connection(os.dup(self.process.stdin.fileno()), readable=False)
        self.recv = Connection(os.dup(self.process.stdout.fileno()), writable=False)
        self.process.stdin.close()
        self.process.stdout.close()
        self.ready = False

    def ask(self, job: Job, timeout: float) -> Reply | None:
        """The reply, or None when the deadline passed (the worker is then useless: kill it)."""
        if not self.ready:
            if not self.recv.poll(self.STARTUP) or self.recv.recv() != "ready":
                raise EOFError("the worker did not start")
            self.ready = True
        self.send.send(job)
        if not self.recv.poll(timeout):
            return None
        reply: Reply = self.recv.recv()
        return reply

    def kill(self) -> None:
        self.process.kill()
        self.process.wait(5)
        self.send.close()
        self.recv.close()


class Pool:
    """Worker processes, each used by one request at a time; a worker past its deadline is replaced."""

    def __init__(self, path: Path, *, size: int, limit: int, union: bool) -> None:
        self._args = (path, limit, union)
        self._idle: queue.Queue[Worker] = queue.Queue()
        self._all: list[Worker] = []
        self._lock = threading.Lock()
        for _ in range(max(size, 1)):
            self._idle.put(self._start())

    def _start(self) -> Worker:
        w = Worker(*self._args)
        with self._lock:
            self._all.append(w)
        return w

    def run(self, job: Job, timeout: float) -> Reply:
        start = time.monotonic()
        try:
            worker = self._idle.get(timeout=timeout)
        except queue.Empty:
            return _text(503, "All query workers are busy; try again.")
        left = max(timeout - (time.monotonic() - start), 0.001)
        try:
            reply = worker.ask(job, left)
        except (EOFError, OSError, BrokenPipeError):
            reply = _text(500, "The query worker died.")
            self._replace(worker)
            return reply
        if reply is None:
            self._replace(worker)
            return _text(503, str(QueryError(Errors.K410, seconds=f"{timeout:g}")))
        self._idle.put(worker)
        return reply

    def _replace(self, worker: Worker) -> None:
        worker.kill()
        with self._lock:
            self._all.remove(worker)
        self._idle.put(self._start())

    def close(self) -> None:
        with self._lock:
            workers = list(self._all)
            self._all.clear()
        for w in workers:
            w.kill()


class Handler(BaseHTTPRequestHandler):
    server: SparqlServer
    server_version = "kg-serve"
    protocol_version = "HTTP/1.1"

    def do_GET(self) -> None:  # noqa: N802 - http.server's naming
        url = urlsplit(self.path)
        params = parse_qs(url.query, keep_blank_values=True)
        if url.path == "/" and "query" not in params:  # a browser: the query page (kg/sparql_page)
            from kg.sparql_page import query_page

            self._send(Reply(200, "text/html; charset=utf-8", query_page()))
            return
        self._query(url.path, params)

    def do_POST(self) -> None:  # noqa: N802
        url = urlsplit(self.path)
        params = parse_qs(url.query, keep_blank_values=True)
        media = self.headers.get("Content-Type", "").split(";")[0].strip().lower()
        length = self.headers.get("Content-Length")
        if length is None or not length.strip().isdigit():
            self._send(_text(411, "A POST needs a Content-Length."))
            return
        if int(length) > MAX_BODY:
            left = min(int(length), 16 * MAX_BODY)  # read (some of) it, so that the client gets the answer
            while left > 0 and (chunk := self.rfile.read(min(left, 1 << 16))):
                left -= len(chunk)
            self._send(_text(413, f"The request body is larger than {MAX_BODY} bytes."), close=True)
            return
        body = self.rfile.read(int(length)).decode("utf-8", "replace")
        if media == "application/sparql-update":
            self._send(_text(403, "This endpoint is read-only: SPARQL updates are refused."))
            return
        if media == "application/sparql-query":
            params["query"] = [body]
        elif media == "application/x-www-form-urlencoded":
            for key, values in parse_qs(body, keep_blank_values=True).items():
                params.setdefault(key, []).extend(values)
        else:
            self._send(_text(415, "POST application/sparql-query or application/x-www-form-urlencoded."))
            return
        self._query(url.path, params)

    def _refuse(self) -> None:
        self._send(Reply(405, "text/plain; charset=utf-8", b"This endpoint is read-only: use GET or POST.\n"))

    do_PUT = do_DELETE = do_PATCH = _refuse  # noqa: N815

    def _query(self, path: str, params: dict[str, list[str]]) -> None:
        if path not in (*PATHS, "/"):
            self._send(_text(404, f"Not found. The endpoint is {self.server.url}"))
        elif "update" in params:
            self._send(_text(403, "This endpoint is read-only: SPARQL updates are refused."))
        elif len(params.get("query", [])) != 1:
            self._send(_text(400, "Pass exactly one 'query' parameter."))
        else:
            job = Job(
                params["query"][0],
                self.headers.get("Accept", ""),
                tuple(params.get("default-graph-uri", [])),
                tuple(params.get("named-graph-uri", [])),
            )
            self._send(self.server.pool.run(job, self.server.query_timeout))

    def _send(self, reply: Reply, close: bool = False) -> None:
        self.send_response(reply.status)
        self.send_header("Content-Type", reply.content_type)
        self.send_header("Content-Length", str(len(reply.body)))
        self.send_header("Vary", "Accept")
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
    ) -> None:
        from kg.graph.store import open_store

        open_store(store)  # fails now, with K402 or K406, rather than in every query
        self.query_timeout = timeout
        self.log = log
        self.pool = Pool(store, size=workers, limit=limit, union=union)
        try:
            super().__init__((host, port), Handler)
        except OSError:
            self.pool.close()
            raise

    @property
    def url(self) -> str:
        host, port = str(self.server_address[0]), self.server_address[1]
        host = f"[{host}]" if ":" in host else host
        return f"http://{host}:{port}/sparql"

    def server_close(self) -> None:
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
) -> SparqlServer:
    """A server ready to ``serve_forever()`` (port 0 picks a free port; see ``.url``). Close it with
    ``shutdown()`` and ``server_close()``."""
    try:
        return SparqlServer(
            Path(store),
            host=host,
            port=port,
            timeout=timeout,
            limit=limit,
            workers=workers,
            union=union,
            log=log,
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
