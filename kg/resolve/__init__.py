"""Resolution: mentions -> entities. Extraction proposes mentions; this stage decides what they refer to.

within each article (kg.resolve.within)  ->  across the corpus (kg.resolve.across)  ->  type, name, links
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Mapping, Sequence

from kg.lexicon import STATE_POSTS
from kg.model import Entity, EntityKind, Extraction, Link, Mention, Resolution
from kg.resolve.acronyms import is_acronym
from kg.resolve.across import Cluster, article_country, merge, place_key, place_of
from kg.resolve.comention import comentions
from kg.resolve.facts import Facts
from kg.resolve.filters import is_name
from kg.resolve.gazetteer import Gazetteer, Place, gazetteer
from kg.resolve.kinds import KINDS, TOP, vote
from kg.resolve.names import name_key, normalize_name, strip_parenthetical
from kg.resolve.orgs import has_legal_form
from kg.resolve.rescan import found_again
from kg.resolve.within import article_clusters
from kg.vocab import vocabulary

__all__ = ["resolve"]


def resolve(
    extractions: Sequence[Extraction],
    *,
    links: Mapping[str, Sequence[str]] | None = None,
    kinds: Mapping[str, str] | None = None,
    gaz: Gazetteer | None = None,
) -> Resolution:
    """The entities named in ``extractions``. ``links`` and ``kinds`` map a user pattern id to the IRIs it is the
    same as and to its type; the user's type wins over every other piece of evidence."""
    gaz = gaz or gazetteer()
    given = extractions
    extractions = found_again(extractions, gaz)
    found = tuple(
        m
        for old, new in zip(given, extractions, strict=True)
        if new is not old
        for m in set(new.mentions) - set(old.mentions)
    )
    clusters: list[Cluster] = []
    countries: dict[str, str | None] = {}
    countries_named = _demonyms_as_countries(extractions, gaz)
    for ex in extractions:
        names = [m for m in ex.mentions if is_name(m, gaz) or m in countries_named]
        groups = article_clusters(ex, names, gaz)
        country = article_country(groups, gaz)
        countries[ex.article.id] = country
        for group in groups:
            if any(m.label not in ("ROLE", "PRON") for m in group):
                clusters.append(Cluster(len(clusters), group, country))

    entities: list[Entity] = []
    mention_entity: dict[Mention, str] = {}
    for merged in merge(clusters, gaz):
        entity = _entity(merged, gaz, links or {}, kinds or {})
        if entity is None:
            continue
        entities.append(entity)
        for m in entity.mentions:
            mention_entity[m] = entity.key
    entities.sort(key=lambda e: e.key)
    by_code = {link.value: e.key for e in entities for link in e.links if link.scheme == "iso3166"}
    home = {doc: by_code.get(code) if code else None for doc, code in countries.items()}
    facts = Facts(extractions, entities, mention_entity, gaz, home)
    return Resolution(
        tuple(entities),
        mention_entity,
        tuple(facts.relations()),
        tuple(facts.events()),
        tuple(facts.quotes()),
        tuple(comentions(extractions, facts.of)),
        tuple(sorted(found, key=lambda m: (m.prov.doc_id, m.prov.start, m.prov.end))),
    )


#: Relations whose object is a place and nothing else (the ontology's range): a nationality word there stands for
#: its country (kg:nationality, kg:locatedIn).
_TO_COUNTRY = frozenset(name for name, term in vocabulary().relations.items() if term.range == {"Place"})


def _demonyms_as_countries(extractions: Sequence[Extraction], gaz: Gazetteer) -> set[Mention]:
    """The nationality words that stand for their country: in a relation ("the French singer
    X": X's nationality; "the Swiss giant Acme": located in Switzerland) or in the title of a state's post ("the
    Israeli minister X": a post of Israel). They become mentions of that country, which is an entity even where
    no article names it; other nationality words name nothing (kg.resolve.filters)."""
    found: set[Mention] = set()
    for ex in extractions:
        found.update(link.object for link in ex.links if link.predicate in _TO_COUNTRY and link.object.label == "NORP")
        posts = [r.prov for r in ex.roles if r.head in STATE_POSTS]
        if posts:
            found.update(
                m
                for m in ex.mentions
                if m.label == "NORP" and any(p.start <= m.prov.start and m.prov.end <= p.end for p in posts)
            )
    return {m for m in found if gaz.demonym_country(m.text) is not None}


def _entity(
    group: list[Cluster],
    gaz: Gazetteer,
    user_links: Mapping[str, Sequence[str]],
    user_kinds: Mapping[str, str],
) -> Entity | None:
    mentions = [m for c in group for m in c.mentions]
    names = [m for m in mentions if m.label not in ("ROLE", "PRON")]
    ids = sorted({m.key for m in names if m.key})
    place = next((p for c in group if (p := place_of(c, gaz)) is not None), None)
    user_kind = next((KINDS[user_kinds[i]] for i in ids if user_kinds.get(i) in KINDS), None)
    kind = user_kind or _kind(names, place)
    if kind is None:
        return None
    written = [m for m in names if place is None or not gaz.is_demonym(m.text)]  # "French" is no name of France
    label, aliases = _names(written, kind, place)
    key = place_key(place) if place is not None else f"{TOP[kind]}:{name_key(label)}"
    if ids:
        key = f"id:{ids[0]}"
    found: list[Link] = []
    if place is not None and TOP[kind] == "Place":
        if place.geonames_id is not None:
            found.append(Link("geonames", str(place.geonames_id)))
        if place.iso3166:
            found.append(Link("iso3166", place.iso3166))
        if place.wikidata:
            found.append(Link("wikidata", place.wikidata))
    for pattern_id in ids:
        found.extend(Link("iri", iri) for iri in user_links.get(pattern_id, ()))
    ordered = tuple(sorted(mentions, key=lambda m: (m.prov.doc_id, m.prov.start)))
    return Entity(key, kind, label, aliases, ordered, tuple(sorted(set(found), key=lambda x: (x.scheme, x.value))))


def _kind(names: list[Mention], place: Place | None) -> EntityKind | None:
    hinted = [m.hint for m in names if m.hint]
    if place is not None and "Person" not in hinted:
        return place.kind
    kind = vote(names)
    if kind is not None and TOP[kind] != "Organization" and any(has_legal_form(m.text) for m in names):
        return "Organization"  # "Kestrel Inc." said: a company, whatever the model made of "Kestrel said"
    return kind


def _names(names: list[Mention], kind: EntityKind, place: Place | None) -> tuple[str, tuple[str, ...]]:
    """The best name and the other names as written (normalised, without "the" or a possessive)."""
    counts: Counter[str] = Counter(normalize_name(strip_parenthetical(m.text)) for m in names)
    if place is not None:
        label = place.name
    else:

        def rank(n: str) -> tuple[int, int, int, int, str]:
            full = 0 if is_acronym(n) else 1
            if TOP[kind] == "Person":
                full = len(n.split()) >= 2
            plain = "'s " not in n  # "Azerbaijani Foreign Ministry" reads better than "Azerbaijan's ..."
            return (int(full), int(plain), counts[n], len(n), n)

        label = max(counts, key=rank)
    seen = {name_key(label)}
    aliases = []
    for n in sorted(counts):
        if name_key(n) not in seen:
            seen.add(name_key(n))
            aliases.append(n)
    return label, tuple(aliases)
