"""Facts between resolved entities: relations, events and quotes.

Extraction proposed them between mentions; here each end becomes an entity, or the fact is dropped (a relation
whose two ends are not both grounded in the text is never emitted). Rules, named in provenance:
- kg.roles.v1: a title gives holdsPosition (with the title as written), and headOf, spokespersonOf, chairs or
  memberOf by its role noun; the organisation or country is the one the title names, else the body the title's
  noun points back to ("the ministry spokesperson"), else, for a national office, the article's country;
- kg.relations.v1: what the text states (cooperation, chairmanship, membership, datelines), checked against the
  entities' types and the gazetteer;
- kg.partof.v1: an organisation named after another ("UN Human Rights Council") is part of it, and so is a
  company's arm named after it and a country or region ("Vertex Mobile USA", part of Vertex);
- kg.events.v2: events between entities (kg.resolve.events).
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable, Sequence

from kg.lexicon import BODY_NOUNS, GOVERNMENT_WORDS, NATIONAL, STATE_POSTS
from kg.model import SCORES, Entity, Event, Extraction, Mention, Provenance, Quote, Relation
from kg.resolve.acronyms import is_acronym
from kg.resolve.events import resolve_events
from kg.resolve.gazetteer import Gazetteer
from kg.resolve.kinds import TOP
from kg.resolve.names import name_key, strip_parenthetical
from kg.resolve.orgs import is_regional_arm, without_legal_form
from kg.vocab import vocabulary

PARTOF = "kg.partof.v1"
#: Relations that say less than the others: dropped where the same article relates the pair more precisely.
GENERAL = frozenset({"relatedTo", "affiliatedWith"})

#: Titles of the one who leads the body: "President X" is head of the country.
HEADS = (
    "president",
    "prime minister",
    "premier",
    "king",
    "queen",
    "emir",
    "sultan",
    "leader",
    "director general",
    "director - general",
    "chief executive",
    "ceo",
    "secretary general",
    "secretary - general",
    "mayor",
    "governor",
    "head of",
    "head",
)
SPOKES = frozenset({"spokesperson", "spokesman", "spokeswoman"})
CHAIRS = frozenset({"chairman", "chairwoman", "chairperson", "chair", "co-chairman"})
MEMBERS = frozenset({"mp", "mep", "candidate", "frontbencher", "backbencher", "member", "councillor", "senator"})


def _kinds_for(predicate: str) -> tuple[frozenset[str], frozenset[str]] | None:
    """The kinds a relation's ends may have, from the ontology (kg.vocab)."""
    term = vocabulary().relations.get(predicate)
    return (term.domain, term.range) if term is not None and term.domain and term.range else None


