"""The example queries in queries/: each says what it answers, and answers it on the seed graph."""

from __future__ import annotations

from pathlib import Path

import pyoxigraph as ox
import pytest

from kg.graph.sparql import QueryResult, run_query
from kg.graph.store import Store

QUERIES = Path(__file__).resolve().parents[2] / "queries"
KG = "https://w3id.org/kg-news/ontology#"
ENTITY_TYPES = {f"{KG}{t}" for t in ("Person", "Organization", "Place", "Country", "City", "Region", "Event")}


def run(query: str, store: object, **bindings: str) -> QueryResult:
    return run_query((QUERIES / f"{query}.rq").read_text(encoding="utf-8"), store=store, bindings=bindings)  # type: ignore[arg-type]


def value(term: object) -> str:
    assert isinstance(term, ox.NamedNode | ox.Literal), term
    return term.value


def test_every_query_says_what_it_answers() -> None:
    files = sorted(QUERIES.glob("*.rq"))
    assert {f.stem for f in files} >= {"entities-by-type", "entity", "evidence", "dates"}
    for f in files:
        first = f.read_text(encoding="utf-8").splitlines()[0]
        assert first.startswith("# ") and first.rstrip().endswith(("?", ".", ")")), f


# --- on the hand-made corpus (fast, exact) ---


@pytest.fixture(scope="module")
def corpus(quads: list[ox.Quad]) -> Store:
    return Store.memory(quads)


def test_entities_by_type_on_the_corpus(corpus: Store) -> None:
    rows = {value(r["label"]): r for r in run("entities-by-type", corpus).dicts()}
    assert int(value(rows["Tony Blair"]["mentions"])) == 3 and int(value(rows["Tony Blair"]["articles"])) == 2
    assert value(rows["London"]["type"]) == f"{KG}City"  # its most specific type, listed once
    assert len(rows) == 6


def test_entity_with_a_nasty_name_on_the_corpus(corpus: Store, nasty: str) -> None:
    rows = run("entity", corpus, name=nasty).dicts()
    assert {value(r["property"]).rsplit("#", 1)[-1] for r in rows} == {"type", "label", "mentions"}
    assert {value(r["sources"]) for r in rows} == {"a2.txt"}


def test_entity_by_alias_on_the_corpus(corpus: Store) -> None:
    rows = run("entity", corpus, name="Blair").dicts()
    assert {value(r["object"]) for r in rows if value(r["property"]).endswith("altLabel")} == {"Blair"}
    assert {value(r["subject"]).rsplit("/", 1)[-1] for r in rows if value(r["property"]).endswith("mentions")} == {
        "a1",
        "a3",
    }


def test_evidence_on_the_corpus(corpus: Store) -> None:
    rows = run("evidence", corpus, name="Tony Blair").dicts()
    assert [value(r["anchor"]) for r in rows] == ["Tony Blair", "Blair", "Tony Blair"]
    assert all(value(r["anchor"]) in value(r["text"]) for r in rows)


def test_dates_on_the_corpus(corpus: Store) -> None:
    rows = run("dates", corpus).dicts()
    assert [value(r["date"]) for r in rows] == ["2005-02", "2005-03-01", "2004"]  # by article date, then date


# --- on the seed articles, built by the real pipeline ---


@pytest.fixture(scope="module")
def seeds(seed: Path) -> Store:
    from kg.graph.store import open_store

    return open_store(seed / "store")


@pytest.mark.model
def test_entities_by_type_on_the_seeds(seeds: Store) -> None:
    rows = run("entities-by-type", seeds).dicts()
    assert rows and all(value(r["type"]) in ENTITY_TYPES and value(r["label"]) for r in rows)
    people = [r for r in rows if value(r["type"]) == f"{KG}Person"]
    assert any(int(value(r["mentions"])) >= 2 for r in people)
    assert "Jeyhun Bayramov" in {value(r["label"]) for r in people}
    assert all(int(value(r["mentions"])) >= int(value(r["articles"])) >= 1 for r in rows)
    entities = [value(r["entity"]) for r in rows]
    assert len(entities) == len(set(entities))  # each entity once, under one type


@pytest.mark.model
def test_entity_on_the_seeds(seeds: Store) -> None:
    rows = run("entity", seeds, name="Jeyhun Bayramov").dicts()
    props = {value(r["property"]) for r in rows}
    assert "http://www.w3.org/1999/02/22-rdf-syntax-ns#type" in props and f"{KG}mentions" in props
    assert all(value(r["sources"]).startswith("seeds/") for r in rows)
    assert any(int(value(r["articles"])) >= 2 for r in rows)


@pytest.mark.model
def test_evidence_on_the_seeds(seeds: Store) -> None:
    rows = run("evidence", seeds, name="Jeyhun Bayramov").dicts()
    assert len(rows) >= 2 and len({value(r["article"]) for r in rows}) >= 2
    assert all(r.get("text") for r in rows)
    named = [r for r in rows if value(r["anchor"]) == "Jeyhun Bayramov"]
    assert named and all("Jeyhun Bayramov" in value(r["text"]) for r in named)


@pytest.mark.model
def test_dates_on_the_seeds(seeds: Store) -> None:
    rows = run("dates", seeds).dicts()
    assert rows
    by_article: dict[str, list[str]] = {}
    for r in rows:
        by_article.setdefault(value(r["article"]), []).append(value(r["date"]))
    assert all(dates == sorted(dates) for dates in by_article.values())
    assert "2020-11-10" in {d for dates in by_article.values() for d in dates}
