"""The NLP spread over processes (a pool here, a Dask LocalCluster) writes the graph one process writes, byte for
byte; a worker that dies, or an article that kills its worker, does not stop the run."""

from __future__ import annotations

import dataclasses
import multiprocessing
import os
import signal
from pathlib import Path

import pytest
from spacy.language import Language

import kg
from kg.extract import extract
from kg.extract.runner import CorpusRun, RunOptions, extract_corpus
from kg.model import Article, Extraction, Skipped

from .conftest import POLITICS

pytestmark = pytest.mark.model


def test_two_workers_write_the_graph_one_process_writes(
    tmp_path: Path, reference: bytes, runs: list[CorpusRun]
) -> None:
    ticks: list[tuple[int, int, int]] = []
    kg.build([POLITICS], tmp_path, workers=2, cache=False, view=False, store=False, progress=lambda *t: ticks.append(t))
    assert runs[0].stats.where == "pool" and runs[0].stats.extracted == 12
    assert (tmp_path / "graph.ttl").read_bytes() == reference
    # the progress bar's feed: one tick per article, in order, words growing
    assert [done for done, _, _ in ticks] == list(range(1, 13))
    assert {total for _, total, _ in ticks} == {12}
    assert all(a[2] < b[2] for a, b in zip(ticks, ticks[1:], strict=False))


def test_a_dask_local_cluster_writes_the_graph_one_process_writes(
    tmp_path: Path, reference: bytes, runs: list[CorpusRun]
) -> None:
    pytest.importorskip("distributed")
    ticks: list[tuple[int, int, int]] = []
    kg.build(
        [POLITICS],
        tmp_path,
        scheduler="local",
        workers=2,
        cache=False,
        view=False,
        store=False,
        progress=lambda *t: ticks.append(t),
    )
    assert runs[0].stats.where == "dask" and runs[0].stats.extracted == 12
    assert (tmp_path / "graph.ttl").read_bytes() == reference
    assert [done for done, _, _ in ticks] == list(range(1, 13))


def test_a_killed_worker_does_not_stop_the_run(articles: list[Article], nlp: Language) -> None:
    expected = list(extract(articles, nlp))
    _, run = extract_corpus(articles, RunOptions(workers=2, task_words=1))  # one article a task
    others = {p.pid for p in multiprocessing.active_children()}
    results = []
    with run:
        for result in run:
            if not results:  # the pool is at work: kill one of its workers
                workers = [p.pid for p in multiprocessing.active_children() if p.pid not in others]
                os.kill(workers[0] or 0, signal.SIGKILL)
            results.append(result)
    assert results == expected
    assert run.stats.restarts >= 1 and run.stats.extracted == 12 and run.stats.failed == 0


class _KillsItsReader(str):
    """Text that ends the process that unpickles it: an article whose worker always dies."""

    def __reduce__(self) -> tuple[object, tuple[int]]:
        return os._exit, (70,)


def test_an_article_that_kills_its_worker_is_skipped_and_the_rest_go_on(articles: list[Article], nlp: Language) -> None:
    some = articles[:6]
    poisoned = [*some[:3], dataclasses.replace(some[3], text=_KillsItsReader(some[3].text)), *some[4:]]
    _, run = extract_corpus(poisoned, RunOptions(workers=2, task_words=1))
    results = list(run)
    bad = results[3]
    assert isinstance(bad, Skipped) and bad.code == "K202" and bad.source == some[3].source
    assert "worker process died" in bad.reason
    expected = list(extract(some[:3] + some[4:], nlp))
    assert [r for i, r in enumerate(results) if i != 3] == expected
    assert all(isinstance(r, Extraction) for r in expected)
    assert run.stats.failed == 1 and run.stats.extracted == 5
