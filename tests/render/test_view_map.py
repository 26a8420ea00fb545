"""The first screen as a reader sees it, measured from the page in headless Chromium: what it shows, how
legible it is, and how a reader gets from there to everything else (search, neighbours, time, co-mentions)."""

from __future__ import annotations

import gzip
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pyoxigraph as ox
import pytest
from rdflib import RDF, RDFS, Dataset, Literal, Namespace, URIRef

from kg.graph.iri import mint
from kg.graph.namespace import KG_NS
from kg.graph.nt import to_rdflib
from kg.render import SUMMARY_NODES, render_html
from kg.render.synthetic import synthetic_graph

pytestmark = pytest.mark.browser

Seed = Callable[..., Dataset]
Open = Callable[..., Any]
T = Namespace(KG_NS)
BBC_150 = Path(__file__).parent.parent / "data" / "view" / "bbc-business-150.nt.gz"

#: The top 50 labels of the first screen: on-screen size, and pairs whose boxes overlap (vis-network's own
#: label boxes, in canvas coordinates, as last drawn).
FIRST_SCREEN = """() => {
  const v = kgView, scale = v.network.getScale();
  const ids = v.visibleIds().slice(0, 50);
  const boxes = ids.map(id => v.labelBox(id));
  const overlaps = [];
  for (let i = 0; i < boxes.length; i++) for (let j = i + 1; j < boxes.length; j++) {
    const a = boxes[i], b = boxes[j];
    if (a.left < b.left + b.width && b.left < a.left + a.width && a.top < b.top + b.height && b.top < a.top + a.height)
      overlaps.push([ids[i], ids[j]]);
  }
  const inside = ids.filter(id => {
    const at = v.network.canvasToDOM(v.network.getPosition(id));
    const c = document.querySelector("#kg-graph");
    return at.x >= 0 && at.y >= 0 && at.x <= c.clientWidth && at.y <= c.clientHeight;
  }).length;
  return {shown: v.visibleIds().length, labels: ids.length, px: Math.min(...boxes.map(b => b.font * scale)),
          overlaps: overlaps, inside: inside};
}"""
INKED_PIXELS = """() => {
  const c = document.querySelector("#kg-graph canvas");
  const d = c.getContext("2d").getImageData(0, 0, c.width, c.height).data;
  let n = 0;
  for (let i = 3; i < d.length; i += 4) if (d[i] > 0) n++;
  return n;
}"""
NODE_XY = """id => {
  const n = kgView.network, at = n.canvasToDOM(n.getPosition(id));
  const box = document.querySelector("#kg-graph canvas").getBoundingClientRect();
  return [box.left + at.x, box.top + at.y];
}"""


def bbc_150() -> list[tuple[Any, Any, Any]]:
    """The view's share of ``kg build`` on the first 150 BBC business articles (tests/data/view/README.md)."""
    with gzip.open(BBC_150, "rb") as f:
        quads = list(ox.parse(f.read(), format=ox.RdfFormat.N_TRIPLES))
    return [(to_rdflib(str(q.subject)), to_rdflib(str(q.predicate)), to_rdflib(str(q.object))) for q in quads]


def assert_legible(page: Any, *, labels: int) -> dict[str, Any]:
    measured: dict[str, Any] = page.evaluate(FIRST_SCREEN)
    assert measured["labels"] == labels
    assert measured["px"] >= 12.0
    assert measured["overlaps"] == []
    assert measured["inside"] == labels  # all on the first screen
    return measured


def assert_clean(opened: Any) -> None:
    assert (opened.errors, opened.outside, opened.failed, opened.dialogs) == ([], [], [], [])


