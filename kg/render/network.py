"""RDF -> networkx: the entities and their relations as a graph, and the evidence the side panel shows.

One pass over the triples (every quad of a Dataset: a union view) files each under what it tells; then the
entity nodes are the subjects typed with an entity class (or a subclass of one, or an event class the
ontology may not be loaded for), an edge is any triple between two of them, and a date literal on an entity
becomes a small date node. Mentions and sentences are not drawn: they become each node's evidence.
"""

from __future__ import annotations

import re
from collections import Counter, defaultdict
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from typing import Final
from urllib.parse import unquote, urlsplit

import networkx as nx
from rdflib import DCTERMS, OWL, RDF, RDFS, SKOS, XSD, Graph, Literal, URIRef
from rdflib.term import Node

from kg.graph.namespace import KG, KG_NS
from kg.render.style import KIND_NAMES
from kg.render.vocab import vocabulary

_VOCAB: Final = vocabulary()
#: Event classes the builder declares ``rdfs:subClassOf kg:Event``, known here for graphs without ontology.
EVENT_CLASSES: Final = _VOCAB.event_classes
DATE_TYPES: Final = frozenset({XSD.date, XSD.gYearMonth, XSD.gYear, XSD.dateTime})
#: At most this many sentences of evidence per node go into the page (the panel says how many there are).
MAX_EVIDENCE: Final = 20

_KIND_OF_CLASS: Final[dict[Node, str]] = {KG[name]: name for name in KIND_NAMES if name != "Date"}
_NOT_EDGES: Final = frozenset({RDF.type, KG.refersTo, KG.inSentence, KG.inArticle, KG.mentions, _VOCAB.co_mention})
_NODE_TYPES: Final[dict[Node, str]] = {KG.Assertion: "assertion", _VOCAB.co_mention_class: "co"}
_NO_DETAILS: Final = {"alt": (), "iri": "", "links": (), "codes": ()}


@dataclass(frozen=True, slots=True)
class ArticleRef:
    title: str
    date: str  # ISO date or ""


@dataclass(frozen=True, slots=True)
class SentenceRef:
    article: int  # index into NewsNetwork.articles, or -1 when the article is unknown
    index: int
    text: str


@dataclass(frozen=True, slots=True)
class Summary:
    """What the whole graph holds, before any view limit: the page's heading line."""

    articles: int
    entities: tuple[tuple[str, int], ...]  # (kind, count) in legend order, kinds with none left out
    relations: int


@dataclass(frozen=True)
class NewsNetwork:
    """The view's model. Node attributes: kind, type, label, alt, iri, links, codes, date (an event's, or ""),
    evidence, sentences, articles, cited (indexes of the articles that mention it, at most
    :data:`MAX_EVIDENCE` x 5); edge attributes: labels (the relation names between the two, sorted) and
    support (per label, the index of the first sentence that says it, or -1)."""

    graph: nx.DiGraph
    articles: tuple[ArticleRef, ...]
    sentences: tuple[SentenceRef, ...]
    summary: Summary
    #: (entity key, entity key, sentences, articles): kg:mentionedWith pairs, each once, in key order
    co_mentions: tuple[tuple[str, str, int, int], ...] = ()


def _triples(graph: Graph | Iterable[tuple[Node, Node, Node]]) -> Iterator[tuple[Node, Node, Node]]:
    if not isinstance(graph, Graph):  # triples already
        yield from graph
        return
    quads = getattr(graph, "quads", None)  # a Dataset: every named graph, not only the default one
    if quads is not None:
        for s, p, o, _ in quads((None, None, None, None)):
            yield s, p, o
    else:
        yield from graph.triples((None, None, None))


def local_name(iri: str) -> str:
    """The readable end of an IRI: after ``#``, else after the last ``/``, percent-decoded."""
    tail = iri.rsplit("#", 1)[-1] if "#" in iri else iri.rstrip("/").rsplit("/", 1)[-1]
    return unquote(tail) or iri


def _words(name: str) -> str:
    """ "cooperatesWith" -> "cooperates with": a vocabulary term read as words."""
    return re.sub(r"(?<=[a-z])(?=[A-Z])", " ", name).lower() if re.fullmatch(r"[a-z]+(?:[A-Z][a-z]+)+", name) else name


def _best_label(literals: Iterable[Literal]) -> str | None:
    """English or untagged first, then by tag, then alphabetical: the same on every run. Blank ones never."""
    usable = [lit for lit in literals if str(lit).strip()]
    ranked = sorted(usable, key=lambda lit: (lit.language not in (None, "en"), lit.language or "", str(lit)))
    return str(ranked[0]) if ranked else None


