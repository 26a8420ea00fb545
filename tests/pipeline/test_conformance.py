"""Short invented articles whose graphs once broke ``ontology/shapes.ttl``: each graph conforms now.

Each case is one cause found in a whole-corpus build (see the tests of each rule for the rule itself): a name
resolution found again but the graph never wrote, a word that was both a name and an event's trigger, and a
quotation mark that opens a quotation taken for one that closes it (one quote, two speakers).
"""

from __future__ import annotations

from pathlib import Path

import pytest

import kg
from kg.graph.build import entity_iris
from kg.graph.iri import mention_node
from kg.graph.namespace import KG
from kg.graph.validate import validate
from kg.resolve.rescan import NAMES

pytestmark = pytest.mark.model


def build(tmp_path: Path, *texts: str) -> kg.BuildResult:
    for i, text in enumerate(texts):
        (tmp_path / f"a{i}.txt").write_text(text, encoding="utf-8")
    result = kg.build([tmp_path], out=None, view=False)
    assert result.report.skipped == ()
    assert validate(result.graph) == []
    return result


def test_every_mention_resolution_resolves_is_a_mention_of_the_graph(tmp_path: Path) -> None:
    # the model misses "Northwind" in the second article; resolution finds it (kg.names.v1) and the graph says so
    result = build(
        tmp_path,
        "Profits rise\n\nNorthwind Co. said on Monday that profits rose.\n",
        "Results praised\n\nAnalysts at Northwind praised the results on Tuesday.\n",
    )
    res = result.resolution
    assert [m.text for m in res.found if m.prov.extractor == NAMES] == ["Northwind"]
    iris = entity_iris(res.entities)
    refers = {(q.subject.value, q.object.value) for q in result.quads if q.predicate.value == str(KG.refersTo)}
    for m, key in res.mention_entity.items():
        assert (mention_node(m.prov.doc_id, m.prov.start, m.prov.end)[1:-1], iris[key][1:-1]) in refers, m


def test_a_name_the_model_took_for_a_verb_is_one_mention(tmp_path: Path) -> None:
    build(
        tmp_path,
        "Rail survey\n\nA Halcorp poll questioned 90 drivers for rail watchdog Prested. Many said trains were late.\n",
    )


def test_a_name_found_again_where_the_model_saw_a_verb_is_one_mention(tmp_path: Path) -> None:
    build(
        tmp_path,
        "Rail survey\n\nA Halcorp poll questioned 90 drivers for rail watchdog Tolsted. Many said trains were late.\n",
        "Fares\n\nAnalysts at Tolsted said on Monday that fares rose.\n",
    )


def test_a_quotation_after_another_has_its_own_speaker(tmp_path: Path) -> None:
    result = build(
        tmp_path,
        'Queues grow\n\nOpposition spokesman John Carter said: "We are spending more money but the queues have '
        'grown longer. "The Regional Audit Board has said that the money is not being spent well."\n',
    )
    speakers = [q.speaker for q in result.resolution.quotes]
    assert len(speakers) == len({q.mention.quote for q in result.resolution.quotes}) == 2
