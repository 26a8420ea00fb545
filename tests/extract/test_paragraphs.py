"""Line breaks as sentence ends (kg_paragraphs_v1): a blank line always ends a sentence; a single line break
does in text written one paragraph a line, not in text wrapped at a width; a line that goes on in lower case
never does."""

from __future__ import annotations

import pytest
from spacy.language import Language

from kg.extract.paragraphs import wrapped

ONE_A_LINE = (
    "Acme Wins Order From Gulf Air\n"
    "on Jul 7 2012, 5:55p\n"
    "Anna Berg said on Monday that the order was the largest in the history of the firm.\n"
    "Shares rose.\n"
    "Gulf Air will take the first aircraft next year, a spokesman for the airline said in Bahrain.\n"
)
WRAPPED = (
    "Anna Berg said on Monday that the order was the largest in the history\n"
    "of the firm, and that Gulf Air would take the first of the aircraft next\n"
    "year. Shares in Acme rose by four per cent in early trading in London,\n"
    "where the firm is listed, before falling back to close two per cent up.\n"
    "Analysts said the order had been expected for several months by the\n"
    "market.\n"
)


def test_text_cut_at_a_width_is_wrapped_and_one_paragraph_a_line_is_not() -> None:
    assert wrapped(WRAPPED)
    assert not wrapped(ONE_A_LINE)
    assert not wrapped("A headline\n\nOne paragraph.\n\nAnother one.\n")  # no single breaks at all
    # lines cut at one width, each going on in capitals (names), are wrapped too; a list of items is not
    even = "".join(f"{'Word ' * 13}ends with Name\n" for k in range(6))
    assert wrapped(even)
    assert not wrapped("".join(f" - An item of the list of about the same width {k}\n" for k in range(6)))


@pytest.mark.model
def test_a_single_line_break_ends_a_sentence_unless_the_text_is_wrapped(nlp: Language) -> None:
    doc = nlp(ONE_A_LINE)
    starts = [s.text.split()[0] for s in doc.sents]
    assert starts[-3:] == ["Anna", "Shares", "Gulf"]
    sentence_of = {t.idx: s.start for s in doc.sents for t in s}
    anna = ONE_A_LINE.index("Anna")
    assert doc[[t.i for t in doc if t.idx == anna][0]].is_sent_start  # the line after a dateline starts afresh
    assert not doc[[t.i for t in doc if t.idx == ONE_A_LINE.index("on Jul")][0]].is_sent_start  # lower case
    assert len({sentence_of[t.idx] for t in doc if t.idx < anna}) <= 2
    wrapped_doc = nlp(WRAPPED)
    of = WRAPPED.index("of the firm")
    assert not wrapped_doc[[t.i for t in wrapped_doc if t.idx == of][0]].is_sent_start
    market = WRAPPED.index("Analysts")
    line_start = [t for t in wrapped_doc if t.idx == WRAPPED.index("where")][0]
    assert not line_start.is_sent_start
    assert wrapped_doc[[t.i for t in wrapped_doc if t.idx == market][0]].is_sent_start  # after a full stop


@pytest.mark.model
def test_each_item_of_a_list_is_a_sentence_that_opens_with_its_bullet(nlp: Language) -> None:
    text = (
        "The plan has three points:\n\n - Upgrading security at arms stores as a temporary measure \n"
        " - Creating a new Global Safety Authority to tackle terrorism \n - Persuading countries to switch\n"
    )
    items = [s.text.strip() for s in nlp(text).sents if s.text.strip().startswith("-")]
    assert [i.split()[1] for i in items] == ["Upgrading", "Creating", "Persuading"]


@pytest.mark.model
def test_a_paragraphs_first_word_is_never_a_sentence_alone(nlp: Language) -> None:
    doc = nlp("Headline here\n\nNorway and Iceland signed a deal last week in Oslo.\n")
    sents = [s.text.strip() for s in doc.sents]
    assert sents == ["Headline here", "Norway and Iceland signed a deal last week in Oslo."]
    doc = nlp("GENEVA\n\nTalks ended. Both sides left.\n")
    assert [s.text.strip() for s in doc.sents] == ["GENEVA", "Talks ended.", "Both sides left."]
