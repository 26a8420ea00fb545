from __future__ import annotations

from pathlib import Path

from kg.ingest.discover import ArticleFile, discover
from kg.model import Skipped


def test_sorted_by_path_parts_and_notes_skipped(write, tmp_path: Path) -> None:
    for name in ("b.txt", "a/z.md", "a-b.txt", "LICENSE.txt", "readme.md", "x.csv"):
        write(f"d/{name}", "words")
    found = discover([tmp_path / "d"])
    assert all(isinstance(f, ArticleFile) for f in found)
    root = (tmp_path / "d").as_posix()
    assert [f.source for f in found] == [f"{root}/a/z.md", f"{root}/a-b.txt", f"{root}/b.txt"]


def test_explicit_note_file_is_read(write) -> None:
    (found,) = discover([write("README.txt", "words")])
    assert isinstance(found, ArticleFile) and found.format == "text"


def test_missing_and_empty_folder_are_reported_in_order(tmp_path: Path) -> None:
    (tmp_path / "empty").mkdir()
    found = discover([tmp_path / "zzz", tmp_path / "empty"])
    assert [(type(f).__name__, getattr(f, "code", None)) for f in found] == [
        ("Skipped", "K101"),
        ("Skipped", "K100"),
    ]
    assert all(isinstance(f, Skipped) for f in found)
