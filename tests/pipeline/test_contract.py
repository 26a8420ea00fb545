"""The graph contract: types, names, provenance and offsets that tools outside kg rely on."""

from __future__ import annotations

from collections import defaultdict
from pathlib import Path

import pyoxigraph as ox
import pytest
from rdflib import namespace
from rdflib.namespace import DCTERMS, RDF, RDFS, SKOS

import kg
from kg.graph.namespace import KG, KG_NS
from kg.graph.validate import validate

pytestmark = pytest.mark.model

ENTITY_CLASSES = {str(KG[c]) for c in ("Person", "Organization", "Place", "Country", "City", "Region", "Event")}


def by_subject(quads: list[ox.Quad]) -> dict[str, dict[str, list[ox.Term]]]:
    out: dict[str, dict[str, list[ox.Term]]] = defaultdict(lambda: defaultdict(list))
    for q in quads:
        out[q.subject.value][q.predicate.value].append(q.object)
    return out


def test_the_seed_graph_conforms_to_the_shapes(seed_build: kg.BuildResult) -> None:
    assert validate(seed_build.graph) == []


def test_every_entity_has_one_type_one_label_and_a_mention(seed_build: kg.BuildResult) -> None:
    subjects = by_subject(seed_build.quads)
    referred = {o.value for q in seed_build.quads if q.predicate.value == str(KG.refersTo) for o in [q.object]}
    entities = [s for s, props in subjects.items() if {t.value for t in props[str(RDF.type)]} & ENTITY_CLASSES]
    assert len(entities) >= 15
    for s in entities:
        props = subjects[s]
        assert len(props[str(RDFS.label)]) == 1, s
        assert all(t.value.startswith(KG_NS) for t in props[str(RDF.type)]), s
        assert s in referred, f"{s} has no mention behind it"
        labels = {props[str(RDFS.label)][0].value}
        alts = [a.value for a in props[str(SKOS.altLabel)]]
        assert not labels & set(alts), s


def test_every_mention_and_sentence_points_at_its_exact_text(seed_build: kg.BuildResult) -> None:
    texts = {ex.article.id: ex.article.text for ex in seed_build.extractions}
    subjects = by_subject(seed_build.quads)
    checked = 0
    for s, props in subjects.items():
        types = {t.value for t in props[str(RDF.type)]}
        if str(KG.Mention) in types:
            text_prop = str(KG.anchorOf)
        elif str(KG.Sentence) in types:
            text_prop = str(KG.text)
        else:
            continue
        (article,) = props[str(KG.inArticle)]
        doc_id = subjects[article.value][str(DCTERMS.identifier)][0].value
        begin = int(props[str(KG.beginIndex)][0].value)
        end = int(props[str(KG.endIndex)][0].value)
        assert texts[doc_id][begin:end] == props[text_prop][0].value, s
        checked += 1
    assert checked > 100


def test_dates_are_typed_literals_and_the_dateline_gives_the_publication_date(
    seed_build: kg.BuildResult,
) -> None:
    xsd = namespace.XSD  # not a module global: pytest's collection asks XSD for attributes it warns about
    date_types = {str(xsd.date), str(xsd.gYearMonth), str(xsd.gYear)}
    values = [q.object for q in seed_build.quads if q.predicate.value == str(KG.dateValue)]
    assert values and all(isinstance(v, ox.Literal) and v.datatype.value in date_types for v in values)
    published = [q.object.value for q in seed_build.quads if q.predicate.value == str(DCTERMS.date)]
    assert published == ["2023-09-13"]


def test_articles_have_title_source_and_publisher(seed_build: kg.BuildResult) -> None:
    subjects = by_subject(seed_build.quads)
    articles = [s for s, p in subjects.items() if str(KG.Article) in {t.value for t in p[str(RDF.type)]}]
    assert len(articles) == 3
    publishers = set()
    for a in articles:
        props = subjects[a]
        assert len(props[str(DCTERMS.title)]) == 1 and props[str(DCTERMS.title)][0].value
        assert props[str(DCTERMS.source)][0].value.endswith(".txt")
        for pub in props[str(DCTERMS.publisher)]:
            publishers.add(subjects[pub.value][str(RDFS.label)][0].value)
            assert str(KG.Organization) in {t.value for t in subjects[pub.value][str(RDF.type)]}
    assert len(publishers) == 3  # each seed names its news source


def test_each_article_has_its_own_named_graph(seed_build: kg.BuildResult) -> None:
    graphs = {q.graph_name for q in seed_build.quads}
    named = {g.value for g in graphs if isinstance(g, ox.NamedNode)}
    assert len(named) == 3 and ox.DefaultGraph() in graphs
    for q in seed_build.quads:
        if q.predicate.value == str(KG.refersTo):
            assert isinstance(q.graph_name, ox.NamedNode)


def test_a_bbc_build_of_150_files_conforms_to_the_shapes(tmp_path_factory: pytest.TempPathFactory) -> None:
    # 30 articles of each BBC category (tests/data/bbc-sample); two of them have the same text
    sample = Path(__file__).resolve().parents[1] / "data" / "bbc-sample"
    assert len(list(sample.glob("*.txt"))) == 150
    result = kg.build([sample], out=None)
    assert [s.code for s in result.report.skipped] == ["K111"]  # the copy is skipped, naming the first
    assert "sport-012.txt" in result.report.skipped[0].reason
    assert result.report.articles == 149
    sources: dict[str, list[str]] = defaultdict(list)
    for q in result.quads:
        if q.predicate.value == str(DCTERMS.source):
            sources[q.subject.value].append(q.object.value)
    assert len(sources) == 149 and all(len(s) == 1 for s in sources.values())
    assert validate(result.graph) == []
