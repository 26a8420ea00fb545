"""Relations the text states between two named things (rule kg.relations.v1), from the dependency parse:

- cooperatesWith: "cooperation between X and Y", "X's cooperation with Y", "X cooperates with Y" (and "with
  international organizations. Among these organizations, A, B and C ..." names them);
- chairs: "X's chairmanship of Y", "X chairs Y";
- memberOf: "X, a member of Y", "X is a member of Y";
- locatedIn: a dateline "CITY, Country" and "City, Country" in running text.
Titles ("Foreign Minister of X") give holdsPosition, headOf, spokespersonOf and chairs in resolution, which
knows what the titles' names refer to.
"""

from __future__ import annotations

import functools
import re
from itertools import combinations

from spacy.matcher import DependencyMatcher
from spacy.tokens import Doc, Span, Token
from spacy.vocab import Vocab

from kg.extract.args import MentionIndex, expand
from kg.model import RELATIONS, Mention, Provenance, RelationMention

COOPERATION_NOUNS = frozenset({"cooperation", "co-operation", "partnership", "collaboration"})
COOPERATION_VERBS = frozenset(
    "cooperate cooperates cooperated cooperating co-operate co-operates co-operated collaborate collaborates "
    "collaborated partner partners partnered".split()
)
CHAIR_NOUNS = frozenset({"chairmanship", "chairship", "chairpersonship", "presidency"})
CHAIR_VERBS = frozenset({"chair", "chairs", "chaired", "chairing"})
_PLACES = frozenset({"GPE", "LOC"})
_DATELINE = re.compile(
    r"^\s*(?:date\s+\S+\s+)?([A-Z][A-Z'.-]+(?: [A-Z][A-Z'.-]+)*), ([A-Z][A-Za-z.-]+(?: [A-Z][a-z]+)*)[,.]"
)


def _named(tokens: list[Token], index: MentionIndex) -> list[Mention]:
    """The mentions a list of tokens names: each token, its conjuncts, or a named modifier ("UN mechanisms")."""
    out: list[Mention] = []
    for t in (x for tok in tokens for x in expand(tok)):
        m = index.of(t)
        if m is None:
            m = next((index.at(c) for c in t.children if c.dep_ in ("compound", "poss") and index.at(c)), None)
        if m is not None and m not in out:
            out.append(m)
    return out


class _Out:
    def __init__(self, index: MentionIndex) -> None:
        self.index = index
        self.items: list[RelationMention] = []

    def add(self, s: Mention, predicate: str, o: Mention, at: Token, confidence: float) -> None:
        if s == o or s.text == o.text:
            return
        start = self.index.offset + at.idx
        prov = Provenance(self.index.doc_id, start, start + len(at.text), self.index._sentence(start), RELATIONS)
        self.items.append(RelationMention(s, predicate, o, prov, confidence))


def _word(words: frozenset[str], **more: object) -> dict[str, object]:
    return {"LOWER": {"IN": sorted(words)}, **more}


def _child(left: str, right: str, attrs: dict[str, object]) -> dict[str, object]:
    return {"LEFT_ID": left, "REL_OP": ">", "RIGHT_ID": right, "RIGHT_ATTRS": attrs}


def _prep_obj(left: str, prep: str, right: str) -> list[dict[str, object]]:
    """``left`` has the prepositional object ``right`` through ``prep`` ("cooperation *with* X")."""
    return [
        _child(left, f"{right}_prep", {"DEP": {"IN": ["prep", "agent"]}, "LOWER": prep}),
        _child(f"{right}_prep", right, {"DEP": "pobj"}),
    ]


