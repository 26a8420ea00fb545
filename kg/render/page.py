"""Writing the page: pyvis's Network as the model of nodes and edges, our own template around it.

pyvis renders its template with autoescaping off and links its scripts from a CDN or a ``lib/`` folder, so the
page is written here instead: a Jinja2 template with autoescaping on, vis-network inlined from the copy pyvis
ships, and every piece of data inside one ``<script type="application/json">`` block where ``<``, ``>``, ``&``
and U+2028/9 are JSON escapes. A Content-Security-Policy lets only these inline scripts (by hash) run and lets
nothing be fetched.
"""

from __future__ import annotations

import base64
import hashlib
import json
import math
import re
from functools import cache
from importlib import resources
from pathlib import Path
from typing import Any, Final

import jinja2
import pyvis
from markupsafe import Markup
from pyvis.network import Network

from kg import __version__
from kg.render import style
from kg.render.layout import Positions
from kg.render.network import NewsNetwork
from kg.render.select import LeftOut

#: Up to this many nodes the browser runs the physics (from the precomputed layout) until it settles, then
#: stops it; above, the precomputed layout is final. bench/view --physics-sweep on the 2-core machine: settled
#: after 1.2 s at 280 nodes, 2.6-2.9 s at 1,070, 3.1 s at 1,580, 3.7 s at 2,080 and 5.5 s at 3,080.
PHYSICS_MAX_NODES: Final = 1500
#: Node-iterations of physics before the first drawing (~15 us each in headless Chromium here): 100 to 200
#: iterations, fewer for more nodes, so a page under the threshold is drawn and still within ~2.5 s.
STABILIZATION_BUDGET: Final = 150_000
#: Labels on the canvas are cut to this many characters (the panel and tooltip show them whole).
LABEL_CHARS: Final = 40
VIS_VERSION: Final = "9.1.2"

_JSON_ESCAPES: Final = {
    "<": "\\u003c",
    ">": "\\u003e",
    "&": "\\u0026",
    "\u2028": "\\u2028",
    "\u2029": "\\u2029",
}
_SURROGATES: Final = re.compile("[\ud800-\udfff]")


def uses_physics(n_nodes: int) -> bool:
    """Whether the browser settles the layout: for a graph small enough to settle fast (not an empty one)."""
    return 0 < n_nodes <= PHYSICS_MAX_NODES


def script_json(value: Any) -> str:
    """``value`` as JSON that is inert inside a ``<script>`` element: no ``<``, ``>`` or ``&`` at all."""
    text = json.dumps(value, ensure_ascii=False, separators=(",", ":"), allow_nan=False)
    for char, escape in _JSON_ESCAPES.items():  # str.replace: ten times faster than translate on megabytes
        if char in text:
            text = text.replace(char, escape)
    return text


def clean_text(text: str) -> str:
    """Text fit for the HTML itself: lone surrogates (not encodable) become U+FFFD; Jinja escapes the rest."""
    return _SURROGATES.sub("\ufffd", text)


@cache
def _assets() -> dict[str, str]:
    here = resources.files("kg.render") / "assets"
    vis_js = Path(pyvis.__file__).parent / "templates" / "lib" / f"vis-{VIS_VERSION}" / "vis-network.min.js"
    code = vis_js.read_text(encoding="utf-8")
    code = re.sub(r"\n//# sourceMappingURL=\S*\s*$", "\n", code)  # the map is not shipped: nothing to fetch
    assets = {
        "page": (here / "page.html").read_text(encoding="utf-8"),
        "css": (here / "view.css").read_text(encoding="utf-8"),
        "view_js": (here / "view.js").read_text(encoding="utf-8"),
        "vis_js": code,
    }
    for name in ("css", "view_js", "vis_js"):  # inlined as they are: they must not end their element early
        if re.search(r"</(script|style)|<!--", assets[name], re.IGNORECASE):
            raise RuntimeError(f"asset {name} cannot be inlined: it contains a closing tag or <!--")
    return assets


def _csp_hash(text: str) -> str:
    return "'sha256-" + base64.b64encode(hashlib.sha256(text.encode("utf-8")).digest()).decode("ascii") + "'"


def build_network(news: NewsNetwork, pos: Positions, *, physics: bool) -> Network:
    """pyvis's model of the view, its lists filled in bulk (``add_node``/``add_edge`` scan them per call)."""
    g = news.graph
    ids = {key: i for i, key in enumerate(g.nodes)}
    degree = dict(g.degree())
    top = max(degree.values(), default=0) or 1
    nodes = []
    for key, data in g.nodes(data=True):
        label = data["label"]
        short = label if len(label) <= LABEL_CHARS else label[: LABEL_CHARS - 1].rstrip() + "…"
        size = 7.0 if data["kind"] == "Date" else 12.0 + 26.0 * math.sqrt(degree[key] / top)
        x, y = pos[key]
        nodes.append({"id": ids[key], "label": short, "group": data["kind"], "x": x, "y": y, "size": round(size, 1)})
    edges = [
        {"id": i, "from": ids[u], "to": ids[v], "label": ", ".join(d["labels"])}
        for i, (u, v, d) in enumerate(g.edges(data=True))
    ]
    net = Network(height="100%", width="100%", directed=True, cdn_resources="in_line")
    net.nodes, net.edges = nodes, edges
    net.node_ids = list(range(len(nodes)))
    net.node_map = dict(zip(net.node_ids, nodes, strict=True))
    net.options = vis_options(len(nodes), physics=physics)
    return net


