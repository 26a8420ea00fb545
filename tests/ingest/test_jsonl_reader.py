"""JSON Lines: one article a line, named file#L<n>; bad lines are skipped and the rest still read."""

from __future__ import annotations

import json
from datetime import date

from kg.ingest.readers import read_jsonl
from kg.model import Article, Skipped


def test_fields_and_sources() -> None:
    lines = [
        json.dumps(
            {
                "text": "Ships came.\r\nMore ships.",
                "title": "Port news",
                "date": "2021-08-09T10:00:00Z",
                "url": "https://h.example/a",
                "source": "Harbor.Net",
            }
        ),
        "",
        json.dumps({"text": "Port news\n\nNo ships today."}, ensure_ascii=False),
    ]
    items = list(read_jsonl("\n".join(lines), "feed.jsonl"))
    assert all(isinstance(a, Article) for a in items)
    first, second = items
    assert isinstance(first, Article) and isinstance(second, Article)
    assert first.source == "feed.jsonl#L1" and second.source == "feed.jsonl#L3"
    assert first.text == "Port news\n\nShips came.\nMore ships."  # title put in front; newlines normalised
    assert (first.title, first.published, first.url, first.publisher) == (
        "Port news",
        date(2021, 8, 9),
        "https://h.example/a",
        "Harbor.Net",
    )
    assert second.text == "Port news\n\nNo ships today."  # the title is already there: text unchanged
    assert second.title == "Port news"


def test_line_separator_inside_a_string_is_not_a_line_break() -> None:
    text = json.dumps({"text": "One\u2028two"}, ensure_ascii=False) + "\n" + json.dumps({"text": "Three"})
    items = list(read_jsonl(text, "f.jsonl"))
    assert [i.source for i in items] == ["f.jsonl#L1", "f.jsonl#L2"]


def test_bad_lines_do_not_stop_the_file() -> None:
    text = '{"text": "Good."}\nnot json\n{"no_text": 1}\n{"text": "Also good."}'
    items = list(read_jsonl(text, "f.jsonl"))
    assert [(type(i).__name__, i.source) for i in items] == [
        ("Article", "f.jsonl#L1"),
        ("Skipped", "f.jsonl#L2"),
        ("Skipped", "f.jsonl#L3"),
        ("Article", "f.jsonl#L4"),
    ]
    assert [i.code for i in items if isinstance(i, Skipped)] == ["K106", "K107"]


def test_bad_date_is_ignored_not_guessed() -> None:
    (article,) = read_jsonl('{"text": "Body.", "date": "03/04/2021"}', "f.jsonl")
    assert isinstance(article, Article) and article.published is None
