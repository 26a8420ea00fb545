"""Pronouns and descriptions that stand for a person or a company the article names (rule kg.coref.v1).

Rules over the parse the model already made, each refusing where the text leaves a doubt (a wrong link merges
two things; a missing one only loses a mention):

* **"he", "she", "his", "her", "himself"**: the person named in the same sentence before it or in the two
  sentences before, whose gender agrees (from the first name, kg/data/gender.tsv, the SSA's given names; an
  honorific, "Mr", "Mrs"; a noun the text gives the person, "actress Tara Reid", "Reid, the actress"). Only
  when one named person agrees and no person named since (of unknown gender) or described since ("her
  lawyer", "the driver") could be meant. With no gender known, only when that person is the only one named
  there. A pronoun object is not its own clause's subject ("Smith praised him"); a reflexive is ("Smith
  defended himself"). A pronoun inside a quotation is left alone: the speaker's "he" is someone else.
* **"the actress", "the 42-year-old singer"**: the one person the article gave that noun before ("actress Tara
  Reid", "Reid, an actress", "Reid is an actress").
* **"the company", "the firm", "the bank"**: the one organisation named in the same sentence before it or the
  two before, or the one the text called that before ("Vexa, the chipmaker" for "the chipmaker").

Each becomes a mention (a pronoun "PRON", a description "ROLE") that carries the span of the name it stands
for, its ``antecedent``; resolution makes it a mention of that name's entity.
"""

from __future__ import annotations

import bisect
from collections import defaultdict
from collections.abc import Iterable
from dataclasses import dataclass, field

from spacy.tokens import Doc, Span, Token

from kg.extract.predicates import lexicon
from kg.lexicon import BODY_NOUNS, COMPANY_NOUNS, COMPANY_WORDS, HONORIFICS, LEGAL_FORMS, gender_of_name, gender_of_noun
from kg.model import COREF, Mention, Provenance, Role, Sentence

__all__ = ["find_coreferents"]

_PRONOUNS = {"he": "M", "him": "M", "his": "M", "himself": "M", "she": "F", "her": "F", "hers": "F", "herself": "F"}
_REFLEXIVE = frozenset({"himself", "herself"})
_OBJECTS = frozenset({"dobj", "dative", "iobj", "pobj", "attr", "oprd"})
_SUBJECTS = frozenset({"nsubj", "nsubjpass"})
_ARGUMENTS = _SUBJECTS | {"dobj", "pobj", "poss", "appos", "conj", "dative"}
_UNSURE_LABELS = frozenset({"FAC", "LOC", "EVENT", "PRODUCT", "WORK_OF_ART"})
#: Forms of address and their gender (the closed class of kg.lexicon.HONORIFICS that says one).
_ADDRESS = {"mr": "M", "sir": "M", "lord": "M", "baron": "M", "mrs": "F", "ms": "F", "miss": "F", "lady": "F"}
_ADDRESS |= {"dame": "F", "baroness": "F", "madam": "F"}
_WINDOW = 2  # sentences before the pronoun's own where its antecedent may be named
_OPEN, _CLOSE, _BOTH = frozenset("“«"), frozenset("”»"), frozenset('"')


@dataclass
class _Named:
    """The mentions of one named person (or organisation) in the Doc, and what the text says of them."""

    mentions: list[Mention] = field(default_factory=list)
    genders: set[str] = field(default_factory=set)
    nouns: set[str] = field(default_factory=set)  # the nouns the text gives it: "actress", "chipmaker"
    subjects: set[int] = field(default_factory=set)  # the indices of the verbs it is the subject of
    argument: bool = False  # named as a clause's subject or object, or as an owner ("Vexa's"), somewhere

    @property
    def gender(self) -> str | None:
        return next(iter(self.genders)) if len(self.genders) == 1 else None

    def last_before(self, char: int) -> Mention | None:
        before = [m for m in self.mentions if m.prov.end <= char]
        return before[-1] if before else None


