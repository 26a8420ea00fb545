"""Relations the syntax gives between a named person or organisation and another entity, with any role noun
(rule kg.affiliations.v1):

- a role noun before or beside a name, whatever the noun (WordNet's nouns of people): "Brazil coach Carlos
  Mendes", "Y chief executive X", "X, a spokesman for Y", "X, the coach of Y" give a title, which resolution
  turns into a post in the organisation or country the title names;
- "Jordan's Omar Haddad", "Maria Santos of Portugal", "X, who plays for Y": affiliatedWith;
- "X, who joined Y": memberOf;
- "Acme, based in London", "the London-based firm Acme", "France's Dassault": locatedIn;
- "X, a unit of Y", "X, owned by Y", "Y's X unit", "X's parent Y": partOf;
- "his wife X", "X's brother Y": spouseOf, relativeOf;
- "the French singer X", "Brazilian striker X": nationality; "the Swiss giant Acme": locatedIn (the nationality
  word stands for its country, which resolution finds in the gazetteer); "the Israeli minister X" is a post;
- "X is the leader of Y", "X was a member of Y": a title from the copula's complement;
- "Michelle Freeman (Jamaica)", "Karlsruhe, Germany": a name in apposition to another;
- "Daniels Pharmaceuticals of St. Petersburg", "the final in Milan": a place after "of", "in" or "at" a name;
- "the Northern Games in Tamworth": where a named event is held (locatedIn).
"""

from __future__ import annotations

from spacy.tokens import Span, Token

from kg.extract.args import MentionIndex
from kg.extract.predicates import Lexicon, lemma
from kg.extract.semroles import prep_objects
from kg.lexicon import KIN, ROLE_NOUNS, STATE_POSTS
from kg.model import AFFILIATIONS, Mention, Provenance, RelationMention, Role

_PEOPLE = frozenset({"PERSON"})
_BODIES = frozenset({"ORG", "GPE", "NORP", "LOC", "FAC"})
#: Nouns that make an organisation part of another: "X, a unit of Y".
PART_NOUNS = frozenset({"unit", "subsidiary", "division", "arm", "branch", "part", "affiliate", "offshoot", "wing"})
SPOUSES = frozenset({"wife", "husband", "spouse", "widow", "widower", "partner", "fiancee", "fiance"})
_JOIN = frozenset({"join", "rejoin"})
#: Last words of a named event that is a date kept each year, not an occasion held somewhere.
_OBSERVANCES = frozenset({"day", "week", "month", "year", "eve"})
_FOR = frozenset({"for", "at", "with"})


def _span(index: MentionIndex, m: Mention) -> Span | None:
    return index.doc.char_span(m.prov.start - index.offset, m.prov.end - index.offset, alignment_mode="expand")


def _is_person(m: Mention) -> bool:
    return m.label in _PEOPLE or m.hint == "Person"


def _is_person_at(index: MentionIndex, tok: Token) -> bool:
    m = index.at(tok)
    return m is not None and _is_person(m)


def _body(index: MentionIndex, tok: Token) -> Mention | None:
    m = index.at(tok)
    return m if m is not None and (m.label in _BODIES or m.hint in ("Organization", "Place")) else None


def _role_noun(tok: Token, lex: Lexicon) -> bool:
    return tok.pos_ == "NOUN" and (lex.is_person_noun(lemma(tok)) or tok.lower_ in ROLE_NOUNS)


class _Out:
    def __init__(self, index: MentionIndex) -> None:
        self.index = index
        self.roles: list[Role] = []
        self.links: list[RelationMention] = []

    def prov(self, first: Token, last: Token) -> Provenance:
        start = self.index.offset + first.idx
        end = self.index.offset + last.idx + len(last.text)
        return Provenance(self.index.doc_id, start, end, self.index._sentence(start), AFFILIATIONS)

    def link(self, s: Mention, predicate: str, o: Mention, at: Token, confidence: float) -> None:
        if s != o and s.text != o.text:
            self.links.append(RelationMention(s, predicate, o, self.prov(at, at), confidence))

    def role(self, person: Mention, title: Span, head: Token) -> None:
        words = list(title)
        while words and (words[0].dep_ in ("det", "punct") or words[0].is_punct):
            words.pop(0)
        while words and (words[-1].is_punct or words[-1].dep_ in ("cc", "punct")):
            words.pop()
        if not words:
            return
        text = title.doc[words[0].i : words[-1].i + 1].text
        self.roles.append(Role(person, text, head.lower_, self.prov(words[0], words[-1])))


