"""A build killed (SIGKILL) at any stage boundary, at any point of its swap or between any two renames of its
journal commit, leaves graph.ttl, the store, the view and the manifest describing one build to every reader:
``kg stats``, ``validate``, ``export``, ``query``, ``load`` and ``serve``, each in a process of its own, see the
old build or the new one, whole; after a kill at any point of the swap, so does a program reading the files
itself. A reader during a commit waits for it. The next build repairs what a killed one left; a second build on
the same folder is refused before it writes anything. Each test runs with the way of committing (kg.commit) it
is about, or with both."""

from __future__ import annotations

import json
import os
import shutil
import signal
import subprocess
import sys
import threading
import time
import urllib.error
import urllib.parse
import urllib.request
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path

import pyoxigraph as ox
import pytest
from typer.testing import CliRunner

import kg
from kg.cli import app
from kg.commit import MARK, NO_SWAP, WAIT_AT
from kg.publish import JOURNAL, KILL_AT, Outputs

from .conftest import ROOT, Builds, kg_run, leftovers, state

pytestmark = pytest.mark.model

#: What makes a build commit each way: the swap where it can be done (here, it can), else the journal.
WAYS: dict[str, dict[str, str]] = {"swap": {}, "journal": {NO_SWAP: "1"}}
#: The stages before any output is staged (one code whichever way the build commits: run once, with the swap),
#: those at which some are, and the journal's commit point.
UNSTAGED = ["locked", "ingest", "nlp", "resolution", "graph"]
STAGING = ["serialization", "store", "view"]
#: The journal stages beside each output in out by one code: killed once all are staged ("view"), and at its
#: commit point.
KILLS = [("swap", s) for s in UNSTAGED + STAGING] + [("journal", "view"), ("journal", "commit")]
#: The points of the swap: the new folder staged; everything kept linked into it, just before the exchange;
#: just after the exchange, the old folder not yet deleted.
SWAP_POINTS = ["swap:staged", "swap:linked", "swap:exchanged"]
#: The renames of the commit of the new build over the old one: graph.ttl; the old store aside, the new one in
#: place; graph.html; manifest.json (the test of the "commit" stage checks the journal says so).
RENAMES = 5
GRAPHS = "SELECT ?g (COUNT(*) AS ?n) WHERE { GRAPH ?g { ?s ?p ?o } } GROUP BY ?g ORDER BY ?g"


# --- the readers: each runs kg in a process of its own on a build folder and gives what it saw ---


def _ran(done: subprocess.CompletedProcess[str]) -> subprocess.CompletedProcess[str]:
    assert done.returncode in (0, 1), done.stderr  # 1: kg validate found violations (the same for both builds)
    assert "Traceback" not in done.stderr, done.stderr
    return done


def read_stats(out: Path, scratch: Path) -> object:
    return _ran(kg_run("stats", "--out", str(out))).stdout


def read_validate(out: Path, scratch: Path) -> object:
    done = _ran(kg_run("validate", "--out", str(out)))
    return done.returncode, done.stdout.replace(str(out), "OUT")


def read_export(out: Path, scratch: Path) -> object:
    _ran(kg_run("export", "--out", str(out), "--format", "csv", "--to", str(scratch / "network")))
    return (scratch / "network-nodes.csv").read_text(), (scratch / "network-edges.csv").read_text()


def read_query(out: Path, scratch: Path) -> object:
    return _ran(kg_run("query", "--out", str(out), "--format", "csv", GRAPHS)).stdout


class Recorder(ThreadingHTTPServer):
    """A Graph Store Protocol endpoint on 127.0.0.1 that keeps every triple sent to it."""

    def __init__(self) -> None:
        self.triples: set[str] = set()
        recorder = self

        class Handler(BaseHTTPRequestHandler):
            def do_POST(self) -> None:  # noqa: N802
                body = self.rfile.read(int(self.headers["Content-Length"]))
                media = self.headers["Content-Type"].split(";")[0]
                fmt = ox.RdfFormat.from_media_type(media)
                assert fmt is not None, media
                recorder.triples |= {str(t) for t in ox.parse(body, format=fmt)}
                self.send_response(204)
                self.end_headers()

            do_PUT = do_POST  # noqa: N815

            def log_message(self, *args: object) -> None:
                pass

        super().__init__(("127.0.0.1", 0), Handler)


