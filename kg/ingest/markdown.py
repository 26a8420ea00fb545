"""Markdown -> text: the markup that would confuse NLP goes, every word stays.

Removed: front matter (its ``title``, ``date``, ``url`` and ``source``/``publisher`` are kept as metadata),
``#`` heading marks and setext underlines, emphasis (``*``, ``_``, ``~~``), link syntax (``[text](url)`` ->
text), images, reference definitions, code fences and backticks (the code's words stay), block quote and list
marks, rules, HTML tags and comments, backslash escapes; entities (``&amp;``) are decoded. The first
``# heading`` is the title.
"""

from __future__ import annotations

import html
import re
from dataclasses import dataclass
from datetime import date

from kg.ingest.dates import parse_date

_FRONT_MATTER = re.compile(r"\A---[ \t]*\n(?P<body>.*?)\n(?:---|\.\.\.)[ \t]*(?:\n|\Z)", re.S)
_FRONT_FIELD = re.compile(r"(?P<key>[A-Za-z_][\w-]*)[ \t]*:(?:[ \t]+(?P<value>.*))?$")
#: A line a YAML block may also hold: a continuation, a list item or a comment.
_FRONT_OTHER = re.compile(r"[ \t]+\S|-[ \t]|#|[ \t]*$")
_FENCE = re.compile(r"[ ]{0,3}(?:```|~~~)")
_ATX = re.compile(r"[ ]{0,3}(?P<marks>#{1,6})(?:[ \t]+(?P<content>.*?))?(?:[ \t]+#+)?[ \t]*$")
_SETEXT = re.compile(r"[ ]{0,3}(?:=+|-+)[ \t]*$")
_RULE = re.compile(r"[ ]{0,3}(?:(?:\*[ \t]*){3,}|(?:-[ \t]*){3,}|(?:_[ \t]*){3,})$")
_REFERENCE = re.compile(r"[ ]{0,3}\[[^\]]+\]:[ \t]*\S+.*$")
_QUOTE = re.compile(r"^[ ]{0,3}(?:>[ ]?)+")
_LIST = re.compile(r"^[ \t]*(?:[-*+]|\d{1,9}[.)])[ \t]+")
_MARKUP = re.compile(r"[\\`*_~\[<&]")  # a line without these has no inline markup
_SPACES = re.compile(r"[ \t]{2,}")
_ESCAPE = re.compile(r"\\([\\`*_{}\[\]()#+\-.!>|~])")
_INLINE = [
    (re.compile(r"!\[[^\[\]]*\]\((?:[^()\s]|\([^()\s]*\))*(?:[ \t]+\"[^\"]*\")?\)"), ""),  # images
    (re.compile(r"!\[[^\[\]]*\]\[[^\[\]]*\]"), ""),
    (
        re.compile(r"\[([^\[\]]+)\]\((?:[^()\s]|\([^()\s]*\))*(?:[ \t]+\"[^\"]*\")?\)"),
        r"\1",
    ),  # [text](url "title")
    (re.compile(r"\[([^\[\]]+)\]\[[^\[\]]*\]"), r"\1"),  # [text][ref]
    (re.compile(r"<((?:https?|mailto):[^<>\s]+)>"), r"\1"),  # <https://...>
    (re.compile(r"</?[A-Za-z][\w-]*(?:\s[^<>]*)?/?>"), ""),  # inline HTML tags
    # Spans never cross their own marker character, so a line full of unmatched markers stays linear.
    (re.compile(r"(`+)([^`]+)\1"), r"\2"),
    (re.compile(r"\*\*(?=\S)([^*]+?)(?<=\S)\*\*"), r"\1"),
    (re.compile(r"__(?=\S)([^_]+?)(?<=\S)__"), r"\1"),
    (re.compile(r"(?<![\w*])\*(?=\S)([^*]+?)(?<=\S)\*(?![\w*])"), r"\1"),
    (re.compile(r"(?<![\w])_(?=\S)([^_]+?)(?<=\S)_(?![\w])"), r"\1"),
    (re.compile(r"~~(?=\S)([^~]+?)(?<=\S)~~"), r"\1"),
]


@dataclass(frozen=True, slots=True)
class MarkdownDocument:
    text: str
    title: str | None = None  # the first "# heading", or the front matter's title
    published: date | None = None
    publisher: str | None = None
    url: str | None = None


def read_markdown(source: str) -> MarkdownDocument:
    meta, body = front_matter(source)
    lines: list[str] = []
    body = drop_comments(body)
    heading: str | None = None
    fenced = False
    for raw in body.split("\n"):
        if _FENCE.match(raw):
            fenced = not fenced
            continue
        if fenced:
            lines.append(raw.rstrip())
            continue
        if _REFERENCE.match(raw):
            continue
        if _SETEXT.match(raw) and lines and lines[-1].strip():
            if heading is None and raw.strip().startswith("="):
                heading = lines[-1].strip()
            continue
        if _RULE.match(raw):
            lines.append("")
            continue
        atx = _ATX.match(raw)
        if atx:
            line = inline(atx["content"] or "")
            if heading is None and len(atx["marks"]) == 1 and line:
                heading = line
        else:
            line = inline(_LIST.sub("", _QUOTE.sub("", raw), count=1))
        lines.append(line)
    text = re.sub(r"\n{3,}", "\n\n", "\n".join(lines)).strip("\n")
    return MarkdownDocument(
        text=text,
        title=meta.get("title") or heading,
        published=parse_date(meta.get("date", "")),
        publisher=meta.get("publisher") or meta.get("source"),
        url=meta.get("url") or meta.get("link"),
    )


def inline(line: str) -> str:
    """One line with its inline markup removed, entities decoded and runs of spaces collapsed."""
    if _MARKUP.search(line) is None:
        return _SPACES.sub(" ", line).strip()
    escaped: list[str] = []

    def hold(m: re.Match[str]) -> str:  # a stand-in no rule matches: decoded text never holds NUL
        escaped.append(m.group(1))
        return f"\x00{len(escaped) - 1}\x00"

    line = _ESCAPE.sub(hold, line)
    for pattern, replacement in _INLINE:
        line = pattern.sub(replacement, line)
    line = re.sub(r"\x00(\d+)\x00", lambda m: escaped[int(m.group(1))], line)
    return _SPACES.sub(" ", html.unescape(line)).strip()


def drop_comments(text: str) -> str:
    """``text`` without its ``<!-- ... -->`` comments (which may span lines); an unclosed one is kept."""
    kept: list[str] = []
    pos = 0
    while (start := text.find("<!--", pos)) >= 0:
        end = text.find("-->", start + 4)
        if end < 0:
            break
        kept.append(text[pos:start])
        pos = end + 3
    kept.append(text[pos:])
    return "".join(kept)


def front_matter(source: str) -> tuple[dict[str, str], str]:
    """The ``key: value`` pairs of a leading ``---`` block (keys in lower case, unquoted), and the rest."""
    m = _FRONT_MATTER.match(source)
    if m is None:
        return {}, source
    fields: dict[str, str] = {}
    for line in m["body"].split("\n"):
        field = _FRONT_FIELD.match(line)
        if field is None:
            if _FRONT_OTHER.match(line) is None:
                return {}, source  # not YAML: text between two rules
            continue
        value = (field["value"] or "").strip().strip("\"'").strip()
        if value:
            fields.setdefault(field["key"].lower(), value)
    if not fields:
        return {}, source
    return fields, source[m.end() :]
