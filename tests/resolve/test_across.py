"""Resolution across articles (kg.resolve.across) and the whole of resolve(): keys, merging, types, labels, links.

Clusters are built by hand for the merge rules; the end-to-end cases run extraction on hand-written articles.
"""

from __future__ import annotations

from collections.abc import Callable

import pytest

from kg.model import Entity, Extraction, Link, Mention, Provenance, Resolution
from kg.resolve.across import Cluster, article_country, group_key, keys, merge, place_key, place_of
from kg.resolve.gazetteer import Gazetteer, gazetteer

Build = Callable[..., tuple[list[Extraction], Resolution]]
CHILE = (Link("geonames", "3895114"), Link("iso3166", "CL"))


@pytest.fixture(scope="module")
def gaz() -> Gazetteer:
    return gazetteer()


def m(text: str, label: str, doc: str = "a0", start: int = 0, **kw: str) -> Mention:
    return Mention(text, label, Provenance(doc, start, start + len(text), 0, "test"), **kw)  # type: ignore[arg-type]


def merged(gaz: Gazetteer, *clusters: tuple[list[Mention], str | None]) -> list[list[str]]:
    """Merge one cluster per (mentions, article country); each result as its mentions' texts."""
    cs = [Cluster(i, ms, country) for i, (ms, country) in enumerate(clusters)]
    return sorted([m.text for c in group for m in c.mentions] for group in merge(cs, gaz))


# keys


@pytest.mark.parametrize(
    ("names", "key"),
    [
        (("Labour Party", "Labour party", "Labour"), "labour"),
        (("Conservatives", "Conservative Party", "Conservative"), "conservative"),
        (("Liberal Democrats", "Liberal Democrat"), "liberal democrat"),
        (("Communities", "Community"), "community"),
        (("Press",), "press"),  # a double s is not a plural
    ],
)
def test_group_key_folds_party_and_plurals(names: tuple[str, ...], key: str) -> None:
    assert {group_key(n) for n in names} == {key}


def test_place_key_prefers_the_geonames_id(gaz: Gazetteer) -> None:
    assert place_key(gaz.lookup("Republic of Chile")) == place_key(gaz.lookup("Chile")) == "geo:geonames:3895114"  # type: ignore[arg-type]


def test_a_cluster_names_a_place_unless_a_rule_says_it_is_a_person(gaz: Gazetteer) -> None:
    place = place_of(Cluster(0, [m("Republic of Chile", "GPE")], None), gaz)
    assert place is not None and place.iso3166 == "CL"
    assert place_of(Cluster(1, [m("Jordan", "PERSON", hint="Person")], None), gaz) is None
    assert place_of(Cluster(2, [m("Michael Jordan", "PERSON"), m("Jordan", "PERSON")], None), gaz) is None


def test_an_organisations_acronym_does_not_make_it_a_city(gaz: Gazetteer) -> None:
    cluster = Cluster(0, [m("Organization of American States", "ORG"), m("OAS", "ORG")], None)
    assert place_of(cluster, gaz) is None


def test_keys_never_use_the_models_label(gaz: Gazetteer) -> None:
    assert keys(Cluster(0, [m("Codelco", "ORG")], None), gaz) == keys(Cluster(1, [m("Codelco", "GPE")], None), gaz)


def test_a_lone_surname_has_no_key_of_its_own(gaz: Gazetteer) -> None:
    assert keys(Cluster(0, [m("Patel", "PERSON")], None), gaz) == set()
    assert keys(Cluster(1, [m("Priya Patel", "PERSON")], None), gaz) == {"name:priya patel"}


def test_article_country_is_the_first_country_named_not_a_person(gaz: Gazetteer) -> None:
    groups = [[m("Jordan", "PERSON", start=0)], [m("Lima", "GPE", start=10)], [m("Peru", "GPE", start=20)]]
    assert article_country([*groups, [m("Chile", "GPE", start=30)]], gaz) == "PE"
    assert article_country([[m("Lima", "GPE")]], gaz) is None


# merge


def test_a_country_by_two_names_is_one(gaz: Gazetteer) -> None:
    found = merged(gaz, ([m("Republic of Chile", "GPE")], None), ([m("Chile", "GPE", "a1")], None))
    assert found == [["Republic of Chile", "Chile"]]


