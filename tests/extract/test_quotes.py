"""Quoted and reported speech (rule kg.quotes.v1), one form at a time, on hand-written news sentences.

The last tests resolve the speaker (kg.resolve.facts): a quote whose speaker is no entity is dropped.
"""

from __future__ import annotations

from collections.abc import Callable

import pytest
from spacy.language import Language

from kg.extract import extract
from kg.model import QUOTES, Article, Extraction, QuoteMention, Resolution

pytestmark = pytest.mark.model

Build = Callable[..., tuple[list[Extraction], Resolution]]


def quotes(nlp: Language, text: str) -> list[QuoteMention]:
    result = next(extract([Article("a0", "a0.txt", text, "")], nlp))
    assert isinstance(result, Extraction)
    for q in result.quotes:  # every quote's offsets are the words it holds, in the article's text
        assert text[q.quote.start : q.quote.end] == q.text
        assert text[q.prov.start : q.prov.end] == q.verb
        assert q.quote.extractor == q.prov.extractor == QUOTES
    return list(result.quotes)


def said(nlp: Language, text: str) -> list[tuple[str, str, str, float]]:
    return [(q.speaker.text, q.verb, q.text, q.confidence) for q in quotes(nlp, text)]


# reported speech: the clause after the speech verb


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        (
            "Foreign Minister Musalia Mudavadi said that the border with Somalia would reopen in July.",
            ("Musalia Mudavadi", "said", "the border with Somalia would reopen in July", 0.75),
        ),
        (
            "The World Health Organization warned that the outbreak could spread to Uganda.",
            ("World Health Organization", "warned", "the outbreak could spread to Uganda", 0.75),
        ),
        (
            "Mudavadi spoke to reporters. He said the border would reopen soon.",
            ("He", "said", "the border would reopen soon", 0.75),
        ),
    ],
)
def test_reported_speech_is_the_clause_the_verb_governs(
    nlp: Language, text: str, expected: tuple[str, str, str, float]
) -> None:
    assert said(nlp, text) == [expected]


def test_a_reported_quote_is_in_the_sentence_of_its_verb(nlp: Language) -> None:
    (q,) = quotes(nlp, "Mudavadi spoke to reporters. He said the border would reopen soon.")
    assert q.quote.sentence == q.prov.sentence == 1
    assert q.speaker.label == "PRON"  # resolution finds who "he" is


# quotations: the words between quotation marks before the speech verb


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ('"We will not give up on the Pacific," Penny Wong said.', ("Penny Wong", "said", "We will not give up")),
        ("“We will not give up on the Pacific,” Wong said.", ("Wong", "said", "We will not give up")),
        ('"The talks were useful," said Penny Wong.', ("Penny Wong", "said", "The talks were useful")),
        ("“We will not give up,” the minister said.", ("the minister", "said", "We will not give up")),
        (
            'Penny Wong told reporters: "We want stable relations with Beijing."',
            ("Penny Wong", "told", "We want stable relations with Beijing"),
        ),
    ],
)
def test_a_quotation_is_the_words_inside_the_marks(nlp: Language, text: str, expected: tuple[str, str, str]) -> None:
    (q,) = quotes(nlp, text)
    assert (q.speaker.text, q.verb) == expected[:2]
    assert q.text.startswith(expected[2])
    assert q.text[0] not in '“”"' and q.text[-1] not in '“”",.'
    assert text[q.quote.start - 1] in '“"'  # right after the opening mark
    assert q.confidence == 0.9


def test_a_quotation_can_span_a_paragraph_break(nlp: Language) -> None:
    text = (
        "Penny Wong spoke to reporters in Suva on Monday.\n\n"
        "“We will keep working with our Pacific partners on climate and on security,\n\n"
        "and we have a shared future in this region,” she said."
    )
    (q,) = quotes(nlp, text)
    assert q.text == (
        "We will keep working with our Pacific partners on climate and on security,\n\n"
        "and we have a shared future in this region"
    )
    assert (q.speaker.text, q.confidence) == ("she", 0.9)


