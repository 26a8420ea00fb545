"""Events as one sentence tells them (rule kg.events.v2): every eventive predicate of the parse.

A verb tells an event unless it is a state, an auxiliary or a verb that attaches to the event it governs (light:
"held talks"; aspectual: "began to"; modal: "plans to", "may"); a noun tells one when the lexicon says it is an
event noun ("the meeting", "Blair's resignation"). The lexicon (:mod:`kg.extract.predicates`, data files in
``kg/data/``) gives the class; the parse gives the arguments by role (:mod:`kg.extract.semroles`), the date of
the clause, the modality and, for reported speech, the event reported.
"""

from __future__ import annotations

from dataclasses import replace

from spacy.strings import get_string_id
from spacy.symbols import NOUN, VERB
from spacy.tokens import Doc, Span, Token

from kg.extract.args import QUANTIFIERS, MentionIndex, expand
from kg.extract.predicates import ASPECTUAL, LIGHT, MODALITIES, STATIVE, Lexicon, lexicon
from kg.extract.predicates import lemma as word_lemma
from kg.extract.semroles import (
    LISTING,
    PREP_ROLES,
    children,
    clause_tokens,
    governing_verb,
    members,
    noun_arguments,
    passive,
    prep_objects,
    subjects,
    verb_arguments,
)
from kg.model import AMONG, EVENTS, PLACE_LABELS, Argument, EventMention, Mention, Provenance
from kg.vocab import vocabulary

ACCORDING = "according_to"
#: Events that others happen during: "met X within the framework of his visit to Y on DATE".
FRAMES = frozenset({"Visit", "Session"})
_CLAUSES = frozenset({"ccomp", "xcomp", "advcl", "relcl", "acl", "conj", "parataxis"})
_ROLES = frozenset(vocabulary().roles)  # the ontology's event roles (sub-properties of kg:argument)
#: Modifiers of an event noun that say it has not happened: "the planned merger", "no agreement".
_NOUN_MODALITY = {
    "planned": "planned",
    "proposed": "planned",
    "expected": "planned",
    "scheduled": "planned",
    "upcoming": "future",
    "forthcoming": "future",
    "future": "future",
    "next": "future",
    "possible": "possible",
    "potential": "possible",
    "likely": "possible",
    "no": "negated",
}
_ACCORDING = get_string_id("according")  # compared as the token's hash: every token of a text is looked at
#: Entity types of spaCy's model that are times and amounts, not what an event acts on.
_AMOUNTS = frozenset({"DATE", "TIME", "CARDINAL", "ORDINAL", "PERCENT", "MONEY", "QUANTITY"})


def lemma_of(tok: Token, lex: Lexicon) -> str:
    """The trigger's lemma, with its particle when the lexicon knows the phrasal verb ("step_down")."""
    lemma = tok.lower_ if (tok.lower_, "v") in lex.classes else word_lemma(tok)  # "born" is not "bear"
    for c in tok.children:
        if c.dep_ in ("prt", "dobj"):  # "step down", "take place"
            phrasal = f"{lemma}_{c.lower_}"
            if (phrasal, "v") in lex.classes or (phrasal, "v") in lex.functions:
                return phrasal
    return lemma


def _event_object(verb: Token, lex: Lexicon, dep: str = "dobj") -> bool:
    """Whether the verb's object (or its ``dep``) is an event noun: "held talks", "the talks began"."""
    return any(lex.is_event_noun(word_lemma(c)) for c in verb.children if c.dep_ == dep and c.pos_ == "NOUN")


def _governs(verb: Token) -> bool:
    return any(c.dep_ in ("xcomp", "ccomp") and c.pos_ in ("VERB", "AUX") for c in verb.children)


