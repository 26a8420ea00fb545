"""Events as one sentence tells them (rule kg.events.v2): every eventive predicate of the parse, its class from the
lexicon, its arguments by role, modality and reported speech; on hand-written news sentences."""

from __future__ import annotations

import pytest
from spacy.language import Language

from kg.extract import extract
from kg.extract.predicates import ASPECTUAL, LIGHT, MODALITIES, STATIVE, THING, lexicon
from kg.model import EVENTS, Article, EventMention, Extraction
from kg.vocab import vocabulary

pytestmark = pytest.mark.model


def events(nlp: Language, text: str) -> list[EventMention]:
    result = next(extract([Article("a0", "a0.txt", text, "")], nlp))
    assert isinstance(result, Extraction)
    return list(result.events)


def args(ev: EventMention) -> set[tuple[str, str]]:
    return {(a.role, a.mention.text) for a in ev.arguments}


def one(nlp: Language, text: str, kind: str) -> EventMention:
    found = [e for e in events(nlp, text) if e.type == kind]
    assert len(found) == 1, [(e.type, e.trigger.text) for e in events(nlp, text)]
    return found[0]


def lemmas(nlp: Language, text: str) -> list[str]:
    return [e.lemma for e in events(nlp, text)]


# the lexicon is data, and names only classes of the ontology


def test_every_class_the_lexicon_gives_is_an_event_class_of_the_ontology() -> None:
    lex = lexicon()
    classes = set(vocabulary().events)
    assert set(lex.classes.values()) <= classes, set(lex.classes.values()) - classes
    assert all(lemma == lemma.lower() and pos in ("v", "n") for lemma, pos in lex.classes)
    assert set(lex.functions.values()) <= {LIGHT, ASPECTUAL, STATIVE, THING, *MODALITIES}


def test_the_event_classes_cover_ordinary_news_each_with_a_label_and_a_comment() -> None:
    classes = vocabulary().events
    for name in (
        "Acquisition",
        "Appointment",
        "Resignation",
        "Election",
        "Trial",
        "Conviction",
        "Attack",
        "Disaster",
        "Victory",
        "Match",
        "Deal",
        "Meeting",
        "Statement",
    ):
        assert name in classes and classes[name].label and classes[name].comment, name


def test_interactions_between_actors_carry_their_cameo_code() -> None:
    classes = vocabulary().events
    assert {
        k: classes[k].cameo for k in ("Meeting", "Visit", "Accusation", "Praise", "Threat", "Sanction", "Arrest")
    } == {
        "Meeting": "040",
        "Visit": "042",
        "Accusation": "112",
        "Praise": "051",
        "Threat": "130",
        "Sanction": "163",
        "Arrest": "173",
    }


# every eventive predicate, not a word list


def test_a_verb_outside_any_list_still_tells_an_event(nlp: Language) -> None:
    ev = one(nlp, "Petra Lindqvist rescued Oskar Berg near Uppsala.", "Aid")  # rescue: the Aid class
    assert args(ev) >= {("agent", "Petra Lindqvist"), ("patient", "Oskar Berg")}
    ev = next(e for e in events(nlp, "Petra Lindqvist painted the bridge in Uppsala.") if e.lemma == "paint")
    assert (ev.type, ev.theme_text) == ("Event", "the bridge")  # a verb no class lists: a plain kg:Event


def test_copulas_auxiliaries_and_states_tell_no_event(nlp: Language) -> None:
    assert lemmas(nlp, "Petra Lindqvist is the mayor of Uppsala.") == []
    assert lemmas(nlp, "Nordbank owns Vexa and has 300 staff.") == []


def test_an_aspectual_verb_attaches_to_the_event_it_governs(nlp: Language) -> None:
    ev = one(nlp, "Norway began to negotiate with Iceland in May 2023.", "Negotiation")
    assert args(ev) == {("agent", "Norway"), ("participant", "Iceland")}
    assert "begin" not in lemmas(nlp, "Norway began to negotiate with Iceland in May 2023.")


def test_an_aspectual_verb_with_nothing_to_govern_tells_what_its_subject_did(nlp: Language) -> None:
    ev = one(nlp, "Rose Okoro finished ahead of Amy Carter.", "Event")
    assert (ev.lemma, args(ev)) == ("finish", {("agent", "Rose Okoro"), ("opponent", "Amy Carter")})
    assert "continue" not in lemmas(nlp, "Norway continues its work with Iceland.")
    assert "begin" not in lemmas(nlp, "The talks began in Geneva on Monday.")


def test_a_light_verb_tells_the_event_its_object_names(nlp: Language) -> None:
    ev = one(nlp, "Norway held talks with Iceland in Oslo.", "Meeting")
    assert args(ev) == {("agent", "Norway"), ("participant", "Iceland"), ("place", "Oslo")}
    assert (ev.trigger.text, ev.verb, ev.noun) == ("talks", "held", False)