class _Doc:
    """The Doc's named people and organisations, their tokens, its sentences and quotations."""

    def __init__(self, doc: Doc, mentions: list[Mention], roles: Iterable[Role], offset: int) -> None:
        self.doc = doc
        self.offset = offset
        self.sentence = [0] * len(doc)
        self.starts: list[int] = []  # each sentence's first token
        for n, sent in enumerate(doc.sents):
            self.starts.append(sent.start)
            for i in range(sent.start, sent.end):
                self.sentence[i] = n
        self._spans: dict[tuple[int, int], Span | None] = {}
        self.covered: dict[int, Mention] = {}  # token index -> the mention over it
        for m in mentions:
            span = self.span(m)
            if span is not None:
                for i in range(span.start, span.end):
                    self.covered.setdefault(i, m)
        people = [m for m in mentions if _is_person(m)]
        surnames = {w[-1].lower() for m in people if len(w := _words(m.text)) >= 2}
        people += [m for m in mentions if not _is_person(m) and m.text.lower() in surnames]  # "Lohan" as a place
        self.people = _group(people, self, person=True)
        self.orgs = _group([m for m in mentions if _is_org(m) and m not in people], self, person=False)
        self._group_of = {id(m): g for g in (*self.people, *self.orgs) for m in g.mentions}
        #: One-word names the model gave a type no person has and may have got wrong ("the enigmatic Robben" as a
        #: building): people, for all kg knows, where they are a clause's subject or object.
        self.untyped = [
            m
            for m in mentions
            if m.label in _UNSURE_LABELS
            and m.hint is None
            and " " not in m.text.strip()
            and (span := self.span(m)) is not None
            and span.root.dep_ in _ARGUMENTS
        ]
        for r in roles:
            if (g := self.group_of(r.person)) is not None:
                g.nouns.add(r.head)
                if (gender := _ADDRESS.get(r.head.rstrip("."), gender_of_noun(r.head))) is not None:
                    g.genders.add(gender)
        self.text = doc.text  # made once: doc.text joins every token anew
        self.quoted = _quoted(self.text)
        self.length = len(self.text)
        self.resolved: dict[int, _Named | None] = {}  # pronoun token -> the group it was found to stand for

    def span(self, m: Mention) -> Span | None:
        key = (m.prov.start, m.prov.end)
        if key not in self._spans:
            start, end = m.prov.start - self.offset, m.prov.end - self.offset
            self._spans[key] = self.doc.char_span(start, end, alignment_mode="expand")
        return self._spans[key]

    def window(self, tok: Token) -> Span:
        """The tokens before ``tok`` in its sentence and the ``_WINDOW`` sentences before it."""
        first = self.starts[max(self.sentence[tok.i] - _WINDOW, 0)]
        return self.doc[first : tok.i]

    def sentence_of(self, m: Mention) -> int:
        span = self.span(m)
        return self.sentence[span.start] if span is not None else -1

    def group_of(self, m: Mention) -> _Named | None:
        return self._group_of.get(id(m))

    def char(self, tok: Token) -> int:
        return self.offset + tok.idx

    def near(self, groups: list[_Named], tok: Token) -> list[tuple[Mention, _Named]]:
        """The groups named before ``tok`` in its sentence or the ``_WINDOW`` before, outside quotations and not
        as a plural ("your Phil Jacksons"), each with its last such mention, the most recent first."""
        out = []
        for g in groups:
            last = None
            for m in g.mentions:
                span = self.span(m)
                if (
                    span is None
                    or m.prov.end > self.char(tok)
                    or self.sentence[tok.i] - self.sentence[span.start] > _WINDOW
                ):
                    continue
                if (span.root.tag_ == "NNPS" and g in self.people) or _in_quote(self, span.root):
                    continue
                last = m
            if last is not None:
                out.append((last, g))
        return sorted(out, key=lambda pair: -pair[0].prov.start)

    def pronouns_before(self, tok: Token, gender: str) -> list[Token]:
        """The pronouns of the same gender before ``tok`` in its sentence or the ``_WINDOW`` before."""
        return [t for t in self.window(tok) if _PRONOUNS.get(t.lower_) == gender and not _in_quote(self, t)]

    def unnamed_names(self, tok: Token) -> list[Token | Mention]:
        """Capitalised names the model tagged as nothing, in an argument's place ("Orozco, 27, was found"), in
        ``tok``'s sentence before it or the ``_WINDOW`` before: people, for all kg knows."""
        out = []
        for t in self.window(tok):
            if t.i in self.covered or t.pos_ != "PROPN" or t.ent_type_:
                continue
            if t.dep_ in _ARGUMENTS and t.is_title and not _in_quote(self, t):
                out.append(t)
        return out + [m for m in self.untyped if self.window_holds(m, tok)]

    def window_holds(self, m: Mention, tok: Token) -> bool:
        span = self.span(m)
        return span is not None and span.end <= tok.i and self.sentence[tok.i] - self.sentence[span.start] <= _WINDOW


