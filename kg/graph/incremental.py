"""Keeping the store in step with a build without rebuilding it: only the graphs that changed are written.

Each graph of a build (one per article, and the default graph of entities and events) has a content hash; the
build's manifest keeps the hashes the store holds. A new build replaces the graphs whose hash changed, adds new
articles' graphs, removes the graphs of articles no longer in the build (and any graph the manifest does not
list), and leaves the rest alone. Every replacement is one transaction; :mod:`kg.publish` runs this on a staged
copy of the store, so a run stopped half-way leaves the store in use as it was.
"""

from __future__ import annotations

from pathlib import Path

import pyoxigraph as ox

from kg.graph.quads import DEFAULT, DEFAULT_KEY, GraphSet
from kg.graph.store import open_store, write_store

#: Graphs of more triples than this are updated by their difference, not replaced whole.
LARGE = 20_000


def update_store(graph: GraphSet, path: Path, before: dict[str, str]) -> tuple[dict[str, str], int]:
    """Bring the store at ``path`` to ``graph``; ``before`` are the hashes it holds (from the last manifest).
    Returns the new hashes and how many graphs were written or removed."""
    after = graph.hashes()
    if not path.exists() or not before:
        write_store(graph.nquad_chunks(), path)
        return after, len(after)
    store = open_store(path, read_only=False)
    changed = 0
    try:
        for name, digest in after.items():
            if before.get(name) == digest:
                continue
            term = DEFAULT if name == DEFAULT_KEY else f"<{name}>"
            triples = graph.graphs[term]
            if len(triples) > LARGE:
                store.update_graph(term, triples)  # the corpus's default graph: a few of its triples change
            else:
                store.replace_graph(term, triples)
            changed += 1
        # graphs of articles no longer in the build, and any the manifest does not list (left by a stopped run)
        gone = {name for name in before if name != DEFAULT_KEY} | {g.value for g in store.articles()}
        for name in sorted(gone - set(after)):
            store.remove_article(ox.NamedNode(name))
            changed += 1
        store.flush()
    finally:
        del store
    return after, changed
