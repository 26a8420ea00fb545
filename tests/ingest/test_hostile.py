"""Hostile input is harmless and nothing good is lost: lone surrogates are mended with a warning, links that are
not web IRIs are dropped with a warning, whatever is not a file inside a folder gets its line, and what kg
prints cannot forge lines or colours."""

from __future__ import annotations

import os
import socket
import sys
import warnings
from collections.abc import Callable
from pathlib import Path

import pytest

from kg.errors import InputWarning
from kg.ingest import read_articles
from kg.ingest.article import make_article
from kg.model import Article, Skipped
from kg.weblink import shown, web_iri_problem


def read(paths: list[Path]) -> tuple[list[Article], list[Skipped], list[str]]:
    with warnings.catch_warnings(record=True) as caught:
        warnings.simplefilter("always", InputWarning)
        items = list(read_articles(paths))
    notes = [str(w.message) for w in caught if issubclass(w.category, InputWarning)]
    return [i for i in items if isinstance(i, Article)], [i for i in items if isinstance(i, Skipped)], notes


def test_a_lone_surrogate_is_mended_and_the_article_kept(write: Callable[[str, str], Path]) -> None:
    path = write("news.jsonl", '{"text": "Rain in Paris \\ud800 today.", "title": "Rain \\udc00"}\n')
    articles, skipped, notes = read([path])
    assert not skipped and len(articles) == 1
    assert "\ufffd" in articles[0].text and not any("\ud800" <= c <= "\udfff" for c in articles[0].text)
    assert len(notes) == 2 and all("K120" in n and "news.jsonl#L1" in n for n in notes)
    assert {"'text'", "'title'"} == {n.split("field ")[1].split(",")[0] for n in notes}


@pytest.mark.parametrize(
    "url",
    [
        "javascript:alert(1)",
        "data:text/html,<script>alert(1)</script>",
        "https://exa\u202emple.com/",  # right-to-left override
        "https://example.com/\u200bpath",  # zero-width space
        "https://example.com/a b",
        "http://",
        "https://example.com/%zz",
        "ftp://example.com/file",
        "https://example.com:port/",
    ],
)
def test_a_bad_url_is_dropped_with_a_warning(url: str) -> None:
    assert web_iri_problem(url) is not None
    with warnings.catch_warnings(record=True) as caught:
        warnings.simplefilter("always", InputWarning)
        article = make_article("a.jsonl#L1", "Some text about the news.", url=url)
    assert article.url is None
    (note,) = [str(w.message) for w in caught]
    assert "K121" in note and "a.jsonl#L1" in note and "\u202e" not in note and "\u200b" not in note


@pytest.mark.parametrize(
    "url", ["https://example.com/a?b=c#d", "http://例え.jp/パス", "https://[::1]:8080/x", "HTTPS://EXAMPLE.COM"]
)
def test_a_good_url_is_kept(url: str) -> None:
    assert web_iri_problem(url) is None
    assert make_article("a.txt", "Some text.", url=url).url == url


@pytest.mark.skipif(not sys.platform.startswith("linux"), reason="FIFOs and sockets in tmp: POSIX")
def test_whatever_is_not_a_file_inside_a_folder_gets_its_line(tmp_path: Path) -> None:
    folder = tmp_path / "news"
    (folder / "real").mkdir(parents=True)
    (folder / "good.txt").write_text("Good news from Paris today, the minister said.\n", encoding="utf-8")
    os.mkfifo(folder / "pipe.txt")
    with socket.socket(socket.AF_UNIX) as sock:
        sock.bind(str(folder / "sock.txt"))
        os.symlink("loop.txt", folder / "loop.txt")
        os.symlink("missing.txt", folder / "broken.txt")
        os.symlink("real", folder / "linked")
        articles, skipped, _ = read([folder])
    assert [a.source.rsplit("/", 1)[1] for a in articles] == ["good.txt"]
    reasons = {s.source.rsplit("/", 1)[1]: s.reason for s in skipped}
    assert set(reasons) == {"pipe.txt", "sock.txt", "loop.txt", "broken.txt", "linked"}
    assert "named pipe" in reasons["pipe.txt"] and "socket" in reasons["sock.txt"]
    assert "loop" in reasons["loop.txt"] and "broken" in reasons["broken.txt"] and "folder" in reasons["linked"]
    assert all(s.code == "K108" for s in skipped)


def test_printed_text_is_escaped() -> None:
    forged = "evil\nkg: wrote out/graph.ttl\x1b[2J\u202e.txt"
    line = shown(f"kg: skipped {forged}: empty")
    assert "\n" not in line and "\x1b" not in line and "\u202e" not in line
    assert line == "kg: skipped evil\\x0akg: wrote out/graph.ttl\\x1b[2J\\u202e.txt: empty"
    assert shown("Zürich, 東京, C:\\path") == "Zürich, 東京, C:\\path"
