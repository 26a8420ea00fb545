"""Keeping the store in step with a build without rebuilding it: only the graphs that changed are written.

Each graph of a build (one per article, and the default graph of entities and events) has a content hash; the
build's manifest keeps the hashes the store holds. A new build replaces the graphs whose hash changed, adds new
articles' graphs, removes the graphs of articles no longer in the build, and leaves the rest alone. Every
replacement is one transaction; the manifest is written after them, so a run stopped half-way is finished by
the next one.
"""

from __future__ import annotations

import hashlib
from collections import defaultdict
from collections.abc import Sequence
from pathlib import Path

import pyoxigraph as ox

from kg.graph.store import open_store, write_store

DEFAULT_KEY = "default"


def graph_hashes(quads: Sequence[ox.Quad]) -> dict[str, str]:
    """A hash of each graph's content, by graph name ("default" for the default graph)."""
    digests: dict[str, hashlib._Hash] = defaultdict(hashlib.sha256)
    for q in quads:  # sorted by the builder, so the same graph always hashes the same
        name = DEFAULT_KEY if isinstance(q.graph_name, ox.DefaultGraph) else q.graph_name.value
        digests[name].update(f"{q.subject} {q.predicate} {q.object}\n".encode())
    return {name: d.hexdigest()[:32] for name, d in sorted(digests.items())}


def update_store(quads: Sequence[ox.Quad], path: Path, before: dict[str, str]) -> tuple[dict[str, str], int]:
    """Bring the store at ``path`` to ``quads``; ``before`` are the hashes it holds (from the last manifest).
    Returns the new hashes and how many graphs were written or removed."""
    after = graph_hashes(quads)
    if not path.exists() or not before:
        write_store(quads, path)
        return after, len(after)
    by_graph: dict[str, list[ox.Quad]] = defaultdict(list)
    for q in quads:
        name = DEFAULT_KEY if isinstance(q.graph_name, ox.DefaultGraph) else q.graph_name.value
        by_graph[name].append(q)
    store = open_store(path, read_only=False)
    changed = 0
    try:
        for name, digest in after.items():
            if before.get(name) == digest:
                continue
            if name == DEFAULT_KEY:
                store.replace_default(by_graph[name])
            else:
                store.replace_article(ox.NamedNode(name), by_graph[name])
            changed += 1
        for name in sorted(set(before) - set(after)):
            if name != DEFAULT_KEY:
                store.remove_article(ox.NamedNode(name))
                changed += 1
        store.flush()
    finally:
        del store
    return after, changed
