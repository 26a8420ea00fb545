"""One set of numbers: the build summary, ``kg stats`` (on every format), the view's header and the README count
entities, mentions and relations the same way (kg.graph.stats.count)."""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from typer.testing import CliRunner

import kg
from kg.cli import app

pytestmark = pytest.mark.model
ROOT = Path(__file__).resolve().parents[2]


def test_summary_stats_view_and_readme_agree(tmp_path: Path) -> None:
    result = kg.build([ROOT / "seeds"], out=tmp_path, formats=("ttl", "trig"))
    summary = result.report.summary()
    m = re.match(
        r"3 articles, 0 skipped, (\d+) entities \((\d+) events\), (\d+) mentions, (\d+) relations, (\d+)", summary
    )
    assert m, summary
    entities, events, mentions, relations, triples = map(int, m.groups())
    assert sum(n for _, n in result.report.entities) == entities and result.report.mentions == mentions
    for name in ("graph.ttl", "graph.trig"):  # the same numbers from either file
        out = CliRunner().invoke(app, ["stats", str(tmp_path / name)]).stdout
        got = {k: int(v.replace(",", "")) for k, v in re.findall(r"^(\w+)\s+([\d,]+)$", out, re.M)}
        want = {"articles": 3, "entities": entities, "events": events, "mentions": mentions, "relations": relations}
        assert {k: got[k] for k in want} == want and got["triples"] == triples, out
    page = (tmp_path / "graph.html").read_text(encoding="utf-8")
    assert f"3 articles · {entities} entities (" in page and f") · {relations} relations" in page
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    shown = re.search(r"\n(3 articles, 0 skipped, .*) in [\d.]+s\n", readme)
    assert shown and summary.startswith(shown.group(1)), "README's kg build output is not the real one"
    # kg export and the network from Python: the entities as nodes, the relations among the edges, as the README says
    exported = CliRunner().invoke(app, ["export", "--out", str(tmp_path)]).stdout.splitlines()[-1]
    net = result.network()
    assert exported == (
        f"{entities} nodes, {net.number_of_edges()} edges ({relations} relations, "
        f"{sum(1 for *_, k in net.edges(keys=True) if k == 'kg:mentionedWith')} kg:mentionedWith, "
        f"{sum(1 for *_, k in net.edges(keys=True) if k == 'kg:reportsEvent')} kg:reportsEvent)"
    )
    assert readme.count(f"\n{exported}\n") == 3, "README's kg export output is not the real one"
    assert f"MultiDiGraph with {entities} nodes and {net.number_of_edges()} edges" in readme
    assert f"'3 articles, 0 skipped, {entities} entities ({events} events), {mentions} mentions, ...'" in readme
