"""Calendar dates written the ways news headers write them; nothing ambiguous is ever guessed.

Accepted: ISO ``2023-09-13`` (with an optional time), ``2023/09/13``, ``September 13, 2023``,
``Sept. 13 2023``, ``13 September 2023``, ``13th of September, 2023``, each optionally after a weekday
(``Wednesday, ``). Numeric day-month orders such as ``03/04/2021`` are ambiguous and never read.
"""

from __future__ import annotations

import re
from datetime import date

MONTHS: dict[str, int] = {
    name: number
    for number, names in enumerate(
        [
            ("january", "jan"),
            ("february", "feb"),
            ("march", "mar"),
            ("april", "apr"),
            ("may",),
            ("june", "jun"),
            ("july", "jul"),
            ("august", "aug"),
            ("september", "sept", "sep"),
            ("october", "oct"),
            ("november", "nov"),
            ("december", "dec"),
        ],
        start=1,
    )
    for name in names
}

#: A month name or its abbreviation, with an optional dot ("Sept.").
MONTH = r"(?i:" + "|".join(sorted(MONTHS, key=len, reverse=True)) + r")\b\.?"
_WEEKDAY = r"(?:(?:mon|tues?|wed(?:nes)?|thu(?:rs)?|fri|sat(?:ur)?|sun)(?:day)?\b\.?,?\s+)?"
_DAY = r"(?P<day>[0-3]?\d)(?:st|nd|rd|th)?"
_TIME = r"(?:[T ]\d{1,2}:\d{2}(?::\d{2}(?:\.\d+)?)?(?:Z|[+-]\d{2}:?\d{2})?)?"

_FORMS = [
    re.compile(_WEEKDAY + r"(?P<year>\d{4})-(?P<month>[01]?\d)-(?P<day>[0-3]?\d)" + _TIME + r"(?![\d:])", re.I),
    re.compile(_WEEKDAY + r"(?P<year>\d{4})/(?P<month>[01]?\d)/(?P<day>[0-3]?\d)(?!\d)", re.I),
    re.compile(_WEEKDAY + r"(?P<month>" + MONTH + r")\s+" + _DAY + r",?\s+(?P<year>\d{4})(?!\d)", re.I),
    re.compile(_WEEKDAY + _DAY + r"\s+(?:of\s+)?(?P<month>" + MONTH + r"),?\s+(?P<year>\d{4})(?!\d)", re.I),
]
_YEAR = re.compile(r"(?:(?P<month>" + MONTH + r")\s+)?(?P<year>(?:19|20)\d{2})(?![\d/-])", re.I)


def month_number(name: str) -> int | None:
    """1..12 for a month name or abbreviation (any case, optional dot), else None."""
    return MONTHS.get(name.rstrip(".").lower())


def make_date(year: int, month: int, day: int) -> date | None:
    """The date, or None when it does not exist (February 30)."""
    try:
        return date(year, month, day)
    except ValueError:
        return None


def match_date(text: str, pos: int = 0) -> tuple[date, int] | None:
    """A date written at ``text[pos:]`` and the offset where it ends, or None."""
    for form in _FORMS:
        m = form.match(text, pos)
        if m is None:
            continue
        month = m["month"]
        number = int(month) if month.isdigit() else month_number(month)
        found = make_date(int(m["year"]), number or 0, int(m["day"]))
        if found is not None:
            return found, m.end()
    return None


def parse_date(value: str) -> date | None:
    """The date ``value`` starts with (outer space ignored, a trailing time or zone allowed), or None."""
    found = match_date(value.strip())
    return found[0] if found else None


def match_year(text: str, pos: int = 0) -> tuple[int, int | None, int] | None:
    """A bare year (``2023``) or month and year (``September 2023``) at ``text[pos:]``: (year, month, end)."""
    m = _YEAR.match(text, pos)
    if m is None:
        return None
    return int(m["year"]), (month_number(m["month"]) if m["month"] else None), m.end()
