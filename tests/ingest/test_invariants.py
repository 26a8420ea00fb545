"""Whatever the text, the metadata functions never fail and only ever point into it."""

from __future__ import annotations

from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from kg.ingest import find_dateline, find_published, find_publisher, find_title, read_articles
from kg.ingest.article import make_article
from kg.model import Article

ROOT = Path(__file__).parents[2]
PIECES = st.sampled_from(
    [
        "\n",
        "\n\n",
        " ",
        ", ",
        ". ",
        "date ",
        "Date: ",
        "2021-04-02 ",
        "April 2",
        "OSLO",
        "(Wire) ",
        " - ",
        "—",
        " reports",
        " reported",
        " via",
        "Harbor.Net",
        "Northwind Times",
        "Mr.",
        "U.S.",
        "the",
        "of",
        "?",
        "Source: ",
    ]
)
TEXTS = st.lists(st.one_of(PIECES, st.text(max_size=12)), max_size=30).map("".join)


@settings(max_examples=400, deadline=None)
@given(TEXTS)
def test_metadata_points_into_the_text(text: str) -> None:
    title = find_title(text)
    assert title in text
    assert bool(title.strip()) == bool(text.strip())
    found = find_publisher(text)
    if found is not None:
        assert text[found.span[0] : found.span[1]] == found.name
    find_published(text)
    dateline = find_dateline(text)
    if dateline is not None:
        assert 0 <= dateline.start <= dateline.end <= len(text)


@settings(max_examples=200, deadline=None)
@given(TEXTS.filter(str.strip), st.one_of(st.none(), st.text(max_size=30)))
def test_article_title_is_in_its_text(text: str, title: str | None) -> None:
    article = make_article("x.txt", text, title=title)
    assert article.title in article.text
    assert len(article.id) == 16


@pytest.mark.parametrize("folder", ["seeds", "tests/data/bbc"])
def test_repository_articles(folder: str) -> None:
    if not (ROOT / folder).is_dir():
        pytest.skip(f"no {folder}")
    articles = list(read_articles([ROOT / folder]))
    assert articles and all(isinstance(a, Article) for a in articles)
    for a in articles:
        assert isinstance(a, Article)
        assert a.title and a.title in a.text and "\n" not in a.title and len(a.title) <= 200
        if a.publisher_span is not None:
            assert a.text[slice(*a.publisher_span)] == a.publisher
