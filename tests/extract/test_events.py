"""Events as one sentence tells them (rule kg.events.v1), one rule at a time, on hand-written news sentences."""

from __future__ import annotations

import pytest
from spacy.language import Language

from kg.extract import extract
from kg.extract.events import TRIGGERS
from kg.model import EVENT_CLASSES, EVENTS, Article, EventMention, Extraction

pytestmark = pytest.mark.model


def events(nlp: Language, text: str) -> list[EventMention]:
    result = next(extract([Article("a0", "a0.txt", text, "")], nlp))
    assert isinstance(result, Extraction)
    return list(result.events)


def args(ev: EventMention) -> set[tuple[str, str]]:
    return {(a.role, a.mention.text) for a in ev.arguments}


def one(nlp: Language, text: str, kind: str) -> EventMention:
    found = [e for e in events(nlp, text) if e.type == kind]
    assert len(found) == 1, found
    return found[0]


def test_every_trigger_makes_an_event_type_of_the_ontology_or_other() -> None:
    assert set(TRIGGERS.values()) <= {*EVENT_CLASSES, "Other"}
    assert all(w == w.lower() for w in TRIGGERS)


# one type at a time


def test_a_meeting_has_its_agent_participant_place_and_date(nlp: Language) -> None:
    text = (
        "Chile's Foreign Minister Alberto van Klaveren met with German Chancellor Olaf Scholz in Berlin on "
        "March 3, 2023."
    )
    ev = one(nlp, text, "Meeting")
    assert args(ev) == {("agent", "Alberto van Klaveren"), ("participant", "Olaf Scholz"), ("place", "Berlin")}
    assert ev.time is not None and (ev.time.value, ev.time.granularity) == ("2023-03-03", "date")
    assert (ev.trigger.text, ev.trigger.label, ev.trigger.prov.extractor) == ("met", "EVENT_TRIGGER", EVENTS)
    assert text[ev.trigger.prov.start : ev.trigger.prov.end] == "met"
    assert (ev.confidence, ev.definite, ev.theme) == (0.9, False, None)
    assert ev.phrase == text.rstrip(".")


def test_a_visit_names_who_visits_and_what_is_visited(nlp: Language) -> None:
    ev = one(nlp, "Chilean Foreign Minister Alberto van Klaveren visited Madrid on April 12, 2023.", "Visit")
    assert ("agent", "Alberto van Klaveren") in args(ev)
    assert "Madrid" in {a.mention.text for a in ev.arguments}
    assert ev.time is not None and ev.time.value == "2023-04-12"


def test_an_address_to_a_body_is_a_speech(nlp: Language) -> None:
    text = "Indian Prime Minister Narendra Modi addressed the United Nations General Assembly on September 26, 2020."
    ev = one(nlp, text, "Speech")
    assert args(ev) == {("agent", "Narendra Modi"), ("participant", "United Nations General Assembly")}


def test_a_document_signed_by_the_leaders_of_countries_is_signed_by_the_countries(nlp: Language) -> None:
    ev = one(
        nlp, "The treaty signed by the leaders of France, Italy and Spain on May 9, 2019 entered into force.", "Signing"
    )
    assert args(ev) == {("agent", "France"), ("agent", "Italy"), ("agent", "Spain")}
    assert ev.theme == "treaty"
    assert ev.time is not None and ev.time.value == "2019-05-09"


def test_a_signed_document_is_the_theme_not_a_participant(nlp: Language) -> None:
    ev = one(nlp, "Norway and Iceland signed a fisheries agreement in Reykjavik on May 2, 2023.", "Signing")
    assert {r for r in args(ev) if r[0] == "agent"} == {("agent", "Norway"), ("agent", "Iceland")}
    assert ev.theme == "agreement"


def test_a_signed_statement_is_a_signing_not_a_statement(nlp: Language) -> None:
    found = events(nlp, "The joint statement signed by Norway and Iceland on May 2, 2023 calls for more research.")
    assert [(e.type, e.theme) for e in found] == [("Signing", "statement")]


def test_an_adopted_constitution_is_an_adoption_with_its_theme(nlp: Language) -> None:
    ev = one(nlp, "The Senegalese parliament adopted the new constitution on July 2, 2021.", "Adoption")
    assert ev.theme == "constitution"
    assert ev.time is not None and ev.time.value == "2021-07-02"


def test_approving_what_is_not_a_document_is_no_adoption(nlp: Language) -> None:
    assert events(nlp, "The court approved the merger.") == []


def test_a_session_of_a_named_body_is_a_session(nlp: Language) -> None:
    text = "The 78th session of the UN General Assembly opened in New York on September 5, 2023."
    ev = one(nlp, text, "Session")
    assert args(ev) == {("agent", "UN General Assembly")}
    assert ev.definite
    assert ev.phrase == "The 78th session of the UN General Assembly"


def test_a_session_of_nothing_named_is_no_event(nlp: Language) -> None:
    assert events(nlp, "The session was long.") == []


def test_elections_are_held_by_the_subject_of_their_verb(nlp: Language) -> None:
    ev = one(nlp, "Ghana held presidential elections in December 2020.", "Election")
    assert args(ev) == {("agent", "Ghana")}
    assert ev.time is not None and (ev.time.value, ev.time.granularity) == ("2020-12", "gYearMonth")


def test_an_announcement_is_a_statement(nlp: Language) -> None:
    ev = one(nlp, "Japan announced new sanctions against Russia on March 1, 2022.", "Statement")
    assert args(ev) == {("agent", "Japan")}


