"""A small corpus built by hand (no spaCy): three articles, entities shared between them, nasty names.

The quads come from the real graph builder, so the layout is exactly what ``kg build`` writes.
"""

from __future__ import annotations

from datetime import date

import pyoxigraph as ox

from kg.graph.build import build_quads
from kg.model import DATES, NER, Article, Entity, Extraction, Mention, Provenance, Resolution, Sentence, TimeValue

#: Names that would break a query built by pasting strings.
NASTY = 'Bob "The Brace" } # > \\ O\'Neil\nJr'


def _article(doc_id: str, title: str, published: date, sentences: list[str]) -> tuple[Article, list[Sentence]]:
    text = " ".join(sentences)
    article = Article(id=doc_id, source=f"{doc_id}.txt", text=text, title=title, published=published)
    out, start = [], 0
    for i, s in enumerate(sentences):
        out.append(Sentence(doc_id, i, start, start + len(s), s))
        start += len(s) + 1
    return article, out


def _mention(sentences: list[Sentence], index: int, name: str, label: str, **kw: object) -> Mention:
    s = sentences[index]
    begin = s.start + s.text.index(name)
    extractor = DATES if label == "DATE" else NER
    return Mention(name, label, Provenance(s.doc_id, begin, begin + len(name), index, extractor), **kw)  # type: ignore[arg-type]


def corpus() -> tuple[list[Extraction], Resolution]:
    a1, s1 = _article("a1", "Blair meets Brown", date(2005, 3, 1), [
        "Tony Blair met Gordon Brown in London on 1 March 2005.",
        "Blair said the Labour Party would win.",
    ])
    a2, s2 = _article("a2", "Brown in Paris", date(2005, 2, 10), [
        "Gordon Brown visited Paris in February 2005.",
        f"He met {NASTY} there.",
    ])
    a3, s3 = _article("a3", "Labour plans", date(2005, 4, 2), [
        "The Labour Party and Tony Blair set out plans in 2004.",
    ])
    m = {
        "blair1": _mention(s1, 0, "Tony Blair", "PERSON"),
        "brown1": _mention(s1, 0, "Gordon Brown", "PERSON"),
        "london": _mention(s1, 0, "London", "GPE"),
        "blair2": _mention(s1, 1, "Blair", "PERSON"),
        "labour1": _mention(s1, 1, "Labour Party", "ORG"),
        "brown2": _mention(s2, 0, "Gordon Brown", "PERSON"),
        "paris": _mention(s2, 0, "Paris", "GPE"),
        "nasty": _mention(s2, 1, NASTY, "PERSON"),
        "labour3": _mention(s3, 0, "Labour Party", "ORG"),
        "blair3": _mention(s3, 0, "Tony Blair", "PERSON"),
    }
    dates = {
        "d1": _mention(s1, 0, "1 March 2005", "DATE", time=TimeValue("2005-03-01", "date")),
        "d2": _mention(s2, 0, "February 2005", "DATE", time=TimeValue("2005-02", "gYearMonth")),
        "d3": _mention(s3, 0, "2004", "DATE", time=TimeValue("2004", "gYear")),
    }
    entities = (
        Entity("Person:tony blair", "Person", "Tony Blair", ("Blair",), (m["blair1"], m["blair2"], m["blair3"])),
        Entity("Person:gordon brown", "Person", "Gordon Brown", (), (m["brown1"], m["brown2"])),
        Entity("Person:nasty", "Person", NASTY, (), (m["nasty"],)),
        Entity("Organization:labour party", "Organization", "Labour Party", (), (m["labour1"], m["labour3"])),
        Entity("Place:london", "City", "London", (), (m["london"],)),
        Entity("Place:paris", "City", "Paris", (), (m["paris"],)),
    )
    mention_entity = {mention: e.key for e in entities for mention in e.mentions}

    def mentions_of(doc: str) -> tuple[Mention, ...]:
        return tuple(x for x in [*m.values(), *dates.values()] if x.prov.doc_id == doc)

    extractions = [Extraction(a, tuple(s), mentions_of(a.id)) for a, s in ((a1, s1), (a2, s2), (a3, s3))]
    return extractions, Resolution(entities, mention_entity)


def corpus_quads() -> list[ox.Quad]:
    return build_quads(*corpus())