def predicate(tok: Token, lex: Lexicon, index: MentionIndex) -> tuple[str, str] | None:
    """(lemma, class or "Event") when ``tok`` tells an event of its own, else None."""
    if tok.lower == _ACCORDING and tok.dep_ == "prep":
        return ACCORDING, "Statement"  # "according to X": X's statement
    pos = tok.pos
    if pos == VERB:
        lemma = lemma_of(tok, lex)
        fn = lex.function(lemma)
        cls = lex.verb_class(lemma)
        if fn == LIGHT and _event_object(tok, lex):
            return None  # "held talks": the talks are the event
        if fn == ASPECTUAL and not (_governs(tok) or children(tok, "dobj") or _event_object(tok, lex, "nsubj")):
            return lemma, cls or "Event"  # "X finished third", "Y will start alongside Z": what X and Y did
        if fn in (ASPECTUAL, *MODALITIES) and (_governs(tok) or _event_object(tok, lex) or cls is None):
            return None  # "began to", "plans to", "refused to", "the talks began": the governed event is the one
        if fn == STATIVE or not lex.is_event_verb(lemma):
            return None
        return lemma, cls or "Event"
    if pos == NOUN and index.at(tok) is None:
        lemma = word_lemma(tok)
        doer = lex.doer_of(lemma) if tok.dep_ == "nsubj" and tok.head.lower_ in LISTING else None
        if doer is not None:  # "other winners included X and Y": X and Y won
            return lemma, lex.verb_class(doer) or "Event"
        if lex.is_event_noun(lemma):
            cls = lex.noun_class(lemma) or "Event"
            if tok.tag_ == "NNS" and cls not in PLURAL_EVENTS and not _has_arguments(tok) and not _lightly(tok, lex):
                return None  # "sales rose", "investments": amounts, not happenings; "gave performances" is one
            return lemma, cls
    return None


#: Classes whose events are often told in the plural ("talks", "elections", "clashes").
PLURAL_EVENTS = frozenset({"Meeting", "Negotiation", "Election", "Protest", "Conflict", "Attack", "Sanction", "Match"})


def _lightly(noun: Token, lex: Lexicon) -> bool:
    """The object of a light verb: "gave live performances", "made visits"."""
    return noun.dep_ == "dobj" and noun.head.pos_ == "VERB" and lex.function(lemma_of(noun.head, lex)) == LIGHT


def _has_arguments(noun: Token) -> bool:
    return any(
        c.dep_ == "poss" or (c.dep_ == "prep" and any(g.dep_ == "pobj" for g in c.children)) for c in noun.children
    )


def modality(tok: Token, lex: Lexicon) -> str | None:
    """negated, possible, future or planned (the strongest that holds), or None for a plain fact."""
    found: set[str] = set()
    if tok.pos_ == "NOUN":
        for c in tok.children:
            if c.dep_ in ("amod", "det") and c.lower_ in _NOUN_MODALITY:
                found.add(_NOUN_MODALITY[c.lower_])
    verb: Token | None = tok if tok.pos_ != "NOUN" else governing_verb(tok)
    for _ in range(4):
        if verb is None:
            break
        for c in verb.children:
            if c.dep_ == "neg" or (c.dep_ == "advmod" and c.lower_ == "never"):
                found.add("negated")
            elif c.dep_ == "aux":
                fn = lex.function(word_lemma(c)) or lex.function(c.lower_)
                if c.lower_ in ("'ll", "wo"):
                    fn = "future"
                if fn in MODALITIES:
                    found.add(fn)
        if verb.dep_ != "xcomp" or verb.head.i == verb.i:
            break
        head = verb.head
        fn = lex.function(lemma_of(head, lex)) if head.pos_ in ("VERB", "AUX") else None
        if head.pos_ == "ADJ" or head.lower_ == "going":
            fn = "future" if head.lower_ == "going" else "planned"  # "is due to meet", "is going to"
        if fn in MODALITIES:
            found.add(fn)
        elif fn != ASPECTUAL:
            found.add("planned")  # "agreed to meet": not yet a meeting
        verb = head
    return next((m for m in MODALITIES if m in found), None)


def verb_group(tok: Token) -> str:
    """The trigger with its auxiliaries, negation and particle, as written: "did not meet", "stepped down"."""
    if tok.pos_ != "VERB":
        return tok.text
    words = [c for c in tok.children if c.dep_ in ("aux", "auxpass", "neg") and c.i < tok.i] + [tok]
    words += [c for c in tok.children if c.dep_ == "prt"]
    return " ".join(t.text for t in sorted(words, key=lambda t: t.i))


def _theme(tok: Token) -> str:
    """A non-entity object as written, with its determiner and modifiers: "an order", "interest rates"."""
    keep = [c for c in tok.lefts if c.dep_ in ("compound", "amod", "nummod", "quantmod", "det", "poss")]
    first = min((t.i for c in keep for t in c.subtree), default=tok.i)
    first = max(first, tok.i - 6)
    return tok.doc[first : tok.i + 1].text


