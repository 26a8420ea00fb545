"""Date expressions to calendar values: hand-checked examples per family, properties over any text."""

from __future__ import annotations

import inspect
import re
from datetime import date, timedelta

import pytest
import rdflib
from hypothesis import given
from hypothesis import strategies as st

from kg.extract import dates
from kg.extract.dates import is_duration, normalize_date
from kg.model import Interval, TimeValue

PUB = date(2020, 11, 10)  # a Tuesday


def day(value: str) -> TimeValue:
    return TimeValue(value, "date")


def month(value: str) -> TimeValue:
    return TimeValue(value, "gYearMonth")


def year(value: str) -> TimeValue:
    return TimeValue(value, "gYear")


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("November 10, 2020", day("2020-11-10")),
        ("Nov. 10, 2020", day("2020-11-10")),
        ("Nov 10 2020", day("2020-11-10")),
        ("November 10th, 2020", day("2020-11-10")),
        ("NOVEMBER 10, 2020", day("2020-11-10")),
        ("10 November 2020", day("2020-11-10")),
        ("10 Nov. 2020", day("2020-11-10")),
        ("10th of November 2020", day("2020-11-10")),
        ("the 10th of November, 2020", day("2020-11-10")),
        ("Tuesday, November 10, 2020", day("2020-11-10")),
        ("Sept. 3, 2019", day("2019-09-03")),
        ("June 18, 2007,", day("2007-06-18")),
        ("on 1 March 1999", day("1999-03-01")),
        ("February 29, 2020", day("2020-02-29")),
        ("2020-11-10", day("2020-11-10")),
        ("2020/11/10", day("2020-11-10")),
        ("25/12/2020", day("2020-12-25")),
        ("12/25/2020", day("2020-12-25")),
        ("11/11/2020", day("2020-11-11")),
        ("31.01.2021", day("2021-01-31")),
        ("November 2020", month("2020-11")),
        ("Nov. 2020", month("2020-11")),
        ("November of 2020", month("2020-11")),
        ("in May 1968", month("1968-05")),
        ("2020-11", month("2020-11")),
        ("1987", year("1987")),
        ("the year 1987", year("1987")),
        ("in 1987", year("1987")),
        ("since 2015", year("2015")),
        ("by 2030", year("2030")),
    ],
)
def test_absolute_dates_need_no_publication_date(text: str, expected: TimeValue) -> None:
    assert normalize_date(text, None) == expected
    assert normalize_date(text, PUB) == expected


@pytest.mark.parametrize(
    "text",
    [
        "10/11/2020",  # 10 November or October 11
        "05/06/2020",
        "13/13/2020",
        "February 30, 2020",
        "February 29, 2021",
        "2020-13-01",
        "November 31",
        "the 1990s",
        "1990s",
        "'90s",
        "the 10th",
        "10",
        "87",
        "the 21st century",
    ],
)
def test_impossible_or_ambiguous_dates_are_refused(text: str) -> None:
    assert normalize_date(text, PUB) is None


@pytest.mark.parametrize(
    ("text", "published", "expected"),
    [
        ("September 13", PUB, day("2020-09-13")),
        ("13 September", PUB, day("2020-09-13")),
        ("Sept. 13th", PUB, day("2020-09-13")),
        ("the 13th of September", PUB, day("2020-09-13")),
        ("on November 10", PUB, day("2020-11-10")),
        ("May 20", PUB, day("2020-05-20")),  # 2021-05-20 would be more than six months ahead
        ("December 20", PUB, day("2020-12-20")),
        ("January 5", date(2020, 12, 20), day("2021-01-05")),  # more than six months back: the coming one
        ("December 20", date(2020, 1, 5), day("2019-12-20")),
        ("September 13", date(2020, 3, 1), day("2019-09-13")),
        ("February 29", date(2020, 6, 1), day("2020-02-29")),
        ("November", PUB, month("2020-11")),
        ("in October", PUB, month("2020-10")),
        ("May", PUB, month("2020-05")),  # six months either way: the past one
        ("February", PUB, month("2021-02")),
        ("December", date(2021, 1, 15), month("2020-12")),
    ],
)
def test_month_and_day_take_the_year_nearest_publication(text: str, published: date, expected: TimeValue) -> None:
    assert normalize_date(text, published) == expected


