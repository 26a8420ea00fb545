"""The commit of a build folder (kg.commit) with a hand-made folder, no model, by both ways (the swap and the
journal): a journal names only outputs of the folder, whoever wrote it; the locks follow no link and hold across
the swap; a reader waits for a commit a while, not for ever; the swap keeps all it does not replace, the journal
commits wherever the swap cannot be done, and only what a stopped swap left beside the folder is deleted.
tests/pipeline/test_durable.py kills real builds inside their commits."""

from __future__ import annotations

import fcntl
import json
import os
import shutil
import stat
import subprocess
import threading
import time
from collections.abc import Iterator
from contextlib import ExitStack, contextmanager
from pathlib import Path

import pytest

from kg import commit
from kg.commit import COMMIT_LOCK, JOURNAL, LOCK, MARK, NO_SWAP, committing, mark, reading, swappable
from kg.errors import GraphError
from kg.graph.io import read_quads
from kg.manifest import BuildOptions, Manifest, read_manifest
from kg.publish import Outputs

TTL = b'<http://example.org/a> <http://example.org/p> "%s" .\n'


def built(out: Path, value: str, formats: tuple[str, ...] = ("ttl",)) -> None:
    """A build of graph files (and a manifest) into ``out``, through the real Outputs; an earlier build's graph
    files in other formats go."""
    with Outputs(out) as outputs:
        for fmt in formats:
            outputs.stage_bytes(f"graph.{fmt}", TTL % value.encode())
        for fmt in {"ttl", "nt"} - set(formats):
            outputs.drop(f"graph.{fmt}")
        outputs.commit(Manifest(BuildOptions(formats=formats, view=False, store=False), ()))


def value(out: Path) -> str:
    return str(read_quads(out / "graph.ttl")[0].object.value)


@pytest.fixture(params=["swap", "journal"])
def way(request: pytest.FixtureRequest, monkeypatch: pytest.MonkeyPatch) -> str:
    """The test runs once with each way of committing."""
    if request.param == "journal":
        monkeypatch.setenv(NO_SWAP, "1")
    else:
        monkeypatch.delenv(NO_SWAP, raising=False)
    return str(request.param)


def test_a_build_commits_its_outputs_and_leaves_only_its_locks(tmp_path: Path, way: str) -> None:
    out = tmp_path / "out"
    built(out, "one")
    before = os.stat(out).st_ino
    built(out, "two")
    assert sorted(p.name for p in out.iterdir()) == [".commit.lock", ".lock", "graph.ttl", "manifest.json"]
    assert [p.name for p in tmp_path.iterdir()] == ["out"]  # nothing left beside it either
    assert (os.stat(out).st_ino != before) == (way == "swap")  # the swap puts a new folder in place
    assert str(read_quads(out / "graph.ttl")[0].object.value) == "two"
    assert read_manifest(out) == Manifest(BuildOptions(view=False, store=False), ())


@pytest.mark.parametrize(
    "journal",
    [
        {"moves": [["../victim", "graph.ttl"]], "drops": []},
        {"moves": [[".graph.ttl.stage-x", "../victim"]], "drops": []},
        {"moves": [[".graph.ttl.stage-x", "/tmp/victim"]], "drops": []},
        {"moves": [], "drops": ["../victim"]},
        {"moves": [], "drops": ["/"]},
        {"moves": [[".manifest.json.stage-x", "graph.ttl"]], "drops": []},
        {"moves": "graph.ttl", "drops": []},
    ],
)
def test_a_journal_naming_anything_but_the_folders_outputs_is_not_followed(tmp_path: Path, journal: object) -> None:
    """A reader (say root running kg stats on a folder someone else can write to) finishes a stopped commit; a
    forged journal must not make it move or delete anything outside the folder's own outputs."""
    out = tmp_path / "out"
    built(out, "kept")
    victim = tmp_path / "victim"
    victim.write_text("precious")
    (out / ".graph.ttl.stage-x").write_bytes(TTL % b"forged")
    (out / JOURNAL).write_text(json.dumps(journal).replace("/tmp/victim", str(victim)))
    assert str(read_quads(out / "graph.ttl")[0].object.value) == "kept"
    assert victim.read_text() == "precious" and not (out / JOURNAL).exists()


def test_the_locks_follow_no_link(tmp_path: Path, way: str) -> None:
    out = tmp_path / "out"
    built(out, "one")
    elsewhere = tmp_path / "elsewhere"
    (out / COMMIT_LOCK).unlink()
    (out / COMMIT_LOCK).symlink_to(elsewhere)
    with pytest.raises(GraphError) as caught:
        built(out, "two")
    assert caught.value.code == "K300" and not elsewhere.exists()
    assert str(read_quads(out / "graph.ttl")[0].object.value) == "one"