def test_the_seeds_first_screen_is_legible_and_lists_what_is_not_linked(
    seed: Seed, open_page: Open, tmp_path: Path
) -> None:
    render_html(seed(), tmp_path / "g.html")
    opened = open_page(tmp_path / "g.html")
    page = opened.page
    first = assert_legible(page, labels=15)
    assert page.evaluate(INKED_PIXELS) > 2000
    # communities are named by their top entity, and coloured
    names = page.locator("#kg-communities button").all_text_contents()
    assert names[0] == "Jeyhun Bayramov" and "Azerbaijan" in names
    # the legend explains every line, shape (types) and colour (communities, and none)
    assert page.locator("#kg-lines li").count() == 4
    assert page.locator("#kg-legend svg").count() == page.locator("#kg-legend label").count() == 5
    assert (page.locator("#kg-communities li").last.text_content() or "").strip() == "no community"
    # the news agencies have no relation or event: listed under their type, not drawn
    isolated = page.locator("#kg-isolated details", has_text="Organization")
    isolated.locator("summary").click()
    assert isolated.locator("button").all_text_contents() == ["Azernews", "Trend"]
    drawn = page.evaluate("kgView.nodes.get().map(n => n.label)")
    assert "Trend" not in drawn and "Azernews" not in drawn
    isolated.locator("button", has_text="Trend").click()
    assert page.locator("#kg-details h2").text_content() == "Trend"
    assert "Trend" in page.evaluate("kgView.nodes.get().map(n => n.label)")
    assert page.evaluate("kgView.visibleIds().length") == first["shown"] + 1
    page.locator("#kg-reset").click()
    assert page.evaluate("kgView.visibleIds().length") == first["shown"]
    assert page.locator("#kg-panel").is_hidden()
    assert_clean(opened)


def test_a_click_marks_the_node_and_its_neighbours_and_dims_the_rest(
    seed: Seed, open_page: Open, tmp_path: Path
) -> None:
    render_html(seed(), tmp_path / "g.html")
    opened = open_page(tmp_path / "g.html")
    page = opened.page
    colours = "() => Object.fromEntries(kgView.nodes.get().map(n => [n.label, n.color.background]))"
    before = page.evaluate(colours)
    target = page.evaluate("kgView.nodes.get().find(n => n.label === 'Baku').id")
    page.mouse.click(*page.evaluate(NODE_XY, target))
    after = page.evaluate(colours)
    # Baku's neighbours: the ministry located in it and the country it is located in
    for kept in ("Baku", "Azerbaijani Foreign Ministry", "Azerbaijan"):
        assert after[kept] == before[kept]
    dimmed = {label for label, colour in after.items() if colour != before[label]}
    assert dimmed == set(before) - {"Baku", "Azerbaijani Foreign Ministry", "Azerbaijan"}
    assert page.locator("#kg-details h2").text_content() == "Baku"
    # relations carry the sentence that says them; events come in date order with theirs
    page.keyboard.press("Escape")
    assert page.evaluate(colours) == before
    page.evaluate("kgView.select(kgView.nodes.get().find(n => n.label === 'Jeyhun Bayramov').id)")
    events = page.locator(".kg-events > li")
    dates = [d for d in events.locator(".kg-date").all_text_contents()]
    assert dates == sorted(dates) and len(dates) == 3
    assert events.first.locator("blockquote").count() == 1
    assert page.locator(".kg-articles li").count() == 2
    assert_clean(opened)


