"""kg's entities against ECB+: named-mention recall and coreference of people, organisations and places,
within each article and across the articles of a topic.

    python bench/quality/ecbplus.py ../shared/data/dev/ecbplus [--topics 1-35] [-v]

Gold: the entity mentions of ECB+ (``HUMAN_PART_PER`` people, ``HUMAN_PART_ORG`` organisations,
``HUMAN_PART_GPE`` and ``LOC_*`` places) in the sentences ``ECBplus_coreference_sentences.csv`` lists; a
chain is a ``CROSS_DOC_COREF`` instance or an ``INTRA_DOC_COREF`` chain, any other mention its own chain.
Only *named* mentions are scored (one with a capitalised word that is no stop word, and, in a headline or first
in its sentence, no common English word: "Tara Reid", "Promises Treatment Center", not "her rep", "herself" or
a headline's "Woman"), since kg links names.

System: each topic's articles (tokens joined back into text, one sentence a line) built by kg as one corpus;
every mention of a person, organisation or place entity that is a name (not a pronoun or a role phrase) in
those sentences. A system mention is a gold mention's twin when it holds the gold mention's head and at
most half of its tokens lie outside it; a gold mention's head is the last word of the first run of capitalised
words in it ("the Promises Treatment Center in Malibu, California": Center). Named-mention recall: gold named
mentions with a twin in a kg entity.
Coreference: MUC, B-cubed and CEAF-e, and CoNLL F1 their mean F1, within each article (chains cut at article
bounds) and across the articles of a topic; twice: over all of kg's name mentions (twinless ones, names the
annotators left out, count against precision), and over the gold named mentions kg found (its twins; the
mentions it missed still count against recall).
"""

from __future__ import annotations

import argparse
import csv
import sys
import xml.etree.ElementTree as ET
from collections import defaultdict
from collections.abc import Iterable
from dataclasses import dataclass
from pathlib import Path

from spacy.lang.en.stop_words import STOP_WORDS
from spacy.language import Language

from kg.extract import extract, load_pipeline
from kg.extract.casing import headline_lines
from kg.lexicon import is_common
from kg.model import COREF, PRONOUNS, ROLE_PHRASE, Article, Extraction
from kg.resolve import resolve

KINDS = {"HUMAN_PART_PER": "Person", "HUMAN_PART_ORG": "Organization", "HUMAN_PART_GPE": "Place"}
_NO_SPACE_BEFORE = {",", ".", ";", ":", "!", "?", ")", "]", "'s", "n't", "'", "''", "%"}
_NO_SPACE_AFTER = {"(", "[", "``", "$"}


@dataclass(frozen=True, slots=True)
class GoldMention:
    doc: str
    tokens: tuple[int, ...]  # token ids
    kind: str
    chain: str
    named: bool
    head: int  # the last token of the mention's first run of capitalised words, else its last token


@dataclass
class Doc:
    name: str
    text: str
    spans: dict[int, tuple[int, int]]  # token id -> char span
    sentence: dict[int, int]  # token id -> sentence number
    mentions: list[GoldMention]
    selected: set[int]  # the sentences annotated


def _kind(tag: str) -> str | None:
    return KINDS.get(tag) or ("Place" if tag.startswith("LOC_") else None)


