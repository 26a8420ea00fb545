"""Long articles go to the model in smaller batches (its memory grows with the characters of a batch), in a run
of their own; the build is the same whatever the order of its inputs."""

from __future__ import annotations

from pathlib import Path

import pytest

import kg
from kg.ingest import read_articles
from kg.ingest.article import make_article
from kg.model import Article
from kg.pipeline import BATCH_CHARS, _by_length, batch_size

POLITICS = Path(__file__).resolve().parents[1] / "data" / "bbc" / "politics"


def test_batches_hold_at_most_batch_chars() -> None:
    short = make_article("a.txt", "Short news. " * 100)
    long = make_article("b.txt", "Long news. " * 20_000)  # 220,000 characters: pieces of 100,000
    assert batch_size([short], 32) == 32
    assert batch_size([short, long], 32) == BATCH_CHARS // 100_000
    assert _by_length([short, long, short], BATCH_CHARS // 32) == [[0, 2], [1]]
    assert _by_length([short], BATCH_CHARS // 32) == [[0]]


@pytest.mark.model
def test_a_long_article_among_short_ones(tmp_path: Path) -> None:
    files = sorted(POLITICS.glob("*.txt"))[:3]
    long = tmp_path / "long.txt"
    long.write_text("\n\n".join(f.read_text(encoding="utf-8") for f in files * 2), encoding="utf-8")
    assert len(long.read_text(encoding="utf-8")) > BATCH_CHARS // 32
    first = kg.build([files[0], long, files[1]], None)
    again = kg.build([files[1], files[0], long], None)
    assert first.report.articles == 3 and not first.report.skipped
    read = [a.source for a in read_articles([files[0], long, files[1]]) if isinstance(a, Article)]
    assert [ex.article.source for ex in first.extractions] == read  # in the order read, the long one included
    assert first.graphs.nquads() == again.graphs.nquads()