def test_a_ministry_by_two_wordings_is_one_and_two_countries_ministries_are_two(gaz: Gazetteer) -> None:
    found = merged(
        gaz,
        ([m("Chilean Foreign Ministry", "ORG")], None),
        ([m("Foreign Ministry", "ORG", "a1")], "CL"),  # an article about Chile
        ([m("Chile's Foreign Ministry", "ORG", "a2")], "PE"),
        ([m("Peruvian Foreign Ministry", "ORG", "a3")], None),
    )
    assert found == [
        ["Chilean Foreign Ministry", "Foreign Ministry", "Chile's Foreign Ministry"],
        ["Peruvian Foreign Ministry"],
    ]


def test_ministry_of_foreign_affairs_of_a_country_is_its_foreign_ministry(gaz: Gazetteer) -> None:
    found = merged(
        gaz,
        ([m("Chilean Foreign Ministry", "ORG")], None),
        ([m("Ministry of Foreign Affairs of Chile", "ORG", "a1")], None),
    )
    assert len(found) == 1


def test_people_with_one_surname_and_different_first_names_stay_apart(gaz: Gazetteer) -> None:
    found = merged(gaz, ([m("Adam Smith", "PERSON")], None), ([m("Joan Smith", "PERSON", "a1")], None))
    assert found == [["Adam Smith"], ["Joan Smith"]]


def test_a_lone_surname_joins_the_one_person_of_the_corpus_with_it(gaz: Gazetteer) -> None:
    found = merged(gaz, ([m("Priya Patel", "PERSON", hint="Person")], None), ([m("Patel", "PERSON", "a1")], None))
    assert found == [["Priya Patel", "Patel"]]


def test_a_lone_surname_of_several_people_stays_apart_but_joins_the_same_lone_surname(gaz: Gazetteer) -> None:
    found = merged(
        gaz,
        ([m("Priya Patel", "PERSON")], None),
        ([m("Axar Patel", "PERSON", "a1")], None),
        ([m("Patel", "PERSON", "a2")], None),
        ([m("Patel", "PERSON", "a3")], None),
    )
    assert found == [["Axar Patel"], ["Patel", "Patel"], ["Priya Patel"]]


def test_a_lone_acronym_joins_its_one_long_form(gaz: Gazetteer) -> None:
    found = merged(gaz, ([m("EU", "ORG")], None), ([m("European Union", "ORG", "a1")], None))
    assert found == [["EU", "European Union"]]


def test_a_lone_acronym_with_two_possible_long_forms_stays_alone(gaz: Gazetteer) -> None:
    found = merged(
        gaz,
        ([m("International Criminal Court", "ORG")], None),
        ([m("International Cricket Council", "ORG", "a1")], None),
        ([m("ICC", "ORG", "a2")], None),
    )
    assert found == [["ICC"], ["International Cricket Council"], ["International Criminal Court"]]


def test_an_acronym_defined_in_one_article_links_articles_that_only_use_it(gaz: Gazetteer) -> None:
    found = merged(
        gaz,
        ([m("European Union", "ORG"), m("EU", "ORG", start=20)], None),
        ([m("EU", "ORG", "a1")], None),
        ([m("Eurovision Union", "ORG", "a2")], None),  # same initials, but "EU" already has its long form
    )
    assert ["European Union", "EU", "EU"] in found


def test_parties_merge_by_group_key(gaz: Gazetteer) -> None:
    found = merged(gaz, ([m("Conservatives", "NORP")], None), ([m("Conservative Party", "ORG", "a1")], None))
    assert found == [["Conservatives", "Conservative Party"]]


# resolve(), end to end on the model's mentions


def entity(res: Resolution, label: str) -> Entity:
    (found,) = [e for e in res.entities if e.label == label]
    return found


@pytest.mark.model
def test_republic_of_chile_and_chile_are_one_linked_country(build: Build) -> None:
    _, res = build(
        "Foreign Minister Alberto van Klaveren said the Republic of Chile would not sign the treaty.",
        "Chile and Peru signed a trade agreement in Lima on Monday.",
    )
    chile = entity(res, "Chile")
    assert (chile.key, chile.kind, chile.aliases, chile.links) == (
        "geo:geonames:3895114",
        "Country",
        ("Republic of Chile",),
        CHILE,
    )
    assert {x.prov.doc_id for x in chile.mentions} == {"a0", "a1"}
    assert (entity(res, "Lima").kind, entity(res, "Peru").links[1]) == ("City", Link("iso3166", "PE"))
    assert entity(res, "Alberto van Klaveren").kind == "Person"


