"""kg's pronouns and descriptions (rule kg.coref.v1) against ECB+'s entity coreference within each article.

    python bench/quality/ecbplus_coref.py ../shared/data/dev/ecbplus [--topics 1-35] [-v]

Gold: ECB+'s person, organisation and place mentions in the annotated sentences (as ``ecbplus.py`` reads them),
each in its chain (a ``CROSS_DOC_COREF`` instance or an ``INTRA_DOC_COREF`` chain).
System: each mention kg.coref.v1 made (a pronoun, "she"; a description, "the actress"), with the name it stands
for (its antecedent). A link is scored when both ends are in annotated sentences and each holds a gold mention
(the pronoun's token; the description's head noun; the name's head): right when the two gold mentions are in
one chain, wrong when not. A link with an end on no gold mention is counted apart (ECB+ annotates only the
participants of its events, so "unscored" says nothing of right or wrong).
Recall: the gold pronouns ("he", "she", "his", "her", "him", "himself", "herself", "hers") and descriptions
(non-named mentions) whose chain holds a named gold mention before them in the article; found when kg linked
them to a name in that chain.
"""

from __future__ import annotations

import argparse
import sys
from collections import Counter
from pathlib import Path

from ecbplus import Doc, GoldMention, read_corpus

from kg.extract import extract, load_pipeline
from kg.model import COREF, Article, Extraction

PRONOUNS = frozenset({"he", "she", "his", "her", "him", "himself", "herself", "hers"})


def _gold_at(doc: Doc, start: int, end: int) -> GoldMention | None:
    toks = {t for t, (s, e) in doc.spans.items() if s < end and start < e}
    if not toks:
        return None
    hits = [m for m in doc.mentions if m.head in toks or set(m.tokens) <= toks]
    return min(hits, key=lambda m: len(m.tokens)) if hits else None


def _head_span(text: str, start: int) -> tuple[int, int]:
    """The last word of a description ("the 42-year-old actress" -> "actress")."""
    last = text.split()[-1]
    at = start + text.rfind(last)
    return at, at + len(last)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("folder", type=Path)
    parser.add_argument("--topics", default="1-35")
    parser.add_argument("-v", "--verbose", action="store_true", help="print every scored link, right or wrong")
    args = parser.parse_args(argv)
    low, _, high = args.topics.partition("-")
    corpus = read_corpus(args.folder, set(range(int(low), int(high or low) + 1)))
    nlp = load_pipeline()
    counts: Counter[str] = Counter()
    found_gold: set[tuple[str, int]] = set()
    for docs in corpus.values():
        by_name = {d.name: d for d in docs}
        articles = [Article(d.name, d.name, d.text, "") for d in docs]
        for ex in extract(articles, nlp):
            if not isinstance(ex, Extraction):
                continue
            doc = by_name[ex.article.id]
            for m in ex.mentions:
                if m.prov.extractor != COREF or m.antecedent is None:
                    continue
                kind = "pronoun" if m.label == "PRON" else "description"
                counts[f"{kind} links"] += 1
                end = _head_span(m.text, m.prov.start) if kind == "description" else (m.prov.start, m.prov.end)
                gold = _gold_at(doc, *end)
                name = _gold_at(doc, *m.antecedent)
                if gold is None or name is None:
                    counts[f"{kind} unscored"] += 1
                    continue
                right = gold.chain == name.chain
                counts[f"{kind} {'right' if right else 'wrong'}"] += 1
                if right:
                    found_gold.add((doc.name, gold.tokens[0]))
                if args.verbose:
                    ante = doc.text[m.antecedent[0] : m.antecedent[1]]
                    print(f"  {'right' if right else 'WRONG'} {doc.name} {m.text!r} -> {ante!r}: {_context(doc, m)}")
        for d in docs:
            words = {t: d.text[s:e] for t, (s, e) in d.spans.items()}
            named_start = {}
            for g in d.mentions:
                if g.named:
                    named_start[g.chain] = min(named_start.get(g.chain, g.tokens[0]), g.tokens[0])
            for g in d.mentions:
                if g.named or g.chain not in named_start or named_start[g.chain] >= g.tokens[0]:
                    continue
                kind = "pronoun" if len(g.tokens) == 1 and words[g.tokens[0]].lower() in PRONOUNS else "description"
                if kind == "description" and len(g.tokens) == 1 and words[g.tokens[0]].lower() in ("who", "which"):
                    continue
                counts[f"{kind} gold"] += 1
                counts[f"{kind} found"] += (d.name, g.tokens[0]) in found_gold
    print(f"ECB+ topics {args.topics}, kg.coref.v1 links:")
    for kind in ("pronoun", "description"):
        right, wrong = counts[f"{kind} right"], counts[f"{kind} wrong"]
        p = right / (right + wrong) if right + wrong else 0.0
        gold, found = counts[f"{kind} gold"], counts[f"{kind} found"]
        r = found / gold if gold else 0.0
        print(
            f"  {kind}s: {counts[f'{kind} links']} links, scored {right + wrong}: precision {p:.3f} "
            f"({right} right, {wrong} wrong; {counts[f'{kind} unscored']} unscored); recall {r:.3f} ({found}/{gold})"
        )
    return 0


def _context(doc: Doc, m: object) -> str:
    start = m.prov.start  # type: ignore[attr-defined]
    return doc.text[max(0, start - 80) : start + 40].replace("\n", " ")


if __name__ == "__main__":
    sys.path.insert(0, str(Path(__file__).parent))
    sys.exit(main())
