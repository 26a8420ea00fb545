"""kg's own N-Triples terms and Turtle/TriG writer: whatever the text, strict parsers read back the same graph."""

from __future__ import annotations

import contextlib

import pyoxigraph as ox
import pytest
import rdflib
from hypothesis import given, settings
from hypothesis import strategies as st

from kg.graph import nt
from kg.graph.build import link_node
from kg.graph.io import FORMATS, serialize
from kg.graph.quads import DEFAULT, GraphSet
from kg.graph.terms import PREFIXES
from kg.graph.turtle import trig, turtle
from kg.model import Link

HOSTILE = [
    'He said "no" <b>',
    "\\backslash\\ and \\u0041 written out",
    "line\nbreak\r\ntab\tform\fbell\x07 nul\x00 del\x7f",
    '""" triple quotes """',
    "ends with a backslash \\",
    "Москва 北京市 مصر 🙂",
    "'single' and ’curly’",
    "} . ; , # @prefix x: <y> .",
]
#: Local names on the edge of what a prefixed name may hold.
LOCALS = ["plain", "with.dot", "ends.", "-lead", "_x", "9lives", "a%20b", "100%", "a/b", "a#b", "ü", "", "a:b", "a~b"]

texts = st.text(alphabet=st.characters(blacklist_categories=("Cs",)))
locals_ = st.text(alphabet="abcXYZ019-_.%~:/#ü ", max_size=8)


def _graph_of(data: bytes, fmt: ox.RdfFormat) -> set[tuple[str, str, str, str]]:
    return {
        (str(q.subject), str(q.predicate), str(q.object), str(getattr(q, "graph_name", "")))
        for q in ox.parse(data, format=fmt)
    }


def _triples(values: list[str], names: list[str]) -> list[nt.Triple]:
    subjects = [nt.iri(f"{PREFIXES['person']}{n}") for n in names if nt.is_iri(f"{PREFIXES['person']}{n}")]
    subjects = subjects or [nt.iri(PREFIXES["person"] + "x")]
    objects = [nt.literal(v) for v in values] + [nt.literal(v, nt.iri(PREFIXES["xsd"] + "string")) for v in values]
    objects += [
        *subjects,
        '"0.75"^^<http://www.w3.org/2001/XMLSchema#decimal>',
        '".5"^^<http://www.w3.org/2001/XMLSchema#decimal>',
    ]
    preds = [nt.iri(PREFIXES["kg"] + "text"), nt.iri(PREFIXES["rdf"] + "type"), nt.iri(PREFIXES["rdfs"] + "label")]
    return sorted({(s, p, o) for s in subjects for p in preds for o in objects})


@pytest.mark.parametrize("text", HOSTILE)
def test_a_literal_reads_back_as_its_text(text: str) -> None:
    term = nt.literal(text)
    assert nt.parts(term) == (text, None, None)
    (parsed,) = ox.parse(f"<http://e/s> <http://e/p> {term} .\n".encode(), format=ox.RdfFormat.N_TRIPLES)
    assert parsed.object.value == text


@given(texts)
@settings(max_examples=300, deadline=None)
def test_any_text_is_one_literal_for_pyoxigraph(text: str) -> None:
    (parsed,) = ox.parse(f"<http://e/s> <http://e/p> {nt.literal(text)} .\n".encode(), format=ox.RdfFormat.N_TRIPLES)
    assert parsed.object.value == text


def test_a_lone_surrogate_becomes_the_replacement_character() -> None:
    assert nt.parts(nt.literal("a\ud800b")) == ("a\ufffdb", None, None)


@pytest.mark.parametrize(
    "value",
    [
        "http://x/a> <http://x/b",
        "http://x/100%",
        "http://x/%zz",
        "http://x/a b",
        'http://x/"q"',
        "http://x/{y}",
        "no-scheme",
        "http://x/\\",
    ],
)
def test_a_string_that_would_break_an_iri_is_refused(value: str) -> None:
    assert not nt.is_iri(value)
    with pytest.raises(ValueError):
        nt.iri(value)


def test_a_users_link_that_is_no_iri_is_left_out() -> None:
    from kg.errors import InputWarning

    for bad in ("http://example.org/x> <http://evil/", "javascript:alert(1)", "https://exa\u202emple.org/"):
        with pytest.warns(InputWarning, match="K121"):
            assert link_node(Link("uri", bad)) is None
    assert link_node(Link("uri", "https://example.org/ok")) == "<https://example.org/ok>"


