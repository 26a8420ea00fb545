"""Benchmark: the embedded Oxigraph store against plain rdflib on a graph of about a million triples.

    python bench/store/bench_store.py                          # builds tests/data/bbc/politics, replicates it
    python bench/store/bench_store.py --graph out/graph.ttl    # replicates a graph kg build wrote
    python bench/store/bench_store.py --articles ../bbc/politics --triples 2000000

A small real graph is replicated until it holds ``--triples`` triples: each copy gets its own articles, sentences
and mentions (their IRIs get a ``cN-`` prefix) while the entities stay shared, so that mention counts grow as in a
bigger corpus. Both engines then get the same Turtle file and do the same work: load it, run the same query texts
(the union of the graphs, no GRAPH clause, since a plain rdflib Graph has no named graphs; best of three runs)
and write Turtle.

The evidence query is run twice: as written (ORDER BY ?article) and sorting on a key bound once per row that
orders as ?article does. pyoxigraph 0.5.13 evaluates ORDER BY expressions at every comparison of the sort, and
the on-disk store reads an IRI's string from RocksDB each time (about 2 n log2 n reads for n rows); the key,
a string the store does not hold, is kept in the query's memory instead. Both formulations must give the same
answer (the first 1,000 rows by article; which rows of the last article, and in what order, ORDER BY ?article
leaves open): the benchmark checks every engine's answer to both against the full, unlimited answer.
"""

from __future__ import annotations

import argparse
import gc
import math
import sys
import tempfile
import time
from collections import Counter
from collections.abc import Callable, Sequence
from pathlib import Path

import pyoxigraph as ox

from kg.graph.iri import DATA_NS
from kg.graph.terms import PREFIXES

ROOT = Path(__file__).resolve().parents[2]
PER_COPY = tuple(f"{DATA_NS}{kind}/" for kind in ("article", "sentence", "mention"))
HEADER = "\n".join(f"PREFIX {p}: <{ns}>" for p, ns in PREFIXES.items()) + "\n"

EVIDENCE = "evidence: sentences of one entity"
EVIDENCE_KEYED = "evidence, sorted on a key bound per row"
LIMIT = 1000

QUERIES = {
    "entities by type, with mentions": """
        SELECT ?type ?entity ?label (COUNT(?mention) AS ?mentions) WHERE {
          ?entity a ?type ; rdfs:label ?label .
          ?mention kg:refersTo ?entity .
        } GROUP BY ?type ?entity ?label ORDER BY DESC(?mentions) LIMIT 20""",
    "everything about one entity": """
        SELECT ?p ?o WHERE {
          ?entity rdfs:label "{name}" .
          { ?entity ?p ?o } UNION { ?o ?p ?entity FILTER(?p != kg:refersTo) }
        }""",
    EVIDENCE: """
        SELECT ?article ?text WHERE {
          ?entity rdfs:label "{name}" .
          ?mention kg:refersTo ?entity ; kg:inSentence ?s ; kg:inArticle ?article .
          ?s kg:text ?text .
        } ORDER BY ?article LIMIT 1000""",
    EVIDENCE_KEYED: """
        SELECT ?article ?text WHERE {
          ?entity rdfs:label "{name}" .
          ?mention kg:refersTo ?entity ; kg:inSentence ?s ; kg:inArticle ?article .
          ?s kg:text ?text .
          BIND(CONCAT("~", STR(?article)) AS ?key)
        } ORDER BY ?key LIMIT 1000""",
}
#: The evidence query's full answer, without LIMIT: what both formulations are checked against.
EVIDENCE_ALL = QUERIES[EVIDENCE].replace(f" LIMIT {LIMIT}", "")
Row = tuple[str, ...]


def source_quads(graph: Path | None, articles: Path) -> list[ox.Quad]:
    if graph is not None:
        from kg.graph.io import read_quads

        return read_quads(graph)
    import kg

    print(f"building {articles} ...", file=sys.stderr)
    return kg.build([articles], out=None, view=False).quads


