"""Resolution inside one article (kg.resolve.within): same name, acronyms, surnames, first names, role phrases.

Mentions are placed by hand in a hand-written text, so each case checks the rule and not the model; the last
cases run the real pipeline on the same kinds of sentences.
"""

from __future__ import annotations

from collections.abc import Callable

import pytest

from kg.model import Article, Extraction, Mention, Provenance, Resolution, Role
from kg.resolve.filters import is_name
from kg.resolve.gazetteer import gazetteer
from kg.resolve.within import article_clusters


def at(text: str, surface: str, label: str, nth: int = 0, **kw: str) -> Mention:
    """A mention of the ``nth`` occurrence of ``surface`` in ``text``."""
    start = -1
    for _ in range(nth + 1):
        start = text.index(surface, start + 1)
    return Mention(surface, label, Provenance("a0", start, start + len(surface), 0, "test"), **kw)  # type: ignore[arg-type]


def titled(person: Mention, title: str, head: str) -> Role:
    return Role(person, title, head, Provenance("a0", person.prov.start, person.prov.end, 0, "test"))


def clusters(text: str, mentions: list[Mention], roles: tuple[Role, ...] = ()) -> list[list[str]]:
    """The article's clusters, each as its mentions' texts in text order, ordered by their first mention."""
    ex = Extraction(Article("a0", "a0.txt", text, ""), (), tuple(mentions), roles)
    gaz = gazetteer()
    names = [m for m in mentions if is_name(m, gaz)]
    groups = sorted(article_clusters(ex, names, gaz), key=lambda g: g[0].prov.start)
    return [[m.text for m in group] for group in groups]


# kg.samename.v1


def test_the_same_name_is_the_same_thing() -> None:
    text = "Chile voted. Later CHILE and Peru voted again."
    found = clusters(text, [at(text, "Chile", "GPE"), at(text, "CHILE", "ORG"), at(text, "Peru", "GPE")])
    assert found == [["Chile", "CHILE"], ["Peru"]]  # the model's two labels do not make two things


# kg.acronyms.v1


def test_a_long_form_joins_the_acronym_defined_after_it() -> None:
    text = "The Organization of American States (OAS) met in Lima. The OAS said the vote was fair."
    ms = [at(text, "Organization of American States", "ORG"), at(text, "OAS", "ORG"), at(text, "OAS", "ORG", 1)]
    assert clusters(text, ms) == [["Organization of American States", "OAS", "OAS"]]


def test_a_long_form_joins_an_acronym_of_its_initials_used_elsewhere() -> None:
    text = "The European Union said it would respond. An EU spokesperson said sanctions were possible."
    assert clusters(text, [at(text, "European Union", "ORG"), at(text, "EU", "ORG")]) == [["European Union", "EU"]]


def test_an_acronym_of_other_initials_stays_apart() -> None:
    text = "The World Health Organization warned the UN on Monday."
    found = clusters(text, [at(text, "World Health Organization", "ORG"), at(text, "UN", "ORG")])
    assert found == [["World Health Organization"], ["UN"]]


def test_an_explicit_definition_joins_even_when_the_initials_differ() -> None:
    text = "The Association of Southeast Asian Nations (ASEAN) met in Jakarta. ASEAN leaders agreed."
    ms = [
        at(text, "Association of Southeast Asian Nations", "ORG"),
        at(text, "ASEAN", "ORG"),
        at(text, "ASEAN", "ORG", 1),
    ]
    assert len(clusters(text, ms)) == 1


def test_two_long_forms_with_the_same_initials_stay_apart() -> None:
    text = (
        "The International Cricket Council (ICC) met in Dubai. Separately, the International Criminal Court "
        "opened a case. The ICC said the hearing would start in May."
    )
    ms = [
        at(text, "International Cricket Council", "ORG"),
        at(text, "ICC", "ORG"),
        at(text, "International Criminal Court", "ORG"),
        at(text, "ICC", "ORG", 1),
    ]
    found = clusters(text, ms)
    assert ["International Criminal Court"] in found


# kg.surnames.v1 and first names


