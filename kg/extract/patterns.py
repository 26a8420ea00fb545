"""The user's own knowledge: names, aliases, types and links in spaCy EntityRuler JSONL.

One pattern a line: ``{"label": "PERSON", "pattern": "Volker Türk", "id": "volker-turk", "sameAs":
["http://www.wikidata.org/entity/Q...”]}``. ``label`` is a spaCy label (PERSON, ORG, GPE, LOC, FAC, EVENT) or a kg
type (Person, Organization, Place, Country, City, Region, Event); ``pattern`` a string or a token pattern;
patterns with the same ``id`` are one entity; ``sameAs`` IRIs become ``owl:sameAs`` links. The ruler runs before
the statistical NER, so the user's names win where the two disagree (rule name: kg.patterns.v1).
"""

from __future__ import annotations

import json
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from spacy.language import Language

from kg.errors import Errors, ExtractionError
from kg.model import NER_KIND

#: kg types to the spaCy labels the rest of extraction knows.
KIND_LABEL = {
    "Person": "PERSON",
    "Organization": "ORG",
    "Place": "GPE",
    "Country": "GPE",
    "City": "GPE",
    "Region": "LOC",
    "Event": "EVENT",
}
SPACY_LABELS = frozenset({"PERSON", "ORG", "GPE", "LOC", "FAC", "EVENT", "NORP"})
#: spaCy labels to the type a pattern vouches for.
LABEL_KIND: dict[str, str] = {label: kind for label, kind in NER_KIND.items() if label != "NORP"}


@dataclass(frozen=True, slots=True)
class Patterns:
    ruler: tuple[str, ...]  # EntityRuler patterns, as JSON (so that Patterns is hashable)
    kinds: tuple[tuple[str, str], ...]  # (id, kg type) as the user wrote it
    links: tuple[tuple[str, tuple[str, ...]], ...]  # (id, sameAs IRIs)

    def links_by_id(self) -> dict[str, tuple[str, ...]]:
        return dict(self.links)

    def kind_by_id(self) -> dict[str, str]:
        return dict(self.kinds)


def load_patterns(path: Path) -> Patterns:
    """Read and check a patterns file; a bad line is an error naming the file and the line."""
    ruler: list[dict[str, Any]] = []
    kinds: dict[str, str] = {}
    links: dict[str, list[str]] = {}
    try:
        lines = Path(path).read_text(encoding="utf-8").splitlines()
    except (OSError, UnicodeDecodeError) as exc:
        raise ExtractionError(Errors.K203, path=path, line=0, detail=str(exc)) from exc
    for n, line in enumerate(lines, 1):
        if not line.strip():
            continue
        try:
            item = json.loads(line)
            label = str(item["label"])
            pattern = item["pattern"]
        except (ValueError, KeyError, TypeError) as exc:
            raise ExtractionError(Errors.K203, path=path, line=n, detail=f"{type(exc).__name__}: {exc}") from exc
        if label in KIND_LABEL:
            kind, label = label, KIND_LABEL[label]
        elif label in SPACY_LABELS:
            kind = LABEL_KIND.get(label, "Organization")
        else:
            raise ExtractionError(Errors.K203, path=path, line=n, detail=f"unknown label {label!r}")
        if not isinstance(pattern, str | list) or not pattern:
            raise ExtractionError(Errors.K203, path=path, line=n, detail="'pattern' must be a string or a list")
        pid = str(item.get("id") or (pattern if isinstance(pattern, str) else json.dumps(pattern)))
        same = item.get("sameAs", [])
        same = [same] if isinstance(same, str) else list(same)
        if not all(isinstance(x, str) and x.startswith(("http://", "https://")) for x in same):
            raise ExtractionError(Errors.K203, path=path, line=n, detail="'sameAs' must be http(s) IRIs")
        ruler.append({"label": label, "pattern": pattern, "id": pid})
        kinds.setdefault(pid, kind)
        links.setdefault(pid, []).extend(same)
    return Patterns(
        tuple(json.dumps(r, sort_keys=True) for r in ruler),
        tuple(sorted(kinds.items())),
        tuple((k, tuple(sorted(set(v)))) for k, v in sorted(links.items())),
    )


def add_ruler(nlp: Language, patterns: Patterns) -> None:
    """Put the user's patterns in an EntityRuler before the NER (phrase patterns match case-insensitively)."""
    ruler = nlp.add_pipe(
        "entity_ruler",
        name="kg_patterns",
        before="ner",
        config={"overwrite_ents": True, "phrase_matcher_attr": "LOWER"},
    )
    ruler.add_patterns([json.loads(r) for r in patterns.ruler])  # type: ignore[attr-defined]