@pytest.mark.parametrize("text", ["September 13", "13 September", "November", "Friday", "today", "last year"])
def test_yearless_and_relative_dates_need_a_publication_date(text: str) -> None:
    assert normalize_date(text, None) is None


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("today", day("2020-11-10")),
        ("Today", day("2020-11-10")),
        ("earlier today", day("2020-11-10")),
        ("tonight", day("2020-11-10")),
        ("this morning", day("2020-11-10")),
        ("yesterday", day("2020-11-09")),
        ("yesterday morning", day("2020-11-09")),
        ("the day before yesterday", day("2020-11-08")),
        ("tomorrow", day("2020-11-11")),
        ("tomorrow night", day("2020-11-11")),
        ("two days ago", day("2020-11-08")),
        ("10 days ago", day("2020-10-31")),
        ("Friday", day("2020-11-06")),
        ("on Friday", day("2020-11-06")),
        ("Friday's", day("2020-11-06")),
        ("Friday night", day("2020-11-06")),
        ("early Friday morning", day("2020-11-06")),
        ("last Friday", day("2020-11-06")),
        ("next Friday", day("2020-11-13")),
        ("this Friday", day("2020-11-13")),
        ("Tuesday", day("2020-11-10")),
        ("on Tuesday", day("2020-11-10")),
        ("last Tuesday", day("2020-11-03")),
        ("next Tuesday", day("2020-11-17")),
        ("Monday", day("2020-11-09")),
        ("Wednesday", day("2020-11-04")),
        ("Sunday's", day("2020-11-08")),
        ("this past Sunday", day("2020-11-08")),
        ("last month", month("2020-10")),
        ("this month", month("2020-11")),
        ("earlier this month", month("2020-11")),
        ("later this month", month("2020-11")),
        ("next month", month("2020-12")),
        ("two months ago", month("2020-09")),
        ("last November", month("2019-11")),
        ("last October", month("2020-10")),
        ("next January", month("2021-01")),
        ("this March", month("2020-03")),
        ("last year", year("2019")),
        ("this year", year("2020")),
        ("earlier this year", year("2020")),
        ("next year", year("2021")),
        ("late last year", year("2019")),
        ("since last year", year("2019")),
        ("a year ago", year("2019")),
        ("three years ago", year("2017")),
    ],
)
def test_relative_dates_resolve_against_publication(text: str, expected: TimeValue) -> None:
    assert normalize_date(text, PUB) == expected


@pytest.mark.parametrize(
    ("text", "published", "expected"),
    [
        ("last month", date(2020, 1, 15), month("2019-12")),
        ("next month", date(2020, 12, 15), month("2021-01")),
        ("last month", date(2020, 3, 31), month("2020-02")),
        ("yesterday", date(2021, 1, 1), day("2020-12-31")),
        ("tomorrow", date(2020, 2, 28), day("2020-02-29")),
        ("last Sunday", date(2020, 11, 8), day("2020-11-01")),
        ("Sunday", date(2020, 11, 8), day("2020-11-08")),
    ],
)
def test_relative_dates_cross_month_and_year_boundaries(text: str, published: date, expected: TimeValue) -> None:
    assert normalize_date(text, published) == expected