def read_load(out: Path, scratch: Path) -> object:
    recorder = Recorder()
    threading.Thread(target=recorder.serve_forever, daemon=True).start()
    try:
        endpoint = f"http://127.0.0.1:{recorder.server_address[1]}/store"
        _ran(kg_run("load", "--out", str(out), "--endpoint", endpoint))
    finally:
        recorder.shutdown()
        recorder.server_close()
    return frozenset(recorder.triples)


def read_serve(out: Path, scratch: Path) -> object:
    server = subprocess.Popen(
        [sys.executable, "-c", "from kg.cli import app; app()", "serve", "--out", str(out), "--port", "0"],
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
        cwd=ROOT,
    )
    try:
        assert server.stdout is not None
        line = server.stdout.readline()
        assert line.startswith("serving http://"), line + (server.stderr.read() if server.stderr else "")
        url = line.split()[1]
        query = urllib.request.Request(
            url + "?" + urllib.parse.urlencode({"query": GRAPHS}), headers={"Accept": "text/csv"}
        )
        with urllib.request.urlopen(query, timeout=60) as response:
            return response.read().decode()
    finally:
        server.send_signal(signal.SIGINT)
        try:
            server.wait(20)
        except subprocess.TimeoutExpired:
            server.kill()
            server.wait()


READERS: dict[str, Callable[[Path, Path], object]] = {
    "stats": read_stats,
    "validate": read_validate,
    "export": read_export,
    "query": read_query,
    "load": read_load,
    "serve": read_serve,
}


@pytest.fixture(scope="module")
def seen(builds: Builds, tmp_path_factory: pytest.TempPathFactory) -> dict[str, dict[str, object]]:
    """What each reader sees of the old build and of the new one."""
    seen: dict[str, dict[str, object]] = {}
    for which, folder in (("old", builds.old_out), ("new", builds.new_out)):
        base = tmp_path_factory.mktemp(f"seen-{which}")
        out = base / "out"
        shutil.copytree(folder, out)
        seen[which] = {name: read(out, base) for name, read in READERS.items()}
    # each sees a difference, but kg validate: "conforms" either way (it reads the graph file kg stats reads)
    assert all(seen["old"][name] != seen["new"][name] for name in READERS if name != "validate")
    return seen


def copy_of_old(builds: Builds, tmp_path: Path, warm: bool = False) -> Path:
    """A copy of the old build's folder; ``warm``: with the extraction cache of the new build, so that a build of
    the new corpus loads no model (for the tests of what comes after the NLP: a second or two less each)."""
    out = tmp_path / "out"
    shutil.copytree(builds.old_out, out)
    if warm:
        shutil.rmtree(out / "cache")
        shutil.copytree(builds.new_out / "cache", out / "cache")
    return out


def build_new(builds: Builds, out: Path, env: dict[str, str] | None = None) -> subprocess.CompletedProcess[str]:
    return kg_run("build", str(builds.new_corpus), "--out", str(out), env=env)


def beside(out: Path) -> list[Path]:
    """The build folders a swap staged or swapped out beside ``out``."""
    return sorted(p for p in out.parent.iterdir() if p.name.startswith(f".{out.name}.kg-next-"))


# --- killed before its commit, at it, and between its renames ---


