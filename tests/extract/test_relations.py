"""Relations the text states (rule kg.relations.v1), one rule at a time, on hand-written news sentences.

These are extraction's proposals between mentions; whether resolution keeps them (entity types, the gazetteer)
is tested in tests/resolve/test_facts.py.
"""

from __future__ import annotations

import pytest
from spacy.language import Language

from kg.extract import extract
from kg.extract.relations import dateline
from kg.model import RELATIONS, Article, Extraction

Triple = tuple[str, str, str]


def extraction(nlp: Language, text: str) -> Extraction:
    result = next(extract([Article("a0", "a0.txt", text, "")], nlp))
    assert isinstance(result, Extraction)
    return result


def links(nlp: Language, text: str) -> list[Triple]:
    return [(r.subject.text, r.predicate, r.object.text) for r in extraction(nlp, text).links]


# dateline(): no model


@pytest.mark.parametrize(
    ("text", "city", "country"),
    [
        ("GENEVA, Switzerland, June 2. The talks resumed.", "GENEVA", "Switzerland"),
        ("BUENOS AIRES, Argentina, May 4. The peso fell again.", "BUENOS AIRES", "Argentina"),
        ("ST. JOHN'S, Canada. Fishing boats stayed in port.", "ST. JOHN'S", "Canada"),
        ("  NAIROBI, Kenya. Rain fell.", "NAIROBI", "Kenya"),
    ],
)
def test_a_dateline_names_a_city_and_its_country(text: str, city: str, country: str) -> None:
    found = dateline(text, "a0", 0)
    assert found is not None
    a, b = found
    assert (a.text, b.text) == (city, country)
    assert text[a.prov.start : a.prov.end] == city
    assert text[b.prov.start : b.prov.end] == country
    assert (a.label, a.hint, a.prov.extractor) == ("GPE", "Place", RELATIONS)


@pytest.mark.parametrize(
    "text",
    [
        "Geneva, Switzerland, June 2. The talks resumed.",  # a city in running text, not a dateline
        "The GENEVA talks resumed on Friday.",
        "Talks resumed in GENEVA, Switzerland, on Friday.",  # not at the start
        "GENEVA - The talks resumed.",
    ],
)
def test_text_that_is_not_a_dateline_has_none(text: str) -> None:
    assert dateline(text, "a0", 0) is None


# cooperatesWith


@pytest.mark.model
@pytest.mark.parametrize(
    ("text", "expected"),
    [
        (
            "The cooperation between Kenya and Tanzania has grown over the past decade.",
            [("Kenya", "cooperatesWith", "Tanzania")],
        ),
        (
            "The collaboration between Chile and the European Space Agency produced a new satellite.",
            [("Chile", "cooperatesWith", "European Space Agency")],
        ),
        (
            "Norway's cooperation with the World Bank will continue, the minister said.",
            [("Norway", "cooperatesWith", "World Bank")],
        ),
        ("Portugal cooperates with UNESCO on heritage sites.", [("Portugal", "cooperatesWith", "UNESCO")]),
        (
            "Mexico partnered with the World Health Organization on vaccines.",
            [("Mexico", "cooperatesWith", "World Health Organization")],
        ),
        (
            "Finland and Sweden cooperate with NATO on air defence.",
            [("Finland", "cooperatesWith", "NATO"), ("Sweden", "cooperatesWith", "NATO")],
        ),
    ],
)
def test_cooperation_between_two_named_things(nlp: Language, text: str, expected: list[Triple]) -> None:
    assert links(nlp, text) == expected


@pytest.mark.model
def test_partners_listed_among_these_in_the_next_sentence_are_the_partners(nlp: Language) -> None:
    text = (
        "Norway actively cooperates with international organizations. Among these organizations, the United "
        "Nations, the World Bank and the OECD hold a special place."
    )
    assert links(nlp, text) == [
        ("Norway", "cooperatesWith", "United Nations"),
        ("Norway", "cooperatesWith", "World Bank"),
        ("Norway", "cooperatesWith", "OECD"),
    ]


@pytest.mark.model
@pytest.mark.parametrize(
    "text",
    [
        "The cooperation between the two countries is strong.",  # no names
        "Ghana cooperates with its neighbours on security.",  # a partner not named
        # a list not introduced by "among these organizations" is not the partners
        "Norway actively cooperates with international organizations. The United Nations, the World Bank and the "
        "OECD hold a special place.",
        # "among these countries" does not name the organisations cooperated with
        "Norway actively cooperates with international organizations. Among these countries, Sweden and Denmark "
        "hold a special place.",
    ],
)
def test_no_cooperation_without_two_named_ends(nlp: Language, text: str) -> None:
    assert [r for r in links(nlp, text) if r[1] == "cooperatesWith"] == []


# chairs


@pytest.mark.model
@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("Sweden's chairmanship of the Nordic Council ended in December.", ("Sweden", "chairs", "Nordic Council")),
        (
            "Estonia chairs the Council of the Baltic Sea States this year.",
            ("Estonia", "chairs", "Council of the Baltic Sea States"),
        ),
        (
            "Laura Chinchilla chairs the Inter-American Dialogue.",
            ("Laura Chinchilla", "chairs", "Inter-American Dialogue"),
        ),
    ],
)
def test_a_chairmanship_or_chairing_is_chairs(nlp: Language, text: str, expected: Triple) -> None:
    assert links(nlp, text) == [expected]


@pytest.mark.model
def test_chairing_a_meeting_is_not_chairing_an_organisation(nlp: Language) -> None:
    assert links(nlp, "Laura Chinchilla chaired the meeting in Lima on Monday.") == []


