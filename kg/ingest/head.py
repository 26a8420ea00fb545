"""The head of a plain-text article: header fields, a title line, a dateline, and where the body starts.

The shapes recognised, in this order, each optional::

    Date: 12 March 2021            header fields, one a line ("Key: value"), or inline ("date 2023-09-13 ...")
    A short title line             at most 20 words, not ending like a clause; or followed by a blank line
    Published: 12 March 2021       more header fields after the title
    LONDON, March 12 (Agency) -    a dateline: PLACE[, Region], [Month D[, YYYY]] [(Agency)], . : or a dash

Every span is an offset into the text, so whatever is read here can be traced back to it.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import date

from kg.ingest.dates import MONTH, make_date, match_date, match_year, month_number
from kg.ingest.names import NAME

#: Keys whose value is the publication date (inline or on its own line). "Updated" keys are read, not used.
_DATE_KEY = re.compile(
    r"[ \t]*(?P<key>date|dated|published(?:[ \t]+on)?|posted(?:[ \t]+on)?|first[ \t]+published|"
    r"publication[ \t]+date|(?:last[ \t]+)?updated|modified)\b"
    r"[ \t]*(?:[:=|][ \t]*|[-–—][ \t]+|(?=\d|[A-Za-z]))",
    re.I,
)
#: "Key: value" lines (a colon is required) for the other header keys.
_FIELD = re.compile(
    r"[ \t]*(?P<key>title|headline|by|byline|authors?|source|publisher|url|link|section|category|"
    r"tags|keywords|location)[ \t]*:[ \t]*(?P<value>[^\n]*?)[ \t]*(?:\n|$)",
    re.I,
)
#: A byline without a colon: "By Jane Doe" on a line of its own.
_BYLINE = re.compile(
    r"[ \t]*(?P<key>[Bb]y|BY)[ \t]+(?P<value>" + NAME + r"(?:,? (?:and )?" + NAME + r")*)[ \t]*(?:\n|$)"
)
#: Whatever may follow a date on its own line: a time, a zone, separators.
_REST_OF_DATE_LINE = re.compile(
    r"[ \t,|·•-]*(?:at[ \t]+)?(?:\d{1,2}[:.]\d{2}[ \t]*(?:[apAP]\.?[mM]\.?)?)?[ \t]*"
    r"(?:[A-Z]{2,5}|UTC[+-]\d+)?[ \t]*(?:\n|$)"
)

#: A word of a place name; "Jan. 8" is a date and "Monday" a day, not places.
_PLACE_WORD = r"(?!" + MONTH + r"[ ]\d|(?:Mon|Tues|Wednes|Thurs|Fri|Satur|Sun)day\b)[A-Z][A-Za-z'’.-]*"
_PLACE = _PLACE_WORD + r"(?:[ ]" + _PLACE_WORD + r"){0,3}"
_DATELINE = re.compile(
    r"(?P<place>" + _PLACE + r"(?:,[ ]" + _PLACE + r"){0,2})"
    r"(?:,?[ ](?P<month>" + MONTH + r")[ ](?P<day>[0-3]?\d)(?:,[ ](?P<year>\d{4}))?"
    r"|[ ]+(?P<iso>(?P<iso_year>\d{4})-(?P<iso_month>[01]\d)-(?P<iso_day>[0-3]\d)))?"
    r"(?:[ ]\((?P<agency>" + NAME + r")\))?"
    r"(?P<end>[ ]?[.:]|[ ]?[–—]{1,2}|[ ]-{1,2}|[ \t]*(?=\n))(?=\s|$)[ \t]*"
)

_BLANK_LINE_THEN_TEXT = re.compile(r"\n[ \t]*\n\s*\S")
_MAX_TITLE_WORDS = 20
_MAX_TITLE_CHARS = 200


@dataclass(frozen=True, slots=True)
class Field:
    """A header field: lower-cased key, the value as written, and the value's offsets."""

    key: str
    value: str
    start: int
    end: int
    date: date | None = None


@dataclass(frozen=True, slots=True)
class Dateline:
    """``BAKU, Azerbaijan, September 13.`` or ``LONDON (Reuters) -``: where, when (as far as given), who."""

    place: str
    start: int
    end: int  # where the body text after the dateline starts
    month: int | None = None
    day: int | None = None
    year: int | None = None
    agency: str | None = None
    agency_span: tuple[int, int] | None = None

    @property
    def date(self) -> date | None:
        if self.year is None or self.month is None or self.day is None:
            return None
        return make_date(self.year, self.month, self.day)


@dataclass(frozen=True, slots=True)
class Head:
    fields: tuple[Field, ...]
    title: tuple[int, int] | None  # span of a title line
    dateline: Dateline | None
    body: int  # offset where the body text starts


