"""The questions the graph must answer on the seeds (issue: relations and events), as example queries."""

from __future__ import annotations

from pathlib import Path

import pyoxigraph as ox
import pytest

from kg.graph.sparql import QueryResult, run_query
from kg.graph.store import Store, open_store

QUERIES = Path(__file__).resolve().parents[2] / "queries"
pytestmark = pytest.mark.model


def run(query: str, store: Store, **bindings: str) -> list[dict[str, str]]:
    result: QueryResult = run_query(
        (QUERIES / f"{query}.rq").read_text(encoding="utf-8"), store=store, bindings=bindings
    )
    return [{k: v.value for k, v in row.items() if isinstance(v, ox.NamedNode | ox.Literal)} for row in result.dicts()]


@pytest.fixture(scope="module")
def seeds(seed: Path) -> Store:
    return open_store(seed / "store")


def test_people_and_their_positions(seeds: Store) -> None:
    rows = run("positions", seeds)
    held = {(r["name"], r["body"]) for r in rows}
    assert ("Jeyhun Bayramov", "Azerbaijan") in held
    assert ("Volker Turk", "United Nations") in held
    assert ("Ilham Aliyev", "Azerbaijan") in held
    spokesperson = [r for r in rows if r["name"] == "Leyla Abdullayeva"]
    assert spokesperson and "spokesperson" in spokesperson[0]["title"] and "Ministry" in spokesperson[0]["body"]
    assert any("Minister" in r["title"] for r in rows if r["name"] == "Jeyhun Bayramov")


def test_who_met_whom_and_when(seeds: Store) -> None:
    rows = run("meetings", seeds)
    assert {"date": "2023-09-13", "who": "Jeyhun Bayramov", "whom": "Volker Turk"}.items() <= rows[0].items()


def test_events_in_date_order(seeds: Store) -> None:
    rows = run("events", seeds)
    dates = [r["date"] for r in rows]
    assert dates == sorted(dates)
    kinds = {(r["date"], r.get("type")) for r in rows}
    assert ("1995-11-12", "Adoption") in kinds
    assert ("2020-11-10", "Signing") in kinds
    assert {("2023-09-13", "Visit"), ("2023-09-13", "Speech"), ("2023-09-13", "Meeting")} <= kinds
    signing = next(r for r in rows if r.get("type") == "Signing")
    assert {"Azerbaijan", "Russia", "Armenia"} <= set(signing["participants"].split(", "))


def test_who_azerbaijan_cooperates_with(seeds: Store) -> None:
    partners = {r["partner"] for r in run("cooperation", seeds, name="Azerbaijan")}
    assert {"United Nations Human Rights Council", "OSCE", "Council of Europe", "European Union"} <= partners


def test_the_article_and_sentence_that_support_a_fact(seeds: Store) -> None:
    rows = run("support", seeds, subject="Baku", object="Azerbaijan")
    assert rows and all(r["predicate"].endswith("#locatedIn") for r in rows)
    assert any(r["article"].startswith("seeds/000") and "BAKU" in r["text"] for r in rows)
    positions = run("support", seeds, subject="Volker Turk", object="United Nations")
    assert positions and "Volker Turk" in positions[0]["text"] and 0 < float(positions[0]["confidence"]) <= 1
