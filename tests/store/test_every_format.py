"""Every output answers the same questions: each example query gives the same rows on graph.ttl (the union, no
named graphs), graph.trig, graph.nq and the store, and ``kg eval --graph`` scores each format alike."""

from __future__ import annotations

from collections import Counter
from pathlib import Path

import pyoxigraph as ox
import pytest
from typer.testing import CliRunner

from kg.cli import app
from kg.graph.io import FORMATS, write_graph

from .test_real_stores import canonical, example_bindings

QUERIES = Path(__file__).resolve().parents[2] / "queries"
ROOT = QUERIES.parent
runner = CliRunner()


def answers(query: Path, where: list[str], binds: list[str]) -> Counter[tuple[str, ...]]:
    result = runner.invoke(app, ["query", "--file", str(query), "-f", "csv", *where, *binds])
    assert result.exit_code == 0, (query.name, where, result.output)
    return canonical(query.read_text(encoding="utf-8"), result.stdout)


def assert_every_format_answers_alike(folder: Path, bindings: dict[str, list[list[str]]]) -> dict[str, int]:
    """Each query (with each of its bindings) gives the same rows on every file and on the store in ``folder``;
    returns the rows per query."""
    totals: dict[str, int] = {}
    for query in sorted(QUERIES.glob("*.rq")):
        totals[query.stem] = 0
        for binds in bindings.get(query.stem, [[]]):
            rows = answers(query, ["--store", str(folder / "store")], binds)
            for name in ("graph.ttl", "graph.trig", "graph.nq"):
                assert answers(query, ["--graph", str(folder / name)], binds) == rows, (query.name, name, binds)
            totals[query.stem] += sum(rows.values())
    return totals


def test_every_query_on_every_format_of_the_corpus(quads: list[ox.Quad], tmp_path: Path, nasty: str) -> None:
    from kg.graph.store import write_store

    for name in ("ttl", "trig", "nq"):
        write_graph(quads, tmp_path / f"graph.{name}", FORMATS[name])
    write_store(quads, tmp_path / "store")
    names = ["Tony Blair", "Blair", "Gordon Brown", nasty, "London", "Labour Party"]
    one = [[f"--bind=name={n}"] for n in names]
    bindings = {"entity": one, "evidence": one, "cooperation": one}
    totals = assert_every_format_answers_alike(tmp_path, bindings)
    assert totals["evidence"] == 12 and totals["dates"] == 3 and totals["entities-by-type"] == 6
    assert totals["entity"] > 0


@pytest.mark.model
def test_every_query_on_every_format_of_the_seeds(seed: Path, tmp_path: Path) -> None:
    # seed holds graph.ttl, graph.trig and the store of one build (left as they are); N-Quads from the TriG
    from kg.graph.io import read_quads

    for name in ("graph.ttl", "graph.trig", "store"):
        (tmp_path / name).symlink_to(seed / name)
    write_graph(read_quads(seed / "graph.trig"), tmp_path / "graph.nq", FORMATS["nq"])
    bindings = {}
    for query in QUERIES.glob("*.rq"):
        example = example_bindings(query.read_text(encoding="utf-8"))
        if example:
            bindings[query.stem] = [example]
    bindings["entity"] = [["--bind=name=Jeyhun Bayramov"], ["--bind=name=Azerbaijan"], ["--bind=name=Trend"]]
    totals = assert_every_format_answers_alike(tmp_path, bindings)
    assert all(n >= 1 for n in totals.values()), totals  # every query answers something on the seeds


@pytest.mark.model
def test_eval_scores_every_format_alike(seed: Path) -> None:
    reports = {}
    for name in ("graph.ttl", "graph.trig"):
        result = runner.invoke(app, ["eval", str(ROOT / "tests" / "gold" / "seeds.json"), "--graph", str(seed / name)])
        assert result.exit_code == 0, result.output
        reports[name] = result.stdout
    assert reports["graph.ttl"] == reports["graph.trig"]
    assert "events    P 0.000" not in reports["graph.ttl"] and "R 0.000" not in reports["graph.ttl"]