def find_affiliations(
    tokens: list[Token], index: MentionIndex, lex: Lexicon, titled: set[tuple[int, int]]
) -> tuple[list[Role], list[RelationMention]]:
    """Titles and relations over the tokens of one Doc; ``titled`` are the spans of the people the title rules
    gave a title."""
    out = _Out(index)
    if not tokens:
        return out.roles, out.links
    for m in list(index._names):
        span = _span(index, m)
        if span is None:
            continue
        head = span.root
        if _is_person(m):
            _person(out, m, span, head, index, lex, titled)
        elif m.label in ("ORG",) or m.hint == "Organization":
            _organisation(out, m, span, head, index)
        _apposed(out, m, span, head, index)
    for tok in tokens:
        if tok.lower_ == "based":
            _based(out, tok, index)
        elif tok.lower_ in KIN and tok.pos_ == "NOUN":
            _kin(out, tok, index)
        elif _complement(tok) and (_role_noun(tok, lex) or tok.lower_ in ROLE_NOUNS or _titled_noun(tok, lex)):
            _copula(out, tok, index, titled)
        elif tok.pos_ == "NOUN" and (tok.lower_ in PART_NOUNS or _parent(tok)):
            _owned(out, tok, index)
    return out.roles, out.links


def _titled_noun(tok: Token, lex: Lexicon) -> bool:
    """A role noun written with a capital, as a complement: "X is a Fellow with Y"."""
    return tok.pos_ == "PROPN" and tok.is_title and lex.is_person_noun(tok.lower_)


def _complement(tok: Token) -> bool:
    """Whether ``tok`` says what its clause's subject is: "X is/became the leader", "X serves as chairman"."""
    if tok.dep_ == "attr":
        return True
    return tok.dep_ == "pobj" and tok.head.lower_ == "as" and tok.head.head.pos_ == "VERB"


def _copula(out: _Out, noun: Token, index: MentionIndex, titled: set[tuple[int, int]]) -> None:
    """ "X is the leader of Y", "X was a member of Y", "X has become an adviser to Y", "he served as chairman of
    Y": the complement is X's title."""
    verb = noun.head if noun.dep_ == "attr" else noun.head.head
    if verb.dep_ == "acomp" and not any(c.dep_.startswith("nsubj") for c in verb.children):
        verb = verb.head  # "X was re-elected as a member of Y", parsed as an adjective of "was"
    subject = next((_subject(index, c) for c in verb.children if c.dep_ in ("nsubj", "nsubjpass")), None)
    if subject is None or (noun.dep_ == "attr" and (subject.prov.start, subject.prov.end) in titled):
        return  # a titled person "is" that title; "as" tells another post ("Minister X earns money as a director")
    end = noun.i
    for c in noun.children:  # the role and its first complement: "the leader of the Liberal Democrats"
        if c.dep_ == "prep" and c.lower_ in ("of", "for", "at", "to", "with") and c.i > noun.i:
            end = max((g.i for g in c.children if g.dep_ == "pobj"), default=c.i)
            break
    title = noun.doc[noun.left_edge.i : end + 1]
    if not any(index.at(t) is not None for t in title if t.i != noun.i):
        return  # "X is a good player": no body named
    out.role(subject, title, noun)


def _subject(index: MentionIndex, tok: Token) -> Mention | None:
    """A named person, "he"/"she" (which resolution joins to the person meant), or the person a relative
    pronoun stands for ("X, who was elected as a member of Y")."""
    if tok.lower_ in ("he", "she"):
        return index.of(tok)
    if tok.lower_ in ("who", "that") and tok.head.dep_ == "relcl":
        tok = tok.head.head
    m = index.at(tok)
    return m if m is not None and _is_person(m) else None


def _apposed(out: _Out, m: Mention, span: Span, head: Token, index: MentionIndex) -> None:
    """A name beside another: "Michelle Freeman (Jamaica)", "Karlsruhe, Germany", "Acme of St. Petersburg"."""
    for c in head.children:
        other = _body(index, c) if c.i >= span.end and c.dep_ in ("appos", "npadvmod") else None
        if other is None or other is m:
            continue
        if _is_person(m):
            out.link(m, "affiliatedWith", other, c, 0.65)
        elif other.label in ("GPE", "LOC") and c.nbor(-1).text != ",":  # "City, Country" is kg.relations.v1's
            out.link(m, "locatedIn", other, c, 0.65)
    if _is_person(m) or (m.label == "EVENT" and m.text.split()[-1].lower() in _OBSERVANCES):
        return  # "Founders Day in X" is kept there, not held there
    noun = _named_noun(head, span)
    for prep, obj in prep_objects(head) + (prep_objects(noun) if noun is not None else []):
        other = _body(index, obj)
        if prep in ("of", "in", "at") and other is not None and other.label in ("GPE", "LOC") and obj.i >= span.end:
            out.link(m, "locatedIn", other, obj.head, 0.6)
    if noun is not None:  # "Leeds's Grand Hall theatre"
        for c in noun.children:
            if c.dep_ == "poss" and (owner := index.at(c)) is not None and owner.label in ("GPE", "LOC"):
                out.link(m, "locatedIn", owner, c, 0.6)


