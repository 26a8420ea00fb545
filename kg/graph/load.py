"""Loading a graph into any triple store over HTTP: the SPARQL 1.1 Graph Store HTTP Protocol, or SPARQL
Update.

Each graph of the input goes to its own graph in the store: the default graph to ``?default``, each named
graph (one per article in a TriG or N-Quads file) to ``?graph=IRI``; ``graph_iri`` sends the union of them all
to one named graph instead. A graph is sent in batches of ``batch_triples``: with ``replace`` the first batch
is a PUT (which replaces the graph) and the rest POSTs (which add to it); without it, all are POSTs. Batches
are written by pyoxigraph (Turtle or N-Triples); the ``update`` fallback sends ``INSERT DATA`` operations
whose terms pyoxigraph also writes, so no value from an article is ever formatted into a request by hand.

Credentials come from the environment only: ``KG_ENDPOINT_TOKEN`` (bearer), or ``KG_ENDPOINT_USER`` and
``KG_ENDPOINT_PASSWORD`` (basic). They are never printed; an endpoint URL is shown without any user info, and
redirects are not followed (so credentials never go to another host).

Connection errors and HTTP 429, 502, 503 and 504 are retried with exponential backoff (``Retry-After``
honoured), at most ``retries`` times per request. Sending a batch twice is harmless: RDF graphs are sets.
"""

from __future__ import annotations

import base64
import http.client
import os
import time
import urllib.error
import urllib.request
from collections.abc import Callable, Iterable, Mapping
from dataclasses import dataclass
from pathlib import Path
from typing import Literal
from urllib.parse import quote, urlsplit, urlunsplit

import pyoxigraph as ox

from kg.errors import Errors, QueryError
from kg.graph.store import GraphName, insert_data

RETRY_STATUS = frozenset({429, 502, 503, 504})
BODY_TYPES: dict[str, tuple[ox.RdfFormat, str]] = {
    "ttl": (ox.RdfFormat.TURTLE, "text/turtle; charset=utf-8"),
    "nt": (ox.RdfFormat.N_TRIPLES, "application/n-triples"),
}
ENV_TOKEN = "KG_ENDPOINT_TOKEN"
ENV_USER = "KG_ENDPOINT_USER"
ENV_PASSWORD = "KG_ENDPOINT_PASSWORD"

#: Called after each batch: (triples sent so far, triples in all).
Progress = Callable[[int, int], None]


@dataclass(frozen=True, slots=True)
class LoadReport:
    endpoint: str  # without user info
    graphs: tuple[tuple[str, int], ...]  # (graph IRI, or "default"; triples sent), in the order sent
    requests: int
    retries: int
    seconds: float

    @property
    def triples(self) -> int:
        return sum(n for _, n in self.graphs)

    def summary(self) -> str:
        return (
            f"loaded {self.triples:,} triples in {len(self.graphs):,} graph(s) into {self.endpoint} "
            f"({self.requests:,} requests, {self.retries} retried, {self.seconds:.1f}s)"
        )


def public_url(url: str) -> str:
    """``url`` without user name and password, for messages."""
    parts = urlsplit(url)
    if parts.username is None and parts.password is None:
        return url
    host = parts.hostname or ""
    netloc = f"{host}:{parts.port}" if parts.port else host
    return urlunsplit(parts._replace(netloc=netloc))


def auth_header(env: Mapping[str, str] | None = None) -> str | None:
    """The Authorization header from the environment: a bearer token, or basic user and password, or None."""
    env = os.environ if env is None else env
    token = env.get(ENV_TOKEN)
    if token:
        return f"Bearer {token}"
    user = env.get(ENV_USER)
    if user:
        pair = f"{user}:{env.get(ENV_PASSWORD, '')}".encode()
        return "Basic " + base64.b64encode(pair).decode("ascii")
    return None


def plan(quads: Iterable[ox.Quad], graph_iri: str | None = None) -> dict[GraphName, list[ox.Triple]]:
    """Triples by the graph they go to, each graph's triples unique and sorted; blank-node triples first."""
    target: ox.NamedNode | None = None
    if graph_iri is not None:
        try:
            target = ox.NamedNode(graph_iri)
        except ValueError as exc:
            raise QueryError(Errors.K411, iri=graph_iri, detail=exc) from None
    graphs: dict[GraphName, set[ox.Triple]] = {}
    for q in quads:
        g = target if target is not None else q.graph_name
        graphs.setdefault(g, set()).add(ox.Triple(q.subject, q.predicate, q.object))

    def key(t: ox.Triple) -> tuple[bool, str, str, str]:
        plain = not (isinstance(t.subject, ox.BlankNode) or isinstance(t.object, ox.BlankNode))
        return (plain, str(t.subject), str(t.predicate), str(t.object))

    order = sorted(graphs, key=lambda g: (not isinstance(g, ox.DefaultGraph), str(g)))
    return {g: sorted(graphs[g], key=key) for g in order}


def batches(triples: list[ox.Triple], size: int) -> Iterable[list[ox.Triple]]:
    """``triples`` in runs of ``size``, except that all triples with a blank node go in the first batch, so
    that a blank node means the same node throughout (each request has its own blank node scope)."""
    size = max(size, 1)
    blank = 0
    while blank < len(triples) and (
        isinstance(triples[blank].subject, ox.BlankNode) or isinstance(triples[blank].object, ox.BlankNode)
    ):
        blank += 1
    first = max(blank, min(size, len(triples)))
    yield triples[:first]
    for i in range(first, len(triples), size):
        yield triples[i : i + size]


