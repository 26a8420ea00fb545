"""Links taken from input (an article's ``url``, a pattern's ``sameAs``): kept only when they are web IRIs a
reader can follow safely, and escaping for anything kg prints that came from outside (file names, values).

A web link must be an absolute ``http`` or ``https`` IRI (RFC 3987) with a host, made of the characters an IRI
may hold, and without bidirectional or other format characters (which make a link show other than it goes).
"""

from __future__ import annotations

import re
import unicodedata
from urllib.parse import urlsplit

_ASCII = re.compile(r"[A-Za-z0-9\-._~:/?#\[\]@!$&'()*+,;=%]*")
_PERCENT = re.compile(r"%(?![0-9A-Fa-f]{2})")
#: ucschar and iprivate of RFC 3987 (iprivate only in the query; accepted anywhere here, they are not shown)
_UCS = (
    (0xA0, 0xD7FF),
    (0xE000, 0xF8FF),
    (0xF900, 0xFDCF),
    (0xFDF0, 0xFFEF),
    *((0x10000 * p, 0x10000 * p + 0xFFFD) for p in range(1, 16)),
    (0xF0000, 0xFFFFD),
    (0x100000, 0x10FFFD),
)


def _ucs(c: str) -> bool:
    code = ord(c)
    return any(low <= code <= high for low, high in _UCS)


def web_iri_problem(value: str) -> str | None:
    """Why ``value`` is not a web IRI kg keeps, or None when it is one."""
    scheme = value.split(":", 1)[0].lower() if ":" in value else ""
    if scheme not in ("http", "https"):
        return f"not http or https (scheme {scheme or 'missing'})"
    for c in value:
        if c.isascii():
            if not _ASCII.fullmatch(c):
                return f"holds {c!r}, which an IRI cannot"
        elif unicodedata.category(c) in ("Cf", "Cc", "Cs", "Zs", "Zl", "Zp") or not _ucs(c):
            return f"holds the character U+{ord(c):04X} ({unicodedata.name(c, 'unnamed')})"
    if _PERCENT.search(value):
        return "holds a % not followed by two hex digits"
    try:
        parts = urlsplit(value)
        port = parts.port
    except ValueError as exc:
        return f"bad authority ({exc})"
    if not value[len(scheme) :].startswith("://") or not parts.hostname:
        return "no host"
    del port
    return None


_UNPRINTABLE = re.compile(r"[\x00-\x1f\x7f-\x9f\u061c\u200b-\u200f\u2028-\u202e\u2060-\u2069\ufeff\ud800-\udfff]")


def shown(text: str) -> str:
    """``text`` fit for one line of a terminal: control, line-breaking, bidi and format characters (an ANSI
    escape, a newline that would forge a line) written as ``\\xNN`` or ``\\uNNNN``; a backslash stays."""

    def one(m: re.Match[str]) -> str:
        code = ord(m.group())
        return f"\\x{code:02x}" if code < 0x100 else f"\\u{code:04x}"

    return _UNPRINTABLE.sub(one, text)


__all__ = ["shown", "web_iri_problem"]
