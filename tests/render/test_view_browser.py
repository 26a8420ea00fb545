"""The page in real headless Chromium with the network off: it draws, it explores, and data stays text."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest
from rdflib import Dataset

from kg.render import render_html

pytestmark = pytest.mark.browser

Seed = Callable[..., Dataset]
Open = Callable[..., Any]

INKED_PIXELS = """() => {
  const c = document.querySelector("#kg-graph canvas");
  const d = c.getContext("2d").getImageData(0, 0, c.width, c.height).data;
  let n = 0;
  for (let i = 3; i < d.length; i += 4) if (d[i] > 0) n++;
  return n;
}"""
NODE_ID = "label => kgView.nodes.get().find(n => n.label === label).id"
NODE_XY = """id => {
  const n = kgView.network, at = n.canvasToDOM(n.getPosition(id));
  const box = document.querySelector("#kg-graph canvas").getBoundingClientRect();
  return [box.left + at.x, box.top + at.y];
}"""
ELEMENTS = """() => {
  const count = {};
  for (const tag of ["script", "img", "a", "iframe", "object", "embed", "svg", "mark"])
    count[tag] = document.getElementsByTagName(tag).length;
  count.handlers = [...document.querySelectorAll("*")]
    .flatMap(e => [...e.attributes].map(a => a.name)).filter(n => n.startsWith("on")).length;
  count.hrefs = [...document.querySelectorAll("a")].map(a => a.href);
  return count;
}"""


def assert_clean(opened: Any) -> None:
    assert opened.errors == []
    assert opened.outside == []
    assert opened.failed == []
    assert opened.dialogs == []


def test_page_loads_offline_and_draws(seed: Seed, open_page: Open, tmp_path: Path) -> None:
    render_html(seed(), tmp_path / "graph.html", title="kg: seeds")
    opened = open_page(tmp_path / "graph.html")
    page = opened.page
    assert page.evaluate(INKED_PIXELS) > 2000
    assert page.title() == "kg: seeds"
    assert page.locator("#kg-legend label").count() == 5  # the kinds present: no Region, no Place, no Date
    assert page.evaluate("kgView.network.physics.options.enabled") is False  # settled, then stopped
    assert_clean(opened)


def test_search_by_an_alt_name_focuses_the_node(seed: Seed, open_page: Open, tmp_path: Path) -> None:
    render_html(seed(), tmp_path / "graph.html")
    opened = open_page(tmp_path / "graph.html")
    page = opened.page
    page.fill("#kg-search", "swiss conf")
    first = page.locator("#kg-results li").first
    assert first.locator(".kg-name").text_content() == "Switzerland"
    assert "Swiss Confederation" in (first.locator(".kg-via").text_content() or "")
    page.press("#kg-search", "Enter")
    switzerland = page.evaluate(NODE_ID, "Switzerland")
    assert page.evaluate("kgView.network.getSelectedNodes()") == [switzerland]
    assert page.locator("#kg-details h2").text_content() == "Switzerland"
    box = page.locator("#kg-graph canvas").bounding_box()
    centre = (box["x"] + box["width"] / 2, box["y"] + box["height"] / 2)
    for _ in range(30):  # the focus animation (longer on a loaded machine)
        page.wait_for_timeout(100)
        x, y = page.evaluate(NODE_XY, switzerland)
        if abs(x - centre[0]) < 5 and abs(y - centre[1]) < 5:
            break
    assert abs(x - centre[0]) < 5 and abs(y - centre[1]) < 5
    assert_clean(opened)


def test_a_type_filter_hides_its_nodes(seed: Seed, open_page: Open, tmp_path: Path) -> None:
    render_html(seed(), tmp_path / "graph.html")
    opened = open_page(tmp_path / "graph.html")
    page = opened.page
    first = page.evaluate("kgView.visibleIds().length")
    people = page.evaluate("kgView.nodes.get().filter(n => n.shape === 'dot').length")
    assert people >= 2
    page.locator("#kg-legend label", has_text="Person").click()
    assert page.evaluate("kgView.visibleIds().length") == first - people
    assert page.evaluate("kgView.nodes.get().filter(n => n.shape === 'dot').length") == 0
    assert page.evaluate("kgView.network.body.nodeIndices.length") == first - people  # drawn without them
    page.locator("#kg-legend label", has_text="Person").click()
    assert page.evaluate("kgView.visibleIds().length") == first
    assert_clean(opened)


def test_clicking_a_node_shows_names_links_and_sentences(seed: Seed, open_page: Open, tmp_path: Path) -> None:
    render_html(seed(), tmp_path / "graph.html")
    opened = open_page(tmp_path / "graph.html")
    page = opened.page
    assert page.locator("#kg-panel").is_hidden()
    page.mouse.click(*page.evaluate(NODE_XY, page.evaluate(NODE_ID, "Azerbaijan")))
    panel = page.locator("#kg-panel")
    assert panel.is_visible()
    assert panel.locator("h2").text_content() == "Azerbaijan"
    assert "Republic of Azerbaijan" in (panel.text_content() or "")
    links = panel.locator("a")
    assert links.evaluate_all("as => as.map(a => [a.textContent, a.href])") == [
        ["GeoNames 587116", "https://sws.geonames.org/587116/"],
        ["Wikidata Q227", "https://www.wikidata.org/entity/Q227"],
    ]
    sentences = panel.locator(".kg-evidence blockquote").all_text_contents()
    assert any(s.startswith("In his speech, Jeyhun Bayramov provided") for s in sentences)
    sources = panel.locator(".kg-source").all_text_contents()  # article title · date, oldest article first
    assert sources[0] == "Foreign Ministry calls on rights organizations to support trilateral statement · 2023-06-16"
    assert any(s.startswith("Azerbaijani FM addresses 54th session") for s in sources)
    assert panel.locator(".kg-evidence mark").first.text_content() in ("Azerbaijan", "Azerbaijan Republic")
    # a relation in the panel leads to the node at its other end
    panel.locator(".kg-rel button", has_text="United Nations").click()
    assert panel.locator("h2").text_content() == "United Nations"
    page.keyboard.press("Escape")
    assert panel.is_hidden()
    assert_clean(opened)


NASTY_TITLE = "kg </script><script>alert(3)</script> & \"quotes\" 'single' \\ <!-- x"
NASTY_SENTENCE = 'In his speech, <script>alert(5)</script> <img src=x onerror=alert(6)> said "hi" \\ </script>'


def nasty_seed(seed: Seed) -> Dataset:
    return seed(
        overrides={
            "bayramov": (
                "<script>alert(1)</script>",
                ["<img src=x onerror=alert(1)>", 'Bay "the" \\ minister'],
            ),
            "azerbaijan": ('<a href="javascript:alert(1)">x</a>', ["</script><script>alert(2)</script>"]),
        },
        titles={"a0": "<img src=x onerror=alert(4)> title"},
        sentences={("a0", 1): NASTY_SENTENCE},
    )


def explore(page: Any, query: str) -> dict[str, Any]:
    """Search, open the first hit's panel, hover it, and count what the DOM holds."""
    page.fill("#kg-search", query)
    page.locator("#kg-results li").first.wait_for()
    results = page.locator("#kg-results li").first.text_content()
    page.press("#kg-search", "Enter")
    page.wait_for_timeout(600)
    selected = page.evaluate("kgView.network.getSelectedNodes()[0]")
    page.mouse.move(*page.evaluate(NODE_XY, selected))
    page.locator("#kg-tip").wait_for()
    page.wait_for_timeout(300)  # time for any injected image to fail and fire onerror
    return {"results": results, "tip": page.locator("#kg-tip").text_content(), **page.evaluate(ELEMENTS)}


