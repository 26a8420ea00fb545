"""SPARQL 1.1 on the store or on a graph file, with kg's errors, safe bound values and the result formats.

Values from articles never reach a query string by formatting: pass them as ``bindings`` (pyoxigraph binds
them as SEP-0007 substitutions, so a name holding ``"``, ``}``, ``#``, ``>`` or a line break is a value, not
syntax), or, where a term must be written into a query, serialise it with :func:`sparql_term`.

Results come back as a :class:`QueryResult` and are written as an aligned table (prefixes shortened), CSV,
TSV, SPARQL 1.1 Query Results JSON or XML; CONSTRUCT and DESCRIBE results as Turtle, N-Triples or JSON-LD.
"""

from __future__ import annotations

import csv
import io
import json
import re
import unicodedata
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from pathlib import Path
from typing import Literal as Kind
from typing import TypeVar
from xml.etree import ElementTree as ET

import pyoxigraph as ox

from kg.errors import Errors, QueryError
from kg.graph.store import Store, Term
from kg.graph.syntax import first_line as _first_line
from kg.graph.syntax import syntax_error
from kg.graph.terms import PREFIXES

XSD_STRING = "http://www.w3.org/2001/XMLSchema#string"
RDF_LANG_STRING = "http://www.w3.org/1999/02/22-rdf-syntax-ns#langString"
_NUMERIC = {
    f"http://www.w3.org/2001/XMLSchema#{t}"
    for t in ("integer", "nonNegativeInteger", "decimal", "double", "float", "int", "long", "positiveInteger")
}

SOLUTION_FORMATS = ("table", "csv", "tsv", "json", "xml")
GRAPH_FORMATS = ("table", "ttl", "nt", "json")
BOOLEAN_FORMATS = ("table", "csv", "tsv", "json", "xml")

Row = tuple[Term | None, ...]
T_ = TypeVar("T_")


@dataclass(frozen=True, slots=True)
class QueryResult:
    """What a query gave: solutions (SELECT), a boolean (ASK) or triples (CONSTRUCT, DESCRIBE).

    ``truncated`` is set when a ``limit`` cut the results short.
    """

    kind: Kind["select", "ask", "graph"]
    variables: tuple[str, ...] = ()
    rows: tuple[Row, ...] = ()
    boolean: bool | None = None
    triples: tuple[ox.Triple, ...] = ()
    truncated: bool = field(default=False)

    def __len__(self) -> int:
        return len(self.rows) if self.kind == "select" else len(self.triples)

    def column(self, name: str) -> list[Term | None]:
        i = self.variables.index(name)
        return [row[i] for row in self.rows]

    def dicts(self) -> list[dict[str, Term]]:
        """The rows as {variable: term}, unbound variables left out."""
        return [{v: t for v, t in zip(self.variables, row, strict=True) if t is not None} for row in self.rows]


# --- running ---


def sparql_term(term: Term) -> str:
    """``term`` in SPARQL syntax, as pyoxigraph writes it (N-Triples escapes), for the rare query that must
    embed a term as text. Prefer ``bindings``."""
    if isinstance(term, ox.Triple):
        return f"<<( {sparql_term(term.subject)} {term.predicate} {sparql_term(term.object)} )>>"
    if not isinstance(term, ox.NamedNode | ox.BlankNode | ox.Literal):
        raise TypeError(f"not an RDF term: {term!r}")
    return str(term)


def substitutions(bindings: Mapping[str, str | Term]) -> dict[ox.Variable, Term]:
    """``{"name": "Tony Blair"}`` -> pyoxigraph substitutions; a str becomes a plain literal."""
    out: dict[ox.Variable, Term] = {}
    for name, value in bindings.items():
        try:
            var = ox.Variable(name.lstrip("?$"))
        except ValueError as exc:
            raise QueryError(Errors.K407, name=name, detail=f"not a variable name ({exc})") from exc
        out[var] = ox.Literal(value) if isinstance(value, str) else value
    return out


