"""The arguments of an event's trigger, by semantic role, from the dependency parse (rule kg.events.v2).

- a verb: agent (active subject, passive "by"), patient (object, passive subject), recipient (indirect object,
  "to"), participant ("with", "between"), opponent ("against"), source ("from"), place ("in", "at", "to" a
  place), through control ("X agreed to meet Y": X meets), coordination ("X and Y signed", "X met Y and signed"),
  relative clauses ("the minister, who visited Paris") and participles ("the statement signed by ...");
- a noun: agent (possessive, "by"), patient ("of", "on"), and the prepositions as for verbs; with no agent of its
  own, the subject of the verb it is the object of ("X held talks").
The lexicon may say otherwise for a word ("beat": the object is the opponent; "tell": the recipient).
"""

from __future__ import annotations

from spacy.tokens import Token

#: The role a preposition gives its object, on a verb and on a noun.
PREP_ROLES: dict[str, str] = {
    "with": "participant",
    "alongside": "participant",
    "between": "participant",
    "among": "participant",
    "against": "opponent",
    "ahead of": "opponent",
    "from": "source",
    "to": "recipient",
    "towards": "recipient",
    "into": "place",
    "in": "place",
    "at": "place",
    "near": "place",
    "inside": "place",
    "outside": "place",
    "across": "place",
    "throughout": "place",
    # what else an event concerns: "for X", "on X", "over X", "before Parliament", "under X", "through X"
    "for": "participant",
    "on": "participant",
    "over": "participant",
    "about": "participant",
    "before": "participant",
    "under": "participant",
    "through": "participant",
    "via": "participant",
    "during": "participant",
    "amid": "participant",
    "behind": "participant",
    "beyond": "participant",
}
#: Words that make a preposition with "of": "ahead of".
COMPOUND_PREPS = frozenset(p.split()[0] for p in PREP_ROLES if " " in p)
NOUN_PREP_ROLES: dict[str, str] = {**PREP_ROLES, "of": "patient", "by": "agent", "on": "patient", "upon": "patient"}
_RELATIVE = frozenset({"WDT", "WP", "WP$"})
_CLAUSAL = frozenset({"xcomp", "conj", "advcl", "ccomp", "relcl", "acl"})


#: Prepositions that name the members of a group noun: "retailers including X and Y", "countries such as X".
MEMBERS = frozenset({"including", "like", "as", "among"})
#: Verbs whose object lists the members of their subject: "artists who decorated the tree include X and Y".
LISTING = frozenset({"include", "includes", "included", "including", "feature", "features", "featured"})


def members(tok: Token) -> list[Token]:
    """The named things a common noun stands for or is made of: "giants Hitachi and Matsushita", "retailers -
    including HMV, Monsoon and Tesco -", "countries such as Indonesia", "Microsoft's profits"."""
    out: list[Token] = []
    for c in tok.children:
        if c.dep_ in ("appos", "compound", "poss", "nmod") and c.pos_ in ("PROPN", "NOUN"):
            out.extend([c, *c.conjuncts])
        elif c.dep_ == "prep" and c.lower_ in MEMBERS:
            for g in c.children:
                if g.dep_ == "pobj":
                    out.extend([g, *g.conjuncts])
    if tok.dep_ == "nsubj" and tok.head.lower_ in LISTING:  # "acts who may appear include X, Y and Z"
        for g in tok.head.children:
            if g.dep_ in ("dobj", "attr"):
                out.extend([g, *g.conjuncts])
    return out


def children(tok: Token, *deps: str) -> list[Token]:
    return [c for c in tok.children if c.dep_ in deps]


def prep_objects(tok: Token) -> list[tuple[str, Token]]:
    """(preposition, object) of each prepositional phrase on ``tok``; "according to" is left to the caller."""
    out: list[tuple[str, Token]] = []
    for c in tok.children:
        if c.dep_ in ("prep", "agent") and c.lower_ != "according":
            for p in (c, *(k for k in c.conjuncts if k.pos_ == "ADP")):  # "in the final and against Y"
                out.extend((p.lower_, g) for g in p.children if g.dep_ == "pobj")
        if c.dep_ in ("advmod", "prep") and c.lower_ in COMPOUND_PREPS:  # "finished ahead of X"
            out.extend(
                (f"{c.lower_} of", g) for p in c.children if p.lower_ == "of" for g in p.children if g.dep_ == "pobj"
            )
    return out


def subjects(verb: Token) -> list[Token]:
    """Who does ``verb``: its subject; a relative pronoun's noun; that of the verb it hangs from (control,
    coordination); but in "X called on Y to resume talks" and "X urged Y to meet", Y (the object above) does it."""
    found = children(verb, "nsubj")
    found = [verb.head if (s.tag_ in _RELATIVE and verb.dep_ == "relcl") else s for s in found]
    tok = verb
    for _ in range(4):
        if found:
            break
        if tok.dep_ not in ("conj", "xcomp", "advcl") or tok.head.i == tok.i:
            break
        controller = tok.head
        if tok.dep_ == "xcomp":
            objects = children(controller, "dobj") + [o for p, o in prep_objects(controller) if p in ("on", "upon")]
            if objects:
                return objects
        if tok.dep_ == "conj" and children(controller, "nsubjpass"):
            return []  # "X was arrested and charged": no agent to inherit
        raised = tok.dep_ == "xcomp"
        tok = controller
        found = children(tok, "nsubj") or (children(tok, "nsubjpass") if raised else [])  # "X is expected to win"
        found = [tok.head if (s.tag_ in _RELATIVE and tok.dep_ == "relcl") else s for s in found]
    if not found and verb.dep_ == "acl" and verb.tag_ == "VBG":
        return [verb.head]  # "firms making cars"
    return found