@pytest.mark.parametrize(("way", "stage"), KILLS)
def test_a_build_killed_at_any_stage_leaves_one_build(builds: Builds, tmp_path: Path, way: str, stage: str) -> None:
    out = copy_of_old(builds, tmp_path)
    killed = build_new(builds, out, {KILL_AT: stage, **WAYS[way]})
    assert killed.returncode == -9, killed.stderr

    # nothing is in place yet: every output is the old build's; from the "commit" stage on, the journal says
    # what replaces what (the test below kills the build at each of those renames); the swap stages beside out
    assert state(out) == builds.old
    assert (out / JOURNAL).is_file() == (stage == "commit")
    assert bool(beside(out)) == (way == "swap" and stage in STAGING)
    if stage == "commit":
        journal = json.loads((out / JOURNAL).read_text())
        assert [final for _, final in journal["moves"]] == ["graph.html", "store", "graph.ttl", "manifest.json"]
        assert journal["drops"] == [] and RENAMES == len(journal["moves"]) + 1  # the store: aside, then in place

    again = build_new(builds, out, WAYS[way])
    assert again.returncode == 0, again.stderr
    assert state(out) == builds.new
    assert leftovers(out) == []


@pytest.mark.parametrize("point", SWAP_POINTS)
def test_a_build_killed_at_any_point_of_its_swap_leaves_one_build_on_disk(
    builds: Builds, seen: dict[str, dict[str, object]], tmp_path: Path, point: str
) -> None:
    """Right after a kill at each point of the swap, the files themselves, read as any program reads them (not
    through kg: graph.ttl, graph.html, manifest.json, the store's graphs), are one build's: the old one before
    the exchange, the new one after; the journal cannot give that (see the test below). Every kg reader sees the
    same after the exchange; the next build deletes the folder left beside out, and changes nothing else."""
    out = copy_of_old(builds, tmp_path, warm=True)
    killed = build_new(builds, out, {KILL_AT: point})
    assert killed.returncode == -9, killed.stderr
    which = "new" if point == "swap:exchanged" else "old"
    one = builds.new if which == "new" else builds.old
    assert state(out) == one and not (out / JOURNAL).exists()
    (left,) = beside(out)
    if which == "new":
        assert state(left) == builds.old  # the old folder, whole, until the next build deletes it
    # in out, from just before the exchange on, the mark of the old folder (of the new one, after it)
    assert [n for n in leftovers(out) if not n.startswith("../")] == ([] if point == "swap:staged" else [MARK])

    readers = READERS if point == "swap:exchanged" else {}  # before, out is the old folder (and the mark)
    for name, read in readers.items():
        scratch = tmp_path / name
        scratch.mkdir()
        assert read(out, scratch) == seen[which][name], name
    with Outputs(out):  # what every build does first
        pass
    assert state(out) == one and leftovers(out) == []


@pytest.mark.parametrize("step", range(1, RENAMES + 1))
def test_a_build_killed_inside_its_commit_is_seen_whole_by_every_reader(
    builds: Builds, seen: dict[str, dict[str, object]], tmp_path: Path, step: int
) -> None:
    """Killed after ``step`` renames, the folder mixes the two builds; every reader (each going first in turn,
    so that each one finishes the commit) sees the new build, whole, and leaves the folder in order."""
    out = copy_of_old(builds, tmp_path, warm=True)
    killed = build_new(builds, out, {KILL_AT: f"publish:{step}", **WAYS["journal"]})
    assert killed.returncode == -9, killed.stderr
    assert (out / JOURNAL).is_file()
    on_disk = state(out)
    assert on_disk != builds.old and (on_disk != builds.new or step == RENAMES)  # a mix, seen raw

    names = list(READERS)
    first = (step - 1) % len(names)
    for name in names[first:] + names[:first]:
        scratch = tmp_path / name
        scratch.mkdir()
        assert READERS[name](out, scratch) == seen["new"][name], name
    assert state(out) == builds.new and leftovers(out) == []


def test_a_reader_killed_while_it_finishes_a_commit_leaves_it_for_the_next(
    builds: Builds, seen: dict[str, dict[str, object]], tmp_path: Path
) -> None:
    out = copy_of_old(builds, tmp_path, warm=True)
    assert build_new(builds, out, {KILL_AT: "commit", **WAYS["journal"]}).returncode == -9
    assert kg_run("stats", "--out", str(out), env={KILL_AT: "publish:2"}).returncode == -9
    assert (out / JOURNAL).is_file()
    assert read_query(out, tmp_path) == seen["new"]["query"]
    assert state(out) == builds.new and leftovers(out) == []


