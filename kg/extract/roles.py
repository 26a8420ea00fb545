"""Titles and roles: "Foreign Minister X", "UN High Commissioner for Human Rights X", "the spokesperson, X" make
X a person (even where NER missed the name), and "the minister" later in the article is a role phrase that
resolution joins to the person holding that role.

Rule names (written into provenance): kg.roles.v1 (a name after a title), kg.rolephrase.v1 (a role phrase).
"""

from __future__ import annotations

from dataclasses import dataclass

from spacy.tokens import Doc, Span, Token

from kg.lexicon import HONORIFICS, KIN, NOBLE, ROLE_NOUNS
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


def _capital(tok: Token) -> bool:
    return tok.is_title or (tok.is_upper and len(tok) > 1 and tok.is_alpha)


def _in_other_entity(tok: Token) -> bool:
    return tok.ent_type_ not in ("", "PERSON")


def _title_start(doc: Doc, i: int) -> int:
    """Walk left from the role noun over capitalised modifiers ("UN High", "Foreign", "Prime")."""
    j = i
    while j > 0 and not doc[j].is_sent_start:
        prev = doc[j - 1]
        if _capital(prev) and prev.pos_ in ("PROPN", "ADJ", "NOUN"):
            j -= 1
        elif prev.text == "-" and j > 1 and _capital(doc[j - 2]) and not prev.whitespace_:
            j -= 2  # "Secretary-General", "Vice-President": one title
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
        start = _title_start(doc, tok.i) if _capital(tok) else tok.i
        if name is not None and tok.lower_ in NOBLE and name.start == tok.i + 1 and tok.is_title:
            name = doc[tok.i : name.end]  # "Prince William": the title is part of the name
        if name is not None:
            title = doc[start : name.start] if name.start > start else None
            out.append(RoleMatch(name, title, tok.lower_.rstrip("."), ROLES))
            continue
        # apposition: "<title>, [Mr.] <PERSON>"
        ent = _apposed_person(doc, end)
        if ent is not None:
            first = start if _capital(tok) else _det_start(doc, tok.i)
            out.append(RoleMatch(ent, doc[first:end], tok.lower_.rstrip("."), ROLES))
    return out


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
        start = _det_start(doc, tok.i)
        if doc[start].lower_ != "the":
            continue
        nxt = tok.i + 1
        if nxt < len(doc) and doc[nxt].ent_type_ == "PERSON" or _apposed_person(doc, _run_after(doc, tok.i)):
            continue
        out.append((doc[start : tok.i + 1], tok.lower_))
    return out