def run_query(
    query: str,
    *,
    store: Store | ox.Store | str | Path | None = None,
    graph_file: str | Path | None = None,
    bindings: Mapping[str, str | Term] | None = None,
    union: bool = True,
    limit: int | None = None,
    default_graph: list[ox.NamedNode] | None = None,
    named_graphs: list[ox.NamedNode | ox.BlankNode] | None = None,
) -> QueryResult:
    """Run ``query`` on ``store`` (a Store, or the path of one) or on ``graph_file`` (parsed into memory).

    By default the query's default graph is the union of all graphs (``union=False``: the default graph only).
    ``bindings`` are bound as values, never pasted into the text. At most ``limit`` rows or triples are kept.
    Raises QueryError: K400 for a syntax error (with line and column), K401 when evaluation fails.
    """
    target = _target(store, graph_file)
    subs = substitutions(bindings) if bindings else None
    try:
        raw = target.query(
            query,
            union=union,
            substitutions=subs,
            default_graph=list(default_graph or []) or None,
            named_graphs=named_graphs,
        )
        return collect(raw, limit)
    except SyntaxError as exc:
        raise syntax_error(exc, query) from None
    except RuntimeError as exc:
        message = str(exc)
        missing = re.search(r"does not contains? variable \?(\w+)", message)
        if missing:
            raise QueryError(Errors.K407, name=missing.group(1), detail="it is not in the SELECT clause") from None
        raise QueryError(Errors.K401, detail=_first_line(message)) from None
    except (OSError, ValueError) as exc:
        raise QueryError(Errors.K401, detail=_first_line(str(exc))) from None


def _target(store: Store | ox.Store | str | Path | None, graph_file: str | Path | None) -> Store:
    if graph_file is not None:
        from kg.graph.io import read_quads

        return Store.memory(read_quads(Path(graph_file)))
    if isinstance(store, Store):
        return store
    if isinstance(store, ox.Store):
        return Store(store)
    if store is not None:
        from kg.graph.store import open_store

        return open_store(store)
    raise ValueError("run_query needs a store or a graph_file")


def collect(raw: ox.QuerySolutions | ox.QueryBoolean | ox.QueryTriples, limit: int | None = None) -> QueryResult:
    """Materialise pyoxigraph's lazy result, keeping at most ``limit`` rows or triples."""
    if isinstance(raw, ox.QueryBoolean):
        return QueryResult("ask", boolean=bool(raw))
    if isinstance(raw, ox.QuerySolutions):
        names = tuple(v.value for v in raw.variables)
        rows, truncated = _take((tuple(sol) for sol in raw), limit)
        return QueryResult("select", names, tuple(rows), truncated=truncated)
    triples, truncated = _take(iter(raw), limit)
    return QueryResult("graph", triples=tuple(triples), truncated=truncated)


def _take(items: Iterable[T_], limit: int | None) -> tuple[list[T_], bool]:
    out: list[T_] = []
    for item in items:
        if limit is not None and len(out) >= limit:
            return out, True
        out.append(item)
    return out, False


# --- writing results ---


def render(result: QueryResult, fmt: str = "table", *, max_width: int = 60) -> str:
    """``result`` as text in ``fmt`` (see SOLUTION_FORMATS, BOOLEAN_FORMATS and GRAPH_FORMATS)."""
    kind = result.kind
    options = {"select": SOLUTION_FORMATS, "ask": BOOLEAN_FORMATS, "graph": GRAPH_FORMATS}[kind]
    if fmt not in options:
        raise QueryError(
            Errors.K409,
            fmt=fmt,
            kind=kind.upper() if kind != "graph" else "CONSTRUCT",
            options=", ".join(options),
        )
    if kind == "graph":
        rdf = {
            "table": ox.RdfFormat.TURTLE,
            "ttl": ox.RdfFormat.TURTLE,
            "nt": ox.RdfFormat.N_TRIPLES,
            "json": ox.RdfFormat.JSON_LD,
        }[fmt]
        triples = sorted(set(result.triples), key=lambda t: (str(t.subject), str(t.predicate), str(t.object)))
        data = ox.serialize(triples, format=rdf, prefixes=used_prefixes(triples) if fmt in ("table", "ttl") else None)
        return (data or b"").decode("utf-8")
    if fmt == "table":
        return to_table(result, max_width=max_width)
    return {"csv": to_csv, "tsv": to_tsv, "json": to_json, "xml": to_xml}[fmt](result)


