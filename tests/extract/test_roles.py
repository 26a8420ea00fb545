"""Titles, kin appositions and role phrases (rules kg.roles.v1 and kg.rolephrase.v1) on real parses."""

from __future__ import annotations

import pytest
from spacy.language import Language

from kg.extract.roles import find_kin, find_role_phrases, find_roles
from kg.model import ROLES

pytestmark = pytest.mark.model


def roles(nlp: Language, text: str) -> list[tuple[str, str | None, str]]:
    """(name, title, head) for each match in ``text``."""
    return [(r.name.text, r.title.text if r.title else None, r.head) for r in find_roles(nlp(text))]


def phrases(nlp: Language, text: str, taken: set[int] | None = None) -> list[tuple[str, str]]:
    return [(s.text, head) for s, head in find_role_phrases(nlp(text), taken or set())]


# find_roles: a name after a title


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("Home Secretary Priya Patel said the plan would cut crime.", ("Priya Patel", "Home Secretary", "secretary")),
        (
            "Chilean President Gabriel Boric said the reform would pass.",
            ("Gabriel Boric", "Chilean President", "president"),
        ),
        ("Prime Minister Anthony Albanese visited Canberra.", ("Anthony Albanese", "Prime Minister", "minister")),
        ("Senator Elizabeth Warren questioned the banker.", ("Elizabeth Warren", "Senator", "senator")),
        (
            "UN High Commissioner for Refugees Filippo Grandi visited the camp in Jordan.",
            ("Filippo Grandi", "UN High Commissioner for Refugees", "commissioner"),
        ),
        (
            "Foreign Minister Alberto van Klaveren met his Argentine counterpart in Santiago.",
            ("Alberto van Klaveren", "Foreign Minister", "minister"),
        ),
    ],
)
def test_a_name_after_a_title_is_a_person_holding_it(nlp: Language, text: str, expected: tuple[str, str, str]) -> None:
    assert expected in roles(nlp, text)


def test_every_match_is_recorded_under_the_roles_rule(nlp: Language) -> None:
    found = find_roles(nlp("Senator Elizabeth Warren questioned the banker."))
    assert [m.rule for m in found] == [ROLES]


def test_a_noble_title_is_part_of_the_name_even_when_ner_misses_it(nlp: Language) -> None:
    doc = nlp("Lord Sugar criticised the Chancellor's budget.")
    assert not [e for e in doc.ents if e.label_ == "PERSON"]  # the model missed him
    assert ("Lord Sugar", None, "lord") in roles(nlp, doc.text)


def test_an_honorific_is_a_title_without_being_a_position(nlp: Language) -> None:
    assert ("Anthony Fauci", "Dr", "dr") in roles(nlp, "Dr Anthony Fauci testified before the Senate.")


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        (
            "The ministry spokesperson, Luis Ortega, told reporters that the border would stay closed.",
            ("Luis Ortega", "The ministry spokesperson", "spokesperson"),
        ),
        ("The minister, Mr. Luis Ortega, said the talks were over.", ("Luis Ortega", "The minister", "minister")),
    ],
)
def test_a_person_in_apposition_to_a_title_holds_it(nlp: Language, text: str, expected: tuple[str, str, str]) -> None:
    assert expected in roles(nlp, text)


@pytest.mark.parametrize(
    "text",
    [
        "The Foreign Minister of Chile arrived in Lima on Monday.",  # the country is the complement, not a name
        "The High Commissioner for Refugees said the camp was full.",  # the complement is not a name either
        "The minister said the talks were constructive.",
        "A spokesperson declined to comment.",
    ],
)
def test_no_person_is_made_from_a_title_without_a_name(nlp: Language, text: str) -> None:
    assert roles(nlp, text) == []


def test_two_titled_people_in_one_sentence_keep_their_own_titles(nlp: Language) -> None:
    found = roles(nlp, "Chilean President Gabriel Boric met Argentine President Javier Milei in Santiago.")
    assert ("Gabriel Boric", "Chilean President", "president") in found
    assert ("Javier Milei", "Argentine President", "president") in found


