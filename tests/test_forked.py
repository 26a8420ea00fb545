"""Work in a forked child (kg.forked.Beside): its value or its error comes back whole; a child that dies is an
error, not a hang; with forking off the work is done here, when its result is asked for."""

from __future__ import annotations

import os
import signal
import time
from pathlib import Path

import pytest

from kg.errors import Errors, GraphError
from kg.forked import OFF, Beside, usable

needs_two_cores = pytest.mark.skipif(not usable(), reason="one core, or no fork: the work is done here")


def _pid() -> int:
    return os.getpid()


@needs_two_cores
def test_the_work_runs_in_a_child_and_its_value_comes_back() -> None:
    assert Beside(_pid).result() != os.getpid()
    assert Beside(lambda: {"a": [1, 2]}).result() == {"a": [1, 2]}


def _fails() -> None:
    raise GraphError(Errors.K305, path="out/{graph}.html", detail="No space left on device")


def test_an_error_comes_back_with_its_code_and_fields() -> None:
    with pytest.raises(GraphError) as caught:
        Beside(_fails).result()
    error = caught.value
    assert error.code == "K305" and error.fields["path"] == "out/{graph}.html"
    assert "out/{graph}.html" in str(error) and error.hint


@needs_two_cores
def test_a_child_that_dies_is_an_error() -> None:
    def die() -> None:
        os.kill(os.getpid(), signal.SIGKILL)

    with pytest.raises(RuntimeError, match="died"):
        Beside(die).result()


@needs_two_cores
def test_cancel_stops_the_child() -> None:
    work = Beside(lambda: time.sleep(30))
    start = time.monotonic()
    work.cancel()
    assert time.monotonic() - start < 5


def test_with_forking_off_the_work_is_done_here_when_asked(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv(OFF, "1")
    done: list[int] = []
    work = Beside(lambda: done.append(os.getpid()) or len(done))
    assert done == []
    assert work.result() == 1 and done == [os.getpid()]


def test_the_memory_readings_are_this_process_and_this_machine() -> None:
    from kg.forked import _available, _resident

    status = Path("/proc/self/status").read_text()
    rss_kb = int(next(line.split()[1] for line in status.splitlines() if line.startswith("VmRSS:")))
    size, free = _resident(), _available()
    assert size is not None and free is not None
    assert abs(size / 1024 - rss_kb) < 0.2 * rss_kb + 4096  # the same reading, give or take what changed between
    meminfo = Path("/proc/meminfo").read_text()
    total_kb = int(next(line.split()[1] for line in meminfo.splitlines() if line.startswith("MemTotal:")))
    assert 0 < free <= total_kb * 1024


def test_no_child_where_memory_has_no_room_for_one(monkeypatch: pytest.MonkeyPatch) -> None:
    import kg.forked

    size = kg.forked._resident()
    assert size is not None
    monkeypatch.setattr(kg.forked, "_available", lambda: size)  # a machine with this process's size left
    assert not usable()
    assert Beside(_pid).result() == os.getpid()
