"""A web page in a real browser (headless Chromium) cannot use ``kg serve``: its ``<img>``, form posts and
``fetch`` calls are refused; a page of an origin allowed with ``--cors`` can query it and read the answer."""

from __future__ import annotations

import functools
import subprocess
import sys
import threading
import time
import urllib.parse
from collections.abc import Iterator
from http.server import SimpleHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path

import pytest

from kg.serve import SparqlServer, make_server

pytestmark = [pytest.mark.server, pytest.mark.browser]

CHROMIUM = "/usr/bin/chromium"
ARGS = ["--headless", "--no-sandbox", "--disable-gpu", "--no-first-run", "--disable-sync"]


#: Opens a page in headless Chromium, waits for its script to set the title and prints the title. In a process
#: of its own: Playwright's sync API cannot run twice in one process (the view's tests hold a browser open).
OPEN = """
import sys
from playwright.sync_api import sync_playwright
with sync_playwright() as pw:
    browser = pw.chromium.launch(executable_path=sys.argv[1], args=sys.argv[3:])
    tab = browser.new_page()
    tab.goto(sys.argv[2])
    tab.wait_for_function("document.title !== 'waiting'", timeout=30_000)
    print(tab.title())
    browser.close()
"""


def title_of(url: str) -> str:
    if not Path(CHROMIUM).exists():
        pytest.fail(f"{CHROMIUM} is missing: apt-get install -y chromium")
    done = subprocess.run(
        [sys.executable, "-c", OPEN, CHROMIUM, url, *ARGS], capture_output=True, text=True, timeout=120
    )
    assert done.returncode == 0, done.stderr
    return done.stdout.strip()


class Quiet(SimpleHTTPRequestHandler):
    def log_message(self, *args: object) -> None:
        pass


@pytest.fixture()
def sites(tmp_path: Path, store_dir: Path) -> Iterator[tuple[SparqlServer, list[str], int]]:
    """kg serve (allowing http://localhost:PAGES) and a server of web pages on port PAGES."""
    pages = ThreadingHTTPServer(("127.0.0.1", 0), functools.partial(Quiet, directory=str(tmp_path)))
    port = pages.server_address[1]
    log: list[str] = []
    srv = make_server(store_dir, port=0, cors=[f"http://localhost:{port}"], log=log.append)
    for s in (pages, srv):
        threading.Thread(target=s.serve_forever, daemon=True).start()
    yield srv, log, port
    for s in (pages, srv):
        s.shutdown()
        s.server_close()


def page(tmp_path: Path, name: str, endpoint: str) -> None:
    query = urllib.parse.quote("ASK { ?s ?p ?o }")
    (tmp_path / name).write_text(
        f"""<!doctype html><title>waiting</title>
<img src="{endpoint}?query={query}&from=img">
<form id="f" method="POST" action="{endpoint}?from=form" target="sink">
<input name="query" value="ASK {{ ?s ?p ?o }}"></form><iframe name="sink"></iframe>
<script>
document.getElementById("f").submit();
fetch("{endpoint}?from=nocors", {{method: "POST", mode: "no-cors",
  headers: {{"Content-Type": "application/x-www-form-urlencoded"}}, body: "query={query}"}}).catch(() => {{}});
fetch("{endpoint}?query={query}&from=cors", {{headers: {{"Accept": "application/sparql-results+json"}}}})
  .then(r => r.json()).then(j => {{ document.title = "answer " + j.boolean; }})
  .catch(e => {{ document.title = "refused"; }});
</script>""",
        encoding="utf-8",
    )


def requests_seen(log: list[str], n: int) -> list[str]:
    deadline = time.monotonic() + 30
    while time.monotonic() < deadline:
        lines = [line for line in log if " /sparql " in line]
        if len(lines) >= n:
            return lines
        time.sleep(0.1)
    return [line for line in log if " /sparql " in line]


def test_a_page_of_another_site_is_refused(sites: tuple[SparqlServer, list[str], int], tmp_path: Path) -> None:
    srv, log, port = sites
    page(tmp_path, "evil.html", srv.url)
    assert title_of(f"http://127.0.0.1:{port}/evil.html") == "refused"  # another origin (port) than the endpoint's
    lines = requests_seen(log, 4)
    assert len(lines) >= 4 and all(line.endswith(" 403") for line in lines), lines


def test_a_page_of_an_allowed_origin_reads_the_answer(
    sites: tuple[SparqlServer, list[str], int], tmp_path: Path
) -> None:
    srv, log, port = sites
    page(tmp_path, "app.html", srv.url)
    assert title_of(f"http://localhost:{port}/app.html") == "answer true"