def web_link(node: Node) -> str | None:
    """``node`` as a link the page may open: an http(s) IRI with a host, else None."""
    if not isinstance(node, URIRef):
        return None
    parts = urlsplit(str(node))
    return str(node) if parts.scheme in ("http", "https") and parts.netloc else None


#: What each predicate the index files tells; anything else is a candidate edge (or a date, for a literal).
_ROLES: Final[dict[Node, str]] = {
    RDF.type: "type",
    RDFS.label: "label",
    SKOS.altLabel: "alt",
    KG.iso3166Code: "code",
    RDFS.subClassOf: "super",
    KG.refersTo: "refersTo",
    KG.mentions: "mentions",
    # functional: one value per subject (if more, the smallest, so that every run keeps the same one)
    KG.inSentence: "inSentence",
    KG.inArticle: "inArticle",
    KG.anchorOf: "anchorOf",
    KG.text: "text",
    KG.sentenceIndex: "sentenceIndex",
    DCTERMS.title: "title",
    DCTERMS.date: "date",
    RDF.subject: "subject",
    RDF.predicate: "predicate",
    RDF.object: "object",
    _VOCAB.sentence_count: "sentenceCount",
    _VOCAB.article_count: "articleCount",
}


class _Index:
    """The triples filed by what they tell, in one pass, one dict look-up a triple (terms compare slowly)."""

    def __init__(self, graph: Graph | Iterable[tuple[Node, Node, Node]]) -> None:
        self.types: defaultdict[Node, set[Node]] = defaultdict(set)
        self.labels: defaultdict[Node, set[Literal]] = defaultdict(set)
        self.alts: defaultdict[Node, set[str]] = defaultdict(set)
        self.same: defaultdict[Node, set[str]] = defaultdict(set)
        self.codes: defaultdict[Node, set[str]] = defaultdict(set)
        self.supers: defaultdict[Node, set[Node]] = defaultdict(set)
        self.mentioned: defaultdict[Node, set[Node]] = defaultdict(set)  # entity -> articles (kg:mentions)
        self.one: dict[tuple[Node, str], Node] = {}  # (subject, functional role) -> object
        self.refers: dict[Node, Node] = {}  # mention -> entity
        self.links: set[tuple[Node, Node, Node]] = set()
        self.special: defaultdict[str, set[Node]] = defaultdict(set)  # "assertion" / "co" -> such nodes
        self.dates: set[tuple[Node, Node, Literal]] = set()
        roles, same_as = _ROLES, OWL.sameAs
        for s, p, o in _triples(graph):
            role = roles.get(p)
            if role is None:
                if not isinstance(o, Literal):
                    if p == same_as and (link := web_link(o)):
                        self.same[s].add(link)
                    self.links.add((s, p, o))
                elif o.datatype in DATE_TYPES:
                    self.dates.add((s, p, o))
            elif role == "type":
                self.types[s].add(o)
                if o in _NODE_TYPES:
                    self.special[_NODE_TYPES[o]].add(s)
            elif role == "super":
                self.supers[s].add(o)
            elif role == "mentions":
                self.mentioned[o].add(s)
            elif role == "refersTo":
                if s not in self.refers or str(o) < str(self.refers[s]):
                    self.refers[s] = o
            elif role in ("label", "alt", "code"):
                if isinstance(o, Literal):
                    if role == "label":
                        self.labels[s].add(o)
                    else:
                        (self.alts if role == "alt" else self.codes)[s].add(str(o))
            else:
                key = (s, role)
                if key not in self.one or str(o) < str(self.one[key]):
                    self.one[key] = o

    def get(self, subject: Node, role: str) -> Node | None:
        return self.one.get((subject, role))

    def label(self, node: Node) -> str:
        return _best_label(self.labels.get(node, ())) or _words(local_name(str(node)))


class _Classes:
    """Which kind (and which display type) a class stands for, following rdfs:subClassOf."""

    def __init__(self, index: _Index) -> None:
        self._index = index
        self._memo: dict[Node, str | None] = {}

    def kind(self, cls: Node) -> str | None:
        if cls not in self._memo:
            self._memo[cls] = None  # a cycle in subClassOf ends here
            self._memo[cls] = self._walk(cls)
        return self._memo[cls]

    def _walk(self, cls: Node) -> str | None:
        if cls in _KIND_OF_CLASS:
            return _KIND_OF_CLASS[cls]
        if str(cls).startswith(KG_NS) and str(cls)[len(KG_NS) :] in EVENT_CLASSES:
            return "Event"
        kinds = {k for sup in self._index.supers.get(cls, ()) if (k := self.kind(sup))}
        return min(kinds, key=KIND_NAMES.index) if kinds else None

    def classify(self, types: Iterable[Node]) -> tuple[str, str] | None:
        """(kind, display type) of a node with these types, or None when it is not an entity."""
        found = sorted((KIND_NAMES.index(k), str(t), t) for t in types if (k := self.kind(t)))
        if not found:
            return None
        rank = found[0][0]
        kind = KIND_NAMES[rank]
        specific = [t for r, _, t in found if r == rank and t != KG[kind]]
        return kind, self._index.label(specific[0]) if specific else kind