def read_doc(path: Path, selected: set[int]) -> Doc:
    root = ET.parse(path).getroot()  # noqa: S314  local, trusted research data
    name = path.stem
    tokens = [(int(t.get("t_id", "0")), int(t.get("sentence", "0")), t.text or "") for t in root.iter("token")]
    parts: list[str] = []
    spans: dict[int, tuple[int, int]] = {}
    sentence: dict[int, int] = {}
    words: dict[int, str] = {}
    pos, last_sentence, last_word = 0, None, ""
    # a sentence that is a web address (ECB+ keeps the page's as its first line) is written without spaces
    first_word: dict[int, str] = {}
    for _tid, sent, word in tokens:
        first_word.setdefault(sent, word)
    address = {sent for sent, word in first_word.items() if word.lower().startswith(("http", "www."))}
    for tid, sent, word in tokens:
        if last_sentence is not None:
            gap = "\n" if sent != last_sentence else ""
            if not gap and sent not in address and word not in _NO_SPACE_BEFORE and last_word not in _NO_SPACE_AFTER:
                gap = " "
            parts.append(gap)
            pos += len(gap)
        spans[tid] = (pos, pos + len(word))
        sentence[tid] = sent
        words[tid] = word
        parts.append(word)
        pos += len(word)
        last_sentence, last_word = sent, word
    markables = root.find("Markables")
    chain_of: dict[int, str] = {}
    instance: dict[int, str] = {}
    found: list[tuple[int, str, tuple[int, ...]]] = []
    for node in markables if markables is not None else []:
        mid = int(node.get("m_id", "0"))
        anchors = tuple(int(a.get("t_id", "0")) for a in node.iter("token_anchor"))
        if not anchors:
            instance[mid] = node.get("instance_id", "") or f"{name}:{mid}"
        else:
            found.append((mid, node.tag, anchors))
    relations = root.find("Relations")
    for rel in relations if relations is not None else []:
        targets = [int(t.get("m_id", "0")) for t in rel.iter("target")]
        chain = instance.get(targets[0], "") if rel.tag == "CROSS_DOC_COREF" and targets else ""
        chain = chain or f"{name}:{rel.get('r_id')}"
        for src in rel.iter("source"):
            chain_of[int(src.get("m_id", "0"))] = chain
    text = "".join(parts)
    heads = headline_lines(text)
    headline = {sentence[t] for t, (a, _) in spans.items() if any(s <= a < e for s, e in heads)}
    mentions = []
    for mid, tag, anchors in found:
        kind = _kind(tag)
        if kind is None or sentence[anchors[0]] not in selected:
            continue
        named = any(_named_token(words[t], sentence, tokens, t, sentence[t] in headline) for t in anchors)
        chain = chain_of.get(mid, f"{name}:m{mid}")
        mentions.append(GoldMention(name, anchors, kind, chain, named, _head(anchors, words)))
    return Doc(name, text, spans, sentence, mentions, selected)


def _head(anchors: tuple[int, ...], words: dict[int, str]) -> int:
    """ "the Promises Treatment Center in Malibu, California": "Center", the end of the first name in it."""
    run: list[int] = []
    for t in anchors:
        if words[t][:1].isupper():
            run.append(t)
        elif run:
            break
    return run[-1] if run else anchors[-1]


def _named_token(
    word: str, sentence: dict[int, int], tokens: list[tuple[int, int, str]], tid: int, headline: bool
) -> bool:
    if not word[:1].isupper() or word.lower() in STOP_WORDS or word.isupper() and len(word) == 1:
        return False
    first = tid == 1 or sentence.get(tid - 1) != sentence[tid]
    if (headline or first) and is_common(word.lower()):
        return False  # "Woman", "Suspect", "DRIVER" in a headline: a noun, not a name
    return not first or (tid + 1 in sentence and sentence[tid + 1] == sentence[tid] and _cap(tokens, tid + 1))


def _cap(tokens: list[tuple[int, int, str]], tid: int) -> bool:
    return any(t == tid and w[:1].isupper() for t, _, w in tokens[tid - 2 : tid + 1])


def read_corpus(folder: Path, topics: set[int]) -> dict[int, list[Doc]]:
    selected: dict[str, set[int]] = defaultdict(set)
    with (folder / "ECBplus_coreference_sentences.csv").open(encoding="utf-8") as f:
        for row in csv.DictReader(f):
            selected[f"{row['Topic']}_{row['File']}"].add(int(row["Sentence Number"]))
    corpus: dict[int, list[Doc]] = {}
    for topic in sorted(topics):
        paths = sorted((folder / str(topic)).glob("*.xml"))
        corpus[topic] = [read_doc(p, selected.get(p.stem, set())) for p in paths if p.stem in selected]
    return corpus


# --- scores ------------------------------------------------------------------------------------------------

Clusters = list[frozenset[str]]


def muc(key: Clusters, response: Clusters) -> tuple[float, float]:
    def recall(k: Clusters, r: Clusters) -> float:
        where = {m: i for i, c in enumerate(r) for m in c}
        num = den = 0
        for c in k:
            parts = {where.get(m, ("alone", m)) for m in c}
            num += len(c) - len(parts)
            den += len(c) - 1
        return num / den if den else 0.0

    return recall(key, response), recall(response, key)


def b_cubed(key: Clusters, response: Clusters) -> tuple[float, float]:
    def recall(k: Clusters, r: Clusters) -> float:
        where = {m: c for c in r for m in c}
        total = sum(len(c) for c in k)
        score = sum(len(c & where.get(m, frozenset())) / len(c) for c in k for m in c)
        return score / total if total else 0.0

    return recall(key, response), recall(response, key)


