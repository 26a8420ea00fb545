"""Benchmark of the HTML view: file size, build time and load time in headless Chromium.

    python bench/view/bench_view.py                   # 1k, 10k, 50k nodes
    python bench/view/bench_view.py --sizes 500 2000  # other sizes
    python bench/view/bench_view.py --physics-sweep   # stabilisation time with physics on, to set the threshold

Graphs are synthetic (kg.render.synthetic: news-shaped, preferential attachment, one mention per entity).
"graph" is the time to make the rdflib graph (not part of kg), "build" the time of render_html, "drawn" the
time from navigation to the first drawn canvas and "stable" to the layout at rest (physics settled, or at once
when physics is off), both as the page itself measures them (performance.now()).
"""

from __future__ import annotations

import argparse
import shutil
import statistics
import sys
import tempfile
import time
from pathlib import Path

from kg.render import PHYSICS_MAX_NODES, render_html
from kg.render.layout import positions
from kg.render.network import to_network
from kg.render.page import render_page
from kg.render.synthetic import synthetic_graph

CHROMIUM = "/usr/bin/chromium"
CHROMIUM_ARGS = [
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--no-first-run",
    "--disable-sync",
]


def load_times(browser: object, page_path: Path, timeout_s: float = 300.0) -> tuple[float, float, int]:
    """(drawn, stable) in seconds since navigation, and the number of requests that tried to leave the page."""
    context = browser.new_context(viewport={"width": 1440, "height": 900})  # type: ignore[attr-defined]
    page = context.new_page()
    outside: list[str] = []
    page.route(
        "**/*",
        lambda route: (
            route.continue_()
            if route.request.url.startswith("file:")
            else (outside.append(route.request.url), route.abort())
        ),
    )
    page.goto(page_path.as_uri(), timeout=timeout_s * 1000)
    page.wait_for_selector("html[data-kg-state=stable]", state="attached", timeout=timeout_s * 1000)
    drawn, stable = page.evaluate(
        "[+document.documentElement.dataset.kgDrawnMs, +document.documentElement.dataset.kgStableMs]"
    )
    context.close()
    return drawn / 1000, stable / 1000, len(outside)


SIZES = [1_000, 10_000, 50_000]
SWEEP = [250, 500, 1_000, 1_500, 2_000, 3_000]


def write_page(n: int, path: Path, *, physics_sweep: bool) -> tuple[int, int, bool, int, float, float]:
    """(nodes, edges, physics, bytes, seconds to make the graph, seconds of kg's rendering)."""
    start = time.perf_counter()
    graph = synthetic_graph(n, seed=1)
    made = time.perf_counter()
    if physics_sweep:  # force the physics on, whatever the threshold says
        news = to_network(graph)
        page = render_page(news, positions(news.graph), title=f"{n}", left_out=None, physics=True)
        path.write_text(page, encoding="utf-8")
        nodes, edges, physics = news.graph.number_of_nodes(), news.graph.number_of_edges(), True
    else:
        report = render_html(graph, path, title=f"Synthetic news graph, {n:,} entities")
        nodes, edges, physics = report.nodes, report.edges, report.physics
    return nodes, edges, physics, path.stat().st_size, made - start, time.perf_counter() - made


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--sizes", type=int, nargs="+", help=f"entities per graph (default {SIZES})")
    parser.add_argument("--physics-sweep", action="store_true", help=f"physics on; default sizes {SWEEP}")
    parser.add_argument("--repeat", type=int, default=3, help="page loads per size; the median is shown")
    parser.add_argument("--keep", type=Path, help="write the pages to this folder instead of a temporary one")
    args = parser.parse_args()
    if not Path(CHROMIUM).exists():
        print(f"{CHROMIUM} not found: apt-get install chromium", file=sys.stderr)
        return 2
    from playwright.sync_api import sync_playwright

    folder = args.keep or Path(tempfile.mkdtemp(prefix="kg-bench-view-"))
    folder.mkdir(parents=True, exist_ok=True)
    sizes = args.sizes or (SWEEP if args.physics_sweep else SIZES)
    print(f"physics threshold (PHYSICS_MAX_NODES): {PHYSICS_MAX_NODES:,} nodes; median of {args.repeat} loads")
    columns = ["entities", "nodes", "edges", "physics", "MB", "graph s", "build s", "drawn s", "stable s"]
    print("| " + " | ".join(columns) + " |")
    print("|" + "|".join("---:" for _ in columns) + "|")
    with sync_playwright() as pw:
        browser = pw.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
        for n in sizes:
            path = folder / f"view-{n}.html"
            nodes, edges, physics, size, made, built = write_page(n, path, physics_sweep=args.physics_sweep)
            loads = [load_times(browser, path) for _ in range(args.repeat)]
            drawn = statistics.median(d for d, _, _ in loads)
            stable = statistics.median(s for _, s, _ in loads)
            if any(outside for _, _, outside in loads):
                print(f"  view-{n}.html: requests tried to leave the page", file=sys.stderr)
            cells = [f"{n:,}", f"{nodes:,}", f"{edges:,}", "on" if physics else "off", f"{size / 1e6:.1f}"]
            cells += [f"{made:.1f}", f"{built:.1f}", f"{drawn:.2f}", f"{stable:.2f}"]
            print("| " + " | ".join(cells) + " |", flush=True)
        browser.close()
    if not args.keep:
        shutil.rmtree(folder)
    return 0


if __name__ == "__main__":
    sys.exit(main())
