"""Scoring entities against a gold file.

Entities: a system entity matches a gold entity when they share a name (label or other name, compared by
:func:`kg.resolve.names.name_key`); it is correct when its top-level type (Person, Organization, Place, Event) is
the gold type too. A second system entity matching the same gold entity is a duplicate (counted as wrong);
system entities matching only an ``optional`` gold entity are not counted either way.
"""

from __future__ import annotations

import json
from collections import defaultdict
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import pyoxigraph as ox
from rdflib.namespace import DCTERMS, RDF, RDFS, SKOS

from kg.errors import Errors, EvalError
from kg.graph.namespace import KG
from kg.model import TOP as TOP_KIND

TOP: dict[str, str] = {str(k): str(v) for k, v in TOP_KIND.items()}


@dataclass(frozen=True, slots=True)
class GoldEntity:
    name: str
    type: str
    names: frozenset[str]  # name keys of the name and aliases
    optional: bool


@dataclass(frozen=True, slots=True)
class SystemEntity:
    iri: str
    label: str
    type: str
    names: frozenset[str]


@dataclass(frozen=True, slots=True)
class Score:
    tp: int
    fp: int
    fn: int

    @property
    def precision(self) -> float:
        return self.tp / (self.tp + self.fp) if self.tp + self.fp else 1.0

    @property
    def recall(self) -> float:
        return self.tp / (self.tp + self.fn) if self.tp + self.fn else 1.0

    @property
    def f1(self) -> float:
        p, r = self.precision, self.recall
        return 2 * p * r / (p + r) if p + r else 0.0


@dataclass(frozen=True, slots=True)
class EntityEval:
    score: Score
    duplicates: tuple[tuple[str, tuple[str, ...]], ...]  # gold name, system labels
    type_errors: tuple[tuple[str, str, str], ...]  # gold name, gold type, system type
    missed: tuple[str, ...]
    spurious: tuple[str, ...]


@dataclass(frozen=True, slots=True)
class GoldFile:
    path: Path
    articles: tuple[Path, ...]
    entities: tuple[GoldEntity, ...]
    raw: dict[str, Any] = field(hash=False, compare=False)


def load_gold(path: Path) -> GoldFile:
    from kg.resolve.names import name_key

    try:
        raw = json.loads(Path(path).read_text(encoding="utf-8"))
        base = _base(Path(path), [a["file"] for a in raw["articles"]])
        articles = tuple(base / a["file"] for a in raw["articles"])
        entities = tuple(
            GoldEntity(
                e["name"],
                TOP[e["type"]],
                frozenset(name_key(n) for n in [e["name"], *e.get("aliases", [])]),
                bool(e.get("optional", False)),
            )
            for e in raw["entities"]
        )
    except (OSError, ValueError, KeyError, TypeError) as exc:
        raise EvalError(Errors.K500, path=path, detail=f"{type(exc).__name__}: {exc}") from exc
    return GoldFile(Path(path), articles, entities, raw)


def _base(gold: Path, files: list[str]) -> Path:
    """The folder the gold's article paths are relative to: the working folder or one above the gold file."""
    for base in (Path.cwd(), *gold.resolve().parents):
        if all((base / f).is_file() for f in files):
            return base
    raise EvalError(Errors.K500, path=gold, detail=f"article files not found, e.g. {files[0] if files else '?'}")


def system_entities(quads: list[ox.Quad], article_ids: set[str]) -> list[SystemEntity]:
    """The entities the graph says are mentioned in the given articles (by content hash)."""
    from kg.resolve.names import name_key

    rdf_type, label, alt = str(RDF.type), str(RDFS.label), str(SKOS.altLabel)
    ident, mentions, trigger = str(DCTERMS.identifier), str(KG.mentions), str(KG.trigger)
    triggered: set[str] = set()
    classes = {str(KG[k]): k for k in TOP}
    types: dict[str, str] = {}
    labels: dict[str, str] = {}
    names: dict[str, set[str]] = defaultdict(set)
    article_of: dict[str, str] = {}
    mentioned: dict[str, set[str]] = defaultdict(set)
    for q in quads:
        if isinstance(q.subject, ox.Triple) or isinstance(q.object, ox.Triple):
            continue
        s, p, o = q.subject.value, q.predicate.value, q.object.value
        if p == rdf_type and o in classes:
            kind = classes[o]
            if s not in types or kind not in TOP.values() or types[s] in TOP.values():
                types[s] = TOP[kind] if kind in TOP.values() else kind
        elif p == label:
            labels[s] = o
            names[s].add(name_key(o))
        elif p == alt:
            names[s].add(name_key(o))
        elif p == ident:
            article_of[s] = o
        elif p == mentions:
            mentioned[s].add(o)
        elif p == trigger:
            triggered.add(s)
    wanted = {iri for art, ents in mentioned.items() if article_of.get(art) in article_ids for iri in ents}
    wanted -= triggered  # events found by their trigger words are scored as events, not entities
    return [
        SystemEntity(iri, labels.get(iri, iri), TOP.get(types.get(iri, ""), types.get(iri, "?")), frozenset(names[iri]))
        for iri in sorted(wanted)
        if iri in types
    ]


def score_entities(gold: tuple[GoldEntity, ...], system: list[SystemEntity]) -> EntityEval:
    by_name: dict[str, list[GoldEntity]] = defaultdict(list)
    for g in gold:
        for n in g.names:
            by_name[n].append(g)
    matched: dict[GoldEntity, list[SystemEntity]] = defaultdict(list)
    spurious: list[str] = []
    ignored = 0
    for s in system:
        hits = {g for n in s.names for g in by_name.get(n, [])}
        if not hits:
            spurious.append(s.label)
            continue
        right = [g for g in hits if g.type == s.type and not g.optional]
        if right:
            matched[sorted(right, key=lambda g: g.name)[0]].append(s)
        elif all(g.optional for g in hits):
            ignored += 1
        else:
            wrong = sorted((g for g in hits if not g.optional), key=lambda g: g.name)[0]
            matched[wrong].append(s)
    tp = fp = 0
    duplicates, type_errors = [], []
    for g, systems in sorted(matched.items(), key=lambda kv: kv[0].name):
        good = [s for s in systems if s.type == g.type]
        if good:
            tp += 1
            fp += len(systems) - 1
            if len(systems) > 1:
                duplicates.append((g.name, tuple(s.label for s in systems)))
        else:
            fp += len(systems)
            type_errors.append((g.name, g.type, systems[0].type))
    fp += len(spurious)
    required = [g for g in gold if not g.optional]
    found = {g for g, systems in matched.items() if any(s.type == g.type for s in systems)}
    missed = tuple(sorted(g.name for g in required if g not in found))
    del ignored
    return EntityEval(
        Score(tp, fp, len(missed)), tuple(duplicates), tuple(type_errors), missed, tuple(sorted(spurious))
    )
