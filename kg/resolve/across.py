"""Resolution across articles: article clusters that name the same thing become one entity.

Each article cluster gets keys; clusters sharing a key merge (union-find, so the work grows with the number of
keys, not with pairs of clusters). Keys, strongest first:
- ``id:``   the user's patterns file gave the mention an id;
- ``geo:``  a maintained gazetteer knows the name as a place (GeoNames id): "Republic of Azerbaijan" = "Azerbaijan";
- ``org:``  a government body with its country: "Azerbaijani Foreign Ministry" = "Ministry of Foreign Affairs of
  Azerbaijan Republic";
- ``name:`` a normalised name (acronyms included: "UN" defined as "United Nations" in one article links the
  articles that only say "UN").
A person's one-word name (a surname with no full name in its article) joins the one person of the corpus with
that surname, and stays apart when there are several. A lone acronym joins the one long form whose initials it
is. The model's label is never part of a key: two labels never make two entities by themselves.
"""

from __future__ import annotations

import re
from collections import Counter, defaultdict
from dataclasses import dataclass
from itertools import combinations

from kg.lexicon import HONORIFICS, NOBLE, SPELLINGS, first_names, gender_of_name, nickname_of, person_nouns
from kg.model import Mention
from kg.resolve.acronyms import acronym_key, initials, is_acronym
from kg.resolve.cluster import UnionFind
from kg.resolve.gazetteer import Gazetteer, Place
from kg.resolve.names import name_key, strip_parenthetical
from kg.resolve.orgs import org_key, short_name, without_legal_form

_INNER_ACRONYM = re.compile(r"^(?P<long>[^()]+?)\s*\((?P<acr>[A-Z][A-Za-z.&]{1,9})\)")


@dataclass(slots=True)
class Cluster:
    """The mentions of one thing in one article."""

    index: int
    mentions: list[Mention]
    article_country: str | None

    @property
    def names(self) -> list[Mention]:
        return [m for m in self.mentions if m.label not in ("ROLE", "PRON")]

    def surely_person(self) -> bool:
        """A rule said so, or a full name was tagged as a person."""
        return any(m.hint == "Person" or (m.label == "PERSON" and len(m.text.split()) >= 2) for m in self.names)

    def personish(self) -> bool:
        names = self.names
        hinted = any(m.hint == "Person" for m in names)
        people = sum(1 for m in names if m.label == "PERSON")
        multi = any(len(m.text.split()) >= 2 for m in names if m.label == "PERSON" or m.hint == "Person")
        return hinted or multi or people * 2 > len(names)


def place_of(cluster: Cluster, gaz: Gazetteer) -> Place | None:
    """The gazetteer place the cluster names, unless the evidence says it is a person."""
    if cluster.surely_person():
        return None
    for m in cluster.names:
        place = gaz.lookup(m.text)
        if place is not None and (place.kind == "Country" or not is_acronym(m.text) or _capital_city(m, place)):
            return place  # an acronym is a place only as a country's ("UK", "US"), never "Un" for "UN"
    for m in cluster.names:  # a nationality word that stands for its country (_demonyms_as_countries), or
        # one a rule says is a place ("Welsh-based": Wales)
        if (m.label == "NORP" or m.hint == "Place") and (country := gaz.demonym_country(m.text)) is not None:
            return country
    return None


def _capital_city(m: Mention, place: Place) -> bool:
    """ "NAIROBI", "GENEVA": a city's name in capitals (a dateline, a headline), not an acronym, when a rule
    says it is a place or the word is too long for most acronyms."""
    return place.kind != "Country" and (m.hint == "Place" or len(m.text) >= 6)


def group_key(name: str) -> str:
    """ "Labour Party", "Labour party" and "Labour"; "Conservatives" and "Conservative": one key for a party or a
    group named with or without "Party" and in the singular or the plural."""
    words = name_key(name).split()
    if len(words) > 1 and words[-1] == "party":
        words = words[:-1]
    last = words[-1] if words else ""
    if len(last) > 4 and last.endswith("ies"):
        words[-1] = last[:-3] + "y"
    elif len(last) > 3 and last.endswith("s") and not last.endswith("ss"):
        words[-1] = last[:-1]
    return " ".join(words)


