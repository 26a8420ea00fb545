"""Bytes -> text: UTF-8 only (a BOM is fine), newlines normalised to ``\\n``, nothing else changed.

The text returned here is what offsets point into later, so it is never stripped or re-spaced.
"""

from __future__ import annotations

import codecs
import re
from pathlib import Path

from kg.errors import Errors, IngestError

_OTHER_BOMS = (codecs.BOM_UTF32_LE, codecs.BOM_UTF32_BE, codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)
#: C0 control bytes other than tab, newline, vertical tab, form feed, carriage return and escape.
_CONTROL = frozenset(range(0x00, 0x09)) | frozenset(range(0x0E, 0x1B)) | frozenset(range(0x1C, 0x20))
_SAMPLE = 8192
_MAX_CONTROL = 0.05  # share of control bytes above which a file is binary
_MAX_INVALID = 0.25  # share of undecodable characters above which a file is binary rather than mis-encoded
_NEWLINES = re.compile(r"\r\n?")


def read_bytes(path: Path, source: str) -> bytes:
    try:
        return path.read_bytes()
    except OSError as e:
        raise IngestError(Errors.K108, path=source, detail=e.strerror or type(e).__name__) from e


def decode(data: bytes, source: str) -> str:
    """The text of a file's bytes, or :class:`IngestError` K102 (empty), K103 (binary) or K104 (not UTF-8)."""
    if not data.strip():
        raise IngestError(Errors.K102, path=source)
    if data.startswith(_OTHER_BOMS):
        raise IngestError(Errors.K104, position=0, path=source)
    if b"\x00" in data or looks_binary(data):
        raise IngestError(Errors.K103, path=source)
    bom = len(codecs.BOM_UTF8) if data.startswith(codecs.BOM_UTF8) else 0
    try:
        text = data[bom:].decode("utf-8")
    except UnicodeDecodeError as e:
        raise IngestError(Errors.K104, position=bom + e.start, path=source) from e
    text = normalise_newlines(text)
    if not text.strip():
        raise IngestError(Errors.K102, path=source)
    return text


def normalise_newlines(text: str) -> str:
    """``\\r\\n`` and a lone ``\\r`` become ``\\n``; every other character is kept."""
    return _NEWLINES.sub("\n", text)


def looks_binary(data: bytes) -> bool:
    """True when the start of ``data`` is mostly not text: many control bytes, or mostly undecodable bytes.

    A text in another 8-bit encoding (cp1252, Latin-1) has a few undecodable bytes: it is not binary but K104.
    """
    sample = data[:_SAMPLE]
    if not sample:
        return False
    if sum(b in _CONTROL for b in sample) / len(sample) > _MAX_CONTROL:
        return True
    chars = sample.decode("utf-8", errors="replace")
    return chars.count("\ufffd") / len(chars) > _MAX_INVALID
