"""Events as one sentence tells them (rule kg.events.v1): a trigger word gives the type, the dependency parse
gives the participants in named roles, the date and the place.

Triggers are general English words of news about politics and diplomacy; the CAMEO code of each type, where
one fits, is in the ontology.
"""

from __future__ import annotations

import functools
from dataclasses import replace

from spacy.matcher import PhraseMatcher
from spacy.tokens import Doc, Token
from spacy.vocab import Vocab

from kg.extract.args import MentionIndex, expand
from kg.model import EVENTS, Argument, EventMention, Mention, Provenance

#: Trigger words (as written, lower case) and the event type they make.
TRIGGERS: dict[str, str] = {
    **dict.fromkeys("meet meets met meeting meetings talks".split(), "Meeting"),
    **dict.fromkeys("visit visits visited visiting trip".split(), "Visit"),
    **dict.fromkeys("address addresses addressed speech speeches".split(), "Speech"),
    **dict.fromkeys("sign signs signed signing".split(), "Signing"),
    **dict.fromkeys("adopt adopts adopted adoption approve approves approved".split(), "Adoption"),
    **dict.fromkeys(["session"], "Session"),
    **dict.fromkeys("election elections".split(), "Election"),
    **dict.fromkeys("announce announces announced announcement".split(), "Statement"),
    **dict.fromkeys(
        """establish establishes established create creates created launch launches launched found founded
        founding order decree abolish abolished scrap scrapped resign resigned appoint appointed introduce
        introduced interview""".split(),
        "Other",
    ),
}

#: "called on X to ...": an appeal, told as a formal statement.
APPEALS = frozenset({"call", "calls", "called", "calling"})

#: Nouns of documents that are signed or adopted rather than taking part: the theme of the event.
DOCUMENTS = frozenset(
    """statement agreement treaty accord deal declaration constitution law bill act resolution program programme
    plan memorandum charter convention protocol decree order strategy budget""".split()
)

_PLACE_PREPS = frozenset({"in", "to", "at"})


def _children(tok: Token, *deps: str) -> list[Token]:
    return [c for c in tok.children if c.dep_ in deps]


def _preps(tok: Token, *words: str) -> list[Token]:
    return [g for c in tok.children if c.dep_ in ("prep", "agent") and c.lower_ in words for g in _children(c, "pobj")]


def _subject(verb: Token) -> list[Token]:
    """Who does ``verb``: its subject, or that of the verb it hangs from; but in "X called on Y to resume talks"
    and "X urged Y to meet", Y (the object of the verb above) does it, not X."""
    subj = _children(verb, "nsubj")
    while not subj and verb.dep_ in ("conj", "xcomp", "advcl") and verb.head.i != verb.i:
        controller = verb.head
        if verb.dep_ == "xcomp":
            objects = _children(controller, "dobj") + _preps(controller, "on", "upon")
            if objects:
                return objects
        verb = controller
        subj = _children(verb, "nsubj")
    return subj


def _governing_verb(noun: Token) -> Token | None:
    head = noun.head
    for _ in range(5):
        if head.pos_ in ("VERB", "AUX"):
            return head
        if head.head.i == head.i:
            break
        head = head.head
    return None


def _governing_subject(noun: Token) -> list[Token]:
    verb = _governing_verb(noun)
    return _subject(verb) if verb is not None else []


def _of_object(tok: Token, index: MentionIndex) -> Mention | None:
    """ "the 54th session of the X": a thing named through "of"."""
    for obj in _preps(tok, "of"):
        m = index.of(obj)
        if m is not None:
            return m
    return None


@functools.lru_cache(maxsize=8)
def _triggers(vocab: Vocab) -> PhraseMatcher:
    """A spaCy PhraseMatcher (on lower case) for the trigger words, one rule per event type."""
    matcher = PhraseMatcher(vocab, attr="LOWER")
    by_type: dict[str, list[str]] = {}
    for word, kind in TRIGGERS.items():
        by_type.setdefault(kind, []).append(word)
    for kind, words in sorted(by_type.items()):
        matcher.add(kind, [Doc(vocab, words=[w]) for w in sorted(words)])
    matcher.add(APPEAL, [Doc(vocab, words=[w, "on"]) for w in sorted(APPEALS)])
    return matcher


#: The rule name of "called on X to ...": an appeal, told as a formal statement.
APPEAL = "Appeal"


def find_events(doc_tokens: list[Token], index: MentionIndex) -> list[EventMention]:
    """Events over the tokens of one Doc."""
    out: list[EventMention] = []
    if not doc_tokens:
        return out
    doc = doc_tokens[0].doc
    found: dict[int, str] = {}
    for match_id, start, _ in _triggers(doc.vocab)(doc):
        rule, tok = doc.vocab.strings[match_id], doc[start]
        if rule == APPEAL and tok.pos_ == "VERB":
            found[start] = "Statement"
        elif rule != APPEAL and tok.pos_ in ("VERB", "NOUN", "PROPN"):
            found.setdefault(start, rule)
    triggers = [(doc[i], kind) for i, kind in sorted(found.items())]
    for tok, kind in triggers:
        nested = {t.i for other, _ in triggers if other.i != tok.i and tok.is_ancestor(other) for t in other.subtree}
        event = _event(tok, kind, index, nested)
        if event is not None:
            frame = next((f for f, k in triggers if k in FRAMES and f.i != tok.i and _frames(f, tok)), None)
            if frame is not None:
                event = replace(event, frame=index.offset + frame.idx)
            out.append(event)
    return out


