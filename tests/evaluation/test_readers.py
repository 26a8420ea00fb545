"""Readers and scorers for annotated data nobody here wrote: TimeML (TimeBank) and events as told (gold v2)."""

from __future__ import annotations

from pathlib import Path

from kg.evaluation.facts import SystemEvent
from kg.evaluation.mentions import score_mentions
from kg.evaluation.timeml import read_timeml

TIMEML = """<?xml version="1.0" ?>
<TimeML>
<DOCID>x</DOCID>
<DCT><TIMEX3 tid="t0" type="DATE" value="1998-01-08" functionInDocument="CREATION_TIME">01/08/98</TIMEX3></DCT>
<TEXT>
Acme <EVENT eid="e1" class="REPORTING">said</EVENT> it <EVENT eid="e2" class="OCCURRENCE">sold</EVENT> Vexa
<TIMEX3 tid="t1" type="DATE" value="1998-01-07">yesterday</TIMEX3>.
</TEXT>
</TimeML>
"""


def test_timeml_gives_the_text_the_publication_date_and_each_tag_at_its_offsets(tmp_path: Path) -> None:
    path = tmp_path / "x.tml"
    path.write_text(TIMEML, encoding="utf-8")
    doc = read_timeml(path)
    assert doc.dct is not None and doc.dct.isoformat() == "1998-01-08"
    assert [(t.kind, t.text, doc.text[t.start : t.end]) for t in doc.tags] == [
        ("EVENT", "said", "said"),
        ("EVENT", "sold", "sold"),
        ("TIMEX3", "yesterday", "yesterday"),
    ]
    assert doc.of("TIMEX3")[0].attrs["value"] == "1998-01-07"
    assert doc.of("EVENT")[0].attrs["class"] == "REPORTING"


GOLD = {
    "articles": [{"file": "a.txt"}],
    "events": [
        {
            "type": "Meeting",
            "trigger": "held talks",
            "participants": ["Norway", "Iceland"],
            "roles": {"Norway": "agent", "Iceland": "participant"},
            "place": "Oslo",
            "sentence": 1,
            "articles": ["a.txt"],
        },
        {
            "type": "Statement",
            "trigger": "said",
            "participants": ["Norway"],
            "roles": {"Norway": "agent"},
            "place": None,
            "sentence": 2,
            "articles": ["a.txt"],
        },
    ],
}


def _same(iri: str, name: str) -> bool:
    return iri == f"urn:{name}"


def test_events_as_told_match_by_article_and_trigger_then_compare_their_arguments() -> None:
    talks = SystemEvent(
        "urn:e1",
        "Meeting",
        None,
        frozenset({("agent", "urn:Norway"), ("patient", "urn:Iceland"), ("place", "urn:Oslo")}),
        "Norway held talks with Iceland in Oslo",
        (("A", 1, "talks"),),
        None,
    )
    other = SystemEvent("urn:e2", "Visit", None, frozenset({("agent", "urn:Norway")}), "x", (("A", 4, "visit"),), None)
    told = score_mentions(GOLD, (talks, other), {"a.txt": "A"}, _same)
    assert (told.events.tp, told.events.fp, told.events.fn) == (1, 1, 1)
    assert (told.arguments.tp, told.arguments.fp, told.arguments.fn) == (3, 0, 0)
    assert (told.roles.tp, told.roles.fp, told.roles.fn) == (2, 1, 1)  # Iceland: patient, not participant
    assert (told.types.tp, told.types.fp) == (1, 0)
    assert told.missed == ("Statement 'said' ['Norway']",)


def test_a_trigger_told_far_from_the_gold_sentence_does_not_match() -> None:
    far = SystemEvent("urn:e3", "Statement", None, frozenset({("agent", "urn:Norway")}), "x", (("A", 9, "said"),), None)
    told = score_mentions(GOLD, (far,), {"a.txt": "A"}, _same)
    assert told.events.tp == 0
