"""An interrupted build (Ctrl-C while the NLP runs, here or in workers) leaves the previous graph and a readable
cache; the next build extracts only what the interrupted one had not finished."""

from __future__ import annotations

import gc
import sqlite3
from pathlib import Path

import pytest

import kg
from kg.cache import FILENAME
from kg.extract.runner import CorpusRun

from .conftest import POLITICS

pytestmark = pytest.mark.model


@pytest.mark.parametrize("workers", [1, 2])
def test_ctrl_c_keeps_the_previous_graph_and_the_next_build_resumes(
    tmp_path: Path, reference: bytes, runs: list[CorpusRun], workers: int
) -> None:
    files = sorted(POLITICS.glob("*.txt"))
    kg.build(files[:3], tmp_path, view=False)
    before = {p.name: p.read_bytes() for p in tmp_path.iterdir() if p.is_file()}

    def ctrl_c_at_the_eighth(done: int, total: int, words: int) -> None:
        if done == 8:
            raise KeyboardInterrupt

    with pytest.raises(KeyboardInterrupt):
        kg.build([POLITICS], tmp_path, workers=workers, view=False, progress=ctrl_c_at_the_eighth)
    runs.clear()
    gc.collect()  # the interrupted run's workers stop when its iterator goes

    assert {p.name: p.read_bytes() for p in tmp_path.iterdir() if p.is_file()} == before
    db = sqlite3.connect(tmp_path / "cache" / FILENAME)
    assert db.execute("PRAGMA integrity_check").fetchone() == ("ok",)
    (stored,) = db.execute("SELECT count(*) FROM extraction").fetchone()
    db.close()
    assert stored >= 8  # the first three, and all that were extracted before Ctrl-C

    kg.build([POLITICS], tmp_path, workers=workers, view=False, store=False)
    stats = runs[0].stats
    assert stats.cached == stored and stats.extracted == 12 - stored
    assert (tmp_path / "graph.ttl").read_bytes() == reference
