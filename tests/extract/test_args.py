"""From tokens to mentions (kg.extract.args): MentionIndex and expand, on Docs built by hand (no model).

Each Doc is given its words, heads and dependency labels, so the rules are tested on a known parse; the last
tests check the same rules on the real model's parse.
"""

from __future__ import annotations

from collections.abc import Callable

import pytest
import spacy
from spacy.language import Language
from spacy.tokens import Doc

from kg.extract.args import MentionIndex, expand
from kg.model import PRONOUNS, Mention, Provenance, Role, Sentence, TimeValue

VOCAB = spacy.blank("en").vocab  # English lexical attributes (lower case), no model


def parsed(spec: str, offset: int = 0) -> tuple[Doc, list[Sentence]]:
    """A Doc from ``word/POS/TAG/dep/head`` items (head: index of the head, itself for the root)."""
    items = [w.split("/") for w in spec.split()]
    doc = Doc(
        VOCAB,
        words=[i[0] for i in items],
        pos=[i[1] for i in items],
        tags=[i[2] for i in items],
        deps=[i[3] for i in items],
        heads=[int(i[4]) for i in items],
    )
    return doc, [Sentence("a0", 0, offset, offset + len(doc.text), doc.text)]


def named(doc: Doc, i: int, label: str, n: int = 1, offset: int = 0) -> Mention:
    """A mention over tokens ``i .. i+n-1`` of ``doc``."""
    span = doc[i : i + n]
    start = offset + span.start_char
    return Mention(span.text, label, Provenance("a0", start, start + len(span.text), 0, "test"))


# "Ruto met Museveni during his visit ."
MET = "Ruto/PROPN/NNP/nsubj/1 met/VERB/VBD/ROOT/1 Museveni/PROPN/NNP/dobj/1 during/ADP/IN/prep/1 his/PRON/PRP$/poss/5 visit/NOUN/NN/pobj/3 ./PUNCT/./punct/1"  # noqa: E501


def test_at_finds_the_mention_over_a_token_and_none_elsewhere() -> None:
    doc, sents = parsed(MET)
    ruto, museveni = named(doc, 0, "PERSON"), named(doc, 2, "PERSON")
    index = MentionIndex(doc, [museveni, ruto], "a0", 0, sents)
    assert index.at(doc[0]) == ruto
    assert index.at(doc[2]) == museveni
    assert index.at(doc[1]) is None


def test_at_prefers_the_longest_of_nested_mentions() -> None:
    doc, sents = parsed("African/PROPN/NNP/compound/2 Union/PROPN/NNP/compound/2 Commission/PROPN/NNP/ROOT/2")
    whole, part = named(doc, 0, "ORG", 3), named(doc, 0, "ORG", 2)
    index = MentionIndex(doc, [part, whole], "a0", 0, sents)
    assert index.at(doc[0]) == whole
    assert index.at(doc[2]) == whole


def test_at_counts_offsets_from_the_start_of_the_article_for_a_later_piece() -> None:
    doc, sents = parsed(MET, offset=500)
    ruto = named(doc, 0, "PERSON", offset=500)
    index = MentionIndex(doc, [ruto], "a0", 500, sents)
    assert index.at(doc[0]) == ruto
    assert MentionIndex(doc, [named(doc, 0, "PERSON")], "a0", 500, sents).at(doc[0]) is None


def test_a_date_is_never_a_name(mention: Callable[..., Mention]) -> None:
    doc, sents = parsed("Monday/PROPN/NNP/ROOT/0")
    monday = mention("Monday", "DATE", 0, time=TimeValue("2023-03-06", "date"))
    index = MentionIndex(doc, [monday], "a0", 0, sents)
    assert index.at(doc[0]) is None
    assert index.dates == [monday]


def test_a_token_inside_a_title_stands_for_the_person_who_holds_it() -> None:
    spec = "Foreign/PROPN/NNP/compound/1 Minister/PROPN/NNP/compound/3 Alberto/PROPN/NNP/compound/3 Klaveren/PROPN/NNP/ROOT/3"  # noqa: E501
    doc, sents = parsed(spec)
    person = named(doc, 2, "PERSON", 2)
    title = named(doc, 0, "ROLE", 2)
    index = MentionIndex(doc, [person], "a0", 0, sents, [Role(person, title.text, "minister", title.prov)])
    assert index.at(doc[1]) is None
    assert index.of(doc[1]) == person


