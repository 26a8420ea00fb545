"""The commit of a build folder (kg.commit) with a hand-made folder, no model: a journal names only outputs of
the folder, whoever wrote it; the locks follow no link; a reader waits for a commit a while, not for ever.
tests/pipeline/test_durable.py kills real builds inside their commits."""

from __future__ import annotations

import fcntl
import json
import os
import threading
import time
from pathlib import Path

import pytest

from kg import commit
from kg.commit import COMMIT_LOCK, JOURNAL, committing, reading
from kg.errors import GraphError
from kg.graph.io import read_quads
from kg.manifest import BuildOptions, Manifest, read_manifest
from kg.publish import Outputs

TTL = b'<http://example.org/a> <http://example.org/p> "%s" .\n'


def built(out: Path, value: str) -> None:
    """A build of one graph file (and a manifest) into ``out``, through the real Outputs."""
    with Outputs(out) as outputs:
        outputs.stage_bytes("graph.ttl", TTL % value.encode())
        outputs.commit(Manifest(BuildOptions(view=False, store=False), ()))


def test_a_build_commits_its_outputs_and_leaves_only_its_locks(tmp_path: Path) -> None:
    out = tmp_path / "out"
    built(out, "one")
    built(out, "two")
    assert sorted(p.name for p in out.iterdir()) == [".commit.lock", ".lock", "graph.ttl", "manifest.json"]
    assert str(read_quads(out / "graph.ttl")[0].object.value) == "two"
    assert read_manifest(out) == Manifest(BuildOptions(view=False, store=False), ())


@pytest.mark.parametrize(
    "journal",
    [
        {"moves": [["../victim", "graph.ttl"]], "drops": []},
        {"moves": [[".graph.ttl.stage-x", "../victim"]], "drops": []},
        {"moves": [[".graph.ttl.stage-x", "/tmp/victim"]], "drops": []},
        {"moves": [], "drops": ["../victim"]},
        {"moves": [], "drops": ["/"]},
        {"moves": [[".manifest.json.stage-x", "graph.ttl"]], "drops": []},
        {"moves": "graph.ttl", "drops": []},
    ],
)
def test_a_journal_naming_anything_but_the_folders_outputs_is_not_followed(tmp_path: Path, journal: object) -> None:
    """A reader (say root running kg stats on a folder someone else can write to) finishes a stopped commit; a
    forged journal must not make it move or delete anything outside the folder's own outputs."""
    out = tmp_path / "out"
    built(out, "kept")
    victim = tmp_path / "victim"
    victim.write_text("precious")
    (out / ".graph.ttl.stage-x").write_bytes(TTL % b"forged")
    (out / JOURNAL).write_text(json.dumps(journal).replace("/tmp/victim", str(victim)))
    assert str(read_quads(out / "graph.ttl")[0].object.value) == "kept"
    assert victim.read_text() == "precious" and not (out / JOURNAL).exists()


def test_the_locks_follow_no_link(tmp_path: Path) -> None:
    out = tmp_path / "out"
    built(out, "one")
    elsewhere = tmp_path / "elsewhere"
    (out / COMMIT_LOCK).unlink()
    (out / COMMIT_LOCK).symlink_to(elsewhere)
    with pytest.raises(GraphError) as caught:
        built(out, "two")
    assert caught.value.code == "K300" and not elsewhere.exists()
    assert str(read_quads(out / "graph.ttl")[0].object.value) == "one"


def test_a_reader_waits_for_a_commit_then_reads_the_new_build(tmp_path: Path) -> None:
    out = tmp_path / "out"
    built(out, "one")
    seen: list[str] = []
    with committing(out):  # a commit under way
        reader = threading.Thread(target=lambda: seen.append(str(read_quads(out / "graph.ttl")[0].object.value)))
        reader.start()
        time.sleep(0.3)
        assert reader.is_alive() and not seen
        (out / "graph.ttl").write_bytes(TTL % b"two")
    reader.join(10)
    assert seen == ["two"]


def test_a_lock_held_for_ever_is_an_error_not_a_hang(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    out = tmp_path / "out"
    built(out, "one")
    monkeypatch.setattr(commit, "PATIENCE", 0.3)
    fd = os.open(out / COMMIT_LOCK, os.O_RDONLY)
    try:
        fcntl.flock(fd, fcntl.LOCK_SH)  # a reader that never lets go
        start = time.monotonic()
        with pytest.raises(GraphError) as caught:
            built(out, "two")
        assert caught.value.code == "K315" and time.monotonic() - start < 5
    finally:
        os.close(fd)
    assert str(read_quads(out / "graph.ttl")[0].object.value) == "one"  # nothing was committed
    assert sorted(p.name for p in out.iterdir()) == [".commit.lock", ".lock", "graph.ttl", "manifest.json"]


def test_outside_a_build_folder_reading_does_nothing(tmp_path: Path) -> None:
    (tmp_path / "g.ttl").write_bytes(TTL % b"x")
    with reading(tmp_path / "g.ttl"):
        pass
    assert sorted(p.name for p in tmp_path.iterdir()) == ["g.ttl"]
