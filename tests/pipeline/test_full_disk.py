"""A build on a full disk fails with one line, and every output is still the old build's, with no leftovers; a
commit once made is finished even on a full disk (the journal's only renames; after the swap's exchange only the
old folder is left to delete).

The disk is a real one where the tests may mount a small tmpfs (as root, with CAP_SYS_ADMIN; in a container that
is ``--privileged`` or ``--cap-add SYS_ADMIN``). Elsewhere the tmpfs tests check the same with RLIMIT_FSIZE
(writes past a size fail with EFBIG), and say so with a warning; the RLIMIT_FSIZE test runs everywhere."""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
import warnings
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

import pytest

from kg.commit import NO_SWAP
from kg.publish import JOURNAL, KILL_AT, Outputs

from .conftest import ROOT, Builds, kg_run, leftovers, state

pytestmark = [
    pytest.mark.model,
    pytest.mark.skipif(not sys.platform.startswith("linux"), reason="tmpfs and RLIMIT_FSIZE: Linux"),
]


def used(folder: Path) -> int:
    """Bytes the files under ``folder`` take on disk."""
    return sum(os.lstat(Path(top) / name).st_blocks * 512 for top, _, names in os.walk(folder) for name in names)


def _mount(where: Path, size: int) -> str | None:
    """Mount a tmpfs of ``size`` bytes at ``where``; None, or why it cannot be done here."""
    try:
        done = subprocess.run(
            ["mount", "-t", "tmpfs", "-o", f"size={size}", "tmpfs", str(where)], capture_output=True, text=True
        )
    except OSError as exc:
        return str(exc)
    return None if done.returncode == 0 else (done.stderr.strip() or f"mount exited {done.returncode}")


@contextmanager
def tmpfs(where: Path, size: int) -> Iterator[Path]:
    where.mkdir(exist_ok=True)
    failed = _mount(where, size)
    if failed is not None:
        raise OSError(failed)
    try:
        yield where
    finally:
        if subprocess.run(["umount", str(where)], capture_output=True).returncode != 0:
            subprocess.run(["umount", "-l", str(where)], capture_output=True)


@pytest.fixture(scope="module")
def mountable(tmp_path_factory: pytest.TempPathFactory) -> str | None:
    """None when a tmpfs can be mounted here, else why not."""
    where = tmp_path_factory.mktemp("can-mount")
    failed = _mount(where, 1 << 20)
    if failed is None:
        subprocess.run(["umount", str(where)], check=True)
    return failed


def assert_failed_cleanly(done: subprocess.CompletedProcess[str]) -> str:
    """The build failed with one line (and no traceback); returns it."""
    assert done.returncode == 2 and "Traceback" not in done.stderr, done.stderr
    lines = done.stderr.strip().splitlines()
    assert len(lines) == 1 and lines[0].startswith("kg: error:"), done.stderr
    return lines[0]


def build_under_rlimit(
    builds: Builds, out: Path, limit: int, env: dict[str, str] | None = None
) -> subprocess.CompletedProcess[str]:
    """The new build into ``out``, in a process no file of which may grow past ``limit`` bytes."""
    code = (
        "import resource, signal, sys\n"
        "signal.signal(signal.SIGXFSZ, signal.SIG_IGN)\n"
        f"resource.setrlimit(resource.RLIMIT_FSIZE, ({limit}, {limit}))\n"
        "from kg.cli import app\n"
        "sys.argv = ['kg', 'build', sys.argv[1], '--out', sys.argv[2]]\n"
        "app()\n"
    )
    return subprocess.run(
        [sys.executable, "-c", code, str(builds.new_corpus), str(out)],
        capture_output=True,
        text=True,
        timeout=600,
        cwd=ROOT,
        env=dict(os.environ, **(env or {})),
    )


#: What makes a build commit each way (kg.commit): the swap where it can be done, else the journal.
WAYS: dict[str, dict[str, str]] = {"swap": {}, "journal": {NO_SWAP: "1"}}


