"""Shaping NER spans into names (rule kg.ner.v1), one function at a time.

Most cases build a Doc by hand (words, part-of-speech, entities), as spaCy's own tests do, so they check the rule and
not the statistical model; the last cases run the real pipeline on whole sentences.
"""

from __future__ import annotations

import pytest
import spacy
from spacy.language import Language
from spacy.tokens import Doc, Span

from kg.extract.spans import (
    common_at_sentence_start,
    facility,
    grow_organization,
    in_quoted_title,
    is_based,
    is_initialled,
    is_portfolio,
    name_list,
    possessive_list,
    shape,
    trim,
    with_initial,
    with_noble_title,
    with_state_word,
)

VOCAB = spacy.blank("en").vocab


def make(text: str, ents: tuple[tuple[str, str], ...] = (), pos: dict[str, str] | None = None) -> Doc:
    """A Doc of the space-separated words of ``text``; each entity is (words, label), found at its first place.
    Capitalised words are PROPN, punctuation PUNCT, the rest NOUN unless ``pos`` says otherwise; a sentence starts
    after ".", "!" or "?"."""
    words = text.split()
    tags = []
    for w in words:
        default = "PUNCT" if not any(c.isalnum() for c in w) else "PROPN" if w[0].isupper() else "NOUN"
        tags.append((pos or {}).get(w, default))
    starts = [i == 0 or words[i - 1] in (".", "!", "?") for i in range(len(words))]
    doc = Doc(VOCAB, words=words, pos=tags, sent_starts=starts)
    spans = []
    for phrase, label in ents:
        i, n = _find(words, phrase.split())
        spans.append(Span(doc, i, i + n, label=label))
    doc.ents = spans
    return doc


def _find(words: list[str], part: list[str]) -> tuple[int, int]:
    for i in range(len(words) - len(part) + 1):
        if words[i : i + len(part)] == part:
            return i, len(part)
    raise AssertionError(f"{part} not in {words}")


def ent(doc: Doc, text: str) -> Span:
    return next(e for e in doc.ents if e.text == text)


# trim


@pytest.mark.parametrize(
    ("text", "name", "expected"),
    [
        ("We met the Chilean Senate today .", "the Chilean Senate", "Chilean Senate"),
        ("Police said Mr Boric left .", "Mr Boric", "Boric"),
        ("Dr. Michelle Bachelet spoke .", "Dr. Michelle Bachelet", "Michelle Bachelet"),
        ("Rain fell in west London .", "west London", "London"),
        ("It is Chile 's choice .", "Chile 's", "Chile"),
        ("« Valparaiso » is a port .", "« Valparaiso »", "Valparaiso"),
        ("K Holmes ( Ealing , Southall and Middlesex AC ) .", "K Holmes ( Ealing , Southall and", "K Holmes"),
        ("It fell to Labour Party ( SDLP .", "Labour Party ( SDLP", "Labour Party ( SDLP"),  # an acronym stays
    ],
)
def test_trim_drops_determiners_honorifics_compass_words_possessives_and_quotes(
    text: str, name: str, expected: str
) -> None:
    doc = make(text, ((name, "GPE"),))
    assert trim(ent(doc, name)).text == expected  # type: ignore[union-attr]


@pytest.mark.parametrize(
    ("text", "name"),
    [
        ("Lord Sugar said no .", "Lord Sugar"),  # a peer's title is part of his name
        ("Dame Judi Dench won .", "Dame Judi Dench"),
        ("Mr Smith left .", "Smith"),  # nothing to drop
        ("They flew to West Virginia .", "West Virginia"),  # a capitalised compass word is part of the name
        ("Charles de Gaulle left .", "Charles de Gaulle"),  # a particle inside the name stays
    ],
)
def test_trim_keeps_what_is_part_of_the_name(text: str, name: str) -> None:
    doc = make(text, ((name, "PERSON"),))
    assert trim(ent(doc, name)).text == name  # type: ignore[union-attr]


def test_trim_keeps_a_lone_honorific_word_and_returns_none_for_only_punctuation() -> None:
    doc = make("Ask Dr , then go .", (("Dr", "PERSON"), (",", "ORG")))
    assert trim(ent(doc, "Dr")).text == "Dr"  # type: ignore[union-attr]
    assert trim(ent(doc, ",")) is None


# with_noble_title


def test_noble_title_joins_a_one_word_name() -> None:
    doc = make("Prince Harry visited Leeds .", (("Harry", "PERSON"),))
    assert with_noble_title(ent(doc, "Harry")).text == "Prince Harry"