@pytest.mark.parametrize("fmt", ["ttl", "trig"])
def test_hostile_literals_and_edge_local_names_read_back_the_same(fmt: str) -> None:
    triples = _triples(HOSTILE, LOCALS)
    if fmt == "ttl":
        data, rdf = turtle(triples, PREFIXES), ox.RdfFormat.TURTLE
        expected = {(s, p, o, "") for s, p, o in triples}
    else:
        g = nt.iri(PREFIXES["article"] + "a1")
        data, rdf = trig({DEFAULT: triples[:5], g: triples}, PREFIXES), ox.RdfFormat.TRIG
        expected = {(s, p, o, "") for s, p, o in triples[:5]} | {(s, p, o, g) for s, p, o in triples}
    nt_form = "".join(f"{s} {p} {o} .\n" for s, p, o, _ in expected).encode()
    by_oxigraph = {(s, p, o) for s, p, o, _ in _graph_of(nt_form, ox.RdfFormat.N_TRIPLES)}
    assert {(s, p, o) for s, p, o, _ in _graph_of(data, rdf)} == by_oxigraph
    if fmt == "ttl":
        assert (
            rdflib.Graph().parse(data=data, format="turtle").isomorphic(rdflib.Graph().parse(data=nt_form, format="nt"))
        )


@given(st.lists(st.tuples(locals_, texts), min_size=1, max_size=6))
@settings(max_examples=200, deadline=None)
def test_turtle_of_any_names_and_texts_reads_back_the_same(rows: list[tuple[str, str]]) -> None:
    triples = _triples([t for _, t in rows], [n for n, _ in rows])
    data = turtle(triples, PREFIXES)
    nt_form = "".join(f"{s} {p} {o} .\n" for s, p, o in triples).encode()
    assert _graph_of(data, ox.RdfFormat.TURTLE) == _graph_of(nt_form, ox.RdfFormat.N_TRIPLES)


def test_turtle_groups_a_subjects_triples_and_uses_prefixed_names() -> None:
    s = nt.iri(PREFIXES["person"] + "ada-lovelace")
    label, kind = nt.iri(PREFIXES["rdfs"] + "label"), nt.iri(PREFIXES["kg"] + "Person")
    text = turtle(
        sorted(
            [
                (s, label, nt.literal("Ada")),
                (s, label, nt.literal("Ada L.")),
                (s, nt.iri(PREFIXES["rdf"] + "type"), kind),
            ]
        ),
        PREFIXES,
    ).decode()
    body = [line for line in text.splitlines() if not line.startswith("@prefix")]
    assert body == ["person:ada-lovelace a kg:Person ;", '\trdfs:label "Ada L." , "Ada" .']


def test_the_union_is_every_graphs_triples_once_in_order() -> None:
    a, b = nt.iri("http://e/g1"), nt.iri("http://e/g2")
    t1, t2, t3 = (("<http://e/s>", "<http://e/p>", nt.literal(x)) for x in "xyz")
    graphs = GraphSet.of({b: [t3, t1], a: [t2, t1, t1], DEFAULT: [t3]})
    assert list(graphs.graphs) == [DEFAULT, a, b]
    assert graphs.graphs[a] == (t1, t2)
    assert graphs.triples == [t1, t2, t3]
    assert len(graphs) == 5


def test_every_format_of_a_graphset_parses_to_its_quads() -> None:
    g = nt.iri(PREFIXES["article"] + "a1")
    triples = _triples(HOSTILE[:3], LOCALS[:4])
    graphs = GraphSet.of({DEFAULT: triples[:3], g: triples})
    quads = set(graphs.to_ox())
    assert len(quads) == len(graphs)
    for name, fmt in FORMATS.items():
        back = list(ox.parse(serialize(graphs, fmt), format=fmt.rdf))
        if fmt.quads:
            assert set(back) == quads, name
        else:
            assert {(q.subject, q.predicate, q.object) for q in back} == {
                (q.subject, q.predicate, q.object) for q in quads
            }, name


@pytest.mark.parametrize(
    "url",
    [
        "http://example.org/a b",
        'http://example.org/"><script>',
        "javascript:alert(1)",
        "https://example.org/\u202egnp.exe",
        "https://example.org/news?id=1",
    ],
)
def test_an_articles_url_is_written_only_when_it_is_a_valid_iri(url: str) -> None:
    from kg.errors import InputWarning
    from kg.graph.build import build_graphs
    from kg.ingest.article import make_article
    from kg.model import Extraction, Resolution

    good = url.endswith("?id=1")
    with contextlib.nullcontext() if good else pytest.warns(InputWarning, match="K121"):
        article = make_article("x.html", "Some text about nothing.", url=url)
    graphs = build_graphs([Extraction(article, (), ())], Resolution((), {}))
    written = [o for _, _, p, o in graphs.quads() if p == nt.iri(PREFIXES["kg"] + "url")]
    assert written == ([f"<{url}>"] if good else [])  # only http(s), no format characters
    for fmt in FORMATS.values():
        ox.parse(serialize(graphs, fmt), format=fmt.rdf)  # strict parsers accept every format
