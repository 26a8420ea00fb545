"""Which way a date's clause points, read from the real parse; and dates that are no calendar point."""

from __future__ import annotations

from datetime import date

import pytest
from spacy.language import Language

from kg.extract.mentions import entity_mentions, sentences
from kg.extract.tense import clause_tense, is_generic
from kg.model import TimeValue

PUBLISHED = date(2013, 3, 15)  # a Friday


def _date_span(nlp: Language, text: str, words: str):  # type: ignore[no-untyped-def]
    doc = nlp(text)
    spans = [e for e in doc.ents if e.label_ == "DATE" and words in e.text]
    assert spans, [(e.text, e.label_) for e in doc.ents]
    return spans[0]


@pytest.mark.model
@pytest.mark.parametrize(
    ("text", "words", "tense"),
    [
        ("The company said in August that profits fell.", "August", "past"),
        ("The ministers will meet on Thursday in Geneva.", "Thursday", "future"),
        ("The talks are scheduled to resume on Monday.", "Monday", "future"),
        ("The president meets the prime minister on Monday.", "Monday", "future"),
        ("Sales have risen since January.", "January", "past"),
        ("The offer was extended until March 20.", "March 20", None),  # a limit, not the clause's time
        ("Friday's trading volume was light.", "Friday", None),  # the date qualifies a noun
        ("The index closed at its record high set on Aug. 6.", "Aug. 6", "past"),
        ("Dunmore has set Nov. 10 as the deadline for bids.", "Nov. 10", None),  # what is set, not when
        ("Weakness in bank shares hurt the index on Friday.", "Friday", "past"),  # "hurt" agrees only as a past
        ("Prices have risen since August.", "August", "past"),
    ],
)
def test_clause_tense(nlp: Language, text: str, words: str, tense: str | None) -> None:
    assert clause_tense(_date_span(nlp, text, words)) == tense


@pytest.mark.model
@pytest.mark.parametrize(
    ("text", "words", "generic"),
    [
        ("Chips are made faster than can be done today.", "today", True),
        ("Children in today's world read less.", "today", True),
        ("The shop opens each Thursday.", "Thursday", True),
        ("The minister resigned today.", "today", False),
        ("The offer was advertised in today's editions of the paper.", "today", False),
        ("The two new flights will leave on Monday and Tuesday nights from June.", "Monday", True),
        ("The two new flights will leave on Monday and Tuesday nights from June.", "Tuesday", True),
        ("The two new flights will leave on Monday from June.", "Monday", False),
        ("The story ran in Harbour Today on Monday.", "Today", True),  # a title
        ("Planners are building the cities of tomorrow.", "tomorrow", True),
        ("The council votes tomorrow.", "tomorrow", False),
    ],
)
def test_generic_dates(nlp: Language, text: str, words: str, generic: bool) -> None:
    assert is_generic(_date_span(nlp, text, words)) is generic


@pytest.mark.model
def test_mentions_carry_the_value_their_clause_points_to(nlp: Language) -> None:
    text = "Smith said in August that he quit. He will meet the board on Thursday. The firm met on Friday."
    doc = nlp(text)
    found = entity_mentions(doc, "a0", 0, sentences(doc, "a0", 0, 0), PUBLISHED)
    values = {m.text: m.time for m in found if m.label == "DATE"}
    assert values == {
        "August": TimeValue("2012-08", "gYearMonth"),
        "Thursday": TimeValue("2013-03-21", "date"),
        "Friday": TimeValue("2013-03-15", "date"),
    }