_PREFIXES_LONGEST = sorted(PREFIXES.items(), key=lambda kv: -len(kv[1]))


def used_prefixes(triples: Iterable[ox.Triple]) -> dict[str, str]:
    """The prefixes of PREFIXES that some IRI of ``triples`` starts with (Turtle declares only those)."""
    iris = {t.value for tr in triples for t in (tr.subject, tr.predicate, tr.object) if isinstance(t, ox.NamedNode)}
    iris |= {t.datatype.value for tr in triples if isinstance(t := tr.object, ox.Literal)}
    return {p: ns for p, ns in PREFIXES.items() if any(i.startswith(ns) for i in iris)}


_CONTROL = {"\n": "\\n", "\r": "\\r", "\t": "\\t"}


def short(term: Term | None) -> str:
    """A term as a person reads it: ``person:tony-blair``, ``Tony Blair``, ``"chat"@fr``, ``2005-03-01``."""
    if term is None:
        return ""
    if isinstance(term, ox.NamedNode):
        for prefix, ns in _PREFIXES_LONGEST:
            if term.value.startswith(ns) and len(term.value) > len(ns):
                return f"{prefix}:{term.value[len(ns) :]}"
        return f"<{term.value}>"
    if isinstance(term, ox.Literal):
        text = "".join(_CONTROL.get(c, c) if unicodedata.category(c)[0] == "C" else c for c in term.value)
        return f"{text}@{term.language}" if term.language else text
    if isinstance(term, ox.BlankNode):
        return f"_:{term.value}"
    return f"<< {short(term.subject)} {short(term.predicate)} {short(term.object)} >>"


def _numeric(term: Term | None) -> bool:
    return isinstance(term, ox.Literal) and term.datatype.value in _NUMERIC


def _clip(text: str, width: int) -> str:
    return text if len(text) <= width else text[: max(width - 1, 1)] + "…"


def to_table(result: QueryResult, *, max_width: int = 60) -> str:
    """An aligned text table: prefixes shortened, numbers right-aligned, long cells cut with ``…``."""
    if result.kind == "ask":
        return "true\n" if result.boolean else "false\n"
    header = list(result.variables)
    cells = [[_clip(short(t), max_width) for t in row] for row in result.rows]
    widths = [max([len(h), *(len(r[i]) for r in cells)]) for i, h in enumerate(header)]
    right = [bool(result.rows) and all(_numeric(r[i]) or r[i] is None for r in result.rows) for i in range(len(header))]

    def line(values: list[str]) -> str:
        parts = [v.rjust(w) if r else v.ljust(w) for v, w, r in zip(values, widths, right, strict=True)]
        return "  ".join(parts).rstrip()

    out = [line(header), "  ".join("-" * w for w in widths)]
    out += [line(r) for r in cells]
    n = len(result.rows)
    more = " (cut at the limit)" if result.truncated else ""
    out.append(f"{n} row{'s' if n != 1 else ''}{more}")
    return "\n".join(out) + "\n"


def to_csv(result: QueryResult) -> str:
    """SPARQL 1.1 Query Results CSV: IRIs and lexical forms, no datatypes or language tags, CRLF line ends."""
    buf = io.StringIO()
    w = csv.writer(buf, lineterminator="\r\n")
    if result.kind == "ask":
        return "true\r\n" if result.boolean else "false\r\n"
    w.writerow(result.variables)
    for row in result.rows:
        w.writerow([_csv_cell(t) for t in row])
    return buf.getvalue()