def test_the_trigger_mention_keeps_its_text_lemma_offsets_and_sentence(nlp: Language) -> None:
    text = (
        "Chile's Foreign Minister Alberto van Klaveren met with German Chancellor Olaf Scholz in Berlin on "
        "March 3, 2023."
    )
    ev = one(nlp, text, "Meeting")
    assert args(ev) == {("agent", "Alberto van Klaveren"), ("participant", "Olaf Scholz"), ("place", "Berlin")}
    assert ev.time is not None and (ev.time.value, ev.time.granularity) == ("2023-03-03", "date")
    assert (ev.trigger.text, ev.trigger.label, ev.trigger.prov.extractor, ev.lemma) == (
        "met",
        "EVENT_TRIGGER",
        EVENTS,
        "meet",
    )
    assert text[ev.trigger.prov.start : ev.trigger.prov.end] == "met"
    assert ev.trigger.prov.sentence == 0
    assert ev.phrase == text.rstrip(".")


# roles from the syntax


def test_the_issue_sentences_give_their_events(nlp: Language) -> None:
    assert args(one(nlp, "Brazil coach Carlos Mendes said the team would win.", "Statement")) == {
        ("agent", "Carlos Mendes")
    }
    deal = one(nlp, "Acme Aerospace has won an order from Gulf Air.", "Deal")
    assert args(deal) == {("agent", "Acme Aerospace"), ("source", "Gulf Air")}
    assert (deal.verb, deal.theme_text) == ("has won", "an order")
    gift = one(nlp, "Omar Haddad had given Jordan the lead.", "Event")
    assert args(gift) == {("agent", "Omar Haddad"), ("recipient", "Jordan")}
    assert args(one(nlp, "Nordbank appointed Anna Berg as chief executive.", "Appointment")) >= {
        ("patient", "Anna Berg")
    }


def test_a_passive_subject_is_the_patient_and_by_gives_the_agent(nlp: Language) -> None:
    ev = one(nlp, "Anna Berg was appointed by Nordbank on Monday.", "Appointment")
    assert args(ev) == {("patient", "Anna Berg"), ("agent", "Nordbank")}
    assert ev.passive and ev.verb == "was appointed"


def test_against_and_with_give_the_opponent_and_the_co_participant(nlp: Language) -> None:
    ev = one(nlp, "Chelsea played against Arsenal in London.", "Match")
    assert ("opponent", "Arsenal") in args(ev)
    assert ("agent", "Chelsea") in args(ev)


def test_the_lexicon_can_give_a_word_its_own_roles(nlp: Language) -> None:
    ev = one(nlp, "Germany beat Argentina in Rio de Janeiro.", "Victory")
    assert args(ev) == {("agent", "Germany"), ("opponent", "Argentina"), ("place", "Rio de Janeiro")}
    told = one(nlp, "Jane Doe told Reuters that prices would fall.", "Statement")
    assert ("recipient", "Reuters") in args(told)


def test_where_the_thing_acted_on_is_the_event_is(nlp: Language) -> None:
    ev = one(nlp, "Mr Kennedy is visiting constituencies in Somerset and Hampshire on Monday.", "Visit")
    assert {("place", "Somerset"), ("place", "Hampshire")} <= args(ev)
    sale = one(nlp, "Chris Evans has begun selling his possessions from a stall in Camden Market, London.", "Sale")
    assert ("place", "Camden Market") in args(sale) or ("place", "London") in args(sale)
    ev = one(nlp, "Acme raised prices for customers in Boston.", "Event")
    assert ("place", "Boston") in args(ev)
    ev = one(nlp, "Acme raised prices for customers of Boston Bank.", "Event")
    assert not any(role == "place" for role, _ in args(ev))  # only places give the place


def test_a_name_the_parser_took_for_an_adverb_before_the_scores_is_the_object(nlp: Language) -> None:
    ev = one(nlp, "Anthony Hill ( Australia ) beat Dan Jenson ( Australia ) 15-9 15-8 15-17 17-15", "Victory")
    assert args(ev) == {("agent", "Anthony Hill"), ("opponent", "Dan Jenson")}
    met = one(nlp, "The two leaders met Tuesday in Paris.", "Meeting")
    assert not any(role == "patient" for role, _ in args(met))


def test_the_subject_of_a_passive_verb_above_does_the_event_below(nlp: Language) -> None:
    ev = one(nlp, "Vodafone is expected to buy Vexa Technologies.", "Acquisition")
    assert ("agent", "Vodafone") in args(ev) and ev.modality == "planned"


def test_the_members_a_listing_verb_names_do_what_its_subject_does(nlp: Language) -> None:
    ev = one(nlp, "Retailers that cut prices included Tesco and Asda.", "Event")
    assert {("agent", "Tesco"), ("agent", "Asda")} <= args(ev)


