"""One test per ingest error: the code, and a message that names the file."""

from __future__ import annotations

import random
from pathlib import Path

import pytest

from kg.ingest import read_articles
from kg.model import Article, Skipped

DATA = Path(__file__).parents[1] / "data" / "ingest"


def read_all(*paths: str | Path) -> list[Article | Skipped]:
    return list(read_articles(paths))


def skip_of(*paths: str | Path) -> Skipped:
    items = read_all(*paths)
    assert len(items) == 1 and isinstance(items[0], Skipped), items
    return items[0]


def test_k100_missing_path(tmp_path: Path) -> None:
    missing = tmp_path / "no-such-file.txt"
    s = skip_of(missing)
    assert s.code == "K100"
    assert s.source == missing.as_posix()
    assert "no-such-file.txt" in s.reason


def test_k101_folder_without_articles(write, tmp_path: Path) -> None:
    write("folder/notes.json", '{"a": 1}')
    write("folder/README", "about this folder")
    s = skip_of(tmp_path / "folder")
    assert s.code == "K101"
    assert "folder" in s.reason


@pytest.mark.parametrize("content", [b"", b"   \n\t\r\n  ", "\ufeff  \n".encode()])
def test_k102_empty_or_blank_file(write, content: bytes) -> None:
    s = skip_of(write("blank.txt", content))
    assert s.code == "K102"
    assert "blank.txt" in s.reason


@pytest.mark.parametrize(
    "content",
    [
        b"Some words\x00 and a NUL byte",
        bytes(range(1, 9)) * 40 + b"a few letters",
        bytes(random.Random(7).randrange(128, 256) for _ in range(4000)),
    ],
    ids=["nul", "controls", "high-bytes"],
)
def test_k103_binary_file(write, content: bytes) -> None:
    s = skip_of(write("image.txt", content))
    assert s.code == "K103"
    assert "image.txt" in s.reason


def test_k104_not_utf8_gives_the_byte_offset() -> None:
    path = DATA / "cp1252.txt"
    offset = path.read_bytes().index(b"\xa3")  # the first pound sign, in cp1252
    s = skip_of(path)
    assert s.code == "K104"
    assert f"byte {offset}" in s.reason
    assert "cp1252.txt" in s.reason


def test_k104_offset_counts_the_bom(write) -> None:
    s = skip_of(write("bom.txt", b"\xef\xbb\xbfCaf\xe9 society"))
    assert (s.code, "byte 6" in s.reason) == ("K104", True)


def test_k104_utf16_is_not_utf8(write) -> None:
    s = skip_of(write("wide.txt", "Wide text".encode("utf-16")))
    assert s.code == "K104"
    assert "wide.txt" in s.reason


def test_k105_unsupported_suffix_given_explicitly(write) -> None:
    s = skip_of(write("data.json", '{"text": "x"}'))
    assert s.code == "K105"
    assert ".json" in s.reason and "data.json" in s.reason


def test_k105_file_without_suffix(write) -> None:
    s = skip_of(write("NOTES", "words"))
    assert s.code == "K105"
    assert "NOTES" in s.reason


def test_k106_bad_json_line(write) -> None:
    path = write("feed.jsonl", '{"text": "Good line."}\n{"text": oops}\n')
    items = read_all(path)
    assert len(items) == 2
    bad = items[1]
    assert isinstance(bad, Skipped)
    assert bad.code == "K106"
    assert bad.source == f"{path.as_posix()}#L2"
    assert "line 2" in bad.reason and "feed.jsonl" in bad.reason


def test_k106_json_that_is_not_an_object(write) -> None:
    s = skip_of(write("list.jsonl", '["text", "here"]\n'))
    assert s.code == "K106"
    assert "list" in s.reason and "list.jsonl" in s.reason


@pytest.mark.parametrize("line", ['{"title": "No body"}', '{"text": "  "}', '{"text": 42}', '{"text": null}'])
def test_k107_missing_text(write, line: str) -> None:
    s = skip_of(write("feed.jsonl", line + "\n"))
    assert s.code == "K107"
    assert "line 1" in s.reason and "feed.jsonl" in s.reason


def test_k108_unreadable_file(write, monkeypatch: pytest.MonkeyPatch) -> None:
    path = write("locked.txt", "Words behind a lock.")
    real = Path.read_bytes

    def refuse(self: Path) -> bytes:
        if self.name == "locked.txt":
            raise PermissionError(13, "Permission denied")
        return real(self)

    monkeypatch.setattr(Path, "read_bytes", refuse)
    s = skip_of(path)
    assert s.code == "K108"
    assert "locked.txt" in s.reason and "Permission denied" in s.reason


def test_k109_html_without_text(write) -> None:
    path = write("page.html", "<html><head><script>var x = 1;</script></head><body><nav>Home</nav></body></html>")
    s = skip_of(path)
    assert s.code == "K109"
    assert "page.html" in s.reason


def test_k110_markdown_without_text(write) -> None:
    s = skip_of(write("pic.md", "![a photo](photo.jpg)\n\n---\n"))
    assert s.code == "K110"
    assert "pic.md" in s.reason


def test_reason_is_one_line_with_the_hint(write) -> None:
    s = skip_of(write("blank.txt", "  "))
    assert "\n" not in s.reason
    assert s.reason.startswith("Empty file:")
    assert "remove it or add text" in s.reason