def test_strings_from_the_data_stay_text(seed: Seed, open_page: Open, tmp_path: Path) -> None:
    render_html(seed(), tmp_path / "clean.html", title="clean")
    render_html(nasty_seed(seed), tmp_path / "nasty.html", title=NASTY_TITLE)
    clean = open_page(tmp_path / "clean.html")
    nasty = open_page(tmp_path / "nasty.html")
    page = nasty.page
    assert page.title() == NASTY_TITLE
    assert page.locator("#kg-title").text_content() == NASTY_TITLE

    before, after = explore(clean.page, "Jeyhun Bayramov"), explore(page, "img src")
    assert after["results"].startswith("<script>alert(1)</script>")  # the label, as text
    assert "<img src=x onerror=alert(1)>" in after["results"]  # the alt name it matched
    assert after["tip"].startswith("<script>alert(1)</script>")
    for tag in ("script", "img", "a", "iframe", "object", "embed", "svg", "handlers"):
        assert after[tag] == before[tag], tag
    assert after["hrefs"] == before["hrefs"] == ["https://www.wikidata.org/entity/Q4349178"]

    panel = page.locator("#kg-panel")
    assert panel.locator("h2").text_content() == "<script>alert(1)</script>"
    assert NASTY_SENTENCE in panel.locator(".kg-evidence blockquote").all_text_contents()
    assert "<img src=x onerror=alert(4)> title" in panel.locator(".kg-source b").all_text_contents()
    assert 'Bay "the" \\ minister' in (panel.text_content() or "")

    # a relation leads to the country whose label is a link with a javascript: href: still text, no link
    panel.locator(".kg-rel button", has_text="Azerbaijani Foreign Ministry").click()
    panel.locator(".kg-rel button", has_text="Baku").click()
    panel.locator(".kg-rel button", has_text='<a href="javascript:alert(1)">x</a>').click()
    assert panel.locator("h2").text_content() == '<a href="javascript:alert(1)">x</a>'
    assert page.evaluate("[...document.querySelectorAll('a')].every(a => a.protocol === 'https:')")
    page.wait_for_timeout(300)
    assert_clean(clean)
    assert_clean(nasty)