def _is_person(m: Mention) -> bool:
    return m.label == "PERSON" or m.hint == "Person"


def _is_org(m: Mention) -> bool:
    return (m.label == "ORG" and m.hint is None) or m.hint == "Organization"


def _words(text: str) -> list[str]:
    words = text.replace(".", " ").split()
    while len(words) > 1 and words[0].lower() in HONORIFICS:
        words = words[1:]
    return words


def _group(mentions: list[Mention], d: _Doc, *, person: bool) -> list[_Named]:
    """One group a name: a full name with its surname or first name alone when one full name has it."""
    full: dict[str, _Named] = {}
    for m in mentions:
        words = _words(m.text)
        if len(words) >= 2 or not person:
            full.setdefault(" ".join(w.lower() for w in words), _Named()).mentions.append(m)
    singles: dict[str, _Named] = {}
    for m in mentions:
        words = _words(m.text)
        if len(words) != 1 or not person:
            continue
        w = words[0].lower()
        owners = [g for key, g in full.items() if w in (key.split()[0], key.split()[-1])]
        if len(owners) == 1:
            owners[0].mentions.append(m)
        else:
            singles.setdefault(w, _Named()).mentions.append(m)
    groups = [*full.values(), *singles.values()]
    for g in groups:
        g.mentions.sort(key=lambda m: m.prov.start)
        for m in g.mentions:
            _describe(g, m, d, person)
    return groups


def _describe(g: _Named, m: Mention, d: _Doc, person: bool) -> None:
    """What the text says of the named thing at mention ``m``: its gender, the nouns it gives it, the verbs it is
    the subject of."""
    span = d.span(m)
    if span is None:
        return
    words = _words(m.text)
    if person and len(words) >= 2 and (gender := gender_of_name(words[0])) is not None:
        g.genders.add(gender)
    first = m.text.split()[0].lower().rstrip(".")
    before = d.doc[span.start - 1].lower_.rstrip(".") if span.start > 0 else ""
    for word in (first, before):
        if person and word in _ADDRESS:
            g.genders.add(_ADDRESS[word])
    root = span.root
    if root.dep_ in _SUBJECTS:
        g.subjects.add(root.head.i)
    if root.dep_ in _SUBJECTS or root.dep_ in ("dobj", "poss"):
        g.argument = True
    for noun in _descriptions(root, span):
        g.nouns.add(noun.lower_)
        if person and (gender := gender_of_noun(noun.lower_)) is not None:
            g.genders.add(gender)


def _descriptions(root: Token, span: Span) -> list[Token]:
    """Common nouns the text predicates of a name: "actress [Tara Reid]", "[Reid], an actress", "[Reid] is an
    actress"."""
    out = [
        c
        for c in root.children
        if c.dep_ in ("compound", "appos") and not _inside(c, span) and (c.pos_ == "NOUN" or _titled_noun(c))
    ]
    if root.dep_ == "appos" and root.head.pos_ == "NOUN":
        out.append(root.head)
    if root.dep_ == "nsubj" and root.head.lemma_ == "be":
        out.extend(c for c in root.head.children if c.dep_ == "attr" and c.pos_ == "NOUN")
    return [t for t in out if t.tag_ in ("NN", "NNP") and not any(c.lower_ in _PAST for c in t.children)]


def _titled_noun(tok: Token) -> bool:
    """ "Actress" in "Actress Maria Kowalczyk": a common noun for a person, capitalised before the name."""
    return tok.pos_ == "PROPN" and tok.is_title and lexicon().is_person_noun(tok.lower_)


