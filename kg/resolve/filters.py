"""Which mentions name an entity at all: demonyms, nationalities and abstract nouns do not.

Rule: kg.filters.v1. Each test is general English morphology or a gazetteer from a maintained package.
"""

from __future__ import annotations

import re

from kg.lexicon import RELIGIONS
from kg.model import Mention
from kg.resolve.gazetteer import Gazetteer
from kg.resolve.names import name_key

#: Suffixes of abstract nouns (ideologies, fears, fields): "Islamophobia", "Marxism", "Egyptology".
_ABSTRACT = re.compile(r"(?:isms?|phobias?|philias?|ology|ologies)$", re.IGNORECASE)


#: A prefix that makes one word about a name: "non-EU nationals", "ex-Soviet states", "anti-American" (not the
#: "Non-Party Alliance": a prefix inside a longer name).
_PREFIXED = re.compile(r"^(?:ex|non|pan|anti|pro|post|pre|neo|pseudo|un)-", re.IGNORECASE)


def is_name(m: Mention, gaz: Gazetteer) -> bool:
    """True when the mention can name a person, organisation, place or event."""
    if m.label in ("ROLE", "PRON") or m.time is not None or m.interval is not None:
        return False
    text = m.text
    if not any(c.isupper() for c in text) or not any(c.isalpha() for c in text):
        return False
    if m.hint is not None or m.key is not None:
        return True  # a rule or the user's patterns vouch for it
    if gaz.is_demonym(text) or (" " not in text and _PREFIXED.match(text)):
        return False  # "Asian", "non-EU", "ex-Soviet", "pan-African": words about a name, not one
    if m.label == "NORP":
        place = gaz.lookup(text)
        if place is not None:
            return place.kind == "Country"
        return name_key(text) not in RELIGIONS
    return not (" " not in text and _ABSTRACT.search(text))
