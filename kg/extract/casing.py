"""Headlines, datelines and section headers in capitals or title case, cased as in running text before the
model reads them (rule kg.casing.v1).

A statistical NER model reads case: "VERTEX MOBILE USA ANNOUNCES PHONE LAUNCH DATE" or "Orion Snaps Up Cloud
Consulting Firm" look like one long name to it. Each such line gets its words cased the way the same text
writes them elsewhere (inside a sentence, where case is the writer's choice); a word the text never writes
there is lower case when it is a common English word (the lower-case entries of Webster's 2nd, package
``english-words``, or a stop word), else capitalised (a name: "HENMAN" is "Henman"). The line's first word is
capitalised. Only case changes: the text keeps its length, so every offset stays true, and the Doc handed on
holds the article's own characters (:func:`restore`).
"""

from __future__ import annotations

import re
from collections import Counter, defaultdict
from typing import cast

from spacy.attrs import DEP, ENT_ID, ENT_IOB, ENT_KB_ID, ENT_TYPE, HEAD, MORPH, POS, SENT_START, TAG
from spacy.lang.en.stop_words import STOP_WORDS
from spacy.tokens import Doc
from thinc.types import Ints2d

from kg.lexicon import is_common

__all__ = ["headline_lines", "recase", "restore"]

_WORD = re.compile(r"[^\W\d_](?:[\w'’.&-]*\w)?")
_LINE = re.compile(r"[^\n]+")
_SENTENCE_START = re.compile(r"(?:^|[.!?:;\"“‘(\[]|\s[-–—])\s*$")
_MAX_WORDS = 25


def _is_headline(line: str) -> bool:
    words = _WORD.findall(line)
    if not words or len(words) > _MAX_WORDS:
        return False
    letters = [c for c in line if c.isalpha()]
    if all(c.isupper() for c in letters):  # capitals: two words, or one of four letters or more ("GENEVA")
        return len([w for w in words if len(w) > 1]) >= 2 or (len(words) == 1 and len(words[0]) >= 4)
    if len(words) < 3 or line.rstrip()[-1:] in ".,;" and not line.rstrip().endswith("..."):
        return False
    content = [w for w in words if w.lower() not in STOP_WORDS]
    return (
        len(content) >= 3
        and all(w[0].isupper() for w in content)
        and any(w[0].isupper() for w in words[1:] if w.lower() in STOP_WORDS or is_common(w.lower()))
    )


def headline_lines(text: str) -> list[tuple[int, int]]:
    """Spans of the lines of ``text`` written in capitals or title case."""
    return [m.span() for m in _LINE.finditer(text) if _is_headline(m.group())]


def _body_forms(text: str, lines: list[tuple[int, int]]) -> dict[str, Counter[str]]:
    """How the text writes each word inside its sentences (outside the given lines, not first in a sentence)."""
    forms: dict[str, Counter[str]] = defaultdict(Counter)
    pos = 0
    for start, end in [*lines, (len(text), len(text))]:
        chunk = text[pos:start]
        for m in _WORD.finditer(chunk):
            if not _SENTENCE_START.search(chunk[max(0, m.start() - 3) : m.start()]) and m.start() > 0:
                forms[m.group().lower()][m.group()] += 1
        pos = end
    return forms


def _cased(word: str, first: bool, forms: dict[str, Counter[str]]) -> str:
    low = word.lower()
    seen = forms.get(low)
    if seen:
        form = seen.most_common(1)[0][0]
    elif is_common(low):
        form = low
    else:
        form = word[0] + word[1:].lower() if word.isupper() else word
    if first:
        form = form[0].upper() + form[1:]
    return form if len(form) == len(word) else word


def recase(text: str) -> str:
    """``text`` with its capitals and title-case lines cased as running text; the same length."""
    lines = headline_lines(text)
    if not lines:
        return text
    forms = _body_forms(text, lines)
    out = list(text)
    for start, end in lines:
        line = text[start:end]
        capitals = all(c.isupper() for c in line if c.isalpha())
        for i, m in enumerate(_WORD.finditer(line)):
            if not capitals and m.group().isupper() and len(m.group()) > 1:
                continue  # "USA", "PM" in a title-case line: written so on purpose
            new = _cased(m.group(), i == 0, forms)
            out[start + m.start() : start + m.end()] = new
    cased = "".join(out)
    return cased if len(cased) == len(text) else text


_ATTRS = [TAG, POS, MORPH, ENT_IOB, ENT_TYPE, ENT_KB_ID, ENT_ID]


def restore(doc: Doc, text: str) -> Doc:
    """The parse of a recased text on a Doc of the original ``text`` (same tokens, same annotations)."""
    words = [text[t.idx : t.idx + len(t.text)] for t in doc]
    spaces = [bool(t.whitespace_) for t in doc]
    out = Doc(doc.vocab, words=words, spaces=spaces)
    attrs = [*_ATTRS, HEAD, DEP] if doc.has_annotation("DEP") else [*_ATTRS, SENT_START]
    out.from_array(attrs, cast(Ints2d, doc.to_array(attrs)))
    return out
