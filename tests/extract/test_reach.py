"""Rules that let more of an article's names take part in a relation or an event: one-item lines of a results
table, kin nouns, coordinated prepositions, a name's "with" that belongs to its verb, sites in places, and lists
parsed as apposition (hand-written sentences)."""

from __future__ import annotations

from collections.abc import Callable

import pytest

from kg.model import Extraction, Resolution

pytestmark = pytest.mark.model

Build = Callable[..., tuple[list[Extraction], Resolution]]


def facts(build: Build, text: str) -> tuple[set[tuple[str, str, str]], list[set[tuple[str, str]]]]:
    _, res = build(text)
    label = {e.key: e.label for e in res.entities}
    rels = {(label[r.subject], r.predicate, label[r.object]) for r in res.relations}
    events = [{(role, label[k]) for role, k in ev.arguments} for ev in res.events]
    return rels, events


def test_a_results_line_of_one_item_links_the_athlete_to_the_club(build: Build) -> None:
    rels, _ = facts(
        build, "Results of the trials.\n\nR Tansley (Marsh Hill Harriers).\n\nLong jump: P McAndrew (Dunford AC)."
    )
    assert ("R Tansley", "affiliatedWith", "Marsh Hill Harriers") in rels
    assert ("P McAndrew", "affiliatedWith", "Dunford AC") in rels


def test_a_kin_noun_in_apposition_makes_the_name_a_relative(build: Build) -> None:
    rels, _ = facts(build, "The plant was sold to a group which included Oleg Varenko, Mr Dravin's son-in-law.")
    assert ("Dravin", "relativeOf", "Oleg Varenko") in rels


def test_a_second_preposition_joined_by_and_gives_its_role(build: Build) -> None:
    _, events = facts(
        build, "Tom Rask had to battle against Ivo Senna in the final and against Karl Dunmore in the semi-final."
    )
    roles = set().union(*events)
    assert ("opponent", "Ivo Senna") in roles and ("opponent", "Karl Dunmore") in roles


def test_with_after_a_named_object_belongs_to_the_verb(build: Build) -> None:
    _, events = facts(build, "The board decided to replace chief executive Ann Corley with Paul Deverell.")
    assert any({("patient", "Ann Corley"), ("participant", "Paul Deverell")} <= e for e in events)


def test_a_site_before_a_common_noun_is_where_the_text_puts_it(build: Build) -> None:
    rels, _ = facts(build, "The squad will stay at the Greystone Manor hotel in Cheshire before the match.")
    assert ("Greystone Manor", "locatedIn", "Cheshire") in rels


def test_a_list_parsed_as_apposition_gives_every_agent(build: Build) -> None:
    _, events = facts(build, "Morrisons, Woolworths and Debenhams all said that the season was disappointing.")
    agents = {name for e in events for role, name in e if role == "agent"}
    assert {"Morrisons", "Woolworths"} <= agents


def test_a_common_adjective_opening_the_sentence_is_no_name(build: Build) -> None:
    _, res = build("Upscale department store Holbrook said sales rose.", "Tacit support from the Treasury helped.")
    labels = {e.label for e in res.entities}
    assert "Holbrook" in labels and not labels & {"Upscale", "Tacit"}
