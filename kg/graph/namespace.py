"""The kg vocabulary as a closed namespace: a term the ontology does not define fails, not in the output.

The terms the code names directly are listed here for type checkers; the rest (relations, event classes, event
roles) are the ontology's own, read from ``ontology/kg.ttl`` by :mod:`kg.vocab` (a test checks that every term
listed here is defined there).
"""

from __future__ import annotations

from rdflib import Namespace, URIRef
from rdflib.namespace import DefinedNamespace

from kg.vocab import KG_NS, vocabulary


class KG(DefinedNamespace):
    _NS = Namespace(KG_NS)
    _fail = True

    # classes: what the news talks about
    Person: URIRef
    Organization: URIRef
    Place: URIRef
    Country: URIRef
    City: URIRef
    Region: URIRef
    Event: URIRef
    # classes: the evidence
    Article: URIRef
    Sentence: URIRef
    Mention: URIRef
    Extractor: URIRef
    Assertion: URIRef
    Quote: URIRef
    Post: URIRef
    # event types
    Meeting: URIRef
    Speech: URIRef
    Visit: URIRef
    Signing: URIRef
    Adoption: URIRef
    Session: URIRef
    Election: URIRef
    Statement: URIRef
    CameoScheme: URIRef

    # provenance and text anchoring
    refersTo: URIRef
    inArticle: URIRef
    inSentence: URIRef
    beginIndex: URIRef
    endIndex: URIRef
    anchorOf: URIRef
    sentenceIndex: URIRef
    text: URIRef
    extractedBy: URIRef
    confidence: URIRef
    mentions: URIRef
    # values
    dateValue: URIRef
    timeValue: URIRef
    iso3166Code: URIRef
    url: URIRef
    # relations
    reports: URIRef
    holdsPosition: URIRef
    postIn: URIRef
    spokespersonOf: URIRef
    headOf: URIRef
    memberOf: URIRef
    locatedIn: URIRef
    partOf: URIRef
    chairs: URIRef
    cooperatesWith: URIRef
    # events and quotes
    agent: URIRef
    participant: URIRef
    host: URIRef
    place: URIRef
    date: URIRef
    trigger: URIRef
    theme: URIRef
    cameo: URIRef
    speaker: URIRef


# Every other term of the ontology: the closed namespace accepts exactly what kg.ttl defines.
KG.__annotations__.update({term: URIRef for term in sorted(vocabulary().terms - set(KG.__annotations__))})