def spelling_key(name: str) -> str:
    """The name key with British spellings American and hyphens spaces: "SAP-Arena", "SAP Arena"; "Centre",
    "Center"."""
    return " ".join(SPELLINGS.get(w, w) for w in name_key(name).replace("-", " ").split())


def _without_description(name: str, gaz: Gazetteer) -> str | None:
    """The key of a person's name without a word that describes the person before it: a noun for a kind of person
    that is no first name ("Comedian", "Quarterback") or a nationality ("American"); None when there is none or
    fewer than two words would be left. A title kept as part of a name ("Prince William") stays."""
    words = name.split()
    first = words[0].lower().rstrip(".,")
    if len(words) < 3 or first in NOBLE or first in HONORIFICS or first in first_names():
        return None
    if first in person_nouns() or gaz.is_demonym(words[0]):
        return name_key(" ".join(words[1:]))
    return None


def place_key(place: Place) -> str:
    """The key of a gazetteer place: its GeoNames id, else its ISO 3166 code (the gazetteer's own key)."""
    return f"geo:{place.key}"


def acronym_table(clusters: list[Cluster]) -> dict[str, str]:
    """Acronyms the corpus defines, to their long form's key: "United Nations (UN) Human Rights Council" and a
    cluster holding both "UN" and "United Nations" define UN. An acronym with two long forms is left out."""
    found: dict[str, set[str]] = defaultdict(set)
    for c in clusters:
        names = [m.text for m in c.names]
        for n in names:
            inner = _INNER_ACRONYM.search(n)
            if inner and acronym_key(inner["acr"]) in initials(inner["long"]):
                found[acronym_key(inner["acr"])].add(name_key(inner["long"]))
        acronyms = [acronym_key(n) for n in names if is_acronym(n)]
        for a in acronyms:
            for n in names:
                if not is_acronym(n) and a in initials(strip_parenthetical(n)):
                    found[a].add(name_key(strip_parenthetical(n)))
    return {a: next(iter(longs)) for a, longs in found.items() if len(longs) == 1}


def expanded(name: str, table: dict[str, str]) -> str | None:
    """ "UN Human Rights Council" -> "united nations human rights council" when UN is defined."""
    words = strip_parenthetical(name).split()
    if len(words) < 2 or not any(acronym_key(w) in table for w in words if is_acronym(w)):
        return None
    return " ".join(table[acronym_key(w)] if is_acronym(w) and acronym_key(w) in table else name_key(w) for w in words)


def keys(cluster: Cluster, gaz: Gazetteer, table: dict[str, str] | None = None) -> set[str]:
    out: set[str] = set()
    names = cluster.names
    for m in names:
        if m.key:
            out.add(f"id:{m.key}")
    place = place_of(cluster, gaz)
    if place is not None:
        out.add(place_key(place))
        return out
    for m in names:
        org = org_key(m.text, gaz, cluster.article_country) if not cluster.personish() else None
        if org is not None:
            out.add(org)
        elif is_acronym(m.text):
            out.add(f"name:{acronym_key(m.text).lower()}")
        elif len(m.text.split()) >= 2 or not cluster.personish():
            text = strip_parenthetical(m.text)
            out.add(f"name:{name_key(text)}")
            if cluster.personish() and (plain := _without_nickname(text)) != text and " " in plain:
                out.add(f"name:{name_key(plain)}")  # 'Vincent "The Chin" Gigante' is Vincent Gigante
            if cluster.personish() and (bare := _without_description(text, gaz)) is not None:
                out.add(f"name:{bare}")  # "Comedian Ellen DeGeneres", "American Hasim Rahman"
            if not cluster.personish():
                out.add(f"name:{group_key(text)}")
                if (spelled := spelling_key(text)) != name_key(text):
                    out.add(f"name:{spelled}")  # "Betty Ford Centre", "Betty Ford Center"; "SAP-Arena", "SAP Arena"
                short = without_legal_form(text)
                if short is not None:
                    out.add(f"name:{short}")
                longer = expanded(text, table or {})
                if longer:
                    out.add(f"name:{longer}")
    return out