def test_a_committed_build_is_finished_by_the_next_one(builds: Builds, tmp_path: Path) -> None:
    """Killed after the commit, mid-way through the renames: any kg build (even of other inputs) first finishes
    the committed one, so the outputs never mix."""
    out = copy_of_old(builds, tmp_path, warm=True)
    assert build_new(builds, out, {KILL_AT: "publish:2", **WAYS["journal"]}).returncode == -9
    with Outputs(out):  # what every build does first
        pass
    assert state(out) == builds.new and leftovers(out) == []


# --- a reader while a build commits; a second build ---


@contextmanager
def building(builds: Builds, out: Path, env: dict[str, str]) -> Iterator[subprocess.Popen[str]]:
    build = subprocess.Popen(
        [sys.executable, "-c", "from kg.cli import app; app()", "build", str(builds.new_corpus), "--out", str(out)],
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
        env=dict(os.environ, **env),
        cwd=ROOT,
    )
    try:
        yield build
    finally:
        if build.poll() is None:
            build.kill()
        build.communicate()


#: Where a build waits inside its commit, and how a test sees that it got there: between two renames of the
#: journal (the old store moved aside, the new one not yet in place); the swap just before the exchange (the
#: lock files are linked into the new folder once the build holds the commit lock).
HOLDS: dict[str, tuple[str, Callable[[Path], bool]]] = {
    "journal": ("publish:2", lambda out: (out / JOURNAL).is_file() and not (out / "store").exists()),
    "swap": ("swap:linked", lambda out: any((p / ".commit.lock").exists() for p in beside(out))),
}


@contextmanager
def asking(out: Path, inside: bool = False) -> Iterator[list[str]]:
    """A ``kg serve`` server on ``out``'s store, asked :data:`GRAPHS` again and again until the block ends (and
    half a second more); yields its answers (an error as ``HTTP 500: …``), in order. ``inside``: started in
    ``out`` itself on ``store`` (as ``cd out; kg serve --store store``), so that its workers' working directory
    is the old folder once a build swapped it out."""
    from kg.serve import make_server

    here = os.getcwd()
    os.chdir(out if inside else here)
    try:
        server = make_server(Path("store") if inside else out / "store", port=0, workers=1)
    finally:
        os.chdir(here)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    query = urllib.request.Request(
        server.url + "?" + urllib.parse.urlencode({"query": GRAPHS}), headers={"Accept": "text/csv"}
    )
    answers: list[str] = []
    stop = threading.Event()

    def ask() -> None:
        while not stop.is_set():
            try:
                with urllib.request.urlopen(query, timeout=60) as r:
                    answers.append(r.read().decode())
            except urllib.error.HTTPError as exc:
                answers.append(f"HTTP {exc.code}: {exc.read().decode()}")

    asker = threading.Thread(target=ask, daemon=True)
    try:
        asker.start()
        yield answers
        time.sleep(0.5)
    finally:
        stop.set()
        asker.join(60)
        server.shutdown()
        server.server_close()


