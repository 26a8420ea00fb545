"""Markdown -> Article: markup gone, words kept, the first # heading as the title."""

from __future__ import annotations

from datetime import date

from kg.ingest.markdown import front_matter, inline, read_markdown
from kg.ingest.readers import read_markdown_article

DOC = """# Harbour *reopens* after repairs

Work on the **north pier** ended on [Monday](https://example.org/monday "day"), officials said.
Crews used ![a crane](crane.jpg) a crane and `diesel_pumps`; see <https://example.org/notes>.

> The pier is safe again, said the harbour master.

- First ships arrived at dawn
- A ferry followed
1. Numbered item

```
code words stay
```

Tom &amp; Jerry paid \\*five\\* pounds.

[ref]: https://example.org/ref
"""


def test_markup_is_removed_and_words_kept() -> None:
    doc = read_markdown(DOC)
    assert doc.text == (
        "Harbour reopens after repairs\n\n"
        "Work on the north pier ended on Monday, officials said.\n"
        "Crews used a crane and diesel_pumps; see https://example.org/notes.\n\n"
        "The pier is safe again, said the harbour master.\n\n"
        "First ships arrived at dawn\nA ferry followed\nNumbered item\n\n"
        "code words stay\n\n"
        "Tom & Jerry paid *five* pounds."
    )
    assert doc.title == "Harbour reopens after repairs"


def test_title_is_the_first_level_one_heading() -> None:
    doc = read_markdown("## Section\n\nText.\n\n# Main title\n\nMore.")
    assert doc.title == "Main title"


def test_front_matter_gives_metadata_and_is_removed() -> None:
    md = '---\ntitle: "Port news"\ndate: 2021-08-09\nsource: Harbor.Net\nurl: https://h.example/a\n---\nShips came.\n'
    article = read_markdown_article(md, "a.md")
    assert article.text == "Port news\n\nShips came."  # the title is put in front: it must be in the text
    assert (article.title, article.published, article.url) == (
        "Port news",
        date(2021, 8, 9),
        "https://h.example/a",
    )
    assert article.publisher == "Harbor.Net"


def test_front_matter_parse() -> None:
    assert front_matter("---\nA: 1\nb: 'two'\n---\nrest") == ({"a": "1", "b": "two"}, "rest")
    assert front_matter("no front matter") == ({}, "no front matter")
    assert front_matter("---\nJust a line between rules.\n---\nrest")[0] == {}


def test_inline_keeps_snake_case_and_arithmetic() -> None:
    assert inline("snake_case_name and 2 * 3 * 4") == "snake_case_name and 2 * 3 * 4"
    assert inline("__strong__ _em_ ~~gone~~ [x][1]") == "strong em gone x"


def test_setext_heading_is_a_title() -> None:
    assert read_markdown("Main title\n==========\n\nBody.").title == "Main title"
