"""Fixtures of the store tests: a small corpus built by hand (no spaCy), the seed graph (spaCy), free ports
and a real Oxigraph server.

The hand-made corpus goes through the real graph builder, so its layout is exactly what ``kg build`` writes:
three articles, entities shared between them, and a person whose name would break a query built by pasting.
"""

from __future__ import annotations

import shutil
import socket
import subprocess
import sys
import time
import urllib.error
import urllib.parse
import urllib.request
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from datetime import date
from pathlib import Path

import pyoxigraph as ox
import pytest

from kg.graph.build import build_quads
from kg.model import (
    DATES,
    NER,
    Article,
    Entity,
    Extraction,
    Mention,
    Provenance,
    Resolution,
    Sentence,
    TimeValue,
)

#: Names that would break a query built by pasting strings.
NASTY = 'Bob "The Brace" } # > \\ O\'Neil\nJr'


def _article(doc_id: str, title: str, published: date, sentences: list[str]) -> tuple[Article, list[Sentence]]:
    text = " ".join(sentences)
    article = Article(id=doc_id, source=f"{doc_id}.txt", text=text, title=title, published=published)
    out, start = [], 0
    for i, s in enumerate(sentences):
        out.append(Sentence(doc_id, i, start, start + len(s), s))
        start += len(s) + 1
    return article, out


def _mention(sentences: list[Sentence], index: int, name: str, label: str, **kw: object) -> Mention:
    s = sentences[index]
    begin = s.start + s.text.index(name)
    extractor = DATES if label == "DATE" else NER
    return Mention(name, label, Provenance(s.doc_id, begin, begin + len(name), index, extractor), **kw)  # type: ignore[arg-type]


def corpus() -> tuple[list[Extraction], Resolution]:
    a1, s1 = _article(
        "a1",
        "Blair meets Brown",
        date(2005, 3, 1),
        [
            "Tony Blair met Gordon Brown in London on 1 March 2005.",
            "Blair said the Labour Party would win.",
        ],
    )
    a2, s2 = _article(
        "a2",
        "Brown in Paris",
        date(2005, 2, 10),
        [
            "Gordon Brown visited Paris in February 2005.",
            f"He met {NASTY} there.",
        ],
    )
    a3, s3 = _article(
        "a3",
        "Labour plans",
        date(2005, 4, 2),
        [
            "The Labour Party and Tony Blair set out plans in 2004.",
        ],
    )
    m = {
        "blair1": _mention(s1, 0, "Tony Blair", "PERSON"),
        "brown1": _mention(s1, 0, "Gordon Brown", "PERSON"),
        "london": _mention(s1, 0, "London", "GPE"),
        "blair2": _mention(s1, 1, "Blair", "PERSON"),
        "labour1": _mention(s1, 1, "Labour Party", "ORG"),
        "brown2": _mention(s2, 0, "Gordon Brown", "PERSON"),
        "paris": _mention(s2, 0, "Paris", "GPE"),
        "nasty": _mention(s2, 1, NASTY, "PERSON"),
        "labour3": _mention(s3, 0, "Labour Party", "ORG"),
        "blair3": _mention(s3, 0, "Tony Blair", "PERSON"),
    }
    dates = {
        "d1": _mention(s1, 0, "1 March 2005", "DATE", time=TimeValue("2005-03-01", "date")),
        "d2": _mention(s2, 0, "February 2005", "DATE", time=TimeValue("2005-02", "gYearMonth")),
        "d3": _mention(s3, 0, "2004", "DATE", time=TimeValue("2004", "gYear")),
    }
    entities = (
        Entity("Person:tony blair", "Person", "Tony Blair", ("Blair",), (m["blair1"], m["blair2"], m["blair3"])),
        Entity("Person:gordon brown", "Person", "Gordon Brown", (), (m["brown1"], m["brown2"])),
        Entity("Person:nasty", "Person", NASTY, (), (m["nasty"],)),
        Entity("Organization:labour party", "Organization", "Labour Party", (), (m["labour1"], m["labour3"])),
        Entity("Place:london", "City", "London", (), (m["london"],)),
        Entity("Place:paris", "City", "Paris", (), (m["paris"],)),
    )
    mention_entity = {mention: e.key for e in entities for mention in e.mentions}

    def mentions_of(doc: str) -> tuple[Mention, ...]:
        return tuple(x for x in [*m.values(), *dates.values()] if x.prov.doc_id == doc)

    extractions = [Extraction(a, tuple(s), mentions_of(a.id)) for a, s in ((a1, s1), (a2, s2), (a3, s3))]
    return extractions, Resolution(entities, mention_entity)


def corpus_quads() -> list[ox.Quad]:
    return build_quads(*corpus())


@pytest.fixture(scope="session")
def quads() -> list[ox.Quad]:
    return corpus_quads()


@pytest.fixture(scope="session")
def nasty() -> str:
    return NASTY


@pytest.fixture(scope="session")
def store_dir(tmp_path_factory: pytest.TempPathFactory, quads: list[ox.Quad]) -> Path:
    """The corpus in a persistent store; tests must not write to it (copy it first)."""
    from kg.graph.store import write_store

    return write_store(quads, tmp_path_factory.mktemp("corpus") / "store")