def vis_options(n_nodes: int, *, physics: bool) -> dict[str, Any]:
    big = not physics
    return {
        "autoResize": True,
        "layout": {"randomSeed": 7, "improvedLayout": False},
        "nodes": {
            "borderWidth": 1.5,
            "font": {"size": 14, "color": style.TEXT_COLOR, "strokeWidth": 4, "strokeColor": "#ffffff"},
            # a big graph shows its labels only from a closer zoom: a wall of text helps no one
            "scaling": {"label": {"drawThreshold": 9 if big else 5}},
        },
        "edges": {
            "arrows": {"to": {"enabled": True, "scaleFactor": 0.45}},
            "color": {
                "color": style.EDGE_COLOR,
                "highlight": style.EDGE_HIGHLIGHT,
                "hover": style.EDGE_HIGHLIGHT,
            },
            "font": {
                "size": 10,
                "color": "#52606d",
                "strokeWidth": 3,
                "strokeColor": "#ffffff",
                "align": "middle",
            },
            "smooth": False if big else {"enabled": True, "type": "curvedCW", "roundness": 0.12},
            "width": 1,
            "selectionWidth": 1.5,
            "scaling": {"label": {"drawThreshold": 9 if big else 5}},
        },
        "groups": style.groups() | {"Date": style.groups()["Date"] | {"font": {"size": 11}}},
        "interaction": {
            "hover": True,
            "hideEdgesOnDrag": big,
            "hideEdgesOnZoom": big,
            "tooltipDelay": 120,
            "multiselect": False,
        },
        "physics": {
            "enabled": physics,
            "solver": "forceAtlas2Based",
            "forceAtlas2Based": {
                "gravitationalConstant": -70,
                "centralGravity": 0.008,
                "springLength": 120,
                "springConstant": 0.05,
                "damping": 0.6,
                "avoidOverlap": 0.4,
            },
            "maxVelocity": 40,
            "minVelocity": 1.0,
            "stabilization": {
                "enabled": physics,
                "iterations": min(200, max(100, STABILIZATION_BUDGET // max(n_nodes, 1))),
                "updateInterval": 50,
                "fit": True,
            },
        },
    }


def _summary_text(news: NewsNetwork) -> str:
    s = news.summary
    entities = sum(n for _, n in s.entities)
    kinds = ", ".join(f"{n:,} {kind}" for kind, n in s.entities)
    return " · ".join(
        (
            _count(s.articles, "article", "articles"),
            _count(entities, "entity", "entities") + (f" ({kinds})" if kinds else ""),
            _count(s.relations, "relation", "relations"),
        )
    )


def _count(n: int, one: str, many: str) -> str:
    return f"{n:,} {one if n == 1 else many}"


def _left_out_text(left: LeftOut | None, shown: int) -> str:
    if left is None:
        return ""
    kinds = ", ".join(f"{n:,} {kind}" for kind, n in left.by_kind)
    return (
        f"This view shows the {shown:,} most connected nodes. Left out: {left.nodes:,} nodes ({kinds}) and "
        f"{left.edges:,} relations. Rebuild with a larger --view-limit to see more."
    )


def page_data(news: NewsNetwork, net: Network, title: str, physics: bool) -> dict[str, Any]:
    """Everything the page script reads; sentences and articles only as far as the shown nodes cite them."""
    g = news.graph
    sentence_no: dict[int, int] = {}
    article_no: dict[int, int] = {}
    info = []
    for _, d in g.nodes(data=True):
        evidence = []
        for sentence, anchors in d["evidence"]:
            evidence.append([sentence_no.setdefault(sentence, len(sentence_no)), list(anchors)])
        row = [d["label"], d["type"], d["iri"], list(d["alt"]), list(d["links"]), list(d["codes"])]
        info.append([*row, evidence, d["sentences"], d["articles"]])
    sentences = []
    for sentence in sentence_no:
        ref = news.sentences[sentence]
        article = article_no.setdefault(ref.article, len(article_no)) if ref.article >= 0 else -1
        sentences.append([article, ref.text])
    articles = [[news.articles[a].title, news.articles[a].date] for a in article_no]
    counts = {k.name: 0 for k in style.KINDS}
    for node in net.nodes:
        counts[node["group"]] += 1
    kinds = [
        {"name": k.name, "color": k.color, "border": k.border, "shape": k.shape, "count": counts[k.name]}
        for k in style.KINDS
    ]
    nodes, edges, _, _, _, options = net.get_network_data()
    return {
        "title": title,
        "physics": physics,
        "kinds": kinds,
        "options": json.loads(options),
        "nodes": nodes,
        "edges": edges,
        "info": info,
        "sentences": sentences,
        "articles": articles,
    }


def render_page(
    news: NewsNetwork, pos: Positions, *, title: str, left_out: LeftOut | None, physics: bool | None = None
) -> str:
    """The whole HTML page as text: the same inputs give the same characters.

    ``physics`` None: :func:`uses_physics` decides (the benchmark forces it on to measure the threshold).
    """
    if physics is None:
        physics = uses_physics(news.graph.number_of_nodes())
    net = build_network(news, pos, physics=physics)
    assets = _assets()
    title = clean_text(title)
    scripts = " ".join(_csp_hash(assets[name]) for name in ("vis_js", "view_js"))
    csp = (
        f"default-src 'none'; script-src {scripts}; style-src {_csp_hash(assets['css'])}; "
        "img-src data:; base-uri 'none'; form-action 'none'"
    )
    env = jinja2.Environment(autoescape=True, undefined=jinja2.StrictUndefined, keep_trailing_newline=True)
    template = env.from_string(assets["page"])
    return template.render(
        title=title,
        summary=_summary_text(news),
        left_out=_left_out_text(left_out, net.num_nodes()),
        csp=csp,
        version=__version__,
        vis_version=VIS_VERSION,
        css=Markup(assets["css"]),
        vis_js=Markup(assets["vis_js"]),
        view_js=Markup(assets["view_js"]),
        data=Markup(script_json(page_data(news, net, title, physics))),
    )
