"""The news source an article names for itself, with the offsets of that name in the text.

Four shapes, and the one closest to the start wins:

* a header field: ``Source: Example News``;
* an agency in the dateline: ``LONDON (Reuters) -``, ``WASHINGTON (AP) —``;
* an attribution clause ending a sentence of the lead paragraph: ``..., Trend reports.``,
  ``..., Example.com reported via the ministry.``;
* a signature as the last line: ``News.Az``, ``— AP``, ``Source: Example``.

"according to X" names a source of a claim, not the publisher, and is never read; nor is "..., the X (has)
reported.", the way an article cites another outlet. Attribution clauses are only looked for in the lead
paragraph: further down, "..., X reported." usually cites another outlet too.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import Literal

from kg.ingest.head import read_head
from kg.ingest.names import NAME, is_name

_MAX_LEAD = 1000  # characters of the lead paragraph searched for an attribution
_MAX_SIGNATURE = 40
_BLANK_LINE = re.compile(r"\n[ \t]*\n")

_ATTRIBUTION = re.compile(
    r"(?:,|[ ][-–—])[ ]+(?P<name>" + NAME + r")"
    r"(?:[ ]+(?:news[ ]+agency|agency|newspaper|daily|news[ ]+portal|portal|website|outlet|TV|radio))?"
    r"[ ]+(?:reports|reported|informs|informed|writes|wrote)"
    r"(?=[ ]*(?:[.!;,]|$)|[ ]+(?:via|citing|with[ ]+reference[ ]+to|referring[ ]+to|quoting)\b)"
)
_SIGNATURE = re.compile(r"(?P<mark>(?:[-–—]+|[Ss]ource:|SOURCE:|©)[ \t]*)?\(?(?P<name>" + NAME + r")\)?[ \t]*\Z")
#: Last lines that are boilerplate, not a source.
_NOT_SIGNATURES = frozenset({"end", "ends", "advertisement", "share", "comments", "related", "more", "top"})
_PRONOUNS = frozenset({"he", "she", "it", "they", "we", "i", "you", "this", "that", "the"})


@dataclass(frozen=True, slots=True)
class Publisher:
    name: str
    span: tuple[int, int]
    rule: Literal["header", "dateline", "attribution", "signature"]  # which shape named it


def find_publisher(text: str) -> Publisher | None:
    """The publisher named by ``text``, or None."""
    found = [p for p in (_from_header(text), _from_attribution(text), _from_signature(text)) if p is not None]
    return min(found, key=lambda p: p.span[0], default=None)


def _from_header(text: str) -> Publisher | None:
    head = read_head(text)
    for field in head.fields:
        if field.key in ("source", "publisher") and is_name(field.value):
            return Publisher(field.value, (field.start, field.end), "header")
    if head.dateline is not None and head.dateline.agency and head.dateline.agency_span:
        return Publisher(head.dateline.agency, head.dateline.agency_span, "dateline")
    return None


def _from_attribution(text: str) -> Publisher | None:
    start, end = lead_paragraph(text)
    for m in _ATTRIBUTION.finditer(text, start, end):
        name = m["name"]
        if name.lower() not in _PRONOUNS:
            return Publisher(name, m.span("name"), "attribution")
    return None


def lead_paragraph(text: str) -> tuple[int, int]:
    """The span of the lead: the first paragraph of the body (after header fields and dateline), at most 1000
    characters, extended to the end of its sentence. A short first line read as a title line is searched too,
    since a one-sentence lead above a blank line looks just like one."""
    head = read_head(text)
    start = head.title[0] if head.title else head.body
    blank = _BLANK_LINE.search(text, head.body)
    end = blank.start() if blank else len(text)
    if end - start > _MAX_LEAD:
        stop = text.find(". ", start + _MAX_LEAD)
        end = min(end, stop + 1 if stop >= 0 else end)
    return start, end


def _from_signature(text: str) -> Publisher | None:
    body = text.rstrip()
    line_start = body.rfind("\n") + 1
    if line_start == 0 or not body[:line_start].strip():
        return None  # a one-line text has no signature
    line = body[line_start:]
    m = _SIGNATURE.match(body, line_start + len(line) - len(line.lstrip()))
    if m is None:
        return None
    name = m["name"]
    if len(name) > _MAX_SIGNATURE or name.lower() in _NOT_SIGNATURES or name.lower() in _PRONOUNS:
        return None
    if " " in name and not m["mark"]:
        return None  # several words alone on the last line are as likely a byline or a caption
    return Publisher(name, m.span("name"), "signature")
