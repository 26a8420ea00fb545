"""Titles and roles: "Foreign Minister X", "UN High Commissioner for Human Rights X", "the spokesperson, X" make
X a person (even where NER missed the name), and "the minister" later in the article is a role phrase that
resolution joins to the person holding that role.

Rule names (written into provenance): kg.roles.v1 (a name after a title), kg.rolephrase.v1 (a role phrase).
"""

from __future__ import annotations

from dataclasses import dataclass

from spacy.tokens import Doc, Span, Token

from kg.lexicon import GOVERNMENT_WORDS, HONORIFICS, KIN, NOBLE, ROLE_NOUNS
from kg.model import ROLES

#: Function words allowed inside a title's complement ("Minister of Foreign Affairs of the Republic of X").
_LINK = frozenset({"of", "for", "the", "and", "on", "to", "at", "&"})
_MAX_NAME = 3


@dataclass(frozen=True, slots=True)
class RoleMatch:
    """A person's name (token span) and the title before it, from one rule."""

    name: Span
    title: Span | None
    head: str  # the role noun, lower case: "minister"
    rule: str


def _is_role(tok: Token) -> bool:
    return tok.lower_.rstrip(".") in ROLE_NOUNS


def _compound_start(tok: Token) -> int | None:
    """The first token of a listed hyphenated role noun ending at ``tok`` ("Secretary-General", which spaCy splits
    into three tokens), else None."""
    doc, i = tok.doc, tok.i
    if i < 2 or doc[i - 1].text != "-" or doc[i - 1].whitespace_ or doc[i - 2].whitespace_:
        return None
    return i - 2 if f"{doc[i - 2].lower_}-{tok.lower_}" in ROLE_NOUNS else None


def role_head(tok: Token) -> str:
    """The role noun ``tok`` ends, lower case: "secretary-general" for the "General" of "Secretary-General"."""
    start = _compound_start(tok)
    return tok.lower_.rstrip(".") if start is None else f"{tok.doc[start].lower_}-{tok.lower_}"


def _starts_compound(tok: Token) -> bool:
    """Whether ``tok`` is the first part of a listed hyphenated role noun ("Secretary" in "Secretary-General")."""
    doc, i = tok.doc, tok.i
    return i + 2 < len(doc) and _compound_start(doc[i + 2]) == i


def _capital(tok: Token) -> bool:
    return tok.is_title or (tok.is_upper and len(tok) > 1 and tok.is_alpha)


def _in_other_entity(tok: Token) -> bool:
    return tok.ent_type_ not in ("", "PERSON")


def _title_start(doc: Doc, i: int) -> int:
    """Walk left from the role noun over capitalised modifiers ("UN High", "Foreign", "Prime")."""
    j = i
    while j > 0 and not doc[j].is_sent_start:
        prev = doc[j - 1]
        if (_capital(prev) and prev.pos_ in ("PROPN", "ADJ", "NOUN")) or _is_role(prev):
            j -= 1  # "Tory leader", "UN High Commissioner", "director general"
        elif prev.text == "-" and j > 1 and doc[j - 2].is_alpha and not prev.whitespace_:
            j -= 2  # "Secretary-General", "Vice-President", "co-chairman": one title
        elif prev.tag_ == "POS" and j > 1 and _capital(doc[j - 2]) and doc[j - 2].pos_ == "PROPN":
            j -= 2  # "Labour's deputy minister": the owner is part of the title
        else:
            break
    return j


def _run_after(doc: Doc, i: int) -> int:
    """End (exclusive) of the capitalised run after a title noun, through its complement ("of Foreign Affairs")."""
    j = i + 1
    n = len(doc)
    while j < n:
        tok = doc[j]
        if _capital(tok) and tok.pos_ in ("PROPN", "NOUN", "ADJ") and not tok.is_punct:
            j += 1
        elif tok.lower_ in _LINK and j + 1 < n and (_capital(doc[j + 1]) or doc[j + 1].lower_ == "the"):
            j += 1
        else:
            break
    return j