def _head(tok: Token, index: MentionIndex) -> str:
    """A noun trigger with the modifiers before it that are no names, as written: "business trip"."""
    keep = [c.i for c in tok.lefts if c.dep_ in ("compound", "amod") and index.at(c) is None and not c.is_punct]
    first = min(keep, default=tok.i)
    return tok.doc[first : tok.i + 1].text


def find_events(doc_tokens: list[Token], index: MentionIndex) -> list[EventMention]:
    """Events over the tokens of one Doc."""
    if not doc_tokens:
        return []
    lex = lexicon()
    doc = doc_tokens[0].doc
    out: list[EventMention] = []
    for sent in doc.sents:
        out.extend(_sentence_events(sent, doc, lex, index))
    return out


def _sentence_events(sent: Span, doc: Doc, lex: Lexicon, index: MentionIndex) -> list[EventMention]:
    found: dict[int, tuple[str, str]] = {}
    for tok in sent:
        p = predicate(tok, lex, index)
        if p is not None:
            found[tok.i] = p
    others = set(found)
    events: dict[int, EventMention] = {}
    for i, (lemma, cls) in found.items():
        if lemma == ACCORDING:
            continue  # made with the event it reports (_according)
        event = _event(doc[i], lemma, cls, lex, index, others)
        if event is not None:
            events[i] = event
    _absorb(doc, events, lex, index)
    for i, event in list(events.items()):
        tok = doc[i]
        frame = next((doc[f] for f, e in events.items() if e.type in FRAMES and f != i and _frames(doc[f], tok)), None)
        reported = _reported(tok, events) if event.type == "Statement" else None
        if frame is not None or reported is not None:
            events[i] = replace(event, frame=index.offset + frame.idx if frame is not None else None, reported=reported)
    out = [events[i] for i in sorted(events)]
    out.extend(_according(sent, events, index))
    return out


#: Classes of event nouns that are what another event acts on ("signed the treaty", "won an order"), not events
#: of their own beside it ("addressed the session", "cancelled the meeting").
ACTED_ON = frozenset({"Agreement", "Deal", "Legislation", "Statement", "Event"})


def _absorb(doc: Doc, events: dict[int, EventMention], lex: Lexicon, index: MentionIndex) -> None:
    """An event noun that is what another event acts on is part of it ("signed the treaty", "won an order from
    X", "the signing of the statement"): its arguments join that event, which keeps the noun as its theme. An
    event noun that a light verb governs ("held talks with X", "launched an attack on Y") is told by that verb.
    An event noun that is the subject of a verb of happening ("the signing took place in Moscow") gets the
    verb's place and date. An event noun with no date of its own has the date of the clause it is in."""
    for i in sorted(events, key=lambda i: -doc[i].head.i):
        noun = doc[i]
        if noun.pos_ != "NOUN" or i not in events:
            continue
        host: int | None = None
        if noun.dep_ in ("dobj", "nsubjpass") and noun.head.i in events:
            host = noun.head.i
        elif noun.dep_ == "pobj" and noun.head.lower_ == "of" and noun.head.head.i in events:
            host = noun.head.head.i
        if host is not None and host != i and events[i].type in ACTED_ON and events[host].type != "Statement":
            events[host] = _merge(events[host], events.pop(i), word_lemma(noun))
            continue
        verb = noun.head
        ev = events[i]
        if noun.dep_ == "dobj" and verb.pos_ == "VERB" and verb.i not in events:
            if lex.function(lemma_of(verb, lex)) == LIGHT:  # "held talks": told by the verb
                more = tuple(
                    Argument(role, m, link)  # type: ignore[arg-type]
                    for role, t, link in verb_arguments(verb, {})
                    if t.i != noun.i and role != "agent" and (m := index.of(t)) is not None
                )
                known = {a.mention for a in ev.arguments}
                ev = replace(
                    ev,
                    arguments=ev.arguments + tuple(a for a in more if a.mention not in known),
                    verb=verb_group(verb),
                    theme_text=ev.theme_text or _theme(noun),
                    noun=False,
                    passive=passive(verb),
                    modality=ev.modality or modality(verb, lex),
                )
        if noun.dep_ == "nsubj" and verb.pos_ == "VERB" and verb.i not in events:
            extra = [
                Argument("place", m, prep)
                for prep, obj in prep_objects(verb)
                if prep in ("in", "at") and (m := index.of(obj)) is not None
            ]
            known = {b.mention for b in ev.arguments}
            ev = replace(ev, arguments=ev.arguments + tuple(a for a in extra if a.mention not in known))
        if host is not None and host != i and noun.dep_ in ("dobj", "pobj"):  # "X addressed the session"
            known = {a.mention for a in ev.arguments}
            joins = tuple(Argument("participant", a.mention) for a in events[host].arguments if a.role == "agent")
            ev = replace(ev, arguments=ev.arguments + tuple(a for a in joins if a.mention not in known))
        if ev.time is None:
            clause = _clause_of(noun)
            date = index.date_in(list(clause.subtree)) if clause is not None else None
            if date is not None:
                ev = replace(ev, time=date.time)
        events[i] = ev