def test_a_possessive_pronoun_is_the_person_who_is_the_subject_of_its_clause() -> None:
    doc, sents = parsed(MET)
    ruto, museveni = named(doc, 0, "PERSON"), named(doc, 2, "PERSON")
    index = MentionIndex(doc, [ruto, museveni], "a0", 0, sents)
    assert index.subject_of_clause(doc[4]) == ruto  # not Museveni, the nearest name before "his"
    assert index.of(doc[4]) == ruto
    assert index.created == []


def test_a_pronoun_before_its_clause_subject_becomes_a_pronoun_mention() -> None:
    spec = "During/ADP/IN/prep/4 his/PRON/PRP$/poss/2 visit/NOUN/NN/pobj/0 ,/PUNCT/,/punct/4 Ruto/PROPN/NNP/nsubj/5 met/VERB/VBD/ROOT/5 Museveni/PROPN/NNP/dobj/5"  # noqa: E501
    doc, sents = parsed(spec)
    index = MentionIndex(doc, [named(doc, 4, "PERSON"), named(doc, 6, "PERSON")], "a0", 0, sents)
    assert index.subject_of_clause(doc[1]) is None
    found = index.of(doc[1])
    assert found is not None
    assert (found.text, found.label, found.role, found.prov.extractor) == ("his", "PRON", None, PRONOUNS)
    assert (found.prov.start, found.prov.end) == (doc[1].idx, doc[1].idx + 3)
    assert index.created == [found]


def test_a_clause_subject_that_is_not_a_person_is_not_what_his_stands_for() -> None:
    spec = MET.replace("Ruto/", "Kenya/")
    doc, sents = parsed(spec)
    index = MentionIndex(doc, [named(doc, 0, "GPE"), named(doc, 2, "PERSON")], "a0", 0, sents)
    assert index.subject_of_clause(doc[4]) is None
    assert index.of(doc[4]).label == "PRON"  # type: ignore[union-attr]


@pytest.mark.parametrize("det", ["our", "the", "this"])
def test_our_country_is_a_pronoun_for_the_article_country(det: str) -> None:
    doc, sents = parsed(f"{det}/PRON/PRP$/poss/1 country/NOUN/NN/ROOT/1")
    index = MentionIndex(doc, [], "a0", 0, sents)
    found = index.of(doc[1])
    assert found is not None
    assert (found.text, found.label, found.role) == ("country", "PRON", "country")


@pytest.mark.parametrize("spec", ["a/DET/DT/det/1 country/NOUN/NN/ROOT/1", "country/NOUN/NN/ROOT/0"])
def test_a_country_that_is_not_ours_stands_for_nothing(spec: str) -> None:
    doc, sents = parsed(spec)
    index = MentionIndex(doc, [], "a0", 0, sents)
    assert index.of(doc[len(doc) - 1]) is None
    assert index.created == []


def test_a_noun_stands_for_the_name_in_apposition_to_it() -> None:
    spec = "the/DET/DT/det/1 minister/NOUN/NN/ROOT/1 ,/PUNCT/,/punct/1 Wong/PROPN/NNP/appos/1"
    doc, sents = parsed(spec)
    wong = named(doc, 3, "PERSON")
    index = MentionIndex(doc, [wong], "a0", 0, sents)
    assert index.of(doc[1]) == wong
    assert index.of(doc[1], depth=0) is None


def test_date_in_is_the_first_date_over_the_tokens(mention: Callable[..., Mention]) -> None:
    spec = "met/VERB/VBD/ROOT/0 on/ADP/IN/prep/0 Monday/PROPN/NNP/pobj/1 and/CCONJ/CC/cc/2 Friday/PROPN/NNP/conj/2"
    doc, sents = parsed(spec)
    monday = mention("Monday", "DATE", doc[2].idx, time=TimeValue("2023-03-06", "date"))
    friday = mention("Friday", "DATE", doc[4].idx, time=TimeValue("2023-03-10", "date"))
    index = MentionIndex(doc, [friday, monday], "a0", 0, sents)
    assert index.date_in(list(doc)) == monday
    assert index.date_in([doc[4]]) == friday
    assert index.date_in(list(doc[:2])) is None
    assert index.date_in([]) is None


