"""The embedded store: bulk build with an atomic swap, read-only opening, one-call replacement of a graph."""

from __future__ import annotations

import shutil
from pathlib import Path

import pyoxigraph as ox
import pytest

from kg.errors import QueryError
from kg.graph.store import Store, insert_data, open_store, write_store

DEFAULT = ox.DefaultGraph()
A1 = ox.NamedNode("https://w3id.org/kg-news/id/article/a1")


def plain(quads: object) -> list[tuple[str, str, str, str]]:
    """Quads compared by value: Oxigraph stores xsd:nonNegativeInteger as xsd:integer (same value)."""
    return sorted(
        (
            str(q.subject),
            str(q.predicate),
            q.object.value if isinstance(q.object, ox.Literal) else str(q.object),
            str(q.graph_name),
        )
        for q in quads  # type: ignore[attr-defined]
    )


def test_write_store_holds_every_quad_with_a_graph_per_article(tmp_path: Path, quads: list[ox.Quad]) -> None:
    path = write_store(quads, tmp_path / "store")
    store = open_store(path)
    assert store.read_only
    assert plain(store.quads()) == plain(quads)
    assert [g.value.rsplit("/", 1)[-1] for g in store.articles()] == ["a1", "a2", "a3"]
    assert [p.name for p in tmp_path.iterdir()] == ["store"]  # no temporary folder left behind


def test_a_graph_set_loads_in_chunks_of_whole_graphs_to_the_same_store(tmp_path: Path, quads: list[ox.Quad]) -> None:
    from kg.graph.quads import DEFAULT as NO_NAME
    from kg.graph.quads import GraphSet

    by_graph: dict[str, list[tuple[str, str, str]]] = {}
    for q in quads:
        name = str(q.graph_name) if isinstance(q.graph_name, ox.NamedNode) else NO_NAME
        by_graph.setdefault(name, []).append((str(q.subject), str(q.predicate), str(q.object)))
    graphs = GraphSet.of(by_graph)
    chunks = list(graphs.nquad_chunks(size=5))
    assert len(chunks) > 1 and b"".join(chunks) == graphs.nquads()  # whole graphs, in order, nothing twice
    one, many = write_store(graphs.nquads(), tmp_path / "one"), write_store(iter(chunks), tmp_path / "many")
    assert plain(open_store(many).quads()) == plain(open_store(one).quads()) == plain(quads)


def test_rebuild_replaces_the_store(tmp_path: Path, quads: list[ox.Quad]) -> None:
    write_store(quads, tmp_path / "store")
    write_store(quads[:10], tmp_path / "store")
    assert len(open_store(tmp_path / "store")) == 10
    assert [p.name for p in tmp_path.iterdir()] == ["store"]


def test_an_interrupted_build_leaves_the_old_store_intact(tmp_path: Path, quads: list[ox.Quad]) -> None:
    write_store(quads, tmp_path / "store")

    def broken():  # type: ignore[no-untyped-def]
        yield from quads[:5]
        raise KeyboardInterrupt

    with pytest.raises(KeyboardInterrupt):
        write_store(broken(), tmp_path / "store")
    assert len(open_store(tmp_path / "store")) == len(quads)
    assert [p.name for p in tmp_path.iterdir()] == ["store"]


def test_missing_store_is_k402(tmp_path: Path) -> None:
    with pytest.raises(QueryError) as info:
        open_store(tmp_path / "nothing")
    assert info.value.code == "K402"


def test_a_store_open_for_writing_is_locked(tmp_path: Path, quads: list[ox.Quad]) -> None:
    path = write_store(quads, tmp_path / "store")
    writer = open_store(path, read_only=False)
    with pytest.raises(QueryError) as info:
        open_store(path, read_only=False)
    assert info.value.code == "K406"
    assert len(open_store(path)) == len(writer)  # readers are fine


def test_replace_article_swaps_one_named_graph_only(store_dir: Path, tmp_path: Path, quads: list[ox.Quad]) -> None:
    shutil.copytree(store_dir, tmp_path / "store")
    store = open_store(tmp_path / "store", read_only=False)
    others = [q for q in quads if q.graph_name != A1]
    new = [ox.Quad(A1, ox.NamedNode("http://purl.org/dc/terms/title"), ox.Literal('New "title" }'), DEFAULT)]
    assert store.replace_article(A1, new) == 1
    assert plain(store.quads()) == plain([*others, ox.Quad(new[0].subject, new[0].predicate, new[0].object, A1)])
    store.replace_article(A1, [])
    assert A1 not in store.articles()


def test_replace_default_rewrites_the_entities(quads: list[ox.Quad]) -> None:
    store = Store.memory(quads)
    label = ox.Quad(
        ox.NamedNode("https://w3id.org/kg-news/id/person/x"),
        ox.NamedNode("http://www.w3.org/2000/01/rdf-schema#label"),
        ox.Literal("X \\ }"),
        DEFAULT,
    )
    store.replace_default([label])
    assert list(store.quads(DEFAULT)) == [label]
    assert len(store) == len([q for q in quads if q.graph_name != DEFAULT]) + 1


def test_read_only_store_refuses_writes(store_dir: Path) -> None:
    with pytest.raises(QueryError) as info:
        open_store(store_dir).replace_article(A1, [])
    assert info.value.code == "K406"


def test_insert_data_escapes_every_value(nasty: str) -> None:
    """The text of INSERT DATA comes from pyoxigraph's serialiser: nasty values round-trip exactly."""
    values = [nasty, "a\rb\tc", "\x00\x7f", "😀 \u2028", "'''", '"""', "\\u0041", "}}} ;  DROP ALL ; {"]
    quads = [
        ox.Quad(
            ox.NamedNode(f"http://e/s{i}"),
            ox.NamedNode("http://e/p"),
            ox.Literal(v),
            ox.NamedNode("http://e/g"),
        )
        for i, v in enumerate(values)
    ]
    quads.append(ox.Quad(ox.BlankNode("b"), ox.NamedNode("http://e/p"), ox.Literal("x", language="en"), DEFAULT))
    store = ox.Store()
    store.update(insert_data(quads))
    got = {(q.subject, q.object.value) for q in store if isinstance(q.subject, ox.NamedNode)}
    assert got == {(q.subject, q.object.value) for q in quads[:-1]}
    assert len(store) == len(quads)


@pytest.mark.parametrize(
    "text", ['quote " brace } dot .', "a written \\u0022 escape", "back\\slash\\", "line\nbreak\ttab", "\\U0001F600"]
)
def test_replace_graph_keeps_any_text_as_it_is(text: str) -> None:
    from kg.graph import nt

    store = Store(ox.Store())
    a1 = f"<{A1.value}>"
    triples = [(a1, "<http://purl.org/dc/terms/title>", nt.literal(text))]
    assert store.replace_graph(a1, triples) == 1
    assert [q.object.value for q in store.quads(A1)] == [text]
    store.replace_graph("", triples)
    assert [q.object.value for q in store.quads(DEFAULT)] == [text]