@pytest.mark.parametrize(("room", "way"), [(0.3, "swap"), (1.2, "swap"), (0.3, "journal")])
def test_a_file_size_limit_leaves_the_old_build(builds: Builds, tmp_path: Path, room: float, way: str) -> None:
    """No file may grow past a size (writes fail with EFBIG, as on a full disk)."""
    out = tmp_path / "out"
    shutil.copytree(builds.old_out, out)
    assert builds.new.ttl is not None
    done = build_under_rlimit(builds, out, int(len(builds.new.ttl) * room), WAYS[way])
    assert_failed_cleanly(done)
    assert state(out) == builds.old and leftovers(out) == []


def test_a_full_disk_leaves_the_old_build(builds: Builds, tmp_path: Path, mountable: str | None) -> None:
    """The old build on a tmpfs with room for less and less of the new one: from no room at all up to enough,
    every build that fails leaves the old build whole; the first that has room makes the new one."""
    if mountable is not None:
        warnings.warn(f"no tmpfs here ({mountable}): the full disk checked with RLIMIT_FSIZE", stacklevel=1)
        test_a_file_size_limit_leaves_the_old_build(builds, tmp_path, 0.3, "swap")
        return
    base, extra = used(builds.old_out), used(builds.new_out)
    step = max(extra // 5, 64 << 10)
    failures: list[str] = []
    for attempt in range(14):
        with tmpfs(tmp_path / f"disk{attempt}", base + attempt * step) as disk:
            out = disk / "out"
            shutil.copytree(builds.old_out, out)
            done = kg_run("build", str(builds.new_corpus), "--out", str(out))
            if done.returncode == 0:
                assert state(out) == builds.new and leftovers(out) == []
                break
            line = assert_failed_cleanly(done)
            assert "No room left" in line or "No space left" in line or "disk is full" in line or "I/O" in line, line
            assert state(out) == builds.old and leftovers(out) == [], line
            failures.append(line)
    else:
        pytest.fail(f"the new build never fitted in {14 * step} bytes more: {failures[-1]}")
    # the disk filled up at different places: the extraction cache, the store, the view ...
    where = {part for line in failures for part in ("cache", "store", "graph.html", "graph.ttl") if part in line}
    assert len(failures) >= 3 and len(where) >= 2, failures


#: Where each way is killed once committed: the journal written; the folders exchanged.
COMMITTED = {"journal": "commit", "swap": "swap:exchanged"}


@pytest.mark.parametrize("way", WAYS)
def test_a_commit_is_finished_on_a_full_disk(builds: Builds, tmp_path: Path, mountable: str | None, way: str) -> None:
    """Killed once committed, the build is whole for the next reader even when not a byte is left: with the
    journal, putting the outputs in place only renames; after the swap, out is the new build already. The next
    build deletes what is left (the old folder beside out), on the full disk too."""
    if mountable is not None:
        warnings.warn(f"no tmpfs here ({mountable}): the full disk checked with RLIMIT_FSIZE", stacklevel=1)
        test_a_file_size_limit_leaves_the_old_build(builds, tmp_path, 1.2, way)
        return
    with tmpfs(tmp_path / "disk", used(builds.old_out) + 3 * used(builds.new_out)) as disk:
        out = disk / "out"
        shutil.copytree(builds.old_out, out, ignore=shutil.ignore_patterns("cache"))
        shutil.copytree(builds.new_out / "cache", out / "cache")  # the new build's: it loads no model
        env = {KILL_AT: COMMITTED[way], **WAYS[way]}
        assert kg_run("build", str(builds.new_corpus), "--out", str(out), env=env).returncode == -9
        assert (out / JOURNAL).is_file() == (way == "journal")
        filler = os.open(disk / "filler", os.O_WRONLY | os.O_CREAT)
        try:
            while True:  # take every byte left
                os.write(filler, b"\0" * 4096)
        except OSError:
            pass
        finally:
            os.close(filler)
        assert shutil.disk_usage(disk).free == 0
        stats = kg_run("stats", "--out", str(out))
        assert stats.returncode == 0, stats.stderr
        assert state(out) == builds.new
        with Outputs(out):  # what every build does first
            pass
        assert state(out) == builds.new and leftovers(out) == []
