"""The example queries in queries/: each says what it answers, and answers it on the seed graph."""

from __future__ import annotations

import itertools
import re
from collections import Counter
from pathlib import Path

import pyoxigraph as ox
import pytest

from kg.graph.iri import DATA_NS
from kg.graph.sparql import QueryResult, run_query
from kg.graph.store import Store
from kg.graph.terms import PREFIXES

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


# --- queries written for speed give the answers of their plain formulations (tests/store/plain/) ---
#
# Oxigraph's on-disk store is slow on three plain SPARQL idioms: a property path (rdfs:label|skos:altLabel)
# whose object is bound from outside (it lists every label first), a pattern that starts from ?g in GRAPH ?g
# { ?g ... } (it scans them all), and ORDER BY on IRIs or stored strings (it reads both strings at each
# comparison of the sort). queries/ avoids them; the plain versions are the reference for what they answer.

PLAIN = Path(__file__).resolve().parent / "plain"
PAIRS = 25
#: For each query, the columns its ORDER BY sorts on (rows that tie on all of them may come in either order).
SORTED_ON = {
    "cooperation": ("partner",),
    "dates": ("published", "article", "date", "anchor"),
    "entities-by-type": ("type", "mentions", "label"),
    "entity": ("subject", "property", "object"),
    "evidence": ("entity", "published", "article"),
    "support": ("article", "predicate"),
}
PER_COPY = tuple(f"{DATA_NS}{kind}/" for kind in ("article", "sentence", "mention", "assertion", "quote"))
HEADER = "".join(f"PREFIX {p}: <{ns}>\n" for p, ns in PREFIXES.items())


def test_every_plain_formulation_has_its_query() -> None:
    assert {f.stem for f in PLAIN.glob("*.rq")} == set(SORTED_ON)
    assert all((QUERIES / f"{name}.rq").exists() for name in SORTED_ON)


def replicated(quads: list[ox.Quad], copies: int) -> list[ox.Quad]:
    """``copies`` copies of the articles' graphs (IRIs of articles, sentences, mentions, assertions and quotes, which
    kg mints per article, get a ``cN-`` prefix, as in bench/store), the entities shared: ``c1-`` and ``c10-`` test
    that the keys sort as the IRIs."""

    def renamed(term: ox.NamedNode | ox.BlankNode | ox.DefaultGraph | ox.Literal, c: int) -> object:
        if isinstance(term, ox.NamedNode):
            for base in PER_COPY:
                if term.value.startswith(base):
                    return ox.NamedNode(f"{base}c{c}-{term.value[len(base) :]}")
        return term

    out = set(quads)
    for c in range(1, copies):
        out.update(
            ox.Quad(renamed(q.subject, c), q.predicate, renamed(q.object, c), renamed(q.graph_name, c))  # type: ignore[arg-type]
            for q in quads
        )
    return sorted(out, key=str)


def names_in(store: Store) -> list[str]:
    """Every label and alias of an entity that some article mentions."""
    query = "SELECT DISTINCT ?name WHERE { ?e rdfs:label|skos:altLabel ?name . ?m kg:refersTo ?e } ORDER BY ?name"
    return [value(r["name"]) for r in run_query(HEADER + query, store=store).dicts()]


def comparable(result: QueryResult) -> list[tuple[str, ...]]:
    """Rows as strings; a GROUP_CONCAT of sources (entity.rq) as its sorted parts, its order being left open."""
    at = result.variables.index("sources") if "sources" in result.variables else -1
    rows = result.rows
    return [tuple(" ".join(sorted(value(t).split())) if i == at else str(t) for i, t in enumerate(r)) for r in rows]


def assert_as_plain(store: Store, names: list[str]) -> dict[str, int]:
    """Each query in SORTED_ON gives, for each binding of the variables its first line says to bind to ``names``
    (two variables: each pair of the first PAIRS), the rows its plain formulation gives, in its order; returns
    the number of rows per query."""
    totals = {}
    for query, keys in SORTED_ON.items():
        text = (QUERIES / f"{query}.rq").read_text(encoding="utf-8")
        plain = (PLAIN / f"{query}.rq").read_text(encoding="utf-8")
        first = text.splitlines()[0]  # "... Bind ?name, ..." or "... Bind ?subject and ?object, ..."
        wanted = re.findall(r"\?(\w+)", first.split("Bind", 1)[1]) if "Bind" in first else []
        pool = names if len(wanted) < 2 else names[:PAIRS]
        bindings = [dict(zip(wanted, values, strict=True)) for values in itertools.product(pool, repeat=len(wanted))]
        totals[query] = 0
        for b in bindings:
            new, old = run_query(text, store=store, bindings=b), run_query(plain, store=store, bindings=b)
            assert new.variables == old.variables, query
            rows, was = comparable(new), comparable(old)
            assert Counter(rows) == Counter(was), (query, b)
            at = [new.variables.index(v) for v in keys]
            assert [[r[i] for i in at] for r in rows] == [[r[i] for i in at] for r in was], (query, b)
            totals[query] += len(rows)
    return totals


def test_queries_as_plain_on_the_corpus(corpus: Store, nasty: str) -> None:
    totals = assert_as_plain(corpus, ["Tony Blair", "Blair", "Gordon Brown", nasty, "London", "Labour Party"])
    assert totals["evidence"] == 12 and totals["dates"] == 3 and totals["entities-by-type"] == 6
    assert totals["entity"] > 0


def test_queries_as_plain_on_a_replicated_corpus(quads: list[ox.Quad], tmp_path: Path, nasty: str) -> None:
    from kg.graph.store import open_store, write_store

    store = open_store(write_store(replicated(quads, 12), tmp_path / "store"))  # on disk, as kg build writes it
    totals = assert_as_plain(store, ["Tony Blair", "Blair", "Labour Party", nasty])
    assert totals["evidence"] == 12 * 9 and totals["dates"] == 12 * 3 and totals["entities-by-type"] == 6


@pytest.mark.model
def test_queries_as_plain_on_the_seeds(seeds: Store) -> None:
    names = names_in(seeds)
    assert len(names) >= 20
    totals = assert_as_plain(seeds, names)
    assert all(totals[q] >= 1 for q in SORTED_ON), totals
    assert totals["evidence"] >= len(names)


@pytest.mark.model
def test_queries_as_plain_on_the_replicated_seeds(seed: Path, tmp_path: Path) -> None:
    from kg.graph.io import read_quads
    from kg.graph.store import open_store, write_store

    store = open_store(write_store(replicated(read_quads(seed / "graph.trig"), 12), tmp_path / "store"))
    totals = assert_as_plain(store, ["Jeyhun Bayramov", "Azerbaijan", "Armenia", "Bayramov"])
    assert totals["evidence"] >= 12 * 4 and totals["support"] >= 12 and totals["cooperation"] >= 1
