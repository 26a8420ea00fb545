"""Adding, changing and removing articles updates the store graph by graph; `kg remove` takes out exactly what
only the removed article supported."""

from __future__ import annotations

import shutil
from pathlib import Path

import pyoxigraph as ox
import pytest
from typer.testing import CliRunner

import kg
from kg.cli import app
from kg.graph.store import open_store
from kg.manifest import read_manifest

pytestmark = pytest.mark.model
ROOT = Path(__file__).resolve().parents[2]
POLITICS = ROOT / "tests" / "data" / "bbc" / "politics"


def store_quads(out: Path) -> set[ox.Quad]:
    store = open_store(out / "store")
    try:
        return set(store.quads())
    finally:
        del store


def graph(quads: set[ox.Quad], name: str) -> set[ox.Quad]:
    return {q for q in quads if isinstance(q.graph_name, ox.NamedNode) and q.graph_name.value == name}


@pytest.fixture()
def corpus(tmp_path: Path) -> Path:
    folder = tmp_path / "news"
    folder.mkdir()
    for name in ("005.txt", "023.txt"):
        shutil.copy(POLITICS / name, folder / name)
    return folder


def test_adding_changing_and_removing_articles(corpus: Path, tmp_path: Path) -> None:
    out = tmp_path / "out"
    first = kg.build([corpus], out, view=False)
    before = store_quads(out)
    manifest = read_manifest(out)
    assert manifest is not None and len(manifest.articles) == 2
    kept = next(a for a in manifest.articles if a.source.endswith("023.txt"))

    # adding an article: its graph arrives; an article that shares nothing with it keeps its graph as it was
    shutil.copy(POLITICS / "388.txt", corpus / "388.txt")
    added = kg.build([corpus], out, view=False)
    after_add = store_quads(out)
    assert len({q.graph_name for q in after_add if isinstance(q.graph_name, ox.NamedNode)}) == 3
    assert graph(after_add, kept.iri) == graph(before, kept.iri)
    assert added.report.articles == 3

    # changing an article replaces its graph (a new content hash is a new article IRI)
    text = (corpus / "388.txt").read_text(encoding="utf-8")
    (corpus / "388.txt").write_text(text.replace("Elderly", "Older", 1), encoding="utf-8")
    kg.build([corpus], out, view=False)
    after_change = store_quads(out)
    old_iri = next(a.iri for a in read_manifest(out).articles if a.source.endswith("388.txt"))  # type: ignore[union-attr]
    assert graph(after_change, old_iri)
    assert old_iri not in {q.graph_name.value for q in after_add if isinstance(q.graph_name, ox.NamedNode)}

    # removing it takes out exactly what only it supported: the store is the first build's again
    result = CliRunner().invoke(app, ["remove", "388.txt", "--out", str(out)])
    assert result.exit_code == 0, result.stderr
    assert store_quads(out) == before
    assert (out / "graph.ttl").read_bytes() == first_ttl(first, tmp_path)


def first_ttl(first: kg.BuildResult, tmp_path: Path) -> bytes:
    from kg.graph.io import FORMATS, serialize

    return serialize(first.quads, FORMATS["ttl"])


def test_removing_an_unknown_or_the_last_article_is_an_error(corpus: Path, tmp_path: Path) -> None:
    out = tmp_path / "out"
    kg.build([corpus / "005.txt"], out, view=False)
    for name in ("no-such-article", "005.txt"):
        result = CliRunner().invoke(app, ["remove", name, "--out", str(out)])
        assert result.exit_code == 2 and "K405" in result.stderr
    assert read_manifest(out) is not None and len(read_manifest(out).articles) == 1  # type: ignore[union-attr]


def test_a_large_graph_is_updated_by_its_difference_to_what_a_fresh_build_holds(
    corpus: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    import kg.graph.incremental as incremental

    monkeypatch.setattr(incremental, "LARGE", 0)  # every graph counts as large: each is updated by its difference
    out = tmp_path / "out"
    kg.build([corpus], out, view=False)
    shutil.copy(POLITICS / "388.txt", corpus / "388.txt")
    text = (corpus / "005.txt").read_text(encoding="utf-8")
    (corpus / "005.txt").write_text(text.replace("said", "stated", 1), encoding="utf-8")  # a changed article too
    kg.build([corpus], out, view=False)
    fresh = tmp_path / "fresh"
    kg.build([corpus], fresh, view=False)
    assert store_quads(out) == store_quads(fresh)
    assert len(store_quads(out)) > 1000
