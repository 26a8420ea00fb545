"""The tutorial recipe as a baseline: one node per NER span (text and label), no rules, no resolution.

    python bench/quality/baseline.py tests/gold/seeds.json tests/gold/bbc-politics.json

Scores it with the same evaluator as `kg eval`, so the numbers sit beside kg's own.
"""

from __future__ import annotations

import sys
from pathlib import Path

from kg.evaluation.entities import TOP, SystemEntity, load_gold, score_entities
from kg.extract import load_pipeline
from kg.ingest import read_articles
from kg.model import NER_KIND, Article
from kg.resolve.names import name_key


def baseline(gold_path: Path) -> None:
    gold = load_gold(gold_path)
    articles = [a for a in read_articles(list(gold.articles)) if isinstance(a, Article)]
    nlp = load_pipeline()
    nodes: dict[tuple[str, str], SystemEntity] = {}
    for doc in nlp.pipe(a.text for a in articles):
        for ent in doc.ents:
            kind = NER_KIND.get(ent.label_)
            if kind is None:
                continue
            key = (ent.text, ent.label_)  # one node per (span text, label), as in the tutorials
            nodes[key] = SystemEntity(f"{ent.label_}:{ent.text}", ent.text, TOP[kind], frozenset({name_key(ent.text)}))
    result = score_entities(gold.entities, list(nodes.values()))
    s = result.score
    print(
        f"{gold_path.name}: baseline entities P {s.precision:.3f} R {s.recall:.3f} F1 {s.f1:.3f} "
        f"(tp {s.tp}, fp {s.fp}, fn {s.fn}); duplicates {len(result.duplicates)}; type errors {len(result.type_errors)}"
    )


if __name__ == "__main__":
    for arg in sys.argv[1:] or ["tests/gold/seeds.json", "tests/gold/bbc-politics.json"]:
        baseline(Path(arg))
