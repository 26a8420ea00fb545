"""Frozen records passed between the stages: ingest -> extract -> resolve -> graph.

Every record is immutable and hashable, so duplicates fall out of a set and a stage can never change what an
earlier stage produced.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date
from typing import Literal

#: The ontology classes an entity can have (local names in the ``kg:`` namespace).
EntityKind = Literal["Person", "Organization", "Place", "Country", "City", "Region", "Event"]

#: What a spaCy NER label says about the type of the thing named.
NER_KIND: dict[str, EntityKind] = {
    "PERSON": "Person",
    "ORG": "Organization",
    "GPE": "Place",
    "LOC": "Place",
    "FAC": "Place",
    "EVENT": "Event",
    "NORP": "Organization",  # a political group that is not a nationality or a religion: "Conservatives"
}

#: The model's labels of places: a thing named "in" or "at" one of them is where something is.
PLACE_LABELS = frozenset(label for label, kind in NER_KIND.items() if kind == "Place")

#: The top-level class of each kind (what the IRI path and the view's colour use).
TOP: dict[EntityKind, EntityKind] = {
    "Person": "Person",
    "Organization": "Organization",
    "Place": "Place",
    "Country": "Place",
    "City": "Place",
    "Region": "Place",
    "Event": "Event",
}

#: The XSD datatypes a calendar value can have.
Granularity = Literal["date", "gYearMonth", "gYear"]


@dataclass(frozen=True, slots=True)
class Article:
    """One news article, as read from a file (or one line of a ``.jsonl`` file)."""

    id: str  # sha256 of the text, first 16 hex digits: stable across runs and machines
    source: str  # where it was read from: the path as given, with ``#line`` for .jsonl, or the URL
    text: str
    title: str
    published: date | None = None
    publisher: str | None = None  # the news source as the text names it ("Trend", "News.Az")
    publisher_span: tuple[int, int] | None = None  # offsets of that name in ``text``
    url: str | None = None


@dataclass(frozen=True, slots=True)
class TimeValue:
    """A calendar value at the precision the text gives: ``2020-11-10`` (date), ``2020-11``, ``2020``."""

    value: str  # ISO lexical form of the XSD type
    granularity: Granularity


@dataclass(frozen=True, slots=True)
class Interval:
    """A range such as "from 1987 to 1991" (an OWL-Time interval)."""

    start: TimeValue
    end: TimeValue


@dataclass(frozen=True, slots=True)
class Provenance:
    """Where a mention or a relation came from: article, sentence and character offsets, and the rule."""

    doc_id: str
    start: int  # character offset in the article text
    end: int
    sentence: int  # index of the sentence in the article
    extractor: str  # versioned name of the rule or model, e.g. "kg.ner.v1"


@dataclass(frozen=True, slots=True)
class Sentence:
    doc_id: str
    index: int
    start: int
    end: int
    text: str


@dataclass(frozen=True, slots=True)
class Mention:
    """A span of an article that names something.

    ``label`` is the model's (or a rule's) guess of the type, one vote among many: resolution decides the type of
    the entity from all its mentions. ``time`` is set for dates, ``interval`` for date ranges.
    """

    text: str
    label: str  # PERSON, ORG, GPE, LOC, FAC, EVENT, NORP, DATE, ...
    prov: Provenance
    time: TimeValue | None = None
    interval: Interval | None = None
    hint: str | None = None  # a rule's stronger evidence for the type ("Person" after "Minister"), or None
    role: str | None = None  # for a role phrase ("the minister", label ROLE): its role noun, "minister"
    key: str | None = None  # a user pattern's id: mentions with the same key are one entity
    antecedent: tuple[int, int] | None = None  # a pronoun's or description's: the span of the name it stands for


@dataclass(frozen=True, slots=True)
class Role:
    """A title given to a named person in the text: "Foreign Minister of X" for "Jeyhun Bayramov"."""

    person: Mention
    title: str  # as written, e.g. "Minister of Foreign Affairs of Azerbaijan Republic"
    head: str  # the role noun, lower case: "minister"
    prov: Provenance  # the title's span


@dataclass(frozen=True, slots=True)
class RelationMention:
    """A relation as the text states it, between two mentions (extraction's proposal; resolution maps the ends
    to entities and drops it when either end is not an entity)."""

    subject: Mention
    predicate: str  # local name of a kg object property: "cooperatesWith", "chairs", "memberOf", ...
    object: Mention
    prov: Provenance  # the span that states it (a trigger or the whole pattern) and the rule
    confidence: float


#: The semantic roles of an event's arguments (sub-properties of kg:argument in the ontology).
ArgRole = Literal["agent", "patient", "recipient", "participant", "opponent", "source", "host", "place"]


@dataclass(frozen=True, slots=True)
class Argument:
    """A participant of an event in a named role; ``link`` is the word that attaches it, when one does ("from"
    in "an order from X"), for the event's label."""

    role: ArgRole
    mention: Mention
    link: str = ""


#: The link of a doer a listing verb names ("winners included X"): the event's label reads "X among the winners".
AMONG = "among"


