"""The commit of a build folder: one step, as far as any reader can tell.

Two ways, the first wherever it can be done:

* **The swap** (Linux). A build stages its whole new folder beside ``out`` (``.out.kg-next-XXXXXXXX``, same
  parent, so same filesystem), marked as kg's by a file :data:`MARK` in it; at the commit, holding
  ``out/.commit.lock``, it hard-links into it everything of ``out`` it keeps (the cache, outputs of an earlier
  build it does not replace, a user's files, and the two lock files: the same inodes, so the locks hold across
  the swap), then exchanges the two folders in one system call (``renameat2`` with ``RENAME_EXCHANGE``) and
  deletes the old one. Guarantee: at every moment the folder at ``out`` is one build's, whole, for *any*
  program that opens a path in it, kg or not (one that opens a file before the exchange and another after it
  gets one of each build, as it would of two builds one after the other). Stopped before the exchange, ``out``
  is the old build; after, the new one; the next build deletes the folder left beside it (:func:`clear_swaps`).
  A program that keeps the old folder open (its working directory, a descriptor of the folder) reads the old
  build, then a deleted one. Any error while linking or exchanging (EPERM, EXDEV, EBUSY, EINVAL, ENOSPC ...)
  changes nothing in ``out``: the staged outputs are moved beside their final names and the journal commits.
* **The journal**, where the swap cannot be done: not Linux or no ``renameat2``, a filesystem that cannot
  exchange (EINVAL), ``out`` a symbolic link, a mount point or a filesystem's root, ``out`` is (or holds) the
  working directory, no right to write in its parent, or its files cannot be linked (another user's file, a
  full disk). The build stages its outputs beside their final names in ``out`` and commits with a journal,
  ``out/.commit.json``: which staged file or folder replaces which output, which outputs go, the manifest last.
  Written (atomically) it is the commit point; putting the outputs in place then takes only renames, so it needs
  no disk space. Guarantee: every *kg* command sees the old build or the new one, whole; a program that opens
  ``out/graph.ttl`` itself between a build killed among the renames and the next kg command can see the new
  graph file beside the old view.

While a build commits it holds ``out/.commit.lock`` exclusively; a reader (``kg query``, ``stats``,
``validate``, ``export``, ``load``, ``serve``: whatever opens a graph file or the store, through :func:`reading`)
holds it shared while it opens an output. So no reader opens anything while the outputs are half in place, and
once it has opened a file or the store a later commit does not change what it reads (a renamed file keeps its
content; a store opened read-only keeps its files open).

A build killed among the renames of a journal commit leaves a journal and no lock. The next one to open the
folder, reader or build, first finishes that commit (every step can be done again), as SQLite's first reader
rolls back a hot journal.

``out/.lock`` is another lock: a build (or ``kg remove``) holds it from start to end, so one writes at a time;
only a build holding it deletes what a stopped swap left beside ``out``.

For tests, ``KG_TEST_KILL_AT=STAGE`` makes the process kill itself (SIGKILL) at that stage (the renames of a
journal commit are ``publish:1``, ``publish:2`` ...; the swap has ``swap:staged``, ``swap:linked`` just before
the exchange and ``swap:exchanged`` just after it), ``KG_TEST_WAIT_AT=STAGE=SECONDS`` makes it wait there, and
``KG_TEST_NO_SWAP=1`` makes every build commit with the journal.
"""

from __future__ import annotations

import ctypes
import errno
import fcntl
import functools
import json
import os
import platform
import re
import shutil
import signal
import sys
import time
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any

from kg.errors import Errors, GraphError

LOCK = ".lock"
COMMIT_LOCK = ".commit.lock"
JOURNAL = ".commit.json"
KILL_AT = "KG_TEST_KILL_AT"
WAIT_AT = "KG_TEST_WAIT_AT"
NO_SWAP = "KG_TEST_NO_SWAP"
#: In the name of everything a build stages (and a stopped one may leave).
STAGED = ".stage-"
#: Seconds to wait for the commit lock before giving up (K315): a commit holds it for a few renames, a reader
#: while it opens a file.
PATIENCE = 60.0
#: The outputs a journal may name, and what may replace them: nothing outside the folder, whoever wrote it.
_FINAL = re.compile(r"graph\.[a-z]{2,6}|store|manifest\.json")
_NAME = re.compile(r"[A-Za-z0-9_.-]+")
#: In the name of the new build folder staged beside ``out`` (``.out.kg-next-XXXXXXXX``, from mkdtemp), which
#: the old one has after the exchange, until it is deleted.
NEXT = ".kg-next-"
#: The file that marks such a folder as kg's: written when the new one is made, linked into the old one just
#: before the exchange, deleted last.
MARK = ".kg-swap"
_MARK_TEXT = b"kg: a build folder staged beside its output folder; the next kg build there deletes it\n"
RENAME_EXCHANGE = 2
_AT_FDCWD = -100
#: renameat2's number where libc has no wrapper for it (glibc before 2.28, some musl).
_SYS_RENAMEAT2 = {"x86_64": 316, "aarch64": 276, "riscv64": 276, "ppc64le": 357, "s390x": 347, "i686": 353}


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


