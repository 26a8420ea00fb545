"""The query workers of ``kg serve``: processes that each hold the store open read-only and answer one query at
a time, and the pool that hands them out.

pyoxigraph cannot stop a running query and a thread cannot be killed, so the limits are kept by the parent: it
waits for the worker's answer and kills the worker process (which ends the query at once and frees its memory)
when the query passes its time limit or its memory limit, starts a fresh one and answers 503.

An expensive query cannot starve cheap ones: the pool admits queries fairly over clients (each client its own
queue, at most half of the workers each) and keeps an express worker for short queries that have waited
(:mod:`kg.admission`).

Workers talk to the server over their stdin and stdout pipes (POSIX: Linux, macOS). On Linux a worker first
moves into a network namespace of its own, with no interface: even a query the server failed to refuse cannot
open a connection.
"""

from __future__ import annotations

import ctypes
import os
import re
import subprocess
import sys
import threading
import time
from dataclasses import dataclass
from multiprocessing.connection import Connection
from pathlib import Path
from typing import Any

from kg.admission import EXPRESS, QUICK, SLOW, Admission, Ticket
from kg.commit import reading, settle
from kg.errors import Errors, KgError, QueryError
from kg.guard import opens_connection

#: How often (seconds) the parent looks at a running worker's memory.
POLL = 0.02

#: media type -> kg.graph.sparql.render format, by result kind; the first is the default.
MEDIA: dict[str, dict[str, str]] = {
    "select": {
        "application/sparql-results+json": "json",
        "application/sparql-results+xml": "xml",
        "text/csv": "csv",
        "text/tab-separated-values": "tsv",
        "application/json": "json",
        "application/xml": "xml",
    },
    "graph": {
        "text/turtle": "ttl",
        "application/n-triples": "nt",
        "application/ld+json": "json",
        "text/plain": "nt",
    },
}
MEDIA["ask"] = MEDIA["select"]

_UPDATE = re.compile(
    r"^\s*(?:(?:PREFIX\s+[^\s:]*:\s*<[^>]*>|BASE\s+<[^>]*>)\s*)*(INSERT|DELETE|LOAD|CLEAR|DROP|CREATE|ADD|MOVE|COPY|WITH)\b",
    re.IGNORECASE,
)
_COMMENT = re.compile(r"^\s*#.*$", re.MULTILINE)


@dataclass(frozen=True, slots=True)
class Job:
    query: str
    accept: str
    default_graphs: tuple[str, ...] = ()
    named_graphs: tuple[str, ...] = ()


@dataclass(frozen=True, slots=True)
class Reply:
    status: int
    content_type: str
    body: bytes
    truncated: bool = False


def text(status: int, message: str) -> Reply:
    return Reply(status, "text/plain; charset=utf-8", (message + "\n").encode("utf-8"))


def negotiate(accept: str, kind: str) -> tuple[str, str] | None:
    """(media type, format) for the best match of an Accept header, or None if nothing acceptable."""
    offered = MEDIA[kind]
    default = next(iter(offered.items()))
    best: tuple[tuple[float, int, int], tuple[str, str]] | None = None
    for i, item in enumerate(accept.split(",") if accept.strip() else ["*/*"]):
        media, *params = (p.strip() for p in item.split(";"))
        q = 1.0
        for p in params:
            name, _, value = p.partition("=")
            if name.strip() == "q":
                try:
                    q = float(value)
                except ValueError:
                    q = 0.0
        media = media.lower()
        if q <= 0:
            continue
        if media in offered:
            choice = (media, offered[media])
        elif media in ("*/*", "application/*", "text/*"):
            prefix = media.split("/")[0]
            match = [(m, f) for m, f in offered.items() if m.startswith(prefix + "/")]
            choice = default if prefix == "*" or not match else match[0]
            if prefix != "*" and not match:
                continue
        else:
            continue
        # prefer higher q, then an exact media type over a wildcard, then the client's order
        rank = (q, 0 if "*" in media else 1, -i)
        if best is None or rank > best[0]:
            best = (rank, choice)
    return best[1] if best else None


def answer(store: Any, job: Job, limit: int, union: bool) -> Reply:
    """Run ``job`` on ``store`` (in a worker) and write the reply."""
    import pyoxigraph as ox

    from kg.graph.sparql import render, run_query

    if opens_connection(job.query):
        return text(403, str(QueryError(Errors.K420)))
    try:
        default = [ox.NamedNode(g) for g in job.default_graphs]
        named: list[ox.NamedNode | ox.BlankNode] = [ox.NamedNode(g) for g in job.named_graphs]
    except ValueError as exc:
        return text(400, f"Bad default-graph-uri or named-graph-uri: {exc}")
    try:
        result = run_query(
            job.query,
            store=store,
            union=union,
            limit=limit,
            default_graph=default or None,
            named_graphs=named or None,
        )
    except QueryError as exc:
        if exc.code == "K400" and _UPDATE.match(_COMMENT.sub("", job.query)):
            return text(403, "This endpoint is read-only: SPARQL updates are refused.")
        return text(400, str(exc))
    chosen = negotiate(job.accept, result.kind)
    if chosen is None:
        offered = ", ".join(MEDIA[result.kind])
        return text(406, f"No acceptable result format for a {result.kind.upper()} query. Offered: {offered}")
    media, fmt = chosen
    body = render(result, fmt).encode("utf-8")
    charset = "; charset=utf-8" if media.startswith("text/") else ""
    return Reply(200, media + charset, body, result.truncated)