def _clause_of(noun: Token) -> Token | None:
    """The verb of the clause a noun is in."""
    tok = noun
    for _ in range(8):
        if tok.head.i == tok.i:
            return tok if tok.pos_ in ("VERB", "AUX") else None
        tok = tok.head
        if tok.pos_ in ("VERB", "AUX"):
            return tok
    return None


def _merge(host: EventMention, part: EventMention, noun: str) -> EventMention:
    known = {a.mention for a in host.arguments}
    has_agent = any(a.role == "agent" for a in host.arguments)
    extra = tuple(a for a in part.arguments if a.mention not in known and not (a.role == "agent" and has_agent))
    return replace(
        host,
        type=part.type if host.type == "Event" else host.type,
        arguments=host.arguments + extra,
        time=host.time or part.time,
        theme=noun if host.noun or not host.theme else host.theme,
        theme_text=host.theme_text or part.phrase,
        confidence=max(host.confidence, part.confidence),
    )


def _reported(verb: Token, events: dict[int, EventMention]) -> int | None:
    """The event a statement reports: the one its clause complement tells ("said that X had resigned")."""
    for c in verb.children:
        if c.dep_ in ("ccomp", "xcomp", "parataxis") or (c.dep_ == "advcl" and c.i < verb.i):
            for t in (c, *c.subtree):
                if t.i in events and t.i != verb.i:
                    return events[t.i].trigger.prov.start
    return None


def _according(sent: Span, events: dict[int, EventMention], index: MentionIndex) -> list[EventMention]:
    """ "according to X": a statement by X of the event told in the clause."""
    out = []
    for tok in sent:
        if tok.lower_ != "according" or tok.dep_ != "prep":
            continue
        speakers = [g for c in tok.children if c.lower_ == "to" for g in c.children if g.dep_ == "pobj"]
        mentions = [m for s in speakers for t in expand(s) if (m := index.of(t)) is not None]
        if not mentions:
            continue
        head = tok.head
        reported = events[head.i].trigger.prov.start if head.i in events else None
        start = index.offset + tok.idx
        end = index.offset + speakers[0].idx + len(speakers[0].text)
        trigger = Mention(
            tok.text, "EVENT_TRIGGER", Provenance(index.doc_id, start, end, index._sentence(start), EVENTS)
        )
        args = tuple(Argument("agent", m) for m in dict.fromkeys(mentions))
        phrase = " ".join(sent.text.split())
        out.append(
            EventMention(
                "Statement",
                trigger,
                args,
                None,
                None,
                0.6,
                phrase=phrase[:300],
                lemma=ACCORDING,
                reported=reported,
                verb="according to",
            )
        )
    return out


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


