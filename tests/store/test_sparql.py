"""SPARQL on the store and on files: safe bound values, syntax errors with their place, all result formats."""

from __future__ import annotations

import csv
import io
import json
from pathlib import Path

import pyoxigraph as ox
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from kg.errors import QueryError
from kg.graph.io import FORMATS, write_graph
from kg.graph.sparql import QueryResult, render, run_query, short, sparql_term
from kg.graph.store import Store

PREFIX = "PREFIX rdfs: <http://www.w3.org/2000/01/rdf-schema#>\nPREFIX kg: <https://w3id.org/kg-news/ontology#>\n"
BY_LABEL = PREFIX + "SELECT ?entity ?name WHERE { ?entity rdfs:label ?name }"


@pytest.fixture(scope="module")
def store(quads: list[ox.Quad]) -> Store:
    return Store.memory(quads)


def test_query_sees_the_union_of_graphs_by_default(store: Store, quads: list[ox.Quad]) -> None:
    q = "SELECT (COUNT(*) AS ?n) WHERE { ?s ?p ?o }"
    assert run_query(q, store=store).rows[0][0].value == str(len(quads))  # type: ignore[union-attr]
    default_only = [x for x in quads if isinstance(x.graph_name, ox.DefaultGraph)]
    assert run_query(q, store=store, union=False).rows[0][0].value == str(len(default_only))  # type: ignore[union-attr]
    named = "SELECT (COUNT(*) AS ?n) WHERE { GRAPH ?g { ?s ?p ?o } }"
    assert run_query(named, store=store).rows[0][0].value == str(len(quads) - len(default_only))  # type: ignore[union-attr]


def test_query_on_the_store_folder_and_on_a_graph_file(store_dir: Path, tmp_path: Path, quads: list[ox.Quad]) -> None:
    q = PREFIX + "SELECT ?name WHERE { ?e a kg:Person ; rdfs:label ?name } ORDER BY ?name"
    from_store = run_query(q, store=store_dir).column("name")
    for fmt in ("ttl", "trig", "nq"):
        write_graph(quads, tmp_path / f"g.{fmt}", FORMATS[fmt])
        assert run_query(q, graph_file=tmp_path / f"g.{fmt}").column("name") == from_store
    assert "Tony Blair" in [t.value for t in from_store if t is not None]


def test_bound_name_with_quotes_braces_backslashes_is_a_value(store: Store, nasty: str) -> None:
    result = run_query(BY_LABEL, store=store, bindings={"name": nasty})
    assert [r["entity"].value for r in result.dicts()] == ["https://w3id.org/kg-news/id/person/bob-the-brace-o-neil-jr"]
    assert result.dicts()[0]["name"].value == nasty


@pytest.mark.parametrize(
    "evil",
    [
        'x" } ; DROP ALL ; #',
        "x'} UNION { ?entity ?p ?name } #",
        "a\\",
        "}",
        "#",
        ">",
        "<http://e/x>",
        "\n}\n",
    ],
)
def test_injection_attempts_match_nothing(store: Store, evil: str) -> None:
    assert run_query(BY_LABEL, store=store, bindings={"name": evil}).rows == ()
    text = PREFIX + f"SELECT ?entity WHERE {{ ?entity rdfs:label {sparql_term(ox.Literal(evil))} }}"
    assert run_query(text, store=store).rows == ()


def test_sparql_term_embeds_a_nasty_value_exactly(store: Store, nasty: str) -> None:
    text = PREFIX + f"SELECT ?entity WHERE {{ ?entity rdfs:label {sparql_term(ox.Literal(nasty))} }}"
    assert len(run_query(text, store=store).rows) == 1


