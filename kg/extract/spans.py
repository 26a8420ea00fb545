"""Shaping a NER span into the name it stands for (rule kg.ner.v1): drop what is not the name, grow what the
model cut short, and drop spans that are not names at all. Each rule is general English, tested on its own."""

from __future__ import annotations

import re

from spacy.tokens import Doc, Span, Token

from kg.lexicon import (
    BODY_NOUNS,
    DIRECTIONS,
    FACILITY_NOUNS,
    GOVERNMENT_WORDS,
    HONORIFICS,
    NOBLE,
    PORTFOLIO_TITLES,
    ROLE_NOUNS,
    WORK_NOUNS,
    is_common,
)

_LEADING = frozenset({"the", "a", "an", "this", "that", "these", "those"})
_TRAILING = frozenset({"'s", "’s", "'", "’"})
_QUOTES_OPEN = '"“‘«'
_QUOTES_CLOSE = '"”’»'


def _strip_left(tok: Token, rest: int) -> bool:
    low = tok.lower_.rstrip(".")
    return (
        tok.lower_ in _LEADING
        or tok.is_punct
        or tok.is_space
        or (rest > 1 and low in HONORIFICS and tok.lower_ not in ("lord", "lady", "sir", "dame"))
        or (rest > 1 and tok.is_lower and low in DIRECTIONS)
    )


def trim(span: Span) -> Span | None:
    """The span without a leading determiner, form of address ("Mr", "Dr") or lower-case compass word ("west
    London"), a trailing possessive, edge punctuation, or what follows a bracket it does not close."""
    start, end = span.start, span.end
    doc = span.doc
    while start < end and _strip_left(doc[start], end - start):
        start += 1
    for i in range(start, end):  # "K Holmes (Ealing, Southall and": no name runs on into a bracket it does not
        # close (but "Labour Party (SDLP", whose ")" the model left out, keeps its acronym)
        if doc[i].text == "(" and end - i > 2 and not any(doc[j].text == ")" for j in range(i + 1, end)):
            end = i
            break
    end = _strip_right(doc, start, end)
    if start >= end:
        return None
    return doc[start:end]


def _strip_right(doc: Doc, start: int, end: int) -> int:
    while end > start and (doc[end - 1].text in _TRAILING or doc[end - 1].is_punct or doc[end - 1].is_space):
        end -= 1
    return end


def with_noble_title(span: Span) -> Span:
    """ "William" after "Prince" is "Prince William": a noble title before a one-word name is part of it."""
    doc = span.doc
    if len(span) == 1 and span.start > 0:
        prev = doc[span.start - 1]
        if prev.is_title and prev.lower_ in NOBLE:
            return doc[span.start - 1 : span.end]
    return span


def facility(span: Span, label: str) -> Span | None:
    """The span grown to "<name> [noun...] <facility noun>" when the name modifies such a noun ("the Lachin border
    crossing"), unless the name is a place the model knows (a city's police station is not a facility name)."""
    doc = span.doc
    head = span.root.head
    noun = head.lower_
    if label == "GPE" or span.root.dep_ != "compound" or head.i < span.end:
        return None
    if noun not in FACILITY_NOUNS and noun[:-1] not in FACILITY_NOUNS:
        return None
    if any(t.pos_ not in ("NOUN", "PROPN", "ADJ") for t in doc[span.end : head.i]):
        return None
    return doc[span.start : head.i + 1]


def grow_organization(span: Span) -> Span:
    """An organisation's name the model cut short: "Muslim Council" + "of Britain", and "Department for
    Education" + "and Skills" / "Culture" + ", Media and Sport"."""
    doc = span.doc
    end = span.end
    n = len(doc)
    if end + 3 < n and doc[end].text == "(" and doc[end + 2].text == ")" and doc[end + 1].is_upper:
        k = end + 3  # "United Nations (UN) Human Rights Council": the body named after its parent
        while k < n and doc[k].is_title and doc[k].pos_ == "PROPN":
            k += 1
        if k > end + 3:
            return doc[span.start : k]
    if end + 1 < n and doc[end].lower_ == "of" and doc[end + 1].ent_type_ in ("GPE", "LOC"):
        j = end + 1
        while j < n and doc[j].ent_type_ in ("GPE", "LOC") and not (j > end + 1 and doc[j].ent_iob_ == "B"):
            j += 1
        return doc[span.start : j]
    if not any(t.lower_ in ("for", "of") for t in span):
        return span
    j = end
    while j + 1 < n and doc[j].text == "," and doc[j + 1].is_title:
        j += 2
    if j + 1 < n and doc[j].lower_ in ("and", "&") and doc[j + 1].is_title and doc[j + 1].pos_ in ("PROPN", "NOUN"):
        k = j + 1
        while k < n and doc[k].is_title and doc[k].pos_ in ("PROPN", "NOUN") and doc[k].lower_ not in ROLE_NOUNS:
            k += 1
        if k > j + 1:  # at least one capitalised word after "and": never end a name on "and"
            return doc[span.start : k]
    return span


