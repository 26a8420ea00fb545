"""The commit of a build folder: one step, as far as any reader can tell.

A build stages its outputs beside their final names and commits with a journal, ``out/.commit.json``: which
staged file or folder replaces which output, which outputs go, the manifest last. Written (atomically) it is
the commit point; putting the outputs in place then takes only renames, so it needs no disk space. While a
build commits it holds ``out/.commit.lock`` exclusively; a reader (``kg query``, ``stats``, ``validate``,
``export``, ``load``, ``serve``: whatever opens a graph file or the store, through :func:`reading`) holds it
shared while it opens an output. So no reader opens anything while the outputs are half in place, and once
it has opened a file or the store a later commit does not change what it reads (a renamed file keeps its
content; a store opened read-only keeps its files open).

A build killed among the renames leaves a journal and no lock. The next one to open the folder, reader or
build, first finishes that commit (every step can be done again), as SQLite's first reader rolls back a hot
journal; so every kg command sees the old build or the new one, whole. Only a program that opens
``out/graph.ttl`` itself, between such a kill and the next kg command, can see the new graph file beside the
old view.

``out/.lock`` is another lock: a build (or ``kg remove``) holds it from start to end, so one writes at a time.

For tests, ``KG_TEST_KILL_AT=STAGE`` makes the process kill itself (SIGKILL) at that stage (the renames of a
commit are ``publish:1``, ``publish:2`` ...), and ``KG_TEST_WAIT_AT=STAGE=SECONDS`` makes it wait there.
"""

from __future__ import annotations

import fcntl
import json
import os
import re
import shutil
import signal
import time
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any

from kg.errors import Errors, GraphError

LOCK = ".lock"
COMMIT_LOCK = ".commit.lock"
JOURNAL = ".commit.json"
KILL_AT = "KG_TEST_KILL_AT"
WAIT_AT = "KG_TEST_WAIT_AT"
#: In the name of everything a build stages (and a stopped one may leave).
STAGED = ".stage-"
#: Seconds to wait for the commit lock before giving up (K315): a commit holds it for a few renames, a reader
#: while it opens a file.
PATIENCE = 60.0
#: The outputs a journal may name, and what may replace them: nothing outside the folder, whoever wrote it.
_FINAL = re.compile(r"graph\.[a-z]{2,6}|store|manifest\.json")
_NAME = re.compile(r"[A-Za-z0-9_.-]+")


def reached(stage: str) -> None:
    """A stage boundary: where a test may have the process killed (``KG_TEST_KILL_AT``) or held a while."""
    if os.environ.get(KILL_AT) == stage:
        os.kill(os.getpid(), signal.SIGKILL)
    name, _, seconds = os.environ.get(WAIT_AT, "").partition("=")
    if name == stage:
        time.sleep(float(seconds or 1))


def remove(path: Path) -> None:
    if path.is_dir() and not path.is_symlink():
        shutil.rmtree(path, ignore_errors=True)
    else:
        path.unlink(missing_ok=True)


def fsync_dir(folder: Path) -> None:
    try:
        fd = os.open(folder, os.O_RDONLY)
    except OSError:
        return
    try:
        os.fsync(fd)
    except OSError:
        pass
    finally:
        os.close(fd)


def _lock(fd: int, kind: int, out: Path) -> None:
    """``flock(fd, kind)``, waiting :data:`PATIENCE` seconds at most (then K315)."""
    deadline = time.monotonic() + PATIENCE
    pause = 0.001
    while True:
        try:
            fcntl.flock(fd, kind | fcntl.LOCK_NB)
            return
        except BlockingIOError:
            if time.monotonic() >= deadline:
                raise GraphError(Errors.K315, path=out / COMMIT_LOCK, seconds=f"{PATIENCE:g}") from None
            time.sleep(pause)
            pause = min(pause * 2, 0.05)


