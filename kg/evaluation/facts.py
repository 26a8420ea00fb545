"""Scoring relations and events against a gold file.

Relations are compared as sets of (subject, predicate, object) over the corpus: a system relation matches a gold
one when the predicate is the same and both ends share a name with the gold's ends (a symmetric predicate either
way round; ``reports`` compares the article); the predicates and their symmetry are the ontology's (kg.vocab).

Events, in a gold file of the first kind (no ``roles``): a system event matches a gold event when the type and the
date are the same (both unknown counts as the same) and every gold participant is among the system event's
arguments and place. In a gold file with ``roles`` (guidelines v2, tests/gold/GUIDELINES-v2.md) events are
scored as mentions (:mod:`kg.evaluation.mentions`): a system event matches a gold one told in the same article by
the same trigger, and their arguments are compared.
"""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass, replace
from typing import Any

import pyoxigraph as ox
from rdflib.namespace import DCTERMS, RDF, RDFS, SKOS

from kg.evaluation.entities import Score
from kg.evaluation.mentions import MentionEval, score_mentions
from kg.graph.namespace import KG
from kg.resolve.names import name_key
from kg.vocab import vocabulary

#: The relations scored: the ontology's typed relations (not the untyped kg:relatedTo, which no guideline asks
#: annotators for), and the news source of an article; a gold file of the first guidelines is scored on the nine
#: predicates those define.
RELATIONS = (frozenset(vocabulary().relations) - {"relatedTo"}) | {"reports"}
V1_RELATIONS = frozenset(
    "holdsPosition spokespersonOf headOf memberOf locatedIn partOf chairs cooperatesWith reports".split()
)
SYMMETRIC = vocabulary().symmetric
ROLES = frozenset(vocabulary().roles)


@dataclass(frozen=True, slots=True)
class FactEval:
    relations: Score
    events: Score
    missed_relations: tuple[str, ...]
    spurious_relations: tuple[str, ...]
    missed_events: tuple[str, ...]
    spurious_events: tuple[str, ...]
    mentions: MentionEval | None = None  # for a gold file of guidelines v2: events as told, with arguments


@dataclass(frozen=True, slots=True)
class SystemEvent:
    iri: str
    type: str  # its kg event class, or "Other"
    date: str | None
    args: frozenset[tuple[str, str]]  # (role, entity IRI), the place as role "place"
    label: str
    told: tuple[tuple[str, int, str], ...]  # (article id, sentence index, trigger) of each telling
    modality: str | None

    @property
    def who(self) -> frozenset[str]:
        return frozenset(iri for _, iri in self.args)


@dataclass(frozen=True, slots=True)
class SystemView:
    names: dict[str, frozenset[str]]  # IRI -> name keys
    labels: dict[str, str]
    relations: set[tuple[str, str, str]]  # (subject IRI, predicate, object IRI or article id)
    events: list[tuple[str, str | None, frozenset[str], str]]  # (type, date, participant IRIs, label)
    detail: tuple[SystemEvent, ...] = ()


