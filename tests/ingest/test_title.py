"""find_title on hand-written texts: a title line, the BBC layout, or the first sentence cut to 120 chars."""

from __future__ import annotations

import pytest

from kg.ingest import find_title
from kg.ingest.title import MAX_CHARS, cut, first_sentence


def test_short_first_line_without_final_stop_is_the_title() -> None:
    text = "Harbour bridge reopens after repairs\nThe bridge reopened to traffic on Monday morning."
    assert find_title(text) == "Harbour bridge reopens after repairs"


def test_title_line_above_a_blank_line_may_end_with_a_question_mark() -> None:
    text = "Is the market cooling?\n\nPrices fell for a third month in a row, agents said."
    assert find_title(text) == "Is the market cooling?"


def test_leading_space_and_blank_lines_are_skipped() -> None:
    assert find_title("\n\n   Quiet week in parliament\n\nMembers were away.") == "Quiet week in parliament"


def test_a_long_first_line_is_not_a_title_line() -> None:
    lead = " ".join(["word"] * 30) + "."
    assert find_title(lead + "\n\nMore text.") == lead[: len(find_title(lead + "\n\nMore text."))]
    assert len(find_title(lead + "\n\nMore text.")) <= MAX_CHARS


def test_line_ending_like_a_clause_is_not_a_title() -> None:
    text = "When the rain stopped,\nthe crowd went home. Then it rained again."
    assert find_title(text) == "When the rain stopped,"  # a line break ends the first sentence


def test_first_sentence_when_the_lead_runs_on() -> None:
    text = "The council approved the new budget on Tuesday. It raises spending on schools by a tenth."
    assert find_title(text) == "The council approved the new budget on Tuesday."


def test_abbreviations_and_initials_do_not_end_the_first_sentence() -> None:
    text = "Dr. Ana Ruiz and John F. Doe of the U.S. team won the prize on Sunday. The jury met twice."
    assert find_title(text) == "Dr. Ana Ruiz and John F. Doe of the U.S. team won the prize on Sunday."


def test_long_sentence_is_cut_at_a_word_boundary_without_a_dangling_word() -> None:
    text = (
        "Officials from the regional transport authority announced a sweeping plan to rebuild the "
        "northern rail corridor over the next decade, with funding from three sources."
    )
    title = find_title(text)
    assert len(title) <= MAX_CHARS
    assert text.startswith(title)
    assert text[len(title)] == " "  # cut at a word boundary
    assert title.split()[-1] not in {"the", "of", "over", "to", "a"}


def test_title_header_field_wins() -> None:
    text = "Title: Ferry service resumes\nDate: 2022-05-01\n\nThe ferry sailed again."
    assert find_title(text) == "Ferry service resumes"


def test_header_and_dateline_are_not_the_title() -> None:
    text = "date 2021-04-02 OSLO, Norway, April 2. The harbour froze for the first time in years, they said."
    assert find_title(text) == "The harbour froze for the first time in years, they said."


def test_agency_dateline_is_not_the_title() -> None:
    text = "GENEVA (Wire Service) - Talks ended without a deal on Friday. Both sides will meet again."
    assert find_title(text) == "Talks ended without a deal on Friday."


def test_upper_case_word_and_hyphen_in_a_title_is_not_a_dateline() -> None:
    text = "UK economy - what comes next\n\nGrowth slowed in the last quarter."
    assert find_title(text) == "UK economy - what comes next"


@pytest.mark.parametrize(
    "text",
    [
        "One",
        "no punctuation at all and rather long " * 10,
        "Ends here!",
        "  \n x",
        "...",
        "“Quoted,” he said.",
        "TOKYO —",
        "Date: 2020-01-02",
    ],
)
def test_title_is_always_a_substring(text: str) -> None:
    title = find_title(text)
    assert title and title in text


def test_first_sentence_span() -> None:
    text = "  One two. Three."
    start, end = first_sentence(text)
    assert text[start:end] == "One two."


def test_cut_keeps_short_spans_and_cuts_long_words_inside() -> None:
    assert cut("short text", 0, 10, 120) == (0, 10)
    assert cut("x" * 200, 0, 200, 120) == (0, 120)
