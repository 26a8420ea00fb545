"""Which way a date's clause points from the publication date, read from the parse (rule kg.dates.v1's context).

A date expression attaches to the verb it modifies ("met [Monday]", "will meet [Thursday]", "said in
[August]"); that verb's tense and auxiliaries say whether the clause tells the past or the future. News tells
its future in the present too ("meets Monday", "is scheduled to close Monday"), so a present-tense clause
points forward. A modal other than "will"/"shall" ("could", "would", "may") says nothing.
"""

from __future__ import annotations

from spacy.tokens import Span, Token

from kg.extract.dates import Tense
from kg.lexicon import NOWADAYS_NOUNS

_FUTURE = frozenset({"will", "'ll", "’ll", "shall", "wo"})
_UNSURE = frozenset({"would", "could", "might", "may", "can", "should", "must", "ought", "'d", "’d"})
_HAVE = frozenset({"has", "have", "had", "'ve", "’ve", "'s", "’s"})
_VERBAL = frozenset({"VERB", "AUX"})
_GENERIC_MODALS = frozenset({"can", "could", "may", "might"})
#: Present-tense verbs of state: "is worth", "has": no future in them.
_STATIVE = frozenset({"is", "are", "am", "'s", "'re", "has", "have", "remains", "remain", "seems", "seem"})
#: Words before a date that make it a limit or a due day, which may lie either side of the clause's time.
_LIMITS = frozenset({"until", "till", "through", "by", "to", "payable", "effective", "due", "expires", "before"})
_EACH = frozenset({"each", "every", "per"})
_WEEKDAYS_PLURAL = frozenset(f"{d}days" for d in ("mon", "tues", "wednes", "thurs", "fri", "satur", "sun"))


def _governor(span: Span) -> Token | None:
    """The verb the span's root hangs from (at most a few steps up), or None."""
    tok = span.root
    for _ in range(4):
        if tok.head.i == tok.i:
            return tok if tok.pos_ in _VERBAL else None
        tok = tok.head
        if tok.pos_ in _VERBAL:
            return tok
    return None


def _verb_tense(verb: Token, depth: int = 0) -> str:
    """ "past", "future" or "unsure" for one verb and its auxiliaries."""
    children = list(verb.children)
    auxes = [c for c in children if c.dep_ in ("aux", "auxpass") and c.tag_ != "TO"]
    words = {a.lower_ for a in auxes}
    if words & _FUTURE:
        return "future"
    if words & _UNSURE or (verb.tag_ == "MD" and verb.lower_ in _UNSURE):
        return "unsure"
    if verb.tag_ == "VBD" or any(a.tag_ == "VBD" for a in auxes):
        return "past"
    if verb.tag_ == "VBN" and words & _HAVE:
        return "past"  # "has said", present perfect
    if verb.tag_ in ("VBZ", "VBP") or any(a.tag_ in ("VBZ", "VBP") for a in auxes):
        return "unsure" if verb.lower_ in _STATIVE and not auxes else "future"  # "meets Monday"; "is worth"
    if verb.tag_ == "VBN" and verb.dep_ == "acl":
        return "past"  # "statements made Friday", "the high set on Aug. 6"
    infinitive = verb.tag_ == "VB" and any(c.tag_ == "TO" for c in children)
    if verb.dep_ in ("xcomp", "ccomp", "advcl", "conj", "acl", "relcl") and verb.head.i != verb.i and depth < 3:
        head = verb.head
        if infinitive and head.tag_ == "VBN" and not any(c.dep_.startswith("aux") for c in head.children):
            return "future"  # "(the talks,) set to resume Monday"
        if infinitive and head.lower_ in ("is", "are", "'s", "'re"):
            return "future"  # "is to resume trading Tuesday"
        tense = _verb_tense(head, depth + 1)  # "is expected to close Monday": the tense of "is expected"
        return "unsure" if infinitive and tense == "past" else tense  # "agreed to buy it in February"
    return "unsure"


def clause_tense(span: Span) -> Tense:
    """ "past" or "future" when the verb the date modifies says so, else None. A date that qualifies a noun
    ("Friday's trading") or marks a limit ("until Nov. 9", "payable Dec. 7") takes no tense from its clause."""
    root = span.root
    if root.head.i != root.i and root.head.pos_ in ("NOUN", "PROPN", "PRON"):
        return None  # "Friday's trading", "stock of record Nov. 10"
    if root.dep_ in ("dobj", "nsubj", "nsubjpass", "attr"):
        return None  # "has set Nov. 10 as the deadline"
    verb = _governor(span)
    if verb is None:
        return None
    tense = _verb_tense(verb)
    if tense == "past" and _is_limit(span, verb):
        return None
    return tense if tense in ("past", "future") else None  # type: ignore[return-value]


def _is_limit(span: Span, verb: Token) -> bool:
    """True when a word between the verb and the date makes the date a limit or a due day ("extended until 5
    p.m. Nov. 9", "payable Dec. 7"), which may lie after a past clause's time."""
    doc = span.doc
    if span.start > 0 and doc[span.start - 1].lower_ in _LIMITS:
        return True
    tok = span.root
    while tok.i != verb.i and tok.head.i != tok.i:
        tok = tok.head
        if tok.lower_ in _LIMITS:
            return True
    return False


def is_generic(span: Span) -> bool:
    """True when the date expression is no point of the calendar in its context: a repeated day ("each
    Thursday", "on Tuesdays"), or "today" meaning nowadays ("today's world", "faster than can be done today")."""
    doc = span.doc
    before = doc[span.start - 1] if span.start > 0 else None
    if (before is not None and before.lower_ in _EACH) or span[-1].lower_ in _WEEKDAYS_PLURAL:
        return True
    today = next((t for t in span if t.lower_ == "today"), None)
    if today is None or len([t for t in span if t.is_alpha]) > 1:
        return False
    after = doc[today.i + 1] if today.i + 1 < len(doc) else None
    if after is not None and after.lower_ in ("'s", "’s"):  # "today's computers": nowadays, unless a dated thing
        noun = today.head
        return noun.i != today.i and noun.lower_ in NOWADAYS_NOUNS
    verb = _governor(span)
    if verb is None:
        return False
    modal = [c.lower_ for c in verb.children if c.dep_ == "aux"]
    return any(m in _GENERIC_MODALS for m in modal) or any(t.lower_ == "than" for t in verb.children)
