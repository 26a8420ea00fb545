"""A pipeline component: a blank line ends a sentence (headlines, datelines and header lines have no full stop),
unless the next paragraph goes on in lower case.

Registered as ``kg_paragraphs_v1`` (spaCy factory names take no dots) and placed before the parser, which
keeps the sentence starts it is given.
"""

from __future__ import annotations

from spacy.language import Language
from spacy.tokens import Doc

NAME = "kg_paragraphs_v1"


@Language.component(NAME)
def paragraphs(doc: Doc) -> Doc:
    for i in range(1, len(doc)):
        prev = doc[i - 1]
        blank = (prev.is_space and "\n\n" in prev.text) or "\n\n" in prev.whitespace_
        if blank and not doc[i].is_lower:  # a paragraph that goes on in lower case continues the sentence
            doc[i].is_sent_start = True
    return doc
