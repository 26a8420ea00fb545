"""Date spans mended where the model's boundaries and the date's words disagree; and times counted from the
story's own, counted from the date its sentence (or the one before) names."""

from __future__ import annotations

from datetime import date

import pytest
import spacy
from spacy.language import Language
from spacy.tokens import Doc

from kg.extract.datespans import date_spans
from kg.extract.mentions import date_mentions, sentences
from kg.model import TimeValue

VOCAB = spacy.blank("en").vocab
PUBLISHED = date(2013, 3, 15)  # a Friday


def _doc(words: list[str], ents: list[str], heads: list[int] | None = None, deps: list[str] | None = None) -> Doc:
    n = len(words)
    return Doc(VOCAB, words=words, ents=ents, heads=heads or list(range(n)), deps=deps or ["dep"] * n)


def _texts(doc: Doc) -> list[str]:
    return [s.text for s in date_spans(doc)]


def test_a_determiner_left_outside_joins_its_calendar_noun() -> None:
    doc = _doc(
        ["in", "this", "year", "'s", "vote"],
        ["O", "O", "B-DATE", "O", "O"],
        heads=[0, 2, 4, 2, 0],
        deps=["ROOT", "det", "poss", "case", "pobj"],
    )
    assert _texts(doc) == ["this year"]


def test_a_determiner_of_another_word_stays_out() -> None:
    # "this" is the determiner of "plan", not of "year"
    doc = _doc(["this", "year", "plan"], ["O", "B-DATE", "O"], heads=[2, 2, 2], deps=["det", "compound", "ROOT"])
    assert _texts(doc) == ["year"]


def test_a_count_takes_the_word_that_points_it() -> None:
    doc = _doc(["up", "from", "a", "year", "earlier"], ["O", "O", "B-DATE", "I-DATE", "O"])
    assert _texts(doc) == ["a year earlier"]


def test_a_weekday_joins_the_date_that_follows_it() -> None:
    doc = _doc(["on", "Friday", "Oct.", "12", "alone"], ["O", "B-DATE", "B-DATE", "I-DATE", "O"])
    assert _texts(doc) == ["Friday Oct. 12"]
    doc = _doc(["on", "Friday", ",", "Oct.", "12"], ["O", "B-DATE", "O", "B-DATE", "I-DATE"])
    assert _texts(doc) == ["Friday , Oct. 12"]


def test_a_weekday_before_a_length_of_time_stays_apart() -> None:
    doc = _doc(
        ["work", "resumed", "Friday", ",", "nearly", "two", "months", "after"],
        ["O", "O", "B-DATE", "O", "B-DATE", "I-DATE", "I-DATE", "O"],
    )
    assert _texts(doc) == ["Friday", "nearly two months"]


def test_a_preposition_whose_object_is_outside_cuts_the_span() -> None:
    # "a revision Friday to December's figures": "to" governs "figures", outside the span
    doc = _doc(
        ["a", "revision", "Friday", "to", "December", "'s", "figures"],
        ["O", "O", "B-DATE", "I-DATE", "I-DATE", "I-DATE", "O"],
        heads=[1, 1, 1, 1, 6, 4, 3],
        deps=["det", "ROOT", "npadvmod", "prep", "poss", "case", "pobj"],
    )
    assert _texts(doc) == ["Friday", "December 's"]


def test_a_range_keeps_its_end() -> None:
    # "from June to August": "to" governs "August", inside the span
    doc = _doc(
        ["from", "June", "to", "August"],
        ["B-DATE", "I-DATE", "I-DATE", "I-DATE"],
        heads=[0, 0, 0, 2],
        deps=["ROOT", "pobj", "prep", "pobj"],
    )
    assert _texts(doc) == ["from June to August"]


def _values(nlp: Language, text: str) -> dict[str, TimeValue | None]:
    doc = nlp(text)
    return {m.text: m.time for m in date_mentions(doc, "a0", 0, sentences(doc, "a0", 0, 0), PUBLISHED)}


@pytest.mark.model
def test_the_following_year_counts_from_the_year_its_sentence_names(nlp: Language) -> None:
    values = _values(nlp, "In 1995 she joined the board, and the following year she became its chair.")
    assert values["the following year"] == TimeValue("1996", "gYear")


@pytest.mark.model
def test_a_comparison_with_no_date_before_counts_from_publication(nlp: Language) -> None:
    values = _values(nlp, "Profit was $3 million, up from $2 million a year earlier.")
    assert values["a year earlier"] == TimeValue("2012", "gYear")


@pytest.mark.model
def test_a_comparison_does_not_count_from_another_comparison(nlp: Language) -> None:
    text = "The bank lost $2 million a year ago. Sales were $9 million, against $8 million a year earlier."
    values = _values(nlp, text)
    assert values["a year ago"] == values["a year earlier"] == TimeValue("2012", "gYear")


@pytest.mark.model
def test_an_anchor_two_sentences_back_is_too_far(nlp: Language) -> None:
    text = "She joined the board in 1995. The board had nine members. The following year, she became its chair."
    values = _values(nlp, text)
    assert values.get("The following year") is None