def rename(term: ox.NamedNode, copy: int) -> ox.NamedNode:
    for base in PER_COPY:
        if term.value.startswith(base):
            return ox.NamedNode(f"{base}c{copy}-{term.value[len(base) :]}")
    return term


def replicate(quads: Sequence[ox.Quad], target: int) -> list[ox.Triple]:
    """Copies of ``quads`` (the union of their graphs), entity IRIs shared, per-article IRIs renamed per copy."""
    triples = list({ox.Triple(q.subject, q.predicate, q.object) for q in quads})
    per_copy = [
        t
        for t in triples
        if any(isinstance(x, ox.NamedNode) and x.value.startswith(PER_COPY) for x in (t.subject, t.object))
    ]
    shared = len(triples) - len(per_copy)
    copies = max(1, math.ceil((target - shared) / max(len(per_copy), 1)))
    out = list(triples)
    for c in range(1, copies):
        for t in per_copy:
            s = rename(t.subject, c) if isinstance(t.subject, ox.NamedNode) else t.subject
            o = rename(t.object, c) if isinstance(t.object, ox.NamedNode) else t.object
            out.append(ox.Triple(s, t.predicate, o))
    return out


def timed(fn: Callable[[], object]) -> tuple[float, object]:
    gc.collect()
    start = time.perf_counter()
    result = fn()
    return time.perf_counter() - start, result


def best_of(n: int, fn: Callable[[], object]) -> tuple[float, object]:
    runs = [timed(fn) for _ in range(n)]
    return min(t for t, _ in runs), runs[-1][1]


def ox_rows(solutions: object) -> list[Row]:
    """pyoxigraph's solutions as tuples of strings (IRIs and lexical forms; "" when unbound)."""
    return [tuple("" if t is None else t.value for t in row) for row in solutions]  # type: ignore[attr-defined]


def valid_evidence(rows: Sequence[Row], everything: Sequence[Row], limit: int = LIMIT) -> bool:
    """Whether ``rows`` (article, text) answers the evidence query, whose full answer, without LIMIT and sorted by
    article, is ``everything``: its first rows, the same articles in the same order, every article's rows as in
    ``everything`` except the last one's, of which ORDER BY ?article ... LIMIT leaves open which rows come."""
    n = len(rows)
    if n != min(len(everything), limit) or [r[0] for r in rows] != [r[0] for r in everything[:n]]:
        return False
    if not rows:
        return True
    last = rows[-1][0]
    whole = Counter(r for r in rows if r[0] != last) == Counter(r for r in everything[:n] if r[0] != last)
    return whole and Counter(r for r in rows if r[0] == last) <= Counter(r for r in everything if r[0] == last)


def bench_oxigraph(ttl: Path, name: str, work: Path) -> tuple[dict[str, float], dict[str, list[Row]], list[Row]]:
    """Seconds per step, the rows of each query, and the evidence query's full answer (sorted, no LIMIT)."""
    times, answers = {}, {}
    store = ox.Store(str(work / "store"))

    def fill() -> None:  # as kg build's write_store does: bulk load, then compact
        store.bulk_load(path=str(ttl), format=ox.RdfFormat.TURTLE)
        store.optimize()

    times["load Turtle file"], _ = timed(fill)
    for label, q in QUERIES.items():
        text = HEADER + q.replace("{name}", name)
        times[label], rows = best_of(3, lambda text=text: list(store.query(text)))  # type: ignore[misc,arg-type]
        answers[label] = ox_rows(rows)
    everything = ox_rows(store.query(HEADER + EVIDENCE_ALL.replace("{name}", name)))
    times["write Turtle"], _ = timed(
        lambda: store.dump(
            str(work / "ox.ttl"), format=ox.RdfFormat.TURTLE, from_graph=ox.DefaultGraph(), prefixes=PREFIXES
        )
    )
    return times, answers, everything


