"""One organisation, one node across articles: legal forms, trade words and short names (kg.orgs.v1), names
the model missed where the corpus knows them (kg.names.v1), and middle names (kg.surnames.v1)."""

from __future__ import annotations

from collections.abc import Callable

import pytest

from kg.model import Extraction, Resolution
from kg.resolve.gazetteer import Gazetteer, gazetteer
from kg.resolve.orgs import has_legal_form, is_regional_arm, short_name, without_legal_form
from kg.resolve.rescan import NAMES

Build = Callable[..., tuple[list[Extraction], Resolution]]


@pytest.mark.parametrize(
    ("name", "expected"),
    [
        ("Northwind Co.", "northwind"),
        ("The Northwind Company", "northwind"),
        ("Orion, Inc.", "orion"),
        ("Vexa Holdings plc", "vexa"),
        ("Siemens AG", "siemens"),
        ("Ford Motor Co.", "ford motor"),
        ("Northwind", None),  # nothing to drop
        ("Holdings", None),  # nothing would be left
        ("The Group", None),
    ],
)
def test_legal_forms_are_dropped(name: str, expected: str | None) -> None:
    assert without_legal_form(name) == expected


@pytest.mark.parametrize(
    ("name", "expected"),
    [
        ("Vexa Technologies", "vexa"),
        ("ACS Data Systems", "acs"),
        ("Vexa Technologies Inc.", "vexa"),
        ("Orion Airlines", "orion"),
        ("Technologies", None),
        ("BBC Radio 4", None),  # a unit, not a trade word
    ],
)
def test_short_names(name: str, expected: str | None) -> None:
    assert short_name(name) == expected


@pytest.mark.parametrize(
    ("name", "expected"),
    [("Kestrel Inc.", True), ("Northwind Co.", True), ("Vexa plc", True), ("Orion, Inc.", True), ("Co.", False)]
    + [("John Cox", False), ("Kestrel Group", False)],  # "Group" may name a band or a party's faction
)
def test_a_name_with_a_companys_legal_form(name: str, expected: bool) -> None:
    assert has_legal_form(name) is expected


@pytest.mark.model
def test_a_name_with_a_legal_form_is_an_organisation_whatever_the_model_says(build: Build) -> None:
    _, res = build("Kestrel Inc. reported higher profits on Tuesday. Kestrel said it would hire 500 engineers.")
    (kestrel,) = [e for e in res.entities if e.label.startswith("Kestrel")]
    assert kestrel.kind == "Organization"


@pytest.mark.parametrize(
    ("rest", "expected"),
    [
        ("Mobile USA", True),  # "Vertex Mobile USA"
        ("Europe", True),
        ("Motor North America Inc.", True),
        ("UK Ltd", True),
        ("Health Organization", False),  # no place: "World Health Organization" is not part of "World"
        ("Robotics Foundation", False),
        ("Mobile", False),  # a city's name, but a trade word here, and no place after it
        ("Boston", False),  # a city: a team or an office, not a company's national arm
        ("Grand Europe", False),  # a word of no trade before the place
    ],
)
def test_a_regional_arm_is_trade_words_then_a_country_or_region(gaz: Gazetteer, rest: str, expected: bool) -> None:
    assert is_regional_arm(rest.split(), gaz) is expected


@pytest.fixture(scope="module")
def gaz() -> Gazetteer:
    return gazetteer()


def _groups(res: Resolution) -> set[frozenset[str]]:
    return {frozenset(m.text for m in e.mentions) for e in res.entities}


@pytest.mark.model
def test_legal_forms_short_names_and_acronyms_join_across_articles(build: Build) -> None:
    _, res = build(
        "Northwind Co. said on Monday that profits rose. Vexa Technologies bought ACS Data Systems.",
        "Northwind Company shares fell. Analysts said ACS confirmed the deal with chipmaker Vexa.",
    )
    groups = _groups(res)
    assert frozenset({"Northwind Co.", "Northwind Company"}) in groups
    assert frozenset({"ACS Data Systems", "ACS"}) in groups
    assert frozenset({"Vexa Technologies", "Vexa"}) in groups


@pytest.mark.model
def test_a_short_name_with_two_long_forms_stays_apart(build: Build) -> None:
    _, res = build("Vexa Technologies and Vexa Mining reported results.", "Analysts said chipmaker Vexa grew.")
    vexa = [e for e in res.entities if {m.text for m in e.mentions} & {"Vexa"}]
    assert len(vexa) == 1 and {m.text for m in vexa[0].mentions} == {"Vexa"}


@pytest.mark.model
def test_a_name_the_model_missed_is_found_where_the_corpus_knows_it(build: Build) -> None:
    exs, res = build(
        "Northwind Co. said on Monday that profits rose.",
        "Analysts at Northwind praised the results on Tuesday.",
    )
    found = [m for m in exs[1].mentions if m.text == "Northwind"]
    assert not found  # the model alone misses it...
    entity = next(e for e in res.entities if e.label.startswith("Northwind"))
    again = [m for m in entity.mentions if m.prov.doc_id == "a1"]
    assert [(m.text, m.prov.extractor) for m in again] == [("Northwind", NAMES)]  # ...resolution finds it
    text = exs[1].article.text
    assert all(text[m.prov.start : m.prov.end] == m.text for m in again)


