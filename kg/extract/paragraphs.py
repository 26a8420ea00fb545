"""A pipeline component: a line break ends a sentence (headlines, datelines and header lines have no full stop),
unless the next line goes on in lower case.

A blank line always does, and the line's first word is never a sentence alone (the parser may cut "Maria" off
"Maria Lopez has ..."). A single line break does too, unless the text is *wrapped*: written in lines cut at
a width, where a single break falls inside sentences (many of its breaks go on in lower case, and its lines
are about as long as each other). A text with one paragraph a line (as many feeds and corpora keep news: a
headline, a dateline, then one sentence or paragraph a line) is read line by line.

Registered as ``kg_paragraphs_v1`` (spaCy factory names take no dots) and placed before the parser, which
keeps the sentence starts it is given.
"""

from __future__ import annotations

import itertools

from spacy.language import Language
from spacy.tokens import Doc

NAME = "kg_paragraphs_v1"
#: Marks that open an item of a list.
_BULLETS = frozenset("-–—•*·")
#: What a line that ends a sentence ends with.
_ENDS = frozenset(".!?:;\"'”’)")
#: A text is wrapped when at least this share of its single line breaks go on in lower case ...
_WRAPPED_LOWER = 0.25
#: ... or when most of its lines (but the last of each paragraph) are as long as its longest, within this share.
_WRAPPED_WIDTH = 0.2


@Language.component(NAME)
def paragraphs(doc: Doc) -> Doc:
    single = not wrapped(doc.text)
    for i in range(1, len(doc)):
        prev = doc[i - 1]
        breaks = prev.text if prev.is_space else prev.whitespace_
        if "\n" not in breaks or doc[i].is_lower:  # a line that goes on in lower case continues the sentence
            continue
        if "\n\n" in breaks or single:
            doc[i].is_sent_start = True
            if i + 1 < len(doc) and not doc[i + 1].is_space and "\n" not in doc[i].whitespace_:
                # "- Creating a new authority": the bullet opens its sentence; "Maria Lopez has ...": the parser
                # may not cut a paragraph's first word off as a sentence of its own
                doc[i + 1].is_sent_start = False
    return doc


def wrapped(text: str) -> bool:
    """Whether the single line breaks of ``text`` fall inside sentences: it was cut into lines at a width. A
    break before a list item ("- ...") is never one of them."""
    lines = text.split("\n")
    inner = [
        (line.rstrip(), nxt.lstrip())
        for line, nxt in itertools.pairwise(lines)
        if line.strip() and nxt.strip() and nxt.lstrip()[0] not in _BULLETS
    ]  # (a line, the next) within a paragraph
    if len(inner) < 2:
        return False
    lower = sum(1 for _, nxt in inner if nxt[:1].islower())
    if lower >= 2 and lower >= _WRAPPED_LOWER * len(inner):
        return True
    if len(inner) < 5:
        return False
    widest = max(len(line) for line, _ in inner)
    even = sum(1 for line, _ in inner if len(line) >= (1 - _WRAPPED_WIDTH) * widest)
    open_ended = sum(1 for line, _ in inner if line[-1:] not in _ENDS)
    return widest >= 40 and even >= 0.7 * len(inner) and open_ended >= 0.5 * len(inner)
