"""Resolution inside one article: which of its mentions are the same thing.

Rules (each named in provenance and tested on its own):
- kg.samename.v1: the same name (after normalisation) is the same thing within an article;
- kg.acronyms.v1: "Long Form (ACR)" and a long form whose initials are an acronym used in the article;
- kg.surnames.v1: a one-word name that is the last word of a person's fuller name (the nearest one before it,
  else the first after) is that person; people who share a surname stay apart; an initial and a surname ("J
  Oduya") is the one person of that surname whose first name has that initial;
- kg.rolephrase.v1: "the minister" is the person given that title in the article (the nearest before it);
- kg.coref.v1: a pronoun or a description that extraction found standing for a name joins that name.
"""

from __future__ import annotations

from collections import defaultdict

from kg.lexicon import defined_after
from kg.model import Extraction, Mention
from kg.resolve.acronyms import acronym_key, initials, is_acronym
from kg.resolve.cluster import UnionFind
from kg.resolve.gazetteer import Gazetteer
from kg.resolve.names import name_key


def _personish(m: Mention) -> bool:
    return m.label == "PERSON" or m.hint == "Person"


def article_clusters(ex: Extraction, names: list[Mention], gaz: Gazetteer) -> list[list[Mention]]:
    """Group an article's name mentions (and its role phrases) into clusters of one thing each."""
    uf: UnionFind[Mention] = UnionFind(names)
    by_key: dict[str, list[Mention]] = defaultdict(list)
    shared = _shared_surnames(names)
    for m in names:
        key = name_key(m.text)
        if key not in shared:  # "Begg" alone may be either Begg: each is resolved on its own below
            by_key[key].append(m)
    for group in by_key.values():  # kg.samename.v1
        for other in group[1:]:
            uf.union(group[0], other)

    _acronyms(ex.article.text, names, by_key, uf)
    _surnames(names, uf, gaz)
    phrases = [m for m in ex.mentions if m.label == "ROLE" and m.role is not None]
    for phrase in phrases:  # kg.rolephrase.v1
        holder = _role_holder(ex, phrase)
        if holder is not None and holder in uf._parent:
            uf.add(phrase)
            uf.union(holder, phrase)
    _coreferents(ex, names, uf)
    groups = uf.groups()
    return [sorted(g, key=lambda m: m.prov.start) for _, g in sorted(groups.items(), key=lambda kv: kv[0].prov.start)]


def _acronyms(text: str, names: list[Mention], by_key: dict[str, list[Mention]], uf: UnionFind[Mention]) -> None:
    """kg.acronyms.v1: an explicit "Long Form (ACR)" joins them whatever the initials; otherwise an acronym joins
    the one long form of the article whose initials it is (two candidates: neither)."""
    acr = {acronym_key(m.text): m for m in names if is_acronym(m.text)}
    longs = [m for m in names if " " in m.text or "-" in m.text]
    defined: set[str] = set()
    for m in longs:
        explicit = defined_after(text, m.prov.end)
        if explicit and acronym_key(explicit) in acr:
            uf.union(m, acr[acronym_key(explicit)])
            defined.add(acronym_key(explicit))
    candidates: dict[str, set[str]] = defaultdict(set)
    for m in longs:
        for key in initials(m.text) & acr.keys():
            candidates[key].add(name_key(m.text))
    for m in longs:
        for key in initials(m.text) & acr.keys():
            if key not in defined and len(candidates[key]) == 1:
                uf.union(m, acr[key])


def _shared_surnames(names: list[Mention]) -> set[str]:
    """Surnames of two or more different people named in full in the article."""
    people: dict[str, set[str]] = defaultdict(set)
    for m in names:
        words = m.text.split()
        if _personish(m) and len(words) >= 2:
            people[name_key(words[-1])].add(name_key(m.text))
    return {last for last, full in people.items() if len(full) > 1}


def _initialled(m: Mention) -> bool:
    words = m.text.split()
    return len(words) == 2 and len(words[0].rstrip(".")) == 1 and words[0][0].isupper() and _personish(m)


def _surnames(names: list[Mention], uf: UnionFind[Mention], gaz: Gazetteer) -> None:
    """kg.surnames.v1, and a first name alone ("Azmat" after "Azmat Begg") when one person has it."""
    full = [m for m in names if _personish(m) and len(m.text.split()) >= 2]
    if not full:
        return
    by_last: dict[str, list[Mention]] = defaultdict(list)
    by_first: dict[str, set[str]] = defaultdict(set)
    first_mention: dict[str, Mention] = {}
    for m in full:
        by_last[name_key(m.text.split()[-1])].append(m)
        by_first[name_key(m.text.split()[0])].add(name_key(m.text))
        first_mention.setdefault(name_key(m.text), m)
    by_tail: dict[str, list[Mention]] = defaultdict(list)  # "Lo Presti" of "Gaetano Lo Presti"
    for m in full:
        words = m.text.split()
        if len(words) >= 3:
            by_tail[name_key(" ".join(words[1:]))].append(m)
    for m in names:
        tails = by_tail.get(name_key(m.text)) if len(m.text.split()) >= 2 and _personish(m) else None
        if tails and len({name_key(t.text) for t in tails}) == 1:
            before = [c for c in tails if c.prov.start < m.prov.start]
            uf.union(m, before[-1] if before else tails[0])
            continue
        if _initialled(m):  # "J Oduya (capt)" in a team sheet: the one Oduya whose first name starts so
            initial, last = m.text[0], m.text.split()[-1]
            named = [c for c in by_last.get(name_key(last), []) if not _initialled(c) and c.text[0].upper() == initial]
            if len({name_key(c.text) for c in named}) == 1:
                before = [c for c in named if c.prov.start < m.prov.start]
                uf.union(m, before[-1] if before else named[0])
            continue
        if len(m.text.split()) != 1 or is_acronym(m.text):
            continue
        candidates = by_last.get(name_key(m.text))
        if not candidates:
            people = by_first.get(name_key(m.text), set())
            if len(people) == 1 and _personish(m) and name_key(m.text) not in by_last:
                uf.union(m, first_mention[people.pop()])
            continue
        place = gaz.lookup(m.text)
        if place is not None and place.prominent and not _personish(m):
            continue  # "Jordan" the country, not Michael Jordan's surname
        before = [c for c in candidates if c.prov.start < m.prov.start]
        uf.union(m, before[-1] if before else candidates[0])


def _coreferents(ex: Extraction, names: list[Mention], uf: UnionFind[Mention]) -> None:
    """kg.coref.v1: a pronoun or a description ("she", "the actress") joins the name extraction found it stands
    for; none whose name is no entity's."""
    at = {(m.prov.start, m.prov.end): m for m in names}
    for m in ex.mentions:
        if m.antecedent is not None and (name := at.get(m.antecedent)) is not None and m not in uf._parent:
            uf.add(m)
            uf.union(name, m)


def _role_holder(ex: Extraction, phrase: Mention) -> Mention | None:
    holders = [r.person for r in ex.roles if r.head == phrase.role]
    if not holders:
        return None
    before = [p for p in holders if p.prov.start < phrase.prov.start]
    return before[-1] if before else holders[0]
