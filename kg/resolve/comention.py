"""Co-mention (rule kg.comention.v1): entities named in the same sentence, counted over the corpus.

The co-occurrence network GDELT's Knowledge Graph is built on. It is kept apart from the typed relations: it says
that two things are named together, not how they are related. Only names count (not pronouns nor role phrases).
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Sequence
from itertools import combinations

from kg.model import CoMention, Extraction, Mention

#: At most this many sentences are kept as evidence of one pair (the counts cover them all).
EVIDENCE = 3


def comentions(extractions: Sequence[Extraction], of: dict[Mention, str]) -> list[CoMention]:
    """One CoMention per pair of entities named together in at least one sentence, in key order."""
    sentences: dict[tuple[str, str], list[tuple[str, int]]] = defaultdict(list)
    for ex in extractions:
        by_sentence: dict[int, set[str]] = defaultdict(set)
        for m in ex.mentions:
            if m.label in ("PRON", "ROLE", "DATE") or m.time is not None or m.interval is not None:
                continue
            key = of.get(m)
            if key is not None:
                by_sentence[m.prov.sentence].add(key)
        for index, keys in sorted(by_sentence.items()):
            for a, b in combinations(sorted(keys), 2):
                sentences[a, b].append((ex.article.id, index))
    out = []
    for (a, b), where in sorted(sentences.items()):
        articles = len({doc for doc, _ in where})
        out.append(CoMention(a, b, len(where), articles, tuple(sorted(where)[:EVIDENCE])))
    return out