def test_a_surname_joins_the_person_named_in_full_before_it() -> None:
    text = "Home Secretary Priya Patel visited Leeds. Patel said the rules would change."
    ms = [at(text, "Priya Patel", "PERSON"), at(text, "Leeds", "GPE"), at(text, "Patel", "PERSON", 1)]
    assert clusters(text, ms) == [["Priya Patel", "Patel"], ["Leeds"]]


def test_a_surname_before_any_full_name_joins_the_first_one_after_it() -> None:
    text = "Patel said the rules would change, according to Home Secretary Priya Patel."
    ms = [at(text, "Patel", "PERSON"), at(text, "Priya Patel", "PERSON")]
    assert clusters(text, ms) == [["Patel", "Priya Patel"]]


def test_people_sharing_a_surname_stay_apart_and_the_surname_goes_to_the_nearest_before() -> None:
    text = "Venus Williams beat Serena Williams in Miami. Williams said she was delighted."
    ms = [
        at(text, "Venus Williams", "PERSON"),
        at(text, "Serena Williams", "PERSON"),
        at(text, "Williams", "PERSON", 2),
    ]
    assert clusters(text, ms) == [["Venus Williams"], ["Serena Williams", "Williams"]]


def test_an_initial_and_surname_joins_the_one_person_of_that_surname_with_that_initial() -> None:
    text = "Jason Reeve scored and coach Andy Reeve was pleased. Team: J Reeve (capt), A Reeve, T Reeve."
    ms = [
        at(text, "Jason Reeve", "PERSON"),
        at(text, "Andy Reeve", "PERSON"),
        at(text, "J Reeve", "PERSON"),
        at(text, "A Reeve", "PERSON"),
        at(text, "T Reeve", "PERSON"),
    ]
    assert clusters(text, ms) == [["Jason Reeve", "J Reeve"], ["Andy Reeve", "A Reeve"], ["T Reeve"]]


def test_a_country_is_not_a_persons_surname() -> None:
    text = "Michael Jordan arrived in Amman, the capital of Jordan, on Friday."
    ms = [at(text, "Michael Jordan", "PERSON"), at(text, "Amman", "GPE"), at(text, "Jordan", "GPE", 1)]
    assert clusters(text, ms) == [["Michael Jordan"], ["Amman"], ["Jordan"]]


def test_a_small_towns_name_that_is_a_persons_surname_is_the_person() -> None:
    # the model takes the surname for a place; the gazetteer has a town of 60,000 of that name
    text = "Chris Chelsea scored twice on Sunday. Chelsea said the win was deserved."
    ms = [at(text, "Chris Chelsea", "PERSON"), at(text, "Chelsea", "GPE", 1)]
    assert clusters(text, ms) == [["Chris Chelsea", "Chelsea"]]
    text = "Denzel Houston arrived on Friday. Houston is the fourth city of the United States."
    ms = [at(text, "Denzel Houston", "PERSON"), at(text, "Houston", "GPE", 1)]
    assert clusters(text, ms) == [["Denzel Houston"], ["Houston"]]  # a big city keeps its name


def test_the_surname_of_a_person_is_theirs_even_when_a_country_has_that_name() -> None:
    text = "Michael Jordan arrived in Amman on Friday. Jordan said the trip was a dream."
    ms = [at(text, "Michael Jordan", "PERSON"), at(text, "Amman", "GPE"), at(text, "Jordan", "PERSON", 1)]
    assert clusters(text, ms) == [["Michael Jordan", "Jordan"], ["Amman"]]


@pytest.mark.xfail(strict=True, reason="kg.samename.v1 joins the country 'Jordan' to the person 'Jordan' first")
def test_the_country_stays_apart_when_the_persons_surname_is_also_used() -> None:
    text = "Michael Jordan arrived in Amman on Friday. Jordan said the trip to Jordan was a dream."
    ms = [
        at(text, "Michael Jordan", "PERSON"),
        at(text, "Amman", "GPE"),
        at(text, "Jordan", "PERSON", 1),
        at(text, "Jordan", "GPE", 2),
    ]
    assert ["Jordan"] in clusters(text, ms)