def bench_rdflib(ttl: Path, name: str, work: Path) -> tuple[dict[str, float], dict[str, list[Row]]]:
    from rdflib import Graph

    times, answers = {}, {}
    graph = Graph()
    times["load Turtle file"], _ = timed(lambda: graph.parse(str(ttl), format="turtle"))
    for label, q in QUERIES.items():
        text = HEADER + q.replace("{name}", name)
        times[label], rows = best_of(3, lambda text=text: list(graph.query(text)))  # type: ignore[misc]
        answers[label] = [tuple("" if t is None else str(t) for t in row) for row in rows]  # type: ignore[attr-defined]
    for prefix, ns in PREFIXES.items():
        graph.bind(prefix, ns)
    times["write Turtle"], _ = timed(lambda: graph.serialize(str(work / "rdflib.ttl"), format="turtle"))
    return times, answers


def main(argv: Sequence[str] | None = None) -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--graph", type=Path, help="a graph file written by kg build (.ttl, .trig, .nq)")
    parser.add_argument(
        "--articles",
        type=Path,
        default=ROOT / "tests/data/bbc/politics",
        help="articles to build when no --graph is given",
    )
    parser.add_argument("--triples", type=int, default=1_000_000, help="size of the replicated graph")
    parser.add_argument("--name", help="the entity the lookups look for (default: the most mentioned person)")
    parser.add_argument("--skip-rdflib", action="store_true", help="time pyoxigraph only")
    args = parser.parse_args(argv)

    quads = source_quads(args.graph, args.articles)
    triples = replicate(quads, args.triples)
    name = args.name or most_mentioned(quads)
    with tempfile.TemporaryDirectory(prefix="kg-bench-") as tmp:
        work = Path(tmp)
        ttl = work / "graph.ttl"
        data = ox.serialize(triples, format=ox.RdfFormat.N_TRIPLES)  # N-Triples is Turtle
        ttl.write_bytes(data or b"")
        print(
            f"{len(quads):,} quads -> {len(triples):,} triples ({ttl.stat().st_size / 1e6:.0f} MB); "
            f"lookups for {name!r}",
            file=sys.stderr,
        )
        del data, triples
        ox_times, ox_answers, everything = bench_oxigraph(ttl, name, work)
        rd_times: dict[str, float] = {}
        rd_answers: dict[str, list[Row]] = {}
        if not args.skip_rdflib:
            rd_times, rd_answers = bench_rdflib(ttl, name, work)
    for label in QUERIES:
        if rd_answers and len(ox_answers[label]) != len(rd_answers[label]):
            print(
                f"warning: {label}: {len(ox_answers[label])} rows in pyoxigraph, {len(rd_answers[label])} in rdflib",
                file=sys.stderr,
            )
    for engine, answers in (("pyoxigraph", ox_answers), ("rdflib", rd_answers)):
        for label in (EVIDENCE, EVIDENCE_KEYED):
            if label in answers and not valid_evidence(answers[label], everything):
                print(f"warning: {label}: {engine}'s rows are not an answer of the evidence query", file=sys.stderr)
    print("| step | rows | pyoxigraph (s) | rdflib (s) | rdflib / pyoxigraph |\n|---|---:|---:|---:|---:|")
    for label, t in ox_times.items():
        other = rd_times.get(label)
        ratio = f"{other / t:,.0f}x" if other is not None and t > 0 else "-"
        rows = str(len(ox_answers[label])) if label in ox_answers else ""
        print(f"| {label} | {rows} | {t:.3f} | {'-' if other is None else f'{other:.3f}'} | {ratio} |")


def most_mentioned(quads: Sequence[ox.Quad]) -> str:
    store = ox.Store()
    store.extend(quads)
    q = (
        HEADER
        + """SELECT ?label WHERE { ?e a kg:Person ; rdfs:label ?label . ?m kg:refersTo ?e }
                    GROUP BY ?label ORDER BY DESC(COUNT(?m)) ?label LIMIT 1"""
    )
    rows = list(store.query(q, use_default_graph_as_union=True))  # type: ignore[union-attr,arg-type]
    return str(rows[0]["label"].value) if rows else "Tony Blair"  # type: ignore[index,union-attr]


if __name__ == "__main__":
    main()
