"""Synthetic news graphs of any size, shaped like kg's output, for the view's benchmark and large-graph tests.

Entities get made-up names, a kind mix like the news (people and organisations most, a few hubs: countries
and agencies), relations by preferential attachment (a few nodes with many links, many with one or two),
events with an agent, a place and a date, and each entity a mention in a sentence of an article. The same
``n`` and ``seed`` give the same graph.
"""

from __future__ import annotations

import random
from typing import Final

from rdflib import DCTERMS, OWL, RDF, RDFS, SKOS, XSD, Graph, Literal, Namespace, URIRef

from kg.graph.iri import mint
from kg.graph.namespace import KG, KG_NS

_TERMS: Final = Namespace(KG_NS)  # relation and event terms the closed KG class may not list yet
_MIX: Final = (
    ("Person", 34),
    ("Organization", 24),
    ("City", 14),
    ("Country", 4),
    ("Region", 5),
    ("Place", 5),
    ("Event", 14),
)
_SYLLABLES: Final = "ba ka li mo ra sen tu vel zar no di han el ur is ta go pe mir lan".split()
_PREDICATES: Final = {
    "Person": ("holdsPosition", "memberOf", "cooperatesWith"),
    "Organization": ("partOf", "cooperatesWith", "locatedIn"),
    "City": ("locatedIn", "partOf"),
    "Country": ("cooperatesWith", "partOf"),
    "Region": ("partOf", "locatedIn"),
    "Place": ("locatedIn",),
    "Event": ("participant", "host", "place"),
}
_EVENT_CLASSES: Final = ("Meeting", "Speech", "Visit", "Signing", "Adoption", "Session")
_KIND_SLUG: Final = {"Country": "place", "City": "place", "Region": "place"}


def _name(rng: random.Random, words: int) -> str:
    return " ".join(
        "".join(rng.choice(_SYLLABLES) for _ in range(rng.randint(2, 3))).capitalize() for _ in range(words)
    )


def synthetic_graph(n: int, *, seed: int = 0, co_mentions: bool = False) -> Graph:
    """``n`` entities, about ``1.5 n`` relations, ``n / 8`` articles and a mention of each entity.

    ``co_mentions``: also pairs of entities of the same article as ``kg:mentionedWith``, each with a
    ``kg:CoMention`` node (``rdf:subject``, ``rdf:object``, ``kg:sentenceCount``, ``kg:articleCount``).
    """
    rng = random.Random(seed)
    g = Graph()
    kinds = [k for k, weight in _MIX for _ in range(weight)]
    entities: list[tuple[URIRef, str]] = []
    in_article: dict[int, list[URIRef]] = {}
    attach: list[int] = []  # entity indexes, each once per link: choosing from it prefers the well linked
    n_articles = max(1, n // 8)
    articles = [mint("article", f"a{i}") for i in range(n_articles)]
    for i, article in enumerate(articles):
        g.add((article, RDF.type, KG.Article))
        g.add((article, DCTERMS.title, Literal(f"{_name(rng, 3)} report {i}")))
        g.add((article, DCTERMS.date, Literal(f"2023-{1 + i % 12:02d}-{1 + i % 28:02d}", datatype=XSD.date)))
    for i in range(n):
        kind = rng.choice(kinds) if i >= 4 else ("Country", "Organization", "Person", "Country")[i]
        label = _name(rng, 1 if kind in ("Country", "City") else 2)
        node = mint(_KIND_SLUG.get(kind, kind.lower()), f"{label} {i}")  # type: ignore[arg-type]
        cls = _TERMS[rng.choice(_EVENT_CLASSES)] if kind == "Event" else KG[kind]
        g.add((node, RDF.type, cls))
        g.add((node, RDFS.label, Literal(label)))
        if rng.random() < 0.3:
            g.add((node, SKOS.altLabel, Literal(label.split()[-1])))
        if kind in ("Country", "City", "Region"):
            g.add((node, OWL.sameAs, URIRef(f"https://sws.geonames.org/{100000 + i}/")))
        if kind == "Event":
            g.add((node, _TERMS.date, Literal(f"2023-{1 + i % 12:02d}-{1 + i % 28:02d}", datatype=XSD.date)))
        targets = set()
        for _ in range(1 if rng.random() < 0.5 else 2):
            if entities:
                targets.add(rng.choice(attach) if attach and rng.random() < 0.8 else rng.randrange(len(entities)))
        for j in sorted(targets):
            g.add((node, _TERMS[rng.choice(_PREDICATES[kind])], entities[j][0]))
            attach += [i, j]
        entities.append((node, label))
        at = rng.randrange(n_articles)
        sentence = mint("sentence", f"a{at}", str(i))
        mention = mint("mention", f"a{at}", str(i))
        text = f"{_name(rng, 2)} said {label} was {rng.choice(('present', 'named', 'cited', 'there'))} today."
        g.add((sentence, RDF.type, KG.Sentence))
        g.add((sentence, KG.text, Literal(text)))
        g.add((sentence, KG.inArticle, articles[at]))
        g.add((sentence, KG.sentenceIndex, Literal(i)))
        g.add((mention, RDF.type, KG.Mention))
        g.add((mention, KG.refersTo, node))
        g.add((mention, KG.inSentence, sentence))
        g.add((mention, KG.inArticle, articles[at]))
        g.add((mention, KG.anchorOf, Literal(label)))
        g.add((articles[at], KG.mentions, node))
        in_article.setdefault(at, []).append(node)
    if co_mentions:
        for at in sorted(in_article):
            together = in_article[at]
            for k, a in enumerate(together):
                for b in together[k + 1 : k + 3]:
                    co = mint("assertion", "co", str(a), str(b))
                    g.add((a, _TERMS.mentionedWith, b))
                    g.add((co, RDF.type, _TERMS.CoMention))
                    g.add((co, RDF.subject, a))
                    g.add((co, RDF.object, b))
                    g.add((co, _TERMS.sentenceCount, Literal(rng.randint(1, 6))))
                    g.add((co, _TERMS.articleCount, Literal(rng.randint(1, 3))))
    return g
