"""Deciding an entity's type from all its evidence: one vote per mention, stronger evidence outweighing NER."""

from __future__ import annotations

from collections.abc import Iterable

from kg.lexicon import (
    BODY_NOUNS,
    COMPANY_NOUNS,
    COMPANY_WORDS,
    FACILITY_NOUNS,
    GOVERNMENT_WORDS,
    LEGAL_FORMS,
    RELIGIONS,
    THING_NAME_WORDS,
    first_names,
    is_common,
)
from kg.model import NER_KIND, TOP, EntityKind, Mention

__all__ = ["HINT_WEIGHT", "KINDS", "NER_KIND", "TOP", "vote"]

#: Every kind by name, to check a rule's hint.
KINDS: dict[str, EntityKind] = {k: k for k in TOP}

#: Weight of a rule's hint against one NER vote.
HINT_WEIGHT = 3.0


#: Weight, once per entity, of a name that reads as a person's ("Grace Lumley": a first name, a surname).
GIVEN_NAME_WEIGHT = 1.5


def personal_name(text: str) -> bool:
    """ "Grace Lumley", "Oscar Duval": a first name (kg/data/gender.tsv) that is no common word ("Wells Lane"
    is not, nor "Christian Relief"), then a surname that is no word of a firm's, a body's or a place's name
    ("Grant Hotel", "Oscar Wireless", "Riverside Park" are not)."""
    words = text.split()
    if len(words) != 2 or not words[1][:1].isupper() or words[1].isupper() or "-" in words[0]:  # "Oscar FC"
        return False
    first, last = words[0].lower(), words[1].lower()
    return (
        first in first_names() and not is_common(first) and not {first, last} & RELIGIONS and last not in _THING_WORDS
    )


_THING_WORDS = (
    THING_NAME_WORDS | BODY_NOUNS | FACILITY_NOUNS | COMPANY_WORDS | COMPANY_NOUNS | LEGAL_FORMS | GOVERNMENT_WORDS
)


def vote(mentions: Iterable[Mention]) -> EntityKind | None:
    """The majority kind over the mentions; a rule's hint counts more than the model's label, and a name that
    reads as a person's counts once as much as one and a half of the model's labels; ties go to the order of
    :data:`NER_KIND` (deterministic)."""
    mentions = list(mentions)
    votes: dict[EntityKind, float] = {}
    named = [m.text for m in mentions if NER_KIND.get(m.label) is not None]
    if named and personal_name(max(named, key=len)):
        votes["Person"] = GIVEN_NAME_WEIGHT
    for m in mentions:
        hint = KINDS.get(m.hint or "")
        if hint is not None:
            votes[hint] = votes.get(hint, 0.0) + HINT_WEIGHT
        kind = NER_KIND.get(m.label)
        if kind is not None:
            votes[kind] = votes.get(kind, 0.0) + 1.0
    if not votes:
        return None
    order = list(TOP)
    return max(votes, key=lambda k: (votes[k], -order.index(k)))