def test_a_reader_waits_for_a_commit_then_reads_the_new_build(tmp_path: Path) -> None:
    out = tmp_path / "out"
    built(out, "one")
    seen: list[str] = []
    with committing(out):  # a commit under way
        reader = threading.Thread(target=lambda: seen.append(str(read_quads(out / "graph.ttl")[0].object.value)))
        reader.start()
        time.sleep(0.3)
        assert reader.is_alive() and not seen
        (out / "graph.ttl").write_bytes(TTL % b"two")
    reader.join(10)
    assert seen == ["two"]


def test_a_lock_held_for_ever_is_an_error_not_a_hang(tmp_path: Path, monkeypatch: pytest.MonkeyPatch, way: str) -> None:
    out = tmp_path / "out"
    built(out, "one")
    monkeypatch.setattr(commit, "PATIENCE", 0.3)
    fd = os.open(out / COMMIT_LOCK, os.O_RDONLY)
    try:
        fcntl.flock(fd, fcntl.LOCK_SH)  # a reader that never lets go
        start = time.monotonic()
        with pytest.raises(GraphError) as caught:
            built(out, "two")
        assert caught.value.code == "K315" and time.monotonic() - start < 5
    finally:
        os.close(fd)
    assert str(read_quads(out / "graph.ttl")[0].object.value) == "one"  # nothing was committed
    assert sorted(p.name for p in out.iterdir()) == [".commit.lock", ".lock", "graph.ttl", "manifest.json"]
    assert [p.name for p in tmp_path.iterdir()] == ["out"]


def test_outside_a_build_folder_reading_does_nothing(tmp_path: Path) -> None:
    (tmp_path / "g.ttl").write_bytes(TTL % b"x")
    with reading(tmp_path / "g.ttl"):
        pass
    assert sorted(p.name for p in tmp_path.iterdir()) == ["g.ttl"]


# --- the swap: what it keeps, the locks across it, where it cannot be done, what a stopped one left ---


def inodes(out: Path, names: list[str]) -> dict[str, int]:
    return {name: os.lstat(out / name).st_ino for name in names}


def test_the_swap_keeps_all_of_the_folder_it_does_not_replace(tmp_path: Path, way: str) -> None:
    """The cache, a user's files, folders and links, an earlier build's output it keeps: the same files (hard
    links) after the commit, in a folder of the same mode; a dropped output is gone."""
    out = tmp_path / "out"
    built(out, "one", formats=("ttl", "nt"))
    (out / "cache").mkdir()
    (out / "cache" / "extractions.sqlite").write_bytes(b"cached")
    (out / "notes.txt").write_text("the user's own file")
    (out / "mine" / "deep").mkdir(parents=True)
    (out / "mine" / "deep" / "data.csv").write_text("a,b\n")
    (out / "mine" / "deep").chmod(0o750)
    (out / "link").symlink_to("notes.txt")
    out.chmod(0o751)
    kept = [LOCK, COMMIT_LOCK, "cache/extractions.sqlite", "notes.txt", "mine/deep/data.csv", "link"]
    before = inodes(out, kept)

    built(out, "two", formats=("ttl",))
    assert value(out) == "two" and not (out / "graph.nt").exists()
    assert inodes(out, kept) == before
    assert os.readlink(out / "link") == "notes.txt" and (out / "notes.txt").read_text() == "the user's own file"
    assert stat.S_IMODE(os.stat(out).st_mode) == 0o751 and stat.S_IMODE(os.stat(out / "mine/deep").st_mode) == 0o750
    assert [p.name for p in tmp_path.iterdir()] == ["out"]


def test_the_locks_hold_across_the_swap(tmp_path: Path, way: str) -> None:
    """A build still holds ``out/.lock`` once its commit swapped the folders (a second build is refused), and a
    reader's ``.commit.lock``, opened before, is the one of the new folder: flock is per inode."""
    out = tmp_path / "out"
    built(out, "one")
    reader = os.open(out / COMMIT_LOCK, os.O_RDONLY)
    try:
        with Outputs(out) as outputs:
            outputs.stage_bytes("graph.ttl", TTL % b"two")
            outputs.commit(Manifest(BuildOptions(view=False, store=False), ()))
            with pytest.raises(GraphError) as caught, Outputs(out):
                pass
            assert caught.value.code == "K310"
        assert os.fstat(reader).st_ino == os.stat(out / COMMIT_LOCK).st_ino
    finally:
        os.close(reader)
    assert value(out) == "two"


@contextmanager
def tmpfs(where: Path) -> Iterator[Path]:
    where.mkdir()
    done = subprocess.run(["mount", "-t", "tmpfs", "-o", "size=4m", "tmpfs", str(where)], capture_output=True)
    if done.returncode != 0:
        pytest.skip("no tmpfs can be mounted here")
    try:
        yield where
    finally:
        subprocess.run(["umount", "-l", str(where)], capture_output=True)


