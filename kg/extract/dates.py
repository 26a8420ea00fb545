"""Date expressions (the text of spaCy DATE spans) normalised to typed calendar values.

Fixed regular expressions over the lower-cased span; nothing reads the clock, the time zone or the locale,
so the same text and publication date give the same value on any machine and any day.

* Absolute dates keep their precision: "Nov. 10, 2020" (date), "November 2020" (gYearMonth), "1987" (gYear).
  "10/11/2020" only if one order of day and month is possible; "2020-11" is a month, "2010-11" two years.
* A month or month-day without a year takes the year nearest the publication date (the earlier on a tie), so
  it never lands more than six months after it: published 2020-11-10, "May 20" is 2020-05-20.
* Relative expressions need the publication date. A weekday alone is the latest on or before it, "last Friday"
  the latest strictly before, "next Friday" the first strictly after, "this Friday" the first on or after.
* A qualifier keeps the precision of what it qualifies: "mid-2019" and "the end of 2019" are gYear 2019.
* Ranges ("1987-91", "from June to August 2020") give an Interval; a side takes a missing year from the other.
* None for durations, ages and frequencies (is_duration), decades, weeks, "last night" (its date depends on
  the hour), times relative to the story ("the next day"), ambiguous numbers, and all the rules don't match.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, replace
from datetime import date, timedelta

from kg.model import Interval, TimeValue

__all__ = ["is_duration", "normalize_date"]

_MONTHS = ("jan", "feb", "mar", "apr", "may", "jun", "jul", "aug", "sep", "oct", "nov", "dec")
_WEEKDAYS = ("monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday")
_CARDINALS = "one two three four five six seven eight nine ten eleven twelve".split()
_NUMBERS = {"a": 1, "an": 1} | {word: number for number, word in enumerate(_CARDINALS, 1)}


def _re(pattern: str) -> re.Pattern[str]:
    return re.compile(pattern, re.ASCII)


_M = (
    r"(?P<m>jan(?:uary)?|feb(?:ruary)?|mar(?:ch)?|apr(?:il)?|may|june?|july?|aug(?:ust)?|sep(?:t|tember)?"
    r"|oct(?:ober)?|nov(?:ember)?|dec(?:ember)?)\.?"
)
_D = r"(?P<d>[0-9]{1,2})(?:st|nd|rd|th)?"
_Y = r"(?P<y>[12][0-9]{3})"
_WD = "|".join(_WEEKDAYS)

_PATTERNS = tuple(
    _re(p)
    for p in (
        rf"{_M}\s*(?:the\s+)?{_D}(?:,\s*|\s+){_Y}",  # November 10, 2020
        rf"{_D}\s+(?:of\s+)?{_M},?\s+{_Y}",  # 10th of November, 2020
        rf"{_M},?\s+(?:of\s+)?{_Y}",  # November 2020
        rf"(?:year\s+(?:of\s+)?)?{_Y}",  # 1987, the year 1987
        rf"{_Y}(?P<sep>[-/.])(?P<n>[0-9]{{1,2}})(?P=sep)(?P<d>[0-9]{{1,2}})",  # 2020-11-10, 2020/11/10
        rf"{_Y}-(?P<n>[0-9]{{2}})",  # 2020-11
        rf"{_M}\s+(?:the\s+)?{_D}",  # September 13
        rf"{_D}\s+(?:of\s+)?{_M}",  # 13 September
        _M,  # September
    )
)
_SIDE_PATTERNS = (_re(rf"{_D}"), _re(rf"{_D},?\s+{_Y}"))  # only as one side of a range: "10-12 November"
_NUMERIC = _re(rf"(?P<a>[0-9]{{1,2}})(?P<sep>[-/.])(?P<b>[0-9]{{1,2}})(?P=sep){_Y}")
_LEADING_WEEKDAY = _re(rf"(?:{_WD}),?\s+(?=[0-9a-z])")

_DAY_WORDS = dict.fromkeys(("today", "tonight", "this morning", "this afternoon", "this evening"), 0) | {
    "yesterday": -1, "tomorrow": 1, "day before yesterday": -2, "day after tomorrow": 2}  # fmt: skip
_MONTH_WORDS = {"this month": 0, "last month": -1, "next month": 1}
_YEAR_WORDS = {"this year": 0, "last year": -1, "next year": 1}
_WEEKDAY_REL = _re(rf"(?:(?P<rel>last|past|this past|this|next|coming|this coming)\s+)?(?P<w>{_WD})")
_MONTH_REL = _re(rf"(?P<rel>last|this|next)\s+{_M}")
_AGO = _re(rf"(?P<n>[0-9]{{1,4}}|{'|'.join(_NUMBERS)})\s+(?P<u>day|month|year)s?\s+ago")

_QUALIFIER = _re(
    r"(?:early|earlier|mid|late|later|spring|summer|autumn|fall"
    r"|(?:start|beginning|end|middle|first half|second half)\s+of(?:\s+the)?)(?:\s+of)?[\s-]+(?P<rest>.+)"
)
_PART_OF_DAY = _re(r"(?P<rest>.+?)\s+(?:morning|afternoon|evening|night)")
_RANGE_SEP = _re(r"\s*-\s*|\s+(?:to|through|thru|till|until|and)\s+")
_TWO_DIGITS = _re(r"[0-9]{2}")

_DASHES = str.maketrans(dict.fromkeys("\u2010\u2011\u2012\u2013\u2014\u2015\u2212", "-") | {"\u2019": "'"})
_EDGE = " .,;:!?\"'()[]\u201c\u201d\u2018\u00ab\u00bb"
_LEADING_WORDS = _re(r"(?:(?:the|on|in|since|by|of|from|during|until|till|as of|at)\s+)+")

_UNIT = (
    r"(?P<u>seconds?|minutes?|hours?|days?|nights?|weeks?|fortnights?|months?|quarters?|years?|decades?"
    r"|century|centuries|millenni(?:um|a))"
)
_COUNT_WORDS = "|".join(
    (*_NUMBERS, "fifteen", "twenty", "thirty", "forty", "fifty", "sixty", "seventy", "eighty", "ninety")
    + ("hundred", "hundreds", "thousand", "thousands", "dozen", "dozens", "half", "few", "several", "many")
    + ("couple", "of", "and")
)
_DURATION = _re(
    r"(?P<q>(?:(?:almost|nearly|about|around|approximately|roughly|some|over|under|more than|less than"
    r"|at least|up to|just|only|another|the\s+(?:past|last|next|coming|previous|following|first|final))\s+)*)"
    rf"(?P<n>(?:[0-9]+(?:[.,][0-9]+)?|{_COUNT_WORDS})(?:[\s-]+(?:{_COUNT_WORDS}))*[\s-]+(?:more\s+|full\s+)?)?"
    rf"{_UNIT}(?:[\s-]+(?:old|long))?"
)
_FREQUENCY = _re(
    r"(?:every|each|per)\s+.+|(?:once|twice|[a-z0-9]+\s+times)\s+(?:a|an|per|every|each)\s+.+"
    r"|(?:(?:bi|semi)-?)?(?:annual|annually|daily|weekly|fortnightly|monthly|yearly|quarterly|hourly|nightly)"
)
_DURATION_LEAD = _re(r"(?:for|in|within|during|of)\s+")


@dataclass(frozen=True, slots=True)
class _Parts:
    """What an absolute expression states, before any year is inferred."""

    year: int | None
    month: int | None
    day: int | None


def normalize_date(text: str, published: date | None) -> TimeValue | Interval | None:
    """The calendar value of a date expression as spaCy's NER marks it (a DATE span's text), resolved against
    the article's publication date when the expression is relative or lacks a year; None when it is not a
    date (a duration, an age, a vague period) or cannot be resolved without guessing."""
    if is_duration(text):
        return None
    s = _clean(text)
    if not s:
        return None
    return _single(s, published) or _range(s, published)


def is_duration(text: str) -> bool:
    """True when the text is a length of time, an age or a frequency ("almost 30 years", "the past year",
    "30-year-old", "every year", "annual"), not a point or period of the calendar."""
    s = _strip_edges(text)
    if lead := _DURATION_LEAD.match(s):
        s = s[lead.end() :]
    if _FREQUENCY.fullmatch(s):
        return True
    m = _DURATION.fullmatch(s)
    return bool(m and (m["n"] or m["q"] or m["u"].endswith(("s", "ia"))))


def _strip_edges(text: str) -> str:
    s = " ".join(text.translate(_DASHES).lower().split()).strip(_EDGE)
    return s.removesuffix("'s").strip(_EDGE)


def _clean(text: str) -> str:
    s = _strip_edges(text)
    if lead := _LEADING_WORDS.match(s):
        s = s[lead.end() :]
    return s


def _single(s: str, published: date | None) -> TimeValue | None:
    while qualified := _QUALIFIER.fullmatch(s):
        s = qualified["rest"]
    parts = _parse_parts(s)
    if parts is not None:
        return _resolve(parts, published)
    if published is not None and (value := _relative(s, published)) is not None:
        return value
    if day_part := _PART_OF_DAY.fullmatch(s):
        value = _single(day_part["rest"], published)
        return value if value is not None and value.granularity == "date" else None
    return None


def _parse_parts(s: str, side: bool = False) -> _Parts | None:
    s = s[weekday.end() :] if (weekday := _LEADING_WEEKDAY.match(s)) else s
    for pattern in _PATTERNS + (_SIDE_PATTERNS if side else ()):
        if m := pattern.fullmatch(s):
            g = m.groupdict()
            month = _MONTHS.index(g["m"][:3]) + 1 if g.get("m") else _int(g.get("n"))
            year = _int(g.get("y"))
            if g.get("n") and not g.get("d") and year is not None and int(g["n"]) > year % 100:
                return None  # "2010-11", "2019-20": a range of years, not a month
            return _Parts(year, month, _int(g.get("d")))
    return _numeric(s)


def _numeric(s: str) -> _Parts | None:
    """Day and month in either order, when only one order makes a date (or both give the same one)."""
    m = _NUMERIC.fullmatch(s)
    if m is None:
        return None
    a, b = int(m["a"]), int(m["b"])
    if a > 12 >= b or a == b:
        return _Parts(int(m["y"]), b, a)
    if b > 12 >= a:
        return _Parts(int(m["y"]), a, b)
    return None


def _int(digits: str | None) -> int | None:
    return None if digits is None else int(digits)


def _resolve(parts: _Parts, published: date | None) -> TimeValue | None:
    year = parts.year
    if year is None and parts.month is not None and published is not None:
        year = _nearest_year(parts.month, parts.day, published)
    return None if year is None else _time(year, parts.month, parts.day)


def _nearest_year(month: int, day: int | None, published: date) -> int | None:
    """The year that puts the month (or month-day) nearest the publication date; the earlier on a tie."""
    best: tuple[int, int] | None = None
    for year in (published.year - 1, published.year, published.year + 1):
        if day is None:
            distance = abs((year - published.year) * 12 + month - published.month)
        else:
            try:
                distance = abs((date(year, month, day) - published).days)
            except ValueError:
                continue
        if best is None or (distance, year) < best:
            best = (distance, year)
    return None if best is None else best[1]


def _time(year: int, month: int | None = None, day: int | None = None) -> TimeValue | None:
    """The value at the precision given; None off the proleptic calendar (years 1 to 9999)."""
    try:
        value = date(year, month or 1, day or 1)
    except (ValueError, OverflowError):
        return None
    if month is None:
        return TimeValue(f"{year:04d}", "gYear") if day is None else None
    if day is None:
        return TimeValue(value.isoformat()[:7], "gYearMonth")
    return TimeValue(value.isoformat(), "date")


def _day(value: date) -> TimeValue:
    return TimeValue(value.isoformat(), "date")


def _relative(s: str, published: date) -> TimeValue | None:
    try:
        if s in _DAY_WORDS:
            return _day(published + timedelta(days=_DAY_WORDS[s]))
        if s in _MONTH_WORDS:
            return _month_shift(published, _MONTH_WORDS[s])
        if s in _YEAR_WORDS:
            return _time(published.year + _YEAR_WORDS[s])
        if m := _WEEKDAY_REL.fullmatch(s):
            return _day(_weekday(published, _WEEKDAYS.index(m["w"]), m["rel"]))
        if m := _MONTH_REL.fullmatch(s):
            return _named_month(published, _MONTHS.index(m["m"][:3]) + 1, m["rel"])
        if m := _AGO.fullmatch(s):
            n = _NUMBERS.get(m["n"]) or int(m["n"])
            if m["u"] == "day":
                return _day(published - timedelta(days=n))
            return _month_shift(published, -n) if m["u"] == "month" else _time(published.year - n)
    except OverflowError:
        return None
    return None


def _weekday(published: date, weekday: int, rel: str | None) -> date:
    back = (published.weekday() - weekday) % 7
    ahead = (weekday - published.weekday()) % 7
    if rel in ("next", "coming", "this coming"):
        return published + timedelta(days=ahead or 7)
    if rel == "this":
        return published + timedelta(days=ahead)
    return published - timedelta(days=(back or 7) if rel else back)


def _named_month(published: date, month: int, rel: str) -> TimeValue | None:
    if rel == "this":
        return _time(published.year, month)
    if rel == "last":
        return _month_shift(published, -((published.month - month) % 12 or 12))
    return _month_shift(published, (month - published.month) % 12 or 12)


def _month_shift(published: date, months: int) -> TimeValue | None:
    index = published.year * 12 + published.month - 1 + months
    return _time(index // 12, index % 12 + 1)


def _range(s: str, published: date | None) -> Interval | None:
    between = s.startswith("between ")
    body = s.removeprefix("between ")
    for sep in _RANGE_SEP.finditer(body):
        if (sep.group().strip() == "and") == between:
            interval = _interval(body[: sep.start()], body[sep.end() :], published)
            if interval is not None:
                return interval
    return None


def _interval(left: str, right: str, published: date | None) -> Interval | None:
    start_parts = _parse_parts(left, side=True)
    if start_parts is not None and start_parts.year is not None and start_parts.month is None:
        if _TWO_DIGITS.fullmatch(right):  # "1987-91"
            right = str(start_parts.year // 100 * 100 + int(right))
    end_parts = _parse_parts(right, side=True)
    if start_parts is not None and end_parts is not None:
        start, end = _complete(start_parts, end_parts, published)
    else:
        start, end = _single(left, published), _single(right, published)
    if start is None or end is None or start.value >= end.value:
        return None
    return Interval(start, end)


def _complete(start: _Parts, end: _Parts, published: date | None) -> tuple[TimeValue | None, TimeValue | None]:
    """Both ends of a range, each taking a missing month or year from the other ("June to August 2020")."""
    if start.month is None and start.day is not None:
        start = replace(start, month=end.month)
    if end.month is None and end.day is not None:
        end = replace(end, month=start.month)
    if start.year is None and end.year is None and published is not None and start.month is not None:
        start = replace(start, year=_nearest_year(start.month, start.day, published))
    wrap = 0  # which end borrowed its year, and so may cross a new year: -1 the start, +1 the end
    if start.year is None and end.year is not None:
        start, wrap = replace(start, year=end.year), -1
    elif end.year is None and start.year is not None:
        end, wrap = replace(end, year=start.year), 1
    first, last = _resolve(start, None), _resolve(end, None)
    if wrap and first and last and first.value >= last.value and start.month and end.month:
        if wrap < 0 and start.year is not None:  # "December to March 2020"
            first = _resolve(replace(start, year=start.year - 1), None)
        elif end.year is not None:  # "from December 2019 to March"
            last = _resolve(replace(end, year=end.year + 1), None)
    return first, last
