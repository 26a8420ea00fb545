"""Real articles that once broke a rule: each must now be read whole, with no article skipped."""

from __future__ import annotations

from pathlib import Path

import pytest

import kg

pytestmark = pytest.mark.model
REGRESS = Path(__file__).resolve().parents[1] / "data" / "bbc" / "regress"


def test_articles_with_two_titles_on_one_span_are_extracted(tmp_path: Path) -> None:
    # business 043 and entertainment 253 once failed with "'<' not supported between instances of 'Mention'"
    result = kg.build([REGRESS], out=None, view=False)
    assert result.report.skipped == ()
    assert result.report.articles == 2
    assert sum(n for _, n in result.report.entities) > 20