def is_portfolio(span: Span) -> bool:
    """ "Home" in "Home Secretary", "Culture" in "Culture, Media and Sport Secretary", "Health" in "Health
    spokesman": portfolio words before a title are part of the title, not a name."""
    words = [t.lower_ for t in span if t.is_alpha and t.lower_ not in ("and", "of", "for")]
    if not words or not all(w in GOVERNMENT_WORDS for w in words) or any(w in BODY_NOUNS for w in words):
        return False
    doc = span.doc
    j = span.end
    while j < len(doc) and (doc[j].lower_ in GOVERNMENT_WORDS or doc[j].text in (",", "&") or doc[j].lower_ == "and"):
        j += 1
    return j < len(doc) and doc[j].lower_ in PORTFOLIO_TITLES


def in_quoted_title(span: Span, text: str | None = None) -> bool:
    """True when the span is part of a longer quoted title: the “State Program on Protection of X”. ``text`` is
    the Doc's text (pass it when calling often: ``doc.text`` joins every token anew)."""
    text = span.doc.text if text is None else text
    lo = max(0, text.rfind("\n", 0, span.start_char) + 1, span.start_char - 200)
    hi = text.find("\n", span.end_char)
    hi = min(len(text) if hi < 0 else hi, span.end_char + 200)
    before, after = text[lo : span.start_char], text[span.end_char : hi]
    opened = max(before.rfind(q) for q in _QUOTES_OPEN)
    if opened < 0 or any(q in before[opened + 1 :] for q in _QUOTES_CLOSE if q != '"'):
        return False
    closing = [i for i in (after.find(q) for q in _QUOTES_CLOSE) if i >= 0]
    if not closing:
        return False
    cut = min(closing)
    if any(c in ".!?" for c in after[:cut]):  # the quotation closes in another sentence: not a title
        return False
    inside = before[opened + 1 :].strip() + after[:cut].strip()
    return any(c.isalpha() for c in inside)


def common_at_sentence_start(span: Span, text: str | None = None) -> bool:
    """ "Party strategists believe...": a one-word name that is capitalised only because it starts the sentence,
    and that the same text also uses in lower case, is a common noun."""
    tok = span[0]
    if len(span) != 1 or not _opens_sentence(tok) or not tok.is_title:
        return False
    word = span[0].lower_
    text = span.doc.text if text is None else text
    return re.search(rf"(?<![\w-]){re.escape(word)}(?![\w-])", text) is not None


def _opens_sentence(tok: Token) -> bool:
    return tok.is_sent_start or tok.i == 0 or "\n" in tok.doc[tok.i - 1].text_with_ws


def _adjective_opening(span: Span) -> bool:
    """ "Tacit approval from ...", "Upscale store X said": a common adjective that opens the sentence and
    qualifies a common noun (the parser's tag may be PROPN for its capital), taken for a one-word name."""
    tok = span[0]
    modifies = tok.dep_ == "amod" and tok.head.pos_ == "NOUN"
    return len(span) == 1 and _opens_sentence(tok) and modifies and is_common(tok.lower_)


#: Words that follow a country's name in its formal name: "Azerbaijan Republic", "Russian Federation".
_STATE_WORDS = frozenset({"republic", "federation", "kingdom", "confederation", "commonwealth"})


def with_state_word(span: Span) -> Span:
    """ "Azerbaijan" + "Republic": the formal word after a country's name is part of the name."""
    doc = span.doc
    if span.end < len(doc) and doc[span.end].is_title and doc[span.end].lower_ in _STATE_WORDS:
        return doc[span.start : span.end + 1]
    return span


def shape(ent: Span, text: str | None = None) -> tuple[Span, str] | None:
    """The name a NER span stands for, with its label, or None when it is not a name. ``text``: ``ent.doc.text``."""
    text = ent.doc.text if text is None else text
    span = trim(ent)
    if span is None or not any(c.isalpha() for c in span.text):  # "U.S." has letters, no alphabetic token
        return None
    if in_quoted_title(span, text) or is_portfolio(span) or common_at_sentence_start(span, text) or names_a_work(span):
        return None
    label = ent.label_
    if label in ("ORG", "PERSON") and _adjective_opening(span):
        return None
    grown = facility(span, label)
    if grown is not None:
        return grown, "FAC"
    if label == "ORG":
        span = grow_organization(span)
    if label == "PERSON":
        span = with_initial(with_noble_title(span))
    if label in ("GPE", "NORP"):
        grown_state = with_state_word(span)
        if grown_state is not span:
            span, label = grown_state, "GPE"  # "Czech" + "Republic" is a country, not a nationality
    return span, label


def _initial(tok: Token) -> bool:
    return len(tok.text.rstrip(".")) == 1 and tok.text[0].isupper()


def with_initial(span: Span) -> Span:
    """ "J Oduya" where the model took only "Oduya": a lone initial right before a surname, at the start of
    a list item, is part of the name."""
    doc, i = span.doc, span.start
    if i == 0 or not _initial(doc[i - 1]) or doc[i - 1].text in ("A", "I") or doc[i - 1].ent_type_:
        return span
    if i >= 2 and not (doc[i - 2].is_punct or doc[i - 2].is_space or doc[i - 1].is_sent_start):
        return span
    return doc[i - 1 : span.end]