def test_noble_title_is_not_joined_when_lower_case_or_not_noble_or_name_is_longer() -> None:
    doc = make(
        "the prince Harry met Senator Warren and King Felipe Juan .",
        (("Harry", "PERSON"), ("Warren", "PERSON"), ("Felipe Juan", "PERSON")),
    )
    assert with_noble_title(ent(doc, "Harry")).text == "Harry"  # "prince" in lower case is a common noun
    assert with_noble_title(ent(doc, "Warren")).text == "Warren"  # a senator's title is not part of the name
    assert with_noble_title(ent(doc, "Felipe Juan")).text == "Felipe Juan"


# with_state_word


def test_a_formal_state_word_after_a_country_is_part_of_its_name() -> None:
    doc = make("Talks with the Kyrgyz Republic ended .", (("Kyrgyz", "GPE"),))
    assert with_state_word(ent(doc, "Kyrgyz")).text == "Kyrgyz Republic"


def test_a_lower_case_or_other_word_after_a_country_is_not_joined() -> None:
    doc = make("Chile , a republic , and Peru Government met .", (("Chile", "GPE"), ("Peru", "GPE")))
    assert with_state_word(ent(doc, "Chile")).text == "Chile"
    assert with_state_word(ent(doc, "Peru")).text == "Peru"
    doc = make("They said Peru republic was calm .", (("Peru", "GPE"),))
    assert with_state_word(ent(doc, "Peru")).text == "Peru"


# is_portfolio


@pytest.mark.parametrize(
    ("text", "name"),
    [
        ("Home Secretary Priya Patel spoke .", "Home"),
        ("Labor Secretary Julie Su spoke .", "Labor"),
        ("Culture , Media and Sport Secretary Lisa Nandy spoke .", "Culture"),
        ("Health spokesman Wes Streeting spoke .", "Health"),
        ("Foreign Affairs Minister Penny Wong spoke .", "Foreign Affairs"),
    ],
)
def test_portfolio_word_before_a_title_is_not_a_name(text: str, name: str) -> None:
    doc = make(text, ((name, "ORG"),))
    assert is_portfolio(ent(doc, name))


@pytest.mark.parametrize(
    ("text", "name"),
    [
        ("Home Office officials spoke .", "Home Office"),  # a body noun makes it a body
        ("the Health Ministry said so .", "Health Ministry"),
        ("Health officials spoke .", "Health"),  # no title after it
        ("Chile Secretary Ana Lopez spoke .", "Chile"),  # not a portfolio word
    ],
)
def test_government_bodies_and_other_names_are_not_portfolios(text: str, name: str) -> None:
    doc = make(text, ((name, "ORG"),))
    assert not is_portfolio(ent(doc, name))


@pytest.mark.parametrize("text", ["Labour MP Diane Abbott spoke .", "Labour leader Keir Starmer spoke ."])
def test_a_party_before_a_members_title_is_a_name(text: str) -> None:
    doc = make(text, (("Labour", "ORG"),))
    assert not is_portfolio(ent(doc, "Labour"))


# in_quoted_title


def test_a_name_inside_a_longer_quoted_title_is_not_a_name() -> None:
    doc = make("Chile adopted the “ National Strategy for Chile Wetlands ” in May .", (("Chile Wetlands", "GPE"),))
    assert in_quoted_title(ent(doc, "Chile Wetlands"))


def test_a_quoted_name_alone_and_a_name_after_a_closed_quote_are_names() -> None:
    doc = make("Locals call it “ Valpo ” and the “ Port ” of Valparaiso .", (("Valpo", "GPE"), ("Valparaiso", "GPE")))
    assert not in_quoted_title(ent(doc, "Valpo"))  # nothing else inside the quotes
    assert not in_quoted_title(ent(doc, "Valparaiso"))  # the quote closed before it


# common_at_sentence_start


def test_a_capitalised_first_word_used_in_lower_case_elsewhere_is_a_common_noun() -> None:
    doc = make("Party leaders met . The party won .", (("Party", "ORG"),))
    assert common_at_sentence_start(ent(doc, "Party"))


def test_sentence_initial_names_that_are_not_common_words_in_the_text_stay() -> None:
    doc = make(
        "Labour won . Then the Labour Party met . Partying went on .", (("Labour", "ORG"), ("Labour Party", "ORG"))
    )
    assert not common_at_sentence_start(ent(doc, "Labour"))  # never in lower case ("Partying" is another word)
    assert not common_at_sentence_start(ent(doc, "Labour Party"))  # two words, not at the start


# grow_organization


def test_organisation_grows_over_of_and_a_country() -> None:
    doc = make(
        "The Evangelical Alliance of Kenya called for calm .", (("Evangelical Alliance", "ORG"), ("Kenya", "GPE"))
    )
    assert grow_organization(ent(doc, "Evangelical Alliance")).text == "Evangelical Alliance of Kenya"


