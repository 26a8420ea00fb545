"""``kg remove`` never drops an article it was not asked to: an article whose source is gone, changed or
unreadable gets its line, the exit status is 1 and nothing changes; and it builds with the build's own options
(kept as one record in the manifest), so a ``--no-store`` build stays store-less."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest
from typer.testing import CliRunner

from kg.cli import app
from kg.manifest import BuildOptions, read_manifest

pytestmark = pytest.mark.model
POLITICS = Path(__file__).resolve().parents[2] / "tests" / "data" / "bbc" / "politics"


def kg(*args: str | Path) -> tuple[int, str, str]:
    result = CliRunner().invoke(app, [str(a) for a in args])
    assert "Traceback" not in result.stdout + result.stderr
    return result.exit_code, result.stdout, result.stderr


@pytest.fixture()
def built(tmp_path: Path) -> tuple[Path, Path]:
    folder = tmp_path / "news"
    folder.mkdir()
    for name in ("005.txt", "023.txt", "388.txt"):
        shutil.copy(POLITICS / name, folder / name)
    out = tmp_path / "out"
    status, _, stderr = kg("build", folder, "--out", out, "--no-store", "--no-view", "-f", "ttl", "-f", "trig")
    assert status == 0, stderr
    return folder, out


def snapshot(out: Path) -> dict[str, bytes]:
    return {p.name: p.read_bytes() for p in out.iterdir() if p.is_file()}


def test_remove_names_every_article_it_cannot_build_again(built: tuple[Path, Path]) -> None:
    folder, out = built
    before = snapshot(out)
    text = (folder / "023.txt").read_text(encoding="utf-8")
    (folder / "023.txt").write_text(text.replace("the", "a", 1), encoding="utf-8")
    (folder / "005.txt").unlink()

    status, stdout, stderr = kg("remove", "388.txt", "--out", out)
    assert status == 1
    lines = stderr.splitlines()
    assert len(lines) == 3, stderr
    assert "005.txt" in lines[0] and "gone" in lines[0] and "K311" in lines[0]
    assert "023.txt" in lines[1] and "changed" in lines[1] and "K311" in lines[1]
    assert "K312" in lines[2] and "nothing was removed" in lines[2]
    assert snapshot(out) == before  # nothing changed, the removed article included


def test_remove_builds_with_the_options_of_the_build(built: tuple[Path, Path]) -> None:
    _, out = built
    manifest = read_manifest(out)
    assert manifest is not None
    assert manifest.options == BuildOptions(formats=("ttl", "trig"), view=False, store=False)

    assert "388.txt" in (out / "graph.trig").read_text(encoding="utf-8")

    status, stdout, stderr = kg("remove", "388.txt", "--out", out)
    assert status == 0, stderr
    assert not (out / "store").exists() and not (out / "graph.html").exists()
    assert "388.txt" not in (out / "graph.trig").read_text(encoding="utf-8")
    after = read_manifest(out)
    assert after is not None and after.options == manifest.options
    assert sorted(Path(a.source).name for a in after.articles) == ["005.txt", "023.txt"]
    assert {"wrote " + str(out / "graph.ttl"), "wrote " + str(out / "graph.trig")} <= set(stdout.splitlines())