def system_view(quads: list[ox.Quad], article_ids: set[str]) -> SystemView:
    kg_ns = str(KG)
    labels: dict[str, str] = {}
    names: dict[str, set[str]] = defaultdict(set)
    ident: dict[str, str] = {}
    post_in: dict[str, str] = {}
    holds: list[tuple[str, str]] = []
    rels: set[tuple[str, str, str]] = set()
    types: dict[str, set[str]] = defaultdict(set)
    args: dict[str, set[tuple[str, str]]] = defaultdict(set)
    dates: dict[str, str] = {}
    modality: dict[str, str] = {}
    anchors: dict[str, str] = {}  # mention -> trigger text
    sentence_of: dict[str, int] = {}  # mention -> sentence index

    in_articles: set[str] = set()
    refers: list[tuple[str, str]] = []  # (mention, what it refers to)
    in_article: dict[str, str] = {}  # mention -> its article (kg:inArticle: in every format, named graphs or not)
    triggered: set[str] = set()
    for q in quads:
        if isinstance(q.subject, ox.Triple) or isinstance(q.object, ox.Triple):
            continue
        s, p, o = q.subject.value, q.predicate.value, q.object.value
        if p == str(RDFS.label):
            labels[s] = o
            names[s].add(name_key(o))
        elif p == str(SKOS.altLabel):
            names[s].add(name_key(o))
        elif p == str(DCTERMS.identifier):
            ident[s] = o
        elif p == str(RDF.type) and o.startswith(kg_ns):
            types[s].add(o[len(kg_ns) :])
        elif p.startswith(kg_ns):
            local = p[len(kg_ns) :]
            if local == "postIn":
                post_in[s] = o
            elif local == "holdsPosition":
                holds.append((s, o))
            elif local in RELATIONS:
                rels.add((s, local, o))
            elif local in ROLES:
                args[s].add((local, o))
            elif local == "date":
                dates[s] = o
            elif local == "modality":
                modality[s] = o
            elif local == "trigger":
                triggered.add(s)
            elif local == "anchorOf":
                anchors[s] = o
            elif local == "inSentence":
                tail = o.rsplit("-", 1)[-1]
                if tail.isdigit():
                    sentence_of[s] = int(tail)
            elif local == "refersTo":
                refers.append((s, o))
            elif local == "inArticle":
                in_article[s] = o
    for person, post in holds:
        if post in post_in:
            rels.add((person, "holdsPosition", post_in[post]))
    rels = {(s, p, ident.get(o, o)) for s, p, o in rels}
    for mention, node in refers:
        if ident.get(in_article.get(mention, "")) in article_ids:
            in_articles.add(node)
    told: dict[str, list[tuple[str, int, str]]] = defaultdict(list)
    for mention, node in refers:
        article = in_article.get(mention, "")
        if node in triggered and mention in anchors and ident.get(article) in article_ids:
            told[node].append((ident[article], sentence_of.get(mention, -1), anchors[mention]))
    classes = vocabulary().events
    events = []
    detail = []
    for node, kinds in sorted(types.items()):
        if "Event" not in kinds or node not in in_articles or node not in triggered:
            continue
        specific = next((k for k in sorted(kinds) if k in classes), "Other")
        who = frozenset(o for _, o in args[node])
        events.append((specific, dates.get(node), who, labels.get(node, node)))
        detail.append(
            SystemEvent(
                node,
                specific,
                dates.get(node),
                frozenset(args[node]),
                labels.get(node, node),
                tuple(sorted(told[node])),
                modality.get(node),
            )
        )
    return SystemView({k: frozenset(v) for k, v in names.items()}, labels, rels, events, tuple(detail))


def _gold_names(gold: dict[str, Any]) -> dict[str, frozenset[str]]:
    return {e["name"]: frozenset(name_key(n) for n in [e["name"], *e.get("aliases", [])]) for e in gold["entities"]}


def score_facts(gold: dict[str, Any], view: SystemView, article_id_of: dict[str, str]) -> FactEval:
    gnames = _gold_names(gold)

    def same(iri: str, gold_name: str) -> bool:
        return bool(view.names.get(iri, frozenset()) & gnames.get(gold_name, frozenset({name_key(gold_name)})))

    gold_rels = {(r["subject"], r["predicate"], r["object"]) for r in gold.get("relations", [])}
    v2 = any("roles" in ge for ge in gold.get("events", []))
    scored = RELATIONS if v2 else V1_RELATIONS
    view = replace(view, relations={r for r in view.relations if r[1] in scored})
    matched_sys: set[tuple[str, str, str]] = set()
    missed = []
    for gs, gp, go in sorted(gold_rels):
        hit = None
        for s, p, o in view.relations:
            if p != gp:
                continue
            if gp == "reports":
                ok = same(s, gs) and o == article_id_of.get(go)
            else:
                ok = same(s, gs) and same(o, go) or (gp in SYMMETRIC and same(s, go) and same(o, gs))
            if ok:
                hit = (s, p, o)
                matched_sys.add(hit)
        if hit is None:
            missed.append(f"{gs} {gp} {go}")
    spurious = sorted(
        f"{view.labels.get(s, s)} {p} {view.labels.get(o, o)}" for s, p, o in view.relations - matched_sys
    )
    tp = len(gold_rels) - len(missed)
    relations = Score(tp, len(spurious), len(missed))

    gold_events = gold.get("events", [])
    if any("roles" in ge for ge in gold_events):
        told = score_mentions(gold, view.detail, article_id_of, same)
        return FactEval(relations, told.events, tuple(missed), tuple(spurious), told.missed, told.spurious, told)
    used: set[int] = set()
    missed_ev = []
    for ge in gold_events:
        found = None
        for i, (kind, date, who, _) in enumerate(view.events):
            if kind != ge["type"] or date != ge.get("date"):
                continue
            if all(any(same(w, p) for w in who) for p in ge.get("participants", [])):
                found = i
                break
        if found is None:
            missed_ev.append(f"{ge['type']} {ge.get('date')} {ge.get('participants')}")
        else:
            used.add(found)
    spurious_ev = [f"{k} {d} {label}" for i, (k, d, _, label) in enumerate(view.events) if i not in used]
    events = Score(len(gold_events) - len(missed_ev), len(spurious_ev), len(missed_ev))
    return FactEval(relations, events, tuple(missed), tuple(spurious), tuple(missed_ev), tuple(sorted(spurious_ev)))
