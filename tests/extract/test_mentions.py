"""From a parsed Doc to mentions, and the extract() driver: offsets, sentences, rules' provenance, one mention a
span, publisher mentions, and a failing article skipped without stopping the batch."""

from __future__ import annotations

from collections.abc import Callable
from datetime import date

import pytest
from spacy.language import Language

import kg.extract
from kg.extract import extract
from kg.extract.mentions import drop_nested, entity_mentions, publisher_mention, role_mentions, sentence_of, sentences
from kg.model import (
    DATES,
    NER,
    PUBLISHER,
    ROLE_PHRASE,
    ROLES,
    Article,
    Extraction,
    Mention,
    Sentence,
    Skipped,
    TimeValue,
)

TEXT = (
    "Mr. Boric thanked the ministry spokesperson, Mr. Luis Ortega, for the briefing. "
    "The minister met Chilean President Gabriel Boric on 3 March 2024."
)


# sentences and sentence_of (no model)


def test_sentence_of_finds_the_sentence_holding_a_character() -> None:
    sents = [Sentence("a0", 0, 0, 10, "x"), Sentence("a0", 1, 11, 20, "y"), Sentence("a0", 2, 21, 30, "z")]
    assert [sentence_of(sents, c) for c in (0, 9, 11, 15, 21, 29)] == [0, 0, 1, 1, 2, 2]
    assert sentence_of([], 5) == 0


def test_drop_nested_keeps_the_longer_of_two_overlapping_mentions(mention: Callable[..., Mention]) -> None:
    outer = mention("Evangelical Alliance of Kenya", "ORG", 4)
    inner = mention("Kenya", "GPE", 28)
    after = mention("Nairobi", "GPE", 40)
    assert drop_nested([inner, after, outer]) == [outer, after]


def test_publisher_mention_is_an_organisation_at_the_given_span() -> None:
    text = "SANTIAGO (Cooperativa) - The Senate voted on Monday."
    art = Article("a0", "a0.txt", text, "", publisher="Cooperativa", publisher_span=(10, 21))
    m = publisher_mention(art, [])
    assert m is not None and (m.text, m.label, m.hint, m.prov.extractor) == (
        "Cooperativa",
        "ORG",
        "Organization",
        PUBLISHER,
    )
    assert publisher_mention(Article("a1", "a1.txt", text, ""), []) is None


# mentions from real Docs


@pytest.mark.model
def test_sentences_carry_offsets_into_the_article_text(nlp: Language) -> None:
    sents = sentences(nlp(TEXT), "a0", 0, 0)
    assert [s.index for s in sents] == [0, 1]
    assert all(TEXT[s.start : s.end] == s.text for s in sents)
    shifted = sentences(nlp(TEXT), "a0", 1000, 5)
    assert [(s.index, s.start) for s in shifted] == [(5, 1000), (6, 1000 + sents[1].start)]


@pytest.mark.model
def test_role_mentions_give_titled_people_their_roles_and_keep_honorifics_out(nlp: Language) -> None:
    doc = nlp(TEXT)
    found, roles = role_mentions(doc, "a0", 0, sentences(doc, "a0", 0, 0))
    people = {(m.text, m.hint, m.prov.extractor) for m in found if m.label == "PERSON"}
    assert people == {("Boric", "Person", ROLES), ("Luis Ortega", "Person", ROLES), ("Gabriel Boric", "Person", ROLES)}
    assert {(r.person.text, r.title, r.head) for r in roles} == {
        ("Luis Ortega", "the ministry spokesperson", "spokesperson"),
        ("Gabriel Boric", "Chilean President", "president"),
    }  # "Mr." makes Boric a person but is no position
    title = next(r for r in roles if r.head == "president")
    assert TEXT[title.prov.start : title.prov.end] == "Chilean President" and title.prov.sentence == 1


@pytest.mark.model
def test_role_phrases_are_role_mentions_with_their_role_noun(nlp: Language) -> None:
    doc = nlp(TEXT)
    found, _ = role_mentions(doc, "a0", 0, sentences(doc, "a0", 0, 0))
    assert [(m.text, m.role, m.prov.extractor) for m in found if m.label == "ROLE"] == [
        ("The minister", "minister", ROLE_PHRASE)
    ]


@pytest.mark.model
def test_entity_mentions_are_trimmed_names_and_dated_dates(nlp: Language) -> None:
    doc = nlp(TEXT)
    found = entity_mentions(doc, "a0", 0, sentences(doc, "a0", 0, 0), None)
    names = [(m.text, m.label) for m in found if m.prov.extractor == NER]
    assert ("Boric", "PERSON") in names and ("Luis Ortega", "PERSON") in names
    assert all(TEXT[m.prov.start : m.prov.end] == m.text for m in found)
    dated = [m for m in found if m.prov.extractor == DATES]
    assert [(m.text, m.time) for m in dated] == [("3 March 2024", TimeValue("2024-03-03", "date"))]


