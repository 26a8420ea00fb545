from __future__ import annotations

from pathlib import Path

import pytest

from kg.errors import IngestError
from kg.ingest.decode import decode, looks_binary, normalise_newlines

DATA = Path(__file__).parents[1] / "data" / "ingest"


def test_newlines_are_normalised_and_nothing_else_changes() -> None:
    assert normalise_newlines("a\r\nb\rc\n\u2028d ") == "a\nb\nc\n\u2028d "


def test_bom_is_dropped() -> None:
    assert decode(b"\xef\xbb\xbfText", "f.txt") == "Text"


def test_a_mis_encoded_text_is_not_binary() -> None:
    assert not looks_binary((DATA / "cp1252.txt").read_bytes())
    with pytest.raises(IngestError) as e:
        decode((DATA / "cp1252.txt").read_bytes(), "cp1252.txt")
    assert e.value.code == "K104" and e.value.fields["position"] == 257