def test_expand_gives_a_token_and_its_conjuncts() -> None:
    spec = "Kenya/PROPN/NNP/nsubj/3 and/CCONJ/CC/cc/0 Uganda/PROPN/NNP/conj/0 met/VERB/VBD/ROOT/3"
    doc, _ = parsed(spec)
    assert [t.text for t in expand(doc[0])] == ["Kenya", "Uganda"]
    assert [t.text for t in expand(doc[3])] == ["met"]


def test_a_plural_group_noun_gives_way_to_what_it_is_of() -> None:
    spec = "leaders/NOUN/NNS/ROOT/0 of/ADP/IN/prep/0 France/PROPN/NNP/pobj/1 ,/PUNCT/,/punct/2 Italy/PROPN/NNP/conj/2 and/CCONJ/CC/cc/4 Spain/PROPN/NNP/conj/4"  # noqa: E501
    doc, _ = parsed(spec)
    assert [t.text for t in expand(doc[0])] == ["France", "Italy", "Spain"]


def test_a_singular_noun_with_of_stays_itself() -> None:
    doc, _ = parsed("leader/NOUN/NN/ROOT/0 of/ADP/IN/prep/0 France/PROPN/NNP/pobj/1")
    assert [t.text for t in expand(doc[0])] == ["leader"]


# the same rules on the model's parse


@pytest.mark.model
def test_his_in_a_real_parse_is_the_subject_of_the_sentence_not_the_nearest_name(nlp: Language) -> None:
    doc = nlp("President William Ruto met President Yoweri Museveni during his visit to Uganda.")
    sents = [Sentence("a0", 0, 0, len(doc.text), doc.text)]
    ruto = named(doc, 1, "PERSON", 2)
    museveni = named(doc, 5, "PERSON", 2)
    index = MentionIndex(doc, [ruto, museveni], "a0", 0, sents)
    his = next(t for t in doc if t.lower_ == "his")
    assert index.of(his) == ruto


@pytest.mark.model
def test_the_leaders_of_three_countries_in_a_real_parse_are_the_countries(nlp: Language) -> None:
    doc = nlp("The treaty was signed by the leaders of France, Italy and Spain.")
    leaders = next(t for t in doc if t.lower_ == "leaders")
    assert [t.text for t in expand(leaders)] == ["France", "Italy", "Spain"]


def test_a_name_parsed_as_an_object_predicate_is_the_object_when_there_is_none() -> None:
    from kg.extract.semroles import verb_arguments

    # "Euronext appointed UBS as adviser ." with UBS parsed as an object predicate (oprd), as the model may
    doc, _ = parsed(
        "Euronext/PROPN/NNP/nsubj/1 appointed/VERB/VBD/ROOT/1 UBS/PROPN/NNP/oprd/1 as/ADP/IN/prep/1 "
        "adviser/NOUN/NN/pobj/3 ./PUNCT/./punct/1"
    )
    doc.ents = [doc.char_span(doc[2].idx, doc[2].idx + 3, label="ORG")]
    assert ("patient", "UBS") in {(r, t.text) for r, t, _ in verb_arguments(doc[1], {})}
    # with an object of its own, an object predicate stays what it is: "named the ship Victory"
    doc, _ = parsed(
        "They/PRON/PRP/nsubj/1 named/VERB/VBD/ROOT/1 the/DET/DT/det/3 ship/NOUN/NN/dobj/1 Victory/PROPN/NNP/oprd/1"
    )
    doc.ents = [doc.char_span(doc[4].idx, doc[4].idx + 7, label="ORG")]
    assert {(r, t.text) for r, t, _ in verb_arguments(doc[1], {}) if r == "patient"} == {("patient", "ship")}