def to_network(graph: Graph | Iterable[tuple[Node, Node, Node]]) -> NewsNetwork:
    """Read the entities, relations and evidence out of ``graph`` (a Graph, a Dataset or triples)."""
    index = _Index(graph)
    classes = _Classes(index)
    kinds = {node: found for node, types in index.types.items() if (found := classes.classify(types))}
    g = nx.DiGraph()
    for node in sorted(kinds, key=node_key):
        kind, shown_type = kinds[node]
        label = index.label(node)
        g.add_node(
            node_key(node),
            kind=kind,
            type=shown_type,
            label=label,
            alt=tuple(sorted(index.alts.get(node, set()) - {label})),
            iri=str(node) if isinstance(node, URIRef) else "",
            links=tuple(sorted(index.same.get(node, ()))),
            codes=tuple(sorted(index.codes.get(node, ()))),
            date="",
        )

    triples = {(s, p, o) for s, p, o in index.links if s in kinds and o in kinds and p not in _NOT_EDGES}
    relations: defaultdict[tuple[str, str], set[str]] = defaultdict(set)
    said: dict[tuple[str, str, str], Node] = {}  # (subject, object, relation name) -> first sentence saying it
    for s, p, o in triples:
        relations[node_key(s), node_key(o)].add(index.label(p))
    # a position (person -> post -> organisation or country) is drawn as one edge named by the post's title
    post_in = {s: o for s, p, o in index.links if p == _VOCAB.post_in and o in kinds}
    for s, p, post in index.links:
        if p == KG.holdsPosition and s in kinds and post in post_in:
            triples.add((s, p, post_in[post]))
            relations[node_key(s), node_key(post_in[post])].add(index.label(post))
    for assertion in index.special.get("assertion", ()):
        subject, pred, obj = (index.get(assertion, r) for r in ("subject", "predicate", "object"))
        sentence = index.get(assertion, "inSentence")
        if subject is None or subject not in kinds or pred is None or obj is None or sentence is None:
            continue
        s, p, o = subject, pred, obj
        if o in post_in:
            p, o = o, post_in[o]  # the post's title names the edge
        if o in kinds:
            key = (node_key(s), node_key(o), index.label(p))
            if key not in said or str(sentence) < str(said[key]):
                said[key] = sentence
    for s, p, lit in sorted(index.dates, key=lambda t: (str(t[0]), str(t[1]), str(t[2]))):  # set order varies
        if s in kinds:
            date_key = f"date {lit}"
            if date_key not in g:
                g.add_node(date_key, kind="Date", type="Date", label=str(lit), date=str(lit), **_NO_DETAILS)
            relations[node_key(s), date_key].add(index.label(p))
            if p == _VOCAB.event_date and not g.nodes[node_key(s)]["date"]:
                g.nodes[node_key(s)]["date"] = str(lit)  # sorted: the earliest when there are several
    for s_key, o_key in sorted(relations):
        g.add_edge(s_key, o_key, labels=tuple(sorted(relations[s_key, o_key])))

    articles, sentences = _evidence(index, g, {node_key(node): node for node in kinds}, said)
    counts = Counter(kind for kind, _ in kinds.values())
    summary = Summary(
        articles=sum(1 for types in index.types.values() if KG.Article in types),
        entities=tuple((k, counts[k]) for k in KIND_NAMES if counts[k]),
        relations=len(triples),
    )
    return NewsNetwork(g, articles, sentences, summary, _co_mentions(index, kinds))