def ceaf_e(key: Clusters, response: Clusters) -> tuple[float, float]:
    where: dict[str, list[int]] = defaultdict(list)
    for j, c in enumerate(response):
        for m in c:
            where[m].append(j)
    edges: dict[int, set[int]] = {i: {j for m in c for j in where.get(m, ())} for i, c in enumerate(key)}
    best = 0.0
    for keys, resps in _components(edges):
        matrix = [[2 * len(key[i] & response[j]) / (len(key[i]) + len(response[j])) for j in resps] for i in keys]
        best += _assignment(matrix)
    return (best / len(key) if key else 0.0), (best / len(response) if response else 0.0)


def _components(edges: dict[int, set[int]]) -> Iterable[tuple[list[int], list[int]]]:
    back: dict[int, set[int]] = defaultdict(set)
    for i, js in edges.items():
        for j in js:
            back[j].add(i)
    seen: set[int] = set()
    for start, js in edges.items():
        if start in seen or not js:
            continue
        keys, resps, todo = {start}, set(), [start]
        seen.add(start)
        while todo:
            i = todo.pop()
            for j in edges[i]:
                if j not in resps:
                    resps.add(j)
                    for i2 in back[j] - keys:
                        keys.add(i2)
                        seen.add(i2)
                        todo.append(i2)
        yield sorted(keys), sorted(resps)


def _assignment(matrix: list[list[float]]) -> float:
    """The largest total of a one-to-one assignment of rows to columns (Hungarian method)."""
    n = max(len(matrix), len(matrix[0]))
    big = max(max(row) for row in matrix) if matrix else 0.0
    cost = [
        [big - (matrix[i][j] if i < len(matrix) and j < len(matrix[0]) else 0.0) for j in range(n)] for i in range(n)
    ]
    u, v, p, way = [0.0] * (n + 1), [0.0] * (n + 1), [0] * (n + 1), [0] * (n + 1)
    for i in range(1, n + 1):
        p[0], j0 = i, 0
        minv, used = [float("inf")] * (n + 1), [False] * (n + 1)
        while True:
            used[j0] = True
            i0, delta, j1 = p[j0], float("inf"), 0
            for j in range(1, n + 1):
                if not used[j]:
                    cur = cost[i0 - 1][j - 1] - u[i0] - v[j]
                    if cur < minv[j]:
                        minv[j], way[j] = cur, j0
                    if minv[j] < delta:
                        delta, j1 = minv[j], j
            for j in range(n + 1):
                if used[j]:
                    u[p[j]] += delta
                    v[j] -= delta
                else:
                    minv[j] -= delta
            j0 = j1
            if p[j0] == 0:
                break
        while j0:
            j1 = way[j0]
            p[j0] = p[j1]
            j0 = j1
    total = 0.0
    for j in range(1, n + 1):
        i = p[j] - 1
        if i < len(matrix) and j - 1 < len(matrix[0]):
            total += matrix[i][j - 1]
    return total


def f1(p: float, r: float) -> float:
    return 2 * p * r / (p + r) if p + r else 0.0


def conll(key: Clusters, response: Clusters) -> tuple[float, dict[str, tuple[float, float, float]]]:
    parts = {}
    for name, metric in (("MUC", muc), ("B3", b_cubed), ("CEAF-e", ceaf_e)):
        r, p = metric(key, response)
        parts[name] = (p, r, f1(p, r))
    return sum(v[2] for v in parts.values()) / 3, parts


# --- kg's side -----------------------------------------------------------------------------------------------