def test_a_word_form_the_lexicon_lists_is_read_before_its_lemma(nlp: Language) -> None:
    ev = one(nlp, "Johnny Depp was born in Kentucky in 1963.", "Birth")
    assert ("place", "Kentucky") in args(ev) and ev.lemma == "born"
    assert not [e for e in events(nlp, "He will bear the cost.") if e.type == "Birth"]


def test_a_non_entity_object_is_kept_as_a_literal_theme(nlp: Language) -> None:
    ev = one(nlp, "The Bank of England raised interest rates.", "Event")
    assert (ev.lemma, ev.theme_text) == ("raise", "interest rates")
    assert args(ev) == {("agent", "Bank of England")}


def test_coordinated_subjects_are_all_agents(nlp: Language) -> None:
    ev = one(nlp, "Norway and Iceland signed a fisheries agreement in Reykjavik on May 2, 2023.", "Signing")
    assert {r for r in args(ev) if r[0] == "agent"} == {("agent", "Norway"), ("agent", "Iceland")}
    assert ev.theme == "agreement"


def test_control_makes_the_subject_above_the_agent_of_the_event_below(nlp: Language) -> None:
    ev = one(nlp, "Penny Wong agreed to meet Sitiveni Rabuka.", "Meeting")
    assert args(ev) == {("agent", "Penny Wong"), ("participant", "Sitiveni Rabuka")}
    assert ev.modality == "planned"


def test_a_relative_clause_has_the_noun_it_qualifies_as_its_subject(nlp: Language) -> None:
    ev = one(nlp, "Olaf Scholz, who visited Paris on Monday, said the talks went well.", "Visit")
    assert ("agent", "Olaf Scholz") in args(ev)


def test_a_document_signed_by_the_leaders_of_countries_is_signed_by_the_countries(nlp: Language) -> None:
    ev = one(
        nlp, "The treaty signed by the leaders of France, Italy and Spain on May 9, 2019 entered into force.", "Signing"
    )
    assert args(ev) == {("agent", "France"), ("agent", "Italy"), ("agent", "Spain")}
    assert ev.time is not None and ev.time.value == "2019-05-09"


# event nouns


def test_an_event_noun_takes_its_possessive_as_agent(nlp: Language) -> None:
    ev = one(nlp, "Tony Blair's resignation surprised the Labour Party.", "Resignation")
    assert args(ev) == {("agent", "Tony Blair")}
    assert ev.noun and ev.lemma == "resignation"


def test_an_attack_on_something_names_what_was_attacked(nlp: Language) -> None:
    ev = one(nlp, "The attack on the US embassy in Nairobi killed 200 people.", "Attack")
    assert ("place", "Nairobi") in args(ev) or ("patient", "US") in args(ev)


def test_the_signing_of_a_statement_by_the_leaders(nlp: Language) -> None:
    ev = one(nlp, "The signing of the statement by the leaders of Serbia and Kosovo took place in Brussels.", "Signing")
    assert args(ev) == {("agent", "Serbia"), ("agent", "Kosovo"), ("place", "Brussels")}
    assert ev.theme == "statement"


def test_amounts_in_the_plural_are_no_events(nlp: Language) -> None:
    assert "sale" not in lemmas(nlp, "Sales rose by 5% at Nordbank.")


# polarity and modality


@pytest.mark.parametrize(
    ("text", "modality"),
    [
        ("Tony Blair did not meet Vladimir Putin.", "negated"),
        ("Gordon Brown will visit China in May.", "future"),
        ("Gordon Brown plans to visit China.", "planned"),
        ("Gordon Brown is due to visit China.", "planned"),
        ("Gordon Brown may visit China.", "possible"),
        ("Gordon Brown visited China.", None),
    ],
)
def test_what_has_not_happened_is_recorded_as_such(nlp: Language, text: str, modality: str | None) -> None:
    ev = next(e for e in events(nlp, text) if e.type in ("Meeting", "Visit"))
    assert ev.modality == modality


# reported speech


def test_a_statement_is_linked_to_the_event_it_reports(nlp: Language) -> None:
    text = "Labour said that Alan Milburn had resigned."
    found = {e.type: e for e in events(nlp, text)}
    assert args(found["Statement"]) == {("agent", "Labour")}
    assert found["Statement"].reported == found["Resignation"].trigger.prov.start


def test_according_to_someone_is_their_statement(nlp: Language) -> None:
    found = {e.type: e for e in events(nlp, "According to Reuters, Nordbank cut 500 jobs.")}
    statement = found["Statement"]
    assert args(statement) == {("agent", "Reuters")}
    assert statement.reported is not None
    assert statement.reported == next(e for e in found.values() if e.lemma == "cut").trigger.prov.start


