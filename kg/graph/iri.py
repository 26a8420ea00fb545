"""The one place that mints IRIs.

Any text can become part of an IRI only through :func:`slug`, which folds it to a safe, readable path segment
and percent-encodes whatever is left outside the unreserved ASCII set; :func:`mint` joins a closed set of kinds
and slugs under the data namespace. Nothing else in kg builds an IRI by joining strings.
"""

from __future__ import annotations

import hashlib
import re
import unicodedata
from functools import cache
from typing import Final, Literal
from urllib.parse import quote

from rdflib import URIRef

DATA_NS: Final = "https://w3id.org/kg-news/id/"

#: The first path segment of every minted IRI.
Kind = Literal[
    "article",
    "sentence",
    "mention",
    "person",
    "organization",
    "place",
    "event",
    "quote",
    "post",
    "assertion",
    "comention",
    "date",
    "extractor",
    "cameo",
]

_SEPARATORS = re.compile(r"[\s\W_]+", re.UNICODE)
_MAX_SLUG = 80
_PLAIN = re.compile(r"[a-z0-9]+(?:-[a-z0-9]+)*")  # already a slug: ids, offsets ("0b94...-12-40")


def slug(text: str) -> str:
    """Fold ``text`` to a path segment: lower case, words joined by ``-``, non-ASCII percent-encoded.

    The result is never empty and only ever holds ``[a-z0-9-%A-F.]``; a text with no letters or digits, or one
    that is cut to length, gets a short hash so that distinct texts keep distinct slugs.
    """
    if len(text) <= _MAX_SLUG and _PLAIN.fullmatch(text):
        return text
    folded = unicodedata.normalize("NFKC", text).casefold()
    words = _SEPARATORS.sub("-", folded).strip("-")
    if not words:
        return f"x-{_digest(text)}"
    if len(words) > _MAX_SLUG:
        words = f"{words[:_MAX_SLUG].rstrip('-')}-{_digest(text)}"
    return quote(words, safe="-")


def _digest(text: str) -> str:
    return hashlib.sha256(text.encode("utf-8", "surrogatepass")).hexdigest()[:8]


def mint(kind: Kind, *parts: str) -> URIRef:
    """The IRI of a thing of ``kind`` named by ``parts`` (each slugified), e.g. ``mint("person", "Ada Lovelace")``."""
    return URIRef(mint_str(kind, *parts))


def mint_str(kind: Kind, *parts: str) -> str:
    """:func:`mint` as a plain string (the graph builder makes hundreds of thousands)."""
    if not parts:
        raise ValueError("mint() needs at least one part")
    return DATA_NS + kind + "/" + "/".join([slug(p) for p in parts])


def node(kind: Kind, *parts: str) -> str:
    """:func:`mint` as an N-Triples term, ``<IRI>`` (a minted IRI is always valid: nothing to escape)."""
    return f"<{mint_str(kind, *parts)}>"


def sentence_node(doc_id: str, index: int) -> str:
    """The term of sentence ``index`` of an article: the same wherever a sentence is pointed at."""
    return node("sentence", f"{doc_id}-{index}")


def mention_node(doc_id: str, start: int, end: int) -> str:
    """The term of the mention at ``start:end`` of an article (a name, a date or an event's trigger)."""
    return node("mention", f"{doc_id}-{start}-{end}")


@cache
def extractor_node(name: str) -> str:
    return node("extractor", name)