def _work(conn_in: Connection, conn_out: Connection, path: str, limit: int, union: bool) -> None:
    """A worker's loop: answer jobs on the store, reopening it when a new one has been swapped in."""
    from kg.graph.store import open_store

    store = None
    ident: tuple[int, int] | None = None
    conn_out.send("ready")
    while True:
        try:
            job = conn_in.recv()
        except (EOFError, OSError, KeyboardInterrupt):
            return
        try:
            now: tuple[int, int] | None
            try:
                st = os.stat(path)
                now = (st.st_dev, st.st_ino)
            except FileNotFoundError:  # a build is putting its store in place: keep the one open, if any
                now = ident if store is not None else None
            if now != ident or store is None:
                store = None  # close the old one first
                with reading(Path(path)):  # waits for a commit under way (kg.commit)
                    store = open_store(path)
                    st = os.stat(path)
                ident = (st.st_dev, st.st_ino)
            reply = answer(store, job, limit, union)
        except KgError as exc:
            reply = text(500, str(exc))
        except OSError as exc:
            reply = text(500, f"Cannot read the store: {exc}")
        conn_out.send(reply)


def _offline() -> bool:
    """Move this (still single-threaded) process into new user and network namespaces: no network at all.
    Linux only; False where the system does not allow it."""
    if not sys.platform.startswith("linux"):
        return False
    try:
        libc = ctypes.CDLL(None, use_errno=True)
        return int(libc.unshare(0x10000000 | 0x40000000)) == 0  # CLONE_NEWUSER | CLONE_NEWNET
    except (OSError, AttributeError):
        return False


def _child() -> None:
    """Entry point of a worker process: jobs come on stdin, replies go out on the original stdout."""
    _offline()
    out = os.dup(1)
    os.dup2(2, 1)  # anything printed goes to stderr, not into the replies
    path, limit, union = sys.argv[1], int(sys.argv[2]), sys.argv[3] == "1"
    _work(Connection(0, writable=False), Connection(out, readable=False), path, limit, union)


def _rss(pid: int) -> int | None:
    """Resident memory of process ``pid`` in bytes (Linux), or None where it cannot be read."""
    try:
        with open(f"/proc/{pid}/statm", "rb") as fh:
            return int(fh.read().split()[1]) * os.sysconf("SC_PAGE_SIZE")
    except (OSError, ValueError, IndexError):
        return None


class StoppedError(Exception):
    """A query passed a limit; its worker must be killed. ``reply`` says which; ``timed_out``: the time limit."""

    def __init__(self, reply: Reply, timed_out: bool) -> None:
        super().__init__(reply.body.decode())
        self.reply = reply
        self.timed_out = timed_out


class Worker:
    """A worker process started with ``python -c`` (not multiprocessing: spawn would re-run the caller's main
    script, and fork is unsafe in a threaded server), talking over its stdin and stdout pipes."""

    STARTUP = 60.0  # seconds a new worker may take to import and say it is ready

    def __init__(self, path: Path, limit: int, union: bool) -> None:
        env = dict(os.environ)
        root = str(Path(__file__).resolve().parents[1])  # the folder holding the kg package
        env["PYTHONPATH"] = os.pathsep.join(p for p in (root, env.get("PYTHONPATH")) if p)
        code = "from kg.querypool import _child; _child()"
        argv = [sys.executable, "-c", code, str(path), str(limit), str(int(union))]
        self.process = subprocess.Popen(argv, stdin=subprocess.PIPE, stdout=subprocess.PIPE, env=env)
        assert self.process.stdin is not None and self.process.stdout is not None
        self.send = Connection(os.dup(self.process.stdin.fileno()), readable=False)
        self.recv = Connection(os.dup(self.process.stdout.fileno()), writable=False)
        self.process.stdin.close()
        self.process.stdout.close()
        self.ready = False
        self.killed = False
        self._killing = threading.Lock()

    def ask(self, job: Job, timeout: float, memory: int | None, shown: float | None = None) -> Reply:
        """The reply; raises StoppedError when the query passed ``timeout`` seconds (the error names ``shown``, the
        server's limit) or ``memory`` bytes (the worker is then useless: kill it), EOFError or OSError when the
        worker died."""
        if not self.ready:
            if not self.recv.poll(self.STARTUP) or self.recv.recv() != "ready":
                raise EOFError("the worker did not start")
            self.ready = True
        self.send.send(job)
        deadline = time.monotonic() + timeout
        while not self.recv.poll(min(POLL, max(deadline - time.monotonic(), 0))):
            if time.monotonic() >= deadline:
                raise StoppedError(text(503, str(QueryError(Errors.K410, seconds=f"{shown or timeout:g}"))), True)
            used = _rss(self.process.pid) if memory else None
            if memory and used is not None and used > memory:
                raise StoppedError(text(503, str(QueryError(Errors.K421, mb=memory >> 20))), False)
        reply: Reply = self.recv.recv()
        return reply

    def kill(self) -> None:
        """Once, whichever thread asks first (closing an fd twice could close another thread's file)."""
        with self._killing:
            if self.killed:
                return
            self.killed = True
        self.process.kill()
        self.process.wait(5)
        self.send.close()
        self.recv.close()


