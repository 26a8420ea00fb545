"""The user's patterns file (rule kg.patterns.v1): reading and checking it, and what its ids, types and sameAs
links do to extraction and resolution."""

from __future__ import annotations

import json
from collections.abc import Callable
from pathlib import Path

import pytest
from spacy.language import Language

from kg.errors import ExtractionError
from kg.extract import load_patterns, load_pipeline
from kg.extract.patterns import Patterns, add_ruler
from kg.model import PATTERNS, Extraction, Link, Resolution

WIKIDATA = "https://www.wikidata.org/entity/Q0000001"

LINES = [
    {"label": "PERSON", "pattern": "Alberto van Klaveren", "id": "avk", "sameAs": WIKIDATA},
    {"label": "PERSON", "pattern": "van Klaveren", "id": "avk"},
    {"label": "Organization", "pattern": "Chilean Senate", "id": "senado"},
    {"label": "Organization", "pattern": "Senado", "id": "senado"},
    {"label": "ORG", "pattern": "Codelco", "id": "codelco", "sameAs": ["http://example.org/codelco"]},
    {"label": "Region", "pattern": [{"LOWER": "atacama"}, {"LOWER": "desert"}]},
]


def write_lines(path: Path, lines: list[object]) -> Path:
    path.write_text("\n".join(x if isinstance(x, str) else json.dumps(x) for x in lines) + "\n", encoding="utf-8")
    return path


@pytest.fixture(scope="module")
def patterns(tmp_path_factory: pytest.TempPathFactory) -> Patterns:
    return load_patterns(write_lines(tmp_path_factory.mktemp("patterns") / "names.jsonl", [*LINES]))


@pytest.fixture(scope="module")
def pnlp(patterns: Patterns) -> Language:
    return load_pipeline(None, patterns)


# load_patterns (no model)


def test_patterns_keep_ids_kinds_and_links(patterns: Patterns) -> None:
    assert patterns.kind_by_id() == {
        "avk": "Person",
        "senado": "Organization",
        "codelco": "Organization",
        '[{"LOWER": "atacama"}, {"LOWER": "desert"}]': "Region",  # no id: the pattern is its own id
    }
    links = patterns.links_by_id()
    assert links["avk"] == (WIKIDATA,) and links["codelco"] == ("http://example.org/codelco",)
    assert links["senado"] == ()


def test_kg_types_become_spacy_labels_in_the_ruler(patterns: Patterns) -> None:
    ruler = [json.loads(r) for r in patterns.ruler]
    assert [(r["label"], r["id"]) for r in ruler] == [
        ("PERSON", "avk"),
        ("PERSON", "avk"),
        ("ORG", "senado"),
        ("ORG", "senado"),
        ("ORG", "codelco"),
        ("LOC", '[{"LOWER": "atacama"}, {"LOWER": "desert"}]'),
    ]


def test_patterns_are_hashable_and_blank_lines_are_skipped(tmp_path: Path) -> None:
    path = write_lines(tmp_path / "p.jsonl", ["", json.dumps(LINES[2]), "   ", json.dumps(LINES[3])])
    first, second = load_patterns(path), load_patterns(path)
    assert first == second and hash(first) == hash(second)
    assert len(first.ruler) == 2


@pytest.mark.parametrize(
    ("line", "detail"),
    [
        ("{not json", "JSONDecodeError"),
        ('{"pattern": "Codelco"}', "KeyError"),
        ('{"label": "ORG"}', "KeyError"),
        ('["ORG", "Codelco"]', "TypeError"),
        ('{"label": "COMPANY", "pattern": "Codelco"}', "unknown label 'COMPANY'"),
        ('{"label": "ORG", "pattern": ""}', "'pattern' must be a string or a list"),
        ('{"label": "ORG", "pattern": 42}', "'pattern' must be a string or a list"),
        ('{"label": "ORG", "pattern": "Codelco", "sameAs": "Q123"}', "'sameAs' must be http(s) IRIs"),
        ('{"label": "ORG", "pattern": "Codelco", "sameAs": [7]}', "'sameAs' must be http(s) IRIs"),
    ],
)
def test_a_bad_line_is_k203_naming_the_file_and_the_line(tmp_path: Path, line: str, detail: str) -> None:
    path = write_lines(tmp_path / "names.jsonl", [LINES[0], "", line, LINES[2]])
    with pytest.raises(ExtractionError) as info:
        load_patterns(path)
    err = info.value
    assert err.code == "K203"
    assert err.fields["line"] == 3  # blank lines count: the number is the line in the file
    assert str(path) in str(err) and "line 3" in str(err) and detail in str(err)