def test_a_quotation_in_a_later_sentence_drops_its_opening_mark(nlp: Language) -> None:
    text = "Penny Wong arrived in Suva on Monday. “We will not give up on the Pacific,” she said."
    (q,) = quotes(nlp, text)
    assert (q.text, q.confidence) == ("We will not give up on the Pacific", 0.9)


def test_a_quotation_reopened_at_each_paragraph_is_whole(nlp: Language) -> None:
    text = (
        "Penny Wong spoke to reporters in Suva on Monday.\n\n"
        "“We will keep working with our Pacific partners on climate.\n\n"
        "“We have a shared future in this region,” she said."
    )
    (q,) = quotes(nlp, text)
    assert q.text.startswith("We will keep working")
    assert q.text.endswith("in this region")


# what is not a quote


@pytest.mark.parametrize(
    "text",
    [
        '"Yes," Wong said.',  # fewer than three words
        '"Not now," Penny Wong said.',
        "It is said that the border will reopen next month.",  # nobody named says it
        "Officials said that the border will reopen next month.",
        "Penny Wong spoke to reporters in Suva.",  # no words reported
        "The statement said the border would reopen soon.",  # a document, not a speaker
    ],
)
def test_no_quote_without_a_named_speaker_and_words(nlp: Language, text: str) -> None:
    assert quotes(nlp, text) == []


def test_one_quote_per_speech_verb(nlp: Language) -> None:
    text = (
        "Penny Wong said that the talks had been useful. Sitiveni Rabuka said that Fiji wanted more support "
        "for its fishing fleet."
    )
    assert [(s, t) for s, _, t, _ in said(nlp, text)] == [
        ("Penny Wong", "the talks had been useful"),
        ("Sitiveni Rabuka", "Fiji wanted more support for its fishing fleet"),
    ]


# after resolution: kept when the speaker resolves to an entity


def speaker(res: Resolution, key: str) -> str:
    return next(e.label for e in res.entities if e.key == key)


def test_the_minister_or_she_who_speaks_is_the_one_named_before(build: Build) -> None:
    _, res = build(
        "Foreign Minister Penny Wong arrived in Suva. The minister said that Australia would double its aid to Fiji.",
        "Penny Wong arrived in Suva on Monday. She said that Australia would double its aid to Tonga.",
    )
    assert [(q.mention.prov.doc_id, speaker(res, q.speaker), q.mention.text) for q in res.quotes] == [
        ("a0", "Penny Wong", "Australia would double its aid to Fiji"),
        ("a1", "Penny Wong", "Australia would double its aid to Tonga"),
    ]


@pytest.mark.parametrize(
    "text",
    [
        "The minister said that Australia would double its aid to Fiji.",  # no minister named
        # Penny Wong is named without a title: "the minister" stands for nobody
        "Penny Wong arrived in Suva on Monday. The minister said that Australia would double its aid to Fiji.",
        "She said that Australia would double its aid to Fiji.",  # nobody named before "she"
    ],
)
def test_a_quote_with_no_resolvable_speaker_is_dropped(build: Build, text: str) -> None:
    exs, res = build(text)
    assert len(exs[0].quotes) == 1
    assert res.quotes == ()


@pytest.mark.model
def test_a_country_speaks_for_its_government(nlp: Language) -> None:
    (q,) = quotes(nlp, "Australia said it would send aid to Tonga after the storm.")
    assert q.speaker.text == "Australia"
    assert q.text == "it would send aid to Tonga after the storm"


def test_a_straight_mark_after_a_space_opens_a_quotation(nlp: Language) -> None:
    # the mark before "The Regional Audit Board" opens the board's words; it closes nothing the board said
    text = (
        'Opposition spokesman John Carter said: "We are spending more money but the queues have grown longer. '
        '"The Regional Audit Board has said that the money is not being spent well, and that is quite a criticism."'
    )
    assert [(s, t) for s, _, t, _ in said(nlp, text)] == [
        ("John Carter", "We are spending more money but the queues have grown longer"),
        ("Regional Audit Board", "the money is not being spent well"),
    ]
