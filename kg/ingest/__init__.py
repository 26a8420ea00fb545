"""Ingest: article files -> :class:`~kg.model.Article` records, and a :class:`~kg.model.Skipped` for each
input that cannot be used.

One job a module: ``discover`` (paths -> files), ``decode`` (bytes -> text), ``readers`` (one per format,
with ``html`` and ``markdown``), ``article`` (text -> Article), and the metadata of plain text: ``head``
(header fields, title line, dateline), ``title``, ``published``, ``publisher`` (with ``names`` and ``dates``).
"""

from __future__ import annotations

from collections.abc import Iterator, Sequence
from pathlib import Path

from kg.errors import Errors, IngestError
from kg.ingest.article import article_id
from kg.ingest.discover import ArticleFile, discover
from kg.ingest.published import find_dateline, find_published
from kg.ingest.publisher import find_publisher
from kg.ingest.readers import read_file
from kg.ingest.skip import skipped
from kg.ingest.title import find_title
from kg.model import Article, Skipped

__all__ = [
    "article_id",
    "find_dateline",
    "find_published",
    "find_publisher",
    "find_title",
    "read_articles",
]


def read_articles(paths: Sequence[str | Path] | str | Path) -> Iterator[Article | Skipped]:
    """Yield one Article per readable article, in a deterministic order (sorted paths), and one Skipped for
    each input that cannot be used (with the one-line reason and the error code from ``kg.errors.Errors``).

    ``paths`` are files or folders (searched recursively for ``.txt``, ``.md``, ``.html``, ``.htm`` and
    ``.jsonl``). A single path is accepted too. An article whose text is that of an earlier one (the same id)
    is skipped (K111): one article, one source.
    """
    if isinstance(paths, str | Path):
        paths = [paths]
    first: dict[str, str] = {}
    for item in discover(paths):
        if not isinstance(item, ArticleFile):
            yield item
            continue
        for found in read_file(item):
            if isinstance(found, Article):
                if found.id in first:
                    error = IngestError(Errors.K111, first=first[found.id], path=found.source)
                    yield skipped(error, found.source)
                    continue
                first[found.id] = found.source
            yield found