def test_a_missing_or_undecodable_file_is_k203(tmp_path: Path) -> None:
    with pytest.raises(ExtractionError) as info:
        load_patterns(tmp_path / "absent.jsonl")
    assert info.value.code == "K203" and info.value.fields["line"] == 0
    bad = tmp_path / "latin1.jsonl"
    bad.write_bytes('{"label": "ORG", "pattern": "Conceptión"}'.encode("latin-1"))
    with pytest.raises(ExtractionError) as info:
        load_patterns(bad)
    assert info.value.code == "K203"


# the ruler in the pipeline (model)


@pytest.mark.model
def test_the_ruler_runs_before_the_ner(pnlp: Language) -> None:
    names = pnlp.pipe_names
    assert names.index("kg_patterns") < names.index("ner")


@pytest.mark.model
def test_add_ruler_matches_phrases_case_insensitively(patterns: Patterns) -> None:
    fresh = load_pipeline.__wrapped__(None)  # a private copy: the session pipeline stays without patterns
    add_ruler(fresh, patterns)
    doc = fresh("CODELCO said output fell in the Atacama Desert.")
    assert {(e.text, e.label_, e.ent_id_) for e in doc.ents} >= {("CODELCO", "ORG", "codelco")}
    assert "Atacama Desert" in [e.text for e in doc.ents if e.label_ == "LOC"]


@pytest.mark.model
def test_the_users_label_overrides_the_model(nlp: Language, pnlp: Language) -> None:
    text = "Codelco reported lower copper output."
    assert [(e.text, e.label_) for e in nlp(text).ents] == [("Codelco", "GPE")]  # the model's guess
    assert [(e.text, e.label_) for e in pnlp(text).ents] == [("Codelco", "ORG")]


@pytest.mark.model
def test_pattern_mentions_carry_the_id_and_the_users_type(
    build: Callable[..., tuple[list[Extraction], Resolution]], pnlp: Language
) -> None:
    exs, _ = build("Codelco reported lower copper output.", pipeline=pnlp)
    (m,) = [m for m in exs[0].mentions if m.text == "Codelco"]
    assert (m.key, m.hint, m.prov.extractor) == ("codelco", "Organization", PATTERNS)


@pytest.mark.model
def test_ids_merge_aliases_across_articles_and_sameas_becomes_a_link(
    build: Callable[..., tuple[list[Extraction], Resolution]], pnlp: Language, patterns: Patterns
) -> None:
    _, res = build(
        "Foreign Minister Alberto van Klaveren addressed the Chilean Senate on Monday.",
        "Van Klaveren told the Senado that Chile would stand firm. Codelco reported lower copper output.",
        pipeline=pnlp,
        links=patterns.links_by_id(),
        kinds=patterns.kind_by_id(),
    )
    by_key = {e.key: e for e in res.entities}
    avk = by_key["id:avk"]
    assert (avk.kind, avk.label, avk.aliases) == ("Person", "Alberto van Klaveren", ("Van Klaveren",))
    assert Link("iri", WIKIDATA) in avk.links
    senate = by_key["id:senado"]
    assert (senate.kind, senate.label, senate.aliases) == ("Organization", "Chilean Senate", ("Senado",))
    assert {m.prov.doc_id for m in senate.mentions} == {"a0", "a1"}
    codelco = by_key["id:codelco"]
    assert codelco.kind == "Organization" and codelco.links == (Link("iri", "http://example.org/codelco"),)
    assert "geo:geonames:3895114" in by_key  # Chile, which no pattern names, is still found by the model


@pytest.mark.model
def test_a_user_organisation_named_like_a_city_gets_no_geonames_link(
    build: Callable[..., tuple[list[Extraction], Resolution]], tmp_path: Path
) -> None:
    path = write_lines(tmp_path / "bank.jsonl", [{"label": "ORG", "pattern": "Santander", "id": "santander-bank"}])
    patterns = load_patterns(path)
    _, res = build(
        "Santander reported record profits on Tuesday.",
        pipeline=load_pipeline(None, patterns),
        kinds=patterns.kind_by_id(),
    )
    (bank,) = [e for e in res.entities if e.key == "id:santander-bank"]
    assert bank.kind == "Organization"
    assert [link.scheme for link in bank.links if link.scheme == "geonames"] == []
