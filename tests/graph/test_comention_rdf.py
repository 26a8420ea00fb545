"""Co-mention and the new event terms as RDF: kg:mentionedWith with its kg:CoMention (counts, sentences), kept
apart from the typed relations; events with their roles, lemma, modality and reported events."""

from __future__ import annotations

from pathlib import Path

import pyoxigraph as ox
import pytest

import kg
from kg.graph.terms import PREFIXES

pytestmark = pytest.mark.model
HEAD = "".join(f"PREFIX {k}: <{v}>\n" for k, v in PREFIXES.items())


@pytest.fixture(scope="module")
def store(tmp_path_factory: pytest.TempPathFactory) -> ox.Store:
    folder: Path = tmp_path_factory.mktemp("news")
    (folder / "a.txt").write_text(
        "Treaty\n\nFrance and Germany signed a treaty in Paris. France praised Germany. "
        "Labour said that Alan Milburn had resigned. Gordon Brown will not visit China.",
        encoding="utf-8",
    )
    (folder / "b.txt").write_text("Talks\n\nGermany thanked France for the treaty.", encoding="utf-8")
    result = kg.build([str(folder)], out=None, view=False)
    st = ox.Store()
    st.bulk_extend(result.quads)
    return st


def select(store: ox.Store, query: str) -> list[dict[str, str]]:
    rows = store.query(HEAD + query, use_default_graph_as_union=True)
    return [{v.value: (r[v].value if r[v] is not None else "") for v in rows.variables} for r in rows]  # type: ignore[union-attr]


def test_co_mention_is_its_own_property_with_counts_and_sentences(store: ox.Store) -> None:
    rows = select(
        store,
        """SELECT ?x ?y ?sentences ?articles (COUNT(?in) AS ?evidence) WHERE {
             ?a kg:mentionedWith ?b . ?a rdfs:label ?x . ?b rdfs:label ?y .
             ?c a kg:CoMention ; rdf:subject ?a ; rdf:object ?b ; kg:sentenceCount ?sentences ;
                kg:articleCount ?articles ; kg:inSentence ?in }
           GROUP BY ?x ?y ?sentences ?articles""",
    )
    pairs = {tuple(sorted((r["x"], r["y"]))): (r["sentences"], r["articles"], r["evidence"]) for r in rows}
    assert pairs[("France", "Germany")] == ("3", "2", "3")
    assert ("Alan Milburn", "Labour") in pairs


def test_co_mention_is_never_a_typed_relation(store: ox.Store) -> None:
    typed = select(store, "SELECT ?a WHERE { ?as a kg:Assertion ; rdf:predicate kg:mentionedWith ; rdf:subject ?a }")
    assert typed == []


def test_an_event_carries_its_roles_lemma_modality_and_what_it_reports(store: ox.Store) -> None:
    rows = select(
        store,
        """SELECT ?label ?lemma ?mod WHERE {
             ?e a kg:Visit ; rdfs:label ?label ; kg:lemma ?lemma ; kg:modality ?mod }""",
    )
    assert rows == [{"label": "Gordon Brown will not visit China", "lemma": "visit", "mod": "negated"}]
    reported = select(
        store,
        """SELECT ?said ?what WHERE {
             ?s a kg:Statement ; rdfs:label ?said ; kg:reportsEvent ?r . ?r rdfs:label ?what }""",
    )
    assert reported == [{"said": "Labour said", "what": "Alan Milburn had resigned"}]
    signed = select(store, "SELECT ?who WHERE { ?e a kg:Signing ; kg:agent ?a ; kg:place ?p . ?a rdfs:label ?who }")
    assert {r["who"] for r in signed} == {"France", "Germany"}
