"""From tokens to the mentions they belong to, for the relation, event and quote rules.

A rule finds a token (a subject, an object); :class:`MentionIndex` says which mention it is part of. A pronoun
("he", "his") becomes a mention of its own (rule kg.pronouns.v1) that resolution joins to the person it stands for.
"""

from __future__ import annotations

import bisect

from spacy.tokens import Doc, Token

from kg.model import PRONOUNS, Mention, Provenance, Role, Sentence

PERSONAL = frozenset({"he", "she", "him", "her", "his", "hers"})


class MentionIndex:
    """The mentions of one Doc (a piece of an article), found by character offset."""

    def __init__(
        self,
        doc: Doc,
        mentions: list[Mention],
        doc_id: str,
        offset: int,
        sents: list[Sentence],
        roles: list[Role] = (),  # type: ignore[assignment]
    ) -> None:
        self.doc = doc
        self._titles = sorted(((r.prov.start, r.prov.end, r.person) for r in roles), key=lambda t: (t[0], t[1]))
        self.doc_id = doc_id
        self.offset = offset
        self.sents = sents
        names = sorted((m for m in mentions if m.time is None and m.interval is None), key=lambda m: m.prov.start)
        self._names = names
        self._starts = [m.prov.start for m in names]
        dates = sorted((m for m in mentions if m.time is not None), key=lambda m: m.prov.start)
        self.dates = dates
        self.created: list[Mention] = []
        self.replaced: set[Mention] = set()  # the model's mentions a rule found to be pieces of a longer name

    def at(self, tok: Token) -> Mention | None:
        """The name mention (or role phrase) that covers ``tok``."""
        char = self.offset + tok.idx
        i = bisect.bisect_right(self._starts, char) - 1
        best: Mention | None = None
        while i >= 0:
            m = self._names[i]
            if m.prov.start <= char < m.prov.end and (
                best is None or m.prov.end - m.prov.start > best.prov.end - best.prov.start
            ):
                best = m  # the longest: "United Nations (UN) Human Rights Council" over "United Nations"
            if m.prov.start < char - 300:
                break
            i -= 1
        return best

    def of(self, tok: Token, depth: int = 2) -> Mention | None:
        """The mention ``tok`` stands for: its own, a pronoun's, or one of its appositions, compounds or
        "of" objects ("the leaders of X" is not followed here; see :func:`expand`)."""
        found = self.at(tok)
        if found is not None:
            return found
        char = self.offset + tok.idx
        for start, end, person in self._titles:  # "Foreign Minister of X" stands for the minister
            if start <= char < end:
                return person
        if tok.lower_ in PERSONAL:
            return self.subject_of_clause(tok) or self.pronoun(tok)
        if tok.lower_ in ("country", "nation") and any(c.lower_ in ("our", "the", "this") for c in tok.children):
            return self.pronoun(tok, role="country")
        if depth > 0:  # an apposition before a compound: "the party's Senate leader, Ana Ruiz" is Ruiz
            for dep in ("appos", "compound"):
                for child in tok.children:
                    if child.dep_ == dep and (hit := self.of(child, depth - 1)) is not None:
                        return hit
        return None

    def subject_of_clause(self, tok: Token) -> Mention | None:
        """ "Bayramov met X within the framework of his trip": a possessive pronoun is the clause's subject."""
        head = tok.head
        for _ in range(6):
            if head.pos_ in ("VERB", "AUX"):
                subjects = [c for c in head.children if c.dep_ in ("nsubj", "nsubjpass")]
                if subjects and subjects[0].i < tok.i:
                    found = self.of(subjects[0], depth=2) if subjects[0].lower_ not in PERSONAL else None
                    if found is not None and (found.label == "PERSON" or found.hint == "Person"):
                        return found
                return None
            if head.head.i == head.i:
                return None
            head = head.head
        return None

    def pronoun(self, tok: Token, role: str | None = None) -> Mention:
        """A mention for "he" or "our country" (rule kg.pronouns.v1); resolution finds what it stands for."""
        start = self.offset + tok.idx
        prov = Provenance(self.doc_id, start, start + len(tok.text), self._sentence(start), PRONOUNS)
        m = Mention(tok.text, "PRON", prov, role=role)
        self.created.append(m)
        return m

    def date_in(self, tokens: list[Token]) -> Mention | None:
        """The first date mention over any of ``tokens``."""
        if not tokens:
            return None
        chars = sorted((self.offset + t.idx, self.offset + t.idx + len(t.text)) for t in tokens)
        for d in self.dates:
            if any(s < d.prov.end and d.prov.start < e for s, e in chars):
                return d
        return None

    def _sentence(self, char: int) -> int:
        starts = [s.start for s in self.sents]
        i = max(bisect.bisect_right(starts, char) - 1, 0)
        return self.sents[i].index if self.sents else 0


#: Words for a part of a group: "many of the countries", "some of the firms", "two of them".
QUANTIFIERS = frozenset({"many", "some", "most", "all", "several", "few", "both", "each", "none", "one", "half"})


def expand(tok: Token) -> list[Token]:
    """``tok`` and its conjuncts; a group noun or a quantifier ("the leaders of X, Y and Z", "holders of ...",
    "many of the countries") gives way to the things it is "of"; a noun in apposition to a list ("giants Kestrel
    and Vantor") brings the rest of the list (the noun itself stands for the first, see
    :meth:`MentionIndex.of`)."""
    out: list[Token] = []
    for t in (tok, *tok.conjuncts):
        of = [c for c in t.children if c.dep_ == "prep" and c.lower_ == "of"]
        if (t.pos_ == "NOUN" and t.tag_ in ("NNS",) or t.lower_ in QUANTIFIERS or t.pos_ == "NUM") and of:
            objs = [g for c in of for g in c.children if g.dep_ == "pobj"]
            for o in objs:
                out.extend([o, *o.conjuncts])
            listed = objs
        else:
            out.append(t)
            listed = [t]
        for n in listed:
            if n.pos_ == "NOUN":
                out.extend(g for c in n.children if c.dep_ == "appos" for g in c.conjuncts)
            for c in n.children:  # "Acme, Beta, Gamma and Delta said", parsed as Acme and a list in apposition
                if _named(n) and c.dep_ == "appos" and _named(c) and c.conjuncts:
                    out.extend([c, *c.conjuncts])
    return out


def _named(tok: Token) -> bool:
    return tok.pos_ == "PROPN" or tok.ent_type_ in ("PERSON", "ORG", "GPE")
