"""Events between resolved entities (kg.resolve.events): grounding, one event across articles, labels from the
parts, what statements report, co-mention; on hand-written news."""

from __future__ import annotations

from collections.abc import Callable

import pytest

from kg.model import Event, Extraction, Resolution

pytestmark = pytest.mark.model

Build = Callable[..., tuple[list[Extraction], Resolution]]


def by_type(res: Resolution, kind: str) -> list[Event]:
    return [e for e in res.events if e.type == kind]


def test_an_event_label_says_what_happened_from_its_parts(build: Build) -> None:
    _, res = build(
        "Boeing has won an order from Qantas. Tony Blair's resignation shocked Labour. "
        "Jeyhun Bayramov met Volker Turk in Geneva."
    )
    labels = {e.label for e in res.events}
    assert "Boeing has won an order from Qantas" in labels
    assert "Tony Blair's resignation" in labels
    assert "Jeyhun Bayramov met Volker Turk in Geneva" in labels


def test_a_passive_label_starts_from_what_was_done(build: Build) -> None:
    _, res = build("Anna Berg was appointed by Nordbank on Monday.")
    assert [e.label for e in by_type(res, "Appointment")] == ["Anna Berg was appointed by Nordbank"]


def test_a_place_argument_is_the_events_place(build: Build) -> None:
    _, res = build("Olaf Scholz visited Paris.")
    visit = by_type(res, "Visit")[0]
    label = {e.key: e.label for e in res.entities}
    assert label[visit.place or ""] == "Paris"
    assert [label[k] for _, k in visit.arguments] == ["Olaf Scholz"]


def test_the_doers_a_listing_verb_names_do_what_the_noun_says(build: Build) -> None:
    _, res = build("Buyers include Tesco and Asda, the firm said. The investors were happy.")
    label = {e.key: e.label for e in res.entities}
    buying = by_type(res, "Acquisition")
    assert [(e.label, sorted((r, label[k]) for r, k in e.arguments)) for e in buying] == [
        ("Tesco and Asda among buyers", [("agent", "Asda"), ("agent", "Tesco")])
    ]
    assert not [e for e in res.events if "investor" in e.label.lower()]  # a doer noun alone tells nothing


def test_a_visit_to_several_places_keeps_them_all(build: Build) -> None:
    _, res = build("Olaf Scholz visited Manchester and Liverpool on Monday.")
    visit = by_type(res, "Visit")[0]
    label = {e.key: e.label for e in res.entities}
    assert label[visit.place or ""] == "Manchester"
    assert [(r, label[k]) for r, k in visit.arguments] == [("agent", "Olaf Scholz"), ("place", "Liverpool")]
    assert visit.label == "Olaf Scholz visited Manchester and Liverpool"


def test_the_same_event_told_in_two_articles_is_one_node(build: Build) -> None:
    _, res = build(
        "Jeyhun Bayramov met Volker Turk in Geneva on 13 September 2023.",
        "On 13 September 2023 Volker Turk met Jeyhun Bayramov, the Azerbaijani minister.",
    )
    meetings = by_type(res, "Meeting")
    assert len(meetings) == 1
    assert {m.trigger.prov.doc_id for m in meetings[0].mentions} == {"a0", "a1"}


def test_events_that_merely_share_a_participant_stay_apart(build: Build) -> None:
    _, res = build(
        "Jeyhun Bayramov met Volker Turk in Geneva in 2023.",
        "Jeyhun Bayramov met Sergei Lavrov in Moscow in 2023.",
    )
    assert len(by_type(res, "Meeting")) == 2


def test_each_statement_is_its_own_event(build: Build) -> None:
    _, res = build("Gordon Brown said taxes would fall. Gordon Brown said growth would rise.")
    assert len(by_type(res, "Statement")) == 2


def test_a_statement_reports_the_event_it_tells(build: Build) -> None:
    _, res = build("Labour said that Alan Milburn had resigned.")
    (statement,) = by_type(res, "Statement")
    (resignation,) = by_type(res, "Resignation")
    assert statement.reports == (resignation.key,)


def test_modality_reaches_the_resolved_event(build: Build) -> None:
    _, res = build("Gordon Brown will visit China. Tony Blair did not meet Vladimir Putin.")
    assert {e.type: e.modality for e in res.events} == {"Visit": "future", "Meeting": "negated"}


def test_an_event_nothing_named_takes_part_in_is_not_kept(build: Build) -> None:
    _, res = build("The court approved the merger. Prices rose sharply.")
    assert res.events == ()


def test_names_in_one_sentence_are_co_mentioned_with_their_counts(build: Build) -> None:
    _, res = build(
        "France and Germany signed a treaty. France praised Germany.",
        "Germany thanked France. He said so.",
    )
    label = {e.key: e.label for e in res.entities}
    pairs = {(label[c.a], label[c.b]): (c.sentences, c.articles) for c in res.comentions}
    assert pairs == {("France", "Germany"): (3, 2)} or pairs == {("Germany", "France"): (3, 2)}
    (only,) = res.comentions
    assert len(only.evidence) == 3 and {doc for doc, _ in only.evidence} == {"a0", "a1"}


def test_a_name_the_model_took_for_a_verb_tells_no_event(build: Build) -> None:
    # the model reads "Prested" as a verb and as an organisation: one span, one mention, no event
    exs, res = build("A Halcorp poll questioned 90 drivers for rail watchdog Prested. Many said trains were late.")
    assert "Prested" in {e.trigger.text for e in exs[0].events}
    assert "Prested" in {m.text for m in exs[0].mentions}
    assert all(m.trigger.text != "Prested" for e in res.events for m in e.mentions)
    assert "Prested" in {e.label for e in res.entities}


def test_a_name_found_again_on_a_word_the_model_took_for_a_verb_tells_no_event(build: Build) -> None:
    # the model misses "Tolsted" in the first article (a verb to it) and finds it in the second (kg.names.v1)
    exs, res = build(
        "A Halcorp poll questioned 90 drivers for rail watchdog Tolsted. Many said trains were late.",
        "Analysts at Tolsted said on Monday that fares rose.",
    )
    assert "Tolsted" in {e.trigger.text for e in exs[0].events}
    assert "Tolsted" not in {m.text for m in exs[0].mentions}
    assert [m.prov.doc_id for m in res.found if m.text == "Tolsted"] == ["a0"]
    assert all(m.trigger.text != "Tolsted" for e in res.events for m in e.mentions)
