"""Resolution: mentions -> entities. Extraction proposes mentions; this stage decides what they refer to."""

from __future__ import annotations

import re
import unicodedata
from collections import defaultdict
from collections.abc import Sequence

from kg.model import Entity, Extraction, Mention, Resolution
from kg.resolve.kinds import TOP, vote

__all__ = ["resolve"]

_PUNCT = re.compile(r"[^\w\s-]+")
_SPACE = re.compile(r"\s+")


def _key(text: str) -> str:
    folded = unicodedata.normalize("NFKD", text.casefold())
    folded = "".join(c for c in folded if not unicodedata.combining(c))
    return _SPACE.sub(" ", _PUNCT.sub("", folded)).strip()


def resolve(extractions: Sequence[Extraction]) -> Resolution:
    """Merge name mentions across the corpus by normalised name; each entity's type is the majority vote."""
    groups: dict[str, list[Mention]] = defaultdict(list)
    for ex in extractions:
        for m in ex.mentions:
            if m.time is None and m.interval is None and m.label != "NORP":
                groups[_key(m.text)].append(m)
    entities: list[Entity] = []
    mention_entity: dict[Mention, str] = {}
    for key in sorted(groups):
        mentions = groups[key]
        kind = vote(mentions)
        if kind is None or not key:
            continue
        names: dict[str, int] = defaultdict(int)
        for m in mentions:
            names[m.text] += 1
        label = max(names, key=lambda n: (names[n], len(n), n))
        aliases = tuple(sorted(n for n in names if n != label))
        entities.append(Entity(f"{TOP[kind]}:{key}", kind, label, aliases, tuple(mentions)))
        for m in mentions:
            mention_entity[m] = entities[-1].key
    return Resolution(tuple(entities), mention_entity)
