"""Organisation names that differ only in how they name their country or word their portfolio:
"Azerbaijani Foreign Ministry", "Azerbaijan's Foreign Ministry", "Ministry of Foreign Affairs of Azerbaijan
Republic" and "the Foreign Ministry" (in an article about Azerbaijan) are one ministry.

Rule: kg.orgs.v1.
"""

from __future__ import annotations

import re

from kg.lexicon import BODY_NOUNS, COMPANY_WORDS, GOVERNMENT_WORDS
from kg.resolve.gazetteer import Gazetteer
from kg.resolve.names import name_key

_FUNCTION = frozenset({"of", "the", "for", "and", "on", "to", "in"})
#: Words that do not change which body is meant ("Ministry of Foreign Affairs" = "Foreign Ministry").
_NEUTRAL = _FUNCTION | {"affairs"}

_POSSESSIVE = re.compile(r"^(?P<country>.+?)(?:'s|’s|')\s+(?P<rest>.+)$")
_OF = re.compile(r"^(?P<rest>.+)\s+of\s+(?:the\s+)?(?P<country>[A-Z].+)$")


def _portfolio(rest: str) -> str:
    words = [w for w in name_key(rest).split() if w not in _NEUTRAL]
    return " ".join(sorted(words))


def _is_government(rest: str) -> bool:
    words = [w for w in name_key(rest).split() if w not in _FUNCTION]
    return bool(words) and all(w in GOVERNMENT_WORDS for w in words) and any(w in BODY_NOUNS for w in words)


def split_country(name: str, gaz: Gazetteer) -> tuple[str, str | None]:
    """(the name without its country, the country's ISO code) when the name is qualified by a country:
    "Azerbaijani Foreign Ministry" -> ("Foreign Ministry", "AZ"); else (name, None)."""
    m = _POSSESSIVE.match(name)
    if m:
        place = gaz.lookup(m["country"])
        if place is not None and place.kind == "Country":
            return m["rest"], place.iso3166
    m = _OF.match(name)
    if m and _is_government(m["rest"]):
        place = gaz.lookup(m["country"])
        if place is not None and place.kind == "Country":
            return m["rest"], place.iso3166
    first, _, rest = name.partition(" ")
    if rest and _is_government(rest):
        place = gaz.lookup(first) or gaz.demonym_country(first)
        if place is not None and place.kind == "Country":
            return rest, place.iso3166
    return name, None


def org_key(name: str, gaz: Gazetteer, article_country: str | None) -> str | None:
    """A key shared by the wordings of one government body ("org:foreign ministry@AZ"), or None for a name that
    is not a government body. An unqualified body takes the article's main country when it has one."""
    rest, country = split_country(name, gaz)
    if not _is_government(rest):
        return None
    country = country or article_country
    portfolio = _portfolio(rest)
    return f"org:{portfolio}@{country}" if country else f"org:{portfolio}"


#: Legal forms and holding words at the end of a company's name ("Northwind Co.", "Orion Inc", "Vexa Holdings
#: plc"): the company is the same with or without them.
_LEGAL_FORMS = frozenset(
    "co company cos corp corporation inc incorporated ltd limited plc llc llp lp ag sa nv bv gmbh spa sas kk "
    "group holdings holding".split()
)


#: Legal forms no person's or place's name ends with: a name ending so is a company's ("Kestrel Inc.").
_COMPANY_FORMS = frozenset("inc incorporated corp corporation ltd plc llc llp gmbh co cos".split())


def has_legal_form(name: str) -> bool:
    """True when the name ends with a company's legal form ("Kestrel Inc.", "Northwind Co.", "Vexa plc")."""
    words = name_key(name).split()
    return len(words) >= 2 and words[-1].replace(".", "") in _COMPANY_FORMS


def without_legal_form(name: str) -> str | None:
    """The name key of a company's name without "The" and its legal forms ("The Northwind Company" ->
    "northwind"), or None when nothing is dropped or nothing would be left."""
    words = name_key(name).split()
    start = 1 if words[:1] == ["the"] else 0
    end = len(words)
    while end > start + 1 and words[end - 1].replace(".", "") in _LEGAL_FORMS:
        end -= 1
    if start == 0 and end == len(words):
        return None
    if end - start == 1 and words[start] in _LEGAL_FORMS:
        return None
    return " ".join(words[start:end])


def short_name(name: str) -> str | None:
    """The name key of a company's name without its legal forms and the words of its trade ("Vexa Technologies
    Inc." -> "vexa", "ACS Data Systems" -> "acs"), or None when nothing is dropped or nothing would be left."""
    words = name_key(without_legal_form(name) or name).split()
    end = len(words)
    while end > 1 and words[end - 1] in COMPANY_WORDS:
        end -= 1
    return " ".join(words[:end]) if end < len(words) else without_legal_form(name)


#: Kinds of place a company's regional arm is named after ("Vertex Mobile USA", "Kestrel Europe").
_REGIONAL_KINDS = frozenset({"Country", "Region"})


def is_regional_arm(rest: list[str], gaz: Gazetteer) -> bool:
    """True when the words that follow a company's name in another name make that one the company's arm in a
    country or region: words of its trade or legal form, then the place ("Mobile USA" after "Vertex", "Motor
    North America Inc." after "Toyota"), so that "Vertex Mobile USA" is part of Vertex."""
    words = list(rest)
    while words and words[-1].lower().replace(".", "").strip(",") in _LEGAL_FORMS:
        words.pop()
    for n in (3, 2, 1):  # the longest place first: "North America", not "America"
        if len(words) < n or not all(w[:1].isupper() for w in words[-n:]):
            continue
        place = gaz.lookup(" ".join(words[-n:]))
        if place is not None and place.kind in _REGIONAL_KINDS:
            return all(w.lower() in COMPANY_WORDS for w in words[:-n])
        if place is not None:
            return False
    return False
