"""``kg serve`` admits queries fairly: a client flooding it with expensive queries, several clients holding every
worker, or a client's own expensive queries do not keep a cheap query from being answered. Real HTTP, each client
from its own address on 127.0.0.0/8."""

from __future__ import annotations

import json
import threading
import time
from pathlib import Path

import pyoxigraph as ox
import pytest

from kg.serve import SparqlServer

from .test_serve_guard import SLOW, request, running, stop

pytestmark = pytest.mark.server


class Flood:
    """Clients that each keep ``connections`` expensive queries running or waiting, every one on its own
    connection, until stopped; counts the answers they get."""

    def __init__(self, srv: SparqlServer, sources: list[str], connections: int) -> None:
        self.srv, self.answered = srv, list[float]()  # when each expensive query was answered
        self._stop = threading.Event()
        self._threads = [
            threading.Thread(target=self._run, args=(source,), daemon=True)
            for source in sources
            for _ in range(connections)
        ]
        for t in self._threads:
            t.start()

    def _run(self, source: str) -> None:
        while not self._stop.is_set():
            try:
                request(self.srv, SLOW, source=source)
            except OSError:
                return  # the server was stopped
            self.answered.append(time.monotonic())

    def stop(self) -> None:
        self._stop.set()


def cheap(srv: SparqlServer, source: str, quads: list[ox.Quad]) -> tuple[float, float]:
    """Seconds a cheap query from ``source`` takes to be answered (and it is answered right), and when."""
    start = time.monotonic()
    status, _, body = request(srv, source=source)
    done = time.monotonic()
    assert status == 200 and json.loads(body)["results"]["bindings"][0]["n"]["value"] == str(len(quads))
    return done - start, done


def test_a_client_flooding_expensive_queries_does_not_starve_another(store_dir: Path, quads: list[ox.Quad]) -> None:
    """One client keeps eight expensive queries going (each runs for the whole time limit); another client's
    cheap queries are answered at once, since one client holds at most half of the workers."""
    srv = running(store_dir, timeout=6, workers=2)
    flood = Flood(srv, ["127.0.0.2"], connections=8)
    try:
        time.sleep(2.0)  # the flood holds its worker and fills its queue
        answers = [cheap(srv, "127.0.0.3", quads) for _ in range(5)]
        assert max(took for took, _ in answers) < 1.5, answers
        assert not flood.answered or min(flood.answered) > answers[-1][1]  # while the flood's first ones ran
    finally:
        flood.stop()
        stop(srv)


def test_clients_holding_every_worker_do_not_starve_another(store_dir: Path, quads: list[ox.Quad]) -> None:
    """Two clients flood, holding both regular workers; a third client's cheap query is answered by the express
    worker within SLOW + QUICK seconds (and the time a worker takes to start), not after the time limit."""
    srv = running(store_dir, timeout=12, workers=2)
    flood = Flood(srv, ["127.0.0.2", "127.0.0.3"], connections=4)
    try:
        time.sleep(2.0)
        took, done = cheap(srv, "127.0.0.4", quads)
        assert took < 6, took
        assert not flood.answered or min(flood.answered) > done
    finally:
        flood.stop()
        stop(srv)


def test_a_clients_cheap_query_is_answered_while_its_own_expensive_ones_run(
    store_dir: Path, quads: list[ox.Quad]
) -> None:
    srv = running(store_dir, timeout=8, workers=2)
    try:
        slow = [threading.Thread(target=request, args=(srv, SLOW)) for _ in range(2)]
        for t in slow:
            t.start()
        time.sleep(1.5)  # one regular worker and the express worker are taken by the expensive queries
        took, _ = cheap(srv, "127.0.0.1", quads)
        assert all(t.is_alive() for t in slow)  # answered while the expensive ones still run
        assert took < 6
        for t in slow:
            t.join(30)
    finally:
        stop(srv)