@dataclass(frozen=True, slots=True)
class EventMention:
    """An event as one sentence tells it: its type, trigger, participants, date and place."""

    type: str  # a kg:Event sub-class of the ontology (Meeting, Acquisition, ...), or "Event"
    trigger: Mention  # the trigger span (label EVENT_TRIGGER)
    arguments: tuple[Argument, ...]
    time: TimeValue | None
    theme: str | None  # the head noun of what the event is about ("statement" signed, "constitution" adopted)
    confidence: float
    definite: bool = False  # told as "the meeting": refers back to an event already told
    phrase: str = ""  # the words that tell it: "the state visit to Japan by the prime minister"
    frame: int | None = None  # offset of the trigger of the visit or session it happens during, if the text says
    lemma: str = ""  # the trigger's dictionary form: "meet", "resignation", "step_down"
    modality: str | None = None  # negated, future, planned, possible; None when told as a fact
    reported: int | None = None  # for a statement: offset of the trigger of the event it reports
    verb: str = ""  # the trigger with its auxiliaries, negation and particle as written: "did not meet"
    theme_text: str = ""  # what is done, when it is no entity, as written: "an order", "interest rates"
    noun: bool = False  # told by a noun ("the meeting"), not a verb
    passive: bool = False  # told in the passive voice ("was appointed")
    head: str = ""  # a noun trigger with its modifiers as written: "business trip"
    theme_is_subject: bool = False  # the theme is what the clause's subject names ("The Constitution adopted ...")


@dataclass(frozen=True, slots=True)
class QuoteMention:
    """Quoted or reported speech and who said it."""

    speaker: Mention
    quote: Provenance  # the span of the words said
    text: str
    verb: str  # the speech verb as written: "said", "stressed"
    prov: Provenance  # the sentence of the speech verb and the rule
    confidence: float


@dataclass(frozen=True, slots=True)
class Extraction:
    """Everything extraction found in one article."""

    article: Article
    sentences: tuple[Sentence, ...]
    mentions: tuple[Mention, ...]
    roles: tuple[Role, ...] = ()
    links: tuple[RelationMention, ...] = ()
    events: tuple[EventMention, ...] = ()
    quotes: tuple[QuoteMention, ...] = ()
    dateline: Mention | None = None  # the place of the article's dateline ("BAKU, Azerbaijan"), if it has one


@dataclass(frozen=True, slots=True)
class Link:
    """An identifier of the entity in an outside authority (GeoNames, ISO 3166, Wikidata)."""

    scheme: Literal["geonames", "iso3166", "wikidata", "iri"]
    value: str


@dataclass(frozen=True, slots=True)
class Entity:
    """One real-world thing, resolved from its mentions across the corpus."""

    key: str  # stable resolution key; the graph mints the IRI from kind and key
    kind: EntityKind
    label: str
    aliases: tuple[str, ...]
    mentions: tuple[Mention, ...]
    links: tuple[Link, ...] = ()


@dataclass(frozen=True, slots=True)
class Relation:
    """A typed, evidenced fact between two entities (subject and object are entity keys)."""

    subject: str
    predicate: str  # local name of an object property in the ontology
    object: str
    prov: Provenance
    confidence: float
    role: str | None = None  # for holdsPosition: the title as written ("Foreign Minister")


@dataclass(frozen=True, slots=True)
class Event:
    """One real-world event, resolved from its mentions across articles."""

    key: str
    type: str
    label: str  # what happened in a few words, from its parts: "Acme Aerospace won an order from Gulf Air"
    time: TimeValue | None
    arguments: tuple[tuple[str, str], ...]  # (role, entity key), sorted
    place: str | None  # entity key
    theme: str | None
    mentions: tuple[EventMention, ...]
    confidence: float
    modality: str | None = None
    reports: tuple[str, ...] = ()  # keys of the events a statement reports


@dataclass(frozen=True, slots=True)
class Quote:
    """Words said by an entity, as one article reports them."""

    speaker: str  # entity key
    mention: QuoteMention


@dataclass(frozen=True, slots=True)
class CoMention:
    """Two entities named in the same sentence: in how many sentences and articles, and some of those sentences."""

    a: str  # entity key (a < b)
    b: str
    sentences: int
    articles: int
    evidence: tuple[tuple[str, int], ...]  # (doc id, sentence index), at most a few


@dataclass(frozen=True, slots=True)
class Skipped:
    """An input that could not be used, and why (one line, for the user)."""

    source: str
    reason: str
    code: str


@dataclass(frozen=True, slots=True)
class Resolution:
    """The outcome of resolution: the entities, and for each mention the key of the entity it refers to;
    ``found`` holds the mentions resolution itself added to the extractions' (names found again, kg.names.v1),
    which the graph writes beside them."""

    entities: tuple[Entity, ...]
    mention_entity: dict[Mention, str] = field(hash=False, compare=False)
    relations: tuple[Relation, ...] = ()
    events: tuple[Event, ...] = ()
    quotes: tuple[Quote, ...] = ()
    comentions: tuple[CoMention, ...] = ()
    found: tuple[Mention, ...] = ()


#: Versioned names of the extractors, written into the provenance of what each produced (and declared as
#: individuals of kg:Extractor in ontology/kg.ttl).
NER = "kg.ner.v1"
DATES = "kg.dates.v1"
PUBLISHER = "kg.publisher.v1"
ROLES = "kg.roles.v1"
RELATIONS = "kg.relations.v1"
AFFILIATIONS = "kg.affiliations.v1"
SYNTAX = "kg.syntax.v1"
SCORES = "kg.scores.v1"
COMENTION = "kg.comention.v1"
EVENTS = "kg.events.v2"
QUOTES = "kg.quotes.v1"
PRONOUNS = "kg.pronouns.v1"
COREF = "kg.coref.v1"
GAZETTEER = "kg.gazetteer.v1"
ROLE_PHRASE = "kg.rolephrase.v1"
PATTERNS = "kg.patterns.v1"
