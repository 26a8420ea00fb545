"""Fixtures of the view's tests: a small hand-made graph like ``kg build`` output for the three seed articles
(Bayramov in Geneva), and headless Chromium driven by Playwright.

The sample is written by hand, not by the pipeline, so the view's tests do not depend on extraction. Each
article is a named graph of a Dataset as the builder writes it; entities are in the default graph.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import pytest
from rdflib import DCTERMS, OWL, RDF, RDFS, SKOS, Dataset, Literal, Namespace, URIRef
from rdflib import namespace as ns

from kg.graph.iri import mint
from kg.graph.namespace import KG, KG_NS

T = Namespace(KG_NS)  # relation and event terms that the closed KG class does not list yet

ARTICLES = {
    "a0": (
        "Azerbaijani FM addresses 54th session of UN Human Rights Council",
        "2023-09-13",
        [
            "Minister of Foreign Affairs of Azerbaijan Republic Jeyhun Bayramov participated and addressed "
            "the 54th session of the United Nations (UN) Human Rights Council within the framework of his "
            "working visit to the Swiss Confederation today, Trend reports via the Azerbaijani Foreign "
            "Ministry.",
            "In his speech, Jeyhun Bayramov provided detailed information on cooperation between Azerbaijan "
            "and the UN Human Rights Council.",
        ],
    ),
    "a2": (
        "Jeyhun Bayramov meets UN High Commissioner for Human Rights Volker Türk",
        "2023-09-13",
        [
            "Foreign Minister of the Republic of Azerbaijan Jeyhun Bayramov met with UN High Commissioner "
            "for Human Rights Volker Türk within the framework of his business trip to the Swiss "
            "Confederation on 13 September, Azernews reports.",
            "Minister Jeyhun Bayramov spoke about Armenia's ongoing military and political provocations.",
        ],
    ),
    "a3": (
        "Foreign Ministry calls on rights organizations to support trilateral statement",
        "2023-06-16",
        [
            "Azerbaijan’s Foreign Ministry called on international human rights organizations to support "
            "the fulfillment of the trilateral statement signed by the leaders of Azerbaijan, Russia and "
            "Armenia on November 10, 2020.",
            "The “State Program on Protection of Human Rights” was approved by the national leader Heydar "
            "Aliyev on June 18, 1998 in Baku, the ministry spokesperson, Leyla Abdullayeva, said.",
        ],
    ),
}

# key: (kind, label, alt names, links, ISO code, [(article, sentence, anchor)...])
ENTITIES = {
    "bayramov": (
        "Person",
        "Jeyhun Bayramov",
        ["Bayramov", "Minister Jeyhun Bayramov"],
        ["https://www.wikidata.org/entity/Q4349178"],
        None,
        [
            ("a0", 0, "Jeyhun Bayramov"),
            ("a0", 1, "Jeyhun Bayramov"),
            ("a2", 0, "Jeyhun Bayramov"),
            ("a2", 1, "Minister Jeyhun Bayramov"),
        ],
    ),
    "turk": ("Person", "Volker Türk", ["Volker Turk", "Türk"], [], None, [("a2", 0, "Volker Türk")]),
    "abdullayeva": ("Person", "Leyla Abdullayeva", [], [], None, [("a3", 1, "Leyla Abdullayeva")]),
    "heydar": ("Person", "Heydar Aliyev", [], [], None, [("a3", 1, "Heydar Aliyev")]),
    "un": (
        "Organization",
        "United Nations",
        ["UN"],
        ["https://www.wikidata.org/entity/Q1065"],
        None,
        [("a0", 0, "United Nations")],
    ),
    "unhrc": (
        "Organization",
        "UN Human Rights Council",
        ["Human Rights Council"],
        [],
        None,
        [("a0", 1, "UN Human Rights Council")],
    ),
    "mfa": (
        "Organization",
        "Azerbaijani Foreign Ministry",
        ["Foreign Ministry", "Azerbaijan’s Foreign Ministry"],
        [],
        None,
        [("a0", 0, "Azerbaijani Foreign Ministry"), ("a3", 0, "Azerbaijan’s Foreign Ministry")],
    ),
    "trend": ("Organization", "Trend", [], [], None, [("a0", 0, "Trend")]),
    "azernews": ("Organization", "Azernews", [], [], None, [("a2", 0, "Azernews")]),
    "azerbaijan": (
        "Country",
        "Azerbaijan",
        ["Republic of Azerbaijan", "Azerbaijan Republic"],
        ["https://sws.geonames.org/587116/", "https://www.wikidata.org/entity/Q227", "javascript:alert(1)"],
        "AZ",
        [
            ("a0", 0, "Azerbaijan Republic"),
            ("a0", 1, "Azerbaijan"),
            ("a2", 0, "Republic of Azerbaijan"),
            ("a3", 0, "Azerbaijan"),
        ],
    ),
    "switzerland": (
        "Country",
        "Switzerland",
        ["Swiss Confederation"],
        ["https://sws.geonames.org/2658434/"],
        "CH",
        [("a0", 0, "Swiss Confederation"), ("a2", 0, "Swiss Confederation")],
    ),
    "armenia": (
        "Country",
        "Armenia",
        [],
        ["https://sws.geonames.org/174982/"],
        "AM",
        [("a2", 1, "Armenia"), ("a3", 0, "Armenia")],
    ),
    "russia": ("Country", "Russia", [], ["https://sws.geonames.org/2017370/"], "RU", [("a3", 0, "Russia")]),
    "geneva": ("City", "Geneva", [], ["https://sws.geonames.org/2660646/"], None, []),
    "baku": ("City", "Baku", [], ["https://sws.geonames.org/587084/"], None, [("a3", 1, "Baku")]),
    "session": (
        "Session",
        "54th session of the UN Human Rights Council",
        [],
        [],
        None,
        [("a0", 0, "54th session of the United Nations (UN) Human Rights Council")],
    ),
    "meeting": ("Meeting", "Bayramov–Türk meeting", [], [], None, [("a2", 0, "met")]),
    "visit": ("Visit", "Working visit to Switzerland", [], [], None, [("a0", 0, "working visit")]),
    "statement": ("Signing", "Trilateral statement", [], [], None, [("a3", 0, "trilateral statement")]),
    "program": (
        "Adoption",
        "State Program on Protection of Human Rights",
        [],
        [],
        None,
        [("a3", 1, "State Program on Protection of Human Rights")],
    ),
}

RELATIONS = [
    ("bayramov", "memberOf", "mfa"),
    ("abdullayeva", "memberOf", "mfa"),
    ("mfa", "locatedIn", "baku"),
    ("baku", "locatedIn", "azerbaijan"),
    ("geneva", "locatedIn", "switzerland"),
    ("unhrc", "partOf", "un"),
    ("azerbaijan", "memberOf", "un"),
    ("azerbaijan", "cooperatesWith", "unhrc"),
    ("session", "host", "unhrc"),
    ("session", "participant", "bayramov"),
    ("session", "place", "geneva"),
    ("meeting", "participant", "bayramov"),
    ("meeting", "participant", "turk"),
    ("meeting", "place", "geneva"),
    ("visit", "agent", "bayramov"),
    ("visit", "place", "switzerland"),
    ("statement", "participant", "azerbaijan"),
    ("statement", "participant", "russia"),
    ("statement", "participant", "armenia"),
    ("program", "agent", "heydar"),
]
EVENT_DATES = {
    "session": ("2023-09-13", ns.XSD.date),
    "meeting": ("2023-09-13", ns.XSD.date),
    "visit": ("2023-09", ns.XSD.gYearMonth),
    "statement": ("2020-11-10", ns.XSD.date),
    "program": ("1998-06-18", ns.XSD.date),
}
REPORTS = {"a0": "trend", "a2": "azernews"}


def entity_iri(key: str) -> URIRef:
    kind = ENTITIES[key][0]
    slug_kind = {"Person": "person", "Organization": "organization"}.get(kind, "place")
    if kind in ("Session", "Meeting", "Visit", "Signing", "Adoption"):
        slug_kind = "event"
    return mint(slug_kind, ENTITIES[key][1])  # type: ignore[arg-type]


def seed_dataset(
    *,
    overrides: dict[str, tuple[str, list[str]]] | None = None,
    titles: dict[str, str] | None = None,
    sentences: dict[tuple[str, int], str] | None = None,
) -> Dataset:
    """The sample as a Dataset.

    ``overrides`` replaces (label, alt names) of entities by key, ``titles`` the titles of articles,
    ``sentences`` the texts of sentences (an anchor no longer in its sentence is not marked).
    """
    overrides = overrides or {}
    ds = Dataset()
    default = ds.default_graph if hasattr(ds, "default_graph") else ds.default_context
    for key, (kind, label, alts, links, iso, _) in ENTITIES.items():
        node = entity_iri(key)
        label, alts = overrides.get(key, (label, alts))
        if kind in ("Session", "Meeting", "Visit", "Signing", "Adoption"):
            default.add((node, RDF.type, T[kind]))
        else:
            default.add((node, RDF.type, KG[kind]))
            if kind in ("Country", "City"):
                default.add((node, RDF.type, KG.Place))
        default.add((node, RDFS.label, Literal(label)))
        for alt in alts:
            default.add((node, SKOS.altLabel, Literal(alt)))
        for link in links:
            default.add((node, OWL.sameAs, URIRef(link)))
        if iso:
            default.add((node, KG.iso3166Code, Literal(iso)))
    for s, p, o in RELATIONS:
        default.add((entity_iri(s), T[p], entity_iri(o)))
    for key, (value, datatype) in EVENT_DATES.items():
        default.add((entity_iri(key), T.date, Literal(value, datatype=datatype)))

    for art, (title, date, texts) in ARTICLES.items():
        a = mint("article", art)
        g = ds.graph(a)
        g.add((a, RDF.type, KG.Article))
        g.add((a, DCTERMS.title, Literal((titles or {}).get(art, title))))
        g.add((a, DCTERMS.date, Literal(date, datatype=ns.XSD.date)))
        g.add((a, DCTERMS.source, Literal(f"seeds/{art}.txt")))
        if art in REPORTS:
            g.add((entity_iri(REPORTS[art]), T.reports, a))
            g.add((a, DCTERMS.publisher, entity_iri(REPORTS[art])))
        for i, text in enumerate(texts):
            s = mint("sentence", art, str(i))
            g.add((s, RDF.type, KG.Sentence))
            g.add((s, KG.text, Literal((sentences or {}).get((art, i), text))))
            g.add((s, KG.inArticle, a))
            g.add((s, KG.sentenceIndex, Literal(i, datatype=ns.XSD.nonNegativeInteger)))
    for key, (*_, mentions) in ENTITIES.items():
        for n, (art, i, anchor) in enumerate(mentions):
            a = mint("article", art)
            g = ds.graph(a)
            m = mint("mention", art, key, str(n))
            begin = ARTICLES[art][2][i].find(anchor)
            g.add((m, RDF.type, KG.Mention))
            g.add((m, KG.refersTo, entity_iri(key)))
            g.add((m, KG.inSentence, mint("sentence", art, str(i))))
            g.add((m, KG.inArticle, a))
            g.add((m, KG.anchorOf, Literal(anchor)))
            g.add((m, KG.beginIndex, Literal(begin, datatype=ns.XSD.nonNegativeInteger)))
            g.add((m, KG.endIndex, Literal(begin + len(anchor), datatype=ns.XSD.nonNegativeInteger)))
            g.add((a, KG.mentions, entity_iri(key)))
    return ds


@pytest.fixture
def seed() -> Callable[..., Dataset]:
    """The sample graph maker: ``seed()``, or ``seed(overrides=..., titles=..., sentences=...)``."""
    return seed_dataset


@pytest.fixture
def iri() -> Callable[[str], URIRef]:
    """The IRI of a sample entity by its key ("bayramov", "azerbaijan", ...)."""
    return entity_iri


# ---- headless Chromium: the session's browser is tests/conftest.py's ``browser`` (one for all tests) ----


@dataclass
class Opened:
    """A page with the network off, and what it tried: console errors, requests, dialogs."""

    page: Any
    errors: list[str] = field(default_factory=list)
    outside: list[str] = field(default_factory=list)  # requests that tried to leave the file
    failed: list[str] = field(default_factory=list)
    dialogs: list[str] = field(default_factory=list)


@pytest.fixture
def open_page(browser: Any) -> Iterator[Callable[..., Opened]]:
    contexts = []

    def _open(path: Path, *, timeout_s: float = 60.0) -> Opened:
        context = browser.new_context(viewport={"width": 1440, "height": 900})
        contexts.append(context)
        page = context.new_page()
        opened = Opened(page)
        page.on("console", lambda m: opened.errors.append(m.text) if m.type in ("error", "warning") else None)
        page.on("pageerror", lambda e: opened.errors.append(f"page error: {e}"))
        page.on("requestfailed", lambda r: opened.failed.append(r.url))
        page.on("dialog", lambda d: (opened.dialogs.append(d.message), d.dismiss()))

        def route(r: Any) -> None:
            if r.request.url.startswith("file:"):
                r.continue_()
            else:
                opened.outside.append(r.request.url)
                r.abort()

        page.route("**/*", route)
        page.goto(path.as_uri(), timeout=timeout_s * 1000)
        page.wait_for_selector("html[data-kg-state=stable]", state="attached", timeout=timeout_s * 1000)
        return opened

    yield _open
    for context in contexts:
        context.close()
