"""``kg serve`` answers a browser at / with a query page (YASGUI, inlined): in real headless Chromium it shows a
tab per example query and runs them on the read-only endpoint, with no request leaving the page."""

from __future__ import annotations

import threading
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

from kg.serve import SparqlServer, make_server
from kg.sparql_page import query_page

QUERIES = Path(__file__).resolve().parents[2] / "queries"


def test_the_page_is_self_contained_and_escapes_the_queries(tmp_path: Path) -> None:
    (tmp_path / "evil.rq").write_text('SELECT * { ?s ?p "</script><script>alert(1)</script>" }', encoding="utf-8")
    page = query_page((tmp_path,)).decode("utf-8")
    assert page.count("</script>") == 2  # the library's and the page's own: the query's text cannot end one
    assert "alert(1)" in page and "<script>alert" not in page
    assert "connect-src 'self'" in page and "http://" not in page.split("<style>", 1)[0]


@pytest.fixture()
def server(store_dir: Path) -> Iterator[SparqlServer]:
    srv = make_server(store_dir, port=0, timeout=5, limit=1000, workers=1)
    thread = threading.Thread(target=srv.serve_forever, daemon=True)
    thread.start()
    yield srv
    srv.shutdown()
    srv.server_close()


@pytest.mark.browser
@pytest.mark.server
def test_the_page_runs_the_example_queries_offline(server: SparqlServer, browser: Any) -> None:
    base = server.url.rsplit("/sparql", 1)[0]
    page = browser.new_page()
    outside: list[str] = []
    errors: list[str] = []
    page.on("request", lambda r: None if r.url.startswith((base, "data:")) else outside.append(r.url))
    page.on("console", lambda m: errors.append(m.text) if m.type == "error" else None)
    page.on("pageerror", lambda e: errors.append(str(e)))
    page.goto(f"{base}/")
    names = sorted(f.stem for f in QUERIES.glob("*.rq"))
    page.wait_for_function(f"document.querySelectorAll('[role=tab]').length === {len(names)}")
    assert [t.split("\n")[0] for t in page.locator("[role=tab]").all_inner_texts()] == names  # and a close button
    page.locator("[role=tab]", has_text="entities-by-type").click()
    page.locator(".tabPanel.active .yasqe_queryButton").click()
    page.wait_for_selector(".tabPanel.active .yasr table tbody tr")
    rows = page.locator(".tabPanel.active .yasr table tbody tr")
    assert rows.count() == 6 and "Tony Blair" in page.locator(".tabPanel.active .yasr").inner_text()
    assert errors == [] and outside == [], (errors, outside)
    # the endpoint stays read-only, and the page cannot reach anywhere else
    status = page.evaluate(
        "fetch('/sparql', {method: 'POST', headers: {'Content-Type': 'application/sparql-update'},"
        " body: 'DROP ALL'}).then(r => r.status)"
    )
    assert status in (400, 403)
    blocked = page.evaluate("fetch('https://example.org/').then(() => 'sent', () => 'blocked')")
    assert blocked == "blocked"
    assert outside == [], outside
    page.close()