@pytest.mark.parametrize(
    "text",
    [
        "this week",
        "last week",
        "next week",
        "earlier this week",
        "this weekend",
        "last night",  # the date depends on the hour of publication
        "the next day",
        "the day before",
        "the previous year",  # counts from the story's time: refused with no anchor
        "the following year",
        "a month later",
        "two weeks ago",
        "a decade ago",
        "that day",
        "the same day",
        "the day",
    ],
)
def test_vague_or_story_relative_expressions_are_refused(text: str) -> None:
    assert normalize_date(text, PUB) is None


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("mid-2019", year("2019")),
        ("mid 2019", year("2019")),
        ("early 2019", year("2019")),
        ("late 2019", year("2019")),
        ("the end of 2019", year("2019")),
        ("the beginning of 2020", year("2020")),
        ("the first half of 2019", year("2019")),
        ("summer 2019", year("2019")),
        ("the spring of 2019", year("2019")),
        ("fall 2019", year("2019")),
        ("early November 2020", month("2020-11")),
        ("mid-November", month("2020-11")),
        ("the end of last year", year("2019")),
    ],
)
def test_qualifiers_keep_the_precision_of_what_they_qualify(text: str, expected: TimeValue) -> None:
    assert normalize_date(text, PUB) == expected


@pytest.mark.parametrize("text", ["the early 1990s", "the end of the day", "mid-century"])
def test_qualified_vague_periods_are_refused(text: str) -> None:
    assert normalize_date(text, PUB) is None


@pytest.mark.parametrize(
    ("text", "published", "expected"),
    [
        ("from 1987 to 1991", None, Interval(year("1987"), year("1991"))),
        ("1987 to 1991", None, Interval(year("1987"), year("1991"))),
        ("1987-1991", None, Interval(year("1987"), year("1991"))),
        ("1987\u20131991", None, Interval(year("1987"), year("1991"))),
        ("1987\u201391", None, Interval(year("1987"), year("1991"))),
        ("1987-91", None, Interval(year("1987"), year("1991"))),
        ("2019-20", None, Interval(year("2019"), year("2020"))),
        ("2010-11", None, Interval(year("2010"), year("2011"))),
        ("between 2001 and 2005", None, Interval(year("2001"), year("2005"))),
        ("from 1987 until 1991", None, Interval(year("1987"), year("1991"))),
        ("from June to August 2020", None, Interval(month("2020-06"), month("2020-08"))),
        ("June 2019 to March 2020", None, Interval(month("2019-06"), month("2020-03"))),
        ("from December to March 2020", None, Interval(month("2019-12"), month("2020-03"))),
        ("from December 2019 to March", None, Interval(month("2019-12"), month("2020-03"))),
        ("November 10-12, 2020", None, Interval(day("2020-11-10"), day("2020-11-12"))),
        ("10-12 November 2020", None, Interval(day("2020-11-10"), day("2020-11-12"))),
        ("2020-11-10 to 2020-11-12", None, Interval(day("2020-11-10"), day("2020-11-12"))),
        ("from 1987 to March 1991", None, Interval(year("1987"), month("1991-03"))),
        ("mid-2019 to 2020", None, Interval(year("2019"), year("2020"))),
        ("from May 5 to 10", date(2020, 6, 1), Interval(day("2020-05-05"), day("2020-05-10"))),
        ("December 28 to January 3", date(2021, 1, 5), Interval(day("2020-12-28"), day("2021-01-03"))),
        ("from last year to this year", PUB, Interval(year("2019"), year("2020"))),
    ],
)
def test_ranges_give_intervals(text: str, published: date | None, expected: Interval) -> None:
    assert normalize_date(text, published) == expected


@pytest.mark.parametrize(
    "text",
    [
        "1991 to 1987",  # backwards
        "1998-02",  # a year range cannot end in 1902; February 1998 it is not either
        "2020 to 2020",
        "between 2001 to 2005",
        "2001 and 2005",
        "from May 5 to 10",  # no year and no publication date
        "the 1980s to the 1990s",
    ],
)
def test_malformed_ranges_are_refused(text: str) -> None:
    assert not isinstance(normalize_date(text, None), Interval)


