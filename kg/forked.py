"""Work beside this process, on a second core: a child forked from it, which starts at once with everything this
process holds (the pipeline, the graph) and needs nothing sent to it. Used to parse a task ahead of the extraction
(:mod:`kg.extract.ahead`) and to draw the view while the build writes its other outputs. Each child dies with
this process. Where there is one core, not Linux, or too little memory free, the work is done here.
"""

from __future__ import annotations

import contextlib
import ctypes
import multiprocessing
import os
import pickle
import signal
import sys
from collections.abc import Callable
from multiprocessing.connection import Connection
from multiprocessing.context import ForkContext
from multiprocessing.process import BaseProcess
from typing import Generic, TypeVar

__all__ = ["Beside", "context", "die_with_parent", "usable"]

T = TypeVar("T")

#: Set (to anything) to do everything in this process: to compare the two ways, or where forking is unwelcome.
OFF = "KG_NO_FORK"


def usable() -> bool:
    """Whether there is a second core to work on, fork to put work there, and room in memory for a child that
    may come to hold as much as this process (it shares this process's pages until it writes to them, and
    Python writes to every object it reads: its counts of references)."""
    try:
        cores = len(os.sched_getaffinity(0))
    except AttributeError:  # not on Linux
        cores = os.cpu_count() or 1
    if cores < 2 or not sys.platform.startswith("linux") or os.environ.get(OFF):
        return False  # fork is Linux's: macOS's system libraries do not survive it
    size, free = _resident(), _available()
    return size is None or free is None or free > 2 * size


def _resident() -> int | None:
    """Bytes of memory this process holds (Linux), else None."""
    try:
        with open("/proc/self/statm") as f:
            return int(f.read().split()[1]) * os.sysconf("SC_PAGE_SIZE")
    except (OSError, ValueError, IndexError):
        return None


def _available() -> int | None:
    """Bytes of memory the machine can still give without swapping (Linux), else None."""
    try:
        with open("/proc/meminfo") as f:
            for line in f:
                if line.startswith("MemAvailable:"):
                    return int(line.split()[1]) * 1024
    except (OSError, ValueError, IndexError):
        return None
    return None


def context() -> ForkContext:
    return multiprocessing.get_context("fork")


def die_with_parent() -> None:
    """In a child (Linux): the kernel kills it when its parent dies, even of SIGKILL; Ctrl-C is the parent's."""
    with contextlib.suppress(OSError, AttributeError):
        ctypes.CDLL(None, use_errno=True).prctl(1, signal.SIGKILL)  # PR_SET_PDEATHSIG
    signal.signal(signal.SIGINT, signal.SIG_IGN)


class Beside(Generic[T]):
    """``work()`` running in a forked child from now on (or, where :func:`usable` is false or no child can be
    made, done here when :meth:`result` asks for it); :meth:`result` gives its value, or raises its exception."""

    def __init__(self, work: Callable[[], T]) -> None:
        self._value: T | None = None
        self._error: BaseException | None = None
        self._child: BaseProcess | None = None
        self._here: Callable[[], T] | None = work
        if not usable():
            return
        ctx = context()
        self._conn, theirs = ctx.Pipe(duplex=False)
        try:
            self._child = ctx.Process(target=_serve, args=(work, theirs), name="kg-beside", daemon=True)
            self._child.start()
            self._here = None
        except OSError:  # no memory or no process left for a child
            self._child = None
            self._conn.close()
        finally:
            theirs.close()

    def result(self) -> T:
        if self._here is not None:
            work, self._here = self._here, None
            return work()
        if self._child is not None:
            child, self._child = self._child, None
            try:
                ok, payload = pickle.loads(self._conn.recv_bytes())
            except (EOFError, OSError):
                ok, payload = False, None
            finally:
                self._conn.close()
            child.join()
            if payload is None and not ok:
                payload = RuntimeError(f"the process beside died (exit code {child.exitcode})")
            self._value, self._error = (payload, None) if ok else (None, payload)
        if self._error is not None:
            raise self._error
        return self._value  # type: ignore[return-value]

    def cancel(self) -> None:
        """Stop the child (its work is not wanted)."""
        self._here = None
        if self._child is not None:
            self._child.kill()
            self._child.join()
            self._conn.close()
            self._child = None


def _serve(work: Callable[[], object], conn: Connection) -> None:
    die_with_parent()
    try:
        answer: tuple[bool, object] = (True, work())
    except BaseException as exc:  # noqa: BLE001  the parent raises it
        answer = (False, exc)
    try:
        data = pickle.dumps(answer)
    except Exception as exc:  # noqa: BLE001  a value or an error that cannot travel
        data = pickle.dumps((False, RuntimeError(f"{type(exc).__name__}: {exc}; was: {answer[1]!r}")))
    conn.send_bytes(data)
    conn.close()