@pytest.mark.model
def test_a_middle_name_joins_only_a_single_candidate(build: Build) -> None:
    _, res = build("John Robert Miller, the chief executive, agreed.", "John Miller said it was a good deal.")
    assert frozenset({"John Robert Miller", "John Miller"}) in _groups(res)
    _, res = build("John Robert Miller and John Edward Miller agreed.", "John Miller said it was a good deal.")
    assert frozenset({"John Miller"}) in _groups(res)


@pytest.mark.model
def test_a_nickname_joins_the_one_person_of_that_surname_with_the_full_first_name(build: Build) -> None:
    _, res = build("Frederick LaRue, the aide, testified on Monday.", "Fred LaRue said it was a good deal.")
    assert frozenset({"Frederick LaRue", "Fred LaRue"}) in _groups(res)
    _, res = build("Christine Evans testified on Monday.", "Chris Evans said it was a good deal.")
    assert frozenset({"Chris Evans"}) in _groups(res)  # a nickname for her, but "Chris" is a man's name here
    _, res = build("Frederick LaRue and Alfred LaRue testified on Monday.", "Fred LaRue said it was a good deal.")
    assert frozenset({"Fred LaRue"}) in _groups(res)  # two candidates: neither


@pytest.mark.model
def test_a_surname_alone_goes_to_the_person_the_corpus_names_most(build: Build) -> None:
    _, res = build(
        "Adam Kowalczyk spoke in Chicago. Adam Kowalczyk met the governor. Adam Kowalczyk left on Monday.",
        "Maria Kowalczyk visited a school in Ohio.",
        "Kowalczyk said the economy was growing.",
    )
    groups = _groups(res)
    assert frozenset({"Adam Kowalczyk", "Kowalczyk"}) in groups
    assert frozenset({"Maria Kowalczyk"}) in groups
    _, res = build("Adam Kowalczyk spoke.", "Maria Kowalczyk visited a school.", "Kowalczyk said it was growing.")
    assert frozenset({"Kowalczyk"}) in _groups(res)  # no one far more named: the surname stays alone


@pytest.mark.model
def test_a_team_named_short_joins_the_one_named_after_its_city(build: Build) -> None:
    _, res = build("The Boston Red Sox beat the New York Yankees on Sunday.", "The Red Sox signed a pitcher.")
    assert frozenset({"Boston Red Sox", "Red Sox"}) in _groups(res)


@pytest.mark.model
def test_a_nickname_and_a_particle_surname_join_the_full_name(build: Build) -> None:
    _, res = build(
        'Vincent "The Chin" Gigante died in prison. Gaetano Lo Presti was arrested in Palermo.',
        "Vincent Gigante was 77. Police said Lo Presti had led the family.",
    )
    groups = _groups(res)
    assert any({'Vincent "The Chin" Gigante', "Vincent Gigante"} <= g for g in groups), groups
    assert any({"Gaetano Lo Presti", "Lo Presti"} <= g for g in groups), groups


@pytest.mark.model
def test_a_british_or_hyphenated_spelling_is_the_same_place(build: Build) -> None:
    _, res = build(
        "The Kestrel Treatment Centre in Ohio opened on Monday.",
        "Patients at the Kestrel Treatment Center were moved on Tuesday.",
    )
    assert frozenset({"Kestrel Treatment Centre", "Kestrel Treatment Center"}) in _groups(res)


@pytest.mark.model
def test_a_noun_or_nationality_before_a_full_name_does_not_make_another_person(build: Build) -> None:
    _, res = build(
        "Comedian Ellen Baxter will host the awards.",
        "Ellen Baxter said the show would be short.",
        "Ellen Mary Baxter, a nurse from Ohio, won the lottery.",  # so the middle-name rule cannot choose
    )
    assert any({"Comedian Ellen Baxter", "Ellen Baxter"} <= g for g in _groups(res)), _groups(res)


@pytest.mark.parametrize(
    ("name", "key"),
    [("Betty Ford Centre", "betty ford center"), ("SAP-Arena", "sap arena"), ("Labour Party", "labour party")],
)
def test_spelling_key(name: str, key: str) -> None:
    from kg.resolve.across import spelling_key

    assert spelling_key(name) == key


def _article(doc: str, text: str, labelled: list[tuple[int, str]]) -> Extraction:
    from kg.model import Article, Mention, Provenance, Sentence

    sentences = []
    start = 0
    for i, part in enumerate(text.split(". ")):
        sentences.append(Sentence(doc, i, start, start + len(part), part))
        start += len(part) + 2
    mentions = []
    for nth, label in labelled:
        at = -1
        for _ in range(nth + 1):
            at = text.index("Varga", at + 1)
        mentions.append(Mention("Varga", label, Provenance(doc, at, at + 5, 0, "kg.ner.v1")))
    return Extraction(Article(doc, doc, text, ""), tuple(sentences), tuple(mentions))


def test_a_name_found_again_takes_the_label_the_model_gives_it_most(gaz: Gazetteer) -> None:
    from kg.resolve.rescan import found_again

    once = _article("a", "Varga said no. And Varga left", [(0, "ORG")])
    more = _article("b", "Varga smiled. Then Varga went home. And Varga slept", [(0, "PERSON"), (1, "PERSON")])
    again = found_again([once, more], gaz)
    added = [(ex.article.id, m.label) for ex in again for m in ex.mentions if m.prov.extractor == NAMES]
    assert added == [("a", "PERSON"), ("b", "PERSON")]  # an organisation once, a person twice: a person's name
    alone = found_again([once], gaz)
    assert [m.label for m in alone[0].mentions if m.prov.extractor == NAMES] == ["ORG"]