def _inside(tok: Token, span: Span) -> bool:
    return span.start <= tok.i < span.end


def _quoted(text: str) -> list[tuple[int, int]]:
    """Character ranges of the text inside quotation marks. A straight quote opens before a word and closes after
    one; an opening one while a quotation is open carries it on (a quotation that runs over several paragraphs
    opens each again and closes only at its end); a blank line after no opening closes it."""
    out: list[tuple[int, int]] = []
    start: int | None = None
    n = len(text)
    for i, c in enumerate(text):
        if c in _BOTH:
            before = text[i - 1] if i else " "
            after = text[i + 1] if i + 1 < n else " "
            opening = (before.isspace() or before in "([—–-") and not after.isspace()
            if opening and start is None:
                start = i
            elif not opening and start is not None:
                out.append((start, i))
                start = None
        elif c in _OPEN or (c == "`" and text[i + 1 : i + 2] == "`"):  # “curly” and ``PTB'' quotes
            start = i if start is None else start
        elif (c in _CLOSE or (c == "'" and text[i + 1 : i + 2] == "'")) and start is not None:
            out.append((start, i))
            start = None
        elif (
            c == "\n" and text[i + 1 : i + 2] == "\n" and start is not None and text[i + 2 : i + 3] not in _OPEN | _BOTH
        ):
            out.append((start, i))
            start = None
    if start is not None:
        out.append((start, n))
    return out


def _in_quote(d: _Doc, tok: Token) -> bool:
    i = bisect.bisect_right(d.quoted, (tok.idx, d.length)) - 1
    return i >= 0 and d.quoted[i][0] <= tok.idx < d.quoted[i][1]


def _verb(tok: Token) -> Token | None:
    head = tok.head
    for _ in range(3):
        if head.pos_ in ("VERB", "AUX"):
            return head
        if head.head.i == head.i:
            return None
        head = head.head
    return None


def _clause_subject(tok: Token) -> Token | None:
    verb = _verb(tok)
    if verb is None:
        return None
    subjects = [c for c in verb.children if c.dep_ in _SUBJECTS]
    return subjects[0] if subjects else None


#: What a pronoun with no possible antecedent near it stands for, as far as the pronouns after it are concerned.
_ELSEWHERE = _Named()


def _antecedent_of_pronoun(tok: Token, d: _Doc) -> Mention | None:
    gender = _PRONOUNS[tok.lower_]
    if tok.lower_ in _REFLEXIVE:
        subject = _clause_subject(tok)
        named = d.covered.get(subject.i) if subject is not None else None
        group = d.group_of(named) if named is not None else None
        if named is None or group is None or group not in d.people or group.gender not in (gender, None):
            return None
        d.resolved[tok.i] = group
        return named
    near = d.near(d.people, tok)
    verb = _verb(tok)
    if tok.dep_ in _OBJECTS and verb is not None and (tok.dep_ != "pobj" or tok.head.head.i == verb.i):
        near = [(m, g) for m, g in near if verb.i not in g.subjects]  # "Smith praised him": not Smith
    agree = [(m, g) for m, g in near if g.gender == gender]
    unknown = [(m, g) for m, g in near if g.gender is None]
    here = d.sentence[tok.i]
    if not agree and not unknown:
        d.resolved[tok.i] = _ELSEWHERE  # no one here it could be: someone named further back, or never
    if len(agree) == 1:
        last, group = agree[0]
        if any(m.prov.start > last.prov.start or here - d.sentence_of(m) <= 1 for m, _ in unknown):
            return None  # someone of unknown gender was named since, or close by
    elif not agree and len(unknown) == 1 and len(near) == 1:
        last, group = unknown[0]
        if not any(len(_words(m.text)) >= 2 or m.hint == "Person" for m in group.mentions):
            return None  # a lone word the model took for a person
    else:
        return None
    if _described_between(d, last, tok, gender):
        return None
    if d.unnamed_names(tok):
        return None  # a name the model missed may be the one meant
    if any(d.resolved.get(p.i, group) not in (group, None) for p in d.pronouns_before(tok, gender)):
        return None  # "He saw that order ... That led to Nixon's fall, and he": an earlier "he" meant someone else
    d.resolved[tok.i] = group
    return last


