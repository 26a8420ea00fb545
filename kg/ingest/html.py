"""HTML -> text and metadata, with BeautifulSoup and the standard library's ``html.parser``.

What is kept: the text of the article (the one ``<article>``, else ``<main>``, else ``<body>``), entities
decoded, blocks separated by blank lines, ``<br>`` and list items by line breaks. What is dropped: scripts,
styles, templates, navigation, asides, footers, forms, hidden elements, comments, and page headers (a
``<header>`` without an ``<h1>``; an article's own header keeps its headline).

Metadata: the title is the first ``<h1>``, else ``<title>`` or ``og:title``; the date is
``article:published_time`` (or ``datePublished``, ``date``), else the first ``<time datetime>``; the publisher
is ``og:site_name``, else ``<meta name="author">``; the URL is ``<link rel="canonical">`` or ``og:url``.
"""

from __future__ import annotations

import re
import warnings
from dataclasses import dataclass
from datetime import date

from bs4 import BeautifulSoup, MarkupResemblesLocatorWarning, XMLParsedAsHTMLWarning
from bs4.element import (
    CData,
    Comment,
    Declaration,
    Doctype,
    NavigableString,
    PageElement,
    ProcessingInstruction,
    Tag,
)

from kg.ingest.dates import parse_date

_DROP = (
    "script",
    "style",
    "noscript",
    "template",
    "nav",
    "footer",
    "aside",
    "form",
    "button",
    "select",
    "svg",
    "canvas",
    "iframe",
    "object",
    "embed",
    "audio",
    "video",
    "head",
)
#: Elements that stand as paragraphs of their own (a blank line around them).
_BLOCKS = frozenset(
    "address article blockquote dd details div dl fieldset figcaption figure h1 h2 h3 h4 h5 h6 header hr "
    "main ol p pre section summary table ul".split()
)
#: Elements that start a new line.
_LINES = frozenset("br li dt tr caption".split())
#: Elements whose neighbours are separated by a space.
_CELLS = frozenset("td th".split())
_SPACE = re.compile(r"\s+")
_NOT_TEXT = (CData, Comment, Declaration, Doctype, ProcessingInstruction)


@dataclass(frozen=True, slots=True)
class HtmlDocument:
    text: str  # the readable text; empty when none is left
    title: str | None = None
    published: date | None = None
    publisher: str | None = None
    url: str | None = None


def read_html(markup: str) -> HtmlDocument:
    with warnings.catch_warnings():  # markup that "looks like a file name", XHTML "looks like XML": both fine
        warnings.simplefilter("ignore", MarkupResemblesLocatorWarning)
        warnings.simplefilter("ignore", XMLParsedAsHTMLWarning)
        soup = BeautifulSoup(markup, "html.parser")
    title = _first_text(soup, "h1") or _meta(soup, "og:title") or _first_text(soup, "title")
    published = _meta_date(soup)
    publisher = _meta(soup, "og:site_name") or _meta(soup, "author")
    url = _canonical(soup) or _meta(soup, "og:url")
    _prune(soup)
    root = _root(soup)
    return HtmlDocument(_text_of(root), title, published or _time_date(root), publisher, url)


def _prune(soup: BeautifulSoup) -> None:
    for tag in [*soup.find_all(_DROP), *soup.find_all(_hidden)]:
        if isinstance(tag, Tag) and not tag.decomposed:
            tag.decompose()
    for tag in soup.find_all("header"):
        if isinstance(tag, Tag) and not tag.decomposed and tag.find("h1") is None:
            tag.decompose()


def _hidden(tag: Tag) -> bool:
    style = str(tag.get("style") or "").replace(" ", "").lower()
    return (
        tag.has_attr("hidden")
        or str(tag.get("aria-hidden") or "").lower() == "true"
        or "display:none" in style
        or "visibility:hidden" in style
    )


def _root(soup: BeautifulSoup) -> Tag:
    articles = soup.find_all("article")
    if len(articles) == 1 and isinstance(articles[0], Tag):
        return articles[0]
    for name in ("main", "body"):
        found = soup.find(name)
        if isinstance(found, Tag):
            return found
    return soup


def _text_of(root: Tag) -> str:
    """The text under ``root``: whitespace collapsed, blocks apart by blank lines (iterative: any depth)."""
    out: list[str] = []
    stack: list[tuple[PageElement, bool]] = [(root, False)]
    while stack:
        node, leaving = stack.pop()
        if isinstance(node, NavigableString):
            if not isinstance(node, _NOT_TEXT):
                out.append(_SPACE.sub(" ", str(node)) if not _in_pre(node) else str(node))
            continue
        if not isinstance(node, Tag):
            continue
        out.append(_separator(node.name, leaving))
        if not leaving:
            stack.append((node, True))
            stack.extend((child, False) for child in reversed(list(node.children)))
    return _tidy("".join(out))


def _separator(name: str, leaving: bool) -> str:
    if name in _BLOCKS:
        return "\n\n"
    if leaving:
        return ""
    if name in _LINES:
        return "\n"
    return " " if name in _CELLS else ""


def _in_pre(node: NavigableString) -> bool:
    return any(parent.name == "pre" for parent in node.parents)


def _tidy(text: str) -> str:
    lines = [" ".join(line.split()) for line in text.replace("\xa0", " ").split("\n")]
    return re.sub(r"\n{3,}", "\n\n", "\n".join(lines)).strip("\n")


def _first_text(soup: BeautifulSoup, name: str) -> str | None:
    for tag in soup.find_all(name):
        if isinstance(tag, Tag):
            text = " ".join(tag.get_text(" ").split())
            if text:
                return text
    return None


def _meta(soup: BeautifulSoup, key: str) -> str | None:
    """The content of the first ``<meta>`` whose property, name or itemprop is ``key`` (any case)."""
    for tag in soup.find_all("meta"):
        if not isinstance(tag, Tag):
            continue
        names = {str(tag.get(a) or "").strip().lower() for a in ("property", "name", "itemprop")}
        content = " ".join(str(tag.get("content") or "").split())
        if key.lower() in names and content:
            return content
    return None


def _meta_date(soup: BeautifulSoup) -> date | None:
    for key in ("article:published_time", "datePublished", "date", "dc.date", "dcterms.date"):
        value = _meta(soup, key)
        if value and (found := parse_date(value)):
            return found
    return None


def _time_date(root: Tag) -> date | None:
    for tag in root.find_all("time"):
        if isinstance(tag, Tag) and (found := parse_date(str(tag.get("datetime") or ""))):
            return found
    return None


def _canonical(soup: BeautifulSoup) -> str | None:
    for tag in soup.find_all("link"):
        if isinstance(tag, Tag) and "canonical" in [str(r).lower() for r in tag.get_attribute_list("rel")]:
            href = str(tag.get("href") or "").strip()
            if href:
                return href
    return None
