"""The small resolution rules on their own, without the model: acronyms, country-qualified government bodies,
which mentions are names, the type vote, and union-find."""

from __future__ import annotations

from collections.abc import Callable

import pytest

from kg.lexicon import defined_after
from kg.model import Mention, TimeValue
from kg.resolve.acronyms import acronym_key, initials, is_acronym
from kg.resolve.cluster import UnionFind
from kg.resolve.filters import is_name
from kg.resolve.gazetteer import Gazetteer, gazetteer
from kg.resolve.kinds import HINT_WEIGHT, personal_name, vote
from kg.resolve.orgs import org_key, split_country


@pytest.fixture(scope="module")
def gaz() -> Gazetteer:
    return gazetteer()


# acronyms


@pytest.mark.parametrize("text", ["UN", "U.N.", "NATO", "OSCE", "EU", "AT&T", "OAS"])
def test_acronyms_are_two_to_eight_capitals(text: str) -> None:
    assert is_acronym(text)


@pytest.mark.parametrize("text", ["Nato", "A", "ABCDEFGHI", "UN ESCO", "G7", "I.", "Chile"])
def test_words_and_mixed_case_are_not_acronyms(text: str) -> None:
    assert not is_acronym(text)


def test_acronym_key_drops_dots_and_spaces() -> None:
    assert acronym_key("U.N.") == acronym_key("UN") == "UN"


@pytest.mark.parametrize(
    ("long_form", "acronym"),
    [
        ("Organization of American States", "OAS"),
        ("European Union", "EU"),
        ("Non-Aligned Movement", "NAM"),  # each hyphen part counts
        ("Organization for Security and Co-operation in Europe", "OSCE"),  # function words skipped
        ("Banco de Chile", "BDC"),  # or kept
    ],
)
def test_initials_of_a_long_form(long_form: str, acronym: str) -> None:
    assert acronym in initials(long_form)


def test_one_word_has_no_initials_and_other_words_give_other_initials() -> None:
    assert initials("Chile") == set()
    assert "OAS" not in initials("Organization of African States and Provinces")


def test_initials_of_a_long_form_with_accented_letters() -> None:
    assert "MSF" in initials("Médecins Sans Frontières")


def test_defined_after_reads_a_parenthesised_acronym_right_after_the_long_form() -> None:
    text = "The Organization of American States (OAS) met. Talks ( OAS ) went on (the OAS)."
    end = text.index(" (OAS")
    assert defined_after(text, end) == "OAS"
    assert defined_after(text, text.index(" ( OAS")) == "OAS"  # spaces inside the brackets are fine
    assert defined_after(text, text.index(" (the")) is None  # not an acronym
    assert defined_after(text, 3) is None  # not right after


# orgs: government bodies and their country


@pytest.mark.parametrize(
    ("name", "rest", "code"),
    [
        ("Chilean Foreign Ministry", "Foreign Ministry", "CL"),  # a nationality word
        ("Chile's Foreign Ministry", "Foreign Ministry", "CL"),  # a possessive
        ("Chile\u2019s Foreign Ministry", "Foreign Ministry", "CL"),
        ("Chile Foreign Ministry", "Foreign Ministry", "CL"),  # the country's name as a modifier
        ("Embassy of Chile", "Embassy", "CL"),  # "of" a country
        ("British Home Office", "Home Office", "GB"),
    ],
)
def test_split_country_finds_the_country_of_a_body(gaz: Gazetteer, name: str, rest: str, code: str) -> None:
    assert split_country(name, gaz) == (rest, code)


@pytest.mark.parametrize("name", ["Chilean Football Federation", "Foreign Ministry", "Bank of England", "Lima Group"])
def test_split_country_leaves_names_without_a_country_qualified_body(gaz: Gazetteer, name: str) -> None:
    assert split_country(name, gaz) == (name, None)


@pytest.mark.parametrize(
    ("name", "rest"),
    [
        ("Ministry of Foreign Affairs of Chile", "Ministry of Foreign Affairs"),
        ("Ministry of Health of Chile", "Ministry of Health"),
    ],
)
def test_split_country_of_a_ministry_of_a_portfolio_of_a_country(gaz: Gazetteer, name: str, rest: str) -> None:
    assert split_country(name, gaz) == (rest, "CL")


def test_one_key_for_the_wordings_of_one_ministry(gaz: Gazetteer) -> None:
    keys = {org_key(n, gaz, None) for n in ("Chilean Foreign Ministry", "Chile's Foreign Ministry")}
    assert keys == {"org:foreign ministry@CL"}
    assert org_key("Ministry of Foreign Affairs", gaz, "CL") == "org:foreign ministry@CL"  # "affairs" is neutral


def test_foreign_ministries_of_two_countries_have_two_keys(gaz: Gazetteer) -> None:
    assert org_key("Chilean Foreign Ministry", gaz, None) != org_key("Peruvian Foreign Ministry", gaz, None)
    assert org_key("Chilean Foreign Ministry", gaz, "PE") == "org:foreign ministry@CL"  # its own country wins


def test_an_unqualified_body_takes_the_articles_country_or_none(gaz: Gazetteer) -> None:
    assert org_key("Foreign Ministry", gaz, "PE") == "org:foreign ministry@PE"
    assert org_key("Foreign Ministry", gaz, None) == "org:foreign ministry"
    assert org_key("Defence Ministry", gaz, None) == org_key("Ministry of Defence", gaz, None)
    assert org_key("Health Ministry", gaz, None) != org_key("Defence Ministry", gaz, None)