def test_the_timeline_filters_the_graph_to_a_period(seed: Seed, open_page: Open, tmp_path: Path) -> None:
    ds = seed()
    undated = mint("event", "undated-talks")
    ds.add((undated, RDF.type, T.Meeting))
    ds.add((undated, RDFS.label, Literal("Undated talks")))
    render_html(ds, tmp_path / "g.html")
    opened = open_page(tmp_path / "g.html")
    page = opened.page
    assert page.evaluate("kgView.buckets") == ["1998", "2020", "2023"]
    assert "Undated events (1)" in (page.locator("#kg-time details summary").text_content() or "")
    # keyboard: the "From" slider one step right: 2020 onwards
    page.locator("#kg-time input[type=range]").first.focus()
    page.keyboard.press("ArrowRight")
    labels = set(page.evaluate("kgView.nodes.get().map(n => n.label)"))
    assert "Trilateral statement" in labels and "Russia" in labels  # a 2020 event and who took part
    assert "State Program on Protection of Human Rights" not in labels  # 1998
    assert "United Nations" not in labels  # takes part in no event of the period
    assert "2020 – 2023" in (page.locator("#kg-time .kg-period").text_content() or "")
    listed = page.locator("#kg-time .kg-period-events button").all_text_contents()
    assert "Trilateral statement" in listed and "State Program on Protection of Human Rights" not in listed
    page.keyboard.press("Home")  # reset
    assert "all time" in (page.locator("#kg-time .kg-period").text_content() or "")
    assert "United Nations" in page.evaluate("kgView.nodes.get().map(n => n.label)")
    assert_clean(opened)


def test_a_150_article_bbc_build_opens_on_a_legible_summary(open_page: Open, tmp_path: Path) -> None:
    report = render_html(bbc_150(), tmp_path / "bbc.html", title="BBC business, 150 articles")
    assert report.nodes > 900
    opened = open_page(tmp_path / "bbc.html")
    page = opened.page
    first = assert_legible(page, labels=50)
    assert 100 <= first["shown"] <= SUMMARY_NODES
    assert page.evaluate(INKED_PIXELS) > 20000
    # the isolated entities are listed, by type, and not drawn
    counts = page.locator("#kg-isolated summary").all_text_contents()
    assert any(c.startswith("Person (") for c in counts) and any(c.startswith("Organization (") for c in counts)
    drawn = set(page.evaluate("kgView.visibleIds()"))
    isolated_from = page.evaluate("JSON.parse(document.getElementById('kg-data').textContent).isolated")
    assert all(i < isolated_from for i in drawn)
    # a node off the first screen is found by search and shown, then its neighbours on demand
    hidden = page.evaluate(
        "(() => { const d = JSON.parse(document.getElementById('kg-data').textContent);"
        " return d.info[d.summary + 3][0]; })()"
    )
    page.fill("#kg-search", hidden)
    page.locator("#kg-results li").first.wait_for()
    page.press("#kg-search", "Enter")
    assert page.locator("#kg-details h2").text_content() == hidden
    assert page.evaluate("kgView.visibleIds().length") == first["shown"] + 1
    show = page.locator(".kg-show")
    if show.is_enabled():
        show.click()
        assert page.evaluate("kgView.visibleIds().length") > first["shown"] + 1
        assert show.text_content() == "All neighbours shown"
    assert_clean(opened)


def test_co_mentions_are_switched_on_lighter_and_dashed(open_page: Open, tmp_path: Path) -> None:
    render_html(synthetic_graph(400, seed=5, co_mentions=True), tmp_path / "co.html")
    opened = open_page(tmp_path / "co.html")
    page = opened.page
    typed = page.evaluate("kgView.edges.get().map(e => e.id)")
    assert typed and all(e.startswith("e") for e in typed)
    page.locator("#kg-co").check()
    styles = page.evaluate(
        "kgView.edges.get().map(e => [e.id[0], JSON.stringify(e.dashes), e.arrows, e.color.color, e.label || ''])"
    )
    co = [s for s in styles if s[0] == "c"]
    assert co, "no co-mention drawn"
    assert all(s[1] != "false" and s[2] == "" and s[3] == "#c3cad3" and s[4] == "" for s in co)
    assert all(s[1] == "false" and s[3] != "#c3cad3" for s in styles if s[0] == "e")
    assert sorted(e for e, *_ in styles if e == "e") == ["e"] * len(typed)
    page.locator("#kg-co").uncheck()
    assert page.evaluate("kgView.edges.get().every(e => e.id[0] === 'e')")
    assert_clean(opened)