#: The dependency patterns (spaCy DependencyMatcher), by rule name: (predicate, confidence, pattern). Each
#: pattern has a "subject" and an "object" node; the trigger is the first node.
PATTERNS: dict[str, tuple[str, float, list[dict[str, object]]]] = {
    "cooperation-between": (
        "cooperatesWith",
        0.8,
        [
            {"RIGHT_ID": "trigger", "RIGHT_ATTRS": _word(COOPERATION_NOUNS)},
            _child("trigger", "subject_prep", {"DEP": "prep", "LOWER": "between"}),
            _child("subject_prep", "subject", {"DEP": "pobj"}),
        ],
    ),
    "cooperation-with": (
        "cooperatesWith",
        0.8,
        [
            {"RIGHT_ID": "trigger", "RIGHT_ATTRS": _word(COOPERATION_NOUNS)},
            _child("trigger", "subject", {"DEP": "poss"}),
            *_prep_obj("trigger", "with", "object"),
        ],
    ),
    "cooperates-with": (
        "cooperatesWith",
        0.75,
        [
            {"RIGHT_ID": "trigger", "RIGHT_ATTRS": _word(COOPERATION_VERBS, POS="VERB")},
            _child("trigger", "subject", {"DEP": "nsubj"}),
            *_prep_obj("trigger", "with", "object"),
        ],
    ),
    "chairmanship-of": (
        "chairs",
        0.85,
        [
            {"RIGHT_ID": "trigger", "RIGHT_ATTRS": _word(CHAIR_NOUNS)},
            _child("trigger", "subject", {"DEP": "poss"}),
            *_prep_obj("trigger", "of", "object"),
        ],
    ),
    "chairs": (
        "chairs",
        0.8,
        [
            {"RIGHT_ID": "trigger", "RIGHT_ATTRS": _word(CHAIR_VERBS, POS="VERB")},
            _child("trigger", "subject", {"DEP": "nsubj"}),
            _child("trigger", "object", {"DEP": "dobj"}),
        ],
    ),
    "a-member-of": (
        "memberOf",
        0.8,
        [  # "X, a member of Y"
            {"RIGHT_ID": "subject", "RIGHT_ATTRS": {}},
            _child("subject", "trigger", {"LOWER": "member", "DEP": "appos"}),
            *_prep_obj("trigger", "of", "object"),
        ],
    ),
    "is-a-member-of": (
        "memberOf",
        0.8,
        [  # "X is a member of Y"
            {"RIGHT_ID": "verb", "RIGHT_ATTRS": {}},
            _child("verb", "subject", {"DEP": "nsubj"}),
            _child("verb", "trigger", {"LOWER": "member", "DEP": "attr"}),
            *_prep_obj("trigger", "of", "object"),
        ],
    ),
    "from-the": (
        "memberOf",
        0.7,
        [  # "David Rogers, from the Local Government Association,"
            {"RIGHT_ID": "subject", "RIGHT_ATTRS": {"ENT_TYPE": "PERSON"}},
            _child("subject", "trigger", {"LOWER": "from"}),
            _child("trigger", "object", {"DEP": "pobj", "ENT_TYPE": "ORG"}),
        ],
    ),
}


#: Words without which no pattern can match a sentence.
_TRIGGER_WORDS = COOPERATION_NOUNS | COOPERATION_VERBS | CHAIR_NOUNS | CHAIR_VERBS | {"member", "from"}


def _candidate_sentences(tokens: list[Token]) -> list[Span]:
    seen: dict[int, Span] = {}
    for tok in tokens:
        if tok.lower_ in _TRIGGER_WORDS:
            sent = tok.sent
            seen.setdefault(sent.start, sent)
    return [seen[k] for k in sorted(seen)]


@functools.lru_cache(maxsize=8)
def _matcher(vocab: Vocab) -> DependencyMatcher:
    matcher = DependencyMatcher(vocab)
    for name, (_, _, pattern) in PATTERNS.items():
        matcher.add(name, [pattern])
    return matcher


def find_relations(tokens: list[Token], index: MentionIndex) -> list[RelationMention]:
    """The relations the dependency patterns find in one Doc, between mentions (or what they list)."""
    out = _Out(index)
    if not tokens:
        return out.items
    doc = tokens[0].doc
    matcher = _matcher(doc.vocab)
    matches = [  # only the sentences with a trigger word: the matcher is slow on whole articles
        (match_id, [sent.start + i for i in ids])
        for sent in _candidate_sentences(tokens)
        for match_id, ids in matcher(sent)
    ]
    for match_id, ids in sorted(matches, key=lambda m: m[1]):
        name = doc.vocab.strings[match_id]
        predicate, confidence, pattern = PATTERNS[name]
        node = {spec["RIGHT_ID"]: doc[i] for spec, i in zip(pattern, ids, strict=True)}
        trigger = node.get("trigger", node["subject"])
        if name == "cooperation-between":  # "between X and Y": every pair of the listed things
            for a, b in combinations(_named([node["subject"]], index), 2):
                out.add(a, predicate, b, trigger, confidence)
            continue
        objects = _named([node["object"]], index)
        if name == "cooperates-with" and not objects:
            objects = _listed_after([node["object"]], index)
        for a in _named([node["subject"]], index):
            for b in objects:
                if name == "from-the" and (a.label != "PERSON" or b.label != "ORG"):
                    continue
                out.add(a, predicate, b, trigger, confidence)
    _located(tokens, index, out)
    _possessed(tokens, index, out)
    return out.items


