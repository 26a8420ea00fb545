"""Bad input gets one line naming the file and the reason; the good articles still land; the exit status says
something was skipped; no traceback; an existing graph is never left half-written."""

from __future__ import annotations

import os
from pathlib import Path

import pytest
from typer.testing import CliRunner

import kg
from kg.cli import app
from kg.graph.io import atomic_write

pytestmark = pytest.mark.model

DATA = Path(__file__).resolve().parents[1] / "data" / "bad"
GOOD = DATA / "good-politics-010.txt"


def run(*args: str | Path) -> tuple[int, str, str]:
    result = CliRunner().invoke(app, [str(a) for a in args])
    assert "Traceback" not in result.stdout + result.stderr
    return result.exit_code, result.stdout, result.stderr


def check_skip(tmp_path: Path, bad: Path, code: str) -> None:
    out = tmp_path / "out"
    status, stdout, stderr = run("build", GOOD, bad, "--out", out, "--no-view")
    assert status == 1
    lines = [line for line in stderr.splitlines() if line.startswith("kg: skipped")]
    assert len(lines) == 1 and bad.name in lines[0] and f"({code})" in lines[0], stderr
    assert "1 articles, 1 skipped" in stdout
    assert (out / "graph.ttl").stat().st_size > 1000  # the good article landed


def test_empty_file(tmp_path: Path) -> None:
    bad = tmp_path / "empty.txt"
    bad.write_text("")
    check_skip(tmp_path, bad, "K102")


def test_binary_file(tmp_path: Path) -> None:
    bad = tmp_path / "photo.txt"
    bad.write_bytes(bytes(range(256)) * 20)
    check_skip(tmp_path, bad, "K103")


def test_text_that_is_not_utf8(tmp_path: Path) -> None:
    check_skip(tmp_path, DATA / "sport-199-cp1252.txt", "K104")


def test_html_with_no_text(tmp_path: Path) -> None:
    bad = tmp_path / "page.html"
    bad.write_text("<html><head><script>var x = 1;</script><style>p{}</style></head><body></body></html>")
    check_skip(tmp_path, bad, "K109")


def test_a_missing_path_is_reported_and_the_rest_goes_on(tmp_path: Path) -> None:
    check_skip(tmp_path, tmp_path / "no-such-folder", "K100")


def test_an_unwritable_out_is_one_line_and_exit_2(tmp_path: Path) -> None:
    blocker = tmp_path / "a-file"
    blocker.write_text("not a folder")
    status, _, stderr = run("build", GOOD, "--out", blocker / "out", "--no-view")
    assert status == 2
    assert stderr.count("\n") == 1 and "a-file" in stderr and "K300" in stderr


def test_nothing_readable_fails_and_writes_nothing(tmp_path: Path) -> None:
    bad = tmp_path / "empty.txt"
    bad.write_text(" ")
    out = tmp_path / "out"
    status, _, stderr = run("build", bad, "--out", out)
    assert status == 2 and "K101" in stderr
    assert not out.exists()


def test_an_article_longer_than_the_model_takes_is_read_whole(tmp_path: Path) -> None:
    from kg.extract import extract, load_pipeline
    from kg.ingest import read_articles

    (article,) = read_articles([GOOD])
    assert isinstance(article, kg.pipeline.Article)
    nlp = load_pipeline()
    limit = nlp.max_length
    nlp.max_length = len(article.text) // 3  # the article is three times what the model takes at once
    try:
        (ex,) = extract([article], nlp)
    finally:
        nlp.max_length = limit
    assert isinstance(ex, kg.pipeline.Extraction)
    assert ex.sentences[-1].end >= len(article.text.rstrip()) - 1
    assert max(m.prov.end for m in ex.mentions) > 2 * len(article.text) // 3
    for m in ex.mentions:
        assert article.text[m.prov.start : m.prov.end] == m.text


def test_a_failed_write_leaves_the_old_graph_whole(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    target = tmp_path / "graph.ttl"
    target.write_bytes(b"old graph\n")

    def broken_fsync(fd: int) -> None:
        raise OSError(28, "No space left on device")

    monkeypatch.setattr(os, "fsync", broken_fsync)
    with pytest.raises(kg.KgError) as info:
        atomic_write(target, b"new graph " * 1000)
    assert info.value.code == "K305" and "No space left" in str(info.value)
    assert target.read_bytes() == b"old graph\n"
    assert [p.name for p in tmp_path.iterdir()] == ["graph.ttl"]  # no temporary file left behind
