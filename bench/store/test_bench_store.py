"""The store benchmark's two evidence queries give the same answer (``pytest bench/store``; spaCy builds the graphs).

The evidence query sorts on ?article, the keyed one on a string bound per row that orders as ?article does. Both
are checked against the full answer (no LIMIT) on the seed graph and on a replicated graph whose 1,000th row falls
inside an article, in the on-disk pyoxigraph store the benchmark uses, and in rdflib on the seed graph.
"""

from __future__ import annotations

import importlib.util
import sys
from collections.abc import Callable
from pathlib import Path

import pyoxigraph as ox
import pytest

HERE = Path(__file__).resolve().parent
ROOT = HERE.parents[1]
pytestmark = pytest.mark.model

_spec = importlib.util.spec_from_file_location("bench_store", HERE / "bench_store.py")
assert _spec and _spec.loader
bench = importlib.util.module_from_spec(_spec)
sys.modules["bench_store"] = bench
_spec.loader.exec_module(bench)

Row = tuple[str, ...]
Run = Callable[[str], list[Row]]


def on_disk(triples: list[ox.Triple], path: Path) -> Run:
    """The triples in an on-disk store, bulk-loaded and compacted as the benchmark does; a query runner."""
    store = ox.Store(str(path))
    store.bulk_load(ox.serialize(triples, format=ox.RdfFormat.N_TRIPLES), format=ox.RdfFormat.N_TRIPLES)
    store.optimize()
    return lambda text: bench.ox_rows(store.query(bench.HEADER + text))


def in_rdflib(triples: list[ox.Triple]) -> Run:
    from rdflib import Graph

    graph = Graph()
    graph.parse(data=(ox.serialize(triples, format=ox.RdfFormat.N_TRIPLES) or b"").decode(), format="nt")
    return lambda text: [tuple("" if t is None else str(t) for t in row) for row in graph.query(bench.HEADER + text)]  # type: ignore[union-attr]


def answers(run: Run, name: str) -> tuple[list[Row], list[Row], list[Row]]:
    """The evidence query's rows, the keyed query's rows and the full answer, for ``name``."""
    return tuple(  # type: ignore[return-value]
        run(q.replace("{name}", name))
        for q in (bench.QUERIES[bench.EVIDENCE], bench.QUERIES[bench.EVIDENCE_KEYED], bench.EVIDENCE_ALL)
    )


def people(run: Run) -> list[str]:
    return [r[0] for r in run("SELECT DISTINCT ?name WHERE { ?e a kg:Person ; rdfs:label ?name . ?m kg:refersTo ?e }")]


@pytest.fixture(scope="module")
def seed_triples() -> list[ox.Triple]:
    import kg

    return bench.replicate(kg.build([ROOT / "seeds"], out=None, view=False).quads, 0)  # the union, one copy


@pytest.fixture(scope="module")
def source() -> list[ox.Quad]:
    return bench.source_quads(None, ROOT / "tests/data/bbc/politics")  # the graph the benchmark replicates


def test_the_check_refuses_other_rows_or_another_order() -> None:
    everything = [("a1", "x"), ("a1", "y"), ("a2", "z"), ("a3", "u"), ("a3", "v")]
    assert bench.valid_evidence([("a1", "y"), ("a1", "x"), ("a2", "z"), ("a3", "v")], everything, 4)
    assert not bench.valid_evidence([("a1", "x"), ("a2", "z"), ("a1", "y"), ("a3", "v")], everything, 4)
    assert not bench.valid_evidence([("a1", "x"), ("a1", "x"), ("a2", "z"), ("a3", "v")], everything, 4)
    assert not bench.valid_evidence([("a1", "x"), ("a1", "y"), ("a2", "z"), ("a3", "w")], everything, 4)
    assert not bench.valid_evidence(everything[:3], everything, 4)


def test_same_answer_on_the_seed_graph(seed_triples: list[ox.Triple], tmp_path: Path) -> None:
    for run in (on_disk(seed_triples, tmp_path / "store"), in_rdflib(seed_triples)):
        names = people(run)
        assert len(names) >= 5
        for name in names:
            plain, keyed, everything = answers(run, name)
            assert plain and len(everything) < bench.LIMIT  # no LIMIT cut: all the rows, by article
            assert bench.valid_evidence(plain, everything) and bench.valid_evidence(keyed, everything), name


def test_same_answer_on_the_replicated_graph(source: list[ox.Quad], tmp_path: Path) -> None:
    run = on_disk(bench.replicate(source, 300_000), tmp_path / "store")
    name = bench.most_mentioned(source)
    plain, keyed, everything = answers(run, name)
    assert everything[bench.LIMIT][0] == everything[bench.LIMIT - 1][0]  # the LIMIT cuts an article
    assert bench.valid_evidence(plain, everything) and bench.valid_evidence(keyed, everything)
