"""Deciding an entity's type from all its evidence: one vote per mention, stronger evidence outweighing NER."""

from __future__ import annotations

from collections.abc import Iterable

from kg.model import NER_KIND, TOP, EntityKind, Mention

__all__ = ["HINT_WEIGHT", "KINDS", "NER_KIND", "TOP", "vote"]

#: Every kind by name, to check a rule's hint.
KINDS: dict[str, EntityKind] = {k: k for k in TOP}

#: Weight of a rule's hint against one NER vote.
HINT_WEIGHT = 3.0


def vote(mentions: Iterable[Mention]) -> EntityKind | None:
    """The majority kind over the mentions; a rule's hint counts more than the model's label; ties go to the
    order of :data:`NER_KIND` (deterministic)."""
    votes: dict[EntityKind, float] = {}
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