#: Events that others happen during: "met X within the framework of his visit to Y on DATE".
FRAMES = frozenset({"Visit", "Session"})
_CLAUSES = frozenset({"ccomp", "xcomp", "advcl", "relcl", "acl", "conj", "parataxis"})


def _frames(frame: Token, event: Token) -> bool:
    """``frame`` hangs from ``event`` through prepositions and nouns only (not a clause that tells another
    happening: "announced that X would visit Y" is not during the visit)."""
    tok = frame
    for _ in range(8):
        if tok.i == event.i:
            return True
        if tok.dep_ in _CLAUSES or tok.head.i == tok.i:
            return False
        tok = tok.head
    return False


def _date(tok: Token, index: MentionIndex, nested: set[int]) -> Mention | None:
    """The date of the event: in the trigger's own words (not those of an event told inside them), else the
    nearest date after it in the sentence (before the next trigger's words)."""
    own = [t for t in tok.subtree if t.i not in nested]
    found = index.date_in(own)
    if found is not None:
        return found
    after = [t for t in tok.sent if t.i > tok.i and t.i not in nested]
    return index.date_in(after)


def _event(tok: Token, kind: str, index: MentionIndex, nested: set[int]) -> EventMention | None:
    is_verb = tok.pos_ == "VERB"
    agents: list[Token] = []
    others: list[Token] = []
    theme: str | None = None
    if is_verb:
        passive_agent = _preps(tok, "by")
        agents = passive_agent or _subject(tok)
        others = _children(tok, "dobj") + _preps(tok, "with", "on")
        if tok.dep_ == "acl" and tok.head.lower_ in DOCUMENTS:  # "the statement signed by ..."
            theme = tok.head.lower_
        for s in _children(tok, "nsubj", "nsubjpass", "dobj"):
            if s.lower_ in DOCUMENTS and index.of(s) is None:
                theme = s.lower_
                if s in agents:
                    agents.remove(s)
                if s in others:
                    others.remove(s)
    else:
        agents = _children(tok, "poss") + _preps(tok, "by")
        others = _preps(tok, "with", "between", "of")
        for o in list(others):
            if o.lower_ in DOCUMENTS and index.of(o) is None:
                theme = o.lower_
                others.remove(o)
        if tok.lower_ in DOCUMENTS:
            theme = tok.lower_
        if not agents:
            agents = _governing_subject(tok)
    if kind == "Adoption" and theme is None:
        return None  # "approved" what? only documents are adopted
    if kind == "Session" and not others:
        return None  # a session of some body
    if kind == "Statement" and tok.lower_ == "statement" and tok.head.lower_ in TRIGGERS:
        return None  # "the statement signed ...": the signing is the event

    arguments: list[Argument] = []
    seen: set[Mention] = set()
    for role, tokens in (("agent", agents), ("participant", others)):
        for t in (x for a in tokens for x in expand(a)):
            m = index.of(t) or _of_object(t, index)
            if m is not None and m not in seen:
                seen.add(m)
                arguments.append(Argument(role, m))  # type: ignore[arg-type]
    for t in _preps(tok, *_PLACE_PREPS):  # resolution keeps it as the place when it resolves to a place
        m = index.of(t)
        if m is not None and m not in seen:
            seen.add(m)
            arguments.append(Argument("place", m))
    if not arguments and theme is None:  # the things named around it: "within the framework of X's Y"
        for t in tok.subtree if is_verb else ():
            m = index.at(t) if t.i not in nested else None
            if m is not None and m.label in ("ORG", "GPE", "LOC", "PERSON", "NORP") and m not in seen:
                seen.add(m)
                arguments.append(Argument("participant", m))
    if not arguments and theme is None:
        return None
    date = _date(tok, index, nested)
    start = index.offset + tok.idx
    trigger = Mention(
        tok.text,
        "EVENT_TRIGGER",
        Provenance(index.doc_id, start, start + len(tok.text), index._sentence(start), EVENTS),
    )
    confidence = 0.6 + (0.15 if date is not None else 0.0) + (0.15 if len(arguments) >= 2 else 0.0)
    definite = not is_verb and any(
        (c.dep_ == "det" and c.lower_ == "the") or (c.dep_ == "poss" and c.lower_ in ("his", "her", "its", "their"))
        for c in tok.children
    )
    when = date.time if date else None
    return EventMention(
        kind, trigger, tuple(arguments), when, theme, round(confidence, 2), definite, _phrase(tok, nested)
    )


def _phrase(tok: Token, nested: set[int]) -> str:
    """The words that tell the event, from the text: a noun trigger's phrase ("the state visit to Japan
    by the prime minister"), a verb's clause without what is told inside it; the trigger alone when that is too long."""
    if tok.pos_ == "VERB":
        keep = [
            tok,
            *(
                t
                for c in tok.children
                if c.dep_ in ("nsubj", "nsubjpass", "dobj", "prep", "agent", "prt")
                for t in c.subtree
                if t.i not in nested
            ),
        ]
    else:
        keep = [t for t in tok.subtree if t.i not in nested]
    first, last = min(t.i for t in keep), max(t.i for t in keep)
    while last > first and (tok.doc[last].is_punct or tok.doc[last].pos_ in ("ADP", "CCONJ", "SCONJ", "DET")):
        last -= 1
    text = " ".join(tok.doc[first : last + 1].text.split())
    return text if len(text) <= 160 else tok.text