@settings(max_examples=200, deadline=None)
@given(st.text(alphabet=st.characters(blacklist_categories=("Cs",))))
def test_any_text_bound_or_embedded_finds_exactly_itself(value: str) -> None:
    s = ox.NamedNode("http://e/s")
    store = Store.memory([ox.Quad(s, ox.NamedNode("http://e/p"), ox.Literal(value))])
    bound = run_query("SELECT ?s ?v WHERE { ?s <http://e/p> ?v }", store=store, bindings={"v": value})
    assert bound.column("s") == [s]
    embedded = run_query(f"SELECT ?s WHERE {{ ?s <http://e/p> {sparql_term(ox.Literal(value))} }}", store=store)
    assert embedded.column("s") == [s]


def test_binding_a_variable_outside_select_is_k407(store: Store) -> None:
    with pytest.raises(QueryError) as info:
        run_query(PREFIX + "SELECT ?entity WHERE { ?entity rdfs:label ?name }", store=store, bindings={"name": "x"})
    assert info.value.code == "K407"
    assert "?name" in str(info.value)


@pytest.mark.parametrize(
    ("query", "line", "column"),
    [
        ("SELECT * WHERE { ?s ?p ?o ", 1, 27),
        ("SELECT ?x\nWHERE {\n  ?x a kg:Person .\n  FILTER(?x = )\n}", 5, 2),
        ("SELECT ?x\nWHERE {\n  ?x a nope:Person .\n}", 3, 8),
        ("SELECT * WHERE {\n  ?s ?p ?o .\n  FILTER(?o = ) }", 3, 15),
    ],
)
def test_syntax_error_gives_line_and_column(store: Store, query: str, line: int, column: int) -> None:
    with pytest.raises(QueryError) as info:
        run_query(query, store=store)
    assert info.value.code == "K400"
    assert info.value.fields["line"] == line
    assert isinstance(info.value.fields["column"], int)
    assert f"line {line}, column" in str(info.value)


@pytest.mark.parametrize(
    ("query", "line", "column", "said"),
    [
        ("SELECT ?s WHERE { ?s ?p ?o } LIMT 3", 1, 30, "'LIMT' is no SPARQL keyword"),  # pyoxigraph: the end
        ("SELECT ?s WHER { ?s ?p ?o }", 1, 11, "'WHER' is no SPARQL keyword"),
        ('SELECT * WHERE {\n  ?s ?p "a FILTR b" .\n  FILTR(?o) }', 3, 3, "'FILTR'"),  # not the words of a string
        ("SELECT ?x\nWHERE {\n  ?x a nope:Person .\n}", 3, 8, "the prefix 'nope:' of 'nope:Person' is not declared"),
        ('SELECT ?s WHERE { ?s ?p "any words" . ?s ?p }', 1, 46, "expected"),  # no word to blame: the parser's place
    ],
)
def test_a_syntax_error_is_reported_at_the_mistake(store: Store, query: str, line: int, column: int, said: str) -> None:
    with pytest.raises(QueryError) as info:
        run_query(query, store=store)
    assert (info.value.code, info.value.fields["line"], info.value.fields["column"]) == ("K400", line, column)
    assert said in str(info.value)


def test_an_update_is_not_a_query(store: Store, quads: list[ox.Quad]) -> None:
    with pytest.raises(QueryError) as info:
        run_query("DROP ALL", store=store)
    assert info.value.code == "K400"
    assert len(store) == len(quads)


def test_ask_and_construct(store: Store) -> None:
    assert run_query("ASK { ?s a <https://w3id.org/kg-news/ontology#Person> }", store=store).boolean is True
    assert run_query("ASK { ?s a <https://w3id.org/kg-news/ontology#Nothing> }", store=store).boolean is False
    result = run_query(PREFIX + "CONSTRUCT { ?e rdfs:label ?n } WHERE { ?e a kg:Person ; rdfs:label ?n }", store=store)
    assert result.kind == "graph" and len(result) == 3
    turtle = render(result)
    assert turtle.startswith("@prefix") and "person:tony-blair" in turtle
    parsed = [q.triple for q in ox.parse(turtle, format=ox.RdfFormat.TURTLE)]
    assert sorted(parsed, key=str) == sorted(result.triples, key=str)
    assert len(list(ox.parse(render(result, "nt"), format=ox.RdfFormat.N_TRIPLES))) == 3
    assert len(list(ox.parse(render(result, "json"), format=ox.RdfFormat.JSON_LD))) == 3


