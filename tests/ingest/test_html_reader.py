"""HTML -> Article: a real parser, no script or style text, blank lines between paragraphs, head metadata."""

from __future__ import annotations

from datetime import date

from kg.ingest.html import read_html
from kg.ingest.readers import read_html_article

PAGE = """<!DOCTYPE html>
<html><head>
  <title>Bridge reopens | The Example Post</title>
  <meta property="og:site_name" content="The Example Post">
  <meta property="article:published_time" content="2022-06-01T09:30:00+00:00">
  <link rel="canonical" href="https://post.example/bridge">
  <style>p { color: red }</style>
  <script>var secretToken = "never-in-text";</script>
</head>
<body>
  <header><a href="/">Home</a> <a href="/news">News</a></header>
  <nav>Politics | Sport</nav>
  <article>
    <header><h1>Bridge  reopens &amp; traffic returns</h1><time datetime="2022-05-31">31 May</time></header>
    <p>The old bridge reopened on Wednesday.<br>Cars crossed at noon.</p>
    <script>document.write("injected words")</script>
    <noscript>Enable scripts</noscript>
    <template><p>template words</p></template>
    <p>Repairs took <b>two</b> years &mdash; longer than planned.</p>
    <div hidden>hidden words</div>
    <!-- a comment -->
    <aside>Read more stories</aside>
  </article>
  <footer>Copyright notice</footer>
</body></html>
"""


def test_text_keeps_the_article_only() -> None:
    doc = read_html(PAGE)
    assert doc.text == (
        "Bridge reopens & traffic returns\n\n31 May\n\n"
        "The old bridge reopened on Wednesday.\nCars crossed at noon.\n\n"
        "Repairs took two years — longer than planned."
    )


def test_script_style_and_hidden_content_never_appear() -> None:
    text = read_html(PAGE).text
    for words in (
        "secretToken",
        "never-in-text",
        "injected",
        "color",
        "Enable scripts",
        "template words",
        "hidden words",
        "a comment",
        "Read more",
        "Copyright",
        "Politics",
        "Home",
    ):
        assert words not in text


def test_metadata_from_the_head() -> None:
    doc = read_html(PAGE)
    assert doc.title == "Bridge reopens & traffic returns"
    assert doc.published == date(2022, 6, 1)
    assert doc.publisher == "The Example Post"
    assert doc.url == "https://post.example/bridge"


def test_article_title_is_in_the_text_and_meta_publisher_has_no_span() -> None:
    article = read_html_article(PAGE, "page.html")
    assert article.title in article.text
    assert article.publisher == "The Example Post"
    assert article.publisher_span is None  # named by the page's metadata, not by the text


def test_title_element_is_put_in_front_when_the_body_lacks_it() -> None:
    article = read_html_article("<title>Storm warning</title><p>Winds will rise tonight.</p>", "s.html")
    assert article.title == "Storm warning"
    assert article.text == "Storm warning\n\nWinds will rise tonight."


def test_time_element_gives_the_date_and_author_the_publisher() -> None:
    doc = read_html('<meta name="author" content="Desk Writer"><p>Text <time datetime="2019-02-03">then</time></p>')
    assert (doc.published, doc.publisher) == (date(2019, 2, 3), "Desk Writer")


def test_without_markup_metadata_the_text_is_read() -> None:
    article = read_html_article("<p>Ice closed the port, Harbor.Net reports.</p><p>More text.</p>", "p.html")
    assert article.publisher == "Harbor.Net"
    assert article.publisher_span is not None
    assert article.text[slice(*article.publisher_span)] == "Harbor.Net"


def test_lists_tables_and_entities() -> None:
    doc = read_html(
        "<ul><li>one &lt;1&gt;</li><li>two&nbsp;words</li></ul><table><tr><td>a</td><td>b</td></tr></table>"
    )
    assert doc.text == "one <1>\ntwo words\n\na b"


def test_deep_nesting_does_not_overflow() -> None:
    depth = 3000
    doc = read_html("<div>" * depth + "deep words" + "</div>" * depth)
    assert doc.text == "deep words"
