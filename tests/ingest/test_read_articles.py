"""read_articles end to end: folders and files, sorted, stable ids, sources as given, bad files skipped."""

from __future__ import annotations

import hashlib
from pathlib import Path

import pytest

from kg.ingest import article_id, read_articles
from kg.model import Article, Skipped


def test_folder_mixing_good_and_bad_files(write, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    write("news/a-plain.txt", "Harbour reopens\n\nThe harbour reopened on Monday.\n")
    write("news/b-page.html", "<h1>Storm</h1><p>Winds rose.</p><script>alert('x')</script>")
    write("news/c-notes.md", "# Market day\n\nStalls *opened* early.")
    write("news/d-feed.jsonl", '{"text": "First line article."}\n{"text": \n{"text": "Third."}\n')
    write("news/e-empty.txt", "   \n")
    write("news/f-binary.txt", b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR")
    write("news/g-latin1.txt", "Caf\u00e9 prices rose.".encode("latin-1"))
    write("news/h-script-only.html", "<script>only()</script>")
    write("news/sub/i-deeper.txt", "Deeper story\n\nIt is in a subfolder.")
    write("news/README.md", "About this folder.")
    write("news/data.json", '{"text": "not read"}')
    write("news/.hidden.txt", "Hidden file.")
    write("news/.git/config.txt", "Hidden folder.")
    monkeypatch.chdir(tmp_path)  # sources keep the relative path as given
    items = list(read_articles(["news"]))
    assert [(type(i).__name__, i.source) for i in items] == [
        ("Article", "news/a-plain.txt"),
        ("Article", "news/b-page.html"),
        ("Article", "news/c-notes.md"),
        ("Article", "news/d-feed.jsonl#L1"),
        ("Skipped", "news/d-feed.jsonl#L2"),
        ("Article", "news/d-feed.jsonl#L3"),
        ("Skipped", "news/e-empty.txt"),
        ("Skipped", "news/f-binary.txt"),
        ("Skipped", "news/g-latin1.txt"),
        ("Skipped", "news/h-script-only.html"),
        ("Article", "news/sub/i-deeper.txt"),
    ]
    assert [i.code for i in items if isinstance(i, Skipped)] == ["K106", "K102", "K103", "K104", "K109"]
    html = next(i for i in items if isinstance(i, Article) and i.source.endswith(".html"))
    assert "alert" not in html.text


def test_ids_are_the_sha256_of_the_text_and_stable(write) -> None:
    text = "Same words.\n"
    a = write("one.txt", text)
    b = write("two/copy.txt", text.replace("\n", "\r\n"))  # the same text once newlines are normalised
    items = list(read_articles([a, b]))
    first = [i for i in items if isinstance(i, Article)]
    again = [i for i in read_articles([b, a]) if isinstance(i, Article)]
    expected = hashlib.sha256(text.encode("utf-8")).hexdigest()[:16]
    assert [x.id for x in first] == [expected]  # the same text is one article: the copy is skipped
    skipped = [i for i in items if not isinstance(i, Article)]
    assert [s.code for s in skipped] == ["K111"] and str(a) in skipped[0].reason  # naming the first
    assert first == again  # same order and records whatever order the paths come in
    assert article_id(text) == expected
    assert article_id("Other words.\n") != expected


def test_text_is_kept_as_in_the_file(write) -> None:
    raw = "\ufeff  Leading space kept.\r\nWindows line.\rOld Mac line.\n\n\tTab and trailing space \n\n"
    (article,) = read_articles([write("keep.txt", raw.encode("utf-8"))])
    assert isinstance(article, Article)
    assert article.text == raw.removeprefix("\ufeff").replace("\r\n", "\n").replace("\r", "\n")


def test_sources_for_files_folders_and_absolute_paths(write, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    path = write("dir/x.txt", "Words.")
    monkeypatch.chdir(tmp_path)
    assert [i.source for i in read_articles(["dir/x.txt"])] == ["dir/x.txt"]
    assert [i.source for i in read_articles(["./dir"])] == ["dir/x.txt"]
    assert [i.source for i in read_articles([path])] == [path.as_posix()]
    assert [i.source for i in read_articles("dir")] == ["dir/x.txt"]  # one path alone is accepted too


def test_a_file_named_and_found_in_a_folder_is_read_once(write, tmp_path: Path) -> None:
    path = write("dir/x.txt", "Words.")
    assert len(list(read_articles([tmp_path / "dir", path]))) == 1


def test_suffixes_are_matched_in_any_case(write, tmp_path: Path) -> None:
    write("dir/UPPER.TXT", "Words.")
    write("dir/page.HTM", "<p>Page words.</p>")
    assert [type(i).__name__ for i in read_articles([tmp_path / "dir"])] == ["Article", "Article"]


def test_articles_are_never_truncated(write) -> None:
    text = "Long story\n\n" + "A sentence of the body goes on. " * 20000
    (article,) = read_articles([write("long.txt", text)])
    assert isinstance(article, Article) and article.text == text


@pytest.mark.parametrize("suffix", [".txt", ".md", ".html", ".jsonl"])
def test_every_format_yields_articles_whose_metadata_comes_from_the_text(write, suffix: str) -> None:
    body = "Ice closed the port on Monday, Harbor.Net reports.\n\nShips waited outside."
    content = {
        ".txt": body,
        ".md": body,
        ".html": "".join(f"<p>{p}</p>" for p in body.split("\n\n")),
        ".jsonl": '{"text": "Ice closed the port on Monday, Harbor.Net reports.\\n\\nShips waited outside."}',
    }[suffix]
    (article,) = read_articles([write("a" + suffix, content)])
    assert isinstance(article, Article)
    assert article.title in article.text
    assert article.publisher == "Harbor.Net"
    assert article.publisher_span is not None
    assert article.text[slice(*article.publisher_span)] == "Harbor.Net"
