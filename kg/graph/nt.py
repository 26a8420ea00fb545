"""RDF terms as N-Triples strings: the form kg's quads take from the builder to the files, the store and the view.

A million quads as pyoxigraph or rdflib objects cost seconds to make, hash and sort; as tuples of strings they
cost a fraction of that, sort in the order of their N-Triples text, and are already what N-Triples, N-Quads,
Turtle and SPARQL ``INSERT DATA`` are written with. Every term kg writes is made here: :func:`iri` refuses
what an IRI cannot hold, :func:`literal` escapes what a string literal cannot hold, so text from an article
can never end a term early.
"""

from __future__ import annotations

import re
from typing import Final

import pyoxigraph as ox
from rdflib import Literal, URIRef
from rdflib.term import Node

Term = str  # "<iri>", "\"text\"", "\"5\"^^<datatype>" or "\"text\"@lang"
Triple = tuple[Term, Term, Term]

#: Characters IRIREF excludes (N-Triples, Turtle, SPARQL): controls, space, <>"{}|^`\, and a % not followed by
#: two hex digits (RFC 3987).
_NOT_IN_IRI: Final = re.compile(r'[\x00-\x20<>"{}|^`\\]|%(?![0-9A-Fa-f]{2})')
_SCHEME: Final = re.compile(r"[A-Za-z][A-Za-z0-9+.-]*:")
#: What a literal must escape: the quote, the backslash, line ends and the other controls; lone surrogates
#: (from JSON's "\ud800") cannot be encoded at all and become U+FFFD.
_ESCAPE: Final = re.compile(r'["\\\x00-\x1f\x7f\ud800-\udfff]')
_NAMED = {'"': '\\"', "\\": "\\\\", "\n": "\\n", "\r": "\\r", "\t": "\\t", "\b": "\\b", "\f": "\\f"}


def _escape_char(m: re.Match[str]) -> str:
    c = m.group()
    if c in _NAMED:
        return _NAMED[c]
    if "\ud800" <= c <= "\udfff":
        return "\ufffd"
    return f"\\u{ord(c):04X}"


def is_iri(value: str) -> bool:
    """Whether ``value`` is an absolute IRI (RFC 3987, as Oxigraph's parser checks it) that N-Triples can hold
    as it is."""
    if not _SCHEME.match(value) or _NOT_IN_IRI.search(value):
        return False
    try:
        ox.NamedNode(value)
    except (ValueError, UnicodeError):
        return False
    return True


def iri(value: str) -> Term:
    """``<value>``; a ValueError when ``value`` is not an absolute IRI (IRIs minted by kg always are)."""
    if not is_iri(value):
        raise ValueError(f"not an absolute IRI: {value!r}")
    return f"<{value}>"


_XSD_STRING: Final = "<http://www.w3.org/2001/XMLSchema#string>"


def literal(value: str, datatype: Term | None = None) -> Term:
    """A string literal (or one of ``datatype``, itself a term made by :func:`iri`). An ``xsd:string`` is a
    plain literal: one term, one spelling."""
    text = _ESCAPE.sub(_escape_char, value) if _ESCAPE.search(value) else value
    return f'"{text}"' if datatype is None or datatype == _XSD_STRING else f'"{text}"^^{datatype}'


_UNESCAPE: Final = re.compile(r"\\(?:u([0-9A-Fa-f]{4})|U([0-9A-Fa-f]{8})|(.))", re.DOTALL)
_UNNAMED = {"n": "\n", "r": "\r", "t": "\t", "b": "\b", "f": "\f", '"': '"', "'": "'", "\\": "\\"}


def _unescape_char(m: re.Match[str]) -> str:
    code = m.group(1) or m.group(2)
    return chr(int(code, 16)) if code else _UNNAMED[m.group(3)]


def parts(term: Term) -> tuple[str, str | None, str | None]:
    """A literal term's (text, datatype IRI, language); a ValueError for anything else."""
    if not term.startswith('"'):
        raise ValueError(f"not a literal: {term!r}")
    end = term.rindex('"')
    body, rest = term[1:end], term[end + 1 :]
    text = _UNESCAPE.sub(_unescape_char, body) if "\\" in body else body
    if rest.startswith("^^<"):
        return text, rest[3:-1], None
    if rest.startswith("@"):
        return text, None, rest[1:]
    return text, None, None


def to_rdflib(term: Term) -> Node:
    if term.startswith("<"):
        return URIRef(term[1:-1])
    text, datatype, language = parts(term)
    if language:
        return Literal(text, lang=language)
    return Literal(text, datatype=URIRef(datatype)) if datatype else Literal(text)


__all__ = ["Term", "Triple", "iri", "is_iri", "literal", "parts", "to_rdflib"]