def capitalised(tok: Token) -> bool:
    """A word written as a name is: a capital first, lower case after ("Ferris", "McIlroy", "O'Neil")."""
    return tok.text[:1].isupper() and any(c.islower() for c in tok.text)


def is_initialled(span: Span) -> bool:
    """ "D Ferris", "J. Oduya", "M Kane-Lowry": an initial and a surname, the way results tables and team
    sheets name people; not "X Factor" or "A Level" (a common word after the letter), unless the name is followed
    by its club or country in brackets, as in a results table ("D Wall (Upton Harriers)")."""
    words = [t for t in span if t.text != "-"]
    if len(words) < 2 or not _initial(words[0]) or not all(capitalised(t) for t in words[1:]):
        return False
    if any(_initial(t) for t in words[1:-1]):
        return False  # "W H Smith", "J R R Tolkien": a firm's name as often as a person's
    doc = span.doc
    if span.end < len(doc) and doc[span.end].text == "(":
        return True
    return not any(is_common(t.lower_) for t in words[1:])


def names_a_work(span: Span) -> bool:
    """ "the 1999 horror film Northern Lights", "TV soap Harbour Lane", "comedy The Tenant", "programs such as
    SpyClean and Netguard", "burgers like the Mega Stack": a name a noun for a work or product stands for is a title
    (kg.lexicon.WORK_NOUNS), not a person, a body or a place; "the BBC programme" is the BBC's."""
    root = span.root
    while root.dep_ == "conj" and root.head.i != root.i and root.head.i < root.i:
        root = root.head  # "like the Mega Stack and Double Crunch": the list's first name
    if root.dep_ == "appos" and _work_noun(root.head):
        return True
    if any(c.dep_ in ("compound", "nmod") and c.i < span.start and _work_noun(c) for c in root.children):
        return True
    head = root.head
    if root.dep_ == "pobj" and head.lower_ in ("like", "as", "including") and head.head.i != head.i:
        noun = head.head.head if head.lower_ == "as" and head.head.lower_ == "such" else head.head
        return _work_noun(noun)
    return False


def _work_noun(tok: Token) -> bool:
    return tok.pos_ == "NOUN" and tok.lower_ in WORK_NOUNS


def is_based(span: Span) -> bool:
    """ "Texas" in "Texas-based", "Austin" in "Austin, Texas-based": a name before "-based" (with the places
    of a "City, Region" before it) is a place."""
    doc = span.doc
    j = span.end
    while j + 1 < len(doc) and doc[j].text == "," and doc[j + 1].is_title:  # "Austin, Texas-based"
        j += 2
        while j < len(doc) and doc[j].is_title and doc[j].text != "-":
            j += 1
    return j + 1 < len(doc) and doc[j].text in ("-", "–") and doc[j + 1].lower_ == "based"


def name_list(ent: Span) -> list[Span]:
    """The names of a plain list the model took for one person's or organisation's name: "Moss, Lane" ->
    "Moss", "Lane"; "Ashby, Kirk and Lane" -> three names; empty when any part is not a run of capitalised
    words ("Ministry of the Interior, Trade and Rural Affairs" is one name)."""
    if ent.label_ not in ("PERSON", "ORG") or not any(t.text == "," for t in ent):
        return []
    doc = ent.doc
    parts: list[Span] = []
    start = ent.start
    # each name has the list's label; in a line with no verb (a team sheet: "Replacements: Moss, Lane") surnames
    label = "PERSON" if not any(t.pos_ in ("VERB", "AUX") for t in ent.sent) else ent.label_
    for t in [*ent, None]:
        if t is None or t.text == "," or t.lower_ in ("and", "&"):
            end = ent.end if t is None else t.i
            if end > start:
                parts.append(Span(doc, start, end, label=label))
            start = end + 1
    if len(parts) < 2 or any(len(p) > 3 or not all(w.is_title or w.text in ("-", "'") for w in p) for p in parts):
        return []
    return parts


def possessive_list(ent: Span) -> list[Span]:
    """The names of a coordinated possessive list the model took for one name: "Ekofisk, Russia" in "Norway's
    Ekofisk, Russia's Urals" -> "Ekofisk", "Russia"; empty when the span is no such list."""
    doc = ent.doc
    commas = [t.i for t in ent if t.text == ","]
    if not commas:
        return []
    before = doc[ent.start - 1] if ent.start > 0 else None
    after = doc[ent.end] if ent.end < len(doc) else None
    possessive = {t.lower_ for t in (before, after) if t is not None} & {"'s", "’s"}
    if not possessive:
        return []
    parts: list[Span] = []
    start = ent.start
    for i in [*commas, ent.end]:
        if i > start:
            parts.append(doc[start:i])
        start = i + 1
    if len(parts) < 2 or any(not p[0].is_title for p in parts):
        return []
    return parts
