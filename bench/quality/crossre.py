"""CrossRE relations, pair level: which pairs of the gold entities of a sentence kg links, co-mention excluded.

    python bench/quality/crossre.py ../shared/data/dev/crossre [--split news-dev] [--misses N]

Each sentence (its tokens joined by spaces) is an article. kg extracts and resolves the whole split as one
corpus, as ``kg build`` would; a pair of gold entities is linked when a typed relation of that sentence joins the
entities their spans are mentions of, or both take part in one event told there (as arguments or its place).
Two arguments of one event are linked when they have different roles (the agent and whom it meets, or the
place); names kg resolved to one entity ("the Social Democratic and Labour Party (SDLP)") are linked too. A gold
pair is one CrossRE relation between the two, whatever its label and direction. ``kg:mentionedWith``
(co-mention) never counts. Reports pair precision, recall and F1 per split, and the recall by CrossRE label.
"""

from __future__ import annotations

import argparse
import json
from collections import Counter, defaultdict
from itertools import combinations
from pathlib import Path

SPLITS = ("news-dev", "news-extension-dev", "politics-dev")


def read_split(path: Path) -> list[dict]:
    return [json.loads(line) for line in path.read_text(encoding="utf-8").splitlines() if line.strip()]


def offsets(tokens: list[str]) -> list[tuple[int, int]]:
    out, at = [], 0
    for t in tokens:
        out.append((at, at + len(t)))
        at += len(t) + 1
    return out


def _apart(row: dict, a: int, b: int) -> bool:
    """Two names of one entity the text gives as such: "Social Democratic and Labour Party ( SDLP )"."""
    (s1, e1, _), (s2, e2, _) = sorted((row["ner"][a], row["ner"][b]))
    words = row["sentence"]
    return e1 < s2 and words[e1 + 1 : s2] in (["("], [","], ["-"])


def score_split(rows: list[dict], show: int = 0) -> tuple[int, int, int, Counter, Counter]:
    from kg.extract import extract, load_pipeline
    from kg.model import Article, Extraction
    from kg.resolve import resolve

    nlp = load_pipeline()
    articles = [
        Article(id=f"s{i}", source=r["doc_key"], text=" ".join(r["sentence"]), title="") for i, r in enumerate(rows)
    ]
    extractions = [e for e in extract(articles, nlp) if isinstance(e, Extraction)]
    res = resolve(extractions)
    # the gold entity each (doc, entity key) stands for: its mentions overlapping a gold span
    spans: dict[str, list[tuple[int, int]]] = {}
    for i, r in enumerate(rows):
        offs = offsets(r["sentence"])
        spans[f"s{i}"] = [(offs[s][0], offs[e][1]) for s, e, _ in r["ner"]]
    gold_of: dict[tuple[str, str], set[int]] = defaultdict(set)
    for m, key in res.mention_entity.items():
        for g, (s, e) in enumerate(spans.get(m.prov.doc_id, [])):
            if m.prov.start < e and s < m.prov.end:
                gold_of[m.prov.doc_id, key].add(g)
    linked: dict[str, set[tuple[str, str]]] = defaultdict(set)
    for rel in res.relations:
        linked[rel.prov.doc_id].add((rel.subject, rel.object))
    for ev in res.events:
        roles = sorted({*ev.arguments, *([("place", ev.place)] if ev.place else [])})
        for told in ev.mentions:
            for (ra, a), (rb, b) in combinations(roles, 2):
                if ra != rb:
                    linked[told.trigger.prov.doc_id].add((a, b))
    for (doc, key), golds in gold_of.items():
        if len(golds) > 1:
            linked[doc].add((key, key))
    tp = fp = fn = 0
    found: Counter[str] = Counter()
    total: Counter[str] = Counter()
    for i, r in enumerate(rows):
        doc = f"s{i}"
        index = {(s, e): g for g, (s, e, _) in enumerate(r["ner"])}
        gold: dict[frozenset[int], str] = {}
        for s1, e1, s2, e2, label, *_ in r["relations"]:
            a, b = index.get((s1, e1)), index.get((s2, e2))
            if a is not None and b is not None and a != b:
                gold.setdefault(frozenset((a, b)), label)
        pred: set[frozenset[int]] = set()
        for x, y in linked.get(doc, ()):
            for a in gold_of.get((doc, x), ()):
                for b in gold_of.get((doc, y), ()):
                    if a != b and (x != y or _apart(r, a, b)):
                        pred.add(frozenset((a, b)))
        tp += len(pred & set(gold))
        fp += len(pred - set(gold))
        fn += len(set(gold) - pred)
        if show and (pred - set(gold) or set(gold) - pred) and i % 7 == 0 and show > 0:
            words = r["sentence"]
            name = [" ".join(words[s : e + 1]) for s, e, _ in r["ner"]]
            print("  |", " ".join(words)[:300])
            for pair in sorted(set(gold) - pred, key=sorted):
                a, b = sorted(pair)
                print(f"  | missed {gold[pair]}: {name[a]} -- {name[b]}")
            for pair in sorted(pred - set(gold), key=sorted):
                a, b = sorted(pair)
                print(f"  | spurious: {name[a]} -- {name[b]}")
        for pair, label in gold.items():
            total[label] += 1
            if pair in pred:
                found[label] += 1
    return tp, fp, fn, found, total


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("folder", type=Path)
    ap.add_argument("--split", action="append", choices=SPLITS)
    ap.add_argument("--show", type=int, default=0, help="print the misses of every 7th sentence")
    args = ap.parse_args()
    for split in args.split or SPLITS:
        rows = read_split(args.folder / f"{split}.json")
        tp, fp, fn, found, total = score_split(rows, args.show)
        p = tp / (tp + fp) if tp + fp else 0.0
        r = tp / (tp + fn) if tp + fn else 0.0
        f = 2 * p * r / (p + r) if p + r else 0.0
        print(
            f"CrossRE {split} ({len(rows)} sentences): pairs P {p:.3f}  R {r:.3f}  F1 {f:.3f}  "
            f"(tp {tp}, fp {fp}, fn {fn})"
        )
        for label in sorted(total, key=lambda x: -total[x]):
            print(f"  {label:<20} recall {found[label] / total[label]:.3f}  ({found[label]}/{total[label]})")


if __name__ == "__main__":
    main()