def test_organisation_grows_over_and_and_a_comma_list_of_portfolios() -> None:
    doc = make("The Department for Culture , Media and Sport paid .", (("Department for Culture", "ORG"),))
    assert grow_organization(ent(doc, "Department for Culture")).text == "Department for Culture , Media and Sport"


def test_organisation_does_not_grow_over_and_without_for_or_of() -> None:
    doc = make("Codelco and Antofagasta met .", (("Codelco", "ORG"),))
    assert grow_organization(ent(doc, "Codelco")).text == "Codelco"  # two companies, not one name


def test_organisation_does_not_grow_into_and_before_a_title() -> None:
    doc = make("The Ministry of Health and Minister Ana Lopez met .", (("Ministry of Health", "ORG"),))
    assert grow_organization(ent(doc, "Ministry of Health")).text == "Ministry of Health"


def test_organisation_does_not_swallow_a_second_place_after_of() -> None:
    doc = make("The Bank of Chile Santiago branch .", (("Bank", "ORG"),))
    doc.ents = [Span(doc, 1, 2, label="ORG"), Span(doc, 3, 4, label="GPE"), Span(doc, 4, 5, label="GPE")]
    assert grow_organization(doc.ents[0]).text == "Bank of Chile"


# facility and shape, on the real model's parses


@pytest.mark.model
@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("Flights resumed at Heathrow airport on Monday.", "Heathrow airport"),
        ("Ships were blocked near the Kerch bridge on Monday.", "Kerch bridge"),
        ("The Rafah crossing reopened on Monday.", "Rafah crossing"),
    ],
)
def test_a_name_before_a_facility_noun_becomes_the_facility(nlp: Language, text: str, expected: str) -> None:
    shaped = [shape(e) for e in nlp(text).ents]
    assert (expected, "FAC") in [(s.text, label) for s, label in filter(None, shaped)]


@pytest.mark.model
def test_a_known_place_before_a_facility_noun_stays_the_place(nlp: Language) -> None:
    doc = nlp("Protesters gathered outside the Boston police station on Sunday.")
    boston = next(e for e in doc.ents if e.text == "Boston")
    assert facility(boston, boston.label_) is None
    assert shape(boston) is not None and shape(boston)[1] == "GPE"  # type: ignore[index]


@pytest.mark.model
@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("The Evangelical Alliance of Kenya called for calm.", ("Evangelical Alliance of Kenya", "ORG")),
        ("Prince Harry visited the hospital with his wife, Meghan.", ("Prince Harry", "PERSON")),
        ("Dr Anthony Fauci testified before the Senate.", ("Anthony Fauci", "PERSON")),
        ("Mr Starmer spoke in west London on Tuesday.", ("London", "GPE")),
    ],
)
def test_shape_on_real_sentences(nlp: Language, text: str, expected: tuple[str, str]) -> None:
    shaped = [(s.text, label) for s, label in filter(None, (shape(e) for e in nlp(text).ents))]
    assert expected in shaped


@pytest.mark.model
def test_shape_of_a_ministry_before_and_minister(nlp: Language) -> None:
    doc = nlp("Officials from the Ministry of Health and Minister Ana Lopez visited the hospital.")
    shaped = [(s.text, label) for s, label in filter(None, (shape(e) for e in doc.ents))]
    assert ("Ministry of Health", "ORG") in shaped


@pytest.mark.model
@pytest.mark.parametrize(
    ("text", "dropped"),
    [
        ("Health spokesman Wes Streeting criticised the plan.", "Health"),
        ("Party officials believe the party will win the vote in Ohio.", "Party"),
    ],
)
def test_shape_drops_portfolios_and_common_nouns(nlp: Language, text: str, dropped: str) -> None:
    doc = nlp(text)
    span = next(e for e in doc.ents if e.text == dropped)
    assert shape(span) is None


@pytest.mark.model
def test_a_country_named_by_a_nationality_word_and_republic_is_kept(nlp: Language) -> None:
    doc = nlp("Trade between Chile and the Czech Republic grew last year.")
    shaped = [s.text for s, _ in filter(None, (shape(e) for e in doc.ents))]
    assert "Czech Republic" in shaped


@pytest.mark.parametrize(
    ("text", "name", "based"),
    [
        ("the Texas - based maker", "Texas", True),
        ("the Austin , Texas - based maker", "Austin", True),
        ("Texas based its claim on law", "Texas", False),
        ("Texas - the state", "Texas", False),
    ],
)
def test_a_name_before_based_is_a_place(text: str, name: str, based: bool) -> None:
    doc = make(text, ((name, "PERSON"),))
    assert is_based(doc.ents[0]) is based


