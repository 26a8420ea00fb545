"""Date expressions (the text of spaCy DATE spans) normalised to typed calendar values.

Fixed regular expressions over the lower-cased span; nothing reads the clock, the time zone or the locale,
so the same text and publication date give the same value on any machine and any day.

* Absolute dates keep their precision: "Nov. 10, 2020" (date), "November 2020" (gYearMonth), "1987" (gYear).
  "10/11/2020" only if one order of day and month is possible; "2020-11" is a month, "2010-11" two years.
* A month or month-day without a year goes the way the clause points (``tense``, read from the parse by the
  caller): in a past clause the latest on or before the publication date ("said in August", published in March
  2013, is 2012-08), in a future one the first on or after it; with no tense, the year nearest the publication
  date (the earlier on a tie), never more than six months after it.
* Relative expressions need the publication date. A weekday alone is the latest on or before it (the first on
  or after in a future clause: "will meet Thursday"), "last Friday" the latest strictly before, "next Friday"
  the first strictly after, "this Friday" the first on or after. "N years ago" is a year, "N months ago" a
  month; "June last year" and "fiscal 1989" are what they say; years may be spelled ("nineteen ninety-six").
* A qualifier keeps the precision of what it qualifies: "mid-2019" and "the end of 2019" are gYear 2019.
* Ranges ("1987-91", "from June to August 2020") give an Interval; a side takes a missing year from the other.
* Times relative to the story ("the following year", "a month later", "that day", "a year earlier") count from
  ``anchor``, the last date the story named before them (the caller's choice: kg takes one in the same or the
  previous sentence), at no finer a precision than the anchor's. Without an anchor only a comparison
  backwards ("a year earlier", "a month before") is resolved, against the publication date as "ago" is, and
  "the year" alone is the publication year; the rest is refused.
* None for durations, ages and frequencies (is_duration), decades, weeks, "last night" (its date depends on
  the hour), times relative to the story with no anchor ("the next day"), ambiguous numbers, and all the rules
  don't match.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, replace
from datetime import date, timedelta
from typing import Literal

from kg.model import Interval, TimeValue

__all__ = ["Tense", "counts_from_story", "is_duration", "normalize_date"]

#: Which way a clause points from the publication date: "past", "future", or None when the parse does not say.
Tense = Literal["past", "future"] | None

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
_LEADING_WEEKDAY = _re(rf"(?:(?:this\s+)?(?:coming|past)\s+)?(?P<w>{_WD}),?\s+(?=[0-9a-z])")

_DAY_WORDS = dict.fromkeys(("today", "tonight", "this morning", "this afternoon", "this evening"), 0) | {
    "yesterday": -1, "tomorrow": 1, "day before yesterday": -2, "day after tomorrow": 2}  # fmt: skip
_MONTH_WORDS = {"this month": 0, "last month": -1, "next month": 1}
_YEAR_WORDS = {"this year": 0, "last year": -1, "next year": 1}
_WEEKDAY_REL = _re(rf"(?:(?P<rel>last|past|this past|this|next|coming|this coming)\s+)?(?P<w>{_WD})")
_MONTH_REL = _re(rf"(?P<rel>last|this|next)\s+{_M}")
_MONTH_OF_YEAR = _re(rf"{_M},?\s+(?:of\s+)?(?P<rel>last|this|next)\s+year")  # "June last year"
_AGO = _re(
    r"(?:(?:almost|nearly|about|around|some|roughly|just|only|more than|less than|over|under)\s+)*"
    rf"(?P<n>[0-9]{{1,4}}|{'|'.join(_NUMBERS)})\s+(?P<u>day|month|year)s?\s+ago"
)
_NUMBER_WORDS = rf"[0-9]{{1,3}}|{'|'.join(_NUMBERS)}"
#: A time counted from the one the story last named: "a year earlier", "two months later", "the following
#: day", "the year before", "that month", "the same year".
_ANAPHOR = _re(
    rf"(?P<n>{_NUMBER_WORDS})\s+(?P<u>day|month|year)s?\s+(?P<dir>earlier|before|later|after)"
    r"|(?:the\s+)?(?P<dir2>following|previous|prior|preceding|same|next(?=\s+day))\s+(?P<u2>day|month|year)"
    r"|the\s+(?P<u3>day|month|year)\s+(?P<dir3>before|after)"
    r"|that\s+(?P<u4>day|month|year)|the\s+(?P<bare>year)"
)
_ANAPHOR_LEAD = _re(r"(?:(?:on|in|since|by|of|from|during|until|till|at|for|as of|around|about|just)\s+)+")
_STEP = {"earlier": -1, "before": -1, "previous": -1, "prior": -1, "preceding": -1,
         "later": 1, "after": 1, "following": 1, "next": 1, "same": 0, None: 0}  # fmt: skip
_GRANULARITY_RANK = {"gYear": 0, "gYearMonth": 1, "date": 2}
_UNIT_RANK = {"year": 0, "month": 1, "day": 2}
#: "the year-ago quarter", "the year-earlier period": the year before.
_YEAR_AGO = _re(r"(?:the\s+)?year-(?:ago|earlier)(?:\s+(?:period|quarter|month|results))?")
_YEAR_END = _re(r"(?:the\s+)?(?:year[\s-]+end|year's\s+end|end\s+of\s+(?:the\s+)?year)")
_CURRENT_YEAR = _re(
    r"(?:the\s+)?(?:current|full)\s+(?:fiscal\s+|calendar\s+)?year|this\s+fiscal\s+year"
    r"|(?:earlier|later)\s+(?:in\s+)?(?:the|this)\s+year"
)
_PART_OF_YEAR = _re(  # "the first nine months of 1997", "the third quarter of 1989": within that year
    r"(?:the\s+)?(?:first|second|third|fourth|last|final|past)\s+(?:[a-z0-9]+\s+)?(?:months|weeks|quarter|half)"
    r"\s+of\s+(?:the\s+)?(?P<rest>(?:last\s+|this\s+|next\s+)?(?:[12][0-9]{3}|year))"
)
_DROPPABLE = _re(r"(?:an|[a-z]+'[a-z]+)\s+(?P<rest>.+)")  # "an Aug. 10, 1988", "d'etat last year" (a cut span)
_ENDED = _re(r".+?\s(?P<how>ended|ending|that ended|which ended)\s+(?P<rest>.+)")  # "the quarter ended Sept. 30"

_QUALIFIER = _re(
    r"(?:early|earlier|mid|late|later|spring|summer|autumn|fall|fiscal(?:\s+year)?"
    r"|(?:start|beginning|end|middle|first half|second half)\s+of(?:\s+the)?)(?:\s+of)?[\s-]+(?P<rest>.+)"
)
_PART_OF_DAY = _re(r"(?P<rest>.+?)\s+(?:morning|afternoon|evening|night)")
_RANGE_SEP = _re(r"\s*-\s*|\s+(?:to|through|thru|till|until|and)\s+")
_TWO_DIGITS = _re(r"[0-9]{2}")

_DASHES = str.maketrans(dict.fromkeys("\u2010\u2011\u2012\u2013\u2014\u2015\u2212", "-") | {"\u2019": "'"})
_EDGE = " .,;:!?\"'()[]\u201c\u201d\u2018\u00ab\u00bb"
_LEADING_WORDS = _re(
    r"(?:(?:the|on|in|since|by|of|from|during|until|till|as of|at|around|about|sometime|circa|as early as|just"
    r"|both|either)\s+)+"
)

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


_UNIT_WORDS = "zero one two three four five six seven eight nine ten eleven twelve thirteen fourteen fifteen sixteen"
_UNITS = {w: n for n, w in enumerate(f"{_UNIT_WORDS} seventeen eighteen nineteen".split())}
_TENS = {w: 10 * n for n, w in enumerate("twenty thirty forty fifty sixty seventy eighty ninety".split(), 2)}
_ORDINAL_WORDS = "first second third fourth fifth sixth seventh eighth ninth tenth eleventh twelfth thirteenth"
_ORDINAL_UNITS = {
    w: n
    for n, w in enumerate(
        f"{_ORDINAL_WORDS} fourteenth fifteenth sixteenth seventeenth eighteenth nineteenth".split(), 1
    )
}
_ORDINAL_TENS = {"twentieth": 20, "thirtieth": 30}
_UPTO99 = rf"(?:(?:{'|'.join(_TENS)})(?:[\s-]+(?:{'|'.join(list(_UNITS)[1:10])}))?|{'|'.join(_UNITS)})"
_SPELLED_YEAR = _re(
    rf"\b(?:(?P<c>{'|'.join(list(_UNITS)[10:])}|twenty)\s+(?P<r>hundred|oh[\s-]+[a-z]+|{_UPTO99})"
    rf"|two\s+thousand(?:\s+and)?(?:\s+(?P<t>{_UPTO99}))?)\b"
)
_SPELLED_ORDINAL = _re(  # a day after its month: "march eighth"
    rf"\b(?:(?P<tens>twenty|thirty)[\s-](?P<unit>{'|'.join(list(_ORDINAL_UNITS)[:9])})"
    rf"|(?P<one>{'|'.join((*_ORDINAL_UNITS, *_ORDINAL_TENS))}))\b"
)

_AFTER_MONTH = _re(rf"\b{_M}\s+\Z")


def _number(words: str) -> int | None:
    """1 to 99 written in words ("ninety-six", "seven"), or None."""
    parts = words.replace("-", " ").split()
    total = 0
    for w in parts:
        value = _UNITS.get(w, _TENS.get(w))
        if value is None:
            return None
        total += value
    return total


def _spelled(s: str) -> str:
    """Years and day ordinals in words as digits: "nineteen ninety-six" 1996, "march eighth" "march 8th"."""

    def year(m: re.Match[str]) -> str:
        if m["c"] is None:
            rest = _number(m["t"]) if m["t"] else 0
            return m.group() if rest is None else str(2000 + rest)
        century = _UNITS.get(m["c"], 20)
        r = m["r"]
        rest = 0 if r == "hundred" else _number(r.split(None, 1)[-1] if r.startswith("oh") else r)
        return m.group() if rest is None else str(century * 100 + rest)

    def ordinal(m: re.Match[str]) -> str:
        if not _AFTER_MONTH.search(s[: m.start()]):
            return m.group()
        one = m["one"]
        n = (_ORDINAL_TENS.get(one) or _ORDINAL_UNITS[one]) if one else _TENS[m["tens"]] + _ORDINAL_UNITS[m["unit"]]
        return f"{n}th"

    if not any(c.isalpha() for c in s):
        return s
    return _SPELLED_ORDINAL.sub(ordinal, _SPELLED_YEAR.sub(year, s))


@dataclass(frozen=True, slots=True)
class _Parts:
    """What an absolute expression states, before any year is inferred."""

    year: int | None
    month: int | None
    day: int | None
    weekday: int | None = None  # "Saturday, April 25": which year the day falls on that weekday


def normalize_date(
    text: str, published: date | None, tense: Tense = None, anchor: TimeValue | None = None
) -> TimeValue | Interval | None:
    """The calendar value of a date expression as spaCy's NER marks it (a DATE span's text), resolved against
    the article's publication date when the expression is relative or lacks a year, in the direction ``tense``
    says the clause points, and against ``anchor`` (the last date the story named) when it counts from the
    story's time; None when it is not a date (a duration, an age, a vague period) or cannot be resolved without
    guessing."""
    anaphor = _anaphor(text)
    if anaphor is not None:
        return _from_anchor(anaphor, anchor, published)
    if is_duration(text):
        return None
    s = _spelled(_clean(text))
    if not s:
        return None
    return _single(s, published, tense) or _range(s, published, tense)


def counts_from_story(text: str) -> bool:
    """True when the expression counts from the story's time ("a year earlier", "the following day") or from
    the publication ("two years ago"): a point of comparison, not a time the story is told at."""
    return _anaphor(text) is not None or _AGO.fullmatch(_clean(text)) is not None


def _anaphor(text: str) -> re.Match[str] | None:
    s = _strip_edges(text)
    if lead := _ANAPHOR_LEAD.match(s):
        s = s[lead.end() :]
    return _ANAPHOR.fullmatch(s)


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


def _single(s: str, published: date | None, tense: Tense = None) -> TimeValue | None:
    if published is not None and _YEAR_END.fullmatch(s):  # "by year-end", "since year-end"
        return _time(published.year - (tense == "past" and published.month < 12))
    if ended := _ENDED.fullmatch(s):
        return _single(ended["rest"], published, "past" if ended["how"] != "ending" else tense)
    if part := _PART_OF_YEAR.fullmatch(s):
        s = "this year" if part["rest"] == "year" else part["rest"]
    if published is not None and _CURRENT_YEAR.fullmatch(s):
        return _time(published.year)
    while qualified := _QUALIFIER.fullmatch(s):
        s = qualified["rest"]
    parts = _parse_parts(s)
    if parts is not None:
        return _resolve(parts, published, tense)
    if published is not None and (value := _relative(s, published, tense)) is not None:
        return value
    if day_part := _PART_OF_DAY.fullmatch(s):
        value = _single(day_part["rest"], published, tense)
        return value if value is not None and value.granularity == "date" else None
    if cut := _DROPPABLE.fullmatch(s):
        return _single(cut["rest"], published, tense)
    return None


def _parse_parts(s: str, side: bool = False) -> _Parts | None:
    weekday = _LEADING_WEEKDAY.match(s)
    named = _WEEKDAYS.index(weekday["w"]) if weekday else None
    s = s[weekday.end() :] if weekday else s
    for pattern in _PATTERNS + (_SIDE_PATTERNS if side else ()):
        if m := pattern.fullmatch(s):
            g = m.groupdict()
            month = _MONTHS.index(g["m"][:3]) + 1 if g.get("m") else _int(g.get("n"))
            year = _int(g.get("y"))
            if g.get("n") and not g.get("d") and year is not None and int(g["n"]) > year % 100:
                return None  # "2010-11", "2019-20": a range of years, not a month
            return _Parts(year, month, _int(g.get("d")), named)
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


def _resolve(parts: _Parts, published: date | None, tense: Tense = None) -> TimeValue | None:
    year = parts.year
    if year is None and parts.month is not None and published is not None:
        year = _by_weekday(parts, published) or _year_for(parts.month, parts.day, published, tense)
    return None if year is None else _time(year, parts.month, parts.day)


def _by_weekday(parts: _Parts, published: date) -> int | None:
    """The one year next to the publication date in which the day falls on the weekday the text names."""
    if parts.weekday is None or parts.day is None or parts.month is None:
        return None
    fits = []
    for year in (published.year - 1, published.year, published.year + 1):
        try:
            if date(year, parts.month, parts.day).weekday() == parts.weekday:
                fits.append(year)
        except ValueError:
            continue
    return fits[0] if len(fits) == 1 else None


def _year_for(month: int, day: int | None, published: date, tense: Tense) -> int | None:
    """The year of a month (or month-day) the text gives without one: the latest on or before the publication
    date in a past clause, the first on or after it in a future one, else the nearest."""
    if tense is None:
        return _nearest_year(month, day, published)
    step = -1 if tense == "past" else 1
    for year in range(published.year, published.year + 5 * step, step):  # five: a 29 February comes round
        try:
            when = date(year, month, day or 1)
        except ValueError:
            continue
        here = (when.year, when.month, when.day if day else 0)
        now = (published.year, published.month, published.day if day else 0)
        if (here <= now) if tense == "past" else (here >= now):
            return year
    return None


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


def _relative(s: str, published: date, tense: Tense = None) -> TimeValue | None:
    try:
        if s in _DAY_WORDS:
            return _day(published + timedelta(days=_DAY_WORDS[s]))
        if s in _MONTH_WORDS:
            return _month_shift(published, _MONTH_WORDS[s])
        if s in _YEAR_WORDS:
            return _time(published.year + _YEAR_WORDS[s])
        if _CURRENT_YEAR.fullmatch(s):
            return _time(published.year)
        if _YEAR_AGO.fullmatch(s):
            return _time(published.year - 1)
        if m := _WEEKDAY_REL.fullmatch(s):
            return _day(_weekday(published, _WEEKDAYS.index(m["w"]), m["rel"], tense))
        if m := _MONTH_REL.fullmatch(s):
            return _named_month(published, _MONTHS.index(m["m"][:3]) + 1, m["rel"])
        if m := _MONTH_OF_YEAR.fullmatch(s):
            return _time(published.year + _YEAR_WORDS[f"{m['rel']} year"], _MONTHS.index(m["m"][:3]) + 1)
        if m := _AGO.fullmatch(s):
            n = _NUMBERS.get(m["n"]) or int(m["n"])
            if m["u"] == "day":
                return _day(published - timedelta(days=n))
            return _month_shift(published, -n) if m["u"] == "month" else _time(published.year - n)
    except OverflowError:
        return None
    return None


def _from_anchor(m: re.Match[str], anchor: TimeValue | None, published: date | None) -> TimeValue | None:
    """A time counted from the story's last named date, at the unit the text counts in; a comparison
    backwards with no anchor counts from the publication date ("from $4 a year earlier")."""
    unit = m["u"] or m["u2"] or m["u3"] or m["u4"] or m["bare"]
    step = _STEP[m["dir"] or m["dir2"] or m["dir3"]]
    n = (_NUMBERS.get(m["n"]) or int(m["n"])) if m["n"] else 1
    if anchor is None:
        if published is None or not (m["bare"] or (m["n"] and step < 0)):
            return None
        anchor = _day(published)
    if _GRANULARITY_RANK[anchor.granularity] < _UNIT_RANK[unit]:
        return None  # "a month later" than "1995": no month to count from
    y, mo, d = (int(part) for part in (anchor.value + "-01-01")[:10].split("-"))
    try:
        if unit == "year":
            return _time(y + step * n)
        if unit == "month":
            return _month_shift(date(y, mo, 1), step * n)
        return _day(date(y, mo, d) + timedelta(days=step * n))
    except OverflowError:
        return None


def _weekday(published: date, weekday: int, rel: str | None, tense: Tense = None) -> date:
    back = (published.weekday() - weekday) % 7
    ahead = (weekday - published.weekday()) % 7
    if rel in ("next", "coming", "this coming"):
        return published + timedelta(days=ahead or 7)
    if rel == "this" or (rel is None and tense == "future"):
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


def _range(s: str, published: date | None, tense: Tense = None) -> Interval | None:
    between = s.startswith("between ")
    body = s.removeprefix("between ")
    for sep in _RANGE_SEP.finditer(body):
        if (sep.group().strip() == "and") == between:
            interval = _interval(body[: sep.start()], body[sep.end() :], published, tense)
            if interval is not None:
                return interval
    return None


def _interval(left: str, right: str, published: date | None, tense: Tense = None) -> Interval | None:
    interval = _sides(left, right, published, tense)
    if interval is None and tense is not None:  # "from today through Nov. 17": the end is a limit
        return _sides(left, right, published, None)
    return interval


def _sides(left: str, right: str, published: date | None, tense: Tense) -> Interval | None:
    start_parts = _parse_parts(left, side=True)
    if start_parts is not None and start_parts.year is not None and start_parts.month is None:
        if _TWO_DIGITS.fullmatch(right):  # "1987-91"
            right = str(start_parts.year // 100 * 100 + int(right))
    end_parts = _parse_parts(right, side=True)
    if start_parts is not None and end_parts is not None:
        start, end = _complete(start_parts, end_parts, published, tense)
    else:
        start, end = _single(left, published, tense), _single(right, published, tense)
        if start is not None and end is not None and end.value <= start.value:
            end = _single(right, published, "future")  # the end of a range comes after its start
    if start is None or end is None or start.value >= end.value:
        return None
    return Interval(start, end)


def _complete(
    start: _Parts, end: _Parts, published: date | None, tense: Tense = None
) -> tuple[TimeValue | None, TimeValue | None]:
    """Both ends of a range, each taking a missing month or year from the other ("June to August 2020")."""
    if start.month is None and start.day is not None:
        start = replace(start, month=end.month)
    if end.month is None and end.day is not None:
        end = replace(end, month=start.month)
    if start.year is None and end.year is None and published is not None and start.month is not None:
        start = replace(start, year=_year_for(start.month, start.day, published, tense))
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
