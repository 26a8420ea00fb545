"""Facts between resolved entities (kg.resolve.facts): relations and events, rule by rule (quotes: in
tests/extract/test_quotes.py).

Most tests extract and resolve hand-written articles (``build``); the first builds the extraction by hand, to
test the type checks on exactly the proposals it is given.
"""

from __future__ import annotations

from collections.abc import Callable

import pytest

from kg.model import RELATIONS, Article, Extraction, Mention, Provenance, RelationMention, Resolution, Sentence
from kg.resolve import resolve

Build = Callable[..., tuple[list[Extraction], Resolution]]
Triple = tuple[str, str, str]


def label(res: Resolution, key: str) -> str:
    return next(e.label for e in res.entities if e.key == key)


def rels(res: Resolution, predicate: str | None = None) -> set[Triple]:
    return {
        (label(res, r.subject), r.predicate, label(res, r.object))
        for r in res.relations
        if predicate is None or r.predicate == predicate
    }


def proposed(exs: list[Extraction], predicate: str) -> set[Triple]:
    return {(r.subject.text, r.predicate, r.object.text) for ex in exs for r in ex.links if r.predicate == predicate}


# relations the text states: both ends are entities of the right types


def test_each_relation_needs_ends_of_its_kinds(
    article: Callable[..., Article], mention: Callable[..., Mention]
) -> None:
    text = "Tallinn, Estonia, Kaja Kallas and the Nordic Council."
    names = {"Tallinn": "GPE", "Estonia": "GPE", "Kaja Kallas": "PERSON", "Nordic Council": "ORG"}
    ms = {n: mention(n, ner, text.index(n)) for n, ner in names.items()}
    kept = [("Estonia", "chairs", "Nordic Council"), ("Kaja Kallas", "chairs", "Nordic Council")]
    kept += [("Tallinn", "locatedIn", "Estonia")]
    dropped = [("Estonia", "chairs", "Kaja Kallas"), ("Estonia", "memberOf", "Kaja Kallas")]  # a country, a person
    dropped += [("Tallinn", "locatedIn", "Nordic Council"), ("Kaja Kallas", "cooperatesWith", "Estonia")]
    at = Provenance("a0", 0, 1, 0, RELATIONS)
    proposals = tuple(RelationMention(ms[s], p, ms[o], at, 0.8) for s, p, o in kept + dropped)
    sentences = (Sentence("a0", 0, 0, len(text), text),)
    res = resolve([Extraction(article(text), sentences, tuple(ms.values()), (), proposals)])
    assert rels(res) == set(kept)


@pytest.mark.model
@pytest.mark.parametrize(
    ("text", "predicate"),
    [
        ("Brazil's cooperation with Marina Silva was praised by observers.", "cooperatesWith"),  # a person
        ("The partnership between Ghana and Nigerians grew.", "cooperatesWith"),  # a demonym is no entity
        ("Sarah Mensah, from Accra, said doctors were leaving.", "memberOf"),  # NER said ORG; it is a city
    ],
)
def test_a_proposal_with_an_end_of_the_wrong_kind_is_dropped(build: Build, text: str, predicate: str) -> None:
    exs, res = build(text)
    assert proposed(exs, predicate)  # extraction proposed it; resolution drops it
    assert rels(res, predicate) == set()


@pytest.mark.model
@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("Sweden's chairmanship of the Nordic Council ended in December.", ("Sweden", "chairs", "Nordic Council")),
        ("Iceland is a member of the Council of Europe.", ("Iceland", "memberOf", "Council of Europe")),
        ("The cooperation between Kenya and Tanzania has grown.", ("Kenya", "cooperatesWith", "Tanzania")),
        ("The summit was held in Nairobi, Kenya, last week.", ("Nairobi", "locatedIn", "Kenya")),
        ("Delegates arrived in Paris, France, on Monday.", ("Paris", "locatedIn", "France")),
        ("Police in Austin, Texas, said the man had fled.", ("Austin", "locatedIn", "Texas")),  # a US state
        ("The festival moved to Park City, Utah, for 11 days.", ("Park City", "locatedIn", "Utah")),  # a small town
    ],
)
def test_a_stated_relation_between_two_entities_is_kept(build: Build, text: str, expected: Triple) -> None:
    _, res = build(text)
    assert rels(res) == {expected}


@pytest.mark.model
@pytest.mark.parametrize(
    "text",
    [
        "The conference in Porto, Spain was cancelled.",  # the gazetteer puts Porto in Portugal
        "Ministers met in Kenya, Nairobi on Monday.",  # the country is not in the city
    ],
)
def test_locatedin_needs_the_gazetteer_to_agree(build: Build, text: str) -> None:
    exs, res = build(text)
    assert proposed(exs, "locatedIn")
    assert rels(res, "locatedIn") == set()


