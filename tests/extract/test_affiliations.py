"""Relations the syntax gives a name with any role noun (rule kg.affiliations.v1) and along short dependency
paths (kg.syntax.v1), extracted and resolved, on hand-written news sentences."""

from __future__ import annotations

from collections.abc import Callable

import pytest

from kg.model import Extraction, Resolution

pytestmark = pytest.mark.model

Build = Callable[..., tuple[list[Extraction], Resolution]]


def relations(build: Build, *texts: str) -> set[tuple[str, str, str, str | None]]:
    _, res = build(*texts)
    label = {e.key: e.label for e in res.entities}
    return {(label[r.subject], r.predicate, label[r.object], r.role) for r in res.relations}


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("Brazil coach Carlos Mendes said the team was ready.", ("Carlos Mendes", "holdsPosition", "Brazil", "coach")),
        ("Nestle chairman Peter Brabeck said sales fell.", ("Peter Brabeck", "holdsPosition", "Nestle", "chairman")),
        (
            "Jane Doe, a spokeswoman for Oxfam, said the plan was bad.",
            ("Jane Doe", "spokespersonOf", "Oxfam", None),
        ),
        ("Ronaldo, the striker of Real Madrid, scored twice.", ("Ronaldo", "holdsPosition", "Real Madrid", "striker")),
    ],
)
def test_a_role_noun_of_any_kind_becomes_the_title_of_a_post(build: Build, text: str, expected: tuple) -> None:
    assert expected in relations(build, text)


def test_a_title_is_the_role_without_the_body_it_names(build: Build) -> None:
    found = relations(build, "Vodafone chief executive Arun Sarin resigned on Monday.")
    assert ("Arun Sarin", "holdsPosition", "Vodafone", "chief executive") in found
    assert ("Arun Sarin", "headOf", "Vodafone", None) in found


def test_a_possessive_or_of_gives_an_affiliation(build: Build) -> None:
    assert ("Omar Haddad", "affiliatedWith", "Jordan", None) in relations(build, "Jordan's Omar Haddad scored twice.")
    assert ("Maria Santos", "affiliatedWith", "Portugal", None) in relations(build, "Maria Santos of Portugal won.")


def test_someone_of_an_organisation_or_who_plays_for_it_is_its_member(build: Build) -> None:
    assert ("Paul Jones", "memberOf", "Chelsea FC", None) in relations(
        build, "Paul Jones, who plays for Chelsea FC, was injured."
    )
    assert ("Anna Berg", "memberOf", "World Health Organization", None) in relations(
        build, "Dr Anna Berg of the World Health Organization spoke in Geneva."
    )


def test_based_in_and_x_based_locate_an_organisation(build: Build) -> None:
    assert ("Zeta Bank", "locatedIn", "Oslo", None) in relations(build, "Zeta Bank, based in Oslo, grew fast.")
    found = relations(build, "The London-based firm Kestrel Lane Holdings said profits rose.")
    assert ("Kestrel Lane Holdings", "locatedIn", "London", None) in found  # "firm" parsed as a modifier


def test_a_unit_of_an_organisation_is_part_of_it(build: Build) -> None:
    assert ("Zeta", "partOf", "Nordbank", None) in relations(build, "Zeta, a unit of Nordbank, is based in Oslo.")


def test_a_wife_is_a_spouse_and_a_brother_a_relative(build: Build) -> None:
    assert ("Tony Blair", "spouseOf", "Cherie", None) in relations(
        build, "Tony Blair and his wife Cherie visited Rome."
    )


def test_a_family_noun_in_apposition_relates_the_name_to_whom_it_is_of(build: Build) -> None:
    found = relations(build, "Cherie Blair, the wife of Tony Blair, said she was proud.")
    assert ("Tony Blair", "spouseOf", "Cherie Blair", None) in found
    found = relations(build, "Dhani Harrison, the son of George Harrison, has inherited a fortune.")
    assert any(p == "relativeOf" and {s, o} == {"Dhani Harrison", "George Harrison"} for s, p, o, _ in found)
    found = relations(build, "Anna Berg, a colleague of Peter Brant, said she was proud.")
    assert not any(p in ("spouseOf", "relativeOf") for _, p, _, _ in found)  # no family noun, no family


def test_a_copula_with_a_role_noun_gives_a_title(build: Build) -> None:
    found = relations(build, "Jim Wallace is the leader of the Liberal Democrats in Scotland.")
    assert ("Jim Wallace", "holdsPosition", "Liberal Democrats", "leader") in found


def test_a_name_in_apposition_affiliates_a_person_and_locates_a_place(build: Build) -> None:
    assert ("Michelle Freeman", "affiliatedWith", "Jamaica", None) in relations(
        build, "Michelle Freeman ( Jamaica ) won the race."
    )


def test_a_more_precise_relation_replaces_a_general_one(build: Build) -> None:
    found = relations(build, "Foreign Minister of Chile Alberto van Klaveren spoke.")
    assert [r for r in found if r[1] in ("affiliatedWith", "relatedTo")] == []


def test_a_list_of_names_links_none_of_them(build: Build) -> None:
    found = relations(build, "The talks involved France, Germany and Italy.")
    assert found == set()