def _co_mentions(index: _Index, kinds: dict[Node, tuple[str, str]]) -> tuple[tuple[str, str, int, int], ...]:
    """Each kg:mentionedWith pair once, with its counts from the kg:CoMention node that joins the two (1, 1
    when the graph has none)."""
    counts: dict[tuple[str, str], tuple[int, int]] = {}
    ends: defaultdict[Node, set[Node]] = defaultdict(set)
    co_nodes = index.special.get("co", set())
    for s, _, o in index.links:
        if s in co_nodes and o in kinds:
            ends[s].add(o)
    for node in co_nodes:  # reified as rdf:subject and rdf:object
        ends[node] |= {e for r in ("subject", "object") if (e := index.get(node, r)) in kinds}
    for node, pair in ends.items():
        if len(pair) == 2:
            a, b = sorted(node_key(e) for e in pair)
            counts[a, b] = (_count(index.get(node, "sentenceCount")), _count(index.get(node, "articleCount")))
    for s, p, o in index.links:
        if p == _VOCAB.co_mention and s in kinds and o in kinds and s != o:
            a, b = sorted((node_key(s), node_key(o)))
            counts.setdefault((a, b), (1, 1))
    return tuple((a, b, n, m) for (a, b), (n, m) in sorted(counts.items()))


def _count(value: Node | None) -> int:
    return int(value) if isinstance(value, Literal) and str(value).isdigit() else 1


def node_key(node: Node) -> str:
    """The networkx key of an entity: its IRI (a blank node gets ``_:``; a date node is ``date VALUE``)."""
    return str(node) if isinstance(node, URIRef) else "_:" + str(node)


def _evidence(
    index: _Index, g: nx.DiGraph, entities: dict[str, Node], said: dict[tuple[str, str, str], Node]
) -> tuple[tuple[ArticleRef, ...], tuple[SentenceRef, ...]]:
    """Give each node its sentences (with the anchor texts), sentence and article counts."""
    sites: defaultdict[Node, defaultdict[Node, set[str]]] = defaultdict(lambda: defaultdict(set))
    articles_of: defaultdict[Node, set[Node]] = defaultdict(set)
    wanted = set(entities.values())
    for mention, entity in index.refers.items():
        if entity not in wanted:
            continue
        sentence = index.get(mention, "inSentence")
        article = index.get(mention, "inArticle")
        if article is None and sentence is not None:
            article = index.get(sentence, "inArticle")
        if article is not None:
            articles_of[entity].add(article)
        if sentence is not None and index.get(sentence, "text") is not None:
            anchor = index.get(mention, "anchorOf")
            sites[entity][sentence].add(str(anchor) if anchor is not None else "")
    for entity, arts in index.mentioned.items():
        articles_of[entity] |= arts

    used_articles = {a for e in wanted for a in articles_of.get(e, ())}
    said_sentences = {s for s in said.values() if index.get(s, "text") is not None}
    cited = {s for e in sites.values() for s in e} | said_sentences
    used_articles |= {a for s in cited if (a := index.get(s, "inArticle"))}
    refs = {a: ArticleRef(_title(index, a), str(index.get(a, "date") or "")) for a in used_articles}
    article_list = sorted(used_articles, key=lambda a: (refs[a].date, refs[a].title, str(a)))
    article_no = {a: i for i, a in enumerate(article_list)}

    def place(sentence: Node) -> tuple[int, int, str]:
        article = index.get(sentence, "inArticle")
        position = index.get(sentence, "sentenceIndex")
        number = int(position) if isinstance(position, Literal) and str(position).isdigit() else 0
        return (article_no.get(article, -1) if article is not None else -1, number, str(sentence))

    placed = {s: place(s) for s in cited}
    used = sorted(placed, key=placed.__getitem__)
    sentence_no = {s: i for i, s in enumerate(used)}
    for node, data in g.nodes(data=True):
        source = entities.get(node)
        found: dict[Node, set[str]] = sites.get(source, {}) if source is not None else {}
        ordered = sorted(found, key=sentence_no.__getitem__)[:MAX_EVIDENCE]
        data["evidence"] = tuple((sentence_no[s], tuple(sorted(found[s] - {""}))) for s in ordered)
        data["sentences"] = len(found)
        mentioned_in = articles_of.get(source, set()) if source is not None else set()
        data["articles"] = len(mentioned_in)
        data["cited"] = tuple(sorted(article_no[a] for a in mentioned_in))[: MAX_EVIDENCE * 5]
    for u, v, d in g.edges(data=True):
        d["support"] = tuple(
            sentence_no[sent] if (sent := said.get((u, v, name))) in sentence_no else -1 for name in d["labels"]
        )

    sentences = tuple(SentenceRef(placed[s][0], placed[s][1], str(index.get(s, "text"))) for s in used)
    return tuple(refs[a] for a in article_list), sentences


def _title(index: _Index, article: Node) -> str:
    title = index.get(article, "title")
    return str(title) if title is not None else local_name(str(article))