def _name_in_run(doc: Doc, start: int, end: int) -> Span | None:
    """The person's name at the end of a title run: NER's PERSON span when it ends there, else the trailing
    capitalised proper nouns (at most three, two when the title has a complement) outside other entities."""
    if end <= start:
        return None
    last = doc[end - 1]
    if last.ent_type_ == "PERSON":
        ent = next((e for e in doc.ents if e.start <= last.i < e.end), None)
        if ent is not None and ent.start >= start:
            return doc[ent.start : ent.end]
    k = end
    while (
        k > start
        and doc[k - 1].pos_ == "PROPN"
        and doc[k - 1].is_title
        and not _is_role(doc[k - 1])
        and not _in_other_entity(doc[k - 1])
    ):
        k -= 1
    if k == end:
        return None
    links = [t for t in range(start, k) if doc[t].lower_ in _LINK]
    if links and k == links[-1] + 1 and end - k < 3:
        return None  # the capitalised words are the complement itself ("for Human Rights"), not a name
    limit = 2 if (links or end - k > _MAX_NAME) else _MAX_NAME
    k = max(k, end - limit)
    return doc[k:end]


def find_roles(doc: Doc) -> list[RoleMatch]:
    """Names introduced by a title, and appositions ("the spokesperson, Leyla X,")."""
    out: list[RoleMatch] = []
    for tok in doc:
        if not _is_role(tok):
            continue
        end = _run_after(doc, tok.i)
        name = _name_in_run(doc, tok.i + 1, end)
        start = _title_start(doc, tok.i)
        if name is not None and tok.lower_ in NOBLE and name.start == tok.i + 1 and tok.is_title:
            name = doc[tok.i : name.end]  # "Prince William": the title is part of the name
        if name is not None:
            title = doc[start : name.start] if name.start > start else None
            out.append(RoleMatch(name, title, role_head(tok), ROLES))
            continue
        # apposition: "<title>, [Mr.] <PERSON>"
        ent = _apposed_person(doc, end)
        if ent is not None:
            first = start if _capital(tok) else _det_start(doc, tok.i)
            out.append(RoleMatch(ent, doc[first:end], role_head(tok), ROLES))
    out.extend(_titles_after_names(doc))
    return out


#: Words that end a title in apposition after a name.
_APPOSITION_END = frozenset({",", ".", ";", ":", "(", ")", "said", "says", "told", "added", "warned", "and"})


def _titles_after_names(doc: Doc) -> list[RoleMatch]:
    """ "Sir Digby Jones, CBI director general, warned"; "Gordon Lishman, director general of Age Concern,":
    a title in apposition after a person's name."""
    out: list[RoleMatch] = []
    for ent in doc.ents:
        if ent.label_ != "PERSON" or ent.end + 2 >= len(doc) or doc[ent.end].text != ",":
            continue
        k = ent.end + 1
        limit = min(len(doc), k + 12)
        while (
            k < limit and doc[k].lower_ not in _APPOSITION_END and not (doc[k].pos_ == "VERB" and not _is_role(doc[k]))
        ):
            k += 1
        if k >= limit or doc[k].text not in (",", ".", ";"):
            continue
        span = doc[ent.end + 1 : k]
        roles = [t for t in span if _is_role(t) and t.lower_.rstrip(".") not in HONORIFICS]
        if not roles or span[0].pos_ == "VERB":
            continue
        head = next(
            (t for t in roles if t.nbor(1).lower_ in ("of", "for", "at", "to") if t.i + 1 < len(doc)), roles[-1]
        )
        while span and span[0].lower_ in ("the", "a", "an"):
            span = span[1:]
        name = doc[ent.start : ent.end]
        while len(name) > 1 and name[0].lower_.rstrip(".") in HONORIFICS:
            name = name[1:]
        out.append(RoleMatch(name, span, role_head(head), ROLES))
    return out


#: Modifiers of a title that say what kind of post, not whose: "Prime", "Deputy", "Shadow".
_TITLE_MODIFIERS = frozenset(
    "prime deputy vice shadow former acting chief senior junior foreign interim first second lead high co".split()
)