@pytest.mark.parametrize(
    "name", ["Codelco", "Chilean Football Federation", "Health", "Organization of American States"]
)
def test_non_government_names_have_no_org_key(gaz: Gazetteer, name: str) -> None:
    assert org_key(name, gaz, "CL") is None


# filters


@pytest.mark.parametrize(
    ("text", "label"),
    [
        ("Chile", "GPE"),
        ("Chile", "NORP"),  # a country tagged as a nationality is still the country
        ("Conservatives", "NORP"),  # a political group
        ("Codelco", "ORG"),
        ("Michelle Bachelet", "PERSON"),
        ("Non-Party Alliance", "ORG"),  # a prefix inside a longer name
    ],
)
def test_names_are_names(gaz: Gazetteer, mention: Callable[..., Mention], text: str, label: str) -> None:
    assert is_name(mention(text, label), gaz)


@pytest.mark.parametrize(
    ("text", "label"),
    [
        ("Chilean", "NORP"),  # nationality words
        ("Chileans", "NORP"),
        ("Frenchman", "PERSON"),
        ("Muslims", "NORP"),  # religions
        ("Marxism", "ORG"),  # abstract nouns
        ("Islamophobia", "ORG"),
        ("the minister", "ROLE"),
        ("minister", "PERSON"),  # no capital letter
        ("1990", "DATE"),
        ("Asian", "NORP"),  # a continent's word
        ("Caribbean", "ORG"),  # a region's
        ("non-UN", "ORG"),  # a word about a name
        ("ex-Yugoslav", "ORG"),
        ("pan-African", "ORG"),
    ],
)
def test_demonyms_religions_abstract_nouns_and_roles_are_not_names(
    gaz: Gazetteer, mention: Callable[..., Mention], text: str, label: str
) -> None:
    assert not is_name(mention(text, label), gaz)


def test_dates_are_not_names_and_a_rules_hint_or_a_pattern_id_vouches_for_a_name(
    gaz: Gazetteer, mention: Callable[..., Mention]
) -> None:
    assert not is_name(mention("March", "DATE", time=TimeValue("2024-03", "gYearMonth")), gaz)  # type: ignore[arg-type]
    assert not is_name(mention("Welsh", "NORP"), gaz)
    assert is_name(mention("Welsh", "PERSON", hint="Person"), gaz)  # "Mr Welsh"
    assert is_name(mention("Welsh", "ORG", key="welsh-water"), gaz)


# kinds


def test_vote_takes_the_majority_of_labels(mention: Callable[..., Mention]) -> None:
    assert vote([mention("Codelco", "ORG"), mention("Codelco", "ORG"), mention("Codelco", "GPE")]) == "Organization"


def test_a_rules_hint_outweighs_model_labels(mention: Callable[..., Mention]) -> None:
    ms = [mention("Boric", "ORG") for _ in range(int(HINT_WEIGHT) - 1)] + [mention("Boric", "ORG", hint="Person")]
    assert vote(ms) == "Person"


@pytest.mark.parametrize(
    ("name", "expected"),
    [
        ("Oscar Duval", True),
        ("Marcus Lindqvist", True),
        ("Denise Amadi", True),
        ("Wells Lane", False),  # "wells" is a common word
        ("Christian Relief", False),
        ("Oscar Catholic", False),  # a religion's word
        ("Oscar Institute", False),  # a body's
        ("Oscar Park", False),  # a place's word
        ("Oscar FC", False),  # a club's
        ("Oscar Hotel", False),
        ("Oscar", False),
    ],
)
def test_a_first_name_and_a_surname_read_as_a_persons_name(name: str, expected: bool) -> None:
    assert personal_name(name) is expected


def test_a_personal_name_outweighs_one_model_label_not_two(mention: Callable[..., Mention]) -> None:
    assert vote([mention("Oscar Duval", "ORG")]) == "Person"
    assert vote([mention("Oscar Duval", "ORG"), mention("Oscar Duval", "ORG")]) == "Organization"


def test_vote_ties_are_deterministic_and_no_evidence_gives_none(mention: Callable[..., Mention]) -> None:
    tie = [mention("Valparaiso", "GPE"), mention("Valparaiso", "PERSON")]
    assert vote(tie) == vote(list(reversed(tie))) == "Person"
    assert vote([mention("3 March", "DATE")]) is None
    assert vote([]) is None


# cluster


def test_union_find_groups_and_is_order_independent() -> None:
    uf = UnionFind([3, 1, 2, 5, 4])
    uf.union(3, 1)
    uf.union(5, 3)
    uf.union(2, 4)
    assert {root: sorted(g) for root, g in uf.groups().items()} == {1: [1, 3, 5], 2: [2, 4]}
    other = UnionFind([3, 1, 2, 5, 4])
    for a, b in [(4, 2), (3, 5), (1, 5)]:
        other.union(a, b)
    assert other.groups().keys() == uf.groups().keys()


def test_union_find_add_is_idempotent_and_union_of_a_group_with_itself_does_nothing() -> None:
    uf = UnionFind(["Chile"])
    uf.add("Chile")
    uf.add("Peru")
    uf.union("Chile", "Chile")
    assert sorted(uf.groups()) == ["Chile", "Peru"]
    assert uf.find("Peru") == "Peru"


def test_union_find_over_items_that_do_not_sort(mention: Callable[..., Mention]) -> None:
    a, b, c = mention("Chile", "GPE", 0), mention("Chile", "GPE", 10), mention("Peru", "GPE", 20)
    uf = UnionFind([a, b, c])
    uf.union(a, b)
    assert uf.find(a) == uf.find(b) != uf.find(c)
    assert sorted(len(g) for g in uf.groups().values()) == [1, 2]
