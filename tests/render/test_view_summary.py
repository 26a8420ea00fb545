"""What the first screen holds: importance, communities, the summary and its layout, without a browser."""

from __future__ import annotations

import math
from collections.abc import Callable

from rdflib import RDF, RDFS, Dataset, Graph, Literal, Namespace

from kg.graph.iri import mint
from kg.graph.namespace import KG, KG_NS
from kg.render.network import to_network
from kg.render.placement import label_box, place
from kg.render.summary import LABELLED, make_map
from kg.render.synthetic import synthetic_graph

Seed = Callable[..., Dataset]
T = Namespace(KG_NS)


def test_the_summary_comes_first_and_the_isolated_last(seed: Seed) -> None:
    news = to_network(seed())
    m = make_map(news)
    label = {n: news.graph.nodes[n]["label"] for n in m.order}
    assert [label[n] for n in m.order[m.isolated :]] == ["Azernews", "Trend"]
    assert "Jeyhun Bayramov" in [label[n] for n in m.order[:3]]  # the most mentioned and linked
    assert all(news.graph.nodes[n]["kind"] != "Date" for n in m.order)
    events = [n for n in m.order[: m.summary] if news.graph.nodes[n]["kind"] == "Event"]
    summary = set(m.order[: m.summary])
    assert events and all(sum(p in summary for p in m.participants[e]) >= 3 for e in events)


def test_a_big_graph_opens_on_at_most_the_limit() -> None:
    news = to_network(synthetic_graph(2_000, seed=2))
    m = make_map(news, summary_nodes=120)
    assert m.summary == 120
    assert len(m.order) == len(set(m.order)) == 2_000
    scores = [m.score[n] for n in m.order[m.summary : m.isolated]]
    assert scores == sorted(scores, reverse=True)  # the rest by importance, for "show neighbours" and search


def test_communities_are_named_by_their_top_entity_and_see_co_mentions() -> None:
    g = Graph()
    people = [mint("person", name) for name in ("Ann Ash", "Bo Birch", "Cy Cedar", "Di Dogwood")]
    for p, name in zip(people, ("Ann Ash", "Bo Birch", "Cy Cedar", "Di Dogwood"), strict=True):
        g.add((p, RDF.type, KG.Person))
        g.add((p, RDFS.label, Literal(name)))
    org = mint("organization", "Elm")
    g.add((org, RDF.type, KG.Organization))
    g.add((org, RDFS.label, Literal("Elm")))
    for p in people[:3]:
        g.add((p, KG.memberOf, org))
    plain = make_map(to_network(g))
    assert plain.community[str(people[3])] == -1  # alone
    co = mint("assertion", "co")
    g.add((people[3], T.mentionedWith, org))
    g.add((co, RDF.type, T.CoMention))
    g.add((co, RDF.subject, people[3]))
    g.add((co, RDF.object, org))
    g.add((co, T.sentenceCount, Literal(5)))
    g.add((co, T.articleCount, Literal(2)))
    news = to_network(g)
    assert news.co_mentions == ((str(org), str(people[3]), 5, 2),)  # each pair once, in key order
    m = make_map(news)
    assert m.community[str(people[3])] == m.community[str(org)] >= 0
    assert m.communities[m.community[str(org)]][0] == "Elm"  # three members: the best linked
    assert str(people[3]) in m.order[m.isolated :]  # a co-mention is not a typed link: still listed apart


def test_the_layout_keeps_the_top_labels_apart() -> None:
    news = to_network(synthetic_graph(3_000, seed=6))
    m = make_map(news)
    labels = {n: news.graph.nodes[n]["label"] for n in m.order[: m.summary]}
    fonts = {n: 16 for n in labels}
    sizes = {n: 12.0 for n in labels}
    pos = place(m, labels, fonts, sizes)
    assert place(m, labels, fonts, sizes) == pos  # the same numbers every time
    top = m.order[:LABELLED]
    boxes = [label_box(*pos[n], sizes[n], fonts[n], labels[n]) for n in top]
    for i, a in enumerate(boxes):
        for b in boxes[i + 1 :]:
            assert min(a[2], b[2]) <= max(a[0], b[0]) or min(a[3], b[3]) <= max(a[1], b[1])
    nodes = list(labels)
    for i, a in enumerate(nodes):  # no node on top of another
        for b in nodes[i + 1 :]:
            assert math.dist(pos[a], pos[b]) >= sizes[a] + sizes[b]
