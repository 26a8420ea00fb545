"""Headlines and capitals cased as running text before the model reads them; offsets and characters kept."""

from __future__ import annotations

import pytest
from hypothesis import given
from hypothesis import strategies as st
from spacy.language import Language

from kg.extract import extract
from kg.extract.casing import headline_lines, recase
from kg.ingest.article import make_article
from kg.resolve import resolve

TEXT = """Vertex Mobile USA Announces Phone Launch Date

NAIROBI 1997-03-02
Orion said on Monday that Vertex Mobile USA will sell the phone. The vertex of the market is near.

TENNIS - HENMAN SAILS INTO SECOND ROUND
Tim Henman won his match on Tuesday.
"""


def test_capitals_and_title_case_lines_are_found() -> None:
    lines = [TEXT[a:b] for a, b in headline_lines(TEXT)]
    assert lines == [
        "Vertex Mobile USA Announces Phone Launch Date",
        "NAIROBI 1997-03-02",
        "TENNIS - HENMAN SAILS INTO SECOND ROUND",
    ]


@pytest.mark.parametrize(
    "line",
    [
        "Orion said on Monday that the phone will sell.",  # running text
        "The European Union and the United Nations met.",  # names in a sentence
        "Tim Henman",  # two words of a name
        "UN",  # an acronym
    ],
)
def test_running_text_and_names_are_no_headline(line: str) -> None:
    assert headline_lines(line) == []


def test_words_take_the_case_the_text_gives_them_elsewhere() -> None:
    cased = recase(TEXT)
    assert cased.splitlines()[0] == "Vertex Mobile USA announces phone launch date"  # "vertex" is a word too,
    assert cased.splitlines()[2] == "Nairobi 1997-03-02"  # but the first word of a line is capitalised
    assert cased.splitlines()[5] == "Tennis - Henman sails into second round"  # a name: capitalised
    assert cased.lower() == TEXT.lower() and len(cased) == len(TEXT)


@given(st.text(alphabet=st.sampled_from("ABCDEFG abcdefg\n-.İıß"), max_size=80))
def test_only_case_changes(text: str) -> None:
    cased = recase(text)
    assert len(cased) == len(text)
    assert all(a == b or a.lower() == b.lower() for a, b in zip(cased, text, strict=True))


@pytest.mark.model
def test_the_doc_keeps_the_text_as_written_and_a_headline_is_no_entity(nlp: Language) -> None:
    article = make_article("a.txt", TEXT)
    (ex,) = list(extract([article], nlp))
    assert all(TEXT[m.prov.start : m.prov.end] == m.text for m in ex.mentions)
    names = {m.text for m in ex.mentions if m.label not in ("DATE", "ROLE")}
    assert not any(name.count(" ") >= 3 for name in names), names  # no headline became a name
    assert "Vertex Mobile USA" in names and "Tim Henman" in names
    assert all(TEXT[s.start : s.end] == s.text for s in ex.sentences)


@pytest.mark.model
def test_a_dateline_in_capitals_links_its_place(nlp: Language) -> None:
    article = make_article("a.txt", TEXT)
    assert str(article.published) == "1997-03-02"
    result = resolve(list(extract([article], nlp)))
    nairobi = [e for e in result.entities if e.label == "Nairobi"]
    assert len(nairobi) == 1 and nairobi[0].kind == "City"
    assert [(link.scheme, link.value) for link in nairobi[0].links] == [("geonames", "184745")]


def test_capitals_in_a_title_case_line_are_kept() -> None:
    text = "Lohan Leaves Betty Ford, Checks Into Rehab\nFirst Published: June 13, 2013 4:59 PM EDT\n"
    text += "Lohan left the Betty Ford Center for a rehab clinic."
    cased = recase(text).splitlines()
    assert cased[0] == "Lohan leaves Betty Ford, checks into rehab"
    assert cased[1].endswith("PM EDT")