@pytest.mark.model
@pytest.mark.parametrize(
    "text",
    [
        "The talks involved France, Germany and Italy.",  # a list of countries
        "Sales rose in Texas, California and Florida.",  # a list of states
        "Fans came from Chicago, Texas and Ohio.",  # a list of places, not a city in a state
        "Fans came from Chicago, Texas, or Ohio.",
    ],
)
def test_places_in_a_list_are_not_located_in_each_other(build: Build, text: str) -> None:
    exs, res = build(text)
    assert not proposed(exs, "locatedIn")
    assert rels(res, "locatedIn") == set()


@pytest.mark.model
def test_a_dateline_places_its_city_in_its_country_once_at_the_higher_confidence(build: Build) -> None:
    _, res = build("BUENOS AIRES, Argentina, May 4. The peso fell again.")
    assert rels(res) == {("Buenos Aires", "locatedIn", "Argentina")}
    assert [r.confidence for r in res.relations] == [0.9]


@pytest.mark.model
def test_a_one_word_dateline_city_is_the_gazetteer_city(build: Build) -> None:
    _, res = build(
        "GENEVA, Switzerland, June 2. The talks resumed on Friday.", "Diplomats gathered in Geneva on Monday."
    )
    assert [(e.label, e.kind) for e in res.entities if e.label.lower() == "geneva"] == [("Geneva", "City")]


# pronouns


@pytest.mark.model
def test_our_country_is_the_articles_country_or_nothing(build: Build) -> None:
    exs, res = build(
        "Ghana cooperates with the World Bank. The cooperation between our country and the African Union is growing.",
        "The cooperation between our country and the African Union is growing.",  # no country named
    )
    assert [len(ex.links) for ex in exs] == [2, 1]
    assert [(r.prov.doc_id, label(res, r.subject), label(res, r.object)) for r in res.relations] == [
        ("a0", "Ghana", "African Union"),
        ("a0", "Ghana", "World Bank"),
    ]


@pytest.mark.model
def test_he_is_the_person_named_before_it_and_nobody_when_none_is(build: Build) -> None:
    _, res = build(
        "William Ruto arrived in Kampala on Monday. He met Yoweri Museveni at State House.",
        "He met Paul Kagame in Kigali on Monday.",
    )
    agents = {
        m.trigger.prov.doc_id: {label(res, k) for r, k in e.arguments if r == "agent"}
        for e in res.events
        for m in e.mentions
    }
    assert agents == {"a0": {"William Ruto"}, "a1": set()}


# titles


@pytest.mark.model
@pytest.mark.parametrize(
    ("text", "expected"),
    [
        (
            "Jens Stoltenberg, Secretary General of NATO, arrived in Oslo.",
            {("holdsPosition", "NATO", "Secretary General"), ("headOf", "NATO", None)},
        ),
        (
            "NATO Secretary General Jens Stoltenberg arrived in Vilnius on Tuesday.",
            {("holdsPosition", "NATO", "Secretary General"), ("headOf", "NATO", None)},
        ),
        (  # a deputy holds a post but does not head the body
            "Mircea Geoana, deputy secretary general of NATO, spoke in Brussels.",
            {("holdsPosition", "NATO", "deputy secretary general")},
        ),
        (
            "Carlos Torres, chairman of BBVA, spoke to investors in Madrid.",
            {("holdsPosition", "BBVA", "chairman"), ("chairs", "BBVA", None)},
        ),
        (
            "Ghana Health Service spokesperson, Kwame Asante, said the outbreak was contained.",
            {
                ("holdsPosition", "Ghana Health Service", "spokesperson"),
                ("spokespersonOf", "Ghana Health Service", None),
            },
        ),
        ("Conservative MP Tobias Ellwood criticised the bill.", {("memberOf", "Conservative", None)}),
    ],
)
def test_a_title_gives_a_post_and_by_its_noun_a_relation(build: Build, text: str, expected: set) -> None:
    _, res = build(text)
    assert {(r.predicate, label(res, r.object), r.role) for r in res.relations} == expected
    assert all(r.prov.extractor == "kg.roles.v1" and r.confidence == 0.9 for r in res.relations)


@pytest.mark.model
def test_the_ministry_spokesperson_speaks_for_the_ministry_named_before(build: Build) -> None:
    text = (
        "Kenya's Foreign Ministry issued a statement on Monday. The ministry spokesperson, Mary Wanjiru, said the "
        "embassy would reopen."
    )
    _, res = build(text)
    assert rels(res) >= {("Mary Wanjiru", "spokespersonOf", "Foreign Ministry")}
    assert {r.confidence for r in res.relations if r.predicate == "spokespersonOf"} == {0.75}


