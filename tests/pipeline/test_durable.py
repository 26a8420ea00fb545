"""A build killed (SIGKILL) at any stage boundary leaves graph.ttl, the store, the view and the manifest describing
one build, the old one or the new one; the next build repairs what the killed one left. A second build on the
same folder is refused before it writes anything."""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
from dataclasses import dataclass
from pathlib import Path

import pyoxigraph as ox
import pytest
from typer.testing import CliRunner

import kg
from kg.cli import app
from kg.graph.store import open_store
from kg.manifest import read_manifest
from kg.publish import JOURNAL, KILL_AT, Outputs

pytestmark = pytest.mark.model

ROOT = Path(__file__).resolve().parents[2]
POLITICS = ROOT / "tests" / "data" / "bbc" / "politics"
STAGES = ["locked", "ingest", "nlp", "resolution", "graph", "serialization", "store", "view", "commit", "publish"]


@dataclass(frozen=True)
class State:
    """What each output of a build folder says the build is."""

    ttl: bytes
    html: bytes
    manifest: frozenset[str]
    store: frozenset[str]


def state(out: Path) -> State:
    manifest = read_manifest(out)
    store = open_store(out / "store")
    try:
        graphs = frozenset(g.value for g in store.articles())
    finally:
        del store
    return State(
        (out / "graph.ttl").read_bytes(),
        (out / "graph.html").read_bytes(),
        frozenset(a.iri for a in manifest.articles) if manifest else frozenset(),
        graphs,
    )


def leftovers(out: Path) -> list[str]:
    return sorted(p.name for p in out.iterdir() if p.name.startswith(".") and p.name != ".lock")


def kg_build(args: list[str], env: dict[str, str] | None = None) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-c", "from kg.cli import app; app()", "build", *args],
        capture_output=True,
        text=True,
        timeout=600,
        env=dict(os.environ, **(env or {})),
        cwd=ROOT,
    )


@pytest.fixture(scope="module")
def builds(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, Path, State, State]:
    """The corpus before and after a new article, a build folder of the old corpus, and both builds' states."""
    base = tmp_path_factory.mktemp("durable")
    old_corpus, new_corpus = base / "old", base / "new"
    old_corpus.mkdir()
    for name in ("005.txt", "023.txt"):
        shutil.copy(POLITICS / name, old_corpus / name)
    shutil.copytree(old_corpus, new_corpus)
    shutil.copy(POLITICS / "388.txt", new_corpus / "388.txt")
    old_out = base / "old-out"
    kg.build([old_corpus], old_out)
    old = state(old_out)
    reference = base / "new-out"
    shutil.copytree(old_out, reference)
    kg.build([new_corpus], reference)
    new = state(reference)
    assert old.manifest < new.manifest and old.store == old.manifest and new.store == new.manifest
    return new_corpus, old_out, old, new


@pytest.mark.parametrize("stage", STAGES)
def test_a_build_killed_at_any_stage_leaves_one_build(
    builds: tuple[Path, Path, State, State], tmp_path: Path, stage: str
) -> None:
    new_corpus, old_out, old, new = builds
    out = tmp_path / "out"
    shutil.copytree(old_out, out)
    killed = kg_build([str(new_corpus), "--out", str(out)], {KILL_AT: stage})
    assert killed.returncode == -9, killed.stderr

    # until the outputs are put in place, every one of them is the old build's; once the journal is written the
    # build is committed, and a run stopped while putting its outputs in place is finished by the next one
    assert (out / JOURNAL).is_file() == (stage in ("commit", "publish"))
    if stage != "publish":
        assert state(out) == old

    again = kg_build([str(new_corpus), "--out", str(out)])
    assert again.returncode == 0, again.stderr
    assert state(out) == new
    assert leftovers(out) == []