def load(
    source: str | Path | Iterable[ox.Quad],
    endpoint: str,
    *,
    graph_iri: str | None = None,
    replace: bool = False,
    update: bool = False,
    batch_triples: int = 50_000,
    retries: int = 4,
    timeout: float = 60.0,
    body: Literal["ttl", "nt"] = "ttl",
    env: Mapping[str, str] | None = None,
    progress: Progress | None = None,
) -> LoadReport:
    """Send the graph (a file, or quads) to ``endpoint``: a Graph Store Protocol URL (Oxigraph ``/store``,
    Fuseki ``/ds/data``, GraphDB ``/repositories/R/rdf-graphs/service``, Virtuoso ``/sparql-graph-crud``)
    or, with ``update``, a SPARQL Update URL. Raises QueryError: K403 (HTTP status), K404 (unreachable)."""
    parts = urlsplit(endpoint)
    shown = public_url(endpoint)
    if parts.scheme not in ("http", "https") or not parts.hostname:
        raise QueryError(Errors.K412, endpoint=shown)
    if parts.username is not None or parts.password is not None:
        endpoint = shown  # urllib cannot use them; credentials come from the environment only
    if isinstance(source, str | Path):
        from kg.graph.io import read_quads

        source = read_quads(Path(source))
    graphs = plan(source, graph_iri)
    total = sum(len(t) for t in graphs.values())
    client = _Client(shown, auth_header(env), retries, timeout)
    sent = 0
    start = time.perf_counter()
    for g, triples in graphs.items():
        for i, batch in enumerate(batches(triples, batch_triples)):
            first = i == 0
            if update:
                drop = "DROP SILENT DEFAULT" if isinstance(g, ox.DefaultGraph) else f"DROP SILENT GRAPH {g}"
                text = insert_data(ox.Quad(t.subject, t.predicate, t.object, g) for t in batch)
                data = (f"{drop} ;\n{text}" if replace and first else text).encode("utf-8")
                client.send("POST", endpoint, data, "application/sparql-update; charset=utf-8")
            else:
                fmt, media = BODY_TYPES[body]
                data = ox.serialize(batch, format=fmt) or b""
                client.send("PUT" if replace and first else "POST", gsp_url(endpoint, g), data, media)
            sent += len(batch)
            if progress is not None:
                progress(sent, total)
    graph_names = tuple(("default" if isinstance(g, ox.DefaultGraph) else g.value, len(t)) for g, t in graphs.items())
    return LoadReport(shown, graph_names, client.requests, client.retried, round(time.perf_counter() - start, 3))


def gsp_url(endpoint: str, graph: GraphName) -> str:
    """The Graph Store Protocol URL of ``graph``: ``endpoint?default`` or ``endpoint?graph=`` and the
    percent-encoded IRI."""
    sep = "&" if urlsplit(endpoint).query else "?"
    if isinstance(graph, ox.DefaultGraph):
        return f"{endpoint}{sep}default"
    return f"{endpoint}{sep}graph={quote(graph.value, safe='')}"


class _NoRedirect(urllib.request.HTTPRedirectHandler):
    def redirect_request(self, *args: object, **kwargs: object) -> None:
        return None  # a redirect becomes an HTTPError: reported, never followed with the credentials


class _Client:
    """Sends requests with the credentials, retrying transient failures with backoff."""

    def __init__(self, shown: str, auth: str | None, retries: int, timeout: float) -> None:
        self.shown = shown
        self.auth = auth
        self.retries = max(retries, 0)
        self.timeout = timeout
        self.requests = 0
        self.retried = 0
        self.opener = urllib.request.build_opener(_NoRedirect())

    def send(self, method: str, url: str, data: bytes, content_type: str) -> int:
        headers = {"Content-Type": content_type, "User-Agent": "kg-load"}
        if self.auth:
            headers["Authorization"] = self.auth
        for attempt in range(self.retries + 1):
            request = urllib.request.Request(url, data=data, headers=headers, method=method)
            self.requests += 1
            last = attempt == self.retries
            try:
                with self.opener.open(request, timeout=self.timeout) as response:
                    response.read()
                    return int(response.status)
            except urllib.error.HTTPError as exc:
                if exc.code in RETRY_STATUS and not last:
                    self._wait(attempt, exc.headers.get("Retry-After"))
                    continue
                raise QueryError(Errors.K403, endpoint=self.shown, status=exc.code, detail=_reason(exc)) from None
            except (urllib.error.URLError, http.client.HTTPException, OSError) as exc:
                if not last:
                    self._wait(attempt, None)
                    continue
                reason = getattr(exc, "reason", exc)
                raise QueryError(Errors.K404, endpoint=self.shown, detail=str(reason) or type(exc).__name__) from None
        raise AssertionError("unreachable")  # pragma: no cover

    def _wait(self, attempt: int, retry_after: str | None) -> None:
        self.retried += 1
        delay = min(0.25 * 2**attempt, 8.0)
        if retry_after and retry_after.strip().isdigit():
            delay = min(float(retry_after), 30.0)
        time.sleep(delay)


def _reason(exc: urllib.error.HTTPError) -> str:
    """The status text and the first line of the response body (servers say what went wrong there)."""
    try:
        text = exc.read(500).decode("utf-8", "replace").strip()
    except Exception:  # noqa: BLE001 - the body is a courtesy
        text = ""
    line = text.splitlines()[0] if text else ""
    if exc.code in (301, 302, 303, 307, 308):
        line = f"redirect to {public_url(exc.headers.get('Location', '?'))} (not followed)"
    reason = str(exc.reason or "")
    return f"{reason}: {line[:200]}" if line else reason


__all__ = ["LoadReport", "auth_header", "gsp_url", "load", "plan", "public_url"]