@pytest.mark.parametrize("way", WAYS)
def test_during_a_commit_readers_wait_for_it_and_kg_serve_answers_from_one_build(
    builds: Builds, seen: dict[str, dict[str, object]], tmp_path: Path, way: str
) -> None:
    """The build stops for 4 s inside its commit (see HOLDS). Readers started then wait for the commit and see the
    new build, not the half-replaced folder. A server running on the folder all along answers every query from
    the old build or the new one, the old ones first, none an error, then the new build's: it reopens the store
    once the commit put a new one at out/store, whichever way (after the swap, even one started in the old
    folder)."""
    out = copy_of_old(builds, tmp_path, warm=True)
    point, there = HOLDS[way]
    with (
        asking(out, inside=way == "swap") as answers,
        building(builds, out, {WAIT_AT: f"{point}=4", **WAYS[way]}) as build,
    ):
        deadline = time.monotonic() + 300
        while not there(out):
            assert build.poll() is None and time.monotonic() < deadline, build.stderr.read() if build.stderr else ""
            time.sleep(0.02)
        found: dict[str, object] = {}
        readers = [
            threading.Thread(target=lambda n=name: found.__setitem__(n, READERS[n](out, tmp_path / n)))
            for name in ("query", "stats")
        ]
        for name, reader in zip(("query", "stats"), readers, strict=True):
            (tmp_path / name).mkdir()
            reader.start()
        for reader in readers:
            reader.join(120)
        assert build.wait(120) == 0
    assert found == {name: seen["new"][name] for name in ("query", "stats")}
    assert state(out) == builds.new and leftovers(out) == []
    old, new = seen["old"]["serve"], seen["new"]["serve"]
    assert set(answers) <= {old, new} and answers[0] == old and answers[-1] == new, set(answers)
    switch = answers.index(new)
    assert all(a == new for a in answers[switch:])


def test_a_second_build_is_refused_before_it_writes(builds: Builds, tmp_path: Path) -> None:
    out = copy_of_old(builds, tmp_path)
    names = sorted(p.name for p in out.iterdir())
    around = sorted(p.name for p in out.parent.iterdir())
    with Outputs(out):  # another build holds the folder
        result = CliRunner().invoke(app, ["build", str(builds.new_corpus), "--out", str(out)])
        assert result.exit_code == 2 and "K310" in result.stderr
        assert sorted(p.name for p in out.iterdir()) == names
        assert sorted(p.name for p in out.parent.iterdir()) == around  # nothing staged beside it either
        assert state(out) == builds.old


# --- what older or damaged runs left ---


@pytest.mark.parametrize("way", WAYS)
def test_stray_graphs_and_temporary_files_are_removed(
    builds: Builds, tmp_path: Path, monkeypatch: pytest.MonkeyPatch, way: str
) -> None:
    """What a killed build of an older kg could leave: graphs no manifest lists, temporary files and folders. The
    user's own files and folders, in out and beside it, stay."""
    from kg.graph.store import open_store

    for name, value in WAYS[way].items():
        monkeypatch.setenv(name, value)
    out = copy_of_old(builds, tmp_path)
    store = open_store(out / "store", read_only=False)
    stray = ox.NamedNode("http://example.org/article/stray")
    store.replace_article(stray, [ox.Quad(stray, ox.NamedNode("http://example.org/p"), ox.Literal("x"))])
    store.flush()
    del store
    (out / ".graph.ttl.abc123.tmp").write_bytes(b"half")
    (out / ".store.new-xyz").mkdir()
    (out / ".store.new-xyz" / "000001.sst").write_bytes(b"")
    (out / ".commit.json").write_text('{"moves": [["gone')  # a journal half written: not committed
    (out / "notes.txt").write_text("the user's own file")
    (out / "mine").mkdir()
    (out / "mine" / "draft.ttl").write_text("the user's own folder")
    (tmp_path / ".out.kg-next-mine0000").mkdir()  # named as kg stages, but not kg's: no mark in it
    (tmp_path / ".out.kg-next-mine0000" / "notes.txt").write_text("the user's")

    kg.build([builds.new_corpus], out)
    assert state(out) == builds.new and stray.value not in (state(out).store or ())
    assert (out / "notes.txt").is_file() and (out / "mine" / "draft.ttl").is_file()
    assert leftovers(out) == ["../.out.kg-next-mine0000"]
    assert (tmp_path / ".out.kg-next-mine0000" / "notes.txt").is_file()


def test_a_damaged_store_is_replaced_by_the_next_build(builds: Builds, tmp_path: Path) -> None:
    out = copy_of_old(builds, tmp_path)
    (out / "store" / "CURRENT").write_text("garbage\n")
    kg.build([builds.new_corpus], out)
    assert state(out) == builds.new and leftovers(out) == []
