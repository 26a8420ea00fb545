"""One reader per format: the text of a file -> Articles, or Skipped for what cannot be used.

``.txt`` is taken as it is; ``.md`` and ``.html`` are reduced to text first (:mod:`kg.ingest.markdown`,
:mod:`kg.ingest.html`); ``.jsonl`` holds one article a line, an object with ``text`` and optionally ``title``,
``date`` (ISO), ``url`` and ``source`` (the publisher's name); its articles are named ``file#L<line>``.
"""

from __future__ import annotations

import json
import re
import warnings
from collections.abc import Callable, Iterator
from typing import Any

from kg.errors import Errors, IngestError, InputWarning
from kg.ingest.article import make_article
from kg.ingest.dates import parse_date
from kg.ingest.decode import decode, normalise_newlines, read_bytes
from kg.ingest.discover import ArticleFile, Format
from kg.ingest.html import read_html
from kg.ingest.markdown import read_markdown
from kg.ingest.skip import skipped
from kg.model import Article, Skipped


def read_file(file: ArticleFile) -> Iterator[Article | Skipped]:
    """The articles of one file, or a Skipped saying why the file (or one of its lines) cannot be used."""
    try:
        text = decode(read_bytes(file.path, file.source), file.source)
        if file.format == "jsonl":
            yield from read_jsonl(text, file.source)
        else:
            yield _READERS[file.format](text, file.source)
    except IngestError as e:
        yield skipped(e, file.source)


def read_text(text: str, source: str) -> Article:
    return make_article(source, text)


def read_markdown_article(text: str, source: str) -> Article:
    doc = read_markdown(text)
    if not doc.text.strip():
        raise IngestError(Errors.K110, path=source)
    return make_article(
        source, doc.text, title=doc.title, published=doc.published, publisher=doc.publisher, url=doc.url
    )


def read_html_article(text: str, source: str) -> Article:
    doc = read_html(text)
    if not doc.text.strip():
        raise IngestError(Errors.K109, path=source)
    return make_article(
        source, doc.text, title=doc.title, published=doc.published, publisher=doc.publisher, url=doc.url
    )


def read_jsonl(text: str, source: str) -> Iterator[Article | Skipped]:
    """One Article per non-blank line; a bad line is skipped (K106, K107) and the others are still read."""
    for number, line in enumerate(text.split("\n"), start=1):  # not splitlines(): JSON may hold U+2028
        if not line.strip():
            continue
        where = f"{source}#L{number}"
        try:
            yield _jsonl_article(line, number, source, where)
        except IngestError as e:
            yield skipped(e, where)


def _jsonl_article(line: str, number: int, source: str, where: str) -> Article:
    try:
        record = json.loads(line)
    except json.JSONDecodeError as e:
        raise IngestError(Errors.K106, line=number, path=source, detail=f"{e.msg} at column {e.colno}") from e
    except (ValueError, RecursionError) as e:
        raise IngestError(Errors.K106, line=number, path=source, detail=type(e).__name__) from e
    if not isinstance(record, dict):
        detail = f"expected an object, got {type(record).__name__}"
        raise IngestError(Errors.K106, line=number, path=source, detail=detail)
    record = {key: _mended(value, key, where) for key, value in record.items()}
    body = record.get("text")
    if not isinstance(body, str) or not body.strip():
        raise IngestError(Errors.K107, line=number, path=source)
    return make_article(
        where,
        normalise_newlines(body),
        title=_string(record, "title"),
        published=parse_date(_string(record, "date") or ""),
        publisher=_string(record, "source"),
        url=_string(record, "url"),
    )


_SURROGATE = re.compile(r"[\ud800-\udfff]")


def _mended(value: Any, field: str, where: str) -> Any:
    """A string of the record with any lone surrogate (JSON's "\\ud800", valid JSON but no Unicode text) replaced
    by U+FFFD, with a warning; the article is kept."""
    if not isinstance(value, str) or not _SURROGATE.search(value):
        return value
    warnings.warn(str(IngestError(Errors.K120, path=where, field=field)), InputWarning, stacklevel=2)
    return _SURROGATE.sub("\ufffd", value)


def _string(record: dict[str, Any], key: str) -> str | None:
    value = record.get(key)
    return value.strip() or None if isinstance(value, str) else None


_READERS: dict[Format, Callable[[str, str], Article]] = {
    "text": read_text,
    "markdown": read_markdown_article,
    "html": read_html_article,
}