def test_limit_marks_the_result_truncated(store: Store) -> None:
    result = run_query("SELECT * WHERE { ?s ?p ?o }", store=store, limit=5)
    assert len(result) == 5 and result.truncated
    assert "cut at the limit" in render(result)


ALL = PREFIX + "SELECT ?entity ?name ?n WHERE { ?entity rdfs:label ?name OPTIONAL { ?entity kg:nothing ?n } }"


@pytest.mark.parametrize(
    ("fmt", "parser"),
    [
        ("json", ox.QueryResultsFormat.JSON),
        ("tsv", ox.QueryResultsFormat.TSV),
        ("xml", ox.QueryResultsFormat.XML),
    ],
)
def test_result_formats_round_trip_through_a_strict_parser(
    store: Store, fmt: str, parser: ox.QueryResultsFormat
) -> None:
    result = run_query(ALL, store=store)
    parsed = ox.parse_query_results(render(result, fmt), format=parser)
    assert isinstance(parsed, ox.QuerySolutions)
    assert [v.value for v in parsed.variables] == ["entity", "name", "n"]
    assert sorted((tuple(s) for s in parsed), key=str) == sorted(result.rows, key=str)


def test_json_is_the_standard_shape(store: Store) -> None:
    doc = json.loads(render(run_query(ALL, store=store), "json"))
    assert doc["head"]["vars"] == ["entity", "name", "n"]
    first = doc["results"]["bindings"][0]
    assert first["entity"]["type"] == "uri" and first["name"]["type"] == "literal" and "n" not in first
    assert json.loads(render(run_query("ASK {}", store=store), "json")) == {"head": {}, "boolean": True}


def test_csv_holds_plain_values(store: Store, nasty: str) -> None:
    rows = list(csv.reader(io.StringIO(render(run_query(ALL, store=store), "csv"), newline="")))
    assert rows[0] == ["entity", "name", "n"]
    assert [nasty, ""] in [r[1:] for r in rows[1:]]


def test_table_is_aligned_shortened_and_cut(store: Store, nasty: str) -> None:
    q = PREFIX + "SELECT ?entity ?name (STRLEN(?name) AS ?length) WHERE { ?entity rdfs:label ?name } ORDER BY ?name"
    text = render(run_query(q, store=store), "table", max_width=20)
    lines = text.splitlines()
    assert lines[0].split() == ["entity", "name", "length"]
    assert set(lines[1]) <= {"-", " "}
    assert lines[-1] == "6 rows"
    body = lines[2:-1]
    assert all(len(line) <= len(lines[1]) for line in body)
    assert any(line.startswith("person:tony-blair") for line in body)
    assert all("https://" not in line for line in body)
    assert any("…" in line for line in body)  # the nasty name is longer than 20
    assert all("\n" not in line for line in body)
    assert {line.rstrip()[-2:].strip() for line in body} >= {"10", "5"}  # numbers right-aligned


def test_short_forms() -> None:
    assert short(ox.NamedNode("https://w3id.org/kg-news/id/person/tony-blair")) == "person:tony-blair"
    assert short(ox.NamedNode("http://example.org/x")) == "<http://example.org/x>"
    assert short(ox.Literal("chat", language="fr")) == "chat@fr"
    assert short(ox.Literal("a\nb\tc")) == "a\\nb\\tc"
    assert short(None) == ""


def test_unknown_format_is_k409() -> None:
    with pytest.raises(QueryError) as info:
        render(QueryResult("graph"), "csv")
    assert info.value.code == "K409"
