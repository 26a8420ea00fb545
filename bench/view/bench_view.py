"""Benchmark of the HTML view: file size, build time, first paint and the first screen's legibility in headless
Chromium.

    python bench/view/bench_view.py                                  # synthetic 10k and 50k nodes
    python bench/view/bench_view.py --sizes 1000 10000               # other synthetic sizes
    python bench/view/bench_view.py --graph out/graph.ttl --sizes    # a built graph (ttl, trig, nt, nq)
    python bench/view/bench_view.py --graph out/graph.ttl --sizes --co-mentions  # with pairs named together

Synthetic graphs come from kg.render.synthetic (news-shaped, preferential attachment). A built graph is read
with pyoxigraph and given to the view the way ``kg build`` does (kg.render.subset). "build" is the time of
render_html, "paint" the time from navigation to the first drawn canvas as the page measures it
(performance.now()); "px" the smallest on-screen size of the top 50 labels and "overlaps" how many pairs of
them overlap, both read from vis-network's label boxes in the page. ``--co-mentions`` adds, to a built graph that
has none, a ``kg:mentionedWith`` and a ``kg:CoMention`` (rdf:subject, rdf:object, kg:sentenceCount,
kg:articleCount) for each two entities named in one sentence, as the builder of issue #12 writes them.
"""

from __future__ import annotations

import argparse
import shutil
import statistics
import sys
import tempfile
import time
from collections import defaultdict
from itertools import combinations
from pathlib import Path
from typing import Any

import pyoxigraph as ox

from kg.graph.quads import DEFAULT, GraphSet
from kg.render import render_html
from kg.render.subset import view_quads
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
#: The first screen's measures, read from the page (also used by tests/render).
FIRST_SCREEN = """() => {
  const v = kgView, scale = v.network.getScale();
  const boxes = v.visibleIds().slice(0, 50).map(id => v.labelBox(id)).filter(Boolean);
  let overlaps = 0;
  for (let i = 0; i < boxes.length; i++) for (let j = i + 1; j < boxes.length; j++) {
    const a = boxes[i], b = boxes[j];
    if (a.left < b.left + b.width && b.left < a.left + a.width && a.top < b.top + b.height && b.top < a.top + a.height)
      overlaps++;
  }
  return {
    paint: +document.documentElement.dataset.kgDrawnMs / 1000,
    shown: v.visibleIds().length,
    px: boxes.length ? Math.min(...boxes.map(b => b.font * scale)) : 0,
    overlaps: overlaps,
  };
}"""
SIZES = [10_000, 50_000]


def load(browser: Any, page_path: Path, timeout_s: float = 300.0) -> dict[str, Any]:
    context = browser.new_context(viewport={"width": 1440, "height": 900})
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
    measured: dict[str, Any] = page.evaluate(FIRST_SCREEN)
    measured["outside"] = len(outside)
    context.close()
    return measured


def graph_file(path: Path) -> GraphSet:
    """A built graph file as the builder's GraphSet (its named graphs merged into one: the view reads the union)."""
    triples = [(str(q.subject), str(q.predicate), str(q.object)) for q in ox.parse(path=str(path))]
    return GraphSet.of({DEFAULT: triples})


_KG = "https://w3id.org/kg-news/ontology#"
_RDF = "http://www.w3.org/1999/02/22-rdf-syntax-ns#"
_INTEGER = "<http://www.w3.org/2001/XMLSchema#integer>"


def with_co_mentions(graph: GraphSet) -> GraphSet:
    """``graph`` and a co-mention for each two entities its mentions name in one sentence."""
    triples = graph.graphs.get(DEFAULT, ())
    refers, sentence_of, article_of = {}, {}, {}
    for s, p, o in triples:
        if p == f"<{_KG}refersTo>":
            refers[s] = o
        elif p == f"<{_KG}inSentence>":
            sentence_of[s] = o
        elif p == f"<{_KG}inArticle>":
            article_of[s] = o
    named: defaultdict[str, set[str]] = defaultdict(set)
    for mention, entity in refers.items():
        if mention in sentence_of:
            named[sentence_of[mention]].add(entity)
    pairs: defaultdict[tuple[str, str], list[str]] = defaultdict(list)
    for sentence, entities in named.items():
        for a, b in combinations(sorted(entities), 2):
            pairs[a, b].append(article_of.get(sentence, sentence))
    extra = []
    for i, ((a, b), articles) in enumerate(sorted(pairs.items())):
        node = f"<https://w3id.org/kg-news/id/comention/{i}>"
        extra += [
            (a, f"<{_KG}mentionedWith>", b),
            (node, f"<{_RDF}type>", f"<{_KG}CoMention>"),
            (node, f"<{_RDF}subject>", a),
            (node, f"<{_RDF}object>", b),
            (node, f"<{_KG}sentenceCount>", f'"{len(articles)}"^^{_INTEGER}'),
            (node, f"<{_KG}articleCount>", f'"{len(set(articles))}"^^{_INTEGER}'),
        ]
    return GraphSet.of({DEFAULT: [*triples, *extra]})


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--sizes", type=int, nargs="*", help=f"synthetic graphs of so many entities ({SIZES})")
    parser.add_argument("--graph", type=Path, action="append", default=[], help="a built graph file; repeatable")
    parser.add_argument("--co-mentions", action="store_true", help="add co-mentions to the built graphs")
    parser.add_argument("--repeat", type=int, default=3, help="page loads per page; the median paint is shown")
    parser.add_argument("--keep", type=Path, help="write the pages to this folder instead of a temporary one")
    args = parser.parse_args()
    if not Path(CHROMIUM).exists():
        print(f"{CHROMIUM} not found: apt-get install chromium", file=sys.stderr)
        return 2
    from playwright.sync_api import sync_playwright

    folder = args.keep or Path(tempfile.mkdtemp(prefix="kg-bench-view-"))
    folder.mkdir(parents=True, exist_ok=True)
    sizes = SIZES if args.sizes is None else args.sizes
    jobs: list[tuple[str, Any]] = [(str(g), g) for g in args.graph] + [(f"synthetic {n:,}", n) for n in sizes]
    columns = ["graph", "nodes", "edges", "first view", "MB", "build s", "paint s", "top-50 px", "overlaps"]
    print("| " + " | ".join(columns) + " |")
    print("|" + "|".join("---:" for _ in columns) + "|")
    with sync_playwright() as pw:
        browser = pw.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
        for i, (name, source) in enumerate(jobs):
            if isinstance(source, Path):
                built_graph = graph_file(source)
                graph = view_quads(with_co_mentions(built_graph) if args.co_mentions else built_graph)
            else:
                graph = synthetic_graph(source, seed=1, co_mentions=args.co_mentions)
            path = folder / f"view-{i}.html"
            start = time.perf_counter()
            report = render_html(graph, path, title=name)
            built = time.perf_counter() - start
            loads = [load(browser, path) for _ in range(args.repeat)]
            if any(m["outside"] for m in loads):
                print(f"  {path.name}: requests tried to leave the page", file=sys.stderr)
            first = loads[0]
            cells = [name, f"{report.nodes:,}", f"{report.edges:,}", f"{first['shown']:,}", f"{report.bytes / 1e6:.1f}"]
            cells += [f"{built:.1f}", f"{statistics.median(m['paint'] for m in loads):.2f}"]
            cells += [f"{first['px']:.1f}", str(first["overlaps"])]
            print("| " + " | ".join(cells) + " |", flush=True)
        browser.close()
    if not args.keep:
        shutil.rmtree(folder)
    return 0


if __name__ == "__main__":
    sys.exit(main())
