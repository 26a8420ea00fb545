"""Text and whatever metadata a reader found -> :class:`~kg.model.Article`; the text functions fill the gaps.

The article's text is final here: offsets into it are provenance, so nothing downstream may change it. A
title given apart from the text (HTML ``<title>``, front matter, a ``.jsonl`` field) that the text does not
contain is put in front of it, as a first line and a blank line: the graph holds no string the text does not.
"""

from __future__ import annotations

import hashlib
import warnings
from datetime import date

from kg.errors import Errors, IngestError, InputWarning
from kg.ingest.published import find_published
from kg.ingest.publisher import find_publisher
from kg.ingest.title import find_title
from kg.model import Article
from kg.weblink import web_iri_problem


def article_id(text: str) -> str:
    """The first 16 hex digits of the SHA-256 of the UTF-8 text: the same on every run and machine."""
    return hashlib.sha256(text.encode("utf-8", "surrogatepass")).hexdigest()[:16]


def make_article(
    source: str,
    text: str,
    *,
    title: str | None = None,
    published: date | None = None,
    publisher: str | None = None,
    url: str | None = None,
) -> Article:
    """An Article of ``text``; metadata not given is read from the text (title, date, publisher, its span)."""
    title = " ".join(title.split()) if title else ""
    if title and title not in text:
        text = f"{title}\n\n{text}"
    problem = web_iri_problem(url) if url else None
    if problem is not None:
        message = IngestError(Errors.K121, field="url", value=repr(url), path=source, reason=problem)
        warnings.warn(str(message), InputWarning, stacklevel=2)
        url = None
    found = find_publisher(text)
    span = None
    if found is not None and (publisher is None or found.name == publisher):
        publisher, span = found.name, found.span
    return Article(
        id=article_id(text),
        source=source,
        text=text,
        title=title or find_title(text),
        published=published or find_published(text),
        publisher=publisher or None,
        publisher_span=span,
        url=url or None,
    )
