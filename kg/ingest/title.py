"""The title of a plain-text article: always a substring of the text, never invented or re-spelled.

In order: a ``Title:`` header field; a title line (short, not ending like a clause, or standing alone above a
blank line: the BBC layout); else the first sentence of the body, cut at a word boundary to 120 characters.
"""

from __future__ import annotations

import re

from kg.ingest.head import read_head

MAX_CHARS = 120

#: Words after which a full stop does not end a sentence (titles, initials of months, "No.", "Inc.").
_ABBREVIATIONS = frozenset(
    "mr mrs ms dr prof sr jr st mt gen col lt maj capt sgt cmdr adm gov sen rep rev hon pres supt insp "
    "inc ltd co corp plc llc bros dept univ assn no nos vs approx fig ave blvd rd "
    "jan feb mar apr jun jul aug sep sept oct nov dec".split()
)
#: Words a cut title should not end on.
_DANGLING = frozenset(
    "a an the of to in on at by for from with and or but nor as than that which who whose whom its their his "
    "her our your this these those is are was were be been being has have had will would can could should "
    "may might must about into over under after before between within without via per".split()
)
_SENTENCE_END = re.compile(r"[.!?]+[\"'”’)\]]*(?=\s|$)|\n")
_TRAILING_PUNCT = " \t,;:-–—([{\"'“‘/"


def find_title(text: str) -> str:
    """The title of ``text`` (a substring of it); empty only for a text with no words."""
    start, end = title_span(text)
    return text[start:end]


def title_span(text: str) -> tuple[int, int]:
    head = read_head(text)
    for field in head.fields:
        if field.key in ("title", "headline"):
            return field.start, field.end
    if head.title is not None:
        return head.title
    start, end = first_sentence(text, head.body)
    if start == end:  # nothing after the head: the head itself is all there is
        start, end = first_sentence(text, 0)
    return cut(text, start, end, MAX_CHARS)


def first_sentence(text: str, pos: int = 0) -> tuple[int, int]:
    """The span of the first sentence at or after ``pos``; a line break always ends a sentence."""
    while pos < len(text) and text[pos].isspace():
        pos += 1
    for m in _SENTENCE_END.finditer(text, pos):
        if m.group() == "\n" or _ends_sentence(text, pos, m.start(), m.end()):
            end = m.start() if m.group() == "\n" else m.end()
            return pos, len(text[pos:end].rstrip()) + pos
    return pos, max(pos, len(text.rstrip()))


def _ends_sentence(text: str, start: int, dot: int, after: int) -> bool:
    word = re.search(r"[\w.’'-]*$", text[max(start, dot - 40) : dot])
    token = word.group() if word else ""
    if text[dot] == "." and (
        token.lower().replace(".", "") in _ABBREVIATIONS
        or re.fullmatch(r"[A-Z]", token)  # an initial: "John F. Kennedy"
        or re.fullmatch(r"(?:[A-Za-z]\.)+[A-Za-z]", token)  # "U.S." and "e.g."
    ):
        return False
    following = re.match(r"\s*(\S)", text[after : after + 40])
    return following is None or not following.group(1).islower()


def cut(text: str, start: int, end: int, limit: int) -> tuple[int, int]:
    """``text[start:end]`` shortened to at most ``limit`` characters at a word boundary, without a dangling
    last word (``of``, ``the``) or punctuation; a single word longer than ``limit`` is cut inside it."""
    if end - start <= limit:
        return start, end
    space = text.rfind(" ", start, start + limit + 1)
    stop = space if space > start else start + limit
    while stop > start:
        trimmed = stop
        while trimmed > start and text[trimmed - 1] in _TRAILING_PUNCT:
            trimmed -= 1
        word = re.search(r"\S+$", text[start:trimmed])
        if word is None or word.group().lower() not in _DANGLING or trimmed - len(word.group()) <= start:
            return start, trimmed
        stop = trimmed - len(word.group())
    return start, start + limit