def title_body(title: Span) -> Span | None:
    """The body a title names before its role noun: "CBI" in "CBI director general", "Lib Dem" in "Lib Dem
    leader", "Tory" in "Tory co-chairman"; None when those words are a portfolio ("Home Secretary") or a rank."""
    words: list[Token] = []
    for tok in title:
        if _is_role(tok) or tok.text == "-":
            break
        words.append(tok)
    if not words or not any(_capital(t) for t in words):
        return _trailing_body(title)
    while words and (
        words[0].lower_ in ("the", "a", "an") or words[0].tag_ == "POS" or words[0].lower_ in _TITLE_MODIFIERS
    ):
        words = words[1:]
    if any(t.tag_ == "POS" for t in words):  # "Labour's deputy": the owner before the possessive
        words = words[: next(i for i, t in enumerate(words) if t.tag_ == "POS")]
    while words and (words[-1].tag_ == "POS" or words[-1].lower_ in _TITLE_MODIFIERS):
        words = words[:-1]
    if not words or not all(_capital(t) and t.pos_ in ("PROPN", "NOUN", "ADJ") for t in words):
        return None
    if all(t.lower_ in GOVERNMENT_WORDS or t.lower_ in _TITLE_MODIFIERS for t in words):
        return None
    if any(t.ent_type_ in ("GPE", "LOC") for t in words) or all(t.ent_type_ == "NORP" for t in words):
        return None  # a country's or a group's title: its NER mention names the body ("Israeli", "Tory")
    return title.doc[words[0].i : words[-1].i + 1]


def _trailing_body(title: Span) -> Span | None:
    """ "head of gaming industry body ELSPA", "president of the Association of Directors of Social Services": the
    capitalised name a title ends with, when the model did not tag it."""
    end = len(title)
    k = end
    while k > 0 and (_capital(title[k - 1]) or (title[k - 1].lower_ in ("of", "and", "for") and k < end)):
        k -= 1
    while k < end and not _capital(title[k]):
        k += 1
    words = list(title[k:end])
    if not words or any(t.ent_type_ for t in words) or all(t.lower_ in GOVERNMENT_WORDS for t in words if t.is_alpha):
        return None
    if any(_is_role(t) for t in words) or k == 0:
        return None
    return title[k:end]


def find_kin(doc: Doc) -> list[Span]:
    """ "His mother, Giselle," : a proper name in apposition to a family noun is a person (rule kg.roles.v1)."""
    out = []
    for tok in doc:
        if tok.lower_ not in KIN or tok.i + 2 >= len(doc) or doc[tok.i + 1].text != ",":
            continue
        j = k = tok.i + 2
        while k < len(doc) and doc[k].is_title and doc[k].pos_ == "PROPN":
            k += 1
        if j < k <= j + 3 and (k == len(doc) or doc[k].is_punct):
            out.append(doc[j:k])
    return out


def _apposed_person(doc: Doc, i: int) -> Span | None:
    """The PERSON span after ", " (and an optional honorific) at token ``i``."""
    if i >= len(doc) or doc[i].text != ",":
        return None
    j = i + 1
    if j < len(doc) and doc[j].lower_.rstrip(".") in HONORIFICS:
        j += 2 if j + 1 < len(doc) and doc[j + 1].text == "." else 1
    if j >= len(doc) or doc[j].ent_type_ != "PERSON":
        return None
    ent = next((e for e in doc.ents if e.start <= j < e.end), None)
    return doc[ent.start : ent.end] if ent is not None and ent.start == j else None


def _det_start(doc: Doc, i: int) -> int:
    """Start of "the ministry spokesperson": back over noun/adjective modifiers to the determiner."""
    j = i
    while j > 0 and doc[j - 1].dep_ in ("compound", "amod", "nmod") and doc[j - 1].head.i >= j:
        j -= 1
    if j > 0 and doc[j - 1].lower_ == "the":
        j -= 1
    return j


def find_role_phrases(doc: Doc, taken: set[int]) -> list[tuple[Span, str]]:
    """Role phrases that stand for a person: "the minister", "the ministry spokesperson" (with "the", not followed
    by a name, not an honorific), each with its role noun. ``taken`` holds token indices already used by names
    and titles."""
    out = []
    for tok in doc:
        if not _is_role(tok) or tok.i in taken or tok.lower_.rstrip(".") in HONORIFICS or tok.tag_ in ("NNS", "NNPS"):
            continue
        if _starts_compound(tok):
            continue  # "the Secretary-General" is one phrase, found at its last part
        compound = _compound_start(tok)
        start = _det_start(doc, tok.i if compound is None else compound)
        if doc[start].lower_ != "the":
            continue
        nxt = tok.i + 1
        if nxt < len(doc) and doc[nxt].ent_type_ == "PERSON" or _apposed_person(doc, _run_after(doc, tok.i)):
            continue
        out.append((doc[start : tok.i + 1], role_head(tok)))
    return out
