"""Fixtures of the scale tests: a dozen BBC politics articles, their single-process graph, and a spy on each
build's extraction run (its stats: articles from the cache, articles sent to the model, where it ran)."""

from __future__ import annotations

from collections.abc import Sequence
from pathlib import Path

import pytest

import kg
import kg.pipeline
from kg.extract.runner import CorpusRun, RunOptions
from kg.ingest import read_articles
from kg.model import Article

POLITICS = Path(__file__).resolve().parents[1] / "data" / "bbc" / "politics"


@pytest.fixture(scope="session")
def articles() -> list[Article]:
    """The 12 articles of tests/data/bbc/politics, as ingest reads them."""
    found = [a for a in read_articles(POLITICS) if isinstance(a, Article)]
    assert len(found) == 12
    return found


@pytest.fixture(scope="session")
def reference(tmp_path_factory: pytest.TempPathFactory) -> bytes:
    """graph.ttl of the single-process build of tests/data/bbc/politics, no cache."""
    out = tmp_path_factory.mktemp("reference")
    kg.build([POLITICS], out, workers=1, cache=False, view=False, store=False)
    return (out / "graph.ttl").read_bytes()


@pytest.fixture
def runs(monkeypatch: pytest.MonkeyPatch) -> list[CorpusRun]:
    """The extraction run of every kg.build in the test, in order, to read its ``stats``."""
    seen: list[CorpusRun] = []
    real = kg.pipeline.extract_corpus

    def spy(articles: Sequence[Article], options: RunOptions) -> tuple[str, CorpusRun]:
        name, run = real(articles, options)
        seen.append(run)
        return name, run

    monkeypatch.setattr(kg.pipeline, "extract_corpus", spy)
    return seen