@pytest.mark.model
@pytest.mark.parametrize(
    "text",
    [
        "The ministry spokesperson, Mary Wanjiru, said the embassy would reopen.",  # no ministry named before
        "Deputy Prime Minister Chrystia Freeland announced the budget.",  # a national office, no country
        "Coach Gareth Southgate named his squad.",  # not a national office, no body
    ],
)
def test_a_title_whose_body_is_unknown_gives_no_relation(build: Build, text: str) -> None:
    assert build(text)[1].relations == ()


@pytest.mark.model
def test_a_national_office_with_no_body_is_the_articles_countrys(build: Build) -> None:
    _, res = build("Kenya has raised fuel taxes. President William Ruto defended the plan in Nairobi on Monday.")
    assert rels(res) == {("William Ruto", "holdsPosition", "Kenya"), ("William Ruto", "headOf", "Kenya")}
    assert {r.confidence for r in res.relations} == {0.55}


@pytest.mark.model
def test_a_demonym_before_a_title_is_not_an_organisation(build: Build) -> None:
    _, res = build("German Chancellor Olaf Scholz arrived in Paris on Monday.")
    assert [e.label for e in res.entities if e.kind == "Organization"] == []
    assert ("Olaf Scholz", "holdsPosition", "Germany") in rels(res)  # the country the word stands for


# nationality (kg.affiliations.v1, then resolution): a nationality word stands for its country


@pytest.mark.model
def test_a_nationality_word_before_a_person_gives_their_nationality_and_a_state_post_a_post(build: Build) -> None:
    _, res = build(
        "He has two children with French singer Lea Martin, and once dated British model Kay Ross.",
        "The Israeli minister Dan Levy visited Paris. Former South African president Tom Baker backed the plan.",
    )
    found = rels(res)
    assert {("Lea Martin", "nationality", "France"), ("Kay Ross", "nationality", "United Kingdom")} <= found
    assert {("Dan Levy", "holdsPosition", "Israel"), ("Tom Baker", "holdsPosition", "South Africa")} <= found
    assert not {r for r in found if r[0] in ("Dan Levy", "Tom Baker") and r[1] == "nationality"}
    countries = {e.label: e for e in res.entities if e.kind == "Country"}
    assert {"France", "United Kingdom", "Israel", "South Africa"} <= set(countries)
    assert "French" not in countries["France"].aliases  # a nationality word is no name of its country
    assert [e.label for e in res.entities if e.kind == "Organization"] == []


@pytest.mark.model
def test_a_nationality_word_before_a_company_places_it_in_the_country(build: Build) -> None:
    _, res = build(
        "The Swiss giant Nestle said on Monday it would buy Acme.", "Japanese carmaker Toyota said profits rose."
    )
    assert {("Nestle", "locatedIn", "Switzerland"), ("Toyota", "locatedIn", "Japan")} <= rels(res)


@pytest.mark.model
def test_a_nationality_word_before_based_stands_for_its_country(build: Build) -> None:
    _, res = build("The Scottish-based firm Kestrel Lane Holdings said profits rose.")
    labels = {e.label: e.kind for e in res.entities}
    assert labels.get("Scotland") == "Region" and "Scottish" not in labels
    assert ("Kestrel Lane Holdings", "locatedIn", "Scotland") in rels(res)


@pytest.mark.model
def test_a_nationality_word_alone_names_no_country(build: Build) -> None:
    _, res = build("French voters went to the polls on Sunday. The British public was divided.")
    assert [e.label for e in res.entities if e.kind == "Country"] == []


# partOf by name


@pytest.mark.model
def test_an_organisation_named_after_another_is_part_of_it_but_not_by_one_shared_word(build: Build) -> None:
    _, res = build(
        "The African Union Commission met in Addis Ababa. The African Union has 55 members.",
        "The World Health Organization and the World Bank issued a joint report.",
    )
    assert rels(res, "partOf") == {("African Union Commission", "partOf", "African Union")}
    assert {r.prov.extractor for r in res.relations} == {"kg.partof.v1"}


@pytest.mark.model
def test_a_companys_regional_arm_stays_apart_and_is_part_of_it(build: Build) -> None:
    _, res = build(
        "Kestrel Mobile USA said on Monday that its new phone will go on sale in June.",
        "Kestrel Inc. reported higher profits on Tuesday. Kestrel said it would hire 500 engineers.",
    )
    kestrel = {frozenset(m.text for m in e.mentions): e for e in res.entities if e.label.startswith("Kestrel")}
    assert set(kestrel) == {frozenset({"Kestrel Mobile USA"}), frozenset({"Kestrel Inc.", "Kestrel"})}
    parent = kestrel[frozenset({"Kestrel Inc.", "Kestrel"})].label
    assert rels(res, "partOf") == {("Kestrel Mobile USA", "partOf", parent)}
    assert {r.prov.extractor for r in res.relations if r.predicate == "partOf"} == {"kg.partof.v1"}