@pytest.mark.parametrize(
    ("text", "ent", "parts"),
    [
        ("Norway 's Ekofisk , Russia 's Urals rose", "Ekofisk , Russia", ["Ekofisk", "Russia"]),
        ("Ekofisk , Russia rose", "Ekofisk , Russia", []),  # no possessive: "City, Country" stays whole
        ("Norway 's Ekofisk , and more", "Ekofisk ,", []),
    ],
)
def test_a_possessive_list_splits(text: str, ent: str, parts: list[str]) -> None:
    doc = make(text, ((ent, "ORG"),))
    assert [p.text for p in possessive_list(doc.ents[0])] == parts


def test_shape_keeps_a_name_written_with_full_stops_and_drops_one_without_letters() -> None:
    doc = make("Lisa Raymond ( U.S. ) beat Kim Po ( 1997 ) .", (("U.S.", "GPE"), ("1997", "GPE")))
    shaped = shape(ent(doc, "U.S."), doc.text)
    assert shaped is not None and (shaped[0].text, shaped[1]) == ("U.S.", "GPE")
    assert shape(ent(doc, "1997"), doc.text) is None


# initials


@pytest.mark.parametrize(
    ("text", "name", "expected"),
    [
        ("K Oduya won .", "K Oduya", True),
        ("J. Amadi won .", "J. Amadi", True),
        ("D Wall ( Upton Harriers ) .", "D Wall", True),  # a common word, then its club in brackets
        ("D Wall won .", "D Wall", False),  # "wall" is a common word: no evidence of a person
        ("He saw X Factor .", "X Factor", False),
        ("He sat A Level exams .", "A Level", False),
        ("She shops at W H Smith .", "W H Smith", False),
        ("Kelly Amadi won .", "Kelly Amadi", False),
    ],
)
def test_an_initial_and_a_surname_name_a_person(text: str, name: str, expected: bool) -> None:
    doc = make(text, ((name, "ORG"),))
    assert is_initialled(ent(doc, name)) is expected


def test_a_lone_initial_before_a_surname_at_the_start_of_an_item_is_part_of_the_name() -> None:
    doc = make("Winners : J Amadi , M Okoro .", (("Amadi", "PERSON"), ("Okoro", "PERSON")))
    assert with_initial(ent(doc, "Amadi")).text == "J Amadi"
    doc = make("He met A Amadi .", (("Amadi", "PERSON"),))
    assert with_initial(ent(doc, "Amadi")).text == "Amadi"  # "A" is the article


# works and products


@pytest.mark.model
@pytest.mark.parametrize(
    ("text", "name"),
    [
        ("Varga appeared in the 1999 horror film Harlow Creek.", "Harlow Creek"),
        ("Amadi is known for her role in TV soap Harbour Lane.", "Harbour Lane"),
        ("Freely available programs such as SpyClean and Netguard are widely used.", "Netguard"),
        ("The chain sells burgers like the Mega Stack and the Double Crunch.", "Double Crunch"),
        ("Gamers can buy consoles such as the Zentra Box.", "Zentra Box"),
        ("Critics praised the thriller Northern Lights Fall.", "Northern Lights Fall"),
    ],
)
def test_a_name_a_work_or_product_noun_stands_for_is_no_entity(nlp: Language, text: str, name: str) -> None:
    doc = nlp(text)
    spans = [e for e in doc.ents if name in e.text or e.text in name]
    assert spans, [(e.text, e.label_) for e in doc.ents]  # the model took it for a name...
    assert all(shape(e) is None for e in spans)  # ...which is a title


@pytest.mark.model
def test_a_name_that_owns_a_work_stays_a_name(nlp: Language) -> None:
    doc = nlp("Tom Hale is a commentator on the BBC World Service programme Tech Week.")
    bbc = [e for e in doc.ents if e.text.startswith("the BBC") or e.text.startswith("BBC")]
    assert bbc and shape(bbc[0]) is not None


# plain lists


@pytest.mark.parametrize(
    ("text", "name", "label", "parts"),
    [
        ("Backs : Moss , Lane .", "Moss , Lane", "PERSON", ["Moss", "Lane"]),
        ("Ashby , Kirk and Lane trained .", "Ashby , Kirk and Lane", "ORG", ["Ashby", "Kirk", "Lane"]),
        (
            "At the Ministry of the Interior , Trade and Rural Affairs .",
            "Ministry of the Interior , Trade and Rural Affairs",
            "ORG",
            [],
        ),
        ("Karlsruhe , Germany won .", "Karlsruhe , Germany", "GPE", []),  # a place and its country is no list here
        ("Kelly Amadi won .", "Kelly Amadi", "PERSON", []),
    ],
)
def test_a_plain_list_the_model_took_for_one_name_is_split(text: str, name: str, label: str, parts: list) -> None:
    doc = make(text, ((name, label),))
    assert [p.text for p in name_list(ent(doc, name))] == parts
