"""With one worker, the model parses in a child process a task ahead of the extraction, and the view is drawn in
a child beside the other outputs (kg.forked): the results are those of one process, byte for byte; a task the
child cannot parse, or its death, costs nothing but time; the children die with their parent."""

from __future__ import annotations

import multiprocessing
import os
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest
from spacy.language import Language

import kg
from kg.extract import extract, model_texts
from kg.extract.ahead import Ahead, ParseError
from kg.extract.runner import CorpusRun, RunOptions, extract_corpus
from kg.forked import OFF
from kg.model import Article, Extraction

from .conftest import POLITICS

pytestmark = pytest.mark.model


def _model_children() -> list[multiprocessing.process.BaseProcess]:
    return [p for p in multiprocessing.active_children() if p.name == "kg-model"]


def _shouted(art: Article) -> Article:
    """The article with its first line in capitals (the model reads it recased; the Doc keeps the capitals)."""
    first, _, rest = art.text.partition("\n")
    return Article(id=art.id + "-caps", source="caps-" + art.source, text=f"{first.upper()}\n{rest}", title="")


def test_parsing_ahead_gives_the_extractions_of_parsing_here(
    articles: list[Article], nlp: Language, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr("kg.extract.PIECE", 2500)  # long articles come in pieces
    some = [*articles[:5], _shouted(articles[5])]
    assert len(model_texts(some, nlp)) > len(some)
    expected = list(extract(some, nlp))
    _, run = extract_corpus(some, RunOptions(workers=1, task_words=300))
    with run:
        first = next(run)
        assert len(_model_children()) == 1  # parsing beside this process
        results = [first, *run]
    assert run.stats.where == "here" and run.stats.extracted == len(some)
    assert results == expected
    assert all(isinstance(r, Extraction) for r in results)
    assert not _model_children()


def test_the_same_extractions_without_a_second_process(
    articles: list[Article], nlp: Language, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv(OFF, "1")
    _, run = extract_corpus(articles[:4], RunOptions(workers=1, task_words=300))
    with run:
        first = next(run)
        assert not _model_children()
        results = [first, *run]
    assert results == list(extract(articles[:4], nlp))


def test_a_task_the_child_cannot_parse_fails_alone(articles: list[Article], nlp: Language) -> None:
    with Ahead(nlp, 8) as model:
        model.submit(["x" * (nlp.max_length + 1)])  # spaCy refuses a text past max_length (E088)
        model.submit(model_texts(articles[:2], nlp))
        with pytest.raises(ParseError, match="E088"):
            model.take()
        docs = model.take()
        assert not model.dead
    assert [d.text for d in docs] == [a.text for a in articles[:2]]
    assert [list(extract(articles[:2], nlp, parsed=docs))] == [list(extract(articles[:2], nlp))]


def test_a_killed_model_process_does_not_stop_the_run(articles: list[Article], nlp: Language) -> None:
    expected = list(extract(articles, nlp))
    _, run = extract_corpus(articles, RunOptions(workers=1, task_words=300))
    results = []
    with run:
        for result in run:
            if not results:
                (child,) = _model_children()
                os.kill(child.pid or 0, signal.SIGKILL)
            results.append(result)
    assert results == expected
    assert run.stats.extracted == 12 and run.stats.failed == 0


def test_the_model_process_dies_with_its_parent(tmp_path: Path) -> None:
    script = (
        "import sys, time\n"
        "from kg.extract import load_pipeline\n"
        "from kg.extract.ahead import Ahead\n"
        "model = Ahead(load_pipeline(), 8)\n"
        "print(model._child.pid, flush=True)\n"
        "time.sleep(60)\n"
    )
    parent = subprocess.Popen([sys.executable, "-c", script], stdout=subprocess.PIPE, text=True)
    assert parent.stdout is not None
    child = int(parent.stdout.readline())
    os.kill(child, 0)  # alive
    parent.kill()
    parent.wait()
    deadline = time.monotonic() + 10
    while time.monotonic() < deadline and _alive(child):
        time.sleep(0.1)
    assert not _alive(child)


def _alive(pid: int) -> bool:
    try:
        with open(f"/proc/{pid}/stat") as f:
            return f.read().split(") ")[-1][0] != "Z"  # a zombie is dead, waiting for init to reap it
    except FileNotFoundError:
        return False


def test_a_build_writes_the_same_files_with_and_without_the_processes_beside(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, runs: list[CorpusRun]
) -> None:
    beside = kg.build([POLITICS], tmp_path / "beside", workers=1, cache=False)
    monkeypatch.setenv(OFF, "1")
    here = kg.build([POLITICS], tmp_path / "here", workers=1, cache=False)
    for name in ("graph.ttl", "graph.html", "manifest.json"):
        assert (tmp_path / "beside" / name).read_bytes() == (tmp_path / "here" / name).read_bytes(), name
    assert beside.report.counts == here.report.counts
    assert [s for s, _ in beside.report.seconds] == [s for s, _ in here.report.seconds]
    assert [Path(o).name for o in beside.report.outputs] == [Path(o).name for o in here.report.outputs]
    assert [r.stats.where for r in runs] == ["here", "here"]