def test_iso_month_that_reads_as_a_month() -> None:
    assert normalize_date("1998-02", None) == month("1998-02")


DURATIONS = [
    "almost 30 years",
    "30 years",
    "the past 30 years",
    "in the past 30 years",
    "30-year",
    "30-year-old",
    "nearly three decades",
    "two weeks",
    "48 hours",
    "10 years old",
    "a year",
    "the past year",
    "the last year",
    "over the last year",
    "the coming months",
    "decades",
    "several years",
    "a couple of months",
    "more than two centuries",
    "every year",
    "each month",
    "twice a year",
    "annual",
    "annually",
    "monthly",
    "bi-annual",
]


@pytest.mark.parametrize("text", DURATIONS)
def test_durations_ages_and_frequencies_are_not_dates(text: str) -> None:
    assert is_duration(text)
    assert normalize_date(text, PUB) is None


@pytest.mark.parametrize(
    "text",
    [
        "last year",
        "this year",
        "2020",
        "November 10, 2020",
        "three years ago",
        "the year",
        "Friday",
        "this week",
    ],
)
def test_calendar_expressions_are_not_durations(text: str) -> None:
    assert not is_duration(text)


@pytest.mark.parametrize(
    "text", ["recent years", "the post-war period", "the coming days", "the day", "some time", "now", ""]
)
def test_vague_periods_and_non_dates_are_refused(text: str) -> None:
    assert normalize_date(text, PUB) is None


@pytest.mark.parametrize(
    "text",
    [
        "  November 10, 2020.  ",
        "(November 10, 2020)",
        "\u201cNovember 10, 2020\u201d",
        "on November 10, 2020,",
        "November\u00a010,\n2020",
        "November 10, 2020's",
        "November 10, 2020\u2019s",
        "of November 10, 2020",
    ],
)
def test_edges_are_cleaned(text: str) -> None:
    assert normalize_date(text, None) == day("2020-11-10")


def test_module_never_reads_the_clock_or_the_locale() -> None:
    source = inspect.getsource(dates)
    for forbidden in (
        "today(",
        "now(",
        "utcnow",
        "import time",
        "import locale",
        "setlocale",
        "import calendar",
    ):
        assert forbidden not in source


_LEXICAL = {
    "gYear": re.compile(r"[0-9]{4}"),
    "gYearMonth": re.compile(r"[0-9]{4}-(0[1-9]|1[0-2])"),
    "date": re.compile(r"[0-9]{4}-[0-9]{2}-[0-9]{2}"),
}
_TOKENS = """
    the on in since by of from between and to - \u2013 , . 's ago last next this past early mid late end
    January Feb. Sept. November may Friday sunday's today yesterday tomorrow year years month week day night
    morning 1 10 12 13 29 31 10th 87 91 1987 2020 2020-11 10/11/2020 2019-20
""".split()
_TEXTS = st.one_of(st.text(max_size=40), st.lists(st.sampled_from(_TOKENS), max_size=7).map(" ".join))
_PUBLISHED = st.one_of(st.none(), st.dates(), st.dates(min_value=date(1990, 1, 1), max_value=date(2030, 12, 31)))


def _check_well_typed(value: TimeValue) -> None:
    assert _LEXICAL[value.granularity].fullmatch(value.value), value
    if value.granularity == "date":
        date.fromisoformat(value.value)
    assert rdflib.Literal(value.value, datatype=rdflib.XSD[value.granularity]).ill_typed is not True


@given(_TEXTS, _PUBLISHED)
def test_never_raises_and_gives_well_typed_values(text: str, published: date | None) -> None:
    value = normalize_date(text, published)
    assert value is None or isinstance(value, TimeValue | Interval)
    if isinstance(value, TimeValue):
        _check_well_typed(value)
    elif isinstance(value, Interval):
        _check_well_typed(value.start)
        _check_well_typed(value.end)
        assert value.start.value <= value.end.value
    assert normalize_date(text, published) == value  # deterministic


