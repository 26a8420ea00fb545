"""TimeBank event triggers: which words kg treats as telling an event, against TimeBank's EVENT tags.

    python bench/quality/timebank_events.py ../shared/data/dev/timebank [--by-class] [--misses N]

Each document's text goes through kg's pipeline (the spaCy model and kg's predicate rules,
``kg.extract.events.predicate``, the same that ``kg build`` uses); a predicted trigger is right when it overlaps
a gold EVENT. Reports precision, recall and F1 over all documents, and recall by TimeBank class and part of
speech.
"""

from __future__ import annotations

import argparse
from collections import Counter
from pathlib import Path

from kg.evaluation.timeml import read_folder


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("folder", type=Path)
    ap.add_argument("--misses", type=int, default=0, help="print this many missed and spurious words")
    args = ap.parse_args()

    from kg.extract import load_pipeline
    from kg.extract.args import MentionIndex
    from kg.extract.events import predicate
    from kg.extract.mentions import entity_mentions, sentences
    from kg.extract.predicates import lexicon

    nlp = load_pipeline()
    lex = lexicon()
    docs = read_folder(args.folder)
    tp = fp = fn = 0
    found_by: Counter[str] = Counter()
    total_by: Counter[str] = Counter()
    missed: Counter[str] = Counter()
    spurious: Counter[str] = Counter()
    for d, doc in zip(docs, nlp.pipe(d.text for d in docs), strict=True):
        sents = sentences(doc, "tb", 0, 0)
        index = MentionIndex(doc, entity_mentions(doc, "tb", 0, sents, d.dct), "tb", 0, sents)
        pred = [(t.idx, t.idx + len(t.text), t.lower_) for t in doc if predicate(t, lex, index) is not None]
        gold = d.of("EVENT")
        hit_gold = set()
        for s, e, word in pred:
            g = next((i for i, t in enumerate(gold) if t.start < e and s < t.end), None)
            if g is None:
                fp += 1
                spurious[word] += 1
            else:
                tp += 1
                hit_gold.add(g)
        for i, t in enumerate(gold):
            total_by[t.attrs.get("class", "?")] += 1
            if i in hit_gold:
                found_by[t.attrs.get("class", "?")] += 1
            else:
                fn += 1
                missed[t.text.lower()] += 1
    p = tp / (tp + fp) if tp + fp else 0.0
    r = (tp + fn and (tp / (tp + fn))) or 0.0
    r = sum(found_by.values()) / sum(total_by.values())
    f = 2 * p * r / (p + r) if p + r else 0.0
    print(f"TimeBank event triggers ({len(docs)} documents): P {p:.3f}  R {r:.3f}  F1 {f:.3f}  (tp {tp}, fp {fp})")
    for cls in sorted(total_by):
        print(f"  {cls:<12} recall {found_by[cls] / total_by[cls]:.3f}  ({found_by[cls]}/{total_by[cls]})")
    if args.misses:
        print("missed:", ", ".join(f"{w} {n}" for w, n in missed.most_common(args.misses)))
        print("spurious:", ", ".join(f"{w} {n}" for w, n in spurious.most_common(args.misses)))


if __name__ == "__main__":
    main()
