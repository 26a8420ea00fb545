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
_WEEKDAYS = frozenset(("monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday"))
_PARTS_OF_WEEK_PLURAL = frozenset({"nights", "mornings", "afternoons", "evenings", "weekends"})
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
    if verb.tag_ == "VBP" and not auxes and _singular_subject(verb):
        return "past"  # "Weakness hurt the index": only the past agrees with a singular subject
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


def _present_perfect(verb: Token) -> bool:
    perfect = ("has", "have", "'ve", "’ve")
    return verb.tag_ == "VBN" and any(c.dep_ == "aux" and c.lower_ in perfect for c in verb.children)


def _singular_subject(verb: Token) -> bool:
    """True when the verb's subject is a singular noun ("Weakness", "the company"), not a pronoun or plural."""
    return any(c.dep_ == "nsubj" and c.tag_ in ("NN", "NNP") for c in verb.children)


def clause_tense(span: Span) -> Tense:
    """ "past" or "future" when the verb the date modifies says so, else None. A date that qualifies a noun
    ("Friday's trading") or marks a limit ("until Nov. 9", "payable Dec. 7") takes no tense from its clause."""
    root = span.root
    if span[0].lower_ == "since" or (span.start > 0 and span.doc[span.start - 1].lower_ == "since"):
        return "past"  # "since August", "since year-end": a time gone by, whatever the verb
    if root.head.i != root.i and root.head.pos_ in ("NOUN", "PROPN", "PRON"):
        return None  # "Friday's trading", "stock of record Nov. 10"
    if root.dep_ in ("dobj", "nsubj", "nsubjpass", "attr"):
        return None  # "has set Nov. 10 as the deadline"
    verb = _governor(span)
    if verb is None:
        return None
    if root.head.i == verb.i and root.dep_ == "npadvmod" and _present_perfect(verb):
        return None  # "has set Nov. 10 as the deadline": a bare date on a present perfect is what it is about
    tense = _verb_tense(verb)
    if tense == "past" and _is_limit(span, verb):
        return None
    return tense if tense in ("past", "future") else None  # type: ignore[return-value]


def _repeated(span: Span) -> bool:
    """True when the weekday is one of a repeated part of the week: "on Tuesday nights", "Monday and Tuesday
    nights" (the plural noun is the weekday's, or a conjunct's)."""
    doc = span.doc
    after = doc[span.end] if span.end < len(doc) else None
    near = [after] if after is not None else []
    near += [c for c in span[-1].children if c.dep_ == "conj"]
    return any(t.lower_ in _PARTS_OF_WEEK_PLURAL for t in near)


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
    Thursday", "on Tuesdays", "Monday and Tuesday nights"), a name ("USA Today"), or "today" and "tomorrow"
    meaning nowadays and the future ("today's world", "faster than can be done today", "the people of
    tomorrow")."""
    doc = span.doc
    before = doc[span.start - 1] if span.start > 0 else None
    if (before is not None and before.lower_ in _EACH) or span[-1].lower_ in _WEEKDAYS_PLURAL:
        return True
    if span[-1].lower_ in _WEEKDAYS and _repeated(span):
        return True
    words = [t for t in span if t.is_alpha]
    if len(words) == 1 and words[0].lower_ in ("today", "tomorrow"):
        word = words[0]
        if word.text == "Today" and not word.is_sent_start and before is not None and before.pos_ == "PROPN":
            return True  # "USA Today", "VOA Today": a title
        head = word.head
        if word.dep_ == "pobj" and head.lower_ == "of" and head.head.pos_ == "NOUN":
            return True  # "the people of tomorrow"
    today = next((t for t in span if t.lower_ == "today"), None)
    if today is None or len(words) > 1:
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