def system_side(topic_docs: list[Doc], nlp: Language) -> tuple[dict[str, set[str]], dict[str, str]]:
    """kg's clusters over the topic: (entity -> mention ids, gold twin of each matched mention id, named gold
    mentions found). Mention ids are gold ids ("doc:t1-t2") for twins, else kg's own."""
    articles = [Article(d.name, d.name, d.text, "") for d in topic_docs]
    extractions = [r for r in extract(articles, nlp) if isinstance(r, Extraction)]
    res = resolve(extractions)
    by_doc = {d.name: d for d in topic_docs}
    clusters: dict[str, set[str]] = defaultdict(set)
    twins: dict[str, str] = {}
    for entity in res.entities:
        if entity.kind not in ("Person", "Organization") and not _is_place(entity.kind):
            continue
        for m in entity.mentions:
            if m.prov.extractor in (PRONOUNS, ROLE_PHRASE, COREF) or m.label in ("ROLE", "PRON"):
                continue
            doc = by_doc[m.prov.doc_id]
            toks = [t for t, (s, e) in doc.spans.items() if s < m.prov.end and m.prov.start < e]
            if not toks or doc.sentence[toks[0]] not in doc.selected:
                continue
            gold = _twin(doc, set(toks))
            mid = gold if gold is not None else f"{doc.name}:kg{m.prov.start}-{m.prov.end}"
            clusters[entity.key].add(mid)
            if gold is not None:
                twins[mid] = entity.key
    return clusters, twins


def _is_place(kind: str) -> bool:
    return kind in ("Place", "Country", "City", "Region", "Facility")


def _gold_id(m: GoldMention) -> str:
    return f"{m.doc}:{m.tokens[0]}-{m.tokens[-1]}"


def _twin(doc: Doc, toks: set[int]) -> str | None:
    for m in doc.mentions:
        if m.named and m.head in toks and len(toks - set(m.tokens)) * 2 <= len(toks):
            return _gold_id(m)
    return None


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("folder", type=Path, help="the ECB+ folder (topic folders and the sentence list)")
    parser.add_argument("--topics", default="1-35", help="a range of topics, e.g. 1-35 or 3-3")
    parser.add_argument("-v", "--verbose", action="store_true", help="print the named gold mentions kg misses")
    args = parser.parse_args(argv)
    low, _, high = args.topics.partition("-")
    corpus = read_corpus(args.folder, set(range(int(low), int(high or low) + 1)))
    nlp = load_pipeline()
    key_cross: Clusters = []
    resp_cross: Clusters = []
    named = found = 0
    by_kind: dict[str, list[int]] = defaultdict(lambda: [0, 0])
    for topic, docs in corpus.items():
        gold_chains: dict[str, set[str]] = defaultdict(set)
        for d in docs:
            for m in d.mentions:
                if m.named:
                    gold_chains[f"{topic}:{m.chain}"].add(_gold_id(m))
        clusters, twins = system_side(docs, nlp)
        key_cross.extend(frozenset(c) for c in gold_chains.values())
        resp_cross.extend(frozenset(c) for c in clusters.values())
        for d in docs:
            for m in d.mentions:
                if m.named:
                    named += 1
                    hit = _gold_id(m) in twins
                    found += hit
                    by_kind[m.kind][0] += hit
                    by_kind[m.kind][1] += 1
                    if args.verbose and not hit:
                        words = " ".join(d.text[slice(*d.spans[t])] for t in m.tokens)
                        print(f"  missed {d.name} {m.kind}: {words}")
    twins_only = [frozenset(m for m in c if ":kg" not in m) for c in resp_cross]
    twins_only = [c for c in twins_only if c]
    print(f"ECB+ topics {args.topics} ({sum(len(d) for d in corpus.values())} articles, {named} named gold mentions)")
    print(f"  named-mention recall {found / named:.3f} ({found}/{named})" if named else "  no named mentions")
    for kind, (hit, total) in sorted(by_kind.items()):
        print(f"    {kind:<13} {hit / total:.3f} ({hit}/{total})")
    for mentions, resp_all in (("kg's names", resp_cross), ("gold names kg found", twins_only)):
        print(f"  coreference over {mentions}:")
        for label, key, resp in (
            ("within-document", _split(key_cross), _split(resp_all)),
            ("cross-document", key_cross, resp_all),
        ):
            score, parts = conll(key, resp)
            detail = "  ".join(f"{n} P {p:.3f} R {r:.3f} F1 {f:.3f}" for n, (p, r, f) in parts.items())
            print(f"    {label:<16} CoNLL F1 {score:.3f}  ({detail})")
    return 0


def _split(clusters: Clusters) -> Clusters:
    """Chains cut at article bounds (a mention id starts with its article's name)."""
    out: Clusters = []
    for c in clusters:
        by_doc: dict[str, set[str]] = defaultdict(set)
        for m in c:
            by_doc[m.split(":", 1)[0]].add(m)
        out.extend(frozenset(v) for v in by_doc.values())
    return out


if __name__ == "__main__":
    sys.exit(main())