@pytest.mark.model
def test_a_name_sharing_a_companys_first_word_without_a_place_is_not_its_arm(build: Build) -> None:
    _, res = build(
        "Kestrel Inc. reported higher profits on Tuesday. Kestrel said it would hire 500 engineers.",
        "Kestrel Robotics Foundation gave a grant to a school in Ohio.",
    )
    assert rels(res, "partOf") == set()


@pytest.mark.model
def test_a_party_is_not_part_of_another_countrys_party_whose_name_ends_its_own(build: Build) -> None:
    _, res = build(
        "Japan's Liberal Democratic Party won the election in Tokyo.",
        "The Democratic Party lost seats in the US Congress.",
    )
    assert rels(res, "partOf") == set()


# events: the same event told twice is one event with every source


@pytest.mark.model
def test_the_same_meeting_told_by_two_articles_is_one_event_with_both_sources(build: Build) -> None:
    _, res = build("Penny Wong met Sitiveni Rabuka in Suva on May 2, 2023.", "Penny Wong met Sitiveni Rabuka in Suva.")
    (ev,) = res.events
    assert [m.trigger.prov.doc_id for m in ev.mentions] == ["a0", "a1"]
    assert ev.time is not None and ev.time.value == "2023-05-02"  # the undated telling joins the dated one
    assert {label(res, k) for _, k in ev.arguments} == {"Penny Wong", "Sitiveni Rabuka"}
    assert label(res, ev.place or "") == "Suva"


@pytest.mark.model
@pytest.mark.parametrize(
    "second",
    [
        "Penny Wong met Sitiveni Rabuka in Suva on June 9, 2023.",  # another date
        "Penny Wong met Mark Brown in Suva on May 2, 2023.",  # someone else
        "Penny Wong visited Sitiveni Rabuka in Suva on May 2, 2023.",  # another kind of event
    ],
)
def test_different_meetings_stay_apart(build: Build, second: str) -> None:
    _, res = build("Penny Wong met Sitiveni Rabuka in Suva on May 2, 2023.", second)
    assert len(res.events) == 2
    assert all(len(e.mentions) == 1 for e in res.events)


@pytest.mark.model
def test_a_merged_event_does_not_list_its_agent_as_a_participant(build: Build) -> None:
    _, res = build(
        "Penny Wong met Sitiveni Rabuka in Suva on May 2, 2023.",
        "The meeting between Penny Wong and Sitiveni Rabuka in Suva focused on climate.",
    )
    (ev,) = res.events
    agents = {k for r, k in ev.arguments if r == "agent"}
    assert not agents & {k for r, k in ev.arguments if r == "participant"}


@pytest.mark.model
def test_a_meeting_during_a_dated_visit_has_the_visits_date(build: Build) -> None:
    _, res = build("President William Ruto met President Yoweri Museveni during his visit to Uganda on June 3, 2023.")
    dates = {e.type: e.time.value if e.time else None for e in res.events}
    assert dates == {"Meeting": "2023-06-03", "Visit": "2023-06-03"}


@pytest.mark.model
def test_an_announcement_of_a_visit_does_not_take_the_visits_date(build: Build) -> None:
    _, res = build("Japan announced that Prime Minister Fumio Kishida would visit Kenya on May 3, 2023.")
    (statement,) = [e for e in res.events if e.type == "Statement"]
    assert statement.time is None


@pytest.mark.model
def test_an_event_with_nothing_resolved_and_no_date_is_dropped(build: Build) -> None:
    exs, res = build(
        "The parliament approved the plan.", "The Senegalese parliament adopted the new constitution on July 2, 2021."
    )
    assert [len(ex.events) for ex in exs] == [1, 1]
    assert [(e.type, e.theme, e.mentions[0].trigger.prov.doc_id) for e in res.events] == [
        ("Adoption", "constitution", "a1")
    ]


@pytest.mark.model
def test_a_place_argument_that_is_no_place_is_a_participant(build: Build) -> None:
    _, res = build("William Ruto met Yoweri Museveni at State House on Monday.")
    (ev,) = res.events
    assert ev.place is None
    assert {(r, label(res, k)) for r, k in ev.arguments} == {
        ("agent", "William Ruto"),
        ("participant", "Yoweri Museveni"),
        ("participant", "State House"),
    }