@pytest.mark.parametrize("case", ["a link", "the working directory", "above the working directory", "a mount"])
def test_where_the_swap_cannot_be_done_the_journal_commits(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, case: str
) -> None:
    """``out`` a symbolic link (the swap would replace the link), the working directory or a folder above it
    (the process would be left in a deleted folder), a mount point (it cannot be renamed): the same folder,
    committed by the journal."""
    monkeypatch.delenv(NO_SWAP, raising=False)
    real = tmp_path / "real"
    with ExitStack() as stack:
        if case == "a mount":
            stack.enter_context(tmpfs(real))
        else:
            real.mkdir()
        out = real
        if case == "a link":
            out = tmp_path / "out"
            out.symlink_to(real)
        elif case == "the working directory":
            monkeypatch.chdir(real)
        elif case == "above the working directory":
            (real / "sub").mkdir()
            monkeypatch.chdir(real / "sub")
        assert swappable(out) is None
        built(out, "one")
        before = os.stat(real).st_ino
        built(out, "two")
        assert value(out) == "two" and os.stat(real).st_ino == before
        assert not any(p.name.startswith(".") for p in tmp_path.iterdir())
        monkeypatch.chdir(tmp_path)


@contextmanager
def immutable(path: Path) -> Iterator[None]:
    """``path`` made immutable (``chattr +i``): not even root may link it or, a folder, make or rename anything in
    it; skips the test where that cannot be set."""
    if shutil.which("chattr") is None or subprocess.run(["chattr", "+i", str(path)], capture_output=True).returncode:
        pytest.skip("chattr +i cannot be set here")
    try:
        yield
    finally:
        subprocess.run(["chattr", "-i", str(path)], capture_output=True)


def test_a_file_that_cannot_be_linked_makes_the_build_commit_with_the_journal(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """An immutable file in ``out`` cannot be hard-linked (EPERM, as another user's file may not be): the swap
    cannot keep it, so the build commits with the journal (found at the commit: the outputs staged beside out
    are moved into it), and the file stays."""
    monkeypatch.delenv(NO_SWAP, raising=False)
    out = tmp_path / "out"
    built(out, "one")
    (out / "frozen.txt").write_text("immutable")
    with immutable(out / "frozen.txt"):
        before = os.stat(out).st_ino
        built(out, "two")
        assert value(out) == "two" and os.stat(out).st_ino == before
        assert (out / "frozen.txt").read_text() == "immutable"
        assert [p.name for p in tmp_path.iterdir()] == ["out"]


def test_with_no_right_to_write_beside_the_folder_the_journal_commits(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """The parent of ``out`` cannot be written (here immutable, as a folder of another user's is): nothing can be
    staged beside out, so the build stages in it and commits with the journal."""
    monkeypatch.delenv(NO_SWAP, raising=False)
    parent = tmp_path / "parent"
    out = parent / "out"
    built(out, "one")
    with immutable(parent):
        before = os.stat(out).st_ino
        built(out, "two")
        assert value(out) == "two" and os.stat(out).st_ino == before
        assert [p.name for p in parent.iterdir()] == ["out"]


def test_only_what_a_stopped_swap_left_beside_the_folder_is_deleted(tmp_path: Path) -> None:
    """Beside ``out``: the folders kg staged (named ``.out.kg-next-`` and 8 characters, kg's mark in them, or
    empty: one whose deletion was stopped) go; a user's folder of that name without the mark or with another
    file of that name, another folder's, a name of other length, a link to a marked folder, stay."""
    out = tmp_path / "out"
    built(out, "one")
    elsewhere = tmp_path / "elsewhere"
    elsewhere.mkdir()
    mark(elsewhere)

    def folder(name: str, marked: bool = False, files: tuple[str, ...] = ()) -> Path:
        path = tmp_path / name
        path.mkdir()
        if marked:
            mark(path)
        for file in files:
            (path / file).write_text("x")
        return path

    gone = [
        folder(".out.kg-next-abcd_123", marked=True, files=("graph.ttl", LOCK)),
        folder(".out.kg-next-emptyyyy"),
    ]
    (gone[0] / "store").mkdir()
    kept = [
        folder(".out.kg-next-users123", files=("graph.ttl",)),
        folder(".out.kg-next-othermrk", files=(MARK,)),
        folder(".out2.kg-next-abcd_123", marked=True),
        folder(".out.kg-next-abcd_1234", marked=True),
        folder(".out.kg-next-ABCD_123", marked=True),
    ]
    (tmp_path / ".out.kg-next-alinkxxx").symlink_to(elsewhere)
    (out / MARK).write_bytes(b"")  # a stopped swap's mark in out

    built(out, "two")
    assert value(out) == "two" and not (out / MARK).exists()
    assert not any(p.exists() for p in gone)
    assert all(p.is_dir() and any(p.iterdir()) for p in kept)
    assert (elsewhere / MARK).is_file() and (tmp_path / ".out.kg-next-alinkxxx").is_symlink()