@pytest.fixture(scope="session")
def seed(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The seed articles built by the real pipeline (spaCy): graph.ttl, graph.trig and store/ in a folder."""
    import kg
    from kg.graph.store import STORE_DIR, write_store

    out = tmp_path_factory.mktemp("seed")
    result = kg.build(["seeds"], out=out, view=False, formats=["ttl", "trig"])
    if not (out / STORE_DIR).is_dir():  # until kg build writes the store itself
        write_store(result.quads, out / STORE_DIR)
    return out


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


def http_get(url: str, accept: str = "application/sparql-results+json", timeout: float = 10) -> bytes:
    request = urllib.request.Request(url, headers={"Accept": accept})
    with urllib.request.urlopen(request, timeout=timeout) as response:
        return bytes(response.read())


def _wait_for(url: str, process: subprocess.Popen[bytes], seconds: float, why: Callable[[], str]) -> None:
    """Until a real server we started answers ``url``; its own reason (``why()``) when it dies or never does."""
    deadline = time.monotonic() + seconds
    while True:
        try:
            http_get(url, timeout=2)
            return
        except (urllib.error.URLError, OSError):
            if process.poll() is not None or time.monotonic() > deadline:
                raise RuntimeError(why()) from None
            time.sleep(0.1)


@contextmanager
def oxigraph_server(folder: Path, *flags: str) -> Iterator[str]:
    """A real Oxigraph server (the ``oxigraph`` package) on a free port; yields its base URL."""
    binary = shutil.which("oxigraph") or str(Path(sys.executable).parent / "oxigraph")
    port = free_port()
    process = subprocess.Popen(
        [binary, "serve", "--location", str(folder / "oxigraph"), "--bind", f"127.0.0.1:{port}", *flags],
        stdout=subprocess.DEVNULL,
        stderr=subprocess.PIPE,
    )
    base = f"http://127.0.0.1:{port}"
    try:
        stderr = process.stderr
        _wait_for(f"{base}/query?query=ASK%7B%7D", process, 30, lambda: f"oxigraph did not start: {stderr.read()!r}")  # type: ignore[union-attr]
        yield base
    finally:
        process.terminate()
        try:
            process.wait(10)
        except subprocess.TimeoutExpired:
            process.kill()
            process.wait()


@pytest.fixture()
def oxigraph(tmp_path: Path) -> Iterator[str]:
    """A real Oxigraph server on a free port, its default graph its own; yields its base URL."""
    with oxigraph_server(tmp_path) as base:
        yield base


@pytest.fixture()
def oxigraph_union(tmp_path: Path) -> Iterator[str]:
    """A real Oxigraph server whose queries see the union of its graphs (as kg's store and Virtuoso do)."""
    with oxigraph_server(tmp_path, "--union-default-graph") as base:
        yield base


def count(base: str, query: str) -> int:
    """The ``?n`` of a count query on the Oxigraph server at ``base``."""
    import json

    url = f"{base}/query?" + urllib.parse.urlencode({"query": query})
    data = json.loads(http_get(url))
    return int(data["results"]["bindings"][0]["n"]["value"])


@pytest.fixture()
def sparql_count() -> object:
    return count


@pytest.fixture()
def port() -> int:
    return free_port()


VIRTUOSO_INI = """\
[Database]
DatabaseFile = {d}/virtuoso.db
ErrorLogFile = {d}/virtuoso.log
LockFile = {d}/virtuoso.lck
TransactionFile = {d}/virtuoso.trx
xa_persistent_file = {d}/virtuoso.pxa
TempStorage = TempDatabase
[TempDatabase]
DatabaseFile = {d}/virtuoso-temp.db
TransactionFile = {d}/virtuoso-temp.trx
[Parameters]
ServerPort = 127.0.0.1:{sql}
DisableUnixSocket = 1
NumberOfBuffers = 10000
MaxDirtyBuffers = 6000
ThreadsPerQuery = 2
CheckpointInterval = 0
DirsAllowed = .
[HTTPServer]
ServerPort = 127.0.0.1:{http}
ServerRoot = {d}/www
ServerThreads = 4
[SPARQL]
ResultSetMaxRows = 100000
MaxQueryExecutionTime = 60
"""
#: What the Virtuoso README asks of a store that takes SPARQL Update and the Graph Store Protocol unauthenticated.
VIRTUOSO_GRANTS = "GRANT SPARQL_UPDATE TO \"SPARQL\"; DB.DBA.RDF_DEFAULT_USER_PERMS_SET ('nobody', 7);"


@pytest.fixture(scope="session")
def virtuoso(tmp_path_factory: pytest.TempPathFactory) -> Iterator[str]:
    """A real Virtuoso 7 (Debian's virtuoso-opensource; .ci/run installs it) with a private database in a
    temporary folder, listening on 127.0.0.1 only, once per session; yields its base URL (``/sparql``,
    ``/sparql-graph-crud``)."""
    binary, isql = shutil.which("virtuoso-t"), shutil.which("isql-vt")
    if binary is None or isql is None:
        raise RuntimeError("virtuoso-t not found: apt-get install virtuoso-opensource (.ci/run does)")
    folder = tmp_path_factory.mktemp("virtuoso")
    (folder / "www").mkdir()
    sql, http = free_port(), free_port()
    (folder / "virtuoso.ini").write_text(VIRTUOSO_INI.format(d=folder, sql=sql, http=http), encoding="utf-8")
    process = subprocess.Popen(
        [binary, "+foreground", "+configfile", str(folder / "virtuoso.ini")],
        cwd=folder,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.STDOUT,
    )
    base = f"http://127.0.0.1:{http}"
    try:
        log = folder / "virtuoso.log"
        _wait_for(
            f"{base}/sparql?query=ASK%7B%7D",
            process,
            120,
            lambda: f"virtuoso did not start: {log.read_text(errors='replace')[-2000:]}",
        )
        subprocess.run(
            [isql, f"127.0.0.1:{sql}", "dba", "dba", f"exec={VIRTUOSO_GRANTS}"],
            check=True,
            capture_output=True,
            timeout=60,
        )
        yield base
    finally:
        process.terminate()
        try:
            process.wait(30)
        except subprocess.TimeoutExpired:
            process.kill()
            process.wait()
