"""The written page: one offline file, the same bytes for the same graph, every data string inert."""

from __future__ import annotations

import html
import json
import re
from collections.abc import Callable
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from rdflib import DCTERMS, RDF, RDFS, SKOS, Dataset, Graph, Literal

from kg.errors import GraphError
from kg.graph.iri import mint
from kg.graph.namespace import KG
from kg.render import ViewReport, render_html
from kg.render.network import to_network
from kg.render.page import render_page, script_json

Seed = Callable[..., Dataset]
DATA = re.compile(r'<script type="application/json" id="kg-data">(.*?)</script>', re.DOTALL)


def page_data(page: str) -> dict:  # type: ignore[type-arg]
    found = DATA.search(page)
    assert found, "no data block"
    return json.loads(found.group(1))  # type: ignore[no-any-return]


def test_writes_one_self_contained_page(seed: Seed, tmp_path: Path) -> None:
    out = tmp_path / "out" / "graph.html"
    report = render_html(seed(), out, title="kg: seeds")
    assert report == ViewReport(out, 20, 25, 0, 0, out.stat().st_size)
    page = out.read_text(encoding="utf-8")
    assert page.startswith("<!DOCTYPE html>")
    # nothing is fetched: no src/href attribute in the markup, no CDN, no lib/ or node_modules folder
    assert not re.search(r"<[a-z]+[^>]*\s(src|href)\s*=", page, re.IGNORECASE)
    for outside in ("node_modules", "cdn.", "unpkg", "jsdelivr", "lib/vis", "sourceMappingURL"):
        assert outside not in page
    assert "vis-network" in page and "kgView" in page  # both scripts inlined
    assert "default-src 'none'" in html.unescape(page)  # the CSP lets nothing load
    assert [p.name for p in out.parent.iterdir()] == ["graph.html"]  # the temporary file was renamed


def test_summary_and_heading(seed: Seed, tmp_path: Path) -> None:
    render_html(seed(), tmp_path / "g.html", title="kg: seeds")
    page = (tmp_path / "g.html").read_text(encoding="utf-8")
    assert "<title>kg: seeds</title>" in page
    assert "3 articles · 20 entities (4 Person, 5 Organization, 4 Country, 2 City, 5 Event) · 20 relations" in page
    data = page_data(page)
    assert {k["name"]: k["count"] for k in data["kinds"]} == {
        "Person": 4,
        "Organization": 5,
        "Country": 4,
        "City": 2,
        "Region": 0,
        "Place": 0,
        "Event": 5,
        "Date": 0,
    }


def test_same_graph_same_bytes(seed: Seed, tmp_path: Path) -> None:
    first = render_html(seed(), tmp_path / "a.html")
    second = render_html(seed(), tmp_path / "b.html")
    # a graph read back from TriG has other objects, in another order: still the same page
    reparsed = Dataset()
    reparsed.parse(data=seed().serialize(format="trig"), format="trig")
    third = render_html(reparsed, tmp_path / "c.html")
    assert first.bytes == second.bytes == third.bytes
    assert (tmp_path / "a.html").read_bytes() == (tmp_path / "b.html").read_bytes()
    assert (tmp_path / "a.html").read_bytes() == (tmp_path / "c.html").read_bytes()


def test_view_limit_says_what_it_left_out(seed: Seed, tmp_path: Path) -> None:
    report = render_html(seed(), tmp_path / "g.html", view_limit=6)
    assert (report.nodes, report.nodes_left_out) == (6, 18)  # left out: 14 entities and 4 dates
    page = (tmp_path / "g.html").read_text(encoding="utf-8")
    assert "This view shows the 6 most connected nodes. Left out: 18 nodes (" in page
    assert f"and {report.edges_left_out} relations" in page
    assert len(page_data(page)["nodes"]) == 6


def test_an_empty_graph_is_an_empty_page(tmp_path: Path) -> None:
    report = render_html(Graph(), tmp_path / "g.html")
    assert (report.nodes, report.edges) == (0, 0)
    page = (tmp_path / "g.html").read_text(encoding="utf-8")
    assert "0 articles · 0 entities · 0 relations" in page
    assert page_data(page)["nodes"] == []


def test_cannot_write_is_a_kg_error(seed: Seed, tmp_path: Path) -> None:
    (tmp_path / "file").write_text("not a folder")
    with pytest.raises(GraphError) as e:
        render_html(seed(), tmp_path / "file" / "graph.html")
    assert e.value.code == "K300"


# ---- escaping ----------------------------------------------------------------------------------------------
TEXT = st.text(max_size=60)
NASTY = [
    "<script>alert(1)</script>",
    "</script><script>alert(1)</script>",
    "<!-- <script>",
    '<img src=x onerror="alert(1)">',
    '<a href="javascript:alert(1)">x</a>',
    "\\\"'`${x}\\u003c",
    "\u2028\u2029&amp;&lt;",
    "</SCRIPT ",
]


