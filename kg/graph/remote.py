"""SPARQL 1.1 queries on a remote endpoint (Virtuoso, Fuseki, GraphDB, Oxigraph, ``kg serve``), with the same
results, bindings and errors as on the embedded store.

kg's prefixes are declared for the query (those it does not declare itself), as the store predeclares them.
Bound values are never pasted into the text: each is written by pyoxigraph as a term (N-Triples escapes) in a
``VALUES`` block opening the query's WHERE group (after the query when that group cannot be found), which
SPARQL 1.1 joins with the group's solutions. (Virtuoso 7 mis-joins a ``VALUES`` block after the query with one
inside it, so the block goes first.) Solutions come back as SPARQL
Results JSON and are parsed by pyoxigraph, triples (CONSTRUCT, DESCRIBE) as N-Triples. Credentials come from
the environment, as for ``kg load``, and are never printed.
"""

from __future__ import annotations

import http.client
import re
import urllib.error
import urllib.request
from collections.abc import Mapping
from urllib.parse import urlencode, urlsplit

import pyoxigraph as ox

from kg.errors import Errors, QueryError
from kg.graph.load import auth_header, public_url, server_reason
from kg.graph.sparql import QueryResult, collect, sparql_term, substitutions
from kg.graph.store import Term
from kg.graph.terms import PREFIXES

ACCEPT = "application/sparql-results+json, application/n-triples;q=0.9, text/turtle;q=0.8"
_PARSERS: dict[str, ox.QueryResultsFormat | ox.RdfFormat] = {
    "application/sparql-results+json": ox.QueryResultsFormat.JSON,
    "application/json": ox.QueryResultsFormat.JSON,
    "application/sparql-results+xml": ox.QueryResultsFormat.XML,
    "text/tab-separated-values": ox.QueryResultsFormat.TSV,
    "application/n-triples": ox.RdfFormat.N_TRIPLES,
    "text/plain": ox.RdfFormat.N_TRIPLES,
    "text/turtle": ox.RdfFormat.TURTLE,
}


def with_prefixes(query: str) -> str:
    """``query`` with kg's prefixes declared first, except those it declares itself; on its first line, so that
    the line numbers a store gives in an error are the query's own."""
    declared = {m.group(1) for m in re.finditer(r"(?im)^\s*PREFIX\s+([\w.-]*):", query)}
    head = "".join(f"PREFIX {p}: <{ns}> " for p, ns in PREFIXES.items() if p not in declared)
    return head + query


def with_values(query: str, bindings: Mapping[str, str | Term]) -> str:
    """``query`` with a VALUES block binding each variable to its value (written by pyoxigraph) opening its
    WHERE group, or after the query when that group is not found."""
    subs = substitutions(bindings)
    if not subs:
        return query
    names = " ".join(str(v) for v in subs)
    terms = " ".join(sparql_term(t) for t in subs.values())
    block = f"VALUES ({names}) {{ ({terms}) }}"
    at = where_group(query)
    if at is None:
        return f"{query}\n{block}\n"
    return f"{query[: at + 1]} {block}\n{query[at + 1 :]}"


_LEXEME = re.compile(
    r"""#[^\n]*|"{3}.*?"{3}|'{3}.*?'{3}|"(?:[^"\\\n]|\\.)*"|'(?:[^'\\\n]|\\.)*'|<[^<>"{}|^`\\\s]*>|(\{)|\b(WHERE)\b""",
    re.DOTALL | re.IGNORECASE,
)


def where_group(query: str) -> int | None:
    """The index of the ``{`` that opens the query's WHERE group: the first one outside comments, strings and
    IRIs, or for CONSTRUCT the first after the keyword WHERE. None when there is none."""
    construct = re.search(r"(?i)\bCONSTRUCT\b", _strip(query)) is not None
    seen_where = False
    for m in _LEXEME.finditer(query):
        if m.group(2):
            seen_where = True
        elif m.group(1) and (seen_where or not construct):
            return m.start(1)
    return None


def _strip(query: str) -> str:
    """``query`` without comments, strings and IRIs (to look for keywords)."""
    return _LEXEME.sub(lambda m: m.group(0) if m.group(1) or m.group(2) else " ", query)


def remote_query(
    query: str,
    endpoint: str,
    *,
    bindings: Mapping[str, str | Term] | None = None,
    limit: int | None = None,
    timeout: float = 60.0,
    env: Mapping[str, str] | None = None,
) -> QueryResult:
    """Run ``query`` at the SPARQL endpoint ``endpoint``. Raises QueryError: K412 (not a URL), K401 (the
    endpoint refused the query: its reason), K404 (unreachable)."""
    parts = urlsplit(endpoint)
    shown = public_url(endpoint)
    if parts.scheme not in ("http", "https") or not parts.hostname:
        raise QueryError(Errors.K412, endpoint=shown)
    text = with_values(with_prefixes(query), bindings or {})
    headers = {"Accept": ACCEPT, "Content-Type": "application/x-www-form-urlencoded", "User-Agent": "kg-query"}
    auth = auth_header(env)
    if auth:
        headers["Authorization"] = auth
    request = urllib.request.Request(shown, data=urlencode({"query": text}).encode(), headers=headers)
    try:
        with urllib.request.urlopen(request, timeout=timeout) as response:
            media = response.headers.get_content_type()
            data = response.read()
    except urllib.error.HTTPError as exc:
        body = exc.read(64_000).decode("utf-8", "replace")
        raise QueryError(Errors.K401, detail=f"{shown}: HTTP {exc.code} {server_reason(body, exc.code)}") from None
    except (urllib.error.URLError, http.client.HTTPException, OSError) as exc:
        reason = getattr(exc, "reason", exc)
        raise QueryError(Errors.K404, endpoint=shown, detail=str(reason) or type(exc).__name__) from None
    fmt = _PARSERS.get(media)
    if fmt is None:
        raise QueryError(Errors.K401, detail=f"{shown} answered {media}, not SPARQL results")
    try:
        if isinstance(fmt, ox.QueryResultsFormat):
            return collect(ox.parse_query_results(data, fmt), limit)
        triples = [ox.Triple(t.subject, t.predicate, t.object) for t in ox.parse(data, fmt)]
        return QueryResult("graph", triples=tuple(triples[:limit] if limit is not None else triples))
    except (SyntaxError, ValueError) as exc:
        raise QueryError(Errors.K401, detail=f"{shown} answered unreadable results ({exc})") from None


__all__ = ["remote_query", "where_group", "with_prefixes", "with_values"]
