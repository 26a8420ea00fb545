"""Two names the syntax joins closely, with no more specific rule (rule kg.syntax.v1): a relation along the
shortest dependency path between them.

The path is short (at most four steps), stays inside one clause (it crosses no clausal complement, adverbial or
parenthetical clause) and does not join the members of a list ("A, B and C", or "A's X, B's Y" parsed as
apposition). Its words give the type where
they can: a person "of", "for", "from" or "with" an organisation or a country is affiliated with it; a name "in"
or "at" a place, or a place beside another, is located there; any other path gives ``kg:relatedTo`` (the text
relates the two, without saying how).
"""

from __future__ import annotations

from itertools import combinations

from spacy.tokens import Token

from kg.extract.args import MentionIndex
from kg.model import PLACE_LABELS, SYNTAX, Mention, Provenance, RelationMention

MAX_STEPS = 4
_CLAUSES = frozenset({"ccomp", "advcl", "parataxis", "csubj", "xcomp", "conj", "cc", "punct", "dep", "prt"})
_AFFILIATION = frozenset({"of", "for", "from", "with", "poss", "compound", "appos"})
_LOCATION = frozenset({"in", "at", "near", "compound", "appos", "npadvmod"})


def _path(a: Token, b: Token) -> list[Token] | None:
    """The tokens from ``a`` up to the lowest head they share and down to ``b``, or None."""
    up = [a, *a.ancestors]
    at = {t.i: k for k, t in enumerate(up)}
    down: list[Token] = []
    t = b
    while t.i not in at:
        down.append(t)
        if t.head.i == t.i:
            return None
        t = t.head
    return up[: at[t.i] + 1] + list(reversed(down))


def _kind(m: Mention) -> str:
    return "PERSON" if _person(m) else "PLACE" if m.label in PLACE_LABELS else m.label


def _person(m: Mention) -> bool:
    return m.label == "PERSON" or m.hint == "Person"


def find_paths(index: MentionIndex, linked: set[frozenset[tuple[int, int]]]) -> list[RelationMention]:
    """Relations along short paths between the names of each sentence, for pairs no other rule linked
    (``linked``: the spans of the pairs already joined)."""
    doc = index.doc
    out: list[RelationMention] = []
    by_sentence: dict[int, list[tuple[Mention, Token]]] = {}
    for m in index._names:
        if m.label in ("ROLE", "PRON", "DATE"):
            continue
        span = doc.char_span(m.prov.start - index.offset, m.prov.end - index.offset, alignment_mode="expand")
        if span is not None:
            by_sentence.setdefault(m.prov.sentence, []).append((m, span.root))
    for names in by_sentence.values():
        kinds = {t.i: _kind(m) for m, t in names}
        for (ma, ta), (mb, tb) in combinations(names, 2):
            key = frozenset({(ma.prov.start, ma.prov.end), (mb.prov.start, mb.prov.end)})
            if ta.i == tb.i or key in linked or ma.text == mb.text:
                continue
            path = _path(ta, tb)
            if path is None or len(path) - 1 > MAX_STEPS:
                continue
            inner = path[1:-1]
            top = _top(path)
            steps = [t for t in path if t.i != top.i]
            if any(t.dep_ in _CLAUSES for t in steps) or any(t.pos_ in ("VERB", "AUX") for t in inner):
                continue  # a list, another clause, or a verb between them (an event links them if any)
            if any(t.dep_ == "appos" and t.i in kinds and kinds[t.i] == kinds.get(t.head.i) for t in steps):
                continue  # "France's Dassault, Sweden's Saab": a list parsed as apposition
            words = {t.lower_ for t in inner if t.dep_ == "prep"} | {t.dep_ for t in steps}
            same = _person(ma) and _person(mb)
            if words <= {"appos", "compound", "npadvmod", "nmod"} and same:
                continue  # "A, B, C" in a table, or two names of one thing
            out.append(_typed(ma, mb, words, index, path))
    return out


def _top(path: list[Token]) -> Token:
    """The highest token of a path (the one whose head is outside it)."""
    ids = {t.i for t in path}
    return next(t for t in path if t.head.i not in ids or t.head.i == t.i)


def _typed(a: Mention, b: Mention, words: set[str], index: MentionIndex, path: list[Token]) -> RelationMention:
    if _person(b) and not _person(a):
        a, b = b, a
    if _person(a) and not _person(b) and words & _AFFILIATION:
        predicate, confidence = "affiliatedWith", 0.55
    elif b.label in PLACE_LABELS and not _person(a) and a.label != "EVENT" and words & _LOCATION:
        predicate, confidence = "locatedIn", 0.5  # a named event's place is kg.affiliations.v1's to say
    elif a.label in PLACE_LABELS and not _person(b) and b.label != "EVENT" and words & _LOCATION:
        a, b = b, a
        predicate, confidence = "locatedIn", 0.5
    else:
        predicate, confidence = "relatedTo", 0.45
    first, last = min(t.i for t in path), max(t.i for t in path)
    start = index.offset + index.doc[first].idx
    end = index.offset + index.doc[last].idx + len(index.doc[last].text)
    prov = Provenance(index.doc_id, start, end, index._sentence(start), SYNTAX)
    return RelationMention(a, predicate, b, prov, confidence)
