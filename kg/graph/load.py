"""Loading a graph into any triple store over HTTP: the SPARQL 1.1 Graph Store HTTP Protocol, or SPARQL
Update.

Each graph of the input goes to its own graph in the store: the default graph to ``?default``, each named
graph (one per article in a TriG or N-Quads file) to ``?graph=IRI``; ``graph_iri`` sends the union of them all
to one named graph instead. A store without a default graph for the protocol (Virtuoso: "not configured to have
default graph", "No plain default graph specified") gets the default graph's triples in the named graph
``default_graph``, :data:`DEFAULT_GRAPH` unless the user names one; the report says so.

A graph is sent in batches of ``batch_triples``: with ``replace`` the first batch is a PUT (which replaces the
graph) and the rest POSTs (which add to it); without it, all are POSTs. Batches are written by pyoxigraph
(Turtle or N-Triples); the ``update`` fallback sends ``INSERT DATA`` operations whose terms pyoxigraph also
writes, so no value from an article is ever formatted into a request by hand.

Credentials come from the environment only: ``KG_ENDPOINT_TOKEN`` (bearer), or ``KG_ENDPOINT_USER`` and
``KG_ENDPOINT_PASSWORD`` (basic). They are never printed; an endpoint URL is shown without any user info, and
redirects are not followed (so credentials never go to another host).

Connection errors and HTTP 429, 502, 503 and 504 are retried with exponential backoff (``Retry-After``
honoured), at most ``retries`` times per request. Sending a batch twice is harmless: RDF graphs are sets. A
batch the store refuses as too big (HTTP 413, or a message such as Virtuoso's "memory exhausted" or "SQL text has
exceeded 10000 lines") is split in two and each half sent, down to one triple; later batches keep the smaller
size. Every failure is reported with the store's own reason, on one line, from its text or HTML answer.
"""

from __future__ import annotations

import base64
import html.parser
import http.client
import os
import re
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
from kg.graph.iri import DATA_NS
from kg.graph.store import GraphName, insert_data

RETRY_STATUS = frozenset({429, 502, 503, 504})
BODY_TYPES: dict[str, tuple[ox.RdfFormat, str]] = {
    "ttl": (ox.RdfFormat.TURTLE, "text/turtle; charset=utf-8"),
    "nt": (ox.RdfFormat.N_TRIPLES, "application/n-triples"),
}
ENV_TOKEN = "KG_ENDPOINT_TOKEN"
ENV_USER = "KG_ENDPOINT_USER"
ENV_PASSWORD = "KG_ENDPOINT_PASSWORD"
#: Where the default graph goes in a store that has none for the protocol (unless the user names a graph).
DEFAULT_GRAPH = f"{DATA_NS}graph/default"
#: A refusal that a smaller request would not get: the store's words for "too big".
_TOO_BIG = re.compile(
    r"too (?:large|big|long|many)|exceed|memory exhausted|out of memory|payload|entity too large|request size",
    re.IGNORECASE,
)
#: A refusal of the default graph itself (the store has none for this protocol).
_NO_DEFAULT = re.compile(r"default", re.IGNORECASE)

#: Called after each batch: (triples sent so far, triples in all).
Progress = Callable[[int, int], None]