@pytest.mark.xfail(strict=True, reason="a name particle after a title complement is cut: only 'Alberto' is found")
def test_a_name_with_a_particle_after_a_long_title_is_whole(nlp: Language) -> None:
    text = (
        "Foreign Minister of the Republic of Chile Alberto van Klaveren met with UN Secretary-General "
        "Antonio Guterres in New York on Monday."
    )
    assert [n for n, _, _ in roles(nlp, text) if n.startswith("Alberto")] == ["Alberto van Klaveren"]


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        (
            "UN Secretary-General Antonio Guterres called for a ceasefire.",
            ("Antonio Guterres", "UN Secretary-General", "secretary-general"),
        ),
        ("Vice-President Kamala Harris visited Manila.", ("Kamala Harris", "Vice-President", "vice-president")),
    ],
)
def test_hyphenated_titles_are_whole(nlp: Language, text: str, expected: tuple[str, str, str]) -> None:
    assert expected in roles(nlp, text)


def test_a_hyphenated_role_phrase_is_one_phrase_with_the_whole_role(nlp: Language) -> None:
    doc = nlp("UN Secretary-General Antonio Guterres called for a ceasefire. The Secretary-General said it would hold.")
    taken = {
        i
        for r in find_roles(doc)
        for span in (r.name, r.title)
        if span is not None
        for i in range(span.start, span.end)
    }
    assert [(s.text, role) for s, role in find_role_phrases(doc, taken)] == [
        ("The Secretary-General", "secretary-general")
    ]


# find_kin


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("Her father, Rodrigo, was a fisherman in Valparaiso.", ["Rodrigo"]),
        ("Prince Harry visited the hospital with his wife, Meghan.", ["Meghan"]),
        ("His widow, Maria Lopez Garcia, thanked the doctors.", ["Maria Lopez Garcia"]),
    ],
)
def test_a_name_in_apposition_to_a_family_noun_is_a_person(nlp: Language, text: str, expected: list[str]) -> None:
    assert [s.text for s in find_kin(nlp(text))] == expected


@pytest.mark.parametrize(
    "text",
    [
        "His mother, a teacher, moved to Santiago.",  # no name after the comma
        "Her brother Rodrigo was a fisherman.",  # no comma: not this rule's apposition
        "The mother of the victim, Santiago, spoke.",  # the name is not next to the family noun
    ],
)
def test_no_kin_without_a_name_right_after_the_family_noun(nlp: Language, text: str) -> None:
    assert find_kin(nlp(text)) == []


# find_role_phrases


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("The minister said the talks were constructive.", [("The minister", "minister")]),
        (
            "The ministry spokesperson said on Monday that the border would stay closed.",
            [("The ministry spokesperson", "spokesperson")],
        ),
        ("The governor of California said the fires were under control.", [("The governor", "governor")]),
    ],
)
def test_the_plus_a_role_noun_is_a_role_phrase(nlp: Language, text: str, expected: list[tuple[str, str]]) -> None:
    assert phrases(nlp, text) == expected


@pytest.mark.parametrize(
    "text",
    [
        "A minister said the ministers would meet again.",  # no "the"; a plural
        "Senator Elizabeth Warren questioned the banker.",  # a title before a name
        "The minister, Mr. Luis Ortega, said the talks were over.",  # a named person follows
        "They thanked the Mr and the Mrs.",  # forms of address are not positions
    ],
)
def test_no_role_phrase_for_plurals_titles_of_a_name_or_honorifics(nlp: Language, text: str) -> None:
    assert phrases(nlp, text) == []


def test_tokens_already_used_by_a_title_are_not_role_phrases(nlp: Language) -> None:
    text = "The minister said the talks were constructive."
    assert phrases(nlp, text, taken={1}) == []
