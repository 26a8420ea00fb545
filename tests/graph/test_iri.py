"""IRI minting and literal escaping: any text from an article gives a valid IRI and round-trips as a literal."""

import pyoxigraph as ox
import rdflib
from hypothesis import given, settings
from hypothesis import strategies as st

from kg.graph.io import FORMATS, serialize
from kg.graph.iri import DATA_NS, mint, slug

NASTY = [
    "Jeyhun Bayramov",
    'He said "no" <b>',
    "100% sure",
    "line\nbreak\ttab",
    "control\x00\x01\x7f chars",
    "Москва",
    "北京市",
    "مصر",
    "a/b?c#d",
    "   ",
    "",
    "\\backslash\\",
    "{braces}",
    "x" * 500,
    "\ud800 lone surrogate",
]


@given(st.text())
@settings(max_examples=500, deadline=None)
def test_every_minted_iri_is_accepted_by_a_strict_parser(text: str) -> None:
    iri = mint("person", text)
    ox.NamedNode(iri)  # raises on an invalid IRI
    assert iri.startswith(DATA_NS + "person/")
    assert all(c.isascii() and c.isprintable() and c not in ' <>"{}|^`\\' for c in iri)


def test_nasty_names_give_valid_distinct_iris() -> None:
    iris = [mint("organization", t) for t in NASTY]
    for iri in iris:
        ox.NamedNode(iri)
    assert len(set(iris)) == len(NASTY)


def test_slug_is_readable_for_ordinary_names() -> None:
    assert slug("Jeyhun Bayramov") == "jeyhun-bayramov"
    assert slug("United Nations (UN)") == "united-nations-un"
    assert slug("Москва") == "%D0%BC%D0%BE%D1%81%D0%BA%D0%B2%D0%B0"


def test_long_names_are_cut_but_stay_distinct() -> None:
    a, b = slug("word " * 40 + "one"), slug("word " * 40 + "two")
    assert a != b and len(a) < 100


def test_mint_needs_a_part() -> None:
    try:
        mint("person")
    except ValueError:
        return
    raise AssertionError("mint() without parts must fail")


@given(st.text())
@settings(max_examples=300, deadline=None)
def test_every_literal_round_trips_through_turtle_and_ntriples(text: str) -> None:
    text = text.encode("utf-8", "replace").decode("utf-8")  # lone surrogates cannot be stored in any RDF syntax
    quad = ox.Quad(ox.NamedNode(mint("sentence", "x", "1")), ox.NamedNode(DATA_NS + "p"), ox.Literal(text))
    for name in ("ttl", "nt", "trig", "jsonld"):
        data = serialize([quad], FORMATS[name])
        back = list(ox.parse(data, format=FORMATS[name].rdf))
        assert [q.object.value for q in back] == [text], name
    g = rdflib.Graph().parse(data=serialize([quad], FORMATS["ttl"]), format="turtle")
    assert [str(o) for o in g.objects()] == [text]