@dataclass(frozen=True, slots=True)
class LoadReport:
    endpoint: str  # without user info
    graphs: tuple[tuple[str, int], ...]  # (graph IRI, or "default"; triples sent), in the order sent
    requests: int
    retries: int
    seconds: float
    notes: tuple[str, ...] = ()  # what kg did differently from what was asked, and why

    @property
    def triples(self) -> int:
        return sum(n for _, n in self.graphs)

    def summary(self) -> str:
        return (
            f"loaded {self.triples:,} triples in {len(self.graphs):,} graph(s) into {self.endpoint} "
            f"({self.requests:,} requests, {self.retries} retried, {self.seconds:.1f}s)"
        ) + "".join(f"\n{note}" for note in self.notes)


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
    default_graph: str | None = None,
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
    or, with ``update``, a SPARQL Update URL. ``default_graph`` names the graph the default graph's triples go
    to (default: the store's default graph, or :data:`DEFAULT_GRAPH` when it has none).
    Raises QueryError: K403 (HTTP status), K404 (unreachable)."""
    parts = urlsplit(endpoint)
    shown = public_url(endpoint)
    if parts.scheme not in ("http", "https") or not parts.hostname:
        raise QueryError(Errors.K412, endpoint=shown)
    if parts.username is not None or parts.password is not None:
        endpoint = shown  # urllib cannot use them; credentials come from the environment only
    named_default = _named(default_graph) if default_graph is not None else None
    if isinstance(source, str | Path):
        from kg.graph.io import read_quads

        source = read_quads(Path(source))
    graphs = plan(source, graph_iri)
    client = _Client(shown, auth_header(env), retries, timeout)
    sender = _Sender(client, endpoint, update, body, replace, max(batch_triples, 1), sum(map(len, graphs.values())))
    sender.progress = progress
    start = time.perf_counter()
    sent: list[tuple[str, int]] = []
    for g, triples in graphs.items():
        target: GraphName = named_default if isinstance(g, ox.DefaultGraph) and named_default is not None else g
        target = sender.send_graph(target, triples)
        sent.append(("default" if isinstance(target, ox.DefaultGraph) else target.value, len(triples)))
    seconds = round(time.perf_counter() - start, 3)
    return LoadReport(shown, tuple(sent), client.requests, client.retried, seconds, tuple(sender.notes))


def _named(iri: str) -> ox.NamedNode:
    try:
        return ox.NamedNode(iri)
    except ValueError as exc:
        raise QueryError(Errors.K411, iri=iri, detail=exc) from None


class _Sender:
    """Sends each graph in batches; shrinks the batches when the store says one is too big, and moves the
    default graph to :data:`DEFAULT_GRAPH` when the store has none."""

    def __init__(
        self, client: _Client, endpoint: str, update: bool, body: str, replace: bool, size: int, total: int
    ) -> None:
        self.client, self.endpoint, self.update, self.body, self.replace = client, endpoint, update, body, replace
        self.size = size
        self.total = total
        self.done = 0
        self.notes: list[str] = []
        self.progress: Progress | None = None

    def send_graph(self, graph: GraphName, triples: list[ox.Triple]) -> GraphName:
        """Send ``triples`` to ``graph``; returns the graph they went to."""
        rest = list(triples)
        first = True
        while rest:
            batch = next(iter(batches(rest, self.size)))
            try:
                self._send(graph, batch, first)
            except QueryError as exc:
                if isinstance(graph, ox.DefaultGraph) and first and _no_default(exc):
                    graph = ox.NamedNode(DEFAULT_GRAPH)
                    self.notes.append(
                        f"the store has no default graph ({_detail(exc)}): its {len(triples):,} triples went to "
                        f"<{DEFAULT_GRAPH}> (--default-graph IRI names another)"
                    )
                    continue
                raise
            rest = rest[len(batch) :]
            first = False
        return graph

    def _send(self, graph: GraphName, batch: list[ox.Triple], first: bool) -> None:
        """One request, or, when the store refuses it as too big, two of half the size (and so on)."""
        try:
            self._request(graph, batch, first)
        except QueryError as exc:
            if not (_too_big(exc) and len(batch) > 1 and not _has_blank(batch)):
                raise
            half = len(batch) // 2
            if half < self.size:
                self.size = half
                note = f"the store refused {len(batch):,} triples in one request; sending at most {half:,}"
                self.notes[:] = [n for n in self.notes if not n.startswith("the store refused")] + [note]
            self._send(graph, batch[:half], first)
            self._send(graph, batch[half:], False)
            return
        self.done += len(batch)
        if self.progress is not None:
            self.progress(self.done, self.total)

    def _request(self, graph: GraphName, batch: list[ox.Triple], first: bool) -> None:
        if self.update:
            drop = "DROP SILENT DEFAULT" if isinstance(graph, ox.DefaultGraph) else f"DROP SILENT GRAPH {graph}"
            text = insert_data(ox.Quad(t.subject, t.predicate, t.object, graph) for t in batch)
            data = (f"{drop} ;\n{text}" if self.replace and first else text).encode("utf-8")
            self.client.send("POST", self.endpoint, data, "application/sparql-update; charset=utf-8")
        else:
            fmt, media = BODY_TYPES[self.body]
            data = ox.serialize(batch, format=fmt) or b""
            method = "PUT" if self.replace and first else "POST"
            self.client.send(method, gsp_url(self.endpoint, graph), data, media)


def _detail(exc: QueryError) -> str:
    return str(exc.fields.get("detail", ""))


def _too_big(exc: QueryError) -> bool:
    return exc.code == "K403" and (exc.fields.get("status") == 413 or bool(_TOO_BIG.search(_detail(exc))))


def _no_default(exc: QueryError) -> bool:
    status = exc.fields.get("status")
    return exc.code == "K403" and status in (400, 404, 405, 500, 501) and bool(_NO_DEFAULT.search(_detail(exc)))


def _has_blank(batch: list[ox.Triple]) -> bool:
    return any(isinstance(t.subject, ox.BlankNode) or isinstance(t.object, ox.BlankNode) for t in batch)


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
    """The status text and the store's own reason, on one line: the first paragraph of a text answer (not the
    query a store may echo after it), or the text of an HTML error page without its title and status heading."""
    try:
        raw = exc.read(64_000).decode("utf-8", "replace")
    except Exception:  # noqa: BLE001 - the body is a courtesy
        raw = ""
    if exc.code in (301, 302, 303, 307, 308):
        line = f"redirect to {public_url(exc.headers.get('Location', '?'))} (not followed)"
    else:
        line = server_reason(raw, exc.code)
    reason = str(exc.reason or "")
    return f"{reason}: {line}" if line else reason


def server_reason(body: str, status: int = 0, width: int = 300) -> str:
    """What an error answer says went wrong, on one line of at most ``width`` characters."""
    text = body.strip()
    if text.startswith("<"):
        parser = _Text()
        parser.feed(text)
        parser.close()
        chunks = [c for c in parser.chunks if not re.search(rf"\bHTTP/|^{status}\b|\b{status} ", c)]
        text = " ".join(chunks)
    else:
        text = re.split(r"\n\s*\n", text, maxsplit=1)[0]  # Virtuoso echoes the query after a blank line
    line = " ".join(text.split()).replace(" | ", " / ")
    return line if len(line) <= width else line[: width - 1] + "…"


class _Text(html.parser.HTMLParser):
    """The text of an HTML page, a chunk per element, without its title, scripts and styles."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.chunks: list[str] = []
        self._skip = 0

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self._skip += tag in ("title", "script", "style")

    def handle_endtag(self, tag: str) -> None:
        self._skip -= tag in ("title", "script", "style") and self._skip > 0

    def handle_data(self, data: str) -> None:
        if not self._skip and data.strip():
            self.chunks.append(" ".join(data.split()))


__all__ = ["DEFAULT_GRAPH", "LoadReport", "auth_header", "gsp_url", "load", "plan", "public_url", "server_reason"]