def test_a_10k_node_graph_opens_on_its_summary_and_finds_the_rest(open_page: Open, tmp_path: Path) -> None:
    report = render_html(synthetic_graph(10_000, seed=3), tmp_path / "big.html", title="10k")
    assert report.nodes == 10_000
    opened = open_page(tmp_path / "big.html", timeout_s=120)
    page = opened.page
    first = assert_legible(page, labels=50)
    assert first["shown"] == SUMMARY_NODES
    assert page.evaluate(INKED_PIXELS) > 20000
    last = page.evaluate(
        "(() => { const d = JSON.parse(document.getElementById('kg-data').textContent);"
        " return [d.info.length - 1, d.info[d.info.length - 1][0]]; })()"
    )
    page.fill("#kg-search", last[1])
    page.locator("#kg-results li").first.wait_for()
    page.press("#kg-search", "Enter")
    assert last[0] in page.evaluate("kgView.visibleIds()")
    page.keyboard.press("Home")
    assert page.evaluate("kgView.visibleIds().length") == SUMMARY_NODES
    page.locator("#kg-legend label", has_text="Person").click()
    assert 0 < page.evaluate("kgView.visibleIds().length") < SUMMARY_NODES
    assert page.evaluate("kgView.nodes.get().filter(n => n.shape === 'dot').length") == 0
    page.locator("#kg-reset").click()
    assert page.evaluate("kgView.visibleIds().length") == SUMMARY_NODES
    assert_clean(opened)


def test_the_keyboard_reaches_search_and_reset(seed: Seed, open_page: Open, tmp_path: Path) -> None:
    render_html(seed(), tmp_path / "g.html")
    opened = open_page(tmp_path / "g.html")
    page = opened.page
    first = page.evaluate("kgView.visibleIds()")
    page.keyboard.press("/")
    page.keyboard.type("trend")
    page.keyboard.press("ArrowDown")  # one result only: stays on it
    page.keyboard.press("Enter")
    assert page.locator("#kg-details h2").text_content() == "Trend"
    assert len(page.evaluate("kgView.visibleIds()")) == len(first) + 1
    page.keyboard.press("Escape")
    assert page.locator("#kg-panel").is_hidden()
    page.keyboard.press("Home")
    assert page.evaluate("kgView.visibleIds()") == first
    page.locator("#kg-reset").focus()
    page.keyboard.press("Enter")
    assert page.evaluate("kgView.visibleIds()") == first
    # the map itself takes the keyboard once focused (Tab reaches it): + zooms, arrows pan
    page.wait_for_timeout(400)  # the reset's animation
    page.focus("#kg-graph .vis-network")
    scale, at = page.evaluate("[kgView.network.getScale(), kgView.network.getViewPosition().x]")
    page.keyboard.down("Equal")
    page.wait_for_timeout(300)
    page.keyboard.up("Equal")
    page.keyboard.down("ArrowRight")
    page.wait_for_timeout(300)
    page.keyboard.up("ArrowRight")
    assert page.evaluate("kgView.network.getScale()") > scale
    assert page.evaluate("kgView.network.getViewPosition().x") > at
    assert_clean(opened)


def test_the_same_graph_gives_the_same_page(tmp_path: Path) -> None:
    for name in ("a", "b"):
        render_html(synthetic_graph(600, seed=4, co_mentions=True), tmp_path / f"{name}.html")
    assert (tmp_path / "a.html").read_bytes() == (tmp_path / "b.html").read_bytes()


def test_the_view_reads_its_vocabulary_from_one_place() -> None:
    from kg.render.network import EVENT_CLASSES
    from kg.render.vocab import vocabulary
    from kg.vocab import vocabulary as ontology

    v = vocabulary()
    assert EVENT_CLASSES == v.event_classes == frozenset(ontology().events)
    assert {str(p)[len(KG_NS) :] for p in v.relations} == {*ontology().relations, "reports"}
    assert {str(p)[len(KG_NS) :] for p in v.event_roles} == set(ontology().roles)
    assert URIRef(KG_NS + "cooperatesWith") in v.drawn and v.co_mention not in v.drawn