@given(st.recursive(st.none() | st.booleans() | st.integers() | TEXT, lambda c: st.lists(c) | st.dictionaries(TEXT, c)))
def test_script_json_round_trips_and_is_inert(value: object) -> None:
    text = script_json(value)
    assert json.loads(text) == value
    assert not set(text) & {"<", ">", "&", "\u2028", "\u2029"}


def one_entity_graph(label: str, alt: str, sentence: str, title: str) -> Graph:
    g = Graph()
    e, s, m, a = mint("person", "x"), mint("sentence", "x"), mint("mention", "x"), mint("article", "x")
    g.add((e, RDF.type, KG.Person))
    g.add((e, RDFS.label, Literal(label)))
    g.add((e, SKOS.altLabel, Literal(alt)))
    g.add((a, RDF.type, KG.Article))
    g.add((a, DCTERMS.title, Literal(title)))
    g.add((s, KG.text, Literal(sentence)))
    g.add((s, KG.inArticle, a))
    g.add((m, KG.refersTo, e))
    g.add((m, KG.inSentence, s))
    g.add((m, KG.anchorOf, Literal(label)))
    return g


def page_of(g: Graph, title: str) -> str:
    news = to_network(g)
    return render_page(news, title=title, left_out=None)


CLEAN = page_of(one_entity_graph("a", "b", "c", "d"), "t")


@settings(max_examples=40, deadline=None)
@given(
    st.sampled_from(NASTY) | TEXT.filter(str.strip),
    st.sampled_from(NASTY) | TEXT,
    TEXT,
    st.sampled_from(NASTY) | TEXT,
)
def test_any_string_round_trips_through_the_page(label: str, alt: str, sentence: str, title: str) -> None:
    page = page_of(one_entity_graph(label, alt, sentence, title), title)
    data = page_data(page)
    row = data["info"][0]
    assert row[0] == label
    assert row[3] == ([alt] if alt != label else [])
    assert data["sentences"] == [[0, sentence]]
    assert data["articles"] == [[title, ""]]
    assert data["title"] == title
    # the data cannot end its element or open a comment: the markup around it is the clean page's
    for marker in ("</script", "<!--", "<script", "<img", "<a "):
        assert page.lower().count(marker) == CLEAN.lower().count(marker)
    shown_title = re.search("<title>(.*?)</title>", page, re.DOTALL)
    assert shown_title and html.unescape(shown_title.group(1)) == title


def test_lone_surrogates_are_written_as_json_escapes(tmp_path: Path) -> None:
    render_html(one_entity_graph("x\ud800y", "b", "c", "d"), tmp_path / "g.html", title="t\udfff")
    page = (tmp_path / "g.html").read_bytes().decode("utf-8")  # valid UTF-8
    assert page_data(page)["info"][0][0] == "x\ud800y"
    assert "<title>t\ufffd</title>" in page


def test_an_event_between_two_is_a_labelled_edge_and_dates_are_not_nodes(seed: Seed, tmp_path: Path) -> None:
    render_html(seed(), tmp_path / "g.html")
    data = page_data((tmp_path / "g.html").read_text(encoding="utf-8"))
    label = [row[0] for row in data["info"]]
    pairs = {(label[a], label[b], text, label[e]) for a, b, text, kind, _, e in data["edges"] if kind == 2}
    # the visit: Bayramov (agent) and Switzerland (place); its date in the label
    assert ("Jeyhun Bayramov", "Switzerland", "Visit 2023-09", "Working visit to Switzerland") in pairs
    assert not any(name.startswith("20") for name in label)  # dates are on the timeline, not nodes
    # a relation keeps the sentence that says it, when the graph has its assertion: none in the sample
    assert all(sentence == -1 for *_, kind, sentence, _ in data["edges"] if kind == 0)
    # the first view: ranked first; the isolated last (the two agencies)
    assert label[data["isolated"] :] == ["Azernews", "Trend"]
    assert 0 < data["summary"] <= data["isolated"]


def test_a_real_build_gives_relations_their_sentences_and_events_their_dates(tmp_path: Path) -> None:
    import kg

    kg.build([Path(__file__).parents[2] / "seeds"], out=tmp_path)
    data = page_data((tmp_path / "graph.html").read_text(encoding="utf-8"))
    relations = [e for e in data["edges"] if e[3] == 0]
    assert relations and all(e[4] >= 0 for e in relations)  # each with the sentence that says it
    said = {data["sentences"][e[4]][1] for e in relations}
    assert any("Azerbaijan" in s for s in said)
    events = [
        row for row, node in zip(data["info"], data["nodes"], strict=True) if data["kinds"][node[1]]["name"] == "Event"
    ]
    assert sum(1 for row in events if row[9]) >= 6  # dated: on the timeline
