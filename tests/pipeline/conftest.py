"""A build of the seeds shared by the pipeline tests (the real spaCy model; a few seconds, once), and the build
folders the durability tests kill, fill up and read."""

from __future__ import annotations

import json
import os
import shutil
import subprocess
import sys
from dataclasses import dataclass
from pathlib import Path

import pyoxigraph as ox
import pytest

import kg

ROOT = Path(__file__).resolve().parents[2]
SEEDS = ROOT / "seeds"


@pytest.fixture(scope="session")
def seed_build(tmp_path_factory: pytest.TempPathFactory) -> kg.BuildResult:
    out = tmp_path_factory.mktemp("seed-build")
    # as `kg build` run in a checkout: sources are recorded as given ("seeds/..."), relative to the checkout
    here = os.getcwd()
    os.chdir(ROOT)
    try:
        return kg.build(["seeds"], out=out, formats=("ttl", "trig", "nt", "nq", "jsonld"), view=False)
    finally:
        os.chdir(here)


# --- build folders killed, full and read at the same time (test_durable.py, test_full_disk.py) ---

POLITICS = ROOT / "tests" / "data" / "bbc" / "politics"


@dataclass(frozen=True)
class State:
    """What each output of a build folder holds, read as a program that knows nothing of kg reads it (a stopped
    commit is not finished first): the graph file, the view, the manifest's articles, the store's graphs."""

    ttl: bytes | None
    html: bytes | None
    manifest: frozenset[str] | None
    store: frozenset[str] | None


def state(out: Path) -> State:
    def read(name: str) -> bytes | None:
        return (out / name).read_bytes() if (out / name).is_file() else None

    manifest = None
    if (out / "manifest.json").is_file():
        manifest = frozenset(a["iri"] for a in json.loads((out / "manifest.json").read_text())["articles"])
    store = None
    if (out / "store").is_dir():
        opened = ox.Store.read_only(str(out / "store"))
        store = frozenset(g.value for g in opened.named_graphs() if isinstance(g, ox.NamedNode))
        del opened
    return State(read("graph.ttl"), read("graph.html"), manifest, store)


def leftovers(out: Path) -> list[str]:
    """What a build left in ``out`` besides its outputs and its two lock files, and beside ``out`` (a build folder
    staged for the swap, or the old one swapped out: ``../.out.kg-next-…``)."""
    inside = [p.name for p in out.iterdir() if p.name.startswith(".") and p.name not in (".lock", ".commit.lock")]
    beside = [f"../{p.name}" for p in out.parent.iterdir() if p.name.startswith(f".{out.name}.kg-next-")]
    return sorted(inside) + sorted(beside)


def kg_run(*args: str, env: dict[str, str] | None = None, timeout: float = 600) -> subprocess.CompletedProcess[str]:
    """``kg ARGS`` in a process of its own (so that it can be killed), from the checkout."""
    return subprocess.run(
        [sys.executable, "-c", "from kg.cli import app; app()", *args],
        capture_output=True,
        text=True,
        timeout=timeout,
        env=dict(os.environ, **(env or {})),
        cwd=ROOT,
    )


@dataclass(frozen=True)
class Builds:
    """A corpus and a build folder of it; the corpus with one more article, and the two builds' states."""

    new_corpus: Path
    old_out: Path  # the old build: copy it, then build the new corpus into the copy
    new_out: Path  # what that build makes
    old: State
    new: State


@pytest.fixture(scope="session")
def builds(tmp_path_factory: pytest.TempPathFactory) -> Builds:
    base = tmp_path_factory.mktemp("durable")
    old_corpus, new_corpus = base / "old", base / "new"
    old_corpus.mkdir()
    for name in ("005.txt", "023.txt"):
        shutil.copy(POLITICS / name, old_corpus / name)
    shutil.copytree(old_corpus, new_corpus)
    shutil.copy(POLITICS / "388.txt", new_corpus / "388.txt")
    old_out = base / "old-out"
    kg.build([old_corpus], old_out)
    new_out = base / "new-out"
    shutil.copytree(old_out, new_out)
    kg.build([new_corpus], new_out)
    old, new = state(old_out), state(new_out)
    assert old.manifest is not None and new.manifest is not None
    assert old.manifest < new.manifest and old.store == old.manifest and new.store == new.manifest
    return Builds(new_corpus, old_out, new_out, old, new)