@pytest.mark.model
def test_foreign_ministries_across_articles(build: Build) -> None:
    _, res = build(
        "The Chilean Foreign Ministry summoned the Peruvian ambassador on Monday.",
        "Chile will host the summit in December. The Foreign Ministry said preparations had begun.",
        "The Peruvian Foreign Ministry rejected the claim.",
    )
    orgs = {e.label: e.aliases for e in res.entities if e.kind == "Organization"}
    assert orgs == {"Chilean Foreign Ministry": ("Foreign Ministry",), "Peruvian Foreign Ministry": ()}
    assert "Peruvian" not in [e.label for e in res.entities]  # a nationality word names nothing


@pytest.mark.model
def test_ministry_of_foreign_affairs_of_chile_is_the_chilean_foreign_ministry(build: Build) -> None:
    _, res = build(
        "In a statement, the Ministry of Foreign Affairs of Chile condemned the attack.",
        "The Chilean Foreign Ministry summoned the Peruvian ambassador on Monday.",
    )
    assert len([e for e in res.entities if e.kind == "Organization"]) == 1


@pytest.mark.model
def test_two_smiths_in_two_articles_stay_two(build: Build) -> None:
    _, res = build(
        "Economist Adam Smith warned of inflation in a speech in London.",
        "Economist Joan Smith warned of a recession in a speech in Leeds.",
    )
    assert sorted(e.label for e in res.entities if e.kind == "Person") == ["Adam Smith", "Joan Smith"]


@pytest.mark.model
def test_a_surname_in_another_article_joins_the_one_person_and_not_two(build: Build) -> None:
    one = (
        "Home Secretary Priya Patel visited Leeds on Monday.",
        "Patel said the new rules would take effect in spring.",
    )
    _, res = build(*one)
    assert entity(res, "Priya Patel").aliases == ("Patel",)
    _, res = build(*one, "Cricketer Axar Patel took three wickets in Chennai.")
    assert sorted(e.label for e in res.entities if e.kind == "Person") == ["Axar Patel", "Patel", "Priya Patel"]


@pytest.mark.model
def test_party_names_with_and_without_party_are_one(build: Build) -> None:
    _, res = build(
        "Labour Party candidates campaigned in Leeds.", "The Labour party said it would win.", "Labour won the seat."
    )
    labour = entity(res, "Labour")
    assert (labour.kind, labour.aliases, len(labour.mentions)) == ("Organization", ("Labour Party",), 3)


@pytest.mark.model
def test_kinds_links_and_the_mention_map(build: Build) -> None:
    exs, res = build(
        "Senator Bernie Sanders spoke in Vermont on Monday.",
        "The Organization of American States said the vote in Bolivia was fair.",
    )
    kinds = {e.label: e.kind for e in res.entities}
    assert kinds == {
        "Bernie Sanders": "Person",
        "Vermont": "Region",
        "Organization of American States": "Organization",
        "Bolivia": "Country",
    }
    assert Link("iso3166", "US-VT") in entity(res, "Vermont").links
    assert [e.key for e in res.entities] == sorted(e.key for e in res.entities)
    for e in res.entities:
        assert all(res.mention_entity[x] == e.key for x in e.mentions)


@pytest.mark.model
def test_resolution_does_not_depend_on_article_order(build: Build) -> None:
    texts = ("Patel said the new rules would take effect.", "Home Secretary Priya Patel visited Leeds on Monday.")
    _, forward = build(*texts)
    _, backward = build(*reversed(texts))
    assert [(e.key, e.label, e.aliases) for e in forward.entities] == [
        (e.key, e.label, e.aliases) for e in backward.entities
    ]


@pytest.mark.model
def test_the_organization_of_american_states_is_an_organisation(build: Build) -> None:
    _, res = build("The Organization of American States (OAS) met in Washington on Monday.")
    (oas,) = [e for e in res.entities if "OAS" in [x.text for x in e.mentions]]
    assert (oas.kind, oas.label, oas.aliases, oas.links) == (
        "Organization",
        "Organization of American States",
        ("OAS",),
        (),
    )
