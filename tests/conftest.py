"""Fixtures shared across the test packages: the real spaCy pipeline (loaded once per session), hand-built
articles and mentions, and the extract -> resolve chain over a few hand-written articles."""

from __future__ import annotations

import os
from collections.abc import Callable, Iterator, Sequence
from pathlib import Path
from typing import Any

import pytest
from spacy.language import Language

from kg.model import Article, Extraction, Mention, Provenance, Resolution


@pytest.fixture(scope="session")
def nlp() -> Language:
    """The real default pipeline (en_core_web_sm), as ``kg build`` loads it. Mark tests using it ``model``."""
    from kg.extract import load_pipeline

    return load_pipeline()


@pytest.fixture
def article() -> Callable[..., Article]:
    """An Article with a made-up id and source: ``article("text", "a1")``."""

    def _article(text: str, doc_id: str = "a0", title: str = "") -> Article:
        return Article(id=doc_id, source=f"{doc_id}.txt", text=text, title=title)

    return _article


@pytest.fixture
def mention() -> Callable[..., Mention]:
    """A Mention built by hand (no model): ``mention("Chile", "GPE", 10, doc="a1")``; ``end`` is start + len."""

    def _mention(text: str, label: str, start: int = 0, *, doc: str = "a0", sentence: int = 0, **kw: str) -> Mention:
        prov = Provenance(doc, start, start + len(text), sentence, "test")
        return Mention(text, label, prov, **kw)  # type: ignore[arg-type]

    return _mention


@pytest.fixture
def build(nlp: Language) -> Callable[..., tuple[list[Extraction], Resolution]]:
    """Extract and resolve hand-written articles: ``build("text one", "text two")`` -> (extractions,
    resolution). Each text is one article, with ids a0, a1, ..."""
    from kg.extract import extract
    from kg.resolve import resolve

    def _build(*texts: str, pipeline: Language | None = None, **kw: object) -> tuple[list[Extraction], Resolution]:
        arts: Sequence[Article] = [Article(f"a{i}", f"a{i}.txt", t, "") for i, t in enumerate(texts)]
        results = list(extract(arts, pipeline or nlp))
        assert all(isinstance(r, Extraction) for r in results), results
        exs = [r for r in results if isinstance(r, Extraction)]
        return exs, resolve(exs, **kw)  # type: ignore[arg-type]

    return _build


# ---- headless Chromium, one for the session (Playwright's sync API runs once per process) ----------------------
CHROMIUM = "/usr/bin/chromium"
CHROMIUM_ARGS = [
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--no-first-run",
    "--disable-sync",
]


@pytest.fixture(scope="session")
def browser() -> Iterator[Any]:
    if not Path(CHROMIUM).exists():
        message = f"{CHROMIUM} is missing: apt-get install -y chromium"
        if os.environ.get("CI"):
            pytest.fail(message)
        pytest.skip(message)
    from playwright.sync_api import sync_playwright

    with sync_playwright() as pw:
        launched = pw.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
        yield launched
        launched.close()
