"""A build over hostile input, through the real command: mended and dropped values get a warning line, the
articles stay, a forged file name cannot forge a line, a damaged store gives one line and the way out."""

from __future__ import annotations

import json
from pathlib import Path

import pyoxigraph as ox
import pytest
from typer.testing import CliRunner

from kg.cli import app
from kg.graph.store import write_store

pytestmark = pytest.mark.model

GOOD = Path(__file__).resolve().parents[1] / "data" / "bad" / "good-politics-010.txt"


def test_hostile_input_is_harmless_and_nothing_good_is_lost(tmp_path: Path) -> None:
    folder = tmp_path / "news"
    folder.mkdir()
    (folder / "good.txt").write_bytes(GOOD.read_bytes())
    lines = [
        '{"text": "Rain fell on Paris \\ud800 on Monday, the mayor said.", "url": "https://example.org/rain"}',
        json.dumps({"text": "The minister visited Berlin on Tuesday.", "url": "javascript:alert(1)"}),
        json.dumps({"text": "Talks in Rome ended on Friday.", "url": "https://exa\u202emple.org/"}),
    ]
    (folder / "feed.jsonl").write_text("\n".join(lines) + "\n", encoding="utf-8")
    forged = "x\nkg: wrote graph.ttl\x1b[31m.txt"
    (folder / forged).write_text(" ", encoding="utf-8")
    out = tmp_path / "out"

    result = CliRunner().invoke(app, ["build", str(folder), "--out", str(out), "--no-view", "-f", "ttl", "-f", "nt"])
    assert "Traceback" not in result.stdout + result.stderr
    assert result.exit_code == 1  # the empty file is skipped
    assert "4 articles, 1 skipped" in result.stdout
    errors = result.stderr.splitlines()
    assert [line for line in errors if line.startswith("kg: skipped")] == [
        "kg: skipped " + str(folder.as_posix()) + "/x\\x0akg: wrote graph.ttl\\x1b[31m.txt: "
        f"Empty file: {folder.as_posix()}/x\\x0akg: wrote graph.ttl\\x1b[31m.txt. Nothing to extract; remove it or "
        "add text. (K102)"
    ]
    warnings = [line for line in errors if line.startswith("kg: warning")]
    assert len(warnings) == 3, errors
    assert sum("K120" in w for w in warnings) == 1 and sum("K121" in w for w in warnings) == 2
    assert all("\x1b" not in line and "\u202e" not in line for line in errors)
    assert not any(line.startswith("kg: wrote") for line in result.stdout.splitlines())

    urls = {str(t.object) for t in ox.parse(path=str(out / "graph.nt")) if t.predicate.value.endswith("#url")}
    assert urls == {"<https://example.org/rain>"}
    nt = (out / "graph.nt").read_text(encoding="utf-8")
    assert "Rain fell on Paris \ufffd on Monday" in nt and "javascript" not in nt and "\u202e" not in nt
    import rdflib

    assert len(rdflib.Graph().parse(out / "graph.nt", format="nt")) > 0  # rdflib reads it too


def test_a_damaged_store_is_one_line_with_the_way_out(tmp_path: Path) -> None:
    store = write_store(
        [ox.Quad(ox.NamedNode("http://e/a"), ox.NamedNode("http://e/b"), ox.Literal("c"))], tmp_path / "s"
    )
    (store / "CURRENT").write_text("garbage\n")
    result = CliRunner().invoke(app, ["query", "ASK { ?s ?p ?o }", "--store", str(store)])
    assert result.exit_code == 2 and "Traceback" not in result.stderr
    (line,) = result.stderr.splitlines()
    assert "K314" in line and "damaged" in line and "kg build" in line