def test_a_first_name_alone_joins_the_one_person_with_that_first_name() -> None:
    text = "Actor Pedro Pascal arrived in Santiago on Friday. Pedro thanked the fans."
    ms = [at(text, "Pedro Pascal", "PERSON"), at(text, "Santiago", "GPE"), at(text, "Pedro", "PERSON", 1)]
    assert clusters(text, ms) == [["Pedro Pascal", "Pedro"], ["Santiago"]]


def test_a_first_name_shared_by_two_people_stays_alone() -> None:
    text = "Pedro Pascal met Pedro Almodovar in Madrid. Pedro thanked the fans."
    ms = [at(text, "Pedro Pascal", "PERSON"), at(text, "Pedro Almodovar", "PERSON"), at(text, "Pedro", "PERSON", 2)]
    assert clusters(text, ms) == [["Pedro Pascal"], ["Pedro Almodovar"], ["Pedro"]]


def test_a_surname_with_its_particle_joins_the_full_name() -> None:
    text = "Charles de Gaulle led the Free French from London. In 1958 de Gaulle returned to power."
    ms = [at(text, "Charles de Gaulle", "PERSON"), at(text, "London", "GPE"), at(text, "de Gaulle", "PERSON", 1)]
    assert clusters(text, ms) == [["Charles de Gaulle", "de Gaulle"], ["London"]]


# kg.rolephrase.v1


def test_a_role_phrase_joins_the_nearest_holder_of_that_role_before_it() -> None:
    text = "President Gabriel Boric met President Javier Milei. The president said trade would grow."
    boric, milei = at(text, "Gabriel Boric", "PERSON", hint="Person"), at(text, "Javier Milei", "PERSON", hint="Person")
    phrase = at(text, "The president", "ROLE", role="president")
    roles = (titled(boric, "President", "president"), titled(milei, "President", "president"))
    assert clusters(text, [boric, milei, phrase], roles) == [["Gabriel Boric"], ["Javier Milei", "The president"]]


def test_a_role_phrase_before_its_holder_joins_the_first_holder_after_it() -> None:
    text = "The minister arrived late. Foreign Minister Alberto van Klaveren apologised."
    phrase = at(text, "The minister", "ROLE", role="minister")
    avk = at(text, "Alberto van Klaveren", "PERSON", hint="Person")
    found = clusters(text, [phrase, avk], (titled(avk, "Foreign Minister", "minister"),))
    assert found == [["The minister", "Alberto van Klaveren"]]


def test_a_role_phrase_joins_no_one_with_another_role_or_no_role() -> None:
    text = "President Gabriel Boric spoke. The minister said nothing. Luis Ortega left."
    boric = at(text, "Gabriel Boric", "PERSON", hint="Person")
    phrase = at(text, "The minister", "ROLE", role="minister")
    ortega = at(text, "Luis Ortega", "PERSON")
    found = clusters(text, [boric, phrase, ortega], (titled(boric, "President", "president"),))
    assert found == [["Gabriel Boric"], ["Luis Ortega"]]  # the phrase is in no cluster


# the same rules on the real model's mentions


@pytest.mark.model
def test_role_phrase_and_surname_on_real_text(build: Callable[..., tuple[list[Extraction], Resolution]]) -> None:
    _, res = build(
        "Foreign Minister Alberto van Klaveren arrived in Lima on Monday. The minister said the talks were "
        "constructive. Klaveren later met Peruvian officials."
    )
    (person,) = [e for e in res.entities if e.kind == "Person"]
    assert person.label == "Alberto van Klaveren"
    assert "The minister" in [m.text for m in person.mentions]


@pytest.mark.model
def test_two_people_with_one_surname_stay_two_entities_on_real_text(
    build: Callable[..., tuple[list[Extraction], Resolution]],
) -> None:
    _, res = build("Tennis star Venus Williams beat Serena Williams in Miami. Williams said she was delighted.")
    people = {e.label: e.aliases for e in res.entities if e.kind == "Person"}
    assert people == {"Venus Williams": (), "Serena Williams": ("Williams",)}


@pytest.mark.model
def test_a_role_phrase_with_no_holder_makes_no_entity(
    build: Callable[..., tuple[list[Extraction], Resolution]],
) -> None:
    _, res = build("The minister said the talks were constructive.")
    assert res.entities == ()