def _csv_cell(t: Term | None) -> str:
    if t is None:
        return ""
    if isinstance(t, ox.BlankNode):
        return f"_:{t.value}"
    if isinstance(t, ox.Triple):
        return sparql_term(t)
    return t.value


def to_tsv(result: QueryResult) -> str:
    """SPARQL 1.1 Query Results TSV: ``?var`` headers, terms in SPARQL syntax (escapes keep tabs out)."""
    if result.kind == "ask":
        return "true\n" if result.boolean else "false\n"
    lines = ["\t".join(f"?{v}" for v in result.variables)]
    lines += ["\t".join("" if t is None else sparql_term(t) for t in row) for row in result.rows]
    return "\n".join(lines) + "\n"


def _json_term(t: Term) -> dict[str, object]:
    if isinstance(t, ox.NamedNode):
        return {"type": "uri", "value": t.value}
    if isinstance(t, ox.BlankNode):
        return {"type": "bnode", "value": t.value}
    if isinstance(t, ox.Literal):
        out: dict[str, object] = {"type": "literal", "value": t.value}
        if t.language:
            out["xml:lang"] = t.language
        elif t.datatype.value != XSD_STRING:
            out["datatype"] = t.datatype.value
        return out
    return {
        "type": "triple",
        "value": {
            "subject": _json_term(t.subject),
            "predicate": _json_term(t.predicate),
            "object": _json_term(t.object),
        },
    }


def to_json(result: QueryResult) -> str:
    """SPARQL 1.1 Query Results JSON."""
    if result.kind == "ask":
        doc: dict[str, object] = {"head": {}, "boolean": bool(result.boolean)}
    else:
        bindings = [
            {v: _json_term(t) for v, t in zip(result.variables, row, strict=True) if t is not None}
            for row in result.rows
        ]
        doc = {"head": {"vars": list(result.variables)}, "results": {"bindings": bindings}}
    return json.dumps(doc, ensure_ascii=False, separators=(",", ":")) + "\n"


_SRX = "http://www.w3.org/2005/sparql-results#"


def to_xml(result: QueryResult) -> str:
    """SPARQL Query Results XML."""
    root = ET.Element("sparql", xmlns=_SRX)
    head = ET.SubElement(root, "head")
    if result.kind == "ask":
        ET.SubElement(root, "boolean").text = "true" if result.boolean else "false"
    else:
        for v in result.variables:
            ET.SubElement(head, "variable", name=v)
        results = ET.SubElement(root, "results")
        for row in result.rows:
            sol = ET.SubElement(results, "result")
            for v, t in zip(result.variables, row, strict=True):
                if t is not None:
                    _xml_term(ET.SubElement(sol, "binding", name=v), t)
    return '<?xml version="1.0" encoding="UTF-8"?>\n' + ET.tostring(root, encoding="unicode") + "\n"


def _xml_term(parent: ET.Element, t: Term) -> None:
    if isinstance(t, ox.NamedNode):
        ET.SubElement(parent, "uri").text = t.value
    elif isinstance(t, ox.BlankNode):
        ET.SubElement(parent, "bnode").text = t.value
    elif isinstance(t, ox.Literal):
        attrs = {}
        if t.language:
            attrs["xml:lang"] = t.language
        elif t.datatype.value != XSD_STRING:
            attrs["datatype"] = t.datatype.value
        ET.SubElement(parent, "literal", attrs).text = t.value
    else:
        triple = ET.SubElement(parent, "triple")
        for part, term in (("subject", t.subject), ("predicate", t.predicate), ("object", t.object)):
            _xml_term(ET.SubElement(triple, part), term)


__all__ = ["QueryResult", "collect", "render", "run_query", "short", "sparql_term", "substitutions"]