@contextmanager
def committing(out: Path) -> Iterator[None]:
    """Hold ``out/.commit.lock`` exclusively: no reader opens an output meanwhile."""
    fd = os.open(out / COMMIT_LOCK, os.O_RDWR | os.O_CREAT | os.O_NOFOLLOW, 0o644)
    try:
        _lock(fd, fcntl.LOCK_EX, out)
        yield
    finally:
        os.close(fd)


def read_journal(out: Path) -> dict[str, Any] | None:
    """The journal of a commit not yet finished; None when there is none, only half of one (that build was not
    committed) or one kg did not write."""
    try:
        journal = json.loads((out / JOURNAL).read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return None
    if not isinstance(journal, dict) or not _valid(journal.get("moves"), journal.get("drops", [])):
        return None
    return journal


def _valid(moves: object, drops: object) -> bool:
    """Moves ``[staged, final]`` and drops as a build writes them: outputs of the folder, and staged names
    beside them; a journal naming anything else (``..``, a path, another file) is not one kg wrote."""
    if not isinstance(moves, list) or not isinstance(drops, list):
        return False
    for move in moves:
        if not (isinstance(move, list) and len(move) == 2 and all(isinstance(n, str) for n in move)):
            return False
        staged, final = move
        if not (_FINAL.fullmatch(final) and _NAME.fullmatch(staged) and staged.startswith(f".{final}{STAGED}")):
            return False
    return all(isinstance(n, str) and _FINAL.fullmatch(n) for n in drops)


def finish(out: Path, journal: dict[str, Any]) -> None:
    """Do what a journal says (again, if a run was stopped half-way: every step can be done twice), then delete
    it. Renames and deletions only. Called with ``out/.commit.lock`` held exclusively."""
    step = 0

    def done() -> None:
        nonlocal step
        step += 1
        reached(f"publish:{step}")

    for name in journal.get("drops", []):
        if (out / name).exists() or (out / name).is_symlink():
            remove(out / name)
            done()
    for staged, final in journal["moves"]:
        source, target, aside = out / staged, out / final, out / f"{staged}.old"
        if source.exists():
            if source.is_dir() and (target.exists() or target.is_symlink()):
                os.rename(target, aside)  # a folder cannot replace a folder in one rename
                done()
            os.replace(source, target)
            done()
        if aside.exists() or aside.is_symlink():
            remove(aside)
    fsync_dir(out)
    (out / JOURNAL).unlink(missing_ok=True)
    fsync_dir(out)


def settle(out: Path) -> None:
    """Finish the commit a build in ``out`` was stopped in, if any (a cheap check when there is none). Raises
    GraphError (K313) when it cannot, e.g. without the right to write in ``out``."""
    if not (out / JOURNAL).exists():
        return
    try:
        with committing(out):
            journal = read_journal(out)
            if journal is not None:
                finish(out, journal)
            elif (out / JOURNAL).exists():
                (out / JOURNAL).unlink()  # half written (that build was not committed), or forged
    except OSError as exc:
        raise GraphError(Errors.K313, path=out, detail=exc.strerror or exc) from exc


@contextmanager
def reading(path: Path) -> Iterator[None]:
    """Open the output ``path`` (a graph file or the store) of a build folder inside this block: the commit of
    a stopped build is finished first, and no commit runs until the block ends. Elsewhere, it does nothing."""
    out = Path(path).parent
    while True:
        try:
            fd = os.open(out / COMMIT_LOCK, os.O_RDONLY | os.O_NOFOLLOW)
        except OSError:  # not a build folder (or one of a kg that had no commit lock)
            settle(out)
            yield
            return
        try:
            _lock(fd, fcntl.LOCK_SH, out)
            if not (out / JOURNAL).exists():
                yield
                return
        finally:
            os.close(fd)
        settle(out)  # a build was killed among its renames: finish them, then read


__all__ = [
    "COMMIT_LOCK",
    "JOURNAL",
    "KILL_AT",
    "LOCK",
    "STAGED",
    "WAIT_AT",
    "committing",
    "finish",
    "read_journal",
    "reached",
    "reading",
    "settle",
]