def merge(clusters: list[Cluster], gaz: Gazetteer) -> list[list[Cluster]]:
    """Clusters grouped into entities."""
    uf: UnionFind[int] = UnionFind(c.index for c in clusters)
    owner: dict[str, int] = {}
    cluster_keys: dict[int, set[str]] = {}
    table = acronym_table(clusters)
    for c in clusters:
        ks = keys(c, gaz, table)
        cluster_keys[c.index] = ks
        for k in sorted(ks):
            if k in owner:
                uf.union(owner[k], c.index)
            else:
                owner[k] = c.index
    _surnames(clusters, cluster_keys, uf)
    _lone_acronyms(clusters, cluster_keys, uf)
    _short_names(clusters, uf, gaz)
    _middle_names(clusters, uf)
    _nicknames(clusters, uf)
    groups = uf.groups()
    by_index = {c.index: c for c in clusters}
    return [[by_index[i] for i in sorted(g)] for _, g in sorted(groups.items())]


def _surnames(clusters: list[Cluster], cluster_keys: dict[int, set[str]], uf: UnionFind[int]) -> None:
    """kg.surnames.v1 across articles: a surname-only person joins the corpus's one person of that surname."""
    by_surname: dict[str, set[int]] = defaultdict(set)
    full_names: Counter[int] = Counter()
    for c in clusters:
        if not c.personish():
            continue
        for m in c.names:
            words = m.text.split()
            if len(words) >= 2:
                by_surname[name_key(words[-1])].add(uf.find(c.index))
                full_names[uf.find(c.index)] += 1  # by root; kept up to date below
    for c in clusters:
        if cluster_keys[c.index] or not c.personish():
            continue
        surnames = {name_key(m.text) for m in c.names}
        owners = {o for s in surnames for o in by_surname.get(s, set())}
        owners = {uf.find(o) for o in owners}
        salient = _most_named(owners, full_names) if len(owners) > 1 else None
        if len(owners) == 1 or salient is not None:
            target = salient if salient is not None else owners.pop()
            uf.union(target, c.index)
            if (root := uf.find(c.index)) != target:
                full_names[root] += full_names.pop(target, 0)
        else:
            cluster_keys[c.index] = {f"name:{s}" for s in surnames}
    # surname-only clusters left alone still merge with each other by their name
    owner: dict[str, int] = {}
    for c in clusters:
        for k in sorted(cluster_keys[c.index]):
            if k in owner:
                uf.union(owner[k], c.index)
            else:
                owner.setdefault(k, c.index)


def _most_named(owners: set[int], totals: Counter[int]) -> int | None:
    """Of the people who share a surname, the one the corpus names in full far more often than any other (three
    times): an article that gives the surname alone means that one ("Obama" beside "Barack Obama" and, twice,
    "Michelle Obama"). ``totals``: the full-name mentions of each person, by union-find root."""
    ranked = sorted(owners, key=lambda o: (-totals[o], o))
    if totals[ranked[0]] >= 3 * max(1, totals[ranked[1]]):
        return ranked[0]
    return None


def _lone_acronyms(clusters: list[Cluster], cluster_keys: dict[int, set[str]], uf: UnionFind[int]) -> None:
    """kg.acronyms.v1 across articles: an acronym with no long form joins the one long form it abbreviates."""
    longs: dict[str, set[int]] = defaultdict(set)
    for c in clusters:
        for m in c.names:
            if not is_acronym(m.text) and len(m.text.split()) >= 2:
                for ini in initials(m.text):
                    longs[ini].add(uf.find(c.index))
    for c in clusters:
        names = c.names
        if not names or not all(is_acronym(m.text) for m in names):
            continue
        owners = {uf.find(o) for o in longs.get(acronym_key(names[0].text), set())}
        if len(owners) == 1:
            uf.union(owners.pop(), c.index)


def _short_names(clusters: list[Cluster], uf: UnionFind[int], gaz: Gazetteer) -> None:
    """kg.orgs.v1 across articles: a company named short ("Vexa", "ACS") joins the one company of the corpus
    whose name is that and the words of its trade or legal form ("Vexa Technologies", "ACS Data Systems");
    with two such companies ("Virgin Media", "Virgin Trains") it stays apart."""
    longs: dict[str, set[int]] = defaultdict(set)
    for c in clusters:
        if c.personish():
            continue
        for m in c.names:
            for short in (short_name(m.text), _without_place(m.text, gaz)):
                if short is not None:
                    longs[short].add(uf.find(c.index))
    for c in clusters:
        if c.personish() or not c.names or place_of(c, gaz) is not None:
            continue
        shorts = {name_key(m.text) for m in c.names}
        if len(shorts) != 1:
            continue
        owners = {uf.find(o) for o in longs.get(shorts.pop(), set())} - {uf.find(c.index)}
        if len(owners) == 1:
            uf.union(owners.pop(), c.index)