def _named_noun(head: Token, span: Span) -> Token | None:
    """The common noun right after a name that the name qualifies: "hotel" in "the Grand Hall hotel in Kent",
    "gallery" in "the Tate Modern art gallery"."""
    noun = head.head
    if head.dep_ != "compound" or noun.pos_ != "NOUN" or not span.end <= noun.i <= span.end + 1:
        return None
    between = span.doc[span.end : noun.i]
    return noun if all(t.dep_ == "compound" and t.pos_ == "NOUN" for t in between) else None


def _person(
    out: _Out, m: Mention, span: Span, head: Token, index: MentionIndex, lex: Lexicon, titled: set[tuple[int, int]]
) -> None:
    doc = span.doc
    if (m.prov.start, m.prov.end) not in titled:
        before = [c for c in head.lefts if c.i < span.start and c.dep_ in ("compound", "amod", "nmod")]
        nouns = [c for c in before if _role_noun(c, lex)]
        if nouns:  # "Brazil coach Carlos Mendes", "Acme chief executive Jane Doe"
            first = min(t.i for c in before for t in c.subtree)
            out.role(m, doc[first : span.start], nouns[-1])
        elif head.dep_ == "conj" and _is_person_at(index, head.head):  # "Acme managers A, B and C": B's and C's
            lead = head.head
            for _ in range(8):  # the nearest name before it in the list with a title of its own
                shared = [c for c in lead.lefts if c.dep_ in ("compound", "amod", "nmod") and index.at(c) is None]
                roles = [c for c in shared if _role_noun(c, lex)]
                if roles:
                    first = min(t.i for c in shared for t in c.subtree)
                    out.role(m, doc[first : roles[-1].i + 1], roles[-1])
                    break
                if lead.dep_ != "conj" or not _is_person_at(index, lead.head):
                    break
                lead = lead.head
        if not (nouns and nouns[-1].lower_ in STATE_POSTS):  # "the Israeli minister" is a post
            for nationality in _demonyms(before + _described_by(head, span), index):
                out.link(m, "nationality", nationality, head, 0.7)
        for c in head.children:  # "X, a spokesman for Y", "X, Y's chief executive"
            if c.dep_ == "appos" and _role_noun(c, lex) and c.i > span.end - 1:
                out.role(m, doc[c.left_edge.i : c.right_edge.i + 1], c)
    for c in head.children:
        if c.dep_ == "poss" and c.i < span.start:  # "Jordan's Omar Haddad"
            body = _body(index, c)
            if body is not None:
                out.link(m, "affiliatedWith", body, c, 0.7)
        elif c.dep_ == "relcl":  # "X, who plays for Y", "X, who joined Y"
            verb_lemma = lemma(c)
            for d in c.children:
                if d.dep_ == "dobj" and verb_lemma in _JOIN and (body := _body(index, d)) is not None:
                    out.link(m, "memberOf", body, c, 0.7)
            for prep, obj in prep_objects(c):
                body = _body(index, obj)
                if prep in _FOR and body is not None and body.label != "GPE":
                    out.link(m, "memberOf" if body.label == "ORG" else "affiliatedWith", body, c, 0.7)
    for prep, obj in prep_objects(head):  # "Maria Santos of Portugal", "Robin Gibb of the Bee Gees"
        body = _body(index, obj)
        if prep == "of" and body is not None and obj.i >= span.end:
            out.link(m, "memberOf" if body.label == "ORG" else "affiliatedWith", body, obj.head, 0.7)


def _demonyms(words: list[Token], index: MentionIndex) -> list[Mention]:
    """The nationality words that qualify ``words`` (the words before a name), or are among them: "French" in
    "the French singer", "South African" in "former South African president"."""
    found: list[Mention] = []
    for w in words:
        for t in (w, *(c for c in w.children if c.dep_ in ("amod", "compound"))):
            d = index.at(t)
            if d is not None and d.label == "NORP" and d not in found:
                found.append(d)
    return found


def _described_by(head: Token, span: Span) -> list[Token]:
    """The noun a name is in apposition to, right before it: "giant" in "the Swiss giant Nestle", as parsed."""
    noun = head.head
    if head.dep_ == "appos" and noun.pos_ == "NOUN" and noun.i == span.start - 1:
        return [noun]
    return []