@given(st.dates(min_value=date(1900, 1, 1), max_value=date(2100, 12, 31)), st.integers(1, 12), st.integers(1, 28))
def test_month_day_lands_within_six_months_of_publication(published: date, m: int, d: int) -> None:
    value = normalize_date(f"{dates._MONTHS[m - 1]} {d}", published)
    assert isinstance(value, TimeValue)
    assert abs((date.fromisoformat(value.value) - published).days) <= 183


@given(st.dates(min_value=date(1900, 1, 1), max_value=date(2100, 12, 31)), st.integers(0, 6))
def test_weekdays_land_in_the_week_up_to_publication(published: date, weekday: int) -> None:
    name = dates._WEEKDAYS[weekday]
    plain, last, following = (normalize_date(f"{rel}{name}", published) for rel in ("", "last ", "next "))
    assert isinstance(plain, TimeValue) and isinstance(last, TimeValue) and isinstance(following, TimeValue)
    for value, low, high in ((plain, -6, 0), (last, -7, -1), (following, 1, 7)):
        resolved = date.fromisoformat(value.value)
        assert resolved.weekday() == weekday
        assert published + timedelta(days=low) <= resolved <= published + timedelta(days=high)


MARCH_2013 = date(2013, 3, 15)  # a Friday


@pytest.mark.parametrize(
    ("text", "tense", "expected"),
    [
        ("in August", "past", month("2012-08")),  # "said in August", written in March: the August before
        ("in August", "future", month("2013-08")),
        ("August", None, month("2013-08")),  # no tense: the nearest
        ("March", "past", month("2013-03")),  # the publication month itself
        ("March", "future", month("2013-03")),
        ("Oct. 23", "past", day("2012-10-23")),
        ("Oct. 23", "future", day("2013-10-23")),
        ("March 20", "past", day("2012-03-20")),  # five days after publication, in a past clause
        ("March 10", "future", day("2014-03-10")),
        ("February 29", "past", day("2012-02-29")),
        ("Thursday", "future", day("2013-03-21")),  # "will meet Thursday"
        ("Thursday", "past", day("2013-03-14")),
        ("Thursday", None, day("2013-03-14")),
        ("Friday", "past", day("2013-03-15")),  # the publication day's own weekday is that day
        ("Friday", "future", day("2013-03-15")),
        ("next Friday", "past", day("2013-03-22")),  # the words win over the tense
        ("last Friday", "future", day("2013-03-08")),
        ("today", "past", day("2013-03-15")),
        ("from June to August", "past", Interval(month("2012-06"), month("2012-08"))),
        ("today through Nov. 17", "past", Interval(day("2013-03-15"), day("2013-11-17"))),  # an end is a limit
    ],
)
def test_partial_dates_go_the_way_the_clause_points(text: str, tense: dates.Tense, expected: object) -> None:
    assert normalize_date(text, MARCH_2013, tense) == expected


@pytest.mark.parametrize(
    ("text", "tense", "expected"),
    [
        ("six years ago", None, year("2007")),
        ("nearly four years ago", None, year("2009")),
        ("two months ago", None, month("2013-01")),
        ("June last year", None, month("2012-06")),
        ("January this year", None, month("2013-01")),
        ("fiscal 1989", None, year("1989")),
        ("the current fiscal year", None, year("2013")),
        ("earlier in the year", "past", year("2013")),
        ("the year-ago quarter", None, year("2012")),
        ("the first nine months of 1997", None, year("1997")),
        ("the end of the year", None, year("2013")),
        ("by year-end", "future", year("2013")),
        ("since year-end", "past", year("2012")),
        ("the quarter ended Sept. 30", None, day("2012-09-30")),
        ("the year ended March 31", None, day("2012-03-31")),  # "ended": the past, whatever the clause
        ("nineteen ninety-six", None, year("1996")),
        ("January nineteen ninety-seven", None, month("1997-01")),
        ("the year two thousand", None, year("2000")),
        ("two thousand and one", None, year("2001")),
        ("March twenty-first", None, day("2013-03-21")),
        ("this coming Sunday, March seventeenth", None, day("2013-03-17")),
        ("Saturday, March 16", "past", day("2013-03-16")),  # the one year next to publication where it is a Saturday
        ("an Aug. 10, 1988", None, day("1988-08-10")),
        ("both 1990", None, year("1990")),  # "in both 1990 and 1991"
        ("the first nine months of the year", None, year("2013")),
    ],
)
def test_more_relative_and_spelled_dates(text: str, tense: dates.Tense, expected: TimeValue) -> None:
    assert normalize_date(text, MARCH_2013, tense) == expected


