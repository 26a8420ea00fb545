"""``kg serve`` under load: requests per second over keep-alive connections against a new connection per request.

    python bench/serve/bench_serve.py                 # a small store, 300 requests each way
    python bench/serve/bench_serve.py --store out/store --requests 1000

Each request is a GET of a cheap query (ASK) answered as SPARQL JSON; the server runs in this process on
127.0.0.1 with its default settings. Prints requests per second and the median latency of each way.
"""

from __future__ import annotations

import argparse
import http.client
import statistics
import sys
import tempfile
import threading
import time
import urllib.parse
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[2]))

import pyoxigraph as ox  # noqa: E402

from kg.graph.store import write_store  # noqa: E402
from kg.serve import make_server  # noqa: E402

QUERY = "ASK { ?s ?p ?o }"


def small_store(folder: Path) -> Path:
    ex = "http://example.org/"
    quads = [
        ox.Quad(ox.NamedNode(f"{ex}s{i}"), ox.NamedNode(f"{ex}p"), ox.Literal(str(i)), ox.NamedNode(f"{ex}g{i % 7}"))
        for i in range(1000)
    ]
    return write_store(quads, folder / "store")


def timed(n: int, port: int, path: str, keep_alive: bool) -> list[float]:
    headers = {"Accept": "application/sparql-results+json"}
    times = []
    conn = http.client.HTTPConnection("127.0.0.1", port, timeout=30)
    for _ in range(n):
        if not keep_alive:
            conn = http.client.HTTPConnection("127.0.0.1", port, timeout=30)
        start = time.perf_counter()
        conn.request("GET", path, headers=headers)
        response = conn.getresponse()
        response.read()
        assert response.status == 200, response.status
        times.append(time.perf_counter() - start)
        if not keep_alive:
            conn.close()
    conn.close()
    return times


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--store", type=Path, help="a kg store (default: a small one made here)")
    parser.add_argument("--requests", type=int, default=300)
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as tmp:
        store = args.store or small_store(Path(tmp))
        server = make_server(store, port=0)
        thread = threading.Thread(target=server.serve_forever, daemon=True)
        thread.start()
        try:
            port = server.server_address[1]
            path = "/sparql?" + urllib.parse.urlencode({"query": QUERY})
            timed(10, port, path, True)  # warm the workers
            for name, keep in (("keep-alive", True), ("new connection", False)):
                times = timed(args.requests, port, path, keep)
                rate = len(times) / sum(times)
                print(f"{name:15} {rate:8.0f} req/s  median {statistics.median(times) * 1000:6.2f} ms")
        finally:
            server.shutdown()
            server.server_close()


if __name__ == "__main__":
    main()