def test_calling_on_someone_is_an_appeal_told_as_a_statement(nlp: Language) -> None:
    ev = one(nlp, "The European Union called on Serbia and Kosovo to resume talks.", "Statement")
    assert args(ev) == {("agent", "European Union"), ("participant", "Serbia"), ("participant", "Kosovo")}


def test_calling_something_by_a_name_is_no_appeal(nlp: Language) -> None:
    assert events(nlp, "Penny Wong called the plan reckless.") == []


def test_talks_between_two_parties_have_them_as_participants(nlp: Language) -> None:
    ev = one(nlp, "Talks between Norway and Iceland ended in Oslo on May 2, 2023.", "Meeting")
    assert args(ev) == {("participant", "Norway"), ("participant", "Iceland")}
    assert ev.phrase == "Talks between Norway and Iceland"
    assert ev.time is not None and ev.time.value == "2023-05-02"  # the nearest date after it in the sentence


def test_a_trigger_with_nobody_named_is_no_event(nlp: Language) -> None:
    assert events(nlp, "The talks were useful.") == []


def test_a_pronoun_agent_is_kept_for_resolution(nlp: Language) -> None:
    ev = one(nlp, "William Ruto arrived in Kampala on Monday. He met Yoweri Museveni at State House.", "Meeting")
    he = next(a.mention for a in ev.arguments if a.role == "agent")
    assert (he.text, he.label) == ("He", "PRON")


def test_confidence_grows_with_a_date_and_a_second_argument(nlp: Language) -> None:
    assert one(nlp, "Japan announced new sanctions against Russia.", "Statement").confidence == 0.6
    assert one(nlp, "Japan announced new sanctions against Russia on March 1, 2022.", "Statement").confidence == 0.75
    text = "The European Union called on Serbia and Kosovo to resume talks."
    assert one(nlp, text, "Statement").confidence == 0.75


# dates: an event told inside another's words keeps its date to itself


def test_an_event_told_inside_an_announcement_does_not_lend_it_its_date(nlp: Language) -> None:
    found = events(nlp, "Japan announced that Prime Minister Fumio Kishida would visit Kenya on May 3, 2023.")
    by_type = {e.type: e for e in found}
    assert by_type["Statement"].time is None
    assert by_type["Statement"].phrase == "Japan announced"
    assert by_type["Visit"].time is not None and by_type["Visit"].time.value == "2023-05-03"
    assert args(by_type["Visit"]) == {("agent", "Fumio Kishida"), ("participant", "Kenya")}


def test_a_date_before_an_event_is_not_its_date(nlp: Language) -> None:
    found = events(nlp, "Colombia announced on June 8, 2023 that President Gustavo Petro would visit Cuba.")
    by_type = {e.type: e for e in found}
    assert by_type["Statement"].time is not None and by_type["Statement"].time.value == "2023-06-08"
    assert by_type["Visit"].time is None


def test_a_meeting_during_a_dated_visit_has_no_date_of_its_own(nlp: Language) -> None:
    text = "President William Ruto met President Yoweri Museveni during his visit to Uganda on June 3, 2023."
    by_type = {e.type: e for e in events(nlp, text)}
    assert by_type["Meeting"].time is None  # resolution gives it the visit's date
    visit = by_type["Visit"]
    assert visit.time is not None and visit.time.value == "2023-06-03"
    assert ("agent", "William Ruto") in args(visit)  # "his" is the subject of the clause, not Museveni
    assert visit.definite
    assert visit.phrase == "his visit to Uganda on June 3, 2023"


def test_a_phrase_does_not_end_with_the_preposition_of_a_nested_event(nlp: Language) -> None:
    text = "President William Ruto met President Yoweri Museveni during his visit to Uganda on June 3, 2023."
    meeting = one(nlp, text, "Meeting")
    assert not meeting.phrase.endswith(" during")


def test_the_one_who_calls_for_talks_is_not_their_agent(nlp: Language) -> None:
    found = events(nlp, "The European Union called on Serbia and Kosovo to resume talks.")
    assert [args(e) for e in found if e.type == "Meeting" and ("agent", "European Union") in args(e)] == []


# "the meeting": an event already told


def test_the_meeting_after_a_meeting_is_the_same_one(nlp: Language) -> None:
    text = (
        "Penny Wong met Sitiveni Rabuka in Suva on May 2, 2023. The meeting between Penny Wong and Sitiveni Rabuka "
        "focused on climate."
    )
    found = [e for e in events(nlp, text) if e.type == "Meeting"]
    assert [e.trigger.text for e in found] == ["met"]


def test_the_meeting_told_first_is_kept_as_definite(nlp: Language) -> None:
    ev = one(nlp, "The meeting between Penny Wong and Sitiveni Rabuka in Suva focused on climate.", "Meeting")
    assert ev.definite
    assert args(ev) == {("participant", "Penny Wong"), ("participant", "Sitiveni Rabuka")}


def test_a_meeting_after_a_meeting_is_another_one(nlp: Language) -> None:
    text = (
        "Penny Wong met Sitiveni Rabuka in Suva on May 2, 2023. A meeting between Penny Wong and Mark Brown "
        "followed on May 3, 2023."
    )
    found = [e for e in events(nlp, text) if e.type == "Meeting"]
    assert [(e.trigger.text, e.definite, e.time.value if e.time else None) for e in found] == [
        ("met", False, "2023-05-02"),
        ("meeting", False, "2023-05-03"),
    ]


def test_the_visit_after_a_meeting_is_a_visit_of_its_own(nlp: Language) -> None:
    text = "Penny Wong met Sitiveni Rabuka in Suva on May 2, 2023. Her visit to Fiji ended on May 3, 2023."
    assert [(e.type, e.definite) for e in events(nlp, text)] == [("Meeting", False), ("Visit", True)]