def passive(verb: Token) -> bool:
    """A passive verb: its own passive subject or auxiliary, a participle on a noun ("the statement signed by"),
    a participle clause with no subject or auxiliary of its own ("Directed by X, the film won"), or a participle
    joined to a passive verb ("was held in Leeds and hosted by X")."""
    if any(c.dep_ in ("nsubjpass", "auxpass") for c in verb.children):
        return True
    if verb.tag_ != "VBN":
        return False
    bare = not children(verb, "nsubj", "aux")
    return (
        verb.dep_ == "acl"
        or (verb.dep_ == "advcl" and bare)
        or (verb.dep_ == "conj" and verb.head.i != verb.i and bare and passive(verb.head))
    )


def verb_arguments(verb: Token, overrides: dict[str, str]) -> list[tuple[str, Token, str]]:
    """(role, token, linking word) of each argument of an event verb."""
    out: list[tuple[str, Token, str]] = []
    if passive(verb):
        patients = children(verb, "nsubjpass")
        if not patients and verb.dep_ in ("acl", "relcl"):
            patients = [verb.head]  # "the statement signed by ...", "the man who was arrested"
        elif not patients and verb.dep_ == "advcl":
            patients = children(verb.head, "nsubj", "nsubjpass")  # "Directed by X, the film won": the film
        patients = [verb.head if (p.tag_ in _RELATIVE and verb.dep_ == "relcl") else p for p in patients]
        out.extend((overrides.get("nsubjpass", "patient"), p, "") for p in patients)
        for c in children(verb, "agent"):
            out.extend(("agent", g, "by") for g in children(c, "pobj"))
        if not patients and verb.dep_ == "conj":  # "X was arrested and charged"
            out.extend(("patient", p, "") for p in children(verb.head, "nsubjpass"))
    else:
        out.extend((overrides.get("nsubj", "agent"), s, "") for s in subjects(verb))
        if (
            verb.dep_ == "relcl"
            and children(verb, "nsubj")
            and not any(c.tag_ in _RELATIVE for c in children(verb, "nsubj"))
        ):
            out.append((overrides.get("dobj", "patient"), verb.head, ""))  # "the company X bought"
    objects = children(verb, "dobj")
    for c in verb.children:
        if c.dep_ == "dobj" or _object_before_scores(verb, c) or (not objects and _named_predicate(c)):
            out.append((overrides.get("dobj", "patient"), c, ""))
        elif c.dep_ == "dative":
            out.append((overrides.get("dative", "recipient"), c, ""))
    out.extend(_by_preposition(verb, overrides, PREP_ROLES, skip="by" if passive(verb) else ""))
    for o in objects:  # "replaced Tim Ruiz with Ann Lee": a name takes no "with" of its own, the verb does
        if o.pos_ == "PROPN":
            out.extend(_by_preposition(o, overrides, _VERB_PREPS))
    return out


#: Prepositions that the parser hangs on a named object but that belong to its verb.
_VERB_PREPS = {p: PREP_ROLES[p] for p in ("with", "against", "alongside")}


def _object_before_scores(verb: Token, c: Token) -> bool:
    """A name right after the verb that the parser took for an adverb because numbers follow it: "Henman beat
    Doug Flach 6-3 6-4" (not a date: "met Tuesday")."""
    return c.dep_ == "npadvmod" and c.pos_ == "PROPN" and c.i > verb.i and c.ent_type_ in ("PERSON", "ORG", "GPE")


def _named_predicate(c: Token) -> bool:
    """A name the parser took for an object predicate where there is no object: "appointed UBS as adviser"."""
    return c.dep_ == "oprd" and c.pos_ == "PROPN" and c.ent_type_ in ("PERSON", "ORG", "GPE", "NORP")


def noun_arguments(noun: Token, overrides: dict[str, str]) -> list[tuple[str, Token, str]]:
    """(role, token, linking word) of each argument of an event noun."""
    out: list[tuple[str, Token, str]] = []
    for c in noun.children:
        if c.dep_ == "poss":
            out.append((overrides.get("poss", "agent"), c, "'s"))
        elif c.dep_ == "compound":
            out.append((overrides.get("compound", "participant"), c, ""))
    out.extend(_by_preposition(noun, overrides, NOUN_PREP_ROLES))
    return out


def _by_preposition(
    tok: Token, overrides: dict[str, str], roles: dict[str, str], skip: str = ""
) -> list[tuple[str, Token, str]]:
    """(role, object, preposition) of each prepositional phrase on ``tok`` that gives a role (the word's own
    roles first); ``skip`` is a preposition another rule reads (a passive's "by")."""
    return [
        (role, obj, prep)
        for prep, obj in prep_objects(tok)
        if prep != skip and (role := overrides.get(prep) or roles.get(prep)) is not None
    ]


def governing_verb(noun: Token) -> Token | None:
    """The verb a noun is the object of, through prepositions ("took part in the talks")."""
    tok = noun
    for _ in range(4):
        head = tok.head
        if head.i == tok.i:
            return None
        if head.pos_ in ("VERB", "AUX"):
            return head if tok.dep_ in ("dobj", "pobj", "attr", "nsubjpass") else None
        if tok.dep_ != "pobj" and head.dep_ != "prep":
            return None
        tok = head
    return None


def clause_tokens(trigger: Token, others: set[int]) -> list[Token]:
    """The words of the trigger's own clause: its subtree without the clauses of other triggers under it."""
    skip: set[int] = set()
    for t in trigger.subtree:
        if t.i != trigger.i and t.i in others and t.dep_ in _CLAUSAL:
            skip.update(x.i for x in t.subtree)
    return [t for t in trigger.subtree if t.i not in skip]