def _possessed(tokens: list[Token], index: MentionIndex, out: _Out) -> None:
    """ "the Bank of England's Monetary Policy Committee": an organisation's organisation is part of it."""
    for tok in tokens:
        if tok.tag_ != "POS" or tok.i == 0 or tok.i + 1 >= len(tok.doc):
            continue
        owner, owned = index.at(tok.doc[tok.i - 1]), index.at(tok.doc[tok.i + 1])
        if owner is not None and owned is not None and owner.label == "ORG" and owned.label == "ORG":
            out.add(owned, "partOf", owner, tok, 0.7)


def _listed_after(partners: list[Token], index: MentionIndex) -> list[Mention]:
    """ "... with international organizations. Among these organizations, the UN, the OSCE and the EU hold ...":
    the things the next sentence lists "among these" (same noun) name the partners."""
    if not partners or partners[0].tag_ != "NNS":
        return []
    noun = partners[0].lower_
    sent = partners[0].sent
    doc = sent.doc
    if sent.end >= len(doc):
        return []
    nxt = doc[sent.end].sent
    for tok in nxt:
        if tok.lower_ == "among" and any(
            g.lower_ == noun and any(d.lower_ in ("these", "those", "them") for d in g.children) for g in tok.children
        ):
            subj = next((c for c in tok.head.children if c.dep_ in ("nsubj", "nsubjpass")), None)
            if subj is not None:  # every organisation or place the listed subject names
                found: list[Mention] = []
                for t in subj.subtree:
                    m = index.at(t)
                    if m is not None and m.label in ("ORG", "GPE", "LOC", "NORP") and m not in found:
                        found.append(m)
                return found
    return []


def _located(tokens: list[Token], index: MentionIndex, out: _Out) -> None:
    """ "Geneva, Switzerland": a place, a comma, and another place (resolution checks the gazetteer agrees)."""
    for tok in tokens:
        a = index.at(tok)
        if a is None or a.label not in _PLACES or tok.i + 2 >= len(tok.doc):
            continue
        last = tok.doc[tok.i]
        if index.offset + last.idx + len(last.text) != a.prov.end or tok.doc[tok.i + 1].text != ",":
            continue
        b = index.at(tok.doc[tok.i + 2])
        if b is not None and b.label in _PLACES and b != a and not _listed(b, tok.doc, index):
            out.add(a, "locatedIn", b, tok.doc[tok.i + 1], 0.7)


def _listed(place: Mention, doc: Doc, index: MentionIndex) -> bool:
    """``place`` is followed by "and", "or" or a comma and another place: an item of a list ("Chicago, Texas
    and Ohio"), not the place the place before it is in."""
    span = doc.char_span(place.prov.start - index.offset, place.prov.end - index.offset, alignment_mode="expand")
    if span is None:
        return False
    after = list(doc[span.end : span.end + 3])
    if after and after[0].text == ",":
        after = after[1:]
    if after and after[0].lower_ in ("and", "or"):
        after = after[1:]
    return bool(after) and after[0].i > span.end and (m := index.at(after[0])) is not None and m.label in _PLACES


def dateline(text: str, doc_id: str, sentence: int) -> tuple[Mention, Mention] | None:
    """The place names of a dateline at the start of an article: "BAKU, Azerbaijan, September 13."."""
    m = _DATELINE.match(text)
    if m is None:
        return None
    city = Mention(
        m.group(1),
        "GPE",
        Provenance(doc_id, m.start(1), m.end(1), sentence, RELATIONS),
        hint="Place",
    )
    country = Mention(m.group(2), "GPE", Provenance(doc_id, m.start(2), m.end(2), sentence, RELATIONS), hint="Place")
    return city, country