@functools.cache
def _renameat2() -> Callable[[bytes, bytes], int] | None:
    """``renameat2(AT_FDCWD, a, AT_FDCWD, b, RENAME_EXCHANGE)``: libc's, or the system call itself where libc
    lacks the wrapper; None off Linux or where neither is known."""
    if not sys.platform.startswith("linux"):
        return None
    try:
        libc = ctypes.CDLL(None, use_errno=True)
    except OSError:
        return None
    c_int, c_str, c_uint = ctypes.c_int, ctypes.c_char_p, ctypes.c_uint
    wrapper = getattr(libc, "renameat2", None)
    if wrapper is not None:
        wrapper.argtypes, wrapper.restype = [c_int, c_str, c_int, c_str, c_uint], c_int
        return lambda a, b: int(wrapper(_AT_FDCWD, a, _AT_FDCWD, b, RENAME_EXCHANGE))
    number = _SYS_RENAMEAT2.get(platform.machine())
    if number is None:
        return None
    call = libc.syscall
    call.restype = ctypes.c_long
    return lambda a, b: int(
        call(ctypes.c_long(number), c_int(_AT_FDCWD), a, c_int(_AT_FDCWD), b, c_uint(RENAME_EXCHANGE))
    )


def exchange(a: Path, b: Path) -> None:
    """Swap the folders (or files) ``a`` and ``b`` in one step: any process sees one or the other at each name,
    never neither nor a mix. OSError when it cannot be done (ENOSYS, EINVAL from a filesystem that cannot, EXDEV
    ...); then nothing changed."""
    call = _renameat2()
    if call is None:
        raise OSError(errno.ENOSYS, "renameat2 is not available here", str(a))
    if call(os.fsencode(a), os.fsencode(b)) != 0:
        code = ctypes.get_errno()
        raise OSError(code, os.strerror(code), str(a), None, str(b))


def swappable(out: Path) -> Path | None:
    """The real path of ``out`` when its build may be committed by the swap; None when it must use the journal:
    not Linux or no renameat2, ``KG_TEST_NO_SWAP`` set, ``out`` a symbolic link, a mount point (or a
    filesystem's root), or the working directory or a folder above it (the process would be left in the old,
    deleted folder). The rest (the right to write in the parent, to link the files) is found out by trying."""
    if os.environ.get(NO_SWAP) or _renameat2() is None or os.path.islink(out):
        return None
    real = os.path.realpath(out)
    if os.path.dirname(real) == real or os.path.ismount(real):
        return None
    try:
        here = os.path.realpath(os.getcwd())
    except OSError:  # the working directory was deleted: it is not in out
        here = ""
    if here == real or here.startswith(real.rstrip(os.sep) + os.sep):
        return None
    return Path(real)


def mark(folder: Path) -> None:
    """Mark ``folder`` (just made by mkdtemp) as a build folder kg staged, on disk before anything is staged in
    it: after a power cut too, the next build knows it for kg's."""
    fd = os.open(folder / MARK, os.O_WRONLY | os.O_CREAT | os.O_EXCL | os.O_NOFOLLOW, 0o644)
    try:
        os.write(fd, _MARK_TEXT)
        os.fsync(fd)
    finally:
        os.close(fd)
    fsync_dir(folder)


def _staged_by_kg(folder: Path) -> bool:
    """A folder (not a link) with kg's mark in it, or empty (one whose deletion was stopped after the mark)."""
    if folder.is_symlink() or not folder.is_dir():
        return False
    try:
        names = os.listdir(folder)
        if not names:
            return True
        fd = os.open(folder / MARK, os.O_RDONLY | os.O_NOFOLLOW)
    except OSError:
        return False
    try:
        return os.read(fd, len(_MARK_TEXT) + 1) == _MARK_TEXT
    finally:
        os.close(fd)


def delete_staged(folder: Path) -> None:
    """Delete a folder kg staged (or the old one it swapped out), the mark last: one stopped half-way through is
    still recognised by the next build."""
    try:
        entries = [e.name for e in os.scandir(folder)]
    except OSError:
        return
    for name in entries:
        if name != MARK:
            remove(folder / name)
    try:
        if set(os.listdir(folder)) - {MARK}:
            return  # something could not be deleted: the mark stays, the next build tries again
        (folder / MARK).unlink(missing_ok=True)
        folder.rmdir()
    except OSError:
        pass


def clear_swaps(out: Path) -> None:
    """Delete what stopped builds of ``out`` left beside it: new folders never swapped in, old ones swapped out
    and not yet deleted. Only folders named ``.OUT.kg-next-`` and 8 characters of mkdtemp's, and marked by kg
    (or empty). Called with the folder's lock held."""
    real = Path(os.path.realpath(out))
    pattern = re.compile(re.escape(f".{real.name}{NEXT}") + r"[a-z0-9_]{8}")
    try:
        names = os.listdir(real.parent)
    except OSError:
        return
    for name in names:
        if pattern.fullmatch(name) and _staged_by_kg(real.parent / name):
            delete_staged(real.parent / name)


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
    "MARK",
    "NEXT",
    "NO_SWAP",
    "STAGED",
    "WAIT_AT",
    "clear_swaps",
    "committing",
    "delete_staged",
    "exchange",
    "finish",
    "mark",
    "read_journal",
    "reached",
    "reading",
    "settle",
    "swappable",
]