# dates: an event told inside another's words keeps its date to itself


def test_an_event_told_inside_an_announcement_does_not_lend_it_its_date(nlp: Language) -> None:
    found = {
        e.type: e
        for e in events(nlp, "Japan announced that Prime Minister Fumio Kishida would visit Kenya on May 3, 2023.")
    }
    assert found["Statement"].time is None
    assert found["Visit"].time is not None and found["Visit"].time.value == "2023-05-03"
    assert ("agent", "Fumio Kishida") in args(found["Visit"])


def test_a_meeting_during_a_dated_visit_is_framed_by_it(nlp: Language) -> None:
    text = "President William Ruto met President Yoweri Museveni during his visit to Uganda on June 3, 2023."
    found = {e.type: e for e in events(nlp, text)}
    visit = found["Visit"]
    assert visit.time is not None and visit.time.value == "2023-06-03"
    assert found["Meeting"].frame == visit.trigger.prov.start
    assert visit.definite


def test_the_meeting_after_a_meeting_is_the_same_one(nlp: Language) -> None:
    text = "Penny Wong met Sitiveni Rabuka in Suva on May 2, 2023. The meeting focused on climate."
    assert [e.trigger.text for e in events(nlp, text) if e.type == "Meeting"] == ["met"]


def test_a_participle_joined_to_a_passive_verb_is_passive_too(nlp: Language) -> None:
    told = events(nlp, "The awards ceremony was held in Leeds and hosted by Maria Lopez.")
    hosted = [e for e in told if e.lemma == "host"]
    assert len(hosted) == 1 and hosted[0].passive
    assert ("agent", "Maria Lopez") in args(hosted[0])
    assert hosted[0].theme_text == "The awards ceremony"  # what the first verb's subject is, the second's patient
    charged = one(nlp, "Peter Brant was arrested and charged by police in Leeds.", "Charge")
    assert ("patient", "Peter Brant") in args(charged)  # the subject stays the patient of the second verb


def test_a_participle_clause_before_its_subject_is_passive_with_that_subject_as_patient(nlp: Language) -> None:
    founded = [e for e in events(nlp, "Founded by Carla Mendes in 1998, Vexa grew fast.") if e.lemma == "found"]
    assert len(founded) == 1 and founded[0].passive
    assert {("agent", "Carla Mendes"), ("patient", "Vexa")} <= set(args(founded[0]))
    directed = [e for e in events(nlp, "Directed by Peter Jackson, the film won an award.") if e.lemma == "direct"]
    assert len(directed) == 1 and ("agent", "Peter Jackson") in args(directed[0])
    assert directed[0].theme_text == "the film"
    won = [e for e in events(nlp, "Having won the title, Omar Haddad retired.") if e.lemma == "win"]
    assert len(won) == 1 and not won[0].passive  # a perfect participle is active: its subject did it
    assert ("agent", "Omar Haddad") in args(won[0])


def test_the_names_a_study_is_by_do_what_the_study_does(nlp: Language) -> None:
    ev = one(nlp, "A report by Oxfam found that aid had fallen.", "Event")
    assert ("agent", "Oxfam") in args(ev)
    said = one(nlp, "A spokesman for the firm said that sales fell.", "Statement")
    assert not said.arguments or all(role != "agent" for role, _ in args(said))  # "for" is not "by"


def test_a_noun_in_apposition_to_a_list_stands_for_every_name_of_it(nlp: Language) -> None:
    found = events(nlp, "Electronics giants Kestrel and Vantor Systems are joining forces.")
    assert any({m for r, m in args(ev) if r == "agent"} == {"Kestrel", "Vantor Systems"} for ev in found)


def test_an_apposition_names_the_agent_before_a_compound_does(nlp: Language) -> None:
    found = events(nlp, "The Green Party's Senate leader, Mairi Duncan, welcomed the plan.")
    welcomed = [ev for ev in found if ev.trigger.text == "welcomed"]
    assert welcomed and ("agent", "Mairi Duncan") in args(welcomed[0])


def test_a_quantifier_of_a_group_gives_way_to_the_names_the_group_lists(nlp: Language) -> None:
    ev = one(
        nlp,
        "Many of the poorer countries, such as Chad, Niger or Mali, bought insurance.",
        "Acquisition",
    )
    assert {m for r, m in args(ev) if r == "agent"} == {"Chad", "Niger", "Mali"}


def test_a_plural_event_noun_a_light_verb_governs_is_an_event(nlp: Language) -> None:
    ev = one(nlp, "Artists including Carmen Vela, Missy Horne and Natalie Brook gave live performances.", "Performance")
    assert {m for r, m in args(ev) if r == "agent"} == {"Carmen Vela", "Missy Horne", "Natalie Brook"}
