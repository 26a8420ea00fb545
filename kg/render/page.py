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
from kg.render.network import NewsNetwork
from kg.render.placement import place
from kg.render.select import LeftOut
from kg.render.summary import LABELLED, SMALL_FONT, SUMMARY_NODES, Map, font_and_size, make_map

#: Labels on the canvas are cut to this many characters (the panel and tooltip show them whole).
LABEL_CHARS: Final = 32
#: Each node brings at most this many of its co-mentions (the most frequent) into the page.
CO_PER_NODE: Final = 8
VIS_VERSION: Final = "9.1.2"
#: The page's own scripts (kg/render/assets/NAME.js), inlined in this order after vis-network: helpers first,
#: view.js (which starts everything) last.
SCRIPTS: Final = ("dom", "time", "panel", "search", "view")
_EDGE_KINDS: Final = {"relation": 0, "role": 1, "pair": 2}

_JSON_ESCAPES: Final = {
    "<": "\\u003c",
    ">": "\\u003e",
    "&": "\\u0026",
    "\u2028": "\\u2028",
    "\u2029": "\\u2029",
}
_SURROGATES: Final = re.compile("[\ud800-\udfff]")


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
        "vis_js": code,
    } | {f"{name}_js": (here / f"{name}.js").read_text(encoding="utf-8") for name in SCRIPTS}
    # inlined as they are: they must not end their element early
    for name in ("css", "vis_js", *(f"{n}_js" for n in SCRIPTS)):
        if re.search(r"</(script|style)|<!--", assets[name], re.IGNORECASE):
            raise RuntimeError(f"asset {name} cannot be inlined: it contains a closing tag or <!--")
    return assets


def _csp_hash(text: str) -> str:
    return "'sha256-" + base64.b64encode(hashlib.sha256(text.encode("utf-8")).digest()).decode("ascii") + "'"


def build_network(n_nodes: int) -> Network:
    """pyvis's Network holds the options; the page builds vis-network's nodes and edges from its data."""
    net = Network(height="100%", width="100%", directed=True, cdn_resources="in_line")
    net.options = vis_options(n_nodes)
    return net