@pytest.mark.model
def test_chairs_confidence_is_higher_for_the_noun_than_the_verb(nlp: Language) -> None:
    text = "Sweden's chairmanship of the Nordic Council ended in December."
    noun = extraction(nlp, text).links[0]
    verb = extraction(nlp, "Estonia chairs the Council of the Baltic Sea States this year.").links[0]
    assert (noun.confidence, verb.confidence) == (0.85, 0.8)
    assert (noun.prov.extractor, noun.prov.sentence) == (RELATIONS, 0)
    assert text[noun.prov.start : noun.prov.end] == "chairmanship"  # the trigger


# memberOf


@pytest.mark.model
@pytest.mark.parametrize(
    ("text", "expected"),
    [
        (
            "Finland, a member of the European Union, joined NATO in 2023.",
            ("Finland", "memberOf", "European Union"),
        ),
        ("Iceland is a member of the Council of Europe.", ("Iceland", "memberOf", "Council of Europe")),
        (
            "Peter Okafor is a member of the African Union Commission.",
            ("Peter Okafor", "memberOf", "African Union Commission"),
        ),
        (
            "Sarah Mensah, from the Ghana Medical Association, said doctors were leaving.",
            ("Sarah Mensah", "memberOf", "Ghana Medical Association"),
        ),
    ],
)
def test_a_member_of_or_a_person_from_an_organisation_is_memberof(nlp: Language, text: str, expected: Triple) -> None:
    assert links(nlp, text) == [expected]


@pytest.mark.model
@pytest.mark.parametrize(
    "text",
    [
        "Kwame Boateng, a member of the ruling party, resigned.",  # the group is not named
        "Delegates from the World Health Organization arrived in Juba.",  # not "Name, from the ORG"
        "Sarah Mensah, from Ghana, said doctors were leaving.",  # from a place: where she is from
    ],
)
def test_no_membership_without_a_named_member_and_a_named_organisation(nlp: Language, text: str) -> None:
    assert [r for r in links(nlp, text) if r[1] == "memberOf"] == []


# partOf: "X's Y" between two organisations


@pytest.mark.model
@pytest.mark.parametrize(
    ("text", "expected"),
    [
        (
            "The Reserve Bank of India's Monetary Policy Committee raised rates.",
            ("Monetary Policy Committee", "partOf", "Reserve Bank of India"),
        ),
        ("The European Union's Court of Justice ruled on Tuesday.", ("Court of Justice", "partOf", "European Union")),
    ],
)
def test_an_organisations_organisation_is_part_of_it(nlp: Language, text: str, expected: Triple) -> None:
    assert links(nlp, text) == [expected]


@pytest.mark.model
def test_a_countrys_organisation_is_not_part_of_it_by_this_rule(nlp: Language) -> None:
    assert [r for r in links(nlp, "Kenya's Central Bank raised rates.") if r[1] == "partOf"] == []


# locatedIn: "City, Country" and datelines


@pytest.mark.model
@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("The summit was held in Nairobi, Kenya, last week.", ("Nairobi", "locatedIn", "Kenya")),
        ("Delegates arrived in Lyon, France, on Monday.", ("Lyon", "locatedIn", "France")),
    ],
)
def test_a_place_comma_place_is_proposed_as_locatedin(nlp: Language, text: str, expected: Triple) -> None:
    ex = extraction(nlp, text)
    assert [(r.subject.text, r.predicate, r.object.text) for r in ex.links] == [expected]
    assert ex.links[0].confidence == 0.7
    assert text[ex.links[0].prov.start : ex.links[0].prov.end] == ","


@pytest.mark.model
@pytest.mark.parametrize(
    "text",
    ["Ministers from Kenya and Uganda met in Nairobi.", "The Nairobi office of the Kenya Red Cross reopened."],
)
def test_places_not_separated_by_a_comma_are_not_located(nlp: Language, text: str) -> None:
    places = {"Kenya", "Uganda", "Nairobi"}
    assert [r for r in links(nlp, text) if r[1] == "locatedIn" and {r[0], r[2]} <= places] == []


@pytest.mark.model
def test_a_dateline_is_a_locatedin_link_at_the_start_of_the_article(nlp: Language) -> None:
    text = "GENEVA, Switzerland, June 2. The talks on the ceasefire resumed on Friday."
    ex = extraction(nlp, text)
    dated = [r for r in ex.links if r.confidence == 0.9]
    assert [(r.subject.text, r.predicate, r.object.text) for r in dated] == [("GENEVA", "locatedIn", "Switzerland")]
    assert (dated[0].prov.start, dated[0].prov.end) == (0, len("GENEVA, Switzerland"))
    assert {(m.text, m.hint) for m in ex.mentions} >= {("GENEVA", "Place"), ("Switzerland", "Place")}


@pytest.mark.model
def test_a_dateline_inside_a_later_paragraph_is_not_the_articles(nlp: Language) -> None:
    ex = extraction(nlp, "The talks resumed on Friday.\n\nGENEVA, Switzerland, June 2. Delegates arrived.")
    assert [r for r in ex.links if r.confidence == 0.9] == []


@pytest.mark.model
def test_a_relation_carries_its_sentence_and_the_span_of_its_trigger(nlp: Language) -> None:
    text = "Rain fell in Nairobi on Monday. The cooperation between Kenya and Tanzania has grown."
    (link,) = extraction(nlp, text).links
    assert link.prov.sentence == 1
    assert text[link.prov.start : link.prov.end] == "cooperation"
    assert link.confidence == 0.8
