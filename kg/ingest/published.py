"""The publication date a plain-text article gives in its head, or None: never a guess.

* a date header field: ``date 2023-09-13``, ``Date: 12 March 2021``, ``Published: March 12, 2021, 10:32 GMT``;
* a date alone on a head line (above or below a title line);
* a dateline with a year: ``LONDON, March 12, 2021 (Reuters) -``;
* a dateline with month and day only (``BAKU, Azerbaijan, September 13.``), when a header gives the year
  (``Published: 2021`` or ``Published: September 2021``).

"Updated" and "modified" dates are not publication dates. Dates in the body ("on 13 September") are not read.
"""

from __future__ import annotations

from datetime import date

from kg.ingest.dates import make_date, match_year
from kg.ingest.head import Dateline, Head, is_header_date_key, read_head


def find_published(text: str) -> date | None:
    """The publication date given in the head of ``text``, or None."""
    head = read_head(text)
    for field in head.fields:
        if field.date is not None and is_header_date_key(field.key):
            return field.date
    if head.dateline is None:
        return None
    if head.dateline.date is not None:
        return head.dateline.date
    year = header_year(text, head)
    return with_year(head.dateline, year) if year is not None else None


def find_dateline(text: str) -> Dateline | None:
    """The dateline at the start of the body of ``text`` (``BAKU, Azerbaijan, September 13.``), or None."""
    return read_head(text).dateline


def with_year(dateline: Dateline, year: int) -> date | None:
    """The date of a dateline that gives month and day only, in ``year`` (e.g. a year from the header)."""
    if dateline.month is None or dateline.day is None:
        return None
    return make_date(year, dateline.month, dateline.day)


def header_year(text: str, head: Head) -> int | None:
    """The year of a year-only header field (``Published: 2021``, ``Date: September 2021``), if consistent
    with the dateline's month."""
    for field in head.fields:
        if field.key.endswith("-year") and is_header_date_key(field.key.removesuffix("-year")):
            found = match_year(text, field.start)
            if found is None:
                continue
            year, month, _ = found
            if month is None or head.dateline is None or month == head.dateline.month:
                return year
    return None