def test_a_committed_build_is_finished_by_the_next_one(builds: tuple[Path, Path, State, State], tmp_path: Path) -> None:
    """Killed after the commit, mid-way through the renames: any kg build (even of other inputs) first finishes
    the committed one, so the outputs never mix."""
    new_corpus, old_out, _, new = builds
    out = tmp_path / "out"
    shutil.copytree(old_out, out)
    assert kg_build([str(new_corpus), "--out", str(out)], {KILL_AT: "publish"}).returncode == -9
    with Outputs(out):  # what every build does first
        pass
    assert state(out) == new and leftovers(out) == []


def test_a_second_build_is_refused_before_it_writes(builds: tuple[Path, Path, State, State], tmp_path: Path) -> None:
    new_corpus, old_out, old, _ = builds
    out = tmp_path / "out"
    shutil.copytree(old_out, out)
    names = sorted(p.name for p in out.iterdir())
    with Outputs(out):  # another build holds the folder
        result = CliRunner().invoke(app, ["build", str(new_corpus), "--out", str(out)])
        assert result.exit_code == 2 and "K310" in result.stderr
        assert sorted(p.name for p in out.iterdir()) == names
        assert state(out) == old


def test_stray_graphs_and_temporary_files_are_removed(builds: tuple[Path, Path, State, State], tmp_path: Path) -> None:
    """What a killed build of an older kg could leave: graphs no manifest lists, temporary files and folders."""
    new_corpus, old_out, _, new = builds
    out = tmp_path / "out"
    shutil.copytree(old_out, out)
    store = open_store(out / "store", read_only=False)
    stray = ox.NamedNode("http://example.org/article/stray")
    store.replace_article(stray, [ox.Quad(stray, ox.NamedNode("http://example.org/p"), ox.Literal("x"))])
    store.flush()
    del store
    (out / ".graph.ttl.abc123.tmp").write_bytes(b"half")
    (out / ".store.new-xyz").mkdir()
    (out / ".store.new-xyz" / "000001.sst").write_bytes(b"")
    (out / "notes.txt").write_text("the user's own file")

    kg.build([new_corpus], out)
    assert state(out) == new and stray.value not in state(out).store
    assert leftovers(out) == [] and (out / "notes.txt").is_file()


def test_a_damaged_store_is_replaced_by_the_next_build(builds: tuple[Path, Path, State, State], tmp_path: Path) -> None:
    new_corpus, old_out, _, new = builds
    out = tmp_path / "out"
    shutil.copytree(old_out, out)
    (out / "store" / "CURRENT").write_text("garbage\n")
    kg.build([new_corpus], out)
    assert state(out) == new and leftovers(out) == []


@pytest.mark.skipif(not sys.platform.startswith("linux"), reason="RLIMIT_FSIZE as a full disk: Linux")
@pytest.mark.parametrize("room", [0.3, 1.2])
def test_a_full_disk_leaves_the_old_build(builds: tuple[Path, Path, State, State], tmp_path: Path, room: float) -> None:
    """No file may grow past a size (as on a full disk: writes fail with EFBIG): the build fails with one line
    and every output is the old build's, with no leftovers."""
    new_corpus, old_out, old, new = builds
    out = tmp_path / "out"
    shutil.copytree(old_out, out)
    limit = int(len(new.ttl) * room)
    code = (
        "import resource, signal, sys\n"
        "signal.signal(signal.SIGXFSZ, signal.SIG_IGN)\n"
        f"resource.setrlimit(resource.RLIMIT_FSIZE, ({limit}, {limit}))\n"
        "from kg.cli import app\n"
        "sys.argv = ['kg', 'build', sys.argv[1], '--out', sys.argv[2]]\n"
        "app()\n"
    )
    done = subprocess.run(
        [sys.executable, "-c", code, str(new_corpus), str(out)], capture_output=True, text=True, timeout=600, cwd=ROOT
    )
    assert done.returncode == 2 and "Traceback" not in done.stderr, done.stderr
    assert len(done.stderr.strip().splitlines()) == 1 and "kg: error:" in done.stderr
    assert state(out) == old and leftovers(out) == []