def _described_between(d: _Doc, last: Mention, tok: Token, gender: str) -> bool:
    """True when a person the text describes but does not name ("her lawyer", "the driver") stands between the
    antecedent and the pronoun, and could be the one meant."""
    span = d.span(last)
    if span is None:
        return True
    for t in d.doc[span.end : tok.i]:
        if t.pos_ != "NOUN" or t.tag_ != "NN" or t.i in d.covered or not _maybe_person(t.lower_):
            continue
        if t.dep_ == "compound" and t.head.i in d.covered:
            continue  # "actress [Tara Reid]": the name's own noun
        if t.dep_ in ("appos", "attr") and (t.head.i in d.covered or _copula_subject_named(d, t)):
            continue  # "Reid, an actress", "Reid is an actress"
        if gender_of_noun(t.lower_) in (gender, None):
            return True
    return False


def _maybe_person(noun: str) -> bool:
    """A noun for a person (WordNet's noun.person), or an agent noun that may be one ("shooter", "receiver")."""
    words = lexicon()
    if words.is_person_noun(noun):
        return True
    stem = noun[:-2] if noun.endswith(("er", "or")) else ""
    return bool(stem) and any(v in words.verbs for v in (stem, stem + "e", stem[:-1]))  # shoot, receive, ship


def _copula_subject_named(d: _Doc, attr: Token) -> bool:
    return any(c.dep_ == "nsubj" and c.i in d.covered for c in attr.head.children)


def _commanding_subjects(tok: Token, d: _Doc) -> set[Mention]:
    """The names that are subjects of the clauses ``tok`` lies in: "Rahman struggled against the advantage
    enjoyed by the champion" cannot call Rahman "the champion"."""
    out = set()
    for above in tok.ancestors:
        for c in above.children:
            if c.dep_ in _SUBJECTS and (m := d.covered.get(c.i)) is not None:
                out.add(m)
    return out


#: The nouns any company may be called by; the others ("the bank", "the airline") only a company the text named
#: or called so ("West Coast Bank", "Vexa, the chipmaker").
_ANY_COMPANY = frozenset({"company", "firm", "corporation"})
_PAST = frozenset({"former", "ex", "late", "onetime", "one-time", "then"})  # "former champion X": X no longer is
_SAYING = frozenset({"told", "tells", "reported", "reports", "identified", "quoted", "cited"})


def _acts(g: _Named) -> bool:
    """True when the organisation is one the text makes a subject, an object or an owner, or whose name says it
    is a company: not a time zone in brackets ("(UTC)") or a town the model took for one ("from Warren")."""
    names = {w.lower().rstrip(".,") for m in g.mentions for w in m.text.split()}
    if names & (BODY_NOUNS - {"bank"}):
        return False  # "the U.S. Navy", "the Foreign Ministry": a state's body, not a company
    if g.argument:
        return True
    words = {w.lower().rstrip(".,") for m in g.mentions for w in m.text.split()[1:]}
    return bool(words & (COMPANY_WORDS | LEGAL_FORMS))


def _is_source(d: _Doc, m: Mention) -> bool:
    """True when the organisation is where the news came from, not what it is about: "told The Associated
    Press", "according to Reuters", "the Detroit Free Press identified them"."""
    span = d.span(m)
    if span is None:
        return False
    root = span.root
    head = root.head
    if root.dep_ in ("dobj", "dative") and head.lower_ in _SAYING:
        return True
    if root.dep_ == "nsubj" and head.lower_ in _SAYING:
        return True
    return root.dep_ == "pobj" and head.lower_ == "to" and head.head.lower_ == "according"