def _organisation(out: _Out, m: Mention, span: Span, head: Token, index: MentionIndex) -> None:
    before = [c for c in head.lefts if c.dep_ in ("compound", "amod", "nmod") and index.at(c) is not m]
    for place in _demonyms(before + _described_by(head, span), index):  # "the Swiss giant Acme": based there
        out.link(m, "locatedIn", place, head, 0.65)
    for c in head.children:
        if c.dep_ == "poss" and (owner := index.at(c)) is not None and _is_person(owner):
            out.link(owner, "affiliatedWith", m, c, 0.65)  # "President X's National Congress"
        elif c.dep_ == "poss" and owner is not None and owner.label in ("GPE", "LOC") and c.i < head.i:
            out.link(m, "locatedIn", owner, c, 0.65)  # "France's Dassault", "Gateshead's Sage Centre"
        if c.dep_ == "appos" and c.lower_ in PART_NOUNS:  # "X, a unit of Y"
            for prep, obj in prep_objects(c):
                body = _body(index, obj)
                if prep == "of" and body is not None:
                    out.link(m, "partOf", body, c, 0.75)
        elif c.dep_ == "acl" and c.lower_ == "owned":  # "X, owned by Y"
            for prep, obj in prep_objects(c):
                body = _body(index, obj)
                if prep == "by" and body is not None and body.label == "ORG":
                    out.link(m, "partOf", body, c, 0.7)


def _parent(noun: Token) -> bool:
    """ "parent" or "parent company": the owner of the organisation before it."""
    return noun.lower_ == "parent" or any(
        c.dep_ in ("compound", "amod") and c.lower_ == "parent" for c in noun.children
    )


def _owned(out: _Out, noun: Token, index: MentionIndex) -> None:
    """ "Norvane's Kestrel unit": Kestrel is part of Norvane; "Kestrel Air's parent Norvane", "Vexa's parent
    company, Orion Group": the first is part of the second."""
    owner = next((_body(index, c) for c in noun.children if c.dep_ == "poss"), None)
    if owner is None or (owner.label != "ORG" and owner.hint != "Organization"):
        return
    beside = [c for c in noun.children if c.dep_ in ("appos", "compound")]
    if noun.dep_ == "compound":
        beside.append(noun.head)  # "X's parent Y": "parent" parsed as a part of Y's name
    for c in beside:
        named = _body(index, c)
        if named is None or named is owner or named.label in ("GPE", "LOC"):
            continue
        if _parent(noun):
            out.link(owner, "partOf", named, c, 0.7)
        else:
            out.link(named, "partOf", owner, c, 0.7)


def _based(out: _Out, tok: Token, index: MentionIndex) -> None:
    """ "Acme, based in London"; "the London-based firm Acme"."""
    doc = tok.doc
    places = [p for prep, obj in prep_objects(tok) if prep in ("in", "at") and (p := _body(index, obj)) is not None]
    if tok.i >= 2 and doc[tok.i - 1].text == "-" and not doc[tok.i - 1].whitespace_:
        hit = _body(index, doc[tok.i - 2])
        if hit is not None:
            places.append(hit)
    if not places:
        return
    noun = tok.head if tok.dep_ in ("amod", "acl", "compound") else None
    if noun is None:  # "Zeta is based in Oslo"
        noun = next((c for c in tok.children if c.dep_ in ("nsubj", "nsubjpass")), None)
    if noun is None:
        return
    org = index.at(noun)
    if org is None:
        org = next((index.at(c) for c in noun.children if c.dep_ in ("appos", "compound") and index.at(c)), None)
    if org is None and noun.dep_ == "compound":  # "the London-based firm Acme", "firm" parsed as Acme's modifier
        org = index.at(noun.head)
    if org is None or org.label in ("GPE", "LOC"):
        return
    for place in places:
        out.link(org, "locatedIn", place, tok, 0.75)


def _kin(out: _Out, noun: Token, index: MentionIndex) -> None:
    """ "his wife Cherie", "Blair's wife, Cherie", "Dhani Harrison, son of George Harrison": the owner and the
    name."""
    owners = [index.of(c) for c in noun.children if c.dep_ == "poss"]  # a name, or "his" (resolved later)
    if noun.dep_ == "appos":  # "X, the wife of Y"
        of = [index.of(g) for c in noun.children if c.dep_ == "prep" and c.lower_ == "of" for g in c.children]
        owners += [o for o in of if o is not None and _is_person(o)]
    owner = next((o for o in owners if o is not None), None)
    if owner is None:
        return
    names = [index.at(c) for c in noun.children if c.dep_ in ("appos",)]
    if noun.dep_ in ("compound", "appos"):
        names.append(index.at(noun.head))
    predicate = "spouseOf" if noun.lower_ in SPOUSES else "relativeOf"
    for name in names:  # "X, Y's son": the kin noun says X is a person, whatever the model's label
        if name is not None and name != owner and (_is_person(name) or (noun.dep_ == "appos" and name.label == "ORG")):
            out.link(owner, predicate, name, noun, 0.75)
