"""find_published and find_dateline on hand-written heads: header fields, datelines, and nothing guessed."""

from __future__ import annotations

from datetime import date

import pytest

from kg.ingest import find_dateline, find_published
from kg.ingest.dates import parse_date


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("date 2022-11-05 The mayor opened the fair.", date(2022, 11, 5)),
        ("Date: 12 March 2021\n\nThe mayor opened the fair.", date(2021, 3, 12)),
        ("Published: March 12, 2021, 10:32 GMT\n\nBody.", date(2021, 3, 12)),
        ("Published on Friday, 3rd of June, 2016\nBody text here.", date(2016, 6, 3)),
        ("Posted: 2020-01-31T08:15:00Z\nBody.", date(2020, 1, 31)),
        ("Fair opens in the old town\nSept. 9, 2019\n\nThe fair opened.", date(2019, 9, 9)),
        ("Fair opens\nPublished: 2019/09/09\n\nThe fair opened.", date(2019, 9, 9)),
        ("2018-07-04\nFireworks lit the sky.", date(2018, 7, 4)),
    ],
)
def test_header_dates(text: str, expected: date) -> None:
    assert find_published(text) == expected


@pytest.mark.parametrize(
    "text",
    [
        "The fair opened on 12 March 2021 in the old town.",  # a date in the body is not the publication date
        "Updated: 12 March 2021\n\nBody.",  # an update is not a publication
        "Date: 03/04/2021\n\nBody.",  # day and month cannot be told apart
        "Date: 30 February 2021\n\nBody.",  # no such day
        "OSLO, Norway, April 2. The harbour froze.",  # a dateline without a year
        "Date palms grow well here.",
    ],
)
def test_no_date_is_guessed(text: str) -> None:
    assert find_published(text) is None


def test_dateline_month_and_day_take_the_year_from_the_header() -> None:
    assert find_published("Published: 2020\nOSLO, Norway, April 2. The harbour froze.") == date(2020, 4, 2)
    assert find_published("Published: April 2020\nOSLO, April 2. The harbour froze.") == date(2020, 4, 2)
    assert find_published("Published: May 2020\nOSLO, April 2. The harbour froze.") is None


def test_dateline_with_a_year() -> None:
    assert find_published("LIMA, Peru, Jan. 8, 2017 (Wire) - Markets rose.") == date(2017, 1, 8)


def test_header_date_wins_over_the_dateline() -> None:
    assert find_published("date 2021-04-03 OSLO, Norway, April 2. Ice.") == date(2021, 4, 3)


def test_find_dateline_after_an_inline_header() -> None:
    text = "date 2021-04-02 OSLO, Norway, April 2. The harbour froze."
    dl = find_dateline(text)
    assert dl is not None
    assert (dl.place, dl.month, dl.day, dl.year, dl.agency) == ("OSLO, Norway", 4, 2, None, None)
    assert text[dl.start : dl.end] == "OSLO, Norway, April 2. "


@pytest.mark.parametrize(
    ("text", "place", "agency"),
    [
        ("GENEVA (Wire Service) - Talks ended.", "GENEVA", "Wire Service"),
        ("NEW YORK (XYZ) — Stocks fell.", "NEW YORK", "XYZ"),
        ("CAIRO, March 3 (Wire) -- Prices rose.", "CAIRO", "Wire"),
        ("TOKYO — Rain fell all day.", "TOKYO", None),
        ("ST. LOUIS, Mo., Oct. 4 — Rain fell.", "ST. LOUIS, Mo.", None),
    ],
)
def test_agency_datelines(text: str, place: str, agency: str | None) -> None:
    dl = find_dateline(text)
    assert dl is not None
    assert (dl.place, dl.agency) == (place, agency)
    if dl.agency_span:
        assert text[slice(*dl.agency_span)] == agency


@pytest.mark.parametrize(
    "text",
    [
        "UK-based lenders cut rates.",
        "Apple (Fruit) - a short note",
        "Anna Smith: the interview",
        "Markets rose. Prices fell.",
        "UK economy - what comes next\n\nBody.",
        "Monday, March 3 - a note",
        "Title line\nNEW YORK CITY\nBody.",  # several words in capitals alone on a line: a header
        "Title line\nMarch 3\nBody.",
        "Title line\nBAKU 2021-02-31\nBody.",  # no such day
    ],
)
def test_not_datelines(text: str) -> None:
    assert find_dateline(text) is None


@pytest.mark.parametrize(
    ("text", "place", "published"),
    [
        ("HENMAN SAILS ON\nNAIROBI 1997-03-02\nThe rains came.", "NAIROBI", date(1997, 3, 2)),
        ("Talks resume\n\nGENEVA\nThe talks resumed.", "GENEVA", None),
    ],
)
def test_datelines_on_a_line_of_their_own(text: str, place: str, published: date | None) -> None:
    dl = find_dateline(text)
    assert dl is not None and dl.place == place
    assert text[dl.start : dl.start + len(place)] == place
    assert find_published(text) == published


@pytest.mark.parametrize(
    ("value", "expected"),
    [
        ("2021-03-12", date(2021, 3, 12)),
        ("2021-03-12T23:59:59+02:00", date(2021, 3, 12)),
        ("Wednesday, 13 September 2023", date(2023, 9, 13)),
        ("Sep 13 2023", date(2023, 9, 13)),
        ("13th September, 2023", date(2023, 9, 13)),
        ("12/03/2021", None),
        ("yesterday", None),
        ("", None),
    ],
)
def test_parse_date(value: str, expected: date | None) -> None:
    assert parse_date(value) == expected


def test_title_byline_header_and_dateline_together() -> None:
    text = "Markets slide\nBy Jane Roe\nPublished: 5 June 2020\n\nLONDON, June 5 (Wire) - Markets fell."
    assert find_published(text) == date(2020, 6, 5)
    dl = find_dateline(text)
    assert dl is not None and (dl.place, dl.agency, dl.month, dl.day) == ("LONDON", "Wire", 6, 5)
