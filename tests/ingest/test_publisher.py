"""find_publisher on hand-written texts: attribution, dateline agency, signature, header; with offsets."""

from __future__ import annotations

import pytest

from kg.ingest import find_publisher


def publisher(text: str) -> str | None:
    found = find_publisher(text)
    if found is None:
        return None
    assert text[found.span[0] : found.span[1]] == found.name  # the span points at the name in the text
    return found.name


@pytest.mark.parametrize(
    ("text", "name"),
    [
        ("The dam was opened on Monday, Northwind Times reports.\n\nMore follows.", "Northwind Times"),
        ("The dam was opened today, Harbor.Net reports via the ministry of water.", "Harbor.Net"),
        ("The dam was opened today, Daily Planet reported.", "Daily Planet"),
        ("The dam was opened today, daily.example.com reports.", "daily.example.com"),
        ("The dam was opened today, Kestrel news agency reports, citing officials.", "Kestrel"),
        ("The dam was opened today — Northwind Times reports.", "Northwind Times"),
    ],
)
def test_attribution_clause(text: str, name: str) -> None:
    assert publisher(text) == name


@pytest.mark.parametrize(
    "text",
    [
        "The dam was opened today, according to Northwind Times.",
        "The dam was opened today, the Evening Courier has reported.\n\nMore.",
        "The dam was opened today, he reported.",
        "Northwind Times reports that the dam was opened.",
        "The dam was opened today.",
        "A single line naming Northwind",
    ],
)
def test_not_a_publisher(text: str) -> None:
    assert publisher(text) is None


def test_attribution_is_read_in_the_lead_paragraph_only() -> None:
    lead = "The dam on the upper river was opened today after three years of building work, and the lake behind"
    text = f"{lead} it will fill by spring.\n\nLater, water levels rose, Northwind Times reported."
    assert publisher(text) is None


@pytest.mark.parametrize(
    ("last_line", "name"),
    [
        ("Harbor.Net", "Harbor.Net"),
        ("Kestrel", "Kestrel"),
        ("— XYZ", "XYZ"),
        ("Source: Northwind Times", "Northwind Times"),
    ],
)
def test_signature_line(last_line: str, name: str) -> None:
    text = f"The dam was opened today.\n\nIt holds a lake.\n\n{last_line}\n"
    assert publisher(text) == name


@pytest.mark.parametrize("last_line", ["Jane Doe", "Advertisement", "The end.", "ENDS"])
def test_last_lines_that_are_not_signatures(last_line: str) -> None:
    assert publisher(f"The dam was opened today.\n\n{last_line}") is None


def test_dateline_agency() -> None:
    found = find_publisher("GENEVA (Wire Service) - Talks ended on Friday.")
    assert found is not None
    assert (found.name, found.rule) == ("Wire Service", "dateline")


def test_header_field() -> None:
    assert publisher("Source: Northwind Times\n\nThe dam was opened today.") == "Northwind Times"


def test_the_attribution_closest_to_the_start_wins() -> None:
    text = "The dam was opened today, Northwind Times reports.\n\nIt holds a lake.\n\nHarbor.Net"
    found = find_publisher(text)
    assert found is not None and (found.name, found.rule) == ("Northwind Times", "attribution")


def test_header_and_dateline_before_the_attribution() -> None:
    text = "date 2021-04-02 OSLO, Norway, April 2. Ice closed the port, Harbor.Net reports via the city."
    assert publisher(text) == "Harbor.Net"