class Pool:
    """``size`` regular worker processes and one express worker, each used by one query at a time, given out
    by :class:`kg.admission.Admission`; a worker stopped at a limit is replaced."""

    def __init__(
        self,
        path: Path,
        *,
        size: int,
        limit: int,
        union: bool,
        memory: int | None = None,
        per_client: int | None = None,
    ) -> None:
        self.path = Path(path)
        self._args = (self.path, limit, union)
        self.memory = memory
        self._cond = threading.Condition()
        self._admission = Admission(max(size, 1), per_client)
        self._all: list[Worker] = []
        self._idle: list[Worker] = [self._start() for _ in range(max(size, 1))]
        self._express: Worker | None = self._start()  # the express worker while it is idle
        self._given: dict[Ticket, Worker] = {}
        self._closed = False

    def _start(self) -> Worker:
        w = Worker(*self._args)
        self._all.append(w)
        return w

    def _admit(self) -> None:
        """Hand the free workers to the tickets due (with ``_cond`` held)."""
        admitted = self._admission.admit(time.monotonic())
        for ticket in admitted:
            if ticket.lane == EXPRESS:
                assert self._express is not None
                self._given[ticket], self._express = self._express, None
            else:
                self._given[ticket] = self._idle.pop()
        if admitted:
            self._cond.notify_all()

    def _wait(self, ticket: Ticket, deadline: float) -> Worker | None:
        """The worker given to ``ticket``, waiting until ``deadline`` at most (None: time is up)."""
        with self._cond:
            while not self._closed:
                self._admit()
                if ticket in self._given:
                    return self._given.pop(ticket)
                now = time.monotonic()
                if now >= deadline:
                    self._admission.cancel(ticket)
                    return None
                wake = self._admission.wake(now)
                self._cond.wait(min(deadline, wake if wake is not None else deadline, now + POLL * 5) - now)
        return None

    def _give_back(self, ticket: Ticket, worker: Worker, replace: bool, again: bool = False) -> None:
        if replace:
            worker.kill()
        with self._cond:
            if self._closed:
                return
            if replace:
                self._all.remove(worker)
                worker = self._start()
            if ticket.lane == EXPRESS:
                self._express = worker
            else:
                self._idle.append(worker)
            self._admission.leave(ticket, again=again)
            self._admit()
            self._cond.notify_all()

    def run(self, job: Job, timeout: float, client: str = "") -> Reply:
        """Answer ``job`` for ``client`` (its address) within ``timeout`` seconds, waiting included."""
        start = time.monotonic()
        deadline = start + timeout
        try:
            settle(self.path.parent)  # a build stopped as it put its outputs in place: finish it first
        except KgError as exc:
            return text(500, str(exc))
        with self._cond:
            ticket = self._admission.arrive(client, start)
        while True:
            worker = self._wait(ticket, deadline)
            if worker is None:
                return text(503, str(QueryError(Errors.K425, seconds=f"{timeout:g}")))
            express = ticket.lane == EXPRESS
            left = max(deadline - time.monotonic(), 0.001)
            try:
                reply = worker.ask(job, min(left, QUICK) if express else left, self.memory, shown=timeout)
            except StoppedError as stop:
                again = express and stop.timed_out and left > QUICK  # not done on the express worker: wait on
                self._give_back(ticket, worker, replace=True, again=again)
                if again:
                    continue
                return stop.reply
            except (EOFError, OSError):
                self._give_back(ticket, worker, replace=True)
                return text(500, "The query worker died.")
            self._give_back(ticket, worker, replace=False)
            return reply

    def close(self) -> None:
        with self._cond:
            self._closed = True
            workers = list(self._all)
            self._all.clear()
            self._cond.notify_all()
        for w in workers:
            w.kill()


__all__ = ["MEDIA", "QUICK", "SLOW", "Job", "Pool", "Reply", "Worker", "answer", "negotiate", "text"]