def vis_options(n_nodes: int) -> dict[str, Any]:
    return {
        "autoResize": True,
        "layout": {"randomSeed": 7, "improvedLayout": False},
        "nodes": {
            "borderWidth": 1.5,
            "font": {"size": SMALL_FONT, "color": style.TEXT_COLOR, "strokeWidth": 4, "strokeColor": "#ffffff"},
            # labels under this size on screen, less 1 px (vis-network's rule), are not drawn: the minor ones
            # (10 px) wait for a zoom of 1.1, the top ones (16 px and more) show from 0.69
            "scaling": {"label": {"drawThreshold": 12}},
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
            "smooth": False,
            "width": 1,
            "selectionWidth": 1.5,
            "scaling": {"label": {"drawThreshold": 12}},  # edge labels from a zoom of 1.1 (and on hover)
        },
        "interaction": {
            "hover": True,
            "hideEdgesOnDrag": n_nodes > 2000,
            "tooltipDelay": 120,
            "multiselect": False,
            "keyboard": {"enabled": True, "bindToWindow": False},
        },
        "physics": {"enabled": False},
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


def _short(label: str) -> str:
    return label if len(label) <= LABEL_CHARS else label[: LABEL_CHARS - 1].rstrip() + "…"


def page_data(news: NewsNetwork, m: Map, title: str) -> dict[str, Any]:
    """Everything the page script reads; sentences and articles only as far as the nodes and edges cite them."""
    g = news.graph
    ids = {key: i for i, key in enumerate(m.order)}
    sentence_no: dict[int, int] = {}
    article_no: dict[int, int] = {}

    def cite(sentence: int) -> int:
        return sentence_no.setdefault(sentence, len(sentence_no)) if sentence >= 0 else -1

    top = max((m.score[n] for n in m.order[: m.summary]), default=0.0)
    labels, fonts, sizes = {}, {}, {}
    for rank, key in enumerate(m.order):
        fonts[key], sizes[key] = font_and_size(rank if rank < m.summary else LABELLED, m.score[key], top)
        sizes[key] = min(sizes[key], 28.0)
        labels[key] = _short(g.nodes[key]["label"])
    pos = place(m, labels, fonts, sizes)
    kind_no = {k.name: i for i, k in enumerate(style.KINDS)}
    nodes, info = [], []
    for key in m.order:
        d = g.nodes[key]
        x, y = pos.get(key, (None, None))
        nodes.append([labels[key], kind_no[d["kind"]], m.community[key], sizes[key], fonts[key], x, y])
        evidence = [[cite(sentence), list(anchors)] for sentence, anchors in d["evidence"]]
        row = [d["label"], d["type"], d["iri"], list(d["alt"]), list(d["links"]), list(d["codes"])]
        info.append([*row, evidence, d["sentences"], d["articles"], d["date"], list(d["cited"])])
    edges = [
        [ids[e.source], ids[e.target], e.label, _EDGE_KINDS[e.kind], cite(e.support), ids.get(e.event, -1)]
        for e in m.edges
        if e.source in ids and e.target in ids
    ]
    sentences = []
    for sentence in sentence_no:
        ref = news.sentences[sentence]
        article = article_no.setdefault(ref.article, len(article_no)) if ref.article >= 0 else -1
        sentences.append([article, ref.text])
    for row in info:  # the articles that mention each node, in the page's numbering
        row[10] = [article_no.setdefault(a, len(article_no)) for a in row[10]]
    articles = [[news.articles[a].title, news.articles[a].date] for a in article_no]
    counts = {k.name: 0 for k in style.KINDS}
    for key in m.order:
        counts[g.nodes[key]["kind"]] += 1
    kinds = [{"name": k.name, "shape": k.shape, "count": counts[k.name]} for k in style.KINDS]
    communities = [
        [name, style.COMMUNITY_COLORS[i] if i < len(style.COMMUNITY_COLORS) else style.OTHER_COLOR, size]
        for i, (name, size) in enumerate(m.communities)
    ]
    return {
        "title": title,
        "kinds": kinds,
        "communities": communities,
        "colors": {"other": style.OTHER_COLOR, "alone": style.ALONE_COLOR, "co": style.CO_COLOR},
        "options": json.loads(build_network(len(m.order)).get_network_data()[5]),
        "summary": m.summary,
        "isolated": m.isolated,
        "labelled": LABELLED,
        "nodes": nodes,
        "edges": edges,
        "co": _co(news, ids),
        "info": info,
        "sentences": sentences,
        "articles": articles,
    }


def _co(news: NewsNetwork, ids: dict[str, int]) -> list[list[int]]:
    """Co-mentions as [a, b, sentences, articles], the :data:`CO_PER_NODE` most frequent of each node."""
    per: dict[str, list[tuple[int, int, str, str]]] = {}
    for a, b, n, k in news.co_mentions:
        if a in ids and b in ids:
            per.setdefault(a, []).append((-n, -k, b, a))
            per.setdefault(b, []).append((-n, -k, a, b))
    keep: set[tuple[str, str]] = set()
    for items in per.values():
        for _, _, other, me in sorted(items)[:CO_PER_NODE]:
            keep.add((min(me, other), max(me, other)))
    return [[ids[a], ids[b], n, k] for a, b, n, k in news.co_mentions if (a, b) in keep]


def render_page(news: NewsNetwork, *, title: str, left_out: LeftOut | None, summary_nodes: int = SUMMARY_NODES) -> str:
    """The whole HTML page as text: the same inputs give the same characters."""
    m = make_map(news, summary_nodes=summary_nodes)
    assets = _assets()
    title = clean_text(title)
    scripts = " ".join(_csp_hash(assets[name]) for name in ("vis_js", *(f"{n}_js" for n in SCRIPTS)))
    csp = (
        f"default-src 'none'; script-src {scripts}; style-src {_csp_hash(assets['css'])}; "
        "img-src data:; base-uri 'none'; form-action 'none'"
    )
    env = jinja2.Environment(autoescape=True, undefined=jinja2.StrictUndefined, keep_trailing_newline=True)
    template = env.from_string(assets["page"])
    return template.render(
        title=title,
        summary=_summary_text(news),
        left_out=_left_out_text(left_out, len(m.order)),
        csp=csp,
        version=__version__,
        vis_version=VIS_VERSION,
        css=Markup(assets["css"]),
        vis_js=Markup(assets["vis_js"]),
        scripts=[Markup(assets[f"{name}_js"]) for name in SCRIPTS],
        data=Markup(script_json(page_data(news, m, title))),
    )