def test_a_list_of_possessives_parsed_as_apposition_links_each_to_its_own_country(build: Build) -> None:
    found = relations(
        build, "The air force is weighing offers from firms such as France's Dassault Aviation, Sweden's Saab."
    )
    assert {(s, p, o) for s, p, o, _ in found} == {
        ("Dassault Aviation", "locatedIn", "France"),
        ("Saab", "locatedIn", "Sweden"),
    }


def test_the_names_listed_after_a_title_share_it(build: Build) -> None:
    found = relations(build, "Toyota managers Alan Cook, Sean Fuller and Keith Lowe all face charges.")
    assert {(s, o, r) for s, p, o, r in found if p == "holdsPosition"} == {
        (name, "Toyota", "managers") for name in ("Alan Cook", "Sean Fuller", "Keith Lowe")
    }


def test_a_results_line_is_a_victory_of_the_side_with_more(build: Build) -> None:
    _, res = build("Chicago 4 Boston 3")
    label = {e.key: e.label for e in res.entities}
    (won,) = [e for e in res.events if e.type == "Victory"]
    assert {(r, label[k]) for r, k in won.arguments} == {("agent", "Chicago"), ("opponent", "Boston")}


def test_a_name_then_another_in_parentheses_is_an_affiliation(build: Build) -> None:
    found = relations(build, "Tim Henman ( Britain ) beat Doug Flach in London.")
    assert ("Tim Henman", "affiliatedWith", "United Kingdom", None) in found


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        (
            "Omar Lindqvist has become an adviser to Larkspur Consulting Limited.",
            ("Omar Lindqvist", "holdsPosition", "Larkspur Consulting Limited", "adviser"),
        ),
        (
            "Ruth Kellan served as chairman of Brightwater Holdings until 2001.",
            ("Ruth Kellan", "chairs", "Brightwater Holdings", None),
        ),
        (
            "Ruth Kellan is a former minister. She is a non-executive director of Harlow Systems.",
            ("Ruth Kellan", "holdsPosition", "Harlow Systems", "non-executive director"),
        ),
        (
            "The member since 1997 is Sir Ivor Makin, who was elected as a member of the Northern Reform Party.",
            ("Ivor Makin", "memberOf", "Northern Reform Party", None),
        ),
        (
            "Ayana Kole is a Fellow with the Carver Institute at Dale University.",
            ("Ayana Kole", "holdsPosition", "Carver Institute", "Fellow"),
        ),
    ],
)
def test_what_the_copula_or_as_says_the_subject_is_gives_a_post(build: Build, text: str, expected: tuple) -> None:
    assert expected in relations(build, text)


def test_a_team_sheet_of_initials_and_clubs_gives_each_person_their_club(build: Build) -> None:
    found = relations(build, "60m: D Ferris (Upton Harriers), J Amadi (Kirkton and Dale), M Oduya (Larkfield AC).")
    assert {(s, o) for s, p, o, _ in found if p == "affiliatedWith"} >= {
        ("D Ferris", "Upton Harriers"),
        ("J Amadi", "Kirkton and Dale"),
        ("M Oduya", "Larkfield AC"),
    }


def test_a_club_the_model_cut_in_pieces_or_took_for_a_person_is_one_club(build: Build) -> None:
    found = relations(build, "D Ferris (Ashby and Upton Beagles), A Kole (Larkfield AC), H Brant (Marlow Harriers).")
    assert {(s, o) for s, p, o, _ in found if p == "affiliatedWith"} >= {
        ("D Ferris", "Ashby and Upton Beagles"),
        ("A Kole", "Larkfield AC"),
        ("H Brant", "Marlow Harriers"),
    }
    _, res = build("D Ferris (Ashby and Upton Beagles), A Kole (Larkfield AC), H Brant (Marlow Harriers).")
    assert not {e.label for e in res.entities} & {"Ashby", "Upton Beagles", "Kole"}  # no pieces left over


def test_a_list_line_with_a_verb_is_left_to_the_parse(build: Build) -> None:
    found = relations(build, "D Ferris (Upton Harriers) beat J Amadi (Kirkton and Dale) in the final.")
    assert not any(o == "Kirkton and Dale" and p == "affiliatedWith" and s != "J Amadi" for s, p, o, _ in found)


def test_a_named_event_is_held_where_the_text_puts_it(build: Build) -> None:
    found = relations(build, "She has been out since the Atlantic Rowing Cup in Lisbon in March 2004.")
    assert any(p == "locatedIn" and o == "Lisbon" and "Cup" in s for s, p, o, _ in found), found


def test_a_results_line_name_the_model_took_for_a_body_is_a_person_of_that_country(build: Build) -> None:
    found = relations(build, "3. Claudia Vey ( Austria ) 19.02")  # the model: an organisation "Claudia Vey"
    assert ("Claudia Vey", "affiliatedWith", "Austria", None) in found


def test_a_parent_or_a_unit_named_with_its_owner_is_part_of_it(build: Build) -> None:
    found = relations(build, "Vexa's parent company, Orion Group, said profits rose.")
    assert ("Vexa", "partOf", "Orion Group", None) in found
    found = relations(build, "Kestrel Airlines' parent Norvane Holdings reported a loss.")
    assert ("Kestrel Airlines", "partOf", "Norvane Holdings", None) in found
