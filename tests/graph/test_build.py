"""kg.graph.build: what the builder does across articles."""

from __future__ import annotations

from kg.graph import terms as t
from kg.graph.build import one_label
from kg.graph.nt import iri, literal

ID = "https://w3id.org/kg-news/id/"


def test_a_node_named_differently_by_two_articles_keeps_one_label() -> None:
    post, uk = iri(f"{ID}post/us-president-united-states"), iri(f"{ID}place/united-states")
    g1, g2, g3 = (iri(f"{ID}article/a{i}") for i in (1, 2, 3))
    graphs = {
        g1: [(post, t.LABEL, literal("US president"))],
        g2: [(post, t.LABEL, literal("US President"))],
        g3: [(post, t.LABEL, literal("US President")), (post, t.kg("postIn"), uk)],
    }
    one_label(graphs)  # type: ignore[arg-type]
    # the name fewer articles give is an alternative name; the article's graph still labels the post
    assert graphs[g1] == [(post, t.ALT, literal("US president")), (post, t.LABEL, literal("US President"))]
    assert graphs[g2] == [(post, t.LABEL, literal("US President"))]
    assert graphs[g3][1] == (post, t.kg("postIn"), uk)