class Facts:
    """Resolves the facts of a corpus against its entities."""

    def __init__(
        self,
        extractions: Sequence[Extraction],
        entities: Sequence[Entity],
        mention_entity: dict[Mention, str],
        gaz: Gazetteer,
        article_country: dict[str, str | None],
    ) -> None:
        self.extractions = extractions
        self.entities = {e.key: e for e in entities}
        self.of = mention_entity
        self.gaz = gaz
        self.article_country = article_country  # doc id -> entity key of its main country
        self.country_keys = {
            link.value: e.key for e in entities for link in e.links if link.scheme == "iso3166" and e.kind == "Country"
        }
        self._resolve_pronouns()

    def top(self, key: str) -> str:
        return TOP[self.entities[key].kind]

    # ------------------------------------------------------------------ pronouns
    def _resolve_pronouns(self) -> None:
        """kg.pronouns.v1: "he", "his" is the nearest person named before it in the article."""
        for ex in self.extractions:
            people = sorted(
                (m.prov.start, key)
                for m in ex.mentions
                if (key := self.of.get(m)) is not None and self.top(key) == "Person"
            )
            for m in ex.mentions:
                if m.label != "PRON" or m in self.of:  # kg.coref.v1 joined it to its entity already
                    continue
                if m.role == "country":  # "our country": the article's country
                    home = self.article_country.get(ex.article.id)
                    if home is not None:
                        self.of[m] = home
                    continue
                before = [k for start, k in people if start < m.prov.start]
                if before:
                    self.of[m] = before[-1]

    # ------------------------------------------------------------------ relations
    def relations(self) -> list[Relation]:
        found: dict[tuple[str, str, str, str], Relation] = {}
        for rel in self._all_relations():
            key = (rel.subject, rel.predicate, rel.object, rel.prov.doc_id)
            if key not in found or found[key].confidence < rel.confidence:
                found[key] = rel
        # a pair the text relates more precisely in the same article keeps only that relation
        precise = {
            (r.prov.doc_id, *sorted((r.subject, r.object))) for r in found.values() if r.predicate not in GENERAL
        }
        kept = [
            r
            for r in found.values()
            if r.predicate not in GENERAL or (r.prov.doc_id, *sorted((r.subject, r.object))) not in precise
        ]
        affiliated = {(r.prov.doc_id, *sorted((r.subject, r.object))) for r in kept if r.predicate != "relatedTo"}
        kept = [
            r
            for r in kept
            if r.predicate != "relatedTo" or (r.prov.doc_id, *sorted((r.subject, r.object))) not in affiliated
        ]
        return sorted(kept, key=lambda r: (r.prov.doc_id, r.subject, r.predicate, r.object))

    def _all_relations(self) -> Iterable[Relation]:
        for ex in self.extractions:
            yield from self._stated(ex)
            yield from self._titles(ex)
        yield from self._part_of()

    def _stated(self, ex: Extraction) -> Iterable[Relation]:
        for link in ex.links:
            s, o = self.of.get(link.subject), self.of.get(link.object)
            if s is None or o is None or s == o:
                continue
            predicate = link.predicate
            if predicate == "locatedIn" and link.prov.extractor == SCORES and self.top(s) == "Person":
                predicate = "affiliatedWith"  # "Anna Vey (Germany)": the model's organisation is a person
            allowed = _kinds_for(predicate)
            if allowed and (self.top(s) not in allowed[0] or self.top(o) not in allowed[1]):
                continue
            if predicate == "locatedIn" and self.top(s) == "Place" and not self._contains(o, s):
                continue
            yield Relation(s, predicate, o, link.prov, link.confidence)

    def _contains(self, outer: str, inner: str) -> bool:
        """The gazetteer agrees that ``inner`` is in ``outer``: a city or region in its country, or a city in a
        region of the city's country ("Austin, Texas"; the gazetteer has no city's region); a place it does not
        know is taken to be in the region the text puts it in ("Park City, Utah"); a site that is no city, region
        or country and that the gazetteer does not know (a hall, a park, a gallery) is where the text puts it."""
        a, b = self.entities[inner], self.entities[outer]
        if a.kind == "Place" and b.kind in ("City", "Region", "Country") and self.gaz.lookup(a.label) is None:
            return True
        code = next((link.value for link in b.links if link.scheme == "iso3166"), None)
        if code is None or a.kind == "Country" or b.kind not in ("Country", "Region"):
            return False
        place = self.gaz.lookup(a.label)
        if b.kind == "Region":  # its code is ISO 3166-2: "US-TX"; a region is in no region
            return a.kind != "Region" and (
                place is None or (place.kind == "City" and place.country == code.split("-")[0])
            )
        return place is not None and place.country == code

    def _titles(self, ex: Extraction) -> Iterable[Relation]:
        for role in ex.roles:
            person = self.of.get(role.person)
            if person is None or self.top(person) != "Person":
                continue
            body, confidence = self._body_of(ex, role.prov, role.title, role.head)
            if body is None:
                continue
            title = _title_core(role.title, [m.text for m in ex.mentions if _inside(m.prov, role.prov)])
            start, end = min(role.prov.start, role.person.prov.start), max(role.prov.end, role.person.prov.end)
            prov = Provenance(role.prov.doc_id, start, end, role.prov.sentence, role.prov.extractor)
            head = role.head
            if head in MEMBERS and self.top(body) == "Organization":
                yield Relation(person, "memberOf", body, prov, confidence)
                continue
            yield Relation(person, "holdsPosition", body, prov, confidence, role=title or role.title)
            low = " ".join(role.title.lower().replace("-", " - ").split())
            rank = set(low.split()) & {"deputy", "vice", "former", "ex", "shadow", "acting", "assistant"}
            if any(f" {h} " in f" {low} " for h in HEADS) and not rank:
                yield Relation(person, "headOf", body, prov, confidence)
            if head in SPOKES:
                yield Relation(person, "spokespersonOf", body, prov, confidence)
            if head in CHAIRS and self.top(body) == "Organization":
                yield Relation(person, "chairs", body, prov, confidence)

    def _body_of(self, ex: Extraction, span: Provenance, title: str, head: str) -> tuple[str | None, float]:
        """The organisation or country a title belongs to, and how sure that is."""
        inside = [
            m
            for m in ex.mentions
            if _inside(m.prov, span) and m.label != "ROLE" and self.gaz.demonym_country(m.text) is None
        ]
        for m in sorted(inside, key=lambda m: -m.prov.start):  # "of X" at the end of the title wins
            key = self.of.get(m)
            if key is not None and self.top(key) in ("Organization", "Place"):
                return key, 0.9
        words = set(name_key(title).split())
        if head in STATE_POSTS:  # "the Israeli minister": a post of the country the nationality word stands for
            for m in ex.mentions:
                key = self.of.get(m) if m.label == "NORP" and _inside(m.prov, span) else None
                if key is not None and self.top(key) == "Place":
                    return key, 0.8
        # "German Chancellor": Germany's, when the article names Germany; "French singer X" is no post of France
        for word in title.split() if head in STATE_POSTS else ():
            country = self.gaz.demonym_country(word)
            key = self.country_keys.get(country.iso3166 or "") if country is not None else None
            if key is not None and any(self.of.get(m) == key for m in ex.mentions):
                return key, 0.8
        nouns = words & BODY_NOUNS
        if nouns:  # "the ministry spokesperson": the ministry the article named before
            before = sorted(
                ((m.prov.start, key) for m in ex.mentions if m.prov.start < span.start and (key := self.of.get(m))),
                reverse=True,
            )
            for _, key in before:
                if self.top(key) == "Organization" and nouns & set(name_key(self.entities[key].label).split()):
                    return key, 0.75
            return None, 0.0
        if (
            head in NATIONAL
            and not words - {head, "prime", "deputy", "vice", "the", "and", "for", "of"} - GOVERNMENT_WORDS
        ):
            return self.article_country.get(ex.article.id), 0.55
        return None, 0.0

    def _part_of(self) -> Iterable[Relation]:
        """kg.partof.v1: "UN Human Rights Council" is part of the UN; "BBC Radio Scotland" of the BBC."""
        orgs = [e for e in self.entities.values() if TOP[e.kind] == "Organization"]
        by_name: dict[str, str] = {}
        for e in orgs:
            for n in (e.label, *e.aliases):
                by_name.setdefault(name_key(strip_parenthetical(n)), e.key)
                if (bare := without_legal_form(strip_parenthetical(n))) is not None:
                    by_name.setdefault(bare, e.key)  # "Kestrel Inc." is named "Kestrel" in "Kestrel Europe"
        told_in = {e.key: {m.prov.doc_id for m in e.mentions} for e in orgs}  # the articles naming each
        for e in orgs:
            for m in e.mentions:
                if m.label == "ROLE":
                    continue
                words = strip_parenthetical(m.text).split()
                prov = Provenance(m.prov.doc_id, m.prov.start, m.prov.end, m.prov.sentence, PARTOF)
                for cut in range(len(words) - 1, 0, -1):  # "UN Human Rights Council" in the UN
                    parent = by_name.get(name_key(" ".join(words[:cut])))
                    if (
                        parent is not None
                        and parent != e.key
                        and (cut > 1 or is_acronym(words[0]) or is_regional_arm(words[cut:], self.gaz))
                    ):
                        yield Relation(e.key, "partOf", parent, prov, 0.8)
                        break
                else:  # "Parliamentary Labour Party" in the Labour Party, when one article names both
                    for cut in range(1, len(words) - 1):
                        parent = by_name.get(name_key(" ".join(words[cut:])))
                        if (
                            parent is not None
                            and parent != e.key
                            and words[0][0].isupper()
                            and m.prov.doc_id in told_in[parent]
                        ):
                            yield Relation(e.key, "partOf", parent, prov, 0.7)
                            break

    # ------------------------------------------------------------------ events
    def events(self) -> list[Event]:
        datelines = {
            ex.article.id: key
            for ex in self.extractions
            if ex.dateline is not None and (key := self.of.get(ex.dateline)) is not None
        }
        return resolve_events(self.extractions, self.of, self.top, lambda k: self.entities[k].label, datelines)

    # ------------------------------------------------------------------ quotes
    def quotes(self) -> list[Quote]:
        out = []
        for ex in self.extractions:
            for q in ex.quotes:
                key = self.of.get(q.speaker)
                if key is not None and self.top(key) in ("Person", "Organization", "Place"):
                    out.append(Quote(key, q))
        return out


def _inside(inner: Provenance, outer: Provenance) -> bool:
    return inner.doc_id == outer.doc_id and outer.start <= inner.start and inner.end <= outer.end


def _title_core(title: str, names: list[str]) -> str:
    """ "Minister of Foreign Affairs of Azerbaijan Republic" -> "Minister of Foreign Affairs": the title without
    the body it names at its end, nor a leading "the"."""
    core = title
    for n in sorted(names, key=len, reverse=True):
        if n and core.endswith(n):
            core = core[: -len(n)]
        elif n and core.startswith(n) and len(core) > len(n):  # "Brazil coach", "Acme's chief executive"
            core = core[len(n) :].lstrip().removeprefix("'s ").removeprefix("’s ")
    words = core.split()
    while words and words[-1].lower() in ("of", "the", "for", "at", "in", "to", "with", ","):
        words.pop()
    while words and words[0].lower() in ("the", "a", "an"):
        words.pop(0)
    return " ".join(words)


def by_doc(items: Iterable[Relation]) -> dict[str, list[Relation]]:
    out: dict[str, list[Relation]] = defaultdict(list)
    for r in items:
        out[r.prov.doc_id].append(r)
    return out