def read_head(text: str) -> Head:
    """Split the head of ``text`` into its parts; any part may be missing."""
    pos = _skip_space(text, 0)
    fields, pos = read_fields(text, pos)
    title = None
    dateline = match_dateline(text, pos)
    if dateline is not None and dateline.month is None and dateline.agency is None and title_line(text, pos):
        dateline = None  # "UK economy - what next" is a title, not a dateline
    if dateline is None:
        title = title_line(text, pos)
        if title is not None:
            pos = _skip_space(text, title[1])
            more, pos = read_fields(text, pos)
            fields += more
            dateline = match_dateline(text, pos)
    if dateline is not None:
        pos = dateline.end
    return Head(tuple(fields), title, dateline, pos)


def read_fields(text: str, pos: int) -> tuple[list[Field], int]:
    """Consecutive header fields from ``pos``, and the offset after them."""
    fields: list[Field] = []
    while pos < len(text):
        field, end = _read_field(text, pos)
        if field is None:
            break
        fields.append(field)
        pos = _skip_space(text, end)
    return fields, pos


def _read_field(text: str, pos: int) -> tuple[Field | None, int]:
    m = _DATE_KEY.match(text, pos)
    if m is not None:
        found = match_date(text, m.end())
        if found is not None:
            value, end = found
            key = _key(m["key"])
            rest = _REST_OF_DATE_LINE.match(text, end)
            return Field(key, text[m.end() : end], m.end(), end, value), rest.end() if rest else end
        year = match_year(text, m.end())
        rest = _REST_OF_DATE_LINE.match(text, year[2]) if year else None
        if year is not None and rest is not None:
            return Field(_key(m["key"]) + "-year", text[m.end() : year[2]], m.end(), year[2]), rest.end()
    found = match_date(text, pos)
    if found is not None:  # a date alone on its line
        rest = _REST_OF_DATE_LINE.match(text, found[1])
        if rest is not None:
            return Field("date", text[pos : found[1]], pos, found[1], found[0]), rest.end()
    m = _FIELD.match(text, pos) or _BYLINE.match(text, pos)
    if m is not None and m["value"]:
        return Field(_key(m["key"]), m["value"], m.start("value"), m.end("value")), m.end()
    return None, pos


def _key(key: str) -> str:
    words = key.lower().split()
    if words[-1] == "on":
        words.pop()
    return " ".join(words)


def match_dateline(text: str, pos: int) -> Dateline | None:
    """A dateline at ``pos``: it needs a date (``Month D``), or an upper-case place before a dash."""
    m = _DATELINE.match(text, pos)
    if m is None:
        return None
    place, month, agency = m["place"], m["month"], m["agency"]
    city = place.split(",")[0]
    capitals = city.upper() == city and re.search(r"[A-Z]{2}", city) is not None
    line_end = not m["end"].strip()
    if month is not None:
        number = month_number(month)
        if number is None or make_date(2000, number, int(m["day"])) is None:
            return None
    elif m["iso"] is not None:  # "NAIROBI 1997-03-02" on a line of its own
        if not capitals or make_date(int(m["iso_year"]), int(m["iso_month"]), int(m["iso_day"])) is None:
            return None
    elif not capitals or (not line_end and m["end"].strip() in ".:") or (line_end and (agency or " " in city)):
        return None  # without a date, an upper-case place before a dash ("LONDON (AP) —", "PARIS -") or alone
    if line_end and month is not None:
        return None  # "Tuesday, March 12" alone on a line is a date, not a dateline
    iso = m["iso"] is not None
    return Dateline(
        place=place,
        start=m.start(),
        end=m.end(),
        month=int(m["iso_month"]) if iso else month_number(month) if month else None,
        day=int(m["iso_day"]) if iso else int(m["day"]) if month else None,
        year=int(m["iso_year"]) if iso else int(m["year"]) if m["year"] else None,
        agency=agency,
        agency_span=m.span("agency") if agency else None,
    )


def title_line(text: str, pos: int) -> tuple[int, int] | None:
    """The span of the line at ``pos`` if it reads as a title, else None.

    A title is short (at most 20 words) and does not end like a clause (``, ; :``); if it ends like a sentence
    (``. ! ?``) it must stand alone, followed by a blank line and more text (the BBC layout).
    """
    end = text.find("\n", pos)
    end = len(text) if end < 0 else end
    line = text[pos:end].rstrip()
    words = line.split()
    if not words or len(words) > _MAX_TITLE_WORDS or len(line) > _MAX_TITLE_CHARS:
        return None
    if line[-1] in ",;:":
        return None
    if line.rstrip("\"'”’)]")[-1:] in (".", "!", "?") and not _BLANK_LINE_THEN_TEXT.match(text, end):
        return None
    return pos, pos + len(line)


def _skip_space(text: str, pos: int) -> int:
    while pos < len(text) and text[pos].isspace():
        pos += 1
    return pos


def is_header_date_key(key: str) -> bool:
    """True for keys that give the publication date; "updated" and "modified" do not."""
    return key in {"date", "dated", "published", "posted", "first published", "publication date"}