def _definite(tok: Token) -> bool:
    """ "the company", "the 42-year-old actress": a singular common noun with "the", and no name in its phrase."""
    if tok.pos_ != "NOUN" or tok.tag_ != "NN" or tok.dep_ in ("attr", "appos", "compound", "npadvmod"):
        return False  # "X was the first witness", "X, the actress": what X is, said of X
    children = list(tok.children)
    if not any(c.dep_ == "det" and c.lower_ == "the" for c in children):
        return False
    if any(c.pos_ == "PROPN" or c.dep_ in ("poss", "appos", "relcl", "acl") for c in children):
        return False  # "the Vexa company", "the company's", "the actress, Tara Reid", "the company that ..."
    if any(c.dep_ == "prep" and c.lower_ == "of" for c in children):
        return False  # "the corporation of Scott Boras": it says whose, it does not point back
    nxt = tok.nbor() if tok.i + 1 < len(tok.doc) else None
    return not (nxt is not None and nxt.pos_ == "PROPN")  # "the actress Tara Reid": a title


def _antecedent_of_description(tok: Token, d: _Doc) -> tuple[Mention, str] | None:
    noun = tok.lower_
    char = d.char(tok)
    if noun in COMPANY_NOUNS:
        near = [(m, g) for m, g in d.near(d.orgs, tok) if not _is_source(d, m) and _acts(g)]
        verb = _verb(tok)
        if verb is not None and tok.dep_ in _OBJECTS:
            near = [(m, g) for m, g in near if verb.i not in g.subjects]
        if d.unnamed_names(tok):
            return None  # a name the model missed may be the company meant
        called = [(m, g) for m, g in near if noun in g.nouns or noun in m.text.lower().split()]
        if noun in _ANY_COMPANY and len(near) == 1:
            return near[0][0], "Organization"
        return (called[0][0], "Organization") if len(called) == 1 and len(near) <= 2 else None
    if not lexicon().is_person_noun(noun):
        return None
    above = _commanding_subjects(tok, d)
    described = [
        g
        for g in d.people
        if noun in g.nouns
        and g.last_before(char) is not None
        and any(len(_words(m.text)) >= 2 or m.hint == "Person" for m in g.mentions)
        and not any(m in above for m in g.mentions)
    ]
    gender = gender_of_noun(noun)
    if len(described) != 1 or described[0].gender not in (gender, None) or gender not in (described[0].gender, None):
        return None
    last = described[0].last_before(char)
    return (last, "Person") if last is not None else None


def find_coreferents(
    doc: Doc, mentions: list[Mention], roles: list[Role], doc_id: str, offset: int, sents: list[Sentence]
) -> list[Mention]:
    """Mentions for the pronouns and descriptions of ``doc`` that stand for a person or organisation named in
    ``mentions``, each with the span of that name as its ``antecedent``."""
    named = [m for m in mentions if m.time is None and m.interval is None and m.label not in ("ROLE", "PRON")]
    if not named:
        return []
    d = _Doc(doc, named, roles, offset)
    if not d.people and not d.orgs:
        return []
    titled = defaultdict(list)
    for r in roles:
        titled[r.head].append(r)
    starts = [s.start for s in sents]
    out: list[Mention] = []
    for tok in doc:
        pronoun = tok.lower_ in _PRONOUNS
        if tok.i in d.covered or not (pronoun or tok.tag_ == "NN") or _in_quote(d, tok):
            continue
        if pronoun:
            found = _antecedent_of_pronoun(tok, d)
            if found is not None:
                out.append(_mention(tok.text, "PRON", d.char(tok), found, "Person", None, doc_id, sents, starts))
        elif _definite(tok) and tok.lower_ not in titled:  # a title the article gave: kg.rolephrase.v1's
            hit = _antecedent_of_description(tok, d)
            if hit is None:
                continue
            found, kind = hit
            start = d.char(next(c for c in tok.children if c.dep_ == "det"))
            end = d.char(tok) + len(tok.text)
            text = d.text[start - offset : end - offset]
            out.append(_mention(text, "ROLE", start, found, kind, tok.lower_, doc_id, sents, starts))
    return out


def _mention(
    text: str,
    label: str,
    start: int,
    antecedent: Mention,
    kind: str,
    role: str | None,
    doc_id: str,
    sents: list[Sentence],
    starts: list[int],
) -> Mention:
    i = max(bisect.bisect_right(starts, start) - 1, 0)
    sentence = sents[i].index if sents else 0
    prov = Provenance(doc_id, start, start + len(text), sentence, COREF)
    return Mention(text, label, prov, hint=kind, role=role, antecedent=(antecedent.prov.start, antecedent.prov.end))