def _event(
    tok: Token, lemma: str, cls: str, lex: Lexicon, index: MentionIndex, others: set[int]
) -> EventMention | None:
    is_verb = tok.pos_ == "VERB"
    overrides = lex.roles.get((lemma, "v" if is_verb else "n"), {})
    raw = verb_arguments(tok, overrides) if is_verb else noun_arguments(tok, overrides)
    if not is_verb and lex.doer_of(lemma) is not None:  # "winners included X": the members do it
        raw.extend(("agent", m, AMONG) for m in members(tok) if m.head.i != tok.i or m.dep_ != "compound")
    if not is_verb and not any(r == "agent" for r, _, _ in raw):
        verb = governing_verb(tok)
        if verb is not None and verb.i not in others and tok.dep_ == "dobj":
            raw.extend(("agent", s, "") for s in subjects(verb))  # "X held talks"
    arguments: list[Argument] = []
    seen: set[Mention] = set()
    theme_text = ""
    for role, t, link in raw:
        if role not in _ROLES:
            continue
        hits = [m for x in expand(t) if (m := index.of(x)) is not None]
        via = "of" if role in ("patient", "participant", "recipient") else None  # "addressed the session of X"
        if role == "agent" and t.pos_ in ("NOUN", "PROPN") and t.dep_ == "nsubj":
            via = "by"  # "a study by X found"
        if not hits and via is not None:
            hits = [m for prep, o in prep_objects(t) if prep == via for x in expand(o) if (m := index.of(x))]
        if not hits and (t.pos_ == "NOUN" or t.lower_ in QUANTIFIERS):  # "retailers including X", "X's profits"
            for prep, obj in prep_objects(t):  # "visited constituencies in Kent", "at a ceremony in Las Vegas"
                if PREP_ROLES.get(prep) == "place" and any(
                    m.label in PLACE_LABELS for x in expand(obj) if (m := index.of(x))
                ):
                    raw.append(("place", obj, prep))
            group = [e for e in expand(t) if e.pos_ == "NOUN"] if t.lower_ in QUANTIFIERS else [t]  # "many of X"
            named = [m for g in group for x in members(g) if (m := index.at(x)) is not None and m.label != "DATE"]
            for m in named:
                if m not in seen:
                    seen.add(m)
                    arguments.append(Argument(role if role == "agent" else "participant", m, link))  # type: ignore[arg-type]
        if not hits and not theme_text and t.pos_ in ("NOUN", "PROPN", "NUM") and t.ent_type_ not in _AMOUNTS:
            if role == "patient" or (role == "participant" and link):
                theme_text = f"{link} {_theme(t)}" if link and role != "patient" else _theme(t)
                if role == "patient":  # "won an order from X": the theme's own partners take part
                    for prep, obj in prep_objects(t):
                        r = PREP_ROLES.get(prep)
                        if r in ("source", "recipient", "participant", "opponent"):
                            raw.append((r, obj, prep))
            continue
        for m in hits:
            if m not in seen and m.label != "DATE":
                seen.add(m)
                arguments.append(Argument(role, m, link))  # type: ignore[arg-type]
    theme_is_subject = False
    if not theme_text and not arguments:  # nothing named: what the clause is about is its theme
        about = next((t for role, t, _ in raw if role in ("agent", "patient") and t.pos_ in ("NOUN", "PROPN")), None)
        if about is not None and index.of(about) is None:
            theme_text = _theme(about)
            theme_is_subject = about.dep_ in ("nsubj", "nsubjpass")
    own = clause_tokens(tok, others)
    date = index.date_in(own)
    start = index.offset + tok.idx
    trigger = Mention(
        tok.text,
        "EVENT_TRIGGER",
        Provenance(index.doc_id, start, start + len(tok.text), index._sentence(start), EVENTS),
    )
    confidence = 0.5 + (0.1 if cls != "Event" else 0.0) + (0.15 if date is not None else 0.0)
    confidence += 0.15 if len(arguments) >= 2 else (0.05 if arguments else 0.0)
    definite = not is_verb and any(
        (c.dep_ == "det" and c.lower_ in ("the", "this", "that"))
        or (c.dep_ == "poss" and c.lower_ in ("his", "her", "its", "their"))
        for c in tok.children
    )
    theme = word_lemma(tok) if not is_verb and cls in ("Signing", "Adoption", "Agreement") else None
    if is_verb and theme_text:
        theme = theme_text.split()[-1].lower()
    return EventMention(
        cls,
        trigger,
        tuple(arguments),
        date.time if date else None,
        theme,
        round(min(confidence, 0.95), 2),
        definite,
        _phrase(tok, own),
        lemma=lemma,
        modality=modality(tok, lex),
        verb=verb_group(tok),
        theme_text=theme_text,
        noun=not is_verb,
        passive=is_verb and passive(tok),
        head="" if is_verb else _head(tok, index),
        theme_is_subject=theme_is_subject,
    )


def _phrase(tok: Token, own: list[Token]) -> str:
    """The words of the clause or phrase that tells the event, as written (at most 300 characters)."""
    first, last = min(t.i for t in own), max(t.i for t in own)
    doc = tok.doc
    while last > first and (doc[last].is_punct or doc[last].pos_ in ("ADP", "CCONJ", "SCONJ", "DET")):
        last -= 1
    while first < last and (doc[first].is_punct or doc[first].pos_ in ("CCONJ", "SCONJ")):
        first += 1
    text = " ".join(doc[first : last + 1].text.split())
    return text[:300]


__all__ = ["FRAMES", "children", "find_events", "modality", "predicate", "prep_objects", "verb_group"]