@pytest.mark.parametrize("text", ["the first half", "the first of the month", "year ended", "a year later"])
def test_story_relative_and_partial_spans_stay_refused(text: str) -> None:
    assert normalize_date(text, MARCH_2013, "past") is None


@pytest.mark.parametrize(
    ("text", "anchor", "expected"),
    [
        ("the following year", year("1995"), year("1996")),
        ("the following year", day("1995-05-22"), year("1996")),
        ("a year earlier", day("1995-05-22"), year("1994")),
        ("two years later", month("1995-05"), year("1997")),
        ("that year", year("1988"), year("1988")),
        ("the same year", day("1988-04-02"), year("1988")),
        ("The following month", month("1989-03"), month("1989-04")),
        ("a month earlier", day("1989-01-10"), month("1988-12")),
        ("the next day", day("1999-12-31"), day("2000-01-01")),
        ("the day before", day("2000-03-01"), day("2000-02-29")),
        ("that day", day("2001-09-11"), day("2001-09-11")),
        ("for the year", day("2012-09-30"), year("2012")),
    ],
)
def test_times_counted_from_the_story_count_from_its_anchor(text: str, anchor: TimeValue, expected: TimeValue) -> None:
    assert normalize_date(text, MARCH_2013, "past", anchor) == expected


@pytest.mark.parametrize(
    ("text", "anchor"),
    [
        ("a month later", year("1995")),  # no month to count from
        ("the next day", month("1995-05")),
        ("that day", year("1995")),
    ],
)
def test_an_anchor_coarser_than_the_count_gives_nothing(text: str, anchor: TimeValue) -> None:
    assert normalize_date(text, MARCH_2013, None, anchor) is None


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("a year earlier", year("2012")),  # "up from $4 a year earlier": against the publication, as "ago"
        ("two months before", month("2013-01")),
        ("the year", year("2013")),  # "for the year"
    ],
)
def test_without_an_anchor_only_comparisons_backwards_count_from_publication(text: str, expected: TimeValue) -> None:
    assert normalize_date(text, MARCH_2013, "past") == expected
    assert normalize_date(text, None, "past") is None


def test_only_comparisons_and_ago_count_from_the_story() -> None:
    assert dates.counts_from_story("a year earlier")
    assert dates.counts_from_story("two years ago")
    assert dates.counts_from_story("the following month")
    assert not dates.counts_from_story("March")
    assert not dates.counts_from_story("last year")


@given(st.dates(min_value=date(1900, 1, 1), max_value=date(2100, 12, 31)), st.integers(1, 12), st.integers(1, 28))
def test_tense_puts_a_month_day_on_its_side_of_publication(published: date, m: int, d: int) -> None:
    text = f"{dates._MONTHS[m - 1]} {d}"
    past, future = normalize_date(text, published, "past"), normalize_date(text, published, "future")
    assert isinstance(past, TimeValue) and isinstance(future, TimeValue)
    assert published - timedelta(days=366) < date.fromisoformat(past.value) <= published
    assert published <= date.fromisoformat(future.value) < published + timedelta(days=366)