_NICKNAME = re.compile(r"\s*[\"“][^\"”]{1,30}[\"”]\s*")


def _without_nickname(name: str) -> str:
    """'Vincent "The Chin" Gigante' -> 'Vincent Gigante'."""
    return _NICKNAME.sub(" ", name).strip()


def _without_place(name: str, gaz: Gazetteer) -> str | None:
    """ "Boston Red Sox" -> "red sox": a team or firm named after its city, without the city's name."""
    words = name.split()
    for n in (1, 2, 3):
        if len(words) > n and words[n][:1].isupper() and gaz.lookup(" ".join(words[:n])) is not None:
            return name_key(" ".join(words[n:]))
    return None


def _middle_names(clusters: list[Cluster], uf: UnionFind[int]) -> None:
    """kg.surnames.v1 across articles: "John Miller" is "John Robert Miller" when the corpus has one person of
    that first name and surname with a middle name; two such people ("John Robert", "John Edward"): neither."""
    full: dict[str, set[int]] = defaultdict(set)
    for c in clusters:
        if c.personish():
            for m in c.names:
                words = name_key(_without_nickname(m.text)).split()
                if len(words) >= 3:
                    full[f"{words[0]} {words[-1]}"].add(uf.find(c.index))
                    full[" ".join(words[1:])].add(uf.find(c.index))  # "Lo Presti" of "Gaetano Lo Presti"
                    full[" ".join(words)].add(uf.find(c.index))
    for c in clusters:
        if not c.personish():
            continue
        twos = {name_key(_without_nickname(m.text)) for m in c.names if len(m.text.split()) >= 2}
        for two in sorted(twos):
            owners = {uf.find(o) for o in full.get(two, set())}
            if len(owners) == 1 and (owner := owners.pop()) != uf.find(c.index):
                uf.union(owner, c.index)


def _nicknames(clusters: list[Cluster], uf: UnionFind[int]) -> None:
    """kg.surnames.v1 across articles: "Fred LaRue" is "Frederick LaRue" (one first name a nickname of the other,
    :func:`kg.lexicon.nickname_of`) when each of the two names one person and is the other's only such variant
    in the corpus ("Fred" beside "Frederick" and "Alfred": neither); never across sexes ("Chris", "Christine")."""
    people: dict[tuple[str, str], set[int]] = defaultdict(set)  # (surname, first name) -> people (roots)
    for c in clusters:
        if c.personish():
            for m in c.names:
                words = name_key(_without_nickname(m.text)).split()
                if len(words) >= 2 and len(words[0]) > 1:
                    people[words[-1], words[0]].add(uf.find(c.index))
    firsts: dict[str, list[str]] = defaultdict(list)
    for surname, first in sorted(people):
        firsts[surname].append(first)
    variants: dict[tuple[str, str], list[str]] = defaultdict(list)
    for surname, names in firsts.items():
        for a, b in combinations(names, 2):
            if nickname_of(a, b) and {gender_of_name(a), gender_of_name(b)} - {None} != {"F", "M"}:
                variants[surname, a].append(b)
                variants[surname, b].append(a)
    for (surname, a), found in sorted(variants.items()):
        b = found[0]
        if len(found) == 1 and variants[surname, b] == [a] and len(people[surname, a]) == len(people[surname, b]) == 1:
            uf.union(next(iter(people[surname, a])), next(iter(people[surname, b])))


def article_country(clusters: list[list[Mention]], gaz: Gazetteer) -> str | None:
    """The country an article is about, to qualify "the Foreign Ministry": the first country it names (news
    leads with its main actor)."""
    first: tuple[int, str] | None = None
    for cluster in clusters:
        for m in cluster:
            if m.label == "ROLE" or m.label == "PERSON":
                continue
            place = gaz.lookup(m.text)
            if place is not None and place.kind == "Country" and place.iso3166:
                if first is None or m.prov.start < first[0]:
                    first = (m.prov.start, place.iso3166)
    return first[1] if first else None