@pytest.mark.model
def test_relative_dates_need_the_publication_date(nlp: Language) -> None:
    text = "The Senate voted on Monday."
    doc = nlp(text)
    sents = sentences(doc, "a0", 0, 0)
    assert [m for m in entity_mentions(doc, "a0", 0, sents, None) if m.label == "DATE"] == []
    dated = [m for m in entity_mentions(doc, "a0", 0, sents, date(2024, 3, 6)) if m.label == "DATE"]
    assert [m.time for m in dated] == [TimeValue("2024-03-04", "date")]


@pytest.mark.model
def test_a_grown_organisation_swallows_the_country_mention_inside_it(nlp: Language) -> None:
    text = "The Evangelical Alliance of Kenya called for calm."
    doc = nlp(text)
    found = entity_mentions(doc, "a0", 0, sentences(doc, "a0", 0, 0), None)
    assert [(m.text, m.label) for m in found] == [("Evangelical Alliance of Kenya", "ORG")]


# extract()


@pytest.mark.model
def test_extract_yields_one_result_per_article_in_order_with_one_mention_per_span(
    nlp: Language, article: Callable[..., Article]
) -> None:
    arts = [article(TEXT, "a0"), article("Flights resumed at Heathrow airport.", "a1"), article("Rain.", "a2")]
    results = list(extract(arts, nlp))
    assert [r.article.id for r in results if isinstance(r, Extraction)] == ["a0", "a1", "a2"]
    first = results[0]
    assert isinstance(first, Extraction)
    spans = [(m.prov.start, m.prov.end) for m in first.mentions]
    assert spans == sorted(set(spans))  # text order, no span twice
    ortega = next(m for m in first.mentions if m.text == "Luis Ortega")
    assert ortega.hint == "Person" and ortega.prov.extractor == ROLES  # the rule's mention wins over the model's
    assert [s.index for s in first.sentences] == [0, 1]
    assert len(first.roles) == 2


@pytest.mark.model
def test_extract_adds_the_publisher_mention(nlp: Language) -> None:
    text = "SANTIAGO (Cooperativa) - The Senate voted on Monday."
    art = Article("a0", "a0.txt", text, "", publisher="Cooperativa", publisher_span=(10, 21))
    (result,) = extract([art], nlp)
    assert isinstance(result, Extraction)
    assert ("Cooperativa", PUBLISHER) in [(m.text, m.prov.extractor) for m in result.mentions]


@pytest.mark.model
def test_a_failing_article_is_skipped_and_the_batch_goes_on(
    nlp: Language, article: Callable[..., Article], monkeypatch: pytest.MonkeyPatch
) -> None:
    real = kg.extract.entity_mentions

    def flaky(doc, doc_id, *args):  # type: ignore[no-untyped-def]
        if doc_id == "bad":
            raise ValueError("boom")
        return real(doc, doc_id, *args)

    monkeypatch.setattr(kg.extract, "entity_mentions", flaky)
    arts = [article("Chile won.", "a0"), article("Peru lost.", "bad"), article("Bolivia drew.", "a2")]
    results = list(extract(arts, nlp))
    assert [type(r).__name__ for r in results] == ["Extraction", "Skipped", "Extraction"]
    skipped = results[1]
    assert isinstance(skipped, Skipped)
    assert (skipped.source, skipped.code) == ("bad.txt", "K202") and "ValueError: boom" in skipped.reason


@pytest.mark.model
def test_a_name_before_based_is_a_place(nlp: Language) -> None:
    text = "Dell, the Austin, Texas-based computer maker, said sales rose. The Leeds-based bank agreed."
    doc = nlp(text)
    found = entity_mentions(doc, "a0", 0, sentences(doc, "a0", 0, 0), None)
    places = {m.text for m in found if m.hint == "Place"}
    assert {"Austin", "Texas", "Leeds"} <= places
    assert all(m.label == "GPE" for m in found if m.text in ("Austin", "Texas", "Leeds"))


@pytest.mark.model
def test_a_possessive_list_is_split_into_its_names(nlp: Language) -> None:
    text = "Prices of Norway's Ekofisk, Russia's Urals and Britain's Brent rose on Monday."
    doc = nlp(text)
    found = entity_mentions(doc, "a0", 0, sentences(doc, "a0", 0, 0), None)
    names = [m.text for m in found if m.label != "DATE"]
    assert not any("," in n for n in names), names
    assert {"Norway", "Ekofisk", "Russia", "Urals", "Britain", "Brent"} <= set(names)


@pytest.mark.model
def test_an_acronym_a_name_defines_in_brackets_is_a_mention_of_it(nlp: Language) -> None:
    text = "The party joined the opposition led by the Democratic Party of Freedonia ( DPF ) and the Greens."
    result = next(extract([Article("a0", "a0.txt", text, "")], nlp))
    assert isinstance(result, Extraction)
    found = {m.text: m for m in result.mentions}
    assert found["DPF"].label == found["Democratic Party of Freedonia"].label == "ORG"
    assert text[found["DPF"].prov.start : found["DPF"].prov.end] == "DPF"
    alone = next(extract([Article("a1", "a1.txt", "He said (AB) was wrong.", "")], nlp))
    assert isinstance(alone, Extraction) and "AB" not in {m.text for m in alone.mentions}  # no name before it
